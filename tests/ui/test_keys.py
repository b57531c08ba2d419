"""Keys and focus: no two things reachable at once share a key (every page, every role), F1 is built from
the actions and lists every one of them, the keys that clashed now work, Tab leaves the day grid."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from mlplanner.app import build_window
from mlplanner.domain.enums import Role, Status
from mlplanner.ui.shell.keys import clashes, help_text, keys_text, reachable
from mlplanner.ui.shell.prompt import ScriptedPrompt

ROLES = [Role.RECEPTIONIST, Role.COUNSELLOR, Role.SITE_LEAD, Role.ADMIN]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def whole_window(demo, qtbot, staff_actor):  # type: ignore[no-untyped-def]
    def make(role: Role):  # type: ignore[no-untyped-def]
        window = build_window(demo, staff_actor(demo, role), prompt=ScriptedPrompt(), live_refresh=False)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_no_two_reachable_shortcuts_share_a_key_on_any_page(role, whole_window):  # type: ignore[no-untyped-def]
    window = whole_window(role)
    found = {}
    for key in window.page_keys():
        window.show_page(key)
        if key == "arrivals":  # with the walk-in panel open too (its buttons have mnemonics)
            window.core.arrivals.walk_in.start()
            window.core.arrivals.walk_in.picker.show_form()
        if clashes(window):
            found[key] = clashes(window)
    assert found == {}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_f1_lists_every_reachable_shortcut_of_every_page(role, whole_window):  # type: ignore[no-untyped-def]
    window = whole_window(role)
    missing = {}
    for key in window.page_keys():
        window.show_page(key)
        dialog = window.core.show_key_help()
        text = help_text(dialog.sections)
        absent = [
            f"{r.key} ({r.what})"
            for r in reachable(window)
            if r.kind != "mnemonic" and f"{keys_text(r.key)} : " not in text
        ]
        if absent:
            missing[key] = absent
        dialog.close()
    assert missing == {}


def test_f1_speaks_one_language_of_keys(whole_window, qapp, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from mlplanner.ui import i18n

    monkeypatch.setattr(i18n, "app_data_dir", lambda: tmp_path)
    i18n.install(qapp, "fr")  # Qt's own French (key names) as in the app
    window = whole_window(Role.RECEPTIONIST)
    window.show_page("day")
    text = help_text(window.core.show_key_help().sections)
    assert "Ctrl+Maj+A" in text and "Shift" not in text  # French key names throughout
    assert "Arrivé(e)" in text and "Nouvel atelier" in text  # the menus' actions, by their names
    assert "Entrée" in text and "aller de case en case" in text  # the page's own keys


def test_ctrl_shift_a_checks_in_again_and_the_new_workshop_has_its_own_key(
    demo, whole_window, staff_actor, qtbot, activate
):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=2))
    window = whole_window(Role.SITE_LEAD)
    page = window.show_page("arrivals")
    activate(window)
    a = next(x for x in page.model.rows() if x.status is Status.BOOKED)
    assert page.select(a.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, CTRL_SHIFT)
    assert demo.booking.get(a.id).status is Status.ARRIVED
    # Nouvel atelier: Ctrl+Shift+T
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    assert window.current_page_key() == "workshops"
    dialog = window.page("workshops").series_dialog
    assert dialog.isVisible()
    dialog.close()


def test_tab_leaves_the_day_grid(demo, whole_window, qtbot, activate):  # type: ignore[no-untyped-def]
    window = whole_window(Role.RECEPTIONIST)
    day = window.show_page("day")
    activate(window)
    day.table.setFocus()
    day.table.setCurrentIndex(day.model.index(0, 0))
    qtbot.keyClick(day.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not day.table
    assert day.table.currentIndex().column() == 0  # the grid's own cell did not move either


def test_the_focused_control_of_the_booking_dialog_has_a_visible_ring(demo, core_window, staff_actor, qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from mlplanner.ui.widgets.focus_ring import RING

    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.show()
    window.bookingRequested.emit({})
    dialog = core.booking
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    dialog.type_box.setFocus()
    qtbot.waitUntil(lambda: dialog.type_box.hasFocus(), timeout=2000)
    qtbot.waitUntil(
        lambda: any(w.objectName() == "focusRing" and w.isVisible() for w in dialog.findChildren(QWidget)),
        timeout=2000,
    )
    (ring,) = [w for w in dialog.findChildren(QWidget) if w.objectName() == "focusRing"]
    box = dialog.type_box.geometry()
    assert ring.geometry().contains(box) and ring.geometry() != box
    # what is painted around the box is the ring's strong blue, not the style's faint tint
    image: QImage = dialog.grab().toImage()
    left_edge = dialog.type_box.mapTo(dialog, dialog.type_box.rect().topLeft())
    y = left_edge.y() + box.height() // 2
    colours = {image.pixelColor(x, y).name() for x in range(left_edge.x() - 4, left_edge.x())}
    assert RING.name() in colours
    # Tab to the next control: the ring follows
    qtbot.keyClick(dialog.type_box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: ring.geometry().contains(dialog.who_box.geometry()), timeout=2000)


def test_the_ring_survives_windows_destroyed_while_the_focus_moves(qtbot):  # type: ignore[no-untyped-def]
    """Dialogs closed and deleted while one of their controls had the focus: the ring forgets them and
    comes back in the next window, and a control scrolled away gets no ring painted outside its frame."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QScrollArea, QVBoxLayout

    from mlplanner.ui.widgets.focus_ring import FocusRing

    FocusRing.install()
    for _ in range(3):
        dialog = QDialog()
        edit = QLineEdit(dialog)
        QVBoxLayout(dialog).addWidget(edit)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        edit.setFocus()
        qtbot.waitUntil(
            lambda d=dialog: any(
                w.objectName() == "focusRing" and w.isVisible() for w in d.findChildren(QWidget)
            ),
            timeout=2000,
        )
        dialog.close()
        dialog.deleteLater()
        QApplication.processEvents()
    last = QDialog()
    qtbot.addWidget(last)
    scroll = QScrollArea(last)
    scroll.setFixedSize(200, 60)
    inner = QWidget()
    inner.setFixedSize(180, 400)
    far = QLineEdit(inner)
    far.move(0, 300)  # below the visible part of the scroll area
    scroll.setWidget(inner)
    last.show()
    qtbot.waitExposed(last)
    last.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is last, timeout=2000)
    far.setFocus()
    qtbot.waitUntil(far.hasFocus, timeout=2000)
    qtbot.wait(50)
    rings = [w for w in last.findChildren(QWidget) if w.objectName() == "focusRing"]
    assert all(not r.isVisible() for r in rings)  # nothing drawn over the scroll area's frame
    scroll.ensureWidgetVisible(far)
    qtbot.waitUntil(
        lambda: any(r.isVisible() for r in last.findChildren(QWidget) if r.objectName() == "focusRing"),
        timeout=2000,
    )
