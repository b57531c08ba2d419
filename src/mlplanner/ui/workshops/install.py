"""Plug the workshop screens into the main window: the calendar and roster page, the statistics page,
Ateliers → Nouvel atelier (Ctrl+Shift+T), and the sessions as busy blocks of the day and week views."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QAction, QKeySequence

from mlplanner.services.container import Services
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.workshops.page import WorkshopsPage
from mlplanner.ui.workshops.stats_page import StatsPage

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow


def install_workshop_pages(window: MainWindow, services: Services, bus: ChangeBus) -> None:
    """Both pages are built when first shown (~0.3 s each on a large site)."""

    def actor():  # type: ignore[no-untyped-def]
        return window.actor

    def make_page() -> WorkshopsPage:
        page = WorkshopsPage(services, bus, actor, ops=window.ops, prompt=window.prompt)
        page.printRequested.connect(window.printRequested)
        page.youthFileRequested.connect(window.youthFileRequested)
        window.actorChanged.connect(lambda _a: page.apply_permissions())
        return page

    window.add_page("workshops", tr("Ateliers"), make_page, shortcut="Ctrl+8")
    window.add_page("stats", tr("Statistiques"), lambda: StatsPage(services, bus, actor), shortcut="Ctrl+9")
    new = QAction(tr("&Nouvel atelier…"), window)
    new.setShortcut(QKeySequence("Ctrl+Shift+T"))  # A is "Arrivé(e)"; T as in A&teliers

    def new_series() -> None:
        page = cast(WorkshopsPage, window.show_page("workshops"))
        if page.new_button.isEnabled():
            page.new_series()
        else:
            window.prompt.error(window, tr("Seul(e) un(e) responsable de site peut créer un atelier."))

    new.triggered.connect(new_series)
    window.add_menu_action("Ateliers", new)


def install(window: MainWindow) -> None:
    install_workshop_pages(window, window.services, window.bus)
