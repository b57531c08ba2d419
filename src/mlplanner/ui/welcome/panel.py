"""The welcome window: what the app shows when this workstation has no site file yet.

Four ways on, each a big button with a sentence saying when to choose it: create the real site (the
wizard), join the network (from its sync folder), open a site file kept elsewhere, or try the demo
(fictitious data, in a file of its own). Opening an empty file never seeds anything by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from mlplanner.ui.i18n import tr


class WelcomePanel(QWidget):
    createRequested = Signal()
    joinRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, where: str = "", server: bool = False) -> None:
        """`where`: the file expected, or (`server`) the server this workstation could not open."""
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        title = QLabel(tr("Bienvenue dans mlplanner"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        if server:
            said = tr("Le serveur de ce poste n'a pas pu être ouvert. Que voulez-vous faire ?")
            said += "\n" + tr("Serveur : {where}").format(where=where)
        else:
            said = tr("Aucun site n'est encore enregistré sur ce poste. Que voulez-vous faire ?")
            said += ("\n" + tr("Fichier attendu : {path}").format(path=where)) if where else ""
        intro = QLabel(said)
        intro.setWordWrap(True)
        intro.setObjectName("welcomeIntro")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, label, text, signal) in enumerate(
            (
                (
                    "create",
                    tr("&Créer le site"),
                    tr(
                        "Première installation dans votre Mission Locale : le site, ses horaires, ses "
                        "salles, ses types de rendez-vous et le premier administrateur."
                    ),
                    self.createRequested,
                ),
                (
                    "join",
                    tr("&Rejoindre le réseau"),
                    tr(
                        "Votre Mission Locale a déjà d'autres sites sous mlplanner : ce site reçoit les "
                        "jeunes, les types de rendez-vous et les réglages du réseau depuis son dossier "
                        "de synchronisation, ou travaille sur le serveur du réseau."
                    ),
                    self.joinRequested,
                ),
                (
                    "open",
                    tr("&Ouvrir un fichier…"),
                    tr("Le fichier du site existe déjà ailleurs (un autre dossier, un autre disque)."),
                    self.openRequested,
                ),
                (
                    "demo",
                    tr("&Essayer la démonstration"),
                    tr(
                        "Un site fictif, avec des données inventées, pour découvrir ou former : "
                        "code 1234 pour tout le monde. Il ne se mélange jamais au vrai site."
                    ),
                    self.demoRequested,
                ),
            )
        ):
            button = QPushButton(label)
            button.setObjectName(f"welcome_{key}")
            button.setMinimumHeight(40)
            button.setMinimumWidth(220)
            button.clicked.connect(signal.emit)
            say = QLabel(text)
            say.setWordWrap(True)
            say.setMinimumWidth(380)  # wrapped on 2-3 whole lines, never cut (heightForWidth in a grid)
            say.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
            # the grid sizes a row from the label's hint, one line short for a 4-line sentence: reserve
            # the height of the sentence wrapped at its narrowest
            say.setMinimumHeight(say.heightForWidth(say.minimumWidth()))
            say.setBuddy(button)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(say, row, 1)
            self.buttons[key] = button
        grid.setColumnStretch(1, 1)
        box = QWidget()
        box.setMaximumWidth(860)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(12)
        inner.addLayout(grid)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        self.buttons["create"].setDefault(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.buttons["create"].setFocus()
