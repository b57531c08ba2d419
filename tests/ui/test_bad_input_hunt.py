"""Malformed input typed into the real widgets: a French message where the user looks, nothing stored,
and never an unexpected exception (the `errors` excepthook or a traceback out of a slot).

pytest-qt already fails a test on an exception escaping a Qt slot; `no_unexpected` also spies on
`sys.excepthook` for the paths that report through it (e.g. `Operations`).
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest
from PySide6.QtCore import QDate, QTime
from sqlmodel import select

from area_pages import install_area_pages
from mlplanner.services.workshops.service import SeriesDraft
from mlplanner.storage.tables import Youth
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.sync.install import install_sync_ui
from mlplanner.ui.workshops.page import WorkshopsPage
from mlplanner.ui.workshops.series_dialog import CUSTOM, WEEKLY
from support import FIELD_REFUSALS, wall


@pytest.fixture(autouse=True)
def no_unexpected(monkeypatch):  # type: ignore[no-untyped-def]
    """Every exception that reaches `sys.excepthook` during the test is a failure."""
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(e))
    yield seen
    assert seen == [], f"unexpected exceptions: {seen!r}"


def _all_youths(services) -> int:  # type: ignore[no-untyped-def]
    with services.ctx.db.read() as s:
        return len(s.exec(select(Youth)).all())


# --- booking dialog and inline youth creation ---------------------------------------------------------


@pytest.fixture
def booking(site, core_window):  # type: ignore[no-untyped-def]
    window, core = core_window(site.services, site.receptionist)
    window.bookingRequested.emit({})
    return window, core.booking


def test_booking_without_youth_or_slot(site, booking) -> None:
    _window, d = booking
    before = site.services.booking.between(date(2020, 1, 1), date(2030, 1, 1))
    assert d.book() is None and "Choisissez d'abord le jeune" in d.error.text()
    d.picker.set_youth(site.youths["kevin"])
    d.slots.clearSelection()
    d.slots.setCurrentRow(-1)
    assert d.book() is None and d.error.text() == "Choisissez un créneau dans la liste."
    assert site.services.booking.between(date(2020, 1, 1), date(2030, 1, 1)) == before


def test_booking_date_field_refuses_the_past_and_far_future(booking) -> None:
    _window, d = booking
    d.from_date.setDate(QDate(1900, 1, 1))
    d.refresh_slots()
    d.from_date.setDate(QDate(7999, 12, 31))
    d.refresh_slots()  # no traceback, whatever the list shows


@pytest.mark.parametrize(
    ("last", "first", "birth", "phone", "expected"),
    [
        ("", "", "", "", "nom"),
        ("   ", "Léa", "", "", "nom"),
        ("1 85 05 78 006 084 36", "Léa", "", "", "sécurité sociale"),
        ("Dupont", "Léa", "", "185057800608436", "sécurité sociale"),
        ("Dupont", "Léa", "01/01/2999", "", "naissance"),
        ("Dupont", "Léa", "pas une date", "", "pas une date"),
        ("Dupont", "Léa", "", "abc", "éléphone"),
        # the service's and the CLI's own sentences (tests/support.py, FIELD_REFUSALS)
        ("Bernard", FIELD_REFUSALS["bidi"][1], "", "", FIELD_REFUSALS["bidi"][2]),
        (FIELD_REFUSALS["escape"][1], "Lou", "", "", FIELD_REFUSALS["escape"][2]),
        ("Bernard", "Lou", "", FIELD_REFUSALS["phone_15_digits"][1], FIELD_REFUSALS["phone_15_digits"][2]),
    ],
)
def test_inline_youth_creation_refusals(site, booking, last, first, birth, phone, expected) -> None:  # type: ignore[no-untyped-def]
    _window, d = booking
    before = _all_youths(site.services)
    p = d.picker
    p.show_form()
    p.last_name.setText(last)
    p.first_name.setText(first)
    p.birth.setText(birth)
    p.phone.setText(phone)
    assert p.create(confirm_duplicate=False) is None
    assert expected.lower() in p.form_error.text().lower(), p.form_error.text()
    assert _all_youths(site.services) == before


# --- settings --------------------------------------------------------------------------------------


@pytest.fixture
def settings(site, make_window):  # type: ignore[no-untyped-def]
    window = make_window(site.services, site.admin)
    return install_area_pages(window).settings


@pytest.mark.parametrize(
    "typed",
    [
        "25:00-26:00",
        "12:00-09:00",
        "09:00-12:00,10:00-11:00",
        "n'importe quoi",
        "9-",
        "-",
        "09:00-09:00",
        "24:00-24:30",
        "09:60-10:00",
        "٠٩:٠٠-١٢:٠٠",
        "00:00-24:00",
        "99999999999999999999:00-1:00",
    ],
)
def test_opening_hours_garbage(site, settings, typed) -> None:
    tab = settings.site
    stored = site.services.directory.site().opening_hours_json
    tab.hours.lines[1].setText(typed)
    assert not tab.save_site_settings()
    assert tab.site_error.text().startswith(("Horaires du mardi", "Cette heure n'existe pas"))
    assert site.services.directory.site().opening_hours_json == stored


@pytest.mark.parametrize("typed", ["8h-12h;14:00-18:00", "8-12 14-18", "8h à 12h / 14h à 18h"])
def test_opening_hours_lenient_forms_are_stored_normalised(site, settings, typed) -> None:
    """Spans may be separated by a space as well, as a staff spreadsheet's cells are read."""
    tab = settings.site
    tab.hours.lines[1].setText(typed)
    assert tab.save_site_settings()
    assert json.loads(site.services.directory.site().opening_hours_json)["1"] == [
        ["08:00", "12:00"],
        ["14:00", "18:00"],
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("12/01/2026", "10/01/2026", "fin"),
        ("", "", "date"),
        ("12/01/2026", "zz", "zz"),
        ("00/00/0000", "", "0000"),
        ("31/12/99999", "", "99999"),
    ],
)
def test_closure_refusals(site, settings, start, end, expected) -> None:  # type: ignore[no-untyped-def]
    tab = settings.site
    tab.closure_from.setText(start)
    tab.closure_to.setText(end)
    assert not tab.add_closure()
    assert expected in tab.closure_error.text().lower() or expected in tab.closure_error.text()
    assert site.services.directory.closure_views() == []


