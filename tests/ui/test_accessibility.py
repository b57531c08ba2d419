"""Accessibility: every control of every page and dialog has a name a screen reader can say and takes
the keyboard focus; every page and dialog still fits a 1366×768 screen at 150 % scaling.

The name is the one Qt's accessibility layer reports: the control's `accessibleName`, else its own
visible text (buttons, check boxes), else the text of a `QLabel` whose buddy it is (QFormLayout rows
set that buddy), else the title of the group box it sits in directly. A tooltip or a placeholder is not a name. Qt's own inner
parts of composite widgets (the line edit of a spin box, the header of a table, the clear button of a
line edit...) are named by Qt and skipped.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from mlplanner.app import build_window
from mlplanner.domain.enums import Role
from mlplanner.ui.administration.backups import BackupDialog
from mlplanner.ui.administration.privacy import PrivacyDialog
from mlplanner.ui.printing.preview import PrintPreviewDialog
from mlplanner.ui.shell.login import LoginDialog
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.workshops.edit_dialog import SessionEditDialog
from mlplanner.ui.workshops.series_dialog import SeriesDialog
from mlplanner.ui.youths.widgets import MergeDialog

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
)
COMPOSITES = (QAbstractSpinBox, QComboBox, QCalendarWidget, QTabBar, QScrollBar)  # Qt names their parts


def accessible_name(widget: QWidget) -> str:
    """The name Qt's accessibility layer gives a control on every platform (the rules of
    `QAccessibleWidget::text(Name)`, spelled out: on Linux a combo box would otherwise be "named" by its
    current item)."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget:
            return re.sub(r"<[^>]+>", "", label.text()).replace("&", "")
    if isinstance(parent, QGroupBox):
        return parent.title().replace("&", "")
    return ""


def _qt_part(widget: QWidget, root: QWidget) -> bool:
    """An inner part of a Qt composite widget, not a control of ours."""
    parent = widget.parentWidget()
    if isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView):
        return True
    if isinstance(widget, QAbstractButton) and isinstance(parent, QLineEdit):  # clear / action buttons
        return True
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _describe(widget: QWidget) -> str:
    chain, p = [], widget.parentWidget()
    while p is not None and len(chain) < 3:
        chain.append(p.objectName() or type(p).__name__)
        p = p.parentWidget()
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} text={text!r} tip={widget.toolTip()[:40]!r} in {'/'.join(chain)}"


def controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and not _qt_part(w, root)]


def unnamed(root: QWidget) -> list[str]:
    """Controls under `root` with no spoken name (a name must hold a letter: "◀" or "+" is not one)."""
    return [_describe(w) for w in controls(root) if not re.search(r"\w", accessible_name(w).replace("_", ""))]


