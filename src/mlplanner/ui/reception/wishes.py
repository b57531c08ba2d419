"""The "plus tôt si possible" list at the desk: the dialog that puts a young person on it (the days and
half-days they can come), the page that lists who is waiting, and the banner that proposes a freed slot,
one proposal at a time (the app never books by itself: the desk calls, then accepts or not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.models import AppointmentView
from mlplanner.domain.wishes import AFTERNOON, MORNING
from mlplanner.services.permissions import Perm
from mlplanner.services.reception.wishes import Proposal, WishView
from mlplanner.ui.i18n import tr, weekday_name
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import StaleWhileHidden, concerns
from mlplanner.ui.widgets.announce import announce
from mlplanner.ui.widgets.appointment_text import staff_text
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.shell.main_window import MainWindow

DESK_ROLES = (Role.RECEPTIONIST, Role.SITE_LEAD, Role.ADMIN)


def availability_text(availability_json: str) -> str:
    """When the young person can come, in the UI language ("mardi matin ; jeudi 14:00–17:00")."""
    when = WeeklyHours.from_json(availability_json)
    if not any(when.days):
        return tr("n'importe quand")
    parts = []
    for wd, spans in enumerate(when.days):
        texts = []
        for s, e in spans:
            pair = (f"{s:%H:%M}", f"{e:%H:%M}")
            if pair == MORNING:
                texts.append(tr("{day} matin").format(day=weekday_name(wd)))
            elif pair == AFTERNOON:
                texts.append(tr("{day} après-midi").format(day=weekday_name(wd)))
            else:
                texts.append(f"{weekday_name(wd)} {pair[0]}–{pair[1]}")
        parts += texts
    return " ; ".join(parts)


def _when(a: AppointmentView) -> str:
    return tr("{day} {date} à {time}").format(
        day=weekday_name(a.start.weekday()), date=f"{a.start:%d/%m}", time=f"{a.start:%H:%M}"
    )


class WishDialog(QDialog):
    """Which days and half-days the young person can come (none ticked: whenever the site is open)."""

    def __init__(self, window: MainWindow, appointment: AppointmentView) -> None:
        super().__init__(window)
        self.setObjectName("wishDialog")
        self.setWindowTitle(tr("Plus tôt si possible"))
        self.window_ = window
        self.appointment = appointment
        intro = QLabel(
            tr("{name} a rendez-vous {when} avec {who}. Quand peut-il ou elle venir plus tôt ?").format(
                name=appointment.youth_name, when=_when(appointment), who=staff_text(appointment)
            )
        )
        intro.setWordWrap(True)
        self.boxes: dict[tuple[int, str], QCheckBox] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("Matin")), 0, 1)
        grid.addWidget(QLabel(tr("Après-midi")), 0, 2)
        hours = WeeklyHours.from_json(window.services.directory.site().opening_hours_json)
        for row, wd in enumerate(d for d in range(7) if hours.days[d]):
            name = weekday_name(wd)
            grid.addWidget(QLabel(name.capitalize()), row + 1, 0)
            for col, part in ((1, "am"), (2, "pm")):
                box = QCheckBox()
                label = tr("{day} matin") if part == "am" else tr("{day} après-midi")
                box.setAccessibleName(label.format(day=name))
                box.setObjectName(f"wish_{wd}_{part}")
                grid.addWidget(box, row + 1, col)
                self.boxes[(wd, part)] = box
        self.anytime_hint = QLabel(tr("Rien de coché : n'importe quand, aux heures d'ouverture."))
        self.anytime_hint.setWordWrap(True)
        self.any_counsellor = QCheckBox(tr("Un a&utre conseiller convient"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a0001c; font-weight: 600;")
        self.error.hide()
        save = QPushButton(tr("Enre&gistrer"))
        save.setDefault(True)
        save.clicked.connect(self.save)
        cancel = QPushButton(tr("Fermer"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(grid)
        lay.addWidget(self.anytime_hint)
        lay.addWidget(self.any_counsellor)
        lay.addWidget(self.error)
        lay.addLayout(buttons)

    def availability(self) -> WeeklyHours:
        days: dict[str, list[list[str]]] = {}
        for (wd, part), box in self.boxes.items():
            if box.isChecked():
                days.setdefault(str(wd), []).append(list(MORNING if part == "am" else AFTERNOON))
        return WeeklyHours.from_mapping(days)

    def save(self) -> bool:
        def show(exc: DomainError) -> None:
            self.error.setText(refusal_text(exc))
            self.error.show()
            announce(self, refusal_text(exc), assertive=True)

        done = self.window_.ops.run(
            lambda: self.window_.services.wishes.add(
                actor=self.window_.actor,
                appointment_id=self.appointment.id,
                when=self.availability(),
                any_counsellor=self.any_counsellor.isChecked(),
            ),
            on_error=show,
        )
        if done:
            text = tr("{name} est sur la liste « plus tôt si possible ».").format(
                name=self.appointment.youth_name
            )
            self.window_.status.showMessage(text, 6000)
            announce(self.window_, text)
            self.accept()
        return bool(done)


class WishBanner(QFrame):
    """The one proposal to make now, for the desk: the freed slot, who to call, and the three answers."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("wishBanner")
        self.setStyleSheet(
            "QFrame#wishBanner { background: #eaf2fb; border: 2px solid #1f4e99; border-radius: 4px; }"
        )
        self.setAccessibleName(tr("Proposition de créneau libéré"))
        self.window_ = window
        self.proposal: Proposal | None = None
        self.text = QLabel()
        self.text.setObjectName("wishProposal")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_btn = QPushButton(tr("Avancer le rendez-vous"))
        self.accept_btn.setAccessibleDescription(
            tr("Le jeune accepte : son rendez-vous passe sur ce créneau")
        )
        self.decline_btn = QPushButton(tr("Le jeune refuse"))
        self.decline_btn.setAccessibleDescription(
            tr("Ce créneau ne lui sera plus proposé ; il passe au jeune suivant")
        )
        self.dismiss_btn = QPushButton(tr("Ne plus proposer ce créneau"))
        self.dismiss_btn.setAccessibleDescription(tr("Le créneau n'est plus proposé à personne"))
        self.accept_btn.clicked.connect(self.accept)
        self.decline_btn.clicked.connect(self.decline)
        self.dismiss_btn.clicked.connect(self.dismiss)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.text, 1)
        for b in (self.accept_btn, self.decline_btn, self.dismiss_btn):
            lay.addWidget(b)
        self.hide()

    def refresh(self) -> None:
        actor = self.window_.actor
        if actor.role not in DESK_ROLES or not self.window_.can(Perm.BOOK):
            self.proposal = None
            self.hide()
            return
        before = self.proposal.id if self.proposal else None
        self.proposal = self.window_.services.wishes.next_proposal(viewer=actor)
        if self.proposal is None:
            self.hide()
            return
        p = self.proposal
        a = p.wish.appointment
        self.text.setText(
            tr(
                "Créneau libéré {when} avec {who} : à proposer à {name} ({phone}), qui a rendez-vous "
                "{appointment} et voudrait venir plus tôt ({availability})."
            ).format(
                when=_when_at(p.start),
                who=p.counsellor_name,
                name=a.youth_name,
                phone=p.wish.phone or tr("pas de numéro"),
                appointment=_when(a),
                availability=availability_text(p.wish.availability),
            )
        )
        self.show()
        if p.id != before:
            announce(self, self.text.text())

    def _answer(self, call: Callable[[], object], success: str) -> bool:
        if self.proposal is None:
            return False
        done = self.window_.ops.run(call, success=success)
        if done:
            announce(self, success)
        else:
            self.refresh()
        return bool(done)

    def accept(self) -> bool:
        p = self.proposal
        if p is None:
            return False
        return self._answer(
            lambda: self.window_.services.wishes.accept(actor=self.window_.actor, proposal_id=p.id),
            tr("Rendez-vous de {name} avancé {when}.").format(name=p.wish.youth_name, when=_when_at(p.start)),
        )

    def decline(self) -> bool:
        p = self.proposal
        if p is None:
            return False
        return self._answer(
            lambda: self.window_.services.wishes.decline(actor=self.window_.actor, proposal_id=p.id),
            tr("Refus noté pour {name}.").format(name=p.wish.youth_name),
        )

    def dismiss(self) -> bool:
        p = self.proposal
        if p is None:
            return False
        return self._answer(
            lambda: self.window_.services.wishes.dismiss(actor=self.window_.actor, freed_id=p.id),
            tr("Ce créneau n'est plus proposé."),
        )


