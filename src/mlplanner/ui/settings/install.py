"""Plug the settings page (site, rooms, staff, appointment types) into the main window."""

from __future__ import annotations

from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.settings.page import SettingsPage
from mlplanner.ui.shell.main_window import MainWindow


def install(window: MainWindow) -> SettingsPage:
    def actor() -> Actor:
        return window.actor

    settings = SettingsPage(window.services, window.bus, actor, ops=window.ops)
    window.add_page("settings", tr("Paramètres"), settings, shortcut="Ctrl+,")
    settings.attentionRequested.connect(window.attentionRequested)
    window.actorChanged.connect(lambda _new: settings.apply_permissions())
    settings.apply_permissions()
    return settings
