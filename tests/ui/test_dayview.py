"""The day and week views: models, drag-and-drop moves (refused or done, then undone), keyboard moves,
booking from an empty cell, the context menu, and refreshes that keep the selection."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.models import AppointmentView
from mlplanner.ui.dayview.grid import COUNSELLOR, ROOM
from mlplanner.ui.dayview.model import APPOINTMENT_ROLE, SHADE_ROLE, TOP_ROLE


@pytest.fixture
def reception(demo, core_window, staff_actor, qtbot):  # type: ignore[no-untyped-def]
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.show()
    qtbot.waitExposed(window)
    return window, core


def _booked_pair(day_page) -> tuple[AppointmentView, AppointmentView]:  # type: ignore[no-untyped-def]
    """Two booked appointments of the same counsellor column that day, A before B."""
    by_col: dict[int, list] = {}
    for b in day_page.model.grid.blocks:
        if b.appointment is not None and b.appointment.status is Status.BOOKED and not b.also:
            by_col.setdefault(b.col, []).append(b.appointment)
    rows = next(v for v in by_col.values() if len(v) >= 2)
    return rows[0], rows[1]


def _drop(table, appointment_id: str, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    """The end of a drag, as Qt delivers it: drag-enter, drag-move, drop on the viewport, over the target
    row (inside a spanned block too: the row under the pointer counts, not the block's top)."""
    model = table.model()
    mime = model.mimeData([model.index_of(appointment_id)])
    pos = QPointF(table.columnViewportPosition(col) + 10, table.rowViewportPosition(row) + 3)
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    viewport = table.viewport()
    with warnings.catch_warnings():  # PySide marks the QPoint constructors deprecated; no QPointF one exists
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), *args)
        move = QDragMoveEvent(pos.toPoint(), *args)
    QApplication.sendEvent(viewport, enter)
    QApplication.sendEvent(viewport, move)
    QApplication.sendEvent(viewport, QDropEvent(pos, *args))


def _free_row(page, col: int, rows: int, after: datetime) -> int:  # type: ignore[no-untyped-def]
    grid = page.model.grid
    for r in range(grid.rows - rows):
        if grid.row_start(r, col) < after:
            continue
        if all(grid.block_at(r + k, col) is None and grid.shade_at(r + k, col) is None for k in range(rows)):
            return r
    return -1


