"""Log in: choose your name, type your PIN or password (checked by `services.directory.login`, scrypt).

Type the first letters of your name to jump to it, Enter, then the PIN and Enter. The dialog never
says which of the two was wrong; wrong codes in a row lock the account for a while (the service counts
them in the file, so every workstation sees the lock), and the dialog says until when. It is used at
start-up (the composition root opens it window-modal) and from "Fichier > Changer d'utilisateur"
(Ctrl+L), non-modally.

Two more steps happen in the same dialog: someone who logged in with a one-time code (set by an
administrator, or given by a staff import) chooses their own code before going on; and on a real site
where nobody has an account yet (a site that joined the network without one), the first administrator
is created here. A demonstration file says so, with its code.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
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
from mlplanner.ui.i18n import LAST_NAME, tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.widgets.error_text import ERROR_STYLE
from mlplanner.ui.widgets.narrow import fit_to_screen


class LoginDialog(QDialog):
    loggedIn = Signal(object)  # Actor

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, site_name: str = "", demo_code: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(tr("Connexion — mlplanner"))
        self.services = services
        self.actor: Actor | None = None
        self._pending: Actor | None = None  # logged in with a one-time code: chooses their own first
        self.failures = 0
        self.demo_note = QLabel(
            tr("DÉMONSTRATION — données fictives. Code : {code} pour tout le monde.").format(code=demo_code)
        )
        self.demo_note.setObjectName("loginDemo")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("background: #b34700; color: white; font-weight: bold; padding: 4px;")
        self.demo_note.setVisible(bool(demo_code))

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
        self.error.setWordWrap(True)  # a lock's sentence is long: the dialog keeps its width
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
        self.new_box = self._new_pin_box()
        self.new_box.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.demo_note)
        lay.addWidget(heading)
        lay.addWidget(self.people, 1)
        lay.addLayout(row)
        lay.addWidget(self.new_box, 1)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self._login_widgets = [heading, self.people, pin_label, self.pin]
        self.people.installEventFilter(self)
        self.people.itemActivated.connect(lambda _i: self.pin.setFocus())
        self.resize(420, 460)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen
        self.people.setFocus()
        if self.people.count() == 0 and not services.site_setup.has_accounts():
            self._first_admin_mode()

    # --- choosing one's own code, or creating the first administrator ---------------------------------
    def _new_pin_box(self) -> QWidget:
        box = QWidget()
        box.setObjectName("loginNewPin")
        self.new_title = QLabel()
        self.new_title.setWordWrap(True)
        self.first_name = QLineEdit()
        self.first_name.setObjectName("loginFirstName")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("loginLastName")
        self.new_pin = QLineEdit()
        self.new_pin.setObjectName("loginNewPinEdit")
        self.new_pin_again = QLineEdit()
        self.new_pin_again.setObjectName("loginNewPinAgain")
        for edit in (self.new_pin, self.new_pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.names_form = QWidget()
        names = QFormLayout(self.names_form)
        names.setContentsMargins(0, 0, 0, 0)
        names.addRow(tr("Prénom"), self.first_name)
        names.addRow(tr("Nom", LAST_NAME), self.last_name)
        pins = QFormLayout()
        pins.addRow(tr("Nouveau code"), self.new_pin)
        pins.addRow(tr("Le même, encore"), self.new_pin_again)
        rule = QLabel(tr("De 6 à 12 chiffres, ni des chiffres tous identiques ni une suite (123456)."))
        rule.setWordWrap(True)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.new_title)
        lay.addWidget(self.names_form)
        lay.addLayout(pins)
        lay.addWidget(rule)
        lay.addStretch(1)  # the fields stay together at the top when the list is hidden
        self.new_pin_again.returnPressed.connect(self.attempt)
        return box

    def _choose_mode(self, title: str, *, names: bool) -> None:
        for w in self._login_widgets:
            w.hide()
        self.new_title.setText(title)
        self.names_form.setVisible(names)
        self.new_box.show()
        self.ok_btn.setText(tr("Enregistrer et continuer") if not names else tr("Créer et continuer"))
        (self.first_name if names else self.new_pin).setFocus()

    def _first_admin_mode(self) -> None:
        self._choose_mode(
            tr(
                "Personne n'a encore de compte sur ce site. Créez le premier administrateur : c'est lui "
                "qui ajoute ensuite le personnel (Paramètres > Personnel)."
            ),
            names=True,
        )

    def _save_new_pin(self) -> Actor | None:
        try:
            if self.new_pin.text() != self.new_pin_again.text():
                raise DomainError("pin_mismatch", tr("Les deux codes tapés diffèrent."))
            if self._pending is None:  # the first administrator
                actor = self.services.site_setup.first_admin(
                    first_name=self.first_name.text(),
                    last_name=self.last_name.text(),
                    pin=self.new_pin.text(),
                )
            else:
                actor = self._pending
                self.services.directory.set_secret(actor=actor, staff_id=actor.id, secret=self.new_pin.text())
        except DomainError as exc:
            self.error.setText(refusal_text(exc))
            self.error.show()
            self.new_pin.clear()
            self.new_pin_again.clear()
            self.new_pin.setFocus()
            return None
        return self._done(actor)

    def _done(self, actor: Actor) -> Actor:
        self.actor = actor
        self.error.hide()
        self.pin.clear()
        self.loggedIn.emit(actor)
        self.accept()
        return actor

    def select(self, staff_id: str) -> bool:
        for i in range(self.people.count()):
            if self.people.item(i).data(Qt.ItemDataRole.UserRole) == staff_id:
                self.people.setCurrentRow(i)
                return True
        return False

    def attempt(self) -> Actor | None:
        if not self.new_box.isHidden():
            return self._save_new_pin()
        item = self.people.currentItem()
        if item is None:
            return None
        try:
            actor = self.services.directory.login(
                staff_id=item.data(Qt.ItemDataRole.UserRole), secret=self.pin.text()
            )
        except DomainError as exc:
            self.failures += 1
            self.error.setText(refusal_text(exc))
            self.error.show()
            self.pin.clear()
            self.pin.setFocus()
            return None
        if self.services.directory.pin_change_required(actor.id):
            self._pending = actor
            self.error.hide()
            self.pin.clear()
            self._choose_mode(
                tr(
                    "Bienvenue {name}. Votre code était provisoire : choisissez maintenant le vôtre "
                    "(personne d'autre ne le connaîtra)."
                ).format(name=actor.name),
                names=False,
            )
            return None
        return self._done(actor)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self.people
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        ):
            self.pin.setFocus()
            return True
        return super().eventFilter(obj, event)
