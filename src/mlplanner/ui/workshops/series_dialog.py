"""Create a workshop series: what, who, where, and a recurrence built from plain choices (or typed as
an RFC 5545 rule), with a live preview of the dates kept and the dates set aside (holiday, closure,
clash) before anything is written."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Role, RoomKind
from mlplanner.domain.errors import DomainError
from mlplanner.domain.recurrence import build_rule, describe_rule
from mlplanner.services.container import Services
from mlplanner.services.workshops.service import SeriesDraft
from mlplanner.services.workshops.views import SeriesResult
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.narrow import ColumnScroll, fit_to_screen
from mlplanner.ui.workshops.common import (
    ERROR_STYLE,
    MUTED,
    ActorProvider,
    make_ops,
    pydate,
    qdate,
    weekday_short,
)

ONCE, WEEKLY, BIWEEKLY, MONTHLY, WORKDAYS, CUSTOM = range(6)
FREQUENCIES = (
    tr_noop("Une seule fois"),
    tr_noop("Chaque semaine"),
    tr_noop("Toutes les deux semaines"),
    tr_noop("Chaque mois (même jour de la semaine)"),
    tr_noop("Tous les jours ouvrés"),
    tr_noop("Règle personnalisée (RFC 5545)"),
)
CLOSE_CHOICES = (
    (tr_noop("au début de la séance"), 0),
    (tr_noop("1 heure avant"), 60),
    (tr_noop("la veille à la même heure"), 24 * 60),
)
FACILITATOR_ROLES = (Role.COUNSELLOR, Role.SITE_LEAD, Role.PARTNER, Role.ADMIN)


class SeriesDialog(QDialog):
    created = Signal(object)  # SeriesResult

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor_provider: ActorProvider,
        *,
        ops: Operations | None = None,
        prompt: Prompt | None = None,
        start: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Nouvel atelier"))
        self.services = services
        self.actor = actor_provider
        self.ops = make_ops(bus, ops, prompt)
        self.result_: SeriesResult | None = None
        today = services.ctx.today()
        first = start or datetime.combine(today + timedelta(days=7), time(10, 0))
        self._build(first)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.update_preview)
        self._sync_controls()
        self.update_preview()

    # --- layout ------------------------------------------------------------------------------------
    def _build(self, first: datetime) -> None:
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("ex. Atelier CV et lettre de motivation"))
        self.audience = QLineEdit()
        self.audience.setPlaceholderText(tr("ex. jeunes en CEJ, 16-18 ans…"))
        self.kind = QComboBox()
        self.kind.setObjectName("seriesKind")
        self.kind.setAccessibleName(tr("Type d'action"))
        for k in self.services.reports.kinds.kinds():  # the CEJ scale and the funded operation come with it
            if k.active:
                hours = f"{k.cej_minutes / 60:g}".replace(".", ",")
                self.kind.addItem(tr("{label} ({hours} h CEJ)").format(label=k.label, hours=hours), k.code)
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.facilitator, self.co_facilitator, self.room = QComboBox(), QComboBox(), QComboBox()
        people = [s for s in self.services.directory.staff() if s.role in FACILITATOR_ROLES]
        self.facilitator.addItem(tr("— aucun —"), None)
        self.co_facilitator.addItem(tr("— aucun —"), None)
        for s in people:
            self.facilitator.addItem(s.display_name, s.id)
            self.co_facilitator.addItem(s.display_name, s.id)
        self.room.addItem(tr("— aucune —"), None)
        rooms = sorted(
            self.services.directory.rooms(), key=lambda r: (r.kind is not RoomKind.WORKSHOP, r.name)
        )
        for r in rooms:
            self.room.addItem(tr("{name} ({n} places)").format(name=r.name, n=r.capacity), r.id)
        self._room_capacity = {r.id: r.capacity for r in rooms}
        if rooms and rooms[0].kind is RoomKind.WORKSHOP:
            self.room.setCurrentIndex(1)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 200)
        self.capacity.setValue(self._room_capacity.get(self.room.currentData(), 12))
        self.duration = QSpinBox()
        self.duration.setRange(15, 600)
        self.duration.setSingleStep(15)
        self.duration.setValue(120)
        self.duration.setSuffix(" min")
        self.day = QDateEdit(qdate(first.date()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.at = QTimeEdit(QTime(first.hour, first.minute))
        self.at.setDisplayFormat("HH:mm")
        self.day.setAccessibleName(tr("Date de la première séance"))
        self.at.setAccessibleName(tr("Heure de la première séance"))
        self.frequency = QComboBox()
        self.frequency.addItems([tr(f) for f in FREQUENCIES])
        self.frequency.setCurrentIndex(WEEKLY)
        self.weekdays: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for i in range(7):
            box = QCheckBox(weekday_short(i))
            box.setChecked(i == first.weekday())
            self.weekdays.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.days_widget = QWidget()
        self.days_widget.setLayout(days_row)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.by_count, self.by_date = QRadioButton(tr("après")), QRadioButton(tr("jusqu'au"))
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(8)
        self.count.setSuffix(tr(" séances"))
        self.until = QDateEdit(qdate(first.date() + timedelta(days=60)))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.count.setAccessibleName(tr("Nombre de séances"))
        self.until.setAccessibleName(tr("Date de la dernière séance"))
        end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.by_count, self.count, self.by_date, self.until):
            end_row.addWidget(w)
        end_row.addStretch(1)
        self.end_widget = QWidget()
        self.end_widget.setLayout(end_row)
        self.custom = QLineEdit()
        self.custom.setPlaceholderText("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10")
        self.rule_label = QLabel()
        self.rule_label.setStyleSheet(f"color: {MUTED};")
        self.close_before = QComboBox()
        for label, minutes in CLOSE_CHOICES:
            self.close_before.addItem(tr(label), minutes)
        self.skip_clashes = QCheckBox(tr("Ignorer les dates en conflit (créer les autres séances)"))

        what = QFormLayout()
        what.addRow(tr("Titre"), self.title)
        what.addRow(tr("Public"), self.audience)
        what.addRow(tr("Type d'action"), self.kind)
        what.addRow(tr("Description"), self.description)
        what.addRow(tr("Animateur"), self.facilitator)
        what.addRow(tr("Co-animateur"), self.co_facilitator)
        what.addRow(tr("Salle"), self.room)
        caps = QHBoxLayout()
        caps.addWidget(self.capacity)
        caps.addWidget(QLabel(tr("places, séances de")))
        caps.addWidget(self.duration)
        caps.addStretch(1)
        what.addRow(tr("Capacité"), caps)
        what.addRow(tr("Fin des inscriptions"), self.close_before)
        when = QFormLayout()
        start_row = QHBoxLayout()
        start_row.addWidget(self.day)
        start_row.addWidget(QLabel(tr("à")))
        start_row.addWidget(self.at)
        start_row.addStretch(1)
        when.addRow(tr("Première séance"), start_row)
        when.addRow(tr("Répétition"), self.frequency)
        when.addRow(tr("Jours"), self.days_widget)
        when.addRow(tr("Fin"), self.end_widget)
        when.addRow(tr("Règle"), self.custom)
        when.addRow("", self.rule_label)
        self._when_form = when
        left = QVBoxLayout()
        box1, box2 = QGroupBox(tr("L'atelier")), QGroupBox(tr("Quand"))
        box1.setLayout(what)
        box2.setLayout(when)
        left.addWidget(box1)
        left.addWidget(box2)
        left.addStretch(1)

        self.preview = QListWidget()
        self.preview.setAccessibleName(tr("Aperçu des dates"))
        self.preview.setMinimumWidth(330)
        self.preview.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("<b>Aperçu des séances</b>")))
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        right.addWidget(self.skip_clashes)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Créer l'atelier"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        cols = QHBoxLayout()
        cols.addWidget(ColumnScroll(left), 3)  # scrolls on a short screen (150 % scaling)
        cols.addLayout(right, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(cols, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(940, 640)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen

        for w in (self.frequency, self.facilitator, self.co_facilitator, self.room):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.capacity, self.duration, self.count):
            w.valueChanged.connect(self._changed)
        for w in (self.day, self.until):
            w.dateChanged.connect(self._changed)
        self._weekday = first.weekday()
        self.day.dateChanged.connect(self._follow_weekday)
        self.at.timeChanged.connect(self._changed)
        for w in (*self.weekdays, self.by_count, self.by_date):
            w.toggled.connect(self._changed)
        self.custom.textChanged.connect(self._changed)
        self.room.currentIndexChanged.connect(self._room_changed)

    def _follow_weekday(self) -> None:
        """The weekday box follows the first date while it is the only one ticked (the usual case)."""
        new = pydate(self.day.date()).weekday()
        ticked = [i for i, b in enumerate(self.weekdays) if b.isChecked()]
        if ticked == [self._weekday] and new != self._weekday:
            self.weekdays[self._weekday].setChecked(False)
            self.weekdays[new].setChecked(True)
        self._weekday = new

    def _room_changed(self) -> None:
        cap = self._room_capacity.get(self.room.currentData())
        if cap is not None and self.capacity.value() > cap:
            self.capacity.setValue(cap)

    def _changed(self) -> None:
        self._sync_controls()
        self._timer.start()

    def _sync_controls(self) -> None:
        f = self.frequency.currentIndex()
        self._when_form.setRowVisible(self.days_widget, f in (WEEKLY, BIWEEKLY))
        self._when_form.setRowVisible(self.end_widget, f not in (ONCE, CUSTOM))
        self._when_form.setRowVisible(self.custom, f == CUSTOM)
        self.count.setEnabled(self.by_count.isChecked())
        self.until.setEnabled(self.by_date.isChecked())

    # --- the draft ---------------------------------------------------------------------------------
    def start(self) -> datetime:
        t = self.at.time()
        return datetime.combine(pydate(self.day.date()), time(t.hour(), t.minute()))

    def rule(self) -> str:
        f = self.frequency.currentIndex()
        if f == CUSTOM:
            return self.custom.text().strip()
        if f == ONCE:
            return "FREQ=DAILY;COUNT=1"
        count = self.count.value() if self.by_count.isChecked() else None
        until = pydate(self.until.date()) if self.by_date.isChecked() else None
        start = self.start()
        if f in (WEEKLY, BIWEEKLY):
            days = [i for i, b in enumerate(self.weekdays) if b.isChecked()] or [start.weekday()]
            return build_rule(
                freq="WEEKLY", interval=2 if f == BIWEEKLY else 1, weekdays=days, count=count, until=until
            )
        if f == MONTHLY:
            nth = (start.day - 1) // 7 + 1
            return build_rule(
                freq="MONTHLY",
                weekdays=[start.weekday()],
                nth=-1 if nth == 5 else nth,
                count=count,
                until=until,
            )
        return build_rule(freq="WEEKLY", weekdays=[0, 1, 2, 3, 4], count=count, until=until)

    def draft(self) -> SeriesDraft:
        return SeriesDraft(
            title=self.title.text(),
            start=self.start(),
            duration_min=self.duration.value(),
            capacity=self.capacity.value(),
            rrule=self.rule(),
            room=self.room.currentData(),
            facilitator=self.facilitator.currentData(),
            co_facilitator=self.co_facilitator.currentData(),
            description=self.description.toPlainText(),
            audience=self.audience.text(),
            registration_close_min=self.close_before.currentData(),
            kind_code=str(self.kind.currentData() or "ATELIER"),
        )

    # --- preview and creation ----------------------------------------------------------------------
    def update_preview(self) -> None:
        self._timer.stop()
        self.preview.clear()
        rule = self.rule()
        self.rule_label.setText(describe_rule(rule) if rule else "")
        draft = self.draft()
        if not draft.title.strip():
            draft = SeriesDraft(**{**draft.__dict__, "title": "aperçu"})
        try:
            preview = self.services.workshops.preview_series(draft)
        except DomainError as exc:
            self.summary.setText(f"<span style='{ERROR_STYLE}'>{refusal_text(exc)}</span>")
            return
        rows = [(s, None) for s in preview.starts] + [(k.start, k) for k in preview.skipped]
        for start, skipped in sorted(rows, key=lambda r: r[0]):
            if skipped is None:
                item = QListWidgetItem(f"✓  {weekday_short(start.weekday())} {start:%d/%m/%Y}  {start:%H:%M}")
            else:
                item = QListWidgetItem(f"✗  {skipped.reason}")
                item.setForeground(QColor("#a31515" if skipped.code == "clash" else "#8a6d00"))
                item.setToolTip(skipped.reason)
            self.preview.addItem(item)
        clashes = sum(1 for k in preview.skipped if k.code == "clash")
        others = len(preview.skipped) - clashes
        parts = [tr("{n} séance(s) à créer").format(n=len(preview.starts))]
        if others:
            parts.append(tr("{n} date(s) écartée(s) (férié, fermeture)").format(n=others))
        if clashes:
            parts.append(tr("{n} date(s) en conflit").format(n=clashes))
        self.summary.setText(" · ".join(parts) + ".")
        self.skip_clashes.setVisible(clashes > 0)

    def create(self) -> bool:
        """Create the series (the OK button); errors stay in the dialog, in French."""
        actor = self.actor()
        draft = self.draft()
        skip = self.skip_clashes.isChecked()

        def show(exc: DomainError) -> None:
            self.error.setText(refusal_text(exc))
            self.error.show()

        outcome = self.ops.run(
            lambda: self.services.workshops.create_series(actor=actor, draft=draft, skip_clashes=skip),
            parent=self,
            on_error=show,
            success=tr("Atelier créé."),
        )
        if outcome:
            self.error.hide()
            self.result_ = outcome.value
            self.created.emit(outcome.value)
            self.accept()
        return bool(outcome)


__all__ = ["FACILITATOR_ROLES", "SeriesDialog", "pydate", "qdate"]
