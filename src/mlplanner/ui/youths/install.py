"""Plug the youth file into the main window: its page, "open this youth's file" from anywhere, and
Jeunes → Rechercher un jeune (Ctrl+J). The page is built when first shown or asked for (issue 19: a
start builds only the page it shows)."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QAction, QKeySequence

from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.youths.file import YouthFilePage


def install(window: MainWindow) -> None:
    def actor() -> Actor:
        return window.actor

    def make_page() -> YouthFilePage:
        youth = YouthFilePage(window.services, window.bus, actor, ops=window.ops, prompt=window.prompt)
        youth.bookingRequested.connect(window.bookingRequested)
        window.actorChanged.connect(lambda _new: youth.apply_permissions())
        youth.apply_permissions()
        return youth

    window.add_page("youth", tr("Dossier jeune"), make_page, shortcut="Ctrl+5")

    def page() -> YouthFilePage:
        return cast(YouthFilePage, window.page("youth"))

    def open_youth(youth_id: str) -> None:
        page().show_youth(youth_id)
        window.show_page("youth")

    window.youthFileRequested.connect(open_youth)

    search = QAction(tr("&Rechercher un jeune…"), window)
    search.setShortcut(QKeySequence("Ctrl+J"))

    def focus_search() -> None:
        youth = page()
        window.show_page("youth")
        youth.search.setFocus()
        youth.search.selectAll()

    search.triggered.connect(focus_search)
    window.add_menu_action("Jeunes", search)
