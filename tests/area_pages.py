"""UI tests' helper: the youth file, portfolio, call list and settings pages installed into a bare window
through their areas' own installers (as `mlplanner.app` does), and handed back together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from mlplanner.ui.followup import install as followup
from mlplanner.ui.followup.portfolio import PortfolioPage
from mlplanner.ui.reception import install as reception
from mlplanner.ui.reception.call_list import CallListPage
from mlplanner.ui.settings import install as settings
from mlplanner.ui.settings.page import SettingsPage
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.youths import install as youths
from mlplanner.ui.youths.file import YouthFilePage


@dataclass
class AreaPages:
    youth: YouthFilePage
    calls: CallListPage
    settings: SettingsPage
    window: MainWindow

    @property
    def portfolio(self) -> PortfolioPage:
        return cast(PortfolioPage, self.window.page("portfolio"))


def install_area_pages(window: MainWindow) -> AreaPages:
    """Installed, then built (the app builds each page when first shown)."""
    youths.install(window)
    followup.install(window)
    reception.install(window)
    return AreaPages(
        cast(YouthFilePage, window.page("youth")),
        cast(CallListPage, window.page("calls")),
        settings.install(window),
        window,
    )