def _when_at(start: datetime) -> str:
    return tr("{day} {date} à {time}").format(
        day=weekday_name(start.weekday()), date=f"{start:%d/%m}", time=f"{start:%H:%M}"
    )


class WishesPage(StaleWhileHidden, QWidget):
    """Who is waiting for an earlier slot, first asked first."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("wishesPage")
        self.window_ = window
        self.summary = QLabel()
        self.summary.setObjectName("wishesSummary")
        self.summary.setWordWrap(True)  # 200 % text: two lines rather than a page wider than the window
        self.model: RowsModel[WishView] = RowsModel(
            [
                Column(tr("Jeune"), lambda w: w.youth_name),
                Column(tr("Téléphone"), lambda w: w.phone or tr("pas de numéro")),
                Column(tr("Rendez-vous actuel"), lambda w: _when(w.appointment)),
                Column(tr("Conseiller"), lambda w: staff_text(w.appointment)),
                Column(
                    tr("Peut venir"),
                    lambda w: (
                        w.availability_fr + (tr(" · autre conseiller possible") if w.any_counsellor else "")
                    ),
                ),
            ],
            key=lambda w: w.id,
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("wishesTable")
        self.table.setAccessibleName(tr("Jeunes en attente d'un créneau plus tôt"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.withdraw_btn = QPushButton(tr("Ret&irer de la liste"))
        self.withdraw_btn.setAccessibleDescription(tr("Le jeune ne souhaite plus venir plus tôt"))
        self.withdraw_btn.clicked.connect(self.withdraw)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.withdraw_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        window.bus.changed.connect(self._changed)
        window.actorChanged.connect(lambda _a: self.reload())
        self.reload()

    def reload(self) -> None:
        rows = self.window_.services.wishes.waiting(viewer=self.window_.actor)
        self.model.set_rows(rows)
        self.summary.setText(
            tr(
                "{n} jeune(s) attendent un créneau plus tôt. Un créneau libéré leur est proposé en haut de la fenêtre."
            ).format(n=len(rows))
        )
        self.withdraw_btn.setEnabled(bool(rows) and self.window_.can(Perm.BOOK))

    def _changed(self, changes: object) -> None:
        if concerns(changes, "wishes", "appointments", "youths"):
            self.refresh_or_mark()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload_if_stale()

    def selected(self) -> WishView | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def withdraw(self) -> bool:
        w = self.selected()
        if w is None:
            self.window_.status.showMessage(tr("Sélectionnez d'abord un jeune de la liste."), 4000)
            return False
        done = self.window_.ops.run(
            lambda: self.window_.services.wishes.withdraw(actor=self.window_.actor, wish_id=w.id),
            success=tr("{name} n'est plus sur la liste.").format(name=w.youth_name),
        )
        return bool(done)