def test_room_refusals(site, settings) -> None:
    tab = settings.rooms
    names = sorted(r.name for r in site.services.directory.rooms())
    tab.start_new()
    tab.name.setText("   ")
    assert not tab.save() and tab.error.text()
    tab.capacity.setValue(0)
    assert tab.capacity.value() >= 1  # the spin box does not go below 1
    tab.name.setText("BUREAU 1 ")
    assert not tab.save() and "déjà" in tab.error.text()
    assert sorted(r.name for r in site.services.directory.rooms()) == names


def test_type_refusals(site, settings) -> None:
    tab = settings.types
    codes = {t.code: (t.duration_min, t.colour) for t in site.services.directory.types()}
    tab.start_new()
    tab.code.setText("NEW")
    tab.label.setText("Nouveau")
    tab.duration.setValue(0)
    assert tab.duration.value() >= 5
    for colour in ("#12345", "#GGGGGG", "red"):
        tab.colour.setText(colour)
        assert "background" not in tab.swatch.styleSheet()  # never fed to the style-sheet parser
        assert not tab.save(), colour
        assert "Couleur invalide" in tab.error.text()
    tab.colour.setText("#123456")
    tab.code.setText("")
    assert not tab.save() and tab.error.text()
    tab.code.setText("a b/c")
    tab.save()
    assert tab.error.text() or "A B/C" in {t.code for t in site.services.directory.types()}
    assert {
        t.code: (t.duration_min, t.colour) for t in site.services.directory.types()
    }.items() >= codes.items()


