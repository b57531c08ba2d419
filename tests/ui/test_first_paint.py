"""Issue 19: the first page is laid out once and painted once at start.

The start paints the first page at once (`Startup._install`: `finish_starting`, then one turn of the
event loop, before the file's check and the other areas' imports compete for the interpreter). The day's
toolbar used to decide in its `resizeEvent` that it needed two rows, which its parent heard of
only in the next event loop: the bar grew from 24 to 50 pixels, the grid moved down and was painted a
second time (56 ms of the GUI thread at network size, a visible jump). Qt also leaves work to the event
loop after widgets are shown (their paint, scroll bars shown or hidden, the grid's column widths): done
before the first paint, that paint is the only one.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, QRect
from PySide6.QtWidgets import QApplication, QDateEdit, QPushButton, QVBoxLayout, QWidget

from mlplanner.app import install_first
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.ui.dayview.view import DayPage
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.narrow import ElidedLabel, WrapBar


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _geometries(root: QWidget) -> dict[str, tuple[QRect, bool]]:
    out = {}
    for i, w in enumerate([root, *root.findChildren(QWidget)]):
        out[f"{i}:{type(w).__name__}:{w.objectName()}"] = (w.geometry(), w.isVisible())
    return out


class Paints(QObject):
    """Counts the paint events a widget gets."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _bar() -> tuple[WrapBar, list[QPushButton]]:
    right = [QPushButton("&Conseillers"), QPushButton("&Bureaux"), QPushButton("&Nouveau rendez-vous…")]
    title = ElidedLabel("Lundi 7 décembre 2026 (aujourd'hui)", least_chars=8)
    return WrapBar([QPushButton("Aujourd'&hui"), QDateEdit()], title, right), right


@pytest.mark.parametrize("narrow", [True, False])
def test_a_wrap_bar_is_laid_out_at_once_on_the_rows_it_needs(qtbot, narrow: bool) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    bar, right = _bar()
    below = QWidget()
    lay = QVBoxLayout(page)
    lay.addWidget(bar)
    lay.addWidget(below, 1)
    one_row = bar.sizeHint().width() + 2 * lay.contentsMargins().left()
    page.resize(one_row - 120 if narrow else one_row + 120, 400)
    page.show()  # laid out, not a single event processed yet (the start paints right then)
    first = _geometries(page)
    assert bar.wrapped is narrow
    assert len({bar.right.geometry().top(), bar.left.geometry().top()}) == (2 if narrow else 1)
    assert all(b.width() >= b.sizeHint().width() for b in right), "no button squeezed"
    assert below.geometry().top() > bar.geometry().bottom()
    _settle()
    assert _geometries(page) == first


def test_a_wrap_bar_wraps_and_unwraps_as_its_page_is_resized(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    bar, _right = _bar()
    lay = QVBoxLayout(page)
    lay.addWidget(bar)
    lay.addStretch(1)
    wide = bar.sizeHint().width() + 60
    page.resize(wide, 300)
    page.show()
    _settle()
    one_row = bar.height()
    assert bar.wrapped is False
    page.resize(wide - 200, 300)
    _settle()
    assert bar.wrapped is True and bar.height() > one_row
    assert bar.right.geometry().top() > bar.left.geometry().bottom()
    page.resize(wide, 300)
    _settle()
    assert bar.wrapped is False and bar.height() == one_row


@pytest.mark.parametrize("size", [(1366, 768), (900, 600)])
def test_the_first_page_is_laid_out_and_painted_once_at_start(
    demo: Services, qtbot, prompt, staff_actor, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    """The start's steps (`Startup._install`): the window is up with its start-up panel; then the
    file, the person, the first page installed, the panel gives way, the window is painted."""
    demo.ctx.clock.advance(timedelta(hours=7))  # 15:00: the grid opens scrolled to the afternoon
    window = MainWindow(prompt=prompt)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    window.attach(demo)  # the file is open: the login is shown, the pages' modules are imported meanwhile
    window.set_actor(staff_actor(demo, Role.SITE_LEAD))
    _settle()
    install_first(window, live_refresh=False)
    day = window.current_page()
    assert isinstance(day, DayPage)
    paints = Paints(day.table.viewport())
    window.finish_starting()
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    assert paints.count == 1
    first = _geometries(window)
    scrolled = day.table.verticalScrollBar().value()
    _settle()
    assert _geometries(window) == first
    assert paints.count == 1, "the grid was painted again once the events were processed"
    assert day.table.verticalScrollBar().value() == scrolled > 0  # the first paint shows the afternoon
