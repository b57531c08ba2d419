"""The workshop screens driven like a user: create a series, register three youths to a capacity-2
session, cancel one, see the promotion, mark attendance; everything checked through the services."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox

from mlplanner.services.workshops.terms import Attendance, SessionState
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.workshops.calendar import MONTH
from mlplanner.ui.workshops.page import WorkshopsPage
from mlplanner.ui.workshops.series_dialog import WEEKLY
from mlplanner.ui.workshops.stats_page import StatsPage

from .helpers import set_clock


def _register_by_typing(qtbot, roster, text: str) -> None:  # type: ignore[no-untyped-def]
    roster.search.clear()
    qtbot.keyClicks(roster.search, text)
    qtbot.waitUntil(lambda: roster.results.count() > 0, timeout=3000)
    qtbot.keyClick(roster.search, Qt.Key.Key_Return)


def test_series_registrations_promotion_and_attendance(site, qtbot, qtmodeltester):
    ws = site.services.workshops
    bus, prompt = ChangeBus(), ScriptedPrompt()
    actor = site.lead
    page = WorkshopsPage(site.services, bus, lambda: actor, ops=Operations(bus, prompt))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()

    # 1. a series of three Tuesdays, capacity 2, through the dialog
    dialog = page.new_series()
    qtbot.keyClicks(dialog.title, "Atelier CV")
    dialog.day.setDate(QDate(2027, 3, 16))
    dialog.at.setTime(QTime(10, 0))
    dialog.frequency.setCurrentIndex(WEEKLY)
    dialog.count.setValue(3)
    dialog.facilitator.setCurrentIndex(dialog.facilitator.findText("Claire Lefèvre"))
    dialog.capacity.setValue(2)
    dialog.update_preview()
    assert dialog.preview.count() == 3 and "3 séance(s) à créer" in dialog.summary.text()
    with qtbot.waitSignal(bus.changed):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    (series,) = ws.series_list()
    sessions = ws.series_sessions(series.id)
    assert [s.start.day for s in sessions] == [16, 23, 30] and {s.capacity for s in sessions} == {2}
    first = sessions[0]
    roster = page.roster
    assert roster.session_id == first.id and "3 séance(s) créée(s)." in roster.notice.text()

    # the calendar shows it: click on the block of the second session, then come back to the first
    page.calendar.go(date(2027, 3, 22))
    rect = page.calendar.canvas.session_rect(sessions[1].id)
    assert rect is not None
    qtbot.mouseClick(page.calendar.canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert roster.session_id == sessions[1].id
    page.show_session(first.id)

    # 2. three youths for two seats: the third one goes on the waiting list (after a confirmation)
    _register_by_typing(qtbot, roster, "kone")  # accents optional (and QTest types ASCII only)
    _register_by_typing(qtbot, roster, "Loeuvre")
    _register_by_typing(qtbot, roster, "ndiaye")
    assert prompt.asked and "liste d'attente" in prompt.asked[-1]
    view = ws.roster(first.id)
    assert [r.youth_name for r in view.registered] == ["KONÉ Kévin", "LŒUVRE Éloïse"]
    assert [r.youth_name for r in view.waitlist] == ["N'DIAYE Aïssatou"]
    assert roster.fill_text.text() == "2 / 2 places (100%) · 1 en attente"
    assert roster.waitlist_model.rowCount() == 1
    qtmodeltester.check(roster.registered_model)
    qtmodeltester.check(roster.waitlist_model)

    # 3. Kévin cancels: Aïssatou moves up, and the banner says so
    roster.select_youths("KONÉ Kévin")
    prompt.queue("ne peut pas venir")
    qtbot.mouseClick(roster.cancel_registration_button, Qt.MouseButton.LeftButton)
    assert roster.notice.isVisible() and "N'DIAYE Aïssatou" in roster.notice.text()
    view = ws.roster(first.id)
    assert [r.youth_name for r in view.registered] == ["LŒUVRE Éloïse", "N'DIAYE Aïssatou"]
    assert view.waitlist == () and view.cancelled[0].cancel_reason == "ne peut pas venir"

    # 4. the session starts: attendance with a button and with a key
    set_clock(site, "2027-03-16 10:05")
    roster.reload()
    assert roster.attendance_buttons[Attendance.PRESENT].isEnabled()
    roster.select_youths("N'DIAYE Aïssatou")
    qtbot.mouseClick(roster.attendance_buttons[Attendance.PRESENT], Qt.MouseButton.LeftButton)
    roster.select_youths("LŒUVRE Éloïse")
    roster.registered.setFocus()
    qtbot.keyClick(roster.registered, Qt.Key.Key_R)
    marks = {r.youth_name: r.attendance for r in ws.roster(first.id).registered}
    assert marks == {"LŒUVRE Éloïse": Attendance.LATE, "N'DIAYE Aïssatou": Attendance.PRESENT}
    assert roster.close_button.isEnabled()
    qtbot.mouseClick(roster.close_button, Qt.MouseButton.LeftButton)
    assert ws.session(first.id).state is SessionState.CLOSED
    assert not roster.attendance_buttons[Attendance.PRESENT].isEnabled()
    assert prompt.errors == []

    # 5. the month view and the statistics see it too
    page.calendar.set_mode(MONTH)
    assert page.calendar.canvas.session_rect(first.id) is not None
    stats = StatsPage(site.services, bus, lambda: actor)
    qtbot.addWidget(stats)
    stats.set_period(date(2027, 3, 1), date(2027, 3, 31))
    (march,) = stats.months_model.rows()
    assert (march.sessions_held, march.registrations, march.attendance_rate) == (1, 2, 1.0)
    heights = [r.height() for _c, _s, r in stats.chart.bar_rects()]  # presence, fill rate, absenteeism
    assert heights[0] == heights[1] > 0 and heights[2] == 0
    qtmodeltester.check(stats.months_model)


def test_receptionist_cannot_create_or_close(site, qtbot):
    bus = ChangeBus()
    page = WorkshopsPage(site.services, bus, lambda: site.receptionist, ops=Operations(bus, ScriptedPrompt()))
    qtbot.addWidget(page)
    assert not page.new_button.isEnabled()
    assert not page.roster.close_button.isEnabled()


def test_sessions_appear_in_the_day_view_room_and_facilitator_columns(site):
    from mlplanner.services.schedule.model import ColumnKind

    from .helpers import make_series

    res = make_series(site, co_facilitator=site.staff["mamadou"].id, rrule="FREQ=DAILY;COUNT=1")
    day = date(2027, 3, 16)
    where = set()
    for grouping in (ColumnKind.COUNSELLOR, ColumnKind.ROOM):
        schedule = site.services.schedule.day(day, grouping)
        where |= {
            (schedule.columns[i.column].kind, schedule.columns[i.column].resource_id)
            for i in schedule.items
            if i.activity is not None
        }
    assert where == {
        (ColumnKind.ROOM, site.rooms["atelier"].id),
        (ColumnKind.COUNSELLOR, site.staff["claire"].id),
        (ColumnKind.COUNSELLOR, site.staff["mamadou"].id),
    }
    from mlplanner.ui.dayview.data import load_day

    grid = load_day(site.services, site.services.schedule.frame(), day, "room")
    labels = [b.overlay.label for b in grid.blocks if b.overlay is not None]
    assert labels == ["Atelier CV — atelier, 0/12 inscrits"]
    site.services.sessions.cancel_session(actor=site.lead, session_id=res.sessions[0].id, reason="grève")
    assert not [i for i in site.services.schedule.day(day, ColumnKind.ROOM).items if i.activity]


def test_attendance_keys_move_down_to_the_next_participant(site, qtbot):
    from .helpers import make_series, register

    res = make_series(site, rrule="FREQ=DAILY;COUNT=1")
    sid = res.sessions[0].id
    for key in ("kevin", "eloise", "jp"):
        register(site, sid, key)
    set_clock(site, "2027-03-16 10:10")
    bus, prompt = ChangeBus(), ScriptedPrompt()
    page = WorkshopsPage(site.services, bus, lambda: site.lead, ops=Operations(bus, prompt))
    qtbot.addWidget(page)
    page.show()
    page.show_session(sid)
    roster = page.roster
    names = [r.youth_name for r in roster.registered_model.rows()]
    roster.registered.selectRow(0)
    roster.registered.setFocus()
    qtbot.keyClick(roster.registered, Qt.Key.Key_P)
    qtbot.keyClick(roster.registered, Qt.Key.Key_A)
    qtbot.keyClick(roster.registered, Qt.Key.Key_R)
    marks = {r.youth_name: r.attendance for r in site.services.workshops.roster(sid).registered}
    assert [marks[n] for n in names] == [Attendance.PRESENT, Attendance.ABSENT, Attendance.LATE]
    assert prompt.infos == []  # never "select a participant first"


def test_a_youth_put_on_the_waiting_list_is_not_told_registered(site, qtbot):
    from .helpers import make_series, register

    res = make_series(site, rrule="FREQ=DAILY;COUNT=1", capacity=1)
    sid = res.sessions[0].id
    register(site, sid, "kevin")
    set_clock(site, "2027-03-10 10:00")
    bus, prompt = ChangeBus(), ScriptedPrompt()
    page = WorkshopsPage(site.services, bus, lambda: site.receptionist, ops=Operations(bus, prompt))
    qtbot.addWidget(page)
    page.show()
    page.show_session(sid)
    prompt.queue(True)  # "La séance est complète : inscrire ce jeune en liste d'attente ?"
    _register_by_typing(qtbot, page.roster, "loeuvre")
    text = page.roster.notice.text()
    assert "liste d'attente" in text and "rang 1" in text
    assert "inscrit" not in text
    assert [r.youth_name for r in site.services.workshops.roster(sid).waitlist] == ["LŒUVRE Éloïse"]