@pytest.fixture
def lead_window(demo, qtbot, staff_actor):  # type: ignore[no-untyped-def]
    """The whole app as a site lead sees it, on the demo site with its workshops."""
    from mlplanner.services.workshops.demo import build_demo_workshops

    build_demo_workshops(demo, today=demo.ctx.now_local("Europe/Paris").date(), seed=7)
    window = build_window(
        demo, staff_actor(demo, Role.SITE_LEAD), prompt=ScriptedPrompt(), live_refresh=False
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_every_control_of_every_page_has_an_accessible_name(lead_window):
    window = lead_window
    core = window.core
    core.arrivals.walk_in.start()  # the walk-in panel and the inline new-youth form
    core.arrivals.walk_in.picker.show_form()
    checked, problems = 0, []
    for key in window.page_keys():
        page = window.show_page(key)
        found = controls(page)
        checked += len(found)
        problems += [f"{key}: {p}" for p in unnamed(page)]
        problems += [
            f"{key}: no Tab focus: {_describe(w)}"
            for w in found
            if not w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
    problems += [f"status bar: {p}" for p in unnamed(window.statusBar())]
    assert {"day", "youth", "settings", "workshops", "audit", "sync"} <= set(window.page_keys())
    assert checked > 150
    assert problems == [], "\n".join(problems)


def _dialogs(window, qtbot) -> dict[str, QDialog]:  # type: ignore[no-untyped-def]
    """Every dialog of the app, built as the app builds it (none is exec()'d)."""
    sv, actor, ops, prompt = window.services, lambda: window.actor, window.ops, window.prompt
    booking = window.core.booking
    youth = sv.youths.search("martin")[0]
    booking.start({"youth_id": youth.id, "type_code": "SUIVI"})
    today = window.now()
    session = sv.workshops.sessions_between(today.date(), today.date() + timedelta(days=60))[0]
    out: dict[str, QDialog] = {
        "booking": booking,
        "login": LoginDialog(sv, window, site_name="Site"),
        "print preview": PrintPreviewDialog(
            sv,
            actor,
            ops,
            lambda: sv.printing.day(actor=window.actor, day=today.date(), preview=True),
            parent=window,
        ),
        "backups": BackupDialog(sv, actor, ops, prompt, parent=window),
        "privacy": PrivacyDialog(sv, actor, ops, prompt, parent=window),
        "merge": MergeDialog(sv, youth, window),
        "new workshop": SeriesDialog(sv, window.bus, actor, ops=ops, parent=window),
        "edit session": SessionEditDialog(sv, window.bus, actor, session.id, ops=ops, parent=window),
    }
    for name, action_name in (("import", "importYouthsAction"), ("export", "exportExcelAction")):
        action = window.findChild(QAction, action_name)
        if action is not None:
            before = set(window.findChildren(QDialog))
            action.trigger()
            new = [d for d in window.findChildren(QDialog) if d not in before and d.isVisible()]
            out[name] = new[0]
    for d in out.values():
        qtbot.addWidget(d)
    return out


def test_every_control_of_every_dialog_has_an_accessible_name(lead_window, qtbot):
    dialogs = _dialogs(lead_window, qtbot)
    assert {"booking", "print preview", "new workshop", "import", "export"} <= set(dialogs)
    problems = [f"{name}: {p}" for name, d in dialogs.items() for p in unnamed(d)]
    assert problems == [], "\n".join(problems)


# --- 150 % scaling -----------------------------------------------------------------------------------
# Qt scales logical pixels: fonts and size hints in logical pixels are the same at any scale factor, so
# a 1366×768 screen at 150 % is checked as a 910×512 logical screen (less a title bar and a task bar).
SCREEN_150 = QSize(1366 * 2 // 3, 768 * 2 // 3)
WINDOW_150 = SCREEN_150 - QSize(0, 48)
MAY_SCROLL_DOWN = {"stats", "sync"}  # long explanations under their tables: a vertical bar is fine


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_every_page_fits_a_1366x768_screen_at_150_percent(lead_window):
    window = lead_window
    assert window.minimumSizeHint().width() <= WINDOW_150.width()
    window.resize(WINDOW_150)
    _settle()
    assert window.size() == WINDOW_150
    crowded = []
    for key in window.page_keys():
        page = window.show_page(key)
        _settle()
        area = window.stack.currentWidget()
        if area.horizontalScrollBar().isVisible():
            crowded.append(f"{key}: {page.minimumSizeHint().width()} px wide, room for {area.width()}")
        if area.verticalScrollBar().isVisible() and key not in MAY_SCROLL_DOWN:
            crowded.append(f"{key}: {page.minimumSizeHint().height()} px high, room for {area.height()}")
    assert crowded == [], "\n".join(crowded)
    settings = window.page("settings")
    assert settings.minimumSizeHint().height() < 400  # it asked for ~780 px before its forms scrolled


def test_dialogs_open_within_a_1366x768_screen_at_150_percent(lead_window, qtbot):
    dialogs = _dialogs(lead_window, qtbot)
    too_big = [
        f"{name}: at least {d.minimumSizeHint().width()}×{d.minimumSizeHint().height()}"
        for name, d in dialogs.items()
        if not (
            d.minimumSizeHint().width() <= WINDOW_150.width()
            and d.minimumSizeHint().height() <= WINDOW_150.height()
        )
    ]
    assert too_big == []
    booking = dialogs["booking"]
    booking.resize(2000, 2000)
    fit_to_screen(booking)
    free = booking.screen().availableGeometry().size()
    assert booking.width() <= free.width() and booking.height() <= free.height()
    assert booking.width() >= booking.minimumSizeHint().width()
