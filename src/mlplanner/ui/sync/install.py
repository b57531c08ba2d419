"""The sync UI in the app, installed by `install_sync_ui`: the periodic `SyncController` and its
status-bar indicator, "Synchroniser maintenant" (Outils menu, F9), the "Synchronisation" page
(`sync_page`), and the "Fichier" entries "Importer des jeunes…" and "Exporter pour Excel…".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtGui import QAction, QKeySequence

from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr
from mlplanner.ui.import_export.export_dialog import ExportDialog
from mlplanner.ui.import_export.import_dialog import ImportDialog
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import Choosers, QtChoosers
from mlplanner.ui.sync.controller import SyncController
from mlplanner.ui.sync.page import SyncPage


@dataclass
class SyncUi:
    controller: SyncController
    window: MainWindow
    sync_action: QAction
    import_action: QAction
    export_action: QAction
    import_dialog: Callable[[], ImportDialog]
    export_dialog: Callable[[], ExportDialog]

    @property
    def page(self) -> SyncPage:
        """The « Synchronisation » page (built now if it was never shown)."""
        return cast(SyncPage, self.window.page("sync"))


def _file_menu_insert(window: MainWindow, actions: list[QAction]) -> None:
    """Into "Fichier", before "Quitter" (the last standard entry) when it is there."""
    menu = window.menu("Fichier")
    quit_texts = {"&Quitter", tr("&Quitter")}  # Quit has no standard key on Windows: found by its text
    quit_action = next((a for a in menu.actions() if a.text() in quit_texts), None)
    for action in actions:
        menu.insertAction(quit_action, action) if quit_action else menu.addAction(action)
        window.addAction(action)
    if quit_action is not None:
        menu.insertSeparator(quit_action)


def install_sync_ui(
    window: MainWindow,
    services: Services,
    bus: ChangeBus,
    actor_provider: Callable[[], Actor],
    *,
    choosers: Choosers | None = None,
    environ: Mapping[str, str] | None = None,
    minute_ms: int = 60_000,
    first_delay_ms: int | None = 60_000,
) -> SyncUi:
    """Everything sync and import/export in the app. Options (tests, screenshots): `choosers` answer the
    file/folder/passphrase questions, `environ` replaces `os.environ`, `minute_ms` shortens a minute."""
    del bus  # the controller and page listen on window.ops.bus / window.bus (the same object)
    choosers = choosers or QtChoosers()
    controller = SyncController(
        services,
        window.ops,
        actor_provider,
        parent=window,
        dialog_parent=window,
        choosers=choosers,
        environ=environ,
        minute_ms=minute_ms,
        first_delay_ms=first_delay_ms,
    )

    def show_state(text: str, ok: bool, tooltip: str) -> None:
        window.status.set_sync_state(text, ok=ok)
        window.status.sync_label.setToolTip(tooltip)

    controller.stateChanged.connect(show_state)
    controller.publish_state()
    # built when first shown (issue 19: a start builds only the page it shows)
    window.add_page("sync", tr("Synchronisation"), lambda: SyncPage(window, controller, choosers))

    def needs_setup() -> None:
        """Sync asked for before any folder is chosen: say what to do, where the person is."""
        if allowed(window.actor, Perm.CONFIGURE_SITE):
            cast(SyncPage, window.show_page("sync")).show_setup()
            window.status.showMessage(
                tr(
                    "La synchronisation n'est pas encore configurée : choisissez le dossier partagé ci-dessous."
                ),
                10000,
            )
        else:
            window.status.showMessage(
                tr(
                    "La synchronisation n'est pas encore configurée : un responsable de site doit d'abord "
                    "choisir le dossier partagé."
                ),
                10000,
            )

    controller.needsSetup.connect(needs_setup)

    sync_action = QAction(tr("&Synchroniser maintenant"), window)
    sync_action.setObjectName("syncNowAction")
    sync_action.setShortcut(QKeySequence("F9"))
    sync_action.triggered.connect(lambda: controller.sync_now())
    window.add_menu_action("Outils", sync_action)
    show_page = QAction(tr("État de la s&ynchronisation…"), window)
    show_page.triggered.connect(lambda: window.show_page("sync"))
    window.add_menu_action("Outils", show_page)

    dialogs: dict[str, Any] = {}

    def import_dialog() -> ImportDialog:
        if "import" not in dialogs:
            dialogs["import"] = ImportDialog(window, choosers)
        dlg = dialogs["import"]
        dlg.show()
        dlg.raise_()
        return dlg

    def export_dialog() -> ExportDialog:
        if "export" not in dialogs:
            dialogs["export"] = ExportDialog(window, choosers)
        dlg = dialogs["export"]
        dlg.reset_dates()
        dlg.show()
        dlg.raise_()
        return dlg

    import_action = QAction(tr("&Importer des jeunes…"), window)
    import_action.setObjectName("importYouthsAction")
    import_action.triggered.connect(import_dialog)
    export_action = QAction(tr("&Exporter pour Excel…"), window)
    export_action.setObjectName("exportExcelAction")
    export_action.triggered.connect(export_dialog)
    _file_menu_insert(window, [import_action, export_action])

    def permissions(actor: Actor) -> None:
        sync_action.setEnabled(allowed(actor, Perm.SYNC))
        import_action.setEnabled(allowed(actor, Perm.EDIT_YOUTH))
        export_action.setEnabled(allowed(actor, Perm.PRINT))

    def on_actor(actor: Actor) -> None:
        permissions(actor)
        controller.actor_changed()

    window.actorChanged.connect(on_actor)
    window.closed.connect(controller.dispose)  # not only at the app's end: a closed window's sync stops
    permissions(window.actor)
    app_instance = _app()
    if app_instance is not None:
        app_instance.aboutToQuit.connect(controller.shutdown)
    ui = SyncUi(controller, window, sync_action, import_action, export_action, import_dialog, export_dialog)
    window.sync_ui = ui  # type: ignore[attr-defined]
    return ui


def _app() -> Any:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.instance()


def install(window: MainWindow) -> None:
    """The plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`."""
    install_sync_ui(window, window.services, window.bus, lambda: window.actor)
