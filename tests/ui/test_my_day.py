"""Ma journée: a note belongs to one appointment (never carried to the next), undo restores it,
outcomes by keyboard, an early arrival's outcome, double-click to the youth file, booking from here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from mlplanner.domain.enums import Role, Status


@pytest.fixture
def at_ten(demo):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=2))  # 10:00 on the demo Monday
    return demo


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _to_fill(page):  # type: ignore[no-untyped-def]
    if page.mode != "to_fill_in":
        page.toggle_mode()
    rows = page.model.rows()
    assert len(rows) >= 3, "the demo counsellor has past appointments to fill in"
    return rows


def test_a_note_typed_for_one_youth_never_lands_on_the_next_one(
    at_ten, core_window, staff_actor, activate, qtbot
):
    demo = at_ten
    counsellor = staff_actor(demo, Role.COUNSELLOR)
    window, core = core_window(demo, counsellor)
    window.show_page("my_day")
    activate(window)
    page = core.my_day
    first, _second = _to_fill(page)[:2]
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(first.id), 2))
    page.note.setFocus()
    qtbot.keyClicks(page.note, "CV a reprendre")
    # the keyboard outcome (the Rendez-vous menu's Ctrl+Shift+R) while typing in the note box
    qtbot.keyClick(page.note, Qt.Key.Key_R, CTRL_SHIFT)
    assert demo.booking.get(first.id).status is Status.SEEN
    assert demo.booking.get(first.id).notes == "CV a reprendre"
    # the selection moved on: the note box shows the next appointment's own note, not the last one typed
    now_selected = page.selected_appointment()
    assert now_selected is not None and now_selected.id != first.id
    assert page.note.toPlainText() == now_selected.notes
    qtbot.keyClick(page.note, Qt.Key.Key_B, CTRL_SHIFT)
    assert demo.booking.get(now_selected.id).status is Status.NO_SHOW
    assert "CV a reprendre" not in demo.booking.get(now_selected.id).notes


def test_a_draft_stays_with_its_appointment_when_the_selection_moves(at_ten, core_window, staff_actor):
    demo = at_ten
    _window, core = core_window(demo, staff_actor(demo, Role.COUNSELLOR))
    page = core.my_day
    first, second = _to_fill(page)[:2]
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(first.id), 2))
    page.note.setPlainText("brouillon pour le premier")
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(second.id), 2))
    assert page.note.toPlainText() == second.notes
    assert page.record(Status.EXCUSED)
    assert demo.booking.get(second.id).notes == second.notes  # nothing of the first one's draft
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(first.id), 2))
    assert page.note.toPlainText() == "brouillon pour le premier"  # kept, not lost either


def test_undo_of_an_outcome_restores_its_note(at_ten, core_window, staff_actor):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.COUNSELLOR))
    page = core.my_day
    first = _to_fill(page)[0]
    before = demo.booking.get(first.id)
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(first.id), 2))
    page.note.setPlainText("orienté vers l'atelier CV")
    assert page.record(Status.SEEN)
    assert demo.booking.get(first.id).notes == "orienté vers l'atelier CV"
    window.undo_stack.undo()
    after = demo.booking.get(first.id)
    assert (after.status, after.notes) == (before.status, before.notes)
    window.undo_stack.redo()
    again = demo.booking.get(first.id)
    assert (again.status, again.notes) == (Status.SEEN, "orienté vers l'atelier CV")


def test_an_early_arrival_can_be_received_before_the_time_booked(at_ten, core_window, staff_actor):
    demo = at_ten
    counsellor = staff_actor(demo, Role.COUNSELLOR)
    window, core = core_window(demo, counsellor)
    now = window.now()
    later = next(
        a
        for a in demo.booking.day(now.date(), counsellor=counsellor.id)
        if a.status is Status.BOOKED and a.start > now + timedelta(minutes=20)
    )
    demo.appointments.check_in(actor=counsellor, appointment_id=later.id)
    page = core.my_day
    page.reload()
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(later.id), 2))
    assert page.seen_btn.isEnabled()
    page.seen_btn.click()
    assert demo.booking.get(later.id).status is Status.SEEN
    # not arrived: still "not started yet" for a no-show
    other = next(
        a
        for a in demo.booking.between(now.date(), now.date() + timedelta(days=7))
        if a.status is Status.BOOKED and a.start > now
    )
    from mlplanner.domain.errors import RuleViolation

    lead = staff_actor(demo, Role.SITE_LEAD)
    with pytest.raises(RuleViolation) as refused:
        demo.appointments.set_outcome(actor=lead, appointment_id=other.id, status=Status.NO_SHOW)
    assert refused.value.code == "outcome_in_future"


def test_double_click_opens_the_youth_file(at_ten, core_window, staff_actor, qtbot):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.COUNSELLOR))
    page = core.my_day
    window.show_page("my_day")
    window.show()
    qtbot.waitExposed(window)
    a = page.model.row_at(0)
    rect = page.table.visualRect(page.model.index(0, 2))
    with qtbot.waitSignal(window.youthFileRequested) as opened:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [a.youth_id]


def test_ctrl_z_in_the_note_box_undoes_the_outcome_once_there_is_no_typing_to_undo(
    at_ten, core_window, staff_actor, activate, qtbot
):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.COUNSELLOR))
    window.show_page("my_day")
    activate(window)
    page = core.my_day
    first = _to_fill(page)[0]
    before = demo.booking.get(first.id)
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(first.id), 2))
    page.note.setFocus()
    qtbot.keyClicks(page.note, "vu")
    qtbot.keyClick(page.note, Qt.Key.Key_R, CTRL_SHIFT)
    assert demo.booking.get(first.id).status is Status.SEEN
    assert page.note.hasFocus()  # still in the note box, now showing the next appointment's note
    qtbot.keyClick(page.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = demo.booking.get(first.id)
    assert (after.status, after.notes) == (before.status, before.notes)
    assert window.status.currentMessage().startswith("Annulé : « reçu »")
