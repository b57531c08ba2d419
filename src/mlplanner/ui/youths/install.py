"""Plug the youth file into the main window: its page, "open this youth's file" from anywhere, and
Jeunes → Rechercher un jeune (Ctrl+J)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.youths.file import YouthFilePage


def install(window: MainWindow) -> YouthFilePage:
    def actor() -> Actor:
        return window.actor

    youth = YouthFilePage(window.services, window.bus, actor, ops=window.ops, prompt=window.prompt)
    window.add_page("youth", tr("Dossier jeune"), youth, shortcut="Ctrl+5")

    def open_youth(youth_id: str) -> None:
        youth.show_youth(youth_id)
        window.show_page("youth")

    window.youthFileRequested.connect(open_youth)
    youth.bookingRequested.connect(window.bookingRequested)

    search = QAction(tr("&Rechercher un jeune…"), window)
    search.setShortcut(QKeySequence("Ctrl+J"))

    def focus_search() -> None:
        window.show_page("youth")
        youth.search.setFocus()
        youth.search.selectAll()

    search.triggered.connect(focus_search)
    window.add_menu_action("Jeunes", search)
    window.actorChanged.connect(lambda _new: youth.apply_permissions())
    youth.apply_permissions()
    return youth
