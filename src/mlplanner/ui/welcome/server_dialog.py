"""Joining from the server: where the PostgreSQL server is, a test of the connection, then the site.

Page 1 asks what an IT person's note says: the server's name, port, database, user and the password
(left empty when this workstation already has it: keyring, pgpass, PGPASSWORD), and the encryption
(libpq's sslmode, passed through). A whole URL pasted into the server field fills the fields. "Tester
la connexion" connects off the GUI thread (a busy bar meanwhile) exactly as a workstation's start does,
and says in one sentence what is wrong (unreachable, password, database not prepared: `mlplanner server
init`…); nothing is written anywhere until a site is chosen. Page 2 lists the sites the server holds:
work for one (this workstation becomes one more of that site), or create a new site there with the
same wizard as a file site. The password is never written in clear: kept in the system's keyring when
asked (after the connection worked), else only in memory for this session.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.services.server.connect import (
    DEFAULT_PORT,
    ServerAddress,
    ServerProbe,
    address_from_url,
    check_address,
    probe_server,
)
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.settings.common import ErrorLabel
from mlplanner.ui.widgets.narrow import fit_to_screen

# libpq's sslmode values, as the combo box says them (the value passes through unchanged)
SSL_CHOICES: tuple[tuple[str, str], ...] = (
    ("", tr_noop("par défaut (chiffré si le serveur le propose)")),
    ("require", tr_noop("require — toujours chiffré")),
    ("verify-ca", tr_noop("verify-ca — chiffré, certificat du serveur vérifié")),
    ("verify-full", tr_noop("verify-full — chiffré, certificat et nom du serveur vérifiés")),
    ("prefer", tr_noop("prefer — chiffré si possible")),
    ("allow", tr_noop("allow — en clair si possible")),
    ("disable", tr_noop("disable — jamais chiffré")),
)


@dataclass(frozen=True)
class ServerChoice:
    """The dialog's answer: the server, the password typed (None: this workstation already has it),
    whether to keep it in the keyring, and the site to work for (None: create a new one there)."""

    address: ServerAddress
    password: str | None
    keep_password: bool
    site: str | None
    probe: ServerProbe


class ServerDialog(QDialog):
    """`choice` once accepted. `probe(url)` is the connection test (run in a worker thread)."""

    _done = Signal(object, object)  # (probe, error) from the worker thread

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        initial: str | None = None,
        probe: Callable[[str], ServerProbe] = probe_server,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle(tr("Rejoindre le réseau depuis le serveur — mlplanner"))
        self.choice: ServerChoice | None = None
        self.result_probe: ServerProbe | None = None
        self._probe = probe
        self._options: tuple[tuple[str, str], ...] = ()
        self._tested: tuple[ServerAddress, str | None] | None = None
        self._thread: threading.Thread | None = None
        self._focus: QWidget | None = None
        self._site: str | None = None  # the site of the URL given (the one this workstation worked for)
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._connection_page())
        self.pages.addWidget(self._site_page())
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)
        # Return tests the connection: a default set before the button is in the dialog is lost (Qt
        # then made page 1's Cancel the default, and Return closed the dialog)
        self.test_btn.setDefault(True)
        self.resize(640, 500)
        fit_to_screen(self)
        if initial:
            self.fill_from_url(initial)

    # --- page 1: the connection ---------------------------------------------------------------------
    def _connection_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            tr(
                "Le serveur PostgreSQL de votre Mission Locale garde les sites qui y travaillent. "
                "Indiquez ce que l'informaticien vous a donné (ou collez l'adresse complète dans le "
                "champ Serveur), puis testez la connexion."
            )
        )
        intro.setWordWrap(True)
        self.host = QLineEdit()
        self.host.setObjectName("serverHost")
        self.host.setPlaceholderText(tr("ex. serveur-bdd ou 192.168.1.20"))
        self.host.editingFinished.connect(self._maybe_url)
        self.port = QLineEdit(str(DEFAULT_PORT))
        self.port.setObjectName("serverPort")
        self.port.setMaxLength(5)
        self.database = QLineEdit("mlplanner")
        self.database.setObjectName("serverDatabase")
        self.user = QLineEdit("mlplanner")
        self.user.setObjectName("serverUser")
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("vide s'il est déjà sur ce poste (trousseau, pgpass)"))
        self.keep = QCheckBox(tr("&Garder le mot de passe dans le trousseau du système de ce poste"))
        self.keep.setObjectName("serverKeep")
        self.keep.setChecked(True)
        self.sslmode = QComboBox()
        self.sslmode.setObjectName("serverSslmode")
        for value, label in SSL_CHOICES:
            self.sslmode.addItem(tr(label), value)
        self.options_label = QLabel()
        self.options_label.setWordWrap(True)
        self.options_label.hide()
        form = QFormLayout()
        for label, widget in (
            (tr("Se&rveur"), self.host),
            (tr("&Port"), self.port),
            (tr("&Base de données"), self.database),
            (tr("&Utilisateur"), self.user),
            (tr("&Mot de passe"), self.password),
            (tr("C&hiffrement (sslmode)"), self.sslmode),
        ):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)  # the label's Alt letter goes to its field
        form.addRow("", self.keep)
        form.addRow("", self.options_label)
        self.busy = QProgressBar()
        self.busy.setObjectName("serverBusy")
        self.busy.setRange(0, 0)  # busy: no percentage to give
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("serverStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setObjectName("serverError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_btn = buttons.addButton(tr("&Tester la connexion"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test_btn.setObjectName("serverTest")
        self.test_btn.clicked.connect(self.test)
        buttons.rejected.connect(self.reject)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        lay = QVBoxLayout(page)
        lay.addWidget(intro)
        lay.addWidget(self.form_box)
        lay.addWidget(self.busy)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(buttons)
        return page

    def fill_from_url(self, text: str) -> bool:
        """A whole URL (pasted, or the one this workstation used last) into the fields."""
        try:
            address, password, site = address_from_url(text)
        except DomainError as exc:
            self.error.show_error(exc)
            return False
        self._site = site or self._site  # chosen first in the list of sites
        self.host.setText(address.host)
        self.port.setText(str(address.port))
        self.database.setText(address.database)
        self.user.setText(address.user)
        index = self.sslmode.findData(address.sslmode)
        self.sslmode.setCurrentIndex(max(index, 0))
        if password:
            self.password.setText(password)
        self._options = address.options
        self.options_label.setVisible(bool(address.options))
        self.options_label.setText(
            tr("Autres réglages gardés : {options}").format(
                options=", ".join(f"{k}={v}" for k, v in address.options)
            )
        )
        self.error.clear()
        return True

    def _maybe_url(self) -> None:
        if "://" in self.host.text():
            self.fill_from_url(self.host.text().strip())

    def address(self) -> ServerAddress:
        """The fields, checked (a French InputError naming the field)."""
        if "://" in self.host.text():
            address_from_url(self.host.text().strip())  # a bad URL: its own sentence, nothing filled
            self.fill_from_url(self.host.text().strip())
        return check_address(
            self.host.text(),
            self.port.text(),
            self.database.text(),
            self.user.text(),
            str(self.sslmode.currentData() or ""),
            self._options,
        )

    @property
    def testing(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def test(self) -> bool:
        """Check the fields, then connect in a worker thread; False if the fields are refused."""
        if self.testing:
            return False
        try:
            address = self.address()
        except DomainError as exc:
            self.error.show_error(exc)
            return False
        password = self.password.text() or None
        self._tested = (address, password)
        self.error.clear()
        self._focus = self.focusWidget()  # back there after a refusal (the field to correct, usually)
        self._set_busy(True, tr("Connexion à {where}…").format(where=address.where))
        url = address.url(password=password)

        def work() -> None:
            try:
                result = self._probe(url)
            except DomainError as exc:
                self._emit(None, exc)
            except Exception as exc:  # a bug: said plainly, the dialog stays usable
                self._emit(None, exc)
            else:
                self._emit(result, None)

        self._thread = threading.Thread(target=work, name="mlplanner-server-test", daemon=True)
        self._thread.start()
        return True

    def _emit(self, result: ServerProbe | None, error: Exception | None) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog was deleted meanwhile: nobody to tell
            self._done.emit(result, error)

    def _set_busy(self, busy: bool, say: str = "") -> None:
        self.busy.setVisible(busy)
        self.status.setText(say)
        self.form_box.setEnabled(not busy)
        self.test_btn.setEnabled(not busy)

    @Slot(object, object)
    def _finished(self, result: ServerProbe | None, error: Exception | None) -> None:
        self._set_busy(False)
        if error is not None or result is None:
            if isinstance(error, DomainError):
                self.error.setText(refusal_text(error))
            else:
                self.error.setText(tr("Erreur inattendue pendant le test : {e}").format(e=error))
            self.error.show()
            (self._focus or self.host).setFocus()
            return
        self.result_probe = result
        self._show_sites(result)

    # --- page 2: the site ---------------------------------------------------------------------------
    def _site_page(self) -> QWidget:
        page = QWidget()
        self.connected = QLabel()
        self.connected.setObjectName("serverConnected")
        self.connected.setWordWrap(True)
        self.demo_note = QLabel()
        self.demo_note.setObjectName("serverDemo")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.sites = QListWidget()
        self.sites.setObjectName("serverSites")
        self.sites.setAccessibleName(tr("Sites du serveur"))
        self.sites.itemDoubleClicked.connect(lambda _item: self.work_for_site())
        self.no_site = QLabel(tr("Ce serveur ne contient encore aucun site : créez le premier."))
        self.no_site.setWordWrap(True)
        self.site_error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_btn = buttons.addButton(tr("← &Connexion"), QDialogButtonBox.ButtonRole.ResetRole)
        self.create_btn = buttons.addButton(
            tr("Créer un &nouveau site sur ce serveur…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.create_btn.setObjectName("serverCreate")
        self.use_btn = buttons.addButton(
            tr("&Travailler pour ce site"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_btn.setObjectName("serverUse")
        self.back_btn.clicked.connect(self._back)
        self.create_btn.clicked.connect(self.create_site)
        self.use_btn.clicked.connect(self.work_for_site)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(page)
        lay.addWidget(self.connected)
        lay.addWidget(self.demo_note)
        self.sites_title = QLabel(
            tr("Les sites de ce serveur (ce poste devient un poste de plus du site choisi) :")
        )
        lay.addWidget(self.sites_title)
        lay.addWidget(self.sites, 1)
        # without a site, the sentence takes the list's room (the page's lines were spread apart)
        self.no_site.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.no_site, 1)
        lay.addWidget(self.site_error)
        lay.addWidget(buttons)
        return page

    def _back(self) -> None:
        self.pages.setCurrentIndex(0)
        self.test_btn.setDefault(True)
        self.host.setFocus()

    def _show_sites(self, probe: ServerProbe) -> None:
        self.connected.setText(tr("Connexion réussie : {where}").format(where=probe.where))
        self.demo_note.setVisible(probe.demo)
        self.demo_note.setText(
            tr(
                "Ce serveur contient la démonstration (données fictives, code 1234) : on peut y "
                "travailler pour s'exercer, mais aucun site réel n'y est créé."
            )
        )
        self.sites.clear()
        for site in probe.sites:
            item = QListWidgetItem(
                f"{site.code} — {site.name}" + (f"  [{tr('DÉMONSTRATION')}]" if probe.demo else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, site.code)
            self.sites.addItem(item)
        if probe.sites:
            codes = [site.code for site in probe.sites]
            self.sites.setCurrentRow(codes.index(self._site) if self._site in codes else 0)
        self.sites.setVisible(bool(probe.sites))
        self.sites_title.setVisible(bool(probe.sites))
        self.no_site.setVisible(not probe.sites)
        self.use_btn.setEnabled(bool(probe.sites))
        self.use_btn.setDefault(bool(probe.sites))
        self.create_btn.setEnabled(not probe.demo)
        self.create_btn.setDefault(not probe.sites and not probe.demo)
        self.site_error.clear()
        self.pages.setCurrentIndex(1)
        (self.sites if probe.sites else self.create_btn).setFocus()

    def _answer(self, site: str | None) -> None:
        assert self._tested is not None and self.result_probe is not None
        address, password = self._tested
        self.choice = ServerChoice(address, password, self.keep.isChecked(), site, self.result_probe)
        self.accept()

    def work_for_site(self) -> None:
        item = self.sites.currentItem()
        if item is None:
            return
        self._answer(str(item.data(Qt.ItemDataRole.UserRole)))

    def create_site(self) -> None:
        if self.result_probe is None or self.result_probe.demo:
            return
        self._answer(None)

    def wait(self) -> None:
        """(tests) Until the connection test's thread is done."""
        if self._thread is not None:
            self._thread.join()
