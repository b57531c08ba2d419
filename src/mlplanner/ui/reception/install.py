"""Plug the reminder call list into the main window (the arrivals page is a core page)."""

from __future__ import annotations

from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.reception.call_list import CallListPage
from mlplanner.ui.shell.main_window import MainWindow


def install(window: MainWindow) -> CallListPage:
    def actor() -> Actor:
        return window.actor

    calls = CallListPage(window.services, window.bus, actor, ops=window.ops)
    window.add_page("calls", tr("Appels de rappel"), calls, shortcut="Ctrl+7")
    calls.youthRequested.connect(window.youthFileRequested)
    calls.printRequested.connect(window.printRequested)
    window.actorChanged.connect(lambda _new: calls.refresh())
    calls.refresh()
    return calls
