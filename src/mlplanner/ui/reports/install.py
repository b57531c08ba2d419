"""Plug the reports into the main window: the « Rapports » page (Ctrl+0) and, in the youth file, the CEJ
tab and the « Accompagnement » tab (follow-up period, orientations, FSE+ data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlplanner.domain.models import Changes
from mlplanner.ui.i18n import tr
from mlplanner.ui.reports.page import ReportsPage
from mlplanner.ui.reports.youth_cej import CejPanel
from mlplanner.ui.reports.youth_followup import FollowupPanel
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.sync.choosers import Choosers
from mlplanner.ui.youths.file import YouthFilePage

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow


def install_youth_tabs(window: MainWindow) -> None:
    """The two tabs beside the youth file's history, following the young person shown; added when the
    youth file is built (issue 19: a start builds only the page it shows)."""
    window.when_built("youth", lambda page: _add_youth_tabs(window, page))


def _add_youth_tabs(window: MainWindow, page: object) -> None:
    if not isinstance(page, YouthFilePage):
        return
    cej, follow = CejPanel(window), FollowupPanel(window)
    cej_index = page.add_section(cej, tr("CEJ"))
    page.add_section(follow, tr("Accompagnement"))
    cej.titleChanged.connect(lambda title: page.sections.setTabText(cej_index, title))

    def shown(youth_id: str) -> None:
        cej.show_youth(youth_id)
        follow.show_youth(youth_id)

    def changed(changes: Changes) -> None:
        if page.youth_id and concerns(changes, "youths", "appointments", "workshops", "config", "staff"):
            cej.reload()
            follow.reload()

    page.youthShown.connect(shown)
    window.bus.changed.connect(changed)

    def actor_changed(_actor: object) -> None:
        cej.reload()
        follow.reload()

    window.actorChanged.connect(actor_changed)
    if page.youth_id:
        shown(page.youth_id)


def install(window: MainWindow, *, choosers: Choosers | None = None) -> None:
    window.add_page("reports", tr("Rapports"), lambda: ReportsPage(window, choosers), shortcut="Ctrl+0")
    install_youth_tabs(window)
