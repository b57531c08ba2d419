"""Plug the outbox into the app: the schedule (a run every few minutes, off the GUI thread) and its line
in the status bar, the "Messages aux jeunes" tab of the settings, and the messages box of the youth file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.reminders.history import MessagesBox
from mlplanner.ui.reminders.scheduler import ReminderScheduler
from mlplanner.ui.reminders.settings_tab import RemindersTab
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.narrow import ElidedLabel


@dataclass
class RemindersUi:
    scheduler: ReminderScheduler
    status: ElidedLabel
    window: MainWindow
    added: dict[str, Any] = field(default_factory=dict)  # "tab", "messages": once their page is built

    @property
    def tab(self) -> RemindersTab | None:
        """The settings' « Messages aux jeunes » tab (the settings page is built now if it never was)."""
        self.window.page("settings")
        return self.added.get("tab")

    @property
    def messages(self) -> MessagesBox | None:
        """The youth file's « Messages » box (the youth file is built now if it never was)."""
        self.window.page("youth")
        return self.added.get("messages")


def install_reminders_ui(
    window: MainWindow, *, minute_ms: int = 60_000, first_delay_ms: int = 30_000
) -> RemindersUi:
    services = window.services

    def actor() -> Actor:
        return window.actor

    scheduler = ReminderScheduler(
        services, window.ops, parent=window, minute_ms=minute_ms, first_delay_ms=first_delay_ms
    )
    label = ElidedLabel()
    label.setObjectName("remindersStatus")
    label.setAccessibleName(tr("Envoi des messages aux jeunes"))
    label.hide()
    window.status.addPermanentWidget(label)

    def show_state(text: str, ok: bool) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        label.setStyleSheet("" if ok else "color: #b00020; font-weight: bold;")

    scheduler.stateChanged.connect(show_state)
    ui = RemindersUi(scheduler, label, window)

    def add_tab(settings_page: Any) -> None:  # when the settings page is built (issue 19)
        if not hasattr(settings_page, "tabs"):
            return
        tab = RemindersTab(services, actor, window.ops, send_now=scheduler.send_now)
        settings_page.tabs.addTab(tab, tr("Messages aux jeunes"))
        scheduler.finished.connect(lambda _report: tab.show_state())
        window.actorChanged.connect(lambda _new: tab.apply_permissions())
        tab.apply_permissions()
        ui.added["tab"] = tab

    def add_messages(youth_page: Any) -> None:  # when the youth file is built
        if not hasattr(youth_page, "add_section"):
            return
        messages = MessagesBox(services, window.bus)
        youth_page.add_section(messages, tr("Messages"))
        youth_page.youthShown.connect(messages.show_youth)
        ui.added["messages"] = messages

    window.when_built("settings", add_tab)
    window.when_built("youth", add_messages)
    window.closed.connect(scheduler.shutdown)  # a closed window sends nothing more (it may live on)
    app = _app()
    if app is not None:
        app.aboutToQuit.connect(scheduler.shutdown)
    window.reminders_ui = ui  # type: ignore[attr-defined]
    return ui


def _app() -> Any:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance()


def install(window: MainWindow) -> None:
    """The plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`."""
    install_reminders_ui(window)
