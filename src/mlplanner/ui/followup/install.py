"""Plug a counsellor's portfolio into the main window, with Outils → Exporter l'agenda (.ics).

("Ma journée" is a core page, see `ui/shell/core.py`.)
"""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QAction

from mlplanner.domain.enums import Role
from mlplanner.services.context import Actor
from mlplanner.ui.followup.portfolio import PortfolioPage
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow


def install(window: MainWindow) -> None:
    """The portfolio is built when first shown or asked for: a counsellor's portfolio takes ~1 s on a
    large site. It shows the logged-in counsellor's own portfolio first."""

    def actor() -> Actor:
        return window.actor

    def make_portfolio() -> PortfolioPage:
        page = PortfolioPage(window.services, window.bus, actor, ops=window.ops, prompt=window.prompt)
        page.youthRequested.connect(window.youthFileRequested)
        page.bookingRequested.connect(window.bookingRequested)
        return page

    def portfolio() -> PortfolioPage:
        return cast(PortfolioPage, window.page("portfolio"))

    window.add_page("portfolio", tr("Portefeuille"), make_portfolio, shortcut="Ctrl+6")
    export = QAction(tr("Exporter l'&agenda (.ics)…"), window)

    def export_agenda() -> None:
        if window.actor.role is Role.COUNSELLOR:
            portfolio().select_counsellor(window.actor.id)
        portfolio().export_ics()

    export.triggered.connect(export_agenda)
    window.add_menu_action("Outils", export)

    def on_actor(new: Actor) -> None:
        if window.is_built("portfolio"):
            portfolio().on_actor_changed(new)

    window.actorChanged.connect(on_actor)
