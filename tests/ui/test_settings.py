"""Settings tabs driven offscreen: edits land through the directory services, bad input gets a French
message inline and stores nothing. (Role greying: test_roles.py.)
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from area_pages import install_area_pages
from mlplanner.domain.enums import Role
from mlplanner.domain.hours import WeeklyHours


@pytest.fixture
def settings(site, make_window):  # type: ignore[no-untyped-def]
    def build(actor):  # type: ignore[no-untyped-def]
        window = make_window(site.services, actor)
        return install_area_pages(window).settings

    return build


def row_of(tab, text: str) -> int:  # type: ignore[no-untyped-def]
    m = tab.model
    return next(r for r in range(m.rowCount()) if m.index(r, 0).data() == text)


def test_models_pass_the_model_tester(site, settings, qtmodeltester) -> None:
    page = settings(site.admin)
    for model in (page.rooms.model, page.staff.model, page.types.model, page.site.closure_model):
        qtmodeltester.check(model)
    assert (
        page.staff.model.index(row_of(page.staff, "Sophie Martin"), 3).data()
        == "lun. mar. jeu. · 10 h 30/sem."
    )
    assert page.types.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # type colour


def test_opening_hours_edit_and_refusals(site, settings, qtbot) -> None:
    page = settings(site.lead)
    tab = page.site
    monday = tab.hours.lines[0]
    monday.clear()
    qtbot.keyClicks(monday, "8h30-12h, 14:00-18:00")
    assert tab.save_site_settings()
    hours = json.loads(site.services.directory.site().opening_hours_json)
    assert hours["0"] == [["08:30", "12:00"], ["14:00", "18:00"]] and hours["5"] == [["09:00", "12:00"]]
    assert monday.text() == "08:30-12:00, 14:00-18:00"  # reloaded as stored
    for typed, message in (
        ("17:00-09:00", "Horaires du lundi : la fin (09:00) doit suivre le début (17:00)."),
        ("matin", "Horaires du lundi illisibles : « matin » (attendu par exemple 09:00-12:30, 13:30-17:30)."),
        ("09:00-12:00, 11:00-13:00", "Horaires du lundi : deux plages se chevauchent."),
        ("25:00-26:00", "Cette heure n'existe pas : « 25:00 »."),
    ):
        monday.setText(typed)
        assert not tab.save_site_settings()
        assert tab.site_error.text() == message
        assert json.loads(site.services.directory.site().opening_hours_json)["0"][0] == ["08:30", "12:00"]


def test_closures_add_and_remove(site, settings, qtbot) -> None:
    tab = settings(site.lead).site
    qtbot.keyClicks(tab.closure_from, "32/01/2026")
    assert not tab.add_closure()
    assert tab.closure_error.text() == "Cette date n'existe pas : « 32/01/2026 »."
    tab.closure_from.setText("12/01/2026")
    tab.closure_reason.setText("Inventaire")
    assert tab.add_closure()
    (closure,) = site.services.directory.closure_views()
    assert (closure.start, closure.end, closure.reason) == (
        date(2026, 1, 12),
        date(2026, 1, 12),
        "Inventaire",
    )
    assert tab.closure_model.rowCount() == 1 and tab.closure_from.text() == ""
    tab.closure_table.clearSelection()
    assert not tab.remove_closure()
    assert tab.closure_error.text() == "Choisissez d'abord une fermeture dans la liste."
    tab.closure_table.selectRow(0)
    assert tab.remove_closure()
    assert site.services.directory.closure_views() == [] and tab.closure_model.rowCount() == 0


def test_rooms_new_edit_and_duplicate(site, settings, qtbot) -> None:
    tab = settings(site.lead).rooms
    tab.start_new()
    assert tab.box.title() == "Nouvelle salle"
    qtbot.keyClicks(tab.name, "Bureau 6")
    tab.capacity.setValue(2)
    tab.accessible.setChecked(False)
    assert tab.save()
    room = next(r for r in site.services.directory.rooms() if r.name == "Bureau 6")
    assert (room.capacity, room.accessible) == (2, False)
    assert tab.current is not None and tab.current.id == room.id  # the new room stays selected
    tab.name.setText("bureau 1")
    assert not tab.save()
    assert tab.error.text() == "Une salle s'appelle déjà « bureau 1 »."
    tab.select_row(row_of(tab, "Bureau 2"))
    assert tab.name.text() == "Bureau 2" and tab.error.text() == ""
    tab.active.setChecked(False)
    assert tab.save()
    assert "Bureau 2" not in {r.name for r in site.services.directory.rooms()}
    assert tab.model.index(row_of(tab, "Bureau 2"), 4).data() == "non"


def test_types_edit_and_new(site, settings, qtbot) -> None:
    tab = settings(site.lead).types
    tab.select_row(row_of(tab, "SUIVI"))
    assert tab.code.isReadOnly() and tab.duration.value() == 30
    tab.colour.setText("rouge")
    assert not tab.save()
    assert tab.error.text() == "Couleur invalide : « rouge » (attendu #RRVVBB)."
    tab.colour.setText("#112233")
    tab.duration.setValue(40)
    assert tab.save()
    suivi = next(t for t in site.services.directory.types() if t.code == "SUIVI")
    assert (suivi.colour, suivi.duration_min) == ("#112233", 40)
    tab.start_new()
    qtbot.keyClicks(tab.code, "atel")
    qtbot.keyClicks(tab.label, "Atelier CV")
    assert tab.save()
    assert "ATEL" in {t.code for t in site.services.directory.types()}
    tab.start_new()
    qtbot.keyClicks(tab.code, "SUIVI")
    assert not tab.save()
    assert tab.error.text() == "Le code « SUIVI » existe déjà."


def test_lead_edits_a_pattern_and_absences(site, settings, qtbot) -> None:
    tab = settings(site.lead).staff
    claire = site.staff["claire"]
    tab.select_row(row_of(tab, "Claire Lefèvre"))
    assert not tab.role.isEnabled() and not tab.first_name.isEnabled()  # accounts: the admin's
    assert tab.room.isEnabled() and not tab.pattern.lines[2].isReadOnly()
    tab.pattern.lines[2].clear()  # no longer works on Wednesdays
    assert tab.save()
    pattern = WeeklyHours.from_json(site.services.directory.staff_member(claire.id).working_pattern_json)
    assert pattern.days[2] == () and pattern.days[0]
    assert site.services.directory.staff_member(claire.id).role is Role.COUNSELLOR
    qtbot.keyClicks(tab.abs_from, "12/01/2026")
    qtbot.keyClicks(tab.abs_reason, "Formation")
    assert tab.add_absence()
    ((_id, start, end, reason),) = site.services.directory.absences(claire.id)
    assert (start, end, reason) == (datetime(2026, 1, 12), datetime(2026, 1, 13), "Formation")
    assert tab.absences.count() == 1 and "Formation" in tab.absences.item(0).text()
    tab.abs_from.setText("13/01/2026 14:00")
    tab.abs_to.setText("13/01/2026 10:00")
    assert not tab.add_absence()
    assert tab.absence_error.text() == "La fin de l'absence doit suivre son début."
    tab.absences.setCurrentRow(0)
    assert tab.remove_absence()
    assert site.services.directory.absences(claire.id) == []


def test_admin_creates_an_account_that_can_log_in(site, settings, qtbot) -> None:
    tab = settings(site.admin).staff
    tab.start_new()
    assert tab.first_name.isEnabled() and tab.role.isEnabled()
    tab.first_name.setText("Léo")  # (QTest types ASCII only: it aborts on "é")
    qtbot.keyClicks(tab.last_name, "Roux")
    tab.role.setCurrentIndex(tab.role.findData(Role.RECEPTIONIST.value))
    tab.pattern.lines[0].setText("09:00-12:30")
    qtbot.keyClicks(tab.secret, "4321")
    assert not tab.save()  # a real site: 6 digits at least, and nothing stored
    assert not [s for s in site.services.directory.staff() if s.last_name == "Roux"]
    tab.secret.clear()
    qtbot.keyClicks(tab.secret, "305817")
    assert tab.save()
    leo = next(s for s in site.services.directory.staff() if s.last_name == "Roux")
    assert leo.role is Role.RECEPTIONIST and leo.can_log_in
    assert site.services.directory.login(staff_id=leo.id, secret="305817").name == "Léo Roux"
    assert site.services.directory.pin_change_required(leo.id)  # set by the administrator: one-time
    tab.select_row(row_of(tab, "Léo Roux"))
    tab.last_name.setText("Roux-Martin")
    tab.active.setChecked(False)
    assert tab.save()
    assert site.services.directory.staff_member(leo.id).display_name == "Léo Roux-Martin"
    assert not site.services.directory.staff_member(leo.id).active


def test_typing_survives_a_change_made_elsewhere(site, settings, bus) -> None:
    page = settings(site.lead)
    rooms = page.rooms
    rooms.select_row(row_of(rooms, "Bureau 2"))
    rooms.name.setText("Bureau 2 (rénové)")
    page.site.hours.lines[4].setText("09:00-12:00")
    site.services.directory.add_room(actor=site.admin, name="Bureau 7")  # another workstation
    bus.publish_external()
    assert row_of(rooms, "Bureau 7") >= 0  # the list is up to date...
    assert rooms.name.text() == "Bureau 2 (rénové)"  # ...and what was being typed is still there
    assert page.site.hours.lines[4].text() == "09:00-12:00"
    site.services.directory.update_room(actor=site.admin, room_id=site.rooms["b2"].id, capacity=5)
    bus.publish_external()  # the item being edited changed: the form shows the stored version
    assert rooms.name.text() == "Bureau 2" and rooms.capacity.value() == 5