def _target(page, demo, a: AppointmentView, *, other: bool) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A cell where `a` may go the same day (asked to the slot finder: every rule holds there)."""
    grid = page.model.grid
    for column_index, column in enumerate(grid.columns):
        if (column.resource_id == a.counsellor_id) == other:
            continue
        if demo.directory.staff_member(column.resource_id).role is not Role.COUNSELLOR:
            continue
        for slot in demo.slots.find(
            type_code=a.type_code, counsellor=column.resource_id, start=a.end, count=5
        ):
            if slot.start.date() == a.start.date() and slot.start >= a.end:
                row = int(grid.row_of(slot.start))
                return row, column_index
    raise AssertionError("no free cell that day")


def test_models_pass_the_model_tester(reception, qtmodeltester):
    _window, core = reception
    qtmodeltester.check(core.day.model)
    core.day.set_kind(ROOM)
    qtmodeltester.check(core.day.model)
    qtmodeltester.check(core.week.model)
    qtmodeltester.check(core.arrivals.model)
    qtmodeltester.check(core.my_day.model)


def test_day_model_data(reception):
    _window, core = reception
    model = core.day.model
    grid = model.grid
    block = next(b for b in grid.blocks if b.appointment is not None and b.rows >= 2)
    a = block.appointment
    top = model.index(block.row, block.col)
    assert top.data(TOP_ROLE) is True
    assert a.youth_name in top.data(Qt.ItemDataRole.DisplayRole)
    assert a.type_label in top.data(Qt.ItemDataRole.DisplayRole)
    assert model.index(block.row + 1, block.col).data(APPOINTMENT_ROLE) == a
    assert model.index(block.row + 1, block.col).data(Qt.ItemDataRole.DisplayRole) == ""
    assert core.day.table.rowSpan(block.row, block.col) == block.rows
    lunch = next(r for r in range(grid.rows) if grid.row_start(r).strftime("%H:%M") == "12:45")
    assert model.index(lunch, 0).data(SHADE_ROLE) == "Fermé"
    column = grid.columns[block.col]
    assert model.headerData(block.col, Qt.Orientation.Horizontal) == column.title == a.counsellor_name
    assert model.headerData(0, Qt.Orientation.Vertical) == grid.first.strftime("%H:%M")


def test_drag_onto_a_clash_is_refused_and_changes_nothing(reception, demo):
    window, core = reception
    page = core.day
    a, b = _booked_pair(page)
    block_b = page.model.grid.find(b.id)
    before = demo.booking.get(a.id)
    with pytest.raises(RuleViolation) as refused:  # what the service says about that move
        demo.booking.move(actor=window.actor, appointment_id=a.id, start=b.start, counsellor=b.counsellor_id)
    _drop(page.table, a.id, block_b.row, block_b.col)
    assert page.notice.isVisible()
    assert page.notice.text() == f"Déplacement refusé : {refused.value.message}"
    after = demo.booking.get(a.id)
    assert (after.start, after.counsellor_id, after.room_id) == (
        before.start,
        before.counsellor_id,
        before.room_id,
    )
    assert window.undo_stack.count() == 0


def test_drag_to_a_free_cell_moves_then_undo_moves_back(reception, demo):
    window, core = reception
    page = core.day
    a, _b = _booked_pair(page)
    row, col = _target(page, demo, a, other=True)
    target = page.model.grid.row_start(row, col)
    _drop(page.table, a.id, row, col)
    moved = demo.booking.get(a.id)
    assert not page.notice.isVisible(), page.notice.text()
    assert (moved.start, moved.counsellor_id) == (target, page.model.grid.columns[col].resource_id)
    assert page.model.grid.find(a.id).col == col  # the view followed
    window.undo_stack.undo()
    back = demo.booking.get(a.id)
    assert (back.start, back.counsellor_id) == (a.start, a.counsellor_id)


def test_keyboard_move_with_ctrl_x_and_enter(reception, demo, activate, qtbot):
    window, core = reception
    page = core.day
    a, _b = _booked_pair(page)
    block = page.model.grid.find(a.id)
    row, col = _target(page, demo, a, other=False)
    assert col == block.col
    activate(window)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(block.row, block.col))
    qtbot.keyClick(page.table, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert page.table.moving == a
    page.table.setCurrentIndex(page.model.index(row, block.col))
    target = page.model.grid.row_start(row, block.col)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert demo.booking.get(a.id).start == target, page.notice.text()


def test_enter_on_an_empty_cell_opens_the_prefilled_dialog(reception, demo, activate, qtbot):
    window, core = reception
    page = core.day
    youth = demo.youths.search("ma", limit=1)[0]
    code = core.booking.type_box.currentData()
    slot = next(
        s
        for s in demo.slots.find(type_code=code, youth_id=youth.id, start=window.now(), count=40)
        if page.model.grid.column_index(s.start.date(), COUNSELLOR, s.counsellor_id) is not None
    )
    col = page.model.grid.column_index(slot.start.date(), COUNSELLOR, slot.counsellor_id)
    row = int(page.model.grid.row_of(slot.start))
    activate(window)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, col))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = core.booking
    assert dialog.isVisible()
    assert dialog.prefill == {"start": slot.start, "counsellor": slot.counsellor_id}
    assert dialog.who_box.currentData() == slot.counsellor_id
    assert dialog.slots.item(0).text().startswith("Créneau choisi")
    dialog.picker.set_youth(youth)
    dialog.slots.setCurrentRow(0)
    booked = dialog.book()
    assert booked is not None, dialog.error.text()
    stored = demo.booking.get(booked.id)
    assert (stored.start, stored.counsellor_id, stored.youth_id) == (slot.start, slot.counsellor_id, youth.id)


def test_a_refused_booking_is_explained_in_the_dialog(reception, demo):
    window, core = reception
    a, b = _booked_pair(core.day)
    window.bookingRequested.emit({"start": b.start, "counsellor": b.counsellor_id})
    dialog = core.booking
    assert dialog.isVisible()
    youth = next(y for y in demo.youths.search("be", limit=30) if y.id not in (a.youth_id, b.youth_id))
    dialog.picker.set_youth(youth)
    dialog.slots.setCurrentRow(0)
    assert dialog.book() is None
    assert dialog.isVisible() and dialog.error.isVisible()
    # the sentence names the clash: the counsellor is already busy at that time
    assert (
        b.start.strftime("%H:%M") in dialog.error.text()
        or b.counsellor_name.split()[0] in dialog.error.text()
    )
    assert not [x for x in demo.booking.day(b.start.date()) if x.youth_id == youth.id]
    assert window.undo_stack.count() == 0


def test_context_menu_follows_role_and_status(reception, demo, prompt, qtbot):
    window, core = reception
    a, _b = _booked_pair(core.day)
    menu = core.actions.context_menu(a, core.day)
    enabled = {act.objectName(): act.isEnabled() for act in menu.actions() if act.objectName()}
    assert enabled["status_arrived"] is True  # today, receptionist
    assert enabled["status_seen"] is False  # outcomes belong to the counsellor
    assert enabled["cancel"] is True and enabled["print_slip"] is True
    with qtbot.waitSignal(window.youthFileRequested) as opened:
        next(x for x in menu.actions() if x.objectName() == "open_file").trigger()
    assert opened.args == [a.youth_id]
    with qtbot.waitSignal(window.printRequested) as printed:
        next(x for x in menu.actions() if x.objectName() == "print_slip").trigger()
    assert printed.args == ["slip", {"appointment_id": a.id, "youth_id": a.youth_id}]
    prompt.queue("La Mission Locale", "conseiller en formation")
    next(x for x in menu.actions() if x.objectName() == "cancel").trigger()
    cancelled = demo.booking.get(a.id)
    assert cancelled.status is Status.CANCELLED_BY_ML and cancelled.cancel_reason == "conseiller en formation"
    assert core.day.model.grid.find(a.id) is None  # a cancelled appointment frees its slot in the view
    window.undo_stack.undo()
    assert demo.booking.get(a.id).status is Status.BOOKED


def test_refresh_keeps_selection_and_scroll(reception, demo):
    window, core = reception
    page = core.day
    a, b = _booked_pair(page)
    page.table.select_appointment(b.id)
    page.table.verticalScrollBar().setValue(page.table.verticalScrollBar().maximum() // 2)
    scroll = page.table.verticalScrollBar().value()
    demo.appointments.check_in(actor=window.actor, appointment_id=a.id)  # as if from another workstation
    window.bus.publish_external()
    assert page.table.current_appointment().id == b.id
    assert page.table.verticalScrollBar().value() == scroll
    assert page.model.grid.find(a.id).appointment.status is Status.ARRIVED


def test_navigation_and_room_toggle(reception, demo, activate, qtbot):
    window, core = reception
    page = core.day
    today = window.now().date()
    activate(window)
    qtbot.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.day == today + timedelta(days=1)
    assert {c.day for c in page.model.grid.columns} == {today + timedelta(days=1)}
    qtbot.keyClick(page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert page.day == today
    page.by_room.click()
    rooms = {r.id for r in demo.directory.rooms()}
    columns = page.model.grid.columns
    assert [c.resource_id for c in columns[: len(rooms)]] == [r.id for r in demo.directory.rooms()]
    # then "Sans salle", holding what takes no room (phone, video...), as on the printed schedule
    roomless = {a.id for a in demo.booking.day(today, include_cancelled=False) if a.room_id is None}
    assert roomless and columns[-1].resource_id == "" and columns[-1].title == "Sans salle"
    in_last = {
        b.appointment.id for b in page.model.grid.blocks if b.col == len(columns) - 1 and b.appointment
    }
    in_last |= {x.id for b in page.model.grid.blocks if b.col == len(columns) - 1 for x in b.also}
    assert in_last == {a.id for a in demo.booking.day(today) if a.room_id is None and a.status.occupies_slot}
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.week_btn.click()
    assert window.current_page_key() == "week"
    assert core.week.who.currentData() == f"{ROOM}|{page.model.grid.columns[0].resource_id}"
    assert all(c.kind == ROOM for c in core.week.model.grid.columns)


def test_drag_to_another_room_changes_only_the_room(reception, demo):
    _window, core = reception
    page = core.day
    page.by_room.click()
    grid = page.model.grid
    offices = {r.id for r in demo.directory.rooms() if r.kind.value == "office"}
    candidates = [
        (block, c)
        for block in grid.blocks
        if (a := block.appointment) is not None and a.status is Status.BOOKED and a.room_id in offices
        for c, column in enumerate(grid.columns)
        if column.resource_id in offices
        and column.resource_id != a.room_id
        and all(grid.block_at(block.row + k, c) is None for k in range(block.rows + 1))
    ]
    for block, target in candidates[:20]:  # an office free on the grid may still hold a buffer: next one
        a = block.appointment
        _drop(page.table, a.id, block.row, target)
        if not page.notice.isVisible():
            break
    else:
        raise AssertionError("no appointment with a free office beside it")
    moved = demo.booking.get(a.id)
    assert not page.notice.isVisible(), page.notice.text()
    assert (moved.start, moved.counsellor_id) == (a.start, a.counsellor_id)
    assert moved.room_id == grid.columns[target].resource_id
