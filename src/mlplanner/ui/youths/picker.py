"""Find a young person by typing a few letters (accent-insensitive), or create one inline.

Used by the booking dialog and the walk-in panel. Typing searches live (`services.youths.search`:
every word must prefix a word of the name, or a phone / i-milo number); Enter or a click picks.
"Nouveau jeune" opens a small form; a likely duplicate is shown with its details, and the user either
picks the existing record or confirms it is someone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError, InputError
from mlplanner.domain.models import YouthView
from mlplanner.domain.wallclock import format_date_fr, parse_date
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.i18n import LAST_NAME, tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.widgets.error_text import ERROR_STYLE
from mlplanner.ui.widgets.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

SEARCH_DELAY_MS = 120


def youth_line(y: YouthView, referents: dict[str, str]) -> str:
    parts = [y.display_name]
    if y.birth_date:
        parts.append(tr("né(e) le {date}").format(date=format_date_fr(y.birth_date)))
    if y.phone:
        parts.append(y.phone)
    if y.referent_id and y.referent_id in referents:
        parts.append(tr("réf. {name}").format(name=referents[y.referent_id]))
    return " · ".join(parts)


SHOWN = 12  # lines of results shown; the hint says how many match in all


def count_hint(total: int, shown: int, at_least: bool = False) -> str:
    """ "32 jeunes trouvés, les 12 premiers affichés" — never the display limit given as the count."""
    if total <= shown and not at_least:
        text = tr("1 jeune trouvé") if total == 1 else tr("{n} jeunes trouvés").format(n=total)
    else:
        many = tr("plus de {n} jeunes trouvés") if at_least else tr("{n} jeunes trouvés")
        text = (
            many.format(n=total)
            + " "
            + tr("(les {shown} premiers affichés : précisez le nom)").format(shown=shown)
        )
    return text + tr(" — Entrée pour choisir le premier, ↓ pour parcourir.")


PARTICLES = {
    "de",
    "del",
    "della",
    "des",
    "di",
    "da",
    "dos",
    "du",
    "la",
    "le",
    "van",
    "von",
    "der",
    "ben",
    "ibn",
    "el",
    "al",
    "ait",
    "aït",
    "mc",
}
_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def split_typed(text: str) -> tuple[str, str, str, str]:
    """(last name, first name, birth date, phone) from what was typed in the search field.

    A word in capitals is the last name ("DUPONT Marie", "Marie DUPONT"); otherwise people type the
    first name first ("Mehdi Kaddouri"), a particle staying with the last name ("Marie de la Cruz").
    A date goes to the birth date and digits to the phone. The form stays editable (and ⇄ swaps).
    """
    names: list[str] = []
    birth = phone = ""
    for word in text.split():
        if _DATE.match(word):
            birth = word
        elif any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word):
            phone = (phone + " " + word).strip()
        else:
            names.append(word)
    capitals = [w for w in names if sum(ch.isalpha() for ch in w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(names):
        last = [w for w in names if w in capitals]
        first = [w for w in names if w not in capitals]
    elif len(names) <= 1:
        last, first = names, []
    else:
        cut = len(names) - 1
        while cut > 1 and names[cut - 1].lower() in PARTICLES:
            cut -= 1
        first, last = names[:cut], names[cut:]
    return " ".join(last), " ".join(first), birth, phone


class YouthPicker(QWidget):
    youthChosen = Signal(object)  # YouthView
    youthCreated = Signal(object)  # YouthView: a new record, just created here (before youthChosen)

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.services = window.services
        self.chosen: YouthView | None = None
        self._referents = {s.id: s.display_name for s in self.services.directory.staff()}
        self._dup_ids: list[str] = []

        self.search = QLineEdit()
        self.search.setObjectName("youthSearch")
        self.search.setPlaceholderText(tr("Nom, prénom, téléphone ou n° i-milo…"))
        self.search.setAccessibleName(tr("Rechercher un jeune"))
        self.search.setClearButtonEnabled(True)
        self.new_btn = QPushButton(tr("No&uveau jeune…"))
        self.new_btn.setAutoDefault(False)
        self.new_btn.setToolTip(tr("Créer la fiche d'un jeune qui n'est pas encore connu (Alt+U)"))
        self.new_btn.clicked.connect(self.show_form)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_btn)

        self.results_model: RowsModel[YouthView] = RowsModel(
            [Column(tr("Jeune"), lambda y: youth_line(y, self._referents))], key=lambda y: y.id, parent=self
        )
        self.results = QListView()
        self.results.setObjectName("youthResults")
        self.results.setAccessibleName(tr("Jeunes trouvés"))
        self.results.setModel(self.results_model)
        line = self.fontMetrics().lineSpacing()
        self.results.setMinimumHeight(line * 5)
        self.results.setMaximumHeight(line * 9)
        self.results.activated.connect(lambda i: self.choose(self.results_model.row_at(i.row())))
        self.results.clicked.connect(lambda i: self.choose(self.results_model.row_at(i.row())))
        self.hint = QLabel("")
        self.hint.setObjectName("youthHint")
        self.hint.setWordWrap(True)

        # inline creation form
        self.form = QWidget()
        self.form.setObjectName("newYouthForm")
        self.last_name = QLineEdit()
        self.first_name = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(tr("jj/mm/aaaa"))
        self.phone = QLineEdit()
        for w, name in (
            (self.last_name, tr("Nom", LAST_NAME)),
            (self.first_name, tr("Prénom")),
            (self.birth, tr("Date de naissance")),
            (self.phone, tr("Téléphone")),
        ):
            w.setAccessibleName(name)
        self.create_btn = QPushButton(tr("Créer la fiche"))
        self.create_btn.setAutoDefault(False)
        self.create_btn.clicked.connect(lambda: self.create(confirm_duplicate=False))
        for field in (self.last_name, self.first_name, self.birth, self.phone):
            field.returnPressed.connect(lambda: self.create(confirm_duplicate=False))
        self.force_btn = QPushButton(tr("Ce n'est pas la même personne : créer &quand même"))
        self.force_btn.setAutoDefault(False)
        self.force_btn.clicked.connect(lambda: self.create(confirm_duplicate=True))
        self.force_btn.hide()
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setAccessibleName(tr("Erreur de création"))
        self.form_error.hide()
        fl = QFormLayout(self.form)
        fl.setContentsMargins(0, 4, 0, 0)
        self.swap_btn = QPushButton("⇄")
        self.swap_btn.setAutoDefault(False)
        self.swap_btn.setAccessibleName(tr("Inverser le nom et le prénom"))
        self.swap_btn.setToolTip(tr("Inverser le nom et le prénom"))
        self.swap_btn.clicked.connect(self.swap_names)
        name_row = QHBoxLayout()
        name_row.setContentsMargins(0, 0, 0, 0)
        name_row.addWidget(self.last_name, 1)
        name_row.addWidget(self.swap_btn)
        fl.addRow(tr("Nom :"), name_row)
        fl.addRow(tr("Prénom :"), self.first_name)
        fl.addRow(tr("Né(e) le :"), self.birth)
        fl.addRow(tr("Téléphone :"), self.phone)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_btn)
        buttons.addWidget(self.force_btn)
        buttons.addStretch(1)
        fl.addRow(buttons)
        fl.addRow(self.form_error)
        self.form.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.results)
        lay.addWidget(self.hint)
        lay.addWidget(self.form)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)

    # --- searching -------------------------------------------------------------------------------
    def run_search(self) -> None:
        text = self.search.text().strip()
        found = self.window_.ops.run(
            lambda: self.services.youths.matches(text, limit=SHOWN) if text else None
        )
        matches = found.value
        rows = matches.youths if matches is not None else []
        self.results_model.set_rows(rows)
        if matches is not None and rows:
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            self.hint.setText(count_hint(matches.total, len(rows), matches.at_least))
        elif text:
            self.hint.setText(
                tr("Aucun jeune ne correspond. « Nouveau jeune… » (Alt+U) pour créer sa fiche.")
            )
        else:
            self.hint.setText("")

    def choose(self, youth: YouthView) -> None:
        self.chosen = youth
        self.hint.setText(tr("Jeune choisi : {youth}").format(youth=youth_line(youth, self._referents)))
        self.hint.setStyleSheet("font-weight: 600;")
        self.form.hide()
        self.youthChosen.emit(youth)

    def set_youth(self, youth: YouthView) -> None:
        self.search.setText(youth.display_name)
        self.results_model.set_rows([youth])
        self.choose(youth)

    def reset(self) -> None:
        self.chosen = None
        self.search.clear()
        self.results_model.set_rows([])
        self.hint.setText("")
        self.hint.setStyleSheet("")
        self.form.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.search and key == Qt.Key.Key_Down and self.results_model.rowCount():
                self.results.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if obj is self.search and self._timer.isActive():
                    self._timer.stop()
                    self.run_search()
                index = self.results.currentIndex()
                if index.isValid():
                    self.choose(self.results_model.row_at(index.row()))
                    return True
                if obj is self.search and self.search.text().strip():
                    self.show_form()
                    return True
        return super().eventFilter(obj, event)

    # --- creating --------------------------------------------------------------------------------
    def show_form(self) -> None:
        """Open the form, pre-filled from what was typed (see `split_typed`)."""
        typed = self.search.text().strip()
        if typed and not (self.last_name.text() or self.first_name.text()):
            last, first, birth, phone = split_typed(typed)
            self.last_name.setText(last)
            self.first_name.setText(first)
            if birth and not self.birth.text():
                self.birth.setText(birth)
            if phone and not self.phone.text():
                self.phone.setText(phone)
        self.form.show()
        self.force_btn.hide()
        self.form_error.hide()
        (self.first_name if self.last_name.text() else self.last_name).setFocus()

    def draft(self) -> YouthDraft:
        birth = self.birth.text().strip()
        return YouthDraft(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            birth_date=parse_date(birth) if birth else None,
            phone=self.phone.text(),
        )

    def _form_error(self, exc: DomainError) -> None:
        self.form_error.setText(refusal_text(exc))
        self.form_error.show()
        duplicates = exc.details.get("duplicates") if exc.code == "likely_duplicate" else None
        if duplicates:
            found = [self.services.youths.get(i) for i in duplicates]
            self.results_model.set_rows(found)
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            self.hint.setText(
                tr("Choisissez la fiche existante ci-dessus, ou confirmez qu'il s'agit d'une autre personne.")
            )
            self.force_btn.show()

    def create(self, *, confirm_duplicate: bool) -> YouthView | None:
        def call():  # type: ignore[no-untyped-def]
            return self.services.youths.add(
                actor=self.window_.actor, draft=self.draft(), confirm_duplicate=confirm_duplicate
            )

        try:
            self.draft()
        except InputError as exc:
            self._form_error(exc)
            return None
        outcome = self.window_.ops.run(call, on_error=self._form_error)
        if not outcome:
            return None
        youth = outcome.value.youth
        self.form.hide()
        for w in (self.last_name, self.first_name, self.birth, self.phone):
            w.clear()
        self.youthCreated.emit(youth)
        self.set_youth(youth)
        return youth

    def swap_names(self) -> None:
        first, last = self.first_name.text(), self.last_name.text()
        self.last_name.setText(first)
        self.first_name.setText(last)

    def on_chosen(self, slot: Callable[[YouthView], None]) -> None:
        self.youthChosen.connect(slot)
