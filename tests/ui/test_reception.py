"""Acceptance: a morning at reception, driven through the real widgets by keyboard, checked in the database.

Log in as the receptionist, search a youth and book through the dialog, check them in from the arrivals
panel; log in as the counsellor, mark them seen; undo (back to "arrivé") and redo.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.text import fold
from mlplanner.ui.shell.login import LoginDialog


def focused(widget) -> bool:  # type: ignore[no-untyped-def]
    """The widget holds the keyboard focus of its window (robust to the offscreen platform's activation)."""
    return widget.window().focusWidget() is widget


def _login(qtbot, activate, services, staff_name: str) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    activate(dialog)
    # type the first letters of the name in the list (Qt's type-ahead), Enter, the PIN, Enter
    qtbot.keyClicks(dialog.people, staff_name[:4])
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    assert focused(dialog.pin)
    qtbot.keyClicks(dialog.pin, "1234")
    with qtbot.waitSignal(dialog.loggedIn):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    return dialog


def test_reception_morning(demo, core_window, staff_actor, activate, qtbot, prompt):
    clock = demo.ctx.clock
    clock.advance(timedelta(hours=1, minutes=30))  # 09:30 on the demo Monday
    receptionist = staff_actor(demo, Role.RECEPTIONIST)
    dialog = _login(qtbot, activate, demo, receptionist.name)
    assert dialog.actor == receptionist

    window, core = core_window(demo, dialog.actor)
    activate(window)

    # a youth with a unique enough name, not yet seen today
    youth = next(
        y
        for y in demo.youths.search("ma", limit=50)
        if not demo.booking.between(window.now().date(), window.now().date(), youth_id=y.id)
    )
    typed = fold(youth.last_name)[:4] + " " + fold(youth.first_name)[:3]

    # Ctrl+N, a few letters, Enter (youth), Enter (type), Enter (first proposed slot)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    booking = core.booking
    assert booking.isVisible() and focused(booking.picker.search)
    qtbot.keyClicks(booking.picker.search, typed)
    qtbot.waitUntil(lambda: booking.picker.results_model.rowCount() > 0)
    assert booking.picker.results_model.row_at(0).id == youth.id
    qtbot.keyClick(booking.picker.search, Qt.Key.Key_Return)
    assert booking.youth == youth and focused(booking.type_box)
    qtbot.keyClick(booking.type_box, Qt.Key.Key_Return)
    assert focused(booking.slots)
    proposed = booking.booking_request()
    with qtbot.waitSignal(booking.booked):
        qtbot.keyClick(booking.slots, Qt.Key.Key_Return)
    assert not booking.isVisible()

    stored = [
        a for a in demo.booking.between(proposed["start"].date(), proposed["start"].date(), youth_id=youth.id)
    ]
    assert len(stored) == 1
    appt = stored[0]
    assert (appt.start, appt.counsellor_id, appt.status) == (
        proposed["start"],
        proposed["counsellor"],
        Status.BOOKED,
    )
    assert appt.start.date() == window.now().date()  # the first free slot is today

    # the arrivals panel: type the name, Enter checks them in
    activate(window)  # a real window manager gives the focus back when the dialog closes
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "arrivals"
    arrivals = core.arrivals
    qtbot.keyClicks(arrivals.filter, fold(youth.last_name)[:5])
    assert arrivals.proxy.rowCount() >= 1
    qtbot.keyClick(arrivals.filter, Qt.Key.Key_Return)
    assert demo.booking.get(appt.id).status is Status.ARRIVED
    assert demo.booking.get(appt.id).arrived_at is not None

    # the counsellor logs in (Ctrl+L) and lands on "my day"
    counsellor = demo.directory.staff_member(appt.counsellor_id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    login = window._login_dialog
    assert login.select(counsellor.id)
    qtbot.keyClicks(login.pin, "1234")
    with qtbot.waitSignal(window.actorChanged):
        qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    assert window.actor.id == counsellor.id
    activate(window)
    assert window.current_page_key() == "my_day"
    my_day = core.my_day
    row = my_day.model.row_of_key(appt.id)
    assert row >= 0
    assert "arrivé" in my_day.model.index(row, 4).data()  # live arrival status
    my_day.table.setCurrentIndex(my_day.model.index(row, 2))

    clock.advance(appt.start - window.now() + timedelta(minutes=5))  # the interview has started
    qtbot.keyClicks(my_day.note, "CV mis a jour")  # QTest types ASCII only
    qtbot.mouseClick(my_day.seen_btn, Qt.MouseButton.LeftButton)
    seen = demo.booking.get(appt.id)
    assert seen.status is Status.SEEN and seen.notes == "CV mis a jour"
    assert prompt.errors == []

    # undo (Ctrl+Z): back to "arrived" in the database; redo (Ctrl+Shift+Z): seen again
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo.booking.get(appt.id).status is Status.ARRIVED
    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert demo.booking.get(appt.id).status is Status.SEEN
