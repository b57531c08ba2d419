"""Plug the administration area into the main window: audit log page, backups, RGPD tools, integrity
check. (The start-up guard, instance lock and first backup of the day, is in `ui/shell/guard.py`.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtGui import QAction

from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm
from mlplanner.ui.administration.audit import AuditViewerPage
from mlplanner.ui.administration.backups import BackupDialog
from mlplanner.ui.administration.privacy import PrivacyDialog
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow


@dataclass
class AdministrationPages:
    window: MainWindow
    backups_action: QAction
    privacy_action: QAction
    check_action: QAction

    @property
    def audit(self) -> AuditViewerPage:
        """The audit log page (built now if it was never shown)."""
        return cast(AuditViewerPage, self.window.page("audit"))


def install(window: MainWindow) -> AdministrationPages:
    services, bus = window.services, window.bus

    def actor() -> Actor:
        return window.actor

    def make_audit() -> AuditViewerPage:  # built when first shown (issue 19)
        audit = AuditViewerPage(services, bus, actor)
        window.actorChanged.connect(lambda _new: audit.apply_permissions())
        return audit

    window.add_page("audit", tr("Journal d'audit"), make_audit)

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

    window.actorChanged.connect(on_actor)
    on_actor(window.actor)
    pages = AdministrationPages(window, backups, privacy, check)
    return pages
