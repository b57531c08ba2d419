"""Joining the network: the new site's code and name, the network's sync folder and passphrase, and its
first administrator. The folder and passphrase are checked before anything is created (the network
exists, is not a demonstration, the passphrase opens it, the code is free); the join itself runs in
the app's start-up, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError, InputError
from mlplanner.domain.pins import MAX_DIGITS, check_pin
from mlplanner.domain.text import clean_name
from mlplanner.services.directory.setup import check_site_code
from mlplanner.services.network.service import check_join
from mlplanner.ui.i18n import tr
from mlplanner.ui.settings.common import ErrorLabel
from mlplanner.ui.widgets.narrow import fit_to_screen


@dataclass(frozen=True)
class JoinChoice:
    folder: Path
    passphrase: str | None
    code: str
    name: str
    admin: tuple[str, str, str]  # first name, last name, PIN
    path: Path  # the new site file


class JoinWayDialog(QDialog):
    """How this site reaches the network: its shared sync folder, or the PostgreSQL server the network
    (or this site) works on. `way` is "folder" or "server" once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinWayDialog")
        self.setWindowTitle(tr("Rejoindre le réseau — mlplanner"))
        self.way: str | None = None
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, label, text) in enumerate(
            (
                (
                    "folder",
                    tr("Par le &dossier de synchronisation"),
                    tr(
                        "Chaque site garde son fichier et échange avec les autres par un dossier partagé "
                        "(\\\\serveur\\partage, clé USB…). Ce poste crée le fichier du nouveau site."
                    ),
                ),
                (
                    "server",
                    tr("Par le &serveur (PostgreSQL)"),
                    tr(
                        "Le réseau ou le site travaille sur un serveur PostgreSQL : choisir le site sur le "
                        "serveur (ce poste devient un poste de plus de ce site), ou y créer un nouveau site."
                    ),
                ),
            )
        ):
            button = QPushButton(label)
            button.setObjectName(f"joinWay_{key}")
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _checked=False, k=key: self._choose(k))
            say = QLabel(text)
            say.setWordWrap(True)
            say.setMinimumWidth(320)
            say.setBuddy(button)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(say, row, 1, Qt.AlignmentFlag.AlignTop)
            self.buttons[key] = button
        grid.setColumnStretch(1, 1)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(cancel)
        self.resize(620, 240)
        fit_to_screen(self)

    def _choose(self, key: str) -> None:
        self.way = key
        self.accept()


class JoinDialog(QDialog):
    """`choice` once accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        default_path: Path,
        choose_folder: Callable[[QWidget, Path], Path | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("joinDialog")
        self.setWindowTitle(tr("Rejoindre le réseau — mlplanner"))
        self.choice: JoinChoice | None = None
        self._choose_folder = choose_folder
        intro = QLabel(
            tr(
                "Ce site reçoit du réseau les types de rendez-vous, les jeunes, la liste des sites et les "
                "réglages communs ; son personnel, ses salles et ses horaires restent les siens. Un "
                "responsable d'un site du réseau acceptera ensuite sa demande, une fois pour tous."
            )
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setObjectName("joinFolder")
        self.folder.setPlaceholderText(tr("\\\\serveur\\partage\\mlplanner ou E:\\mlplanner"))
        pick = QPushButton(tr("Choisir…"))
        pick.setEnabled(choose_folder is not None)
        pick.clicked.connect(self._pick)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(pick)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("joinPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("vide si le réseau ne chiffre pas ses échanges"))
        self.code = QLineEdit()
        self.code.setObjectName("joinCode")
        self.code.setMaxLength(16)
        self.code.setPlaceholderText(tr("ex. PARIS18"))
        self.name = QLineEdit()
        self.name.setObjectName("joinName")
        self.first_name = QLineEdit()
        self.first_name.setObjectName("joinAdminFirst")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("joinAdminLast")
        self.pin = QLineEdit()
        self.pin.setObjectName("joinPin")
        self.pin_again = QLineEdit()
        self.pin_again.setObjectName("joinPinAgain")
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_DIGITS)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("joinPath")
        form = QFormLayout()
        form.addRow(tr("Dossier de synchronisation"), folder_row)
        for label, edit in (
            (tr("Phrase secrète du réseau"), self.passphrase),
            (tr("Code du nouveau site"), self.code),
            (tr("Nom du site"), self.name),
            (tr("Administrateur : prénom"), self.first_name),
            (tr("Administrateur : nom"), self.last_name),
            (tr("Son code personnel"), self.pin),
            (tr("Le même code, encore"), self.pin_again),
            (tr("Fichier du site"), self.path),
        ):
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        self.error = ErrorLabel()
        self.error.setObjectName("joinError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own (translated) word
        self.ok_btn = buttons.addButton(tr("&Rejoindre le réseau"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(640, 520)
        fit_to_screen(self)

    def _pick(self) -> None:
        if self._choose_folder is not None:
            chosen = self._choose_folder(self, Path(self.folder.text() or Path.home()))
            if chosen is not None:
                self.folder.setText(str(chosen))

    def attempt(self) -> bool:
        """Check everything (the network included); accept with `choice`, or say what is wrong."""
        try:
            folder = Path(self.folder.text().strip()).expanduser()
            if not self.folder.text().strip():
                raise InputError("no_folder", tr("Indiquez le dossier de synchronisation du réseau."))
            code = check_site_code(self.code.text())
            name = clean_name(self.name.text(), "nom du site")
            first = clean_name(self.first_name.text(), "prénom de l'administrateur")
            last = clean_name(self.last_name.text(), "nom de l'administrateur")
            pin = check_pin(self.pin.text())
            if pin != self.pin_again.text():
                raise InputError("pin_mismatch", tr("Les deux codes tapés diffèrent."))
            path = Path(self.path.text().strip()).expanduser()
            if path.exists() and path.stat().st_size > 0:
                raise InputError(
                    "file_exists",
                    tr("« {path} » existe déjà : choisissez un autre fichier.").format(path=path),
                )
            passphrase = self.passphrase.text() or None
            check_join(folder=folder, code=code, passphrase=passphrase)
        except DomainError as exc:
            self.error.show_error(exc)
            return False
        self.choice = JoinChoice(folder, passphrase, code, name, (first, last, pin), path)
        self.accept()
        return True