# --- youth file ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("last_name", "", "nom"),
        ("first_name", "  ", "prénom"),
        ("phone", "12", "éléphone"),
        ("phone", "1 85 05 78 006 084 36", "sécurité sociale"),
        ("email", "pas-un-mail", "mail"),
        ("birth_date", "31/02/2005", "31/02/2005"),
        ("birth_date", "01/01/2999", "naissance"),
        ("last_name", "185057800608436", "sécurité sociale"),
    ],
)
def test_youth_file_refusals(site, make_window, key, value, expected) -> None:  # type: ignore[no-untyped-def]
    window = make_window(site.services, site.admin)
    pages = install_area_pages(window)
    youth = site.youths["eloise"]
    window.youthFileRequested.emit(youth.id)
    page = pages.youth
    before = site.services.youths.get(youth.id)
    page.form.f[key].setText(value)
    assert not page.save()
    assert expected.lower() in page.error.text().lower(), page.error.text()
    assert site.services.youths.get(youth.id) == before


# --- workshops -------------------------------------------------------------------------------------


@pytest.fixture
def workshops(site, qtbot):  # type: ignore[no-untyped-def]
    bus, prompt = ChangeBus(), ScriptedPrompt()
    page = WorkshopsPage(site.services, bus, lambda: site.lead, ops=Operations(bus, prompt))
    qtbot.addWidget(page)
    return page, prompt


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "n'importe quoi",
        "FREQ=WEEKLY;BYDAY=XX;COUNT=3",
        "FREQ=DAILY;COUNT=0",
        "FREQ=WEEKLY;UNTIL=20000101",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2",
        "FREQ=DAILY",
        "FREQ=SECONDLY;COUNT=3",
        "FREQ=DAILY;COUNT=99999",
        "FREQ=WEEKLY;COUNT=abc",
        "FREQ=WEEKLY;UNTIL=32/13/2027",
        "FREQ=WEEKLY;INTERVAL=x;COUNT=3",
    ],
)
def test_series_dialog_bad_rules(site, workshops, rule) -> None:  # type: ignore[no-untyped-def]
    page, _prompt = workshops
    dialog = page.new_series()
    dialog.title.setText("Atelier CV")
    dialog.day.setDate(QDate(2027, 3, 16))
    dialog.at.setTime(QTime(10, 0))
    dialog.frequency.setCurrentIndex(CUSTOM)
    dialog.custom.setText(rule)
    dialog.update_preview()
    assert "#a31515" in dialog.summary.text()  # the preview already says why, in red
    assert not dialog.create()
    assert dialog.error.text() and dialog.error.text() in dialog.summary.text()
    assert site.services.workshops.series_list() == []


def test_series_until_before_start(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, _prompt = workshops
    dialog = page.new_series()
    dialog.title.setText("Atelier CV")
    dialog.day.setDate(QDate(2027, 3, 16))
    dialog.frequency.setCurrentIndex(WEEKLY)
    dialog.by_date.setChecked(True)
    dialog.until.setDate(QDate(2027, 1, 1))
    dialog.update_preview()
    assert not dialog.create()
    assert dialog.error.text()
    assert site.services.workshops.series_list() == []


def test_series_empty_title(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, _prompt = workshops
    dialog = page.new_series()
    dialog.title.setText("  ")
    dialog.day.setDate(QDate(2027, 3, 16))
    assert not dialog.create() and dialog.error.text()
    assert site.services.workshops.series_list() == []


# --- import ----------------------------------------------------------------------------------------


def _import_dialog(qtbot, site, make_window, path):  # type: ignore[no-untyped-def]
    window = make_window(site.services, site.receptionist)
    ui = install_sync_ui(
        window, site.services, window.bus, lambda: window.actor, choosers=ScriptedChoosers(), environ={}
    )
    dlg = ui.import_dialog()
    dlg.path_edit.setText(str(path))
    dlg.load_preview()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20_000)
    return dlg


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Le fichier est vide."),
        (b"\x00\x01\x02\xff\xfe" * 200, "Colonnes introuvables"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "Colonnes introuvables"),
        (b"juste du texte sans colonnes\n", "Colonnes introuvables"),
        # Excel's "Texte Unicode" export (UTF-16 with BOM) is read: here, a header and nobody
        ("Nom;Prénom\n".encode("utf-16"), "Rien à importer"),
    ],
)
def test_import_unreadable_files(qtbot, site, make_window, tmp_path, content, expected) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fichier.csv"
    path.write_bytes(content)
    before = _all_youths(site.services)
    dlg = _import_dialog(qtbot, site, make_window, path)
    assert dlg.message.text().startswith(expected)
    assert dlg.model.rowCount() == 0 and not dlg.import_button.isEnabled()
    assert _all_youths(site.services) == before


