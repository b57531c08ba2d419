"""Booking for a young person from every page about them: the youth file, the portfolio, the call list
and Ma journée (Ctrl+N there pre-fills the young person; the cursor waits on the type)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from mlplanner.app import build_window
from mlplanner.domain.enums import Role
from mlplanner.ui.shell.prompt import ScriptedPrompt


@pytest.fixture
def window(demo, qtbot, staff_actor, activate):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=2))
    w = build_window(demo, staff_actor(demo, Role.COUNSELLOR), prompt=ScriptedPrompt(), live_refresh=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    activate(w)
    return w


def _ctrl_n(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return window.core.booking


def test_ctrl_n_in_my_day_prefills_the_young_person(window, demo, qtbot):  # type: ignore[no-untyped-def]
    page = window.show_page("my_day")
    a = page.model.row_at(0)
    page.table.setCurrentIndex(page.model.index(0, 2))
    dialog = _ctrl_n(qtbot, window)
    assert dialog.isVisible() and dialog.youth is not None and dialog.youth.id == a.youth_id
    assert dialog.focusWidget() is dialog.type_box  # Enter, Enter books the next appointment
    qtbot.keyClick(dialog.type_box, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.slots, Qt.Key.Key_Return)
    assert dialog.last_booked is not None and dialog.last_booked.youth_id == a.youth_id
    assert demo.booking.get(dialog.last_booked.id).youth_id == a.youth_id


def test_the_youth_file_has_a_booking_button_and_ctrl_n(window, demo, qtbot):  # type: ignore[no-untyped-def]
    youth = demo.youths.search("ma", limit=1)[0]
    window.youthFileRequested.emit(youth.id)
    page = window.page("youth")
    assert window.current_page_key() == "youth" and page.book_button.isVisible()
    page.book_button.click()
    assert window.core.booking.youth.id == youth.id
    window.core.booking.close()
    dialog = _ctrl_n(qtbot, window)
    assert dialog.youth.id == youth.id


@pytest.mark.parametrize("key", ["portfolio", "calls"])
def test_portfolio_and_call_list_book_for_the_selected_young_person(key, window, qtbot):  # type: ignore[no-untyped-def]
    page = window.show_page(key)
    if key == "calls":
        if not page.model.rowCount():  # the call day may have nobody without SMS consent
            page.day.setDate(page.day.date().addDays(1))
        assert page.model.rowCount(), "someone to call"
    row_youth = page.model.row_at(0).youth_id
    index = page.table.model().index(0, 1)
    page.table.setCurrentIndex(index)
    selected = page.booking_prefill()["youth_id"]
    assert selected in {row_youth} | {page.model.row_at(r).youth_id for r in range(page.model.rowCount())}
    page.book_button.click()
    assert window.core.booking.youth.id == selected
    window.core.booking.close()
    dialog = _ctrl_n(qtbot, window)
    assert dialog.youth.id == selected


def test_ctrl_n_elsewhere_opens_an_empty_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    window.show_page("day")
    dialog = _ctrl_n(qtbot, window)
    assert dialog.youth is None and dialog.focusWidget() is dialog.picker.search
