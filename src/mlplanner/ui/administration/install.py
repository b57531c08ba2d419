"""Plug the operations area into the main window: audit log page, backups, RGPD tools, start-up guard.

`install(window)` is the plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`;
`startup_guard(path, services, prompt)` runs once before the login (instance lock, integrity check,
the day's first backup). The app runs its two halves off the GUI thread (`acquire_instance` before the
login, `check_and_back_up` while the login is shown) and reports on the GUI thread (`report_busy`,
`report_damaged`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from mlplanner.domain.errors import StorageError
from mlplanner.instance_lock import InstanceBusy, InstanceLock, acquire_instance_lock
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm
from mlplanner.ui.administration.audit import AuditViewerPage
from mlplanner.ui.administration.backups import BackupDialog
from mlplanner.ui.administration.privacy import PrivacyDialog
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import Prompt

log = logging.getLogger(__name__)
_instance: list[InstanceLock] = []  # held for the life of the process


@dataclass
class OpsPages:
    audit: AuditViewerPage
    backups_action: QAction
    privacy_action: QAction
    check_action: QAction


def startup_guard(path: Path, services: Services, prompt: Prompt) -> bool:
    """False (after saying why) when another mlplanner already has this file open on this PC.

    A damaged file is reported, not fatal: the window opens so a site lead can restore a backup from
    « Fichier → Sauvegardes et restauration ».
    """
    busy = acquire_instance(path)
    if busy is not None:
        report_busy(prompt, busy)
        return False
    damaged = check_and_back_up(services)
    if damaged is not None:
        report_damaged(prompt, damaged)
    return True


def acquire_instance(path: Path) -> InstanceBusy | None:
    """Hold this file's instance lock for the life of the process; the refusal if another mlplanner of
    this user has it. No Qt: the app calls it off the GUI thread."""
    try:
        _instance.append(acquire_instance_lock(path))
    except InstanceBusy as exc:
        return exc
    return None


def check_and_back_up(services: Services) -> StorageError | None:
    """The file's quick check and the day's first backup; the error if the file is damaged. No Qt: the
    app runs it off the GUI thread while the login is shown (0.7 s on a 460 MB file, plus 0.7 s for
    the first backup of the day)."""
    try:
        report = services.backups.startup()
    except StorageError as exc:
        return exc
    if report.daily_backup is not None:
        log.info("daily backup taken: %s", report.daily_backup.path.name)
    return None


def report_busy(prompt: Prompt, busy: InstanceBusy, parent: QWidget | None = None) -> None:
    prompt.error(parent, busy.message, title=tr("mlplanner est déjà ouvert"))


def report_damaged(prompt: Prompt, damaged: StorageError, parent: QWidget | None = None) -> None:
    prompt.error(
        parent,
        damaged.message
        + "\n\n"
        + tr("L'application s'ouvre quand même ; évitez de saisir avant la restauration."),
        title=tr("Base de données endommagée"),
    )


def release_instance() -> None:
    """Give the instance lock back (tests; the app keeps it until it exits)."""
    while _instance:
        _instance.pop().release()


def install_ops_pages(window: MainWindow, services: Services, bus: ChangeBus) -> OpsPages:
    def actor() -> Actor:
        return window.actor

    audit = AuditViewerPage(services, bus, actor)
    window.add_page("audit", tr("Journal d'audit"), audit)

    backups = QAction(tr("&Sauvegardes et restauration…"), window)

    def open_backups() -> None:
        dialog = BackupDialog(services, actor, window.ops, window.prompt, parent=window)
        dialog.open()  # window-modal, does not block the event loop

    backups.triggered.connect(open_backups)
    window.add_menu_action("Fichier", backups)

    privacy = QAction(tr("&Protection des données (RGPD)…"), window)

    def open_privacy() -> None:
        dialog = PrivacyDialog(services, actor, window.ops, window.prompt, parent=window)
        dialog.open()

    privacy.triggered.connect(open_privacy)
    window.add_menu_action("Outils", privacy)

    check = QAction(tr("&Contrôler l'intégrité de la base"), window)

    def run_check() -> None:
        done = window.ops.run(services.backups.integrity_problems, parent=window)
        if done:
            problems = done.value or []
            text = (
                tr("La base de données est intacte.")
                if not problems
                else tr(
                    "Problèmes trouvés : {problems}\n"
                    "Un responsable de site peut restaurer une sauvegarde (Fichier → Sauvegardes et restauration)."
                ).format(problems=" ; ".join(problems[:5]))
            )
            (window.prompt.error if problems else window.prompt.info)(
                window, text, title=tr("Contrôle d'intégrité")
            )

    check.triggered.connect(run_check)
    window.add_menu_action("Outils", check)

    def on_actor(_new: Actor) -> None:
        privacy.setEnabled(window.can(Perm.PRIVACY))
        audit.apply_permissions()

    window.actorChanged.connect(on_actor)
    on_actor(window.actor)
    pages = OpsPages(audit, backups, privacy, check)
    window.ops_pages = pages  # type: ignore[attr-defined]
    return pages


def install(window: MainWindow) -> None:
    """The plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`."""
    install_ops_pages(window, window.services, window.bus)
