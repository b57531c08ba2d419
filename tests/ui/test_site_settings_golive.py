"""Settings a site lead meets on day one: the time zone and holiday calendar (administrators, with the
appointments now on a holiday listed before confirming), the staff import with one-time PINs, a
forgotten PIN and a locked account."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from area_pages import install_area_pages
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.ui.shell.prompt import ScriptedPrompt

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def settings(site, make_window):  # type: ignore[no-untyped-def]
    def build(actor):  # type: ignore[no-untyped-def]
        window = make_window(site.services, actor)
        return install_area_pages(window).settings

    return build


def test_an_administrator_changes_the_holiday_calendar_after_a_warning(
    site, settings, prompt: ScriptedPrompt
) -> None:  # type: ignore[no-untyped-def]
    appt = site.book("eloise", "2026-04-03 10:00")  # Good Friday 2026: a working day in Paris
    tab = settings(site.admin).site
    tab.refresh(force=True)
    assert tab.save_calendar.isEnabled()
    tab.holidays.setCurrentIndex(tab.holidays.findData("57"))
    prompt.queue(False)
    assert not tab.change_calendar()  # said no: nothing changes
    assert "03/04/2026 10:00 (Vendredi saint)" in prompt.asked[-1]
    assert site.services.directory.site().holiday_subdivision is None
    prompt.queue(True)
    assert tab.change_calendar()
    assert site.services.directory.site().holiday_subdivision == "57"
    assert site.services.booking.get(appt.id).start.hour == 10  # stored times do not move
    lead_tab = settings(site.lead).site
    assert not lead_tab.save_calendar.isEnabled()  # a site lead cannot
    with pytest.raises(RuleViolation):
        site.services.site_setup.set_calendar(actor=site.lead, holidays="75")
    assert date(2026, 4, 3) not in {
        s.start.date() for s in site.services.slots.find(type_code="SUIVI", start=date(2026, 4, 2), count=40)
    }


def test_a_site_on_the_national_calendar_says_so_instead_of_an_empty_box(site, settings) -> None:  # type: ignore[no-untyped-def]
    """The demo and older files hold no department: the box was blank, as if no calendar applied."""
    assert site.services.directory.site().holiday_subdivision is None
    tab = settings(site.admin).site
    tab.refresh(force=True)
    assert tab.holidays.currentIndex() == -1  # nothing chosen: a save keeps the calendar as it is
    assert tab.holidays.currentText() == "" and "calendrier national" in tab.holidays.placeholderText()
    assert "choisissez" in tab.holidays.placeholderText()
    tab.holidays.setCurrentIndex(tab.holidays.findData("75"))
    tab.refresh(force=True)  # the stored value comes back: still the national calendar
    assert tab.holidays.currentIndex() == -1


def test_the_staff_list_is_imported_with_one_time_pins(site, settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = settings(site.admin).staff
    dialog = tab.open_import()
    dialog.path.setText(str(DATA / "staff-libreoffice.xlsx"))
    preview = dialog.preview()
    assert preview is not None and dialog.import_button.isEnabled()
    assert "5 personne(s) à ajouter, 2 ligne(s) en erreur" in dialog.message.text()
    assert len(site.services.directory.staff()) == 6  # nothing written by the preview
    assert dialog.model.index(0, 1).data() == "nouveau"
    dialog.resize(900, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    hours_at = dialog.table.columnViewportPosition(5)  # a long remark no longer pushes the hours away
    assert dialog.model.headerData(5, Qt.Orientation.Horizontal) == "Horaires"
    assert 0 < hours_at < dialog.table.viewport().width() - 100
    result = dialog.apply()
    assert dialog.model.index(0, 1).data() == "ajouté"
    assert result is not None and dialog.pins.isVisible()
    m = dialog.pins_model
    pins = {m.index(r, 0).data(): m.index(r, 2).data() for r in range(m.rowCount())}
    assert set(pins) == {"Lina Payet", "Jean-Marc Hoarau", "Sophie Grondin", "Paul Técher"}
    tab.refresh(force=True)
    lina = next(s for s in site.services.directory.staff() if s.last_name == "Payet")
    assert site.services.directory.login(staff_id=lina.id, secret=pins["Lina Payet"]).id == lina.id
    assert site.services.directory.pin_change_required(lina.id)
    assert not settings(site.lead).staff.import_button.isEnabled()


def test_a_forgotten_pin_and_a_locked_account(site, settings, prompt: ScriptedPrompt) -> None:  # type: ignore[no-untyped-def]
    karima = site.staff["karima"]
    site.services.directory.set_secret(actor=site.receptionist, staff_id=karima.id, secret="305817")
    for _ in range(3):
        with pytest.raises(RuleViolation):
            site.services.directory.login(staff_id=karima.id, secret="111119")
    tab = settings(site.admin).staff
    tab.refresh(force=True)
    tab.select_row(
        next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "Karima Haddou")
    )
    assert tab.unlock_button.isVisibleTo(tab) and tab.reset_pin_button.isEnabled()
    assert tab.unlock()
    assert site.services.directory.login(staff_id=karima.id, secret="305817").id == karima.id
    pin = tab.reset_pin()
    assert pin is not None and pin in prompt.infos[-1]
    assert site.services.directory.login(staff_id=karima.id, secret=pin).id == karima.id
    assert site.services.directory.pin_change_required(karima.id)


def test_a_person_typed_in_without_a_code_gets_a_one_time_code(
    site, settings, qtbot, prompt: ScriptedPrompt
) -> None:  # type: ignore[no-untyped-def]
    """Found in a real window: a new account saved without a code could not log in, and nothing said so."""
    tab = settings(site.admin).staff
    tab.start_new()
    tab.first_name.setText("Lina")
    qtbot.keyClicks(tab.last_name, "Hoarau")
    tab.role.setCurrentIndex(tab.role.findData(Role.COUNSELLOR.value))
    tab.pattern.lines[0].setText("journée")  # the site's hours that day, as in a staff spreadsheet
    tab.pattern.lines[1].setText("9h-12h30 13h30-17h")  # spans separated by a space
    tab.pattern.lines[2].setText("matin")
    assert tab.save()
    lina = next(s for s in site.services.directory.staff() if s.last_name == "Hoarau")
    pin = next(p for p in prompt.infos[-1].split() if p.isdigit() and len(p) >= 6)
    assert "Code provisoire de Lina Hoarau" in prompt.infos[-1]
    assert site.services.directory.login(staff_id=lina.id, secret=pin).id == lina.id
    assert site.services.directory.pin_change_required(lina.id)
    pattern = WeeklyHours.from_json(lina.working_pattern_json).to_mapping()
    assert pattern["0"] == [["09:00", "12:30"], ["13:30", "17:30"]]
    assert pattern["1"] == [["09:00", "12:30"], ["13:30", "17:00"]]
    assert pattern["2"] == [["09:00", "12:30"]]
    shown = len(prompt.infos)
    tab.start_new()
    tab.first_name.setText("Marie")
    qtbot.keyClicks(tab.last_name, "Boyer")
    tab.role.setCurrentIndex(tab.role.findData(Role.PARTNER.value))
    assert tab.save()
    assert len(prompt.infos) == shown  # a partner has no account, hence no code


def test_opening_hours_are_typed_like_a_spreadsheet_but_words_need_a_site(site, settings) -> None:  # type: ignore[no-untyped-def]
    tab = settings(site.admin).site
    tab.refresh(force=True)
    tab.hours.lines[2].setText("9h-12h 14h-16h30")
    assert tab.save_site_settings(), tab.site_error.text()
    hours = WeeklyHours.from_json(site.services.directory.site().opening_hours_json)
    assert hours.to_mapping()["2"] == [["09:00", "12:00"], ["14:00", "16:30"]]
    tab.hours.lines[3].setText("journée")  # the site's own hours cannot be "the site's hours"
    assert not tab.save_site_settings()
    assert "Horaires du jeudi illisibles" in tab.site_error.text()
