"""Log in: choose your name, type your PIN or password (checked by `services.directory.login`, scrypt).

Type the first letters of your name to jump to it, Enter, then the PIN and Enter. The dialog never
says which of the two was wrong. It is used at start-up (the composition root runs it modally, the only
modal exec() of the app) and from "Fichier > Changer d'utilisateur" (Ctrl+L), non-modally.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.labels import ROLE_FR
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.youths.picker import ERROR_STYLE


class LoginDialog(QDialog):
    loggedIn = Signal(object)  # Actor

    def __init__(self, services: Services, parent: QWidget | None = None, *, site_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(tr("Connexion — mlplanner"))
        self.services = services
        self.actor: Actor | None = None
        self.failures = 0

        who = tr("Qui êtes-vous ?")
        heading = QLabel(f"<b>{escape(site_name)}</b><br>{who}" if site_name else f"<b>{who}</b>")
        self.people = QListWidget()
        self.people.setObjectName("loginPeople")
        self.people.setAccessibleName(tr("Votre nom"))
        for s in services.directory.staff():
            if s.can_log_in and s.active:
                item = QListWidgetItem(f"{s.display_name} — {tr(ROLE_FR[s.role])}")
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.people.addItem(item)
        self.people.setCurrentRow(0)
        self.pin = QLineEdit()
        self.pin.setObjectName("loginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(tr("Code personnel"))
        self.pin.setPlaceholderText(tr("code personnel"))
        pin_label = QLabel(tr("&Code :"))
        pin_label.setBuddy(self.pin)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(tr("Erreur de connexion"))
        self.error.hide()
        self.ok_btn = QPushButton(tr("Se co&nnecter"))
        self.ok_btn.setObjectName("loginButton")
        self.ok_btn.setDefault(True)
        self.ok_btn.clicked.connect(self.attempt)
        cancel = QPushButton(tr("Fermer"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(pin_label)
        row.addWidget(self.pin, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_btn)
        buttons.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.people, 1)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.people.installEventFilter(self)
        self.people.itemActivated.connect(lambda _i: self.pin.setFocus())
        self.resize(420, 460)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen
        self.people.setFocus()

    def select(self, staff_id: str) -> bool:
        for i in range(self.people.count()):
            if self.people.item(i).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.people.setCurrentRow(i)
                return True
        return False

    def attempt(self) -> Actor | None:
        item = self.people.currentItem()
        if item is None:
            return None
        try:
            actor = self.services.directory.login(
                staff_id=item.data(Qt.ItemDataRole.UserRole), secret=self.pin.text()
            )
        except DomainError as exc:
            self.failures += 1
            self.error.setText(exc.message)
            self.error.show()
            self.pin.clear()
            self.pin.setFocus()
            return None
        self.actor = actor
        self.error.hide()
        self.pin.clear()
        self.loggedIn.emit(actor)
        self.accept()
        return actor

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.people
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        ):
            self.pin.setFocus()
            return True
        return super().eventFilter(obj, event)
