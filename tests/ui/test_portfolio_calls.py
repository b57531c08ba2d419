"""Portfolio and reminder-call pages, driven offscreen on the small test site (Monday 5 January 2026).

Models go through `qtmodeltester`; what the user does is checked through the services.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt

from area_pages import install_area_pages
from mlplanner.domain.enums import Role, Status
from mlplanner.services.context import Actor
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.followup.portfolio import FLAG_BG
from mlplanner.ui.reception.call_list import CallListPage
from mlplanner.ui.shell.operations import Operations

wall = datetime.fromisoformat


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture
def ui(site, make_window):  # type: ignore[no-untyped-def]
    def build(actor):  # type: ignore[no-untyped-def]
        window = make_window(site.services, actor)
        return window, install_area_pages(window)

    return build


def add(site, first: str, last: str, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("referent", site.staff["claire"].id)
    return site.services.youths.add(
        actor=site.admin, draft=YouthDraft(first_name=first, last_name=last, **kw)
    ).youth


def book(site, youth_id: str, start: str, **kw):  # type: ignore[no-untyped-def]
    return site.services.booking.book(
        actor=kw.pop("actor", site.receptionist),
        youth_id=youth_id,
        type_code="SUIVI",
        start=wall(start),
        counsellor=site.staff["claire"].id,
        **kw,
    ).appointment


def seen(site, youth_id: str, start: str) -> None:  # type: ignore[no-untyped-def]
    appt = book(site, youth_id, start, actor=site.admin, back_office=True)
    site.services.appointments.set_outcome(actor=site.admin, appointment_id=appt.id, status=Status.SEEN)


@pytest.fixture
def followed(site):  # type: ignore[no-untyped-def]
    """Claire follows Inès (seen three weeks ago) and Hugo (seen seven weeks ago, nothing booked)."""
    ines = add(site, "Inès", "Durand", phone="06 11 22 33 44")
    hugo = add(site, "Hugo", "Bernard")
    seen(site, ines.id, "2025-12-15 10:00")
    seen(site, hugo.id, "2025-11-17 10:00")
    return ines, hugo


# --- portfolio -------------------------------------------------------------------------------------------


def test_portfolio_lists_flags_filters_and_opens(site, ui, followed, qtbot, qtmodeltester) -> None:
    _ines, hugo = followed
    window, pages = ui(site.counsellor)  # Claire: her own portfolio comes first
    window.show()
    page = pages.portfolio
    assert page.counsellor.currentData() == site.staff["claire"].id
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    assert page.proxy.rowCount() == 2
    assert [page.proxy.index(r, 0).data() for r in range(2)] == ["BERNARD Hugo", "DURAND Inès"]
    flag = page.proxy.index(0, 6)
    assert flag.data() == "À relancer"
    assert flag.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == FLAG_BG
    assert page.proxy.index(1, 4).data() == "15/12/2025" and page.proxy.index(1, 6).data() == ""
    assert plain(page.summary.text()).startswith(
        "2 jeunes suivis · 1 à relancer (aucun contact depuis 6 semaines"
    )
    page.flagged.setChecked(True)
    assert page.proxy.rowCount() == 1
    page.flagged.setChecked(False)
    qtbot.keyClicks(page.filter, "ines")  # accent-insensitive
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 0).data() == "DURAND Inès"
    page.filter.clear()
    window.show_page("portfolio")
    qtbot.waitExposed(page.table)
    rect = page.table.visualRect(page.proxy.index(0, 0))
    with qtbot.waitSignal(window.youthFileRequested) as sig:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [hugo.id]
    window.show_page("portfolio")
    page.table.setCurrentIndex(page.proxy.index(1, 0))
    with qtbot.waitSignal(window.youthFileRequested) as sig:  # keyboard: Enter on a line
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert sig.args == [_ines.id]
    window.youthFileRequested.emit(hugo.id)
    assert window.current_page_key() == "youth" and pages.youth.youth_id == hugo.id


def test_threshold_changed_in_settings_refreshes_the_portfolio(site, ui, followed) -> None:
    _window, pages = ui(site.lead)
    pages.portfolio.select_counsellor(site.staff["claire"].id)
    assert pages.portfolio.portfolio.to_follow_up == 1
    tab = pages.settings.site
    assert tab.weeks.isEnabled()
    tab.weeks.setValue(8)
    tab.save_weeks.click()
    assert site.services.settings.no_contact_weeks() == 8
    assert pages.portfolio.portfolio.to_follow_up == 0
    assert "depuis 8 semaines" in pages.portfolio.summary.text()


def test_ics_export_writes_the_file_chosen(site, ui, followed, tmp_path) -> None:
    ines, _hugo = followed
    book(site, ines.id, "2026-01-07 10:00")
    _window, pages = ui(site.counsellor)
    page = pages.portfolio
    asked: list[str] = []

    def save_as(_parent, suggested: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "mon agenda")

    page.save_as = save_as
    path = page.export_ics()
    assert asked and asked[0].endswith(".ics") and "Claire Lefèvre" in asked[0]
    assert path == tmp_path / "mon agenda.ics"
    data = path.read_bytes()
    assert (
        data.startswith(b"BEGIN:VCALENDAR\r\n") and data.count(b"BEGIN:VEVENT") == 1
    )  # 15 December is before the week exported
    assert "Entretien de suivi — Inès D." in data.decode("utf-8") and "Durand" not in data.decode("utf-8")
    page.save_as = lambda _parent, _suggested: None  # the user cancels the file dialog
    assert page.export_ics() is None


# --- reminder calls --------------------------------------------------------------------------------------


@pytest.fixture
def calls_day(site):  # type: ignore[no-untyped-def]
    """Wednesday 7 January (the second open day from Monday): Kévin, Éloïse, and Inès who accepts SMS."""
    kevin = book(site, site.youths["kevin"].id, "2026-01-07 10:00")
    eloise = book(site, site.youths["eloise"].id, "2026-01-07 11:00")
    sms = add(site, "Inès", "Durand", phone="06 11 22 33 44", sms_consent=True)
    book(site, sms.id, "2026-01-07 14:00")
    return kevin, eloise


def test_call_list_ticks_prints_and_changes_day(site, ui, calls_day, qtbot, qtmodeltester) -> None:
    kevin, eloise = calls_day
    window, pages = ui(site.receptionist)
    window.show()
    page = pages.calls
    assert page.selected_day() == date(2026, 1, 7)
    qtmodeltester.check(page.model)
    m = page.model
    assert [(m.index(r, 1).data(), m.index(r, 2).data(), m.index(r, 3).data()) for r in range(2)] == [
        ("10:00", "KONÉ Kévin", "pas de numéro"),
        ("11:00", "LŒUVRE Éloïse", "06 12 34 56 78"),
    ]
    assert plain(page.summary.text()) == "2 jeune(s) à appeler · 0 appelé(s) · 1 sans numéro"
    with qtbot.waitSignal(window.bus.changed):
        assert m.setData(m.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    entries = site.services.followup.call_list(day=date(2026, 1, 7)).entries
    assert [e.ticked_by for e in entries] == ["", "Karima Haddou"]
    assert m.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "1 appelé(s)" in plain(page.summary.text())
    page.table.setCurrentIndex(m.index(0, 2))  # Space ticks the current line, whatever the column
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert all(e.ticked for e in site.services.followup.call_list(day=date(2026, 1, 7)).entries)
    with qtbot.waitSignal(window.printRequested) as sig:
        page.print_button.click()
    kind, params = sig.args
    assert kind == "calls" and params["day"] == date(2026, 1, 7)
    assert params["title"] == "Appels de rappel — rendez-vous du mercredi 07/01/2026"
    assert params["rows"][0] == [
        "10:00",
        "KONÉ Kévin",
        "pas de numéro",
        "Entretien de suivi",
        "Claire Lefèvre",
        "oui",
    ]
    assert params["appointment_ids"] == [kevin.id, eloise.id]
    page.day.setDate(QDate(2026, 1, 8))
    assert m.rowCount() == 0 and not page.print_button.isEnabled()
    page.default_button.click()
    assert page.selected_day() == date(2026, 1, 7) and m.rowCount() == 2


def test_a_cancellation_elsewhere_leaves_the_list(site, ui, calls_day) -> None:
    kevin, _eloise = calls_day
    window, pages = ui(site.receptionist)
    window.ops.run(
        lambda: site.services.appointments.cancel(
            actor=site.receptionist, appointment_id=kevin.id, by_youth=True
        )
    )
    assert pages.calls.model.rowCount() == 1


def test_ticking_is_offered_only_to_roles_that_book(site, bus, prompt, calls_day, qtbot) -> None:
    partner = Actor(id="p", name="Marc Aubry", role=Role.PARTNER)
    page = CallListPage(site.services, bus, lambda: partner, ops=Operations(bus, prompt))
    qtbot.addWidget(page)
    index = page.model.index(0, 0)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert prompt.errors == [] and not any(e.ticked for e in site.services.followup.call_list().entries)
