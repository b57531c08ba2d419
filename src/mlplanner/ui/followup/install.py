"""Plug the follow-up pages into the main window: youth file, portfolio, reminder calls, settings.

One place for every `add_page` of this area. The composition root lists this module in
`PLUGIN_MODULES` (it exposes `install(window)`), or calls `install_secondary_pages` directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtGui import QAction, QKeySequence

from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.followup.portfolio import PortfolioPage
from mlplanner.ui.i18n import tr
from mlplanner.ui.reception.call_list import CallListPage
from mlplanner.ui.settings import SettingsPage
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.youths.file import YouthFilePage


@dataclass
class SecondaryPages:
    youth: YouthFilePage
    calls: CallListPage
    settings: SettingsPage
    window: MainWindow

    @property
    def portfolio(self) -> PortfolioPage:
        """Built when first shown or asked for: a counsellor's portfolio takes ~1 s on a large site."""
        return cast(PortfolioPage, self.window.page("portfolio"))


def install_secondary_pages(window: MainWindow, services: Services, bus: ChangeBus) -> SecondaryPages:
    def actor() -> Actor:
        return window.actor

    def make_portfolio() -> PortfolioPage:  # shows the logged-in counsellor's own portfolio first
        page = PortfolioPage(services, bus, actor, ops=window.ops, prompt=window.prompt)
        page.youthRequested.connect(window.youthFileRequested)
        return page

    youth = YouthFilePage(services, bus, actor, ops=window.ops, prompt=window.prompt)
    calls = CallListPage(services, bus, actor, ops=window.ops)
    settings = SettingsPage(services, bus, actor, ops=window.ops)
    pages = SecondaryPages(youth, calls, settings, window)
    window.add_page("youth", tr("Dossier jeune"), youth, shortcut="Ctrl+5")
    window.add_page("portfolio", tr("Portefeuille"), make_portfolio, shortcut="Ctrl+6")
    window.add_page("calls", tr("Appels de rappel"), calls, shortcut="Ctrl+7")
    window.add_page("settings", tr("Paramètres"), settings, shortcut="Ctrl+,")

    def open_youth(youth_id: str) -> None:
        youth.show_youth(youth_id)
        window.show_page("youth")

    window.youthFileRequested.connect(open_youth)
    calls.youthRequested.connect(window.youthFileRequested)
    calls.printRequested.connect(window.printRequested)

    search = QAction(tr("&Rechercher un jeune…"), window)
    search.setShortcut(QKeySequence("Ctrl+J"))

    def focus_search() -> None:
        window.show_page("youth")
        youth.search.setFocus()
        youth.search.selectAll()

    search.triggered.connect(focus_search)
    window.add_menu_action("Jeunes", search)
    export = QAction(tr("Exporter l'&agenda (.ics)…"), window)

    def export_agenda() -> None:
        if window.actor.role is Role.COUNSELLOR:
            pages.portfolio.select_counsellor(window.actor.id)
        pages.portfolio.export_ics()

    export.triggered.connect(export_agenda)
    window.add_menu_action("Outils", export)

    def on_actor(new: Actor) -> None:
        youth.apply_permissions()
        settings.apply_permissions()
        if window.is_built("portfolio"):
            pages.portfolio.on_actor_changed(new)
        calls.refresh()

    window.actorChanged.connect(on_actor)
    on_actor(window.actor)
    window.secondary = pages  # type: ignore[attr-defined]
    return pages


def install(window: MainWindow) -> None:
    """The plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`."""
    install_secondary_pages(window, window.services, window.bus)
