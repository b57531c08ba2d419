"""RGAA 11.1 / 7.1: every interactive control of every page and every dialog has a name and a
description, as Qt's accessibility interface gives them to a screen reader (`QAccessibleInterface.text`,
what NVDA, JAWS or Orca read), for each role; and results of actions are said aloud."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from mlplanner.app import build_window
from mlplanner.domain.enums import Role
from mlplanner.ui.administration.backups import BackupDialog
from mlplanner.ui.administration.privacy import PrivacyDialog
from mlplanner.ui.printing.preview import PrintPreviewDialog
from mlplanner.ui.reception.install import open_wish_dialog
from mlplanner.ui.shell.login import LoginDialog
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.widgets.announce import announcer
from mlplanner.ui.workshops.edit_dialog import SessionEditDialog
from mlplanner.ui.workshops.series_dialog import SeriesDialog
from mlplanner.ui.youths.widgets import MergeDialog

R = QAccessible.Role
INTERACTIVE = {
    R.Button, R.CheckBox, R.RadioButton, R.ComboBox, R.EditableText, R.SpinBox, R.Slider, R.List, R.Table,
    R.Tree, R.PageTabList, R.ButtonMenu, R.ButtonDropDown, R.ToolBar,
}  # fmt: skip


def _qt_inner(widget: QWidget) -> bool:
    """A part Qt builds inside its own composite controls (named and described by Qt)."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    if type(widget).__name__ == "QToolButton" and type(parent).__name__ == "QLineEdit":
        return True  # a line edit's clear button: the mouse's shortcut for Ctrl+A, Suppr
    while parent is not None:
        if type(parent).__name__ in ("QAbstractSpinBox", "QSpinBox", "QDateEdit", "QComboBox", "QCalendarWidget",
                                     "QTabBar", "QScrollBar", "QDateTimeEdit", "QTimeEdit", "QHeaderView"):  # fmt: skip
            return True
        parent = parent.parentWidget()
    return False


def problems_in(root: QWidget, where: str) -> tuple[int, list[str]]:
    checked, bad = 0, []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or _qt_inner(w):
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        if iface is None or iface.role() not in INTERACTIVE:
            continue
        checked += 1
        name = iface.text(QAccessible.Text.Name)
        description = iface.text(QAccessible.Text.Description)
        what = f"{where}: {type(w).__name__} {w.objectName()!r} name={name!r}"
        if not re.search(r"[^\W\d_]", name or ""):
            bad.append(f"{what}: no name")
        if not (description or "").strip():
            bad.append(f"{what}: no description")
    return checked, bad


@pytest.fixture
def lead_window(demo, qtbot):  # type: ignore[no-untyped-def]
    from mlplanner.services.context import Actor
    from mlplanner.services.workshops.demo import build_demo_workshops

    build_demo_workshops(demo, today=demo.ctx.now_local("Europe/Paris").date(), seed=7)
    lead = next(s for s in demo.directory.staff(role=Role.SITE_LEAD) if s.can_log_in)
    window = build_window(demo, Actor(lead.id, lead.display_name, lead.role), prompt=ScriptedPrompt(),
                          live_refresh=False)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_every_page_through_the_accessibility_interface(lead_window) -> None:  # type: ignore[no-untyped-def]
    window = lead_window
    window.core.arrivals.walk_in.start()
    window.core.arrivals.walk_in.picker.show_form()
    total, bad = 0, []
    for key in window.page_keys():
        page = window.show_page(key)
        QApplication.processEvents()
        n, p = problems_in(page, key)
        total, bad = total + n, bad + p
    assert total > 80
    assert bad == [], "\n".join(bad)


def _dialogs(window, qtbot) -> dict[str, QDialog]:  # type: ignore[no-untyped-def]
    sv, actor, ops, prompt = window.services, lambda: window.actor, window.ops, window.prompt
    booking = window.core.booking
    youth = sv.youths.search("martin")[0]
    booking.start({"youth_id": youth.id, "type_code": "SUIVI"})
    today = window.now()
    session = sv.workshops.sessions_between(today.date(), today.date() + timedelta(days=60))[0]
    later = next(a for a in sv.booking.between(today.date() + timedelta(days=3), today.date() + timedelta(days=9))
                 if a.status.value == "booked")  # fmt: skip
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
        "plus tôt si possible": open_wish_dialog(window, later),
    }
    for name, action_name in (("import", "importYouthsAction"), ("export", "exportExcelAction")):
        action = window.findChild(QAction, action_name)
        if action is not None:
            before = set(window.findChildren(QDialog))
            action.trigger()
            out[name] = next(d for d in window.findChildren(QDialog) if d not in before and d.isVisible())
    for d in out.values():
        qtbot.addWidget(d)
        d.show()
    return out


def test_every_dialog_through_the_accessibility_interface(lead_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialogs = _dialogs(lead_window, qtbot)
    QApplication.processEvents()
    total, bad = 0, []
    for name, d in dialogs.items():
        n, p = problems_in(d, name)
        total, bad = total + n, bad + p
    assert total > 60
    assert bad == [], "\n".join(bad)


def test_results_of_actions_are_said_aloud(lead_window) -> None:  # type: ignore[no-untyped-def]
    window = lead_window
    said = announcer(window)
    window.status.showMessage("Rendez-vous pris : X.", 5000)
    assert said.history[-1] == "Rendez-vous pris : X."
    from mlplanner.domain.errors import RuleViolation

    def refused() -> None:
        raise RuleViolation("x", "Claire a déjà un rendez-vous de 10:00 à 10:30.")

    window.ops.run(refused, on_error=lambda _e: None)
    assert said.history[-1] == "Claire a déjà un rendez-vous de 10:00 à 10:30."
