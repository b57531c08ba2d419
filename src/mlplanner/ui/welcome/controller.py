"""Wires the welcome window to the start-up: each choice opens its dialog (window-modal, never a blocking
exec()), then hands the result to `Startup` (`create_site`, `join_network`, `open_server`, `open_file`,
`open_demo`). "Rejoindre le réseau" first asks the way: the sync folder, or the server.

Built at every start, before the file is opened: this module imports Qt and the start-up only. The
dialogs (and the services they check with) are imported when a choice opens one, so that the services
are imported by the worker that opens the file, never on the GUI thread before it (issue 19)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from mlplanner.domain.errors import DomainError
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.shell.startup import Startup
from mlplanner.ui.sync.choosers import Choosers
from mlplanner.ui.welcome.panel import WelcomePanel

if TYPE_CHECKING:
    from mlplanner.services.container import Services
    from mlplanner.services.directory.setup import NewSite
    from mlplanner.ui.welcome.join_dialog import JoinDialog, JoinWayDialog
    from mlplanner.ui.welcome.server_dialog import ServerChoice, ServerDialog
    from mlplanner.ui.welcome.wizard import SiteWizard


class WelcomeController(QObject):
    def __init__(
        self,
        window: MainWindow,
        startup: Startup,
        prompt: Prompt,
        choosers: Choosers,
        *,
        demo_path: Callable[[], Path],
        last_server: Callable[[], str | None] = lambda: None,
    ) -> None:
        """`last_server()`: the server this user chose before (pre-filled in the server dialog)."""
        super().__init__(window)
        self.window, self.startup, self.prompt, self.choosers = window, startup, prompt, choosers
        self.demo_path, self.last_server = demo_path, last_server
        self.panel: WelcomePanel | None = None
        self.wizard: SiteWizard | None = None
        self.join_dialog: JoinDialog | None = None
        self.way_dialog: JoinWayDialog | None = None
        self.server_dialog: ServerDialog | None = None
        self.server_choice: ServerChoice | None = None
        startup.needsSite.connect(self.show)
        startup.refused.connect(
            lambda message: self.prompt.error(self.window, message, title=tr("mlplanner"))
        )

    def _leave(self) -> None:
        """A choice was made: the panel goes (the start-up shows its own), until a refusal brings a new one."""
        self.panel = None

    def show(self) -> None:
        from mlplanner.services.server.connect import shown

        failed = self.startup.failed_server
        self.panel = WelcomePanel(
            where=shown(failed) if failed else str(self.startup.path), server=failed is not None
        )
        self.panel.createRequested.connect(self.create)
        self.panel.joinRequested.connect(self.join)
        self.panel.openRequested.connect(self.open_file)
        self.panel.demoRequested.connect(self.demo)
        self.window.setWindowTitle(tr("mlplanner — bienvenue"))
        self.window.show_panel(self.panel)
        if failed is not None:  # the server this workstation works on failed (said already): try again,
            # usually with the password (no keyring here, or it changed); Cancel leaves the welcome window
            dialog = self.join_server()
            (dialog.password if not dialog.password.text() else dialog.host).setFocus()

    def _new_file(self) -> Path:
        """Where a new site goes: the expected file if it is free, else a free name next to it."""
        path = self.startup.path
        n = 2
        while path.exists() and path.stat().st_size > 0:
            path = self.startup.path.with_name(f"{self.startup.path.stem}-{n}{self.startup.path.suffix}")
            n += 1
        return path

    def create(self) -> SiteWizard:
        from mlplanner.ui.welcome.wizard import SiteWizard

        self.wizard = SiteWizard(
            self.window, default_path=self._new_file(), choose_path=self._choose_new_file
        )
        self.wizard.accepted.connect(self._created)
        self.wizard.open()
        return self.wizard

    def _created(self) -> None:
        assert self.wizard is not None
        new = self._checked_site()
        if new is None:
            return
        self._leave()
        self.startup.create_site(new, self.wizard.path())

    def _checked_site(self) -> NewSite | None:
        """The wizard's site, or None once its refusal is shown (the wizard stays open)."""
        assert self.wizard is not None
        try:
            return self.wizard.checked_site()
        except DomainError as exc:
            self.prompt.error(self.window, refusal_text(exc), title=tr("Créer le site"))
            return None

    def join(self) -> JoinWayDialog:
        """The way to the network: the sync folder or the server."""
        from mlplanner.ui.welcome.join_dialog import JoinWayDialog

        self.way_dialog = JoinWayDialog(self.window)
        self.way_dialog.accepted.connect(self._way_chosen)
        self.way_dialog.open()
        return self.way_dialog

    def _way_chosen(self) -> None:
        assert self.way_dialog is not None
        if self.way_dialog.way == "server":
            self.join_server()
        else:
            self.join_folder()

    def join_server(self) -> ServerDialog:
        from mlplanner.ui.welcome.server_dialog import ServerDialog

        initial = self.startup.failed_server or self.last_server()
        self.server_dialog = ServerDialog(self.window, initial=initial)
        self.server_dialog.accepted.connect(self._server_chosen)
        self.server_dialog.open()
        return self.server_dialog

    def _server_chosen(self) -> None:
        assert self.server_dialog is not None and self.server_dialog.choice is not None
        c = self.server_choice = self.server_dialog.choice
        if c.site is not None:
            self._leave()
            self.startup.open_server(
                c.address.url(site=c.site), password=c.password, keep_password=c.keep_password
            )
            return
        from mlplanner.ui.welcome.wizard import SiteWizard

        self.wizard = SiteWizard(
            self.window,
            default_path=self._new_file(),
            server=c.probe.where,
            taken=frozenset(site.code for site in c.probe.sites),
        )
        self.wizard.accepted.connect(self._created_on_server)
        self.wizard.open()

    def _created_on_server(self) -> None:
        assert self.wizard is not None and self.server_choice is not None
        c = self.server_choice
        new = self._checked_site()
        if new is None:
            return
        self._leave()
        self.startup.open_server(
            c.address.url(), password=c.password, keep_password=c.keep_password, create=new
        )

    def join_folder(self) -> JoinDialog:
        from mlplanner.ui.welcome.join_dialog import JoinDialog

        self.join_dialog = JoinDialog(
            self.window, default_path=self._new_file(), choose_folder=self._choose_folder
        )
        self.join_dialog.accepted.connect(self._joined)
        self.join_dialog.open()
        return self.join_dialog

    def _joined(self) -> None:
        assert self.join_dialog is not None and self.join_dialog.choice is not None
        c = self.join_dialog.choice

        def work(services: Services) -> object:
            return services.network.join(
                folder=c.folder, code=c.code, name=c.name, passphrase=c.passphrase, admin=c.admin
            )

        self._leave()
        self.startup.join_network(c.path, work)

    def open_file(self) -> None:
        chosen = self.choosers.open_file(
            self.window, tr("Fichier du site à ouvrir"), self.startup.path.parent
        )
        if chosen is not None:
            self._leave()
            self.startup.open_file(chosen)

    def demo(self) -> None:
        self._leave()
        self.startup.open_demo(self.demo_path())

    def _choose_new_file(self, parent: QWidget, start: Path) -> Path | None:
        return self.choosers.save_file(parent, tr("Fichier du nouveau site"), start)

    def _choose_folder(self, parent: QWidget, start: Path) -> Path | None:
        return self.choosers.folder(parent, tr("Dossier de synchronisation du réseau"), start)