def test_import_a_latin1_file_reads_the_accents(qtbot, site, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ancien.csv"
    path.write_bytes(b"Nom;Pr\xe9nom;Date de naissance\nDupont;L\xe9a;01/01/2004\n")
    dlg = _import_dialog(qtbot, site, make_window, path)
    assert dlg.counts.text() == "Aperçu : 1 nouveau."
    assert dlg.row_texts()[0][2] == "DUPONT Léa"
    assert _all_youths(site.services) == 4  # nothing stored before « Importer »


def _series(site, capacity: int = 12):  # type: ignore[no-untyped-def]
    draft = SeriesDraft(
        title="Atelier CV",
        start=wall("2027-03-16 10:00"),
        duration_min=120,
        capacity=capacity,
        rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=3",
        room=site.rooms["atelier"].id,
        facilitator=site.staff["claire"].id,
    )
    result = site.services.workshops.create_series(actor=site.lead, draft=draft, skip_clashes=False)
    return site.services.workshops.series_sessions(result.series.id)


def test_register_the_same_youth_twice(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, prompt = workshops
    sessions = _series(site)
    page.show_session(sessions[0].id)
    roster = page.roster
    youth = site.youths["kevin"].id
    assert roster.register_youth(youth)
    before = site.services.workshops.roster(sessions[0].id)
    assert not roster.register_youth(youth)
    assert "une seule inscription par personne" in prompt.errors[-1]
    assert site.services.workshops.roster(sessions[0].id) == before
    roster.whole_series.setChecked(True)  # already in the first one, not the others
    # all or nothing: refused as a whole (the message names the session he is already on)
    assert not roster.register_youth(youth) and "figure déjà" in prompt.errors[-1]
    for s in sessions:
        assert [r.youth_id for r in site.services.workshops.roster(s.id).registered].count(youth) <= 1


def test_register_twice_to_the_whole_series(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, prompt = workshops
    sessions = _series(site)
    page.show_session(sessions[0].id)
    roster = page.roster
    roster.whole_series.setChecked(True)
    youth = site.youths["kevin"].id
    assert roster.register_youth(youth)
    before = [site.services.workshops.roster(s.id) for s in sessions]
    assert not roster.register_youth(youth)
    assert prompt.errors or roster.notice.text()
    assert [site.services.workshops.roster(s.id) for s in sessions] == before


def test_capacity_below_registrations(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, _prompt = workshops
    sessions = _series(site, capacity=3)
    for key in ("kevin", "eloise"):
        site.services.registrations.register(
            actor=site.lead, session_id=sessions[0].id, youth_id=site.youths[key].id
        )
    dialog = page.edit_session(sessions[0].id)
    dialog.capacity.setValue(1)
    assert not dialog.apply()
    assert "la capacité ne peut pas descendre sous 2" in dialog.error.text()
    assert site.services.workshops.session(sessions[0].id).capacity == 3


def test_edit_session_into_the_past(site, workshops) -> None:  # type: ignore[no-untyped-def]
    page, _prompt = workshops
    sessions = _series(site)
    dialog = page.edit_session(sessions[0].id)
    dialog.day.setDate(QDate(2000, 1, 4))
    assert not dialog.apply()
    assert dialog.error.text() == "Le 04/01/2000 à 10:00 est déjà passé."
    assert site.services.workshops.session(sessions[0].id).start == sessions[0].start


def _staff_row(tab, name: str) -> int:  # type: ignore[no-untyped-def]
    m = tab.model
    return next(r for r in range(m.rowCount()) if m.index(r, 0).data() == name)


@pytest.mark.parametrize(
    ("field", "value"),
    [("last_name", ""), ("first_name", "   "), ("secret", "1"), ("last_name", "185057800608436")],
)
def test_staff_edit_refused_changes_nothing(site, settings, field, value) -> None:  # type: ignore[no-untyped-def]
    tab = settings.staff
    claire = site.staff["claire"]
    before = site.services.directory.staff_member(claire.id)
    tab.select_row(_staff_row(tab, "Claire Lefèvre"))
    tab.pattern.lines[2].setText("")  # a real change to the pattern, saved with the bad field
    getattr(tab, field).setText(value)
    ok = tab.save()
    after = site.services.directory.staff_member(claire.id)
    if not ok:
        assert tab.error.text()
        assert after == before, "a refused save stored part of the form"
    else:
        assert field == "secret" or after.last_name.strip()


@pytest.mark.parametrize(
    ("start", "end"),
    [("", ""), ("hier", ""), ("13/01/2026 25:00", ""), ("13/01/2026", "12/01/2026"), ("31/02/2026", "")],
)
def test_absence_refusals(site, settings, start, end) -> None:  # type: ignore[no-untyped-def]
    tab = settings.staff
    claire = site.staff["claire"]
    tab.select_row(_staff_row(tab, "Claire Lefèvre"))
    tab.abs_from.setText(start)
    tab.abs_to.setText(end)
    assert not tab.add_absence()
    assert tab.absence_error.text()
    assert site.services.directory.absences(claire.id) == []


def test_booking_a_slot_taken_meanwhile(site, booking) -> None:  # type: ignore[no-untyped-def]
    _window, d = booking
    d.picker.set_youth(site.youths["kevin"])
    d.refresh_slots()
    request = d.booking_request()
    assert request is not None
    other = site.services.booking.book(
        actor=site.receptionist,
        youth_id=site.youths["eloise"].id,
        type_code=request["type_code"],
        start=request["start"],
        counsellor=request["counsellor"],
        room=request["room"],
    )
    before = site.services.booking.between(date(2020, 1, 1), date(2030, 1, 1))
    assert d.book() is None
    assert d.error.text() and other.appointment.id in {a.id for a in before}
    assert site.services.booking.between(date(2020, 1, 1), date(2030, 1, 1)) == before


@pytest.mark.parametrize("typed", ["%", "_", "'; DROP TABLE youth; --", "\\", "a" * 5000, "\x00", "(", "*"])
def test_youth_search_odd_text(site, booking, qtbot, typed) -> None:  # type: ignore[no-untyped-def]
    _window, d = booking
    d.picker.search.setText(typed)
    d.picker.run_search()
    assert _all_youths(site.services) == 4


def test_login_with_an_empty_or_odd_code(demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.ui.shell.login import LoginDialog

    dlg = LoginDialog(demo)
    qtbot.addWidget(dlg)
    for row, code in enumerate(("", " ", "\x00", "é" * 300)):
        dlg.people.setCurrentRow(row)  # one person each: a third wrong code in a row would lock them
        assert dlg.people.currentItem() is not None
        dlg.pin.setText(code)
        assert dlg.attempt() is None
        assert dlg.error.text() == "Nom ou code incorrect."


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_a_session_without_a_reason(site, workshops, reason) -> None:  # type: ignore[no-untyped-def]
    page, prompt = workshops
    sessions = _series(site)
    page.show_session(sessions[0].id)
    prompt.queue(reason)
    assert not page.roster.cancel_session()
    assert prompt.errors == ["Indiquez le motif de l'annulation de la séance."]
    assert site.services.workshops.session(sessions[0].id).state == sessions[0].state


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_an_appointment_by_the_ml_without_a_reason(site, core_window, prompt, reason) -> None:  # type: ignore[no-untyped-def]
    window, core = core_window(site.services, site.receptionist)
    a = site.book("kevin", "2026-01-14 10:00")
    prompt.queue(1, reason)  # "La Mission Locale", then an empty reason
    assert not core.actions.cancel(a)
    assert prompt.errors == ["Indiquez le motif de l'annulation par la Mission Locale."]
    assert site.services.booking.get(a.id).status == a.status
    assert window.undo_stack.count() == 0
