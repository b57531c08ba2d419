"""Plug the reception pages into the main window (the arrivals page is a core page): the reminder call
list, and for a network (issue 18) the bar at the top of the window (a freed slot to propose, for the
desk), the "Plus tôt si possible" page, and the appointment menu's "Plus tôt si possible…" (context
menu and "Rendez-vous" menu)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from mlplanner.domain.models import AppointmentView
from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.reception.arrival_notice import ArrivalNotice
from mlplanner.ui.reception.call_list import CallListPage
from mlplanner.ui.reception.requests_page import RequestsPage
from mlplanner.ui.reception.wishes import WishBanner, WishDialog, WishesPage
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.main_window import MainWindow


class ReceptionBar(QToolBar):
    """A strip at the top of the window that shows only when it has something for this person."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(tr("Accueil"))
        self.setObjectName("receptionBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.window_ = window
        self.arrivals = ArrivalNotice(window)
        self.wishes = WishBanner(window)
        holder = QWidget()  # one above the other, the whole width of the window
        column = QVBoxLayout(holder)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(4)
        column.addWidget(self.arrivals)
        column.addWidget(self.wishes)
        self.addWidget(holder)
        window.bus.changed.connect(self._changed)
        window.actorChanged.connect(lambda _a: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.arrivals.refresh()
        self.wishes.refresh()
        self._fit()

    def _fit(self) -> None:
        self.setVisible(bool(self.arrivals.waiting) or self.wishes.proposal is not None)

    def _changed(self, changes: object) -> None:
        if concerns(changes, "appointments", "wishes", "config"):
            self.refresh()


def open_wish_dialog(window: MainWindow, a: AppointmentView) -> WishDialog:
    dialog = WishDialog(window, a)
    dialog.open()  # window-modal, never a blocking exec()
    window._wish_dialog = dialog  # type: ignore[attr-defined]
    return dialog


def install(window: MainWindow) -> None:
    """The call list is built when first shown or asked for (issue 19: at network size its notices
    cost 0.5–0.9 s of CPU to read, before the day view could show)."""

    def actor() -> Actor:
        return window.actor

    def make_page() -> CallListPage:
        calls = CallListPage(window.services, window.bus, actor, ops=window.ops)  # reads its day once
        calls.youthRequested.connect(window.youthFileRequested)
        calls.bookingRequested.connect(window.bookingRequested)
        calls.printRequested.connect(window.printRequested)
        window.actorChanged.connect(lambda _new: calls.refresh())
        return calls

    window.add_page("calls", tr("Appels de rappel"), make_page, shortcut="Ctrl+7")
    install_network_reception(window)


def install_network_reception(window: MainWindow) -> None:
    """Issue 18: the reception bar, the "plus tôt si possible" page and menu entries."""
    bar = ReceptionBar(window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.reception_bar = bar  # type: ignore[attr-defined]
    window.add_page("wishes", tr("Plus tôt si possible"), lambda: WishesPage(window))
    window.add_page(
        "requests", tr("Autres sites"), lambda: RequestsPage(window)
    )  # short: the page list stays narrow
    core = getattr(window, "core", None)
    if core is not None:
        core.actions.earlierRequested.connect(lambda a: open_wish_dialog(window, a))
    earlier = QAction(tr("Plus tôt si possible…"), window)

    def on_selected() -> None:
        page = window.current_page()
        getter = getattr(page, "selected_appointment", None)
        a = getter() if callable(getter) else None
        if a is None:
            window.status.showMessage(tr("Sélectionnez d'abord un rendez-vous."), 4000)
            return
        open_wish_dialog(window, cast(AppointmentView, a))

    earlier.triggered.connect(on_selected)
    window.add_menu_action("Rendez-vous", earlier)
