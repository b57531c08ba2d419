"""Change a session: this one, this one and the following ones, or the whole series (future sessions).

Only the fields the user changed are sent; the service moves the other sessions in scope by the same
amount, leaves sessions edited on their own where they are, and keeps every registration.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.services.container import Services
from mlplanner.services.workshops.service import KEEP
from mlplanner.services.workshops.terms import EditScope
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.workshops.common import (
    ERROR_STYLE,
    MUTED,
    ActorProvider,
    long_date,
    make_ops,
    pydate,
    qdate,
)
from mlplanner.ui.workshops.series_dialog import FACILITATOR_ROLES

SCOPE_LABELS = {
    EditScope.THIS: tr_noop("Cette séance"),
    EditScope.FOLLOWING: tr_noop("Cette séance et les suivantes"),
    EditScope.SERIES: tr_noop("Toute la série (séances à venir)"),
}


class SessionEditDialog(QDialog):
    edited = Signal(object)  # SessionsResult

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor_provider: ActorProvider,
        session_id: str,
        *,
        ops: Operations | None = None,
        prompt: Prompt | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor_provider
        self.ops = make_ops(bus, ops, prompt)
        self.session = s = services.workshops.session(session_id)
        self.setWindowTitle(tr("Modifier la séance — {title}").format(title=s.title))
        self.scopes: dict[EditScope, QRadioButton] = {}
        group = QButtonGroup(self)
        scope_row = QVBoxLayout()
        for scope in EditScope:
            b = QRadioButton(tr(SCOPE_LABELS[scope]))
            group.addButton(b)
            scope_row.addWidget(b)
            self.scopes[scope] = b
        self.scopes[EditScope.THIS].setChecked(True)
        self.day = QDateEdit(qdate(s.start.date()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.at = QTimeEdit(QTime(s.start.hour, s.start.minute))
        self.at.setDisplayFormat("HH:mm")
        self.day.setAccessibleName(tr("Date de la séance"))
        self.at.setAccessibleName(tr("Heure de début"))
        self.duration = QSpinBox()
        self.duration.setRange(15, 600)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setValue(int((s.end - s.start).total_seconds() // 60))
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 200)
        self.capacity.setValue(s.capacity)
        self.room, self.facilitator, self.co_facilitator = QComboBox(), QComboBox(), QComboBox()
        self.room.addItem(tr("— aucune —"), None)
        for r in services.directory.rooms():
            self.room.addItem(tr("{name} ({n} places)").format(name=r.name, n=r.capacity), r.id)
        for combo in (self.facilitator, self.co_facilitator):
            combo.addItem(tr("— aucun —"), None)
            for p in services.directory.staff():
                if p.role in FACILITATOR_ROLES:
                    combo.addItem(p.display_name, p.id)
        self.room.setCurrentIndex(max(self.room.findData(s.room_id), 0))
        self.facilitator.setCurrentIndex(max(self.facilitator.findData(s.facilitator_id), 0))
        self.co_facilitator.setCurrentIndex(max(self.co_facilitator.findData(s.co_facilitator_id), 0))
        self.note = QLineEdit(s.note)
        self.skip_clashes = QCheckBox(tr("Ignorer les séances en conflit (les laisser telles quelles)"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        info = QLabel(
            tr("Séance du {date}, {n} inscrit(s), {w} en attente.").format(
                date=long_date(s.start.date()), n=s.confirmed, w=s.waitlisted
            )
            + (tr(" Modifiée à part de la série.") if s.detached else "")
        )
        info.setStyleSheet(f"color: {MUTED};")
        form = QFormLayout()
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel(tr("à")))
        when.addWidget(self.at)
        when.addStretch(1)
        form.addRow(tr("Appliquer à"), scope_row)
        form.addRow(tr("Début"), when)
        form.addRow(tr("Durée"), self.duration)
        form.addRow(tr("Capacité"), self.capacity)
        form.addRow(tr("Salle"), self.room)
        form.addRow(tr("Animateur"), self.facilitator)
        form.addRow(tr("Co-animateur"), self.co_facilitator)
        form.addRow(tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Enregistrer"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(info)
        lay.addLayout(form)
        lay.addWidget(self.skip_clashes)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def scope(self) -> EditScope:
        return next(k for k, b in self.scopes.items() if b.isChecked())

    def start(self) -> datetime:
        t = self.at.time()
        return datetime.combine(pydate(self.day.date()), time(t.hour(), t.minute()))

    def apply(self) -> bool:
        s = self.session
        start = self.start()
        duration = self.duration.value()

        def changed(combo: QComboBox, old: str | None) -> object:
            return KEEP if combo.currentData() == old else combo.currentData()

        kwargs = {
            "start": start if start != s.start else None,
            "duration_min": duration if duration != int((s.end - s.start).total_seconds() // 60) else None,
            "capacity": self.capacity.value() if self.capacity.value() != s.capacity else None,
            "room": changed(self.room, s.room_id),
            "facilitator": changed(self.facilitator, s.facilitator_id),
            "co_facilitator": changed(self.co_facilitator, s.co_facilitator_id),
            "note": self.note.text() if self.note.text() != s.note else None,
        }
        actor, scope, skip = self.actor(), self.scope(), self.skip_clashes.isChecked()

        def show(exc: DomainError) -> None:
            self.error.setText(refusal_text(exc))
            self.error.show()

        outcome = self.ops.run(
            lambda: self.services.sessions.edit_session(
                actor=actor, session_id=s.id, scope=scope, skip_clashes=skip, **kwargs
            ),
            parent=self,
            on_error=show,
        )
        if outcome:
            self.edited.emit(outcome.value)
            self.accept()
        return bool(outcome)
