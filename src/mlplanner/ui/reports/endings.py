"""Follow-ups ending within 30 days, for a counsellor (or everyone): renew once, end with a lighter
follow-up (its first contact booked now or planned a month ahead), or end."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.followup_periods import KIND_FR, LIGHT_CONTACT_DAYS
from mlplanner.services.followup.periods import PeriodView
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr
from mlplanner.ui.reports.words import word
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows

LATE_FG = "#b00020"


def ending_columns(today: object) -> list[Column[PeriodView]]:
    def left(p: PeriodView) -> int:
        return (p.planned_end - today()).days  # type: ignore[operator]

    def left_text(p: PeriodView) -> str:
        n = left(p)
        return tr("échu depuis {n} j").format(n=-n) if n < 0 else tr("{n} j").format(n=n)

    return [
        Column(tr("Jeune"), lambda p: p.youth_name),
        Column(tr("N° i-milo"), lambda p: p.external_id),
        Column(tr("Conseiller(ère)"), lambda p: p.counsellor_name),
        Column(tr("Accompagnement"), lambda p: word(KIND_FR[p.kind])),
        Column(tr("Début"), lambda p: f"{p.start:%d/%m/%Y}", sort_key=lambda p: p.start),
        Column(tr("Renouvelé le"), lambda p: f"{p.renewed_on:%d/%m/%Y}" if p.renewed_on else ""),
        Column(tr("Fin prévue"), lambda p: f"{p.planned_end:%d/%m/%Y}", sort_key=lambda p: p.planned_end),
        Column(
            tr("Reste"),
            left_text,
            sort_key=left,
            align_right=True,
            foreground=lambda p: LATE_FG if left(p) < 0 else None,
        ),
    ]


class EndingsView(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.rows: tuple[PeriodView, ...] = ()
        self.model: RowsModel[PeriodView] = RowsModel(ending_columns(self.today), key=lambda p: p.id)
        self.table = QTableView()
        self.table.setObjectName("endingPeriods")
        self.table.setAccessibleName(tr("Accompagnements qui se terminent dans les 30 jours"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.open_file())
        compact_rows(self.table)
        self.renew_button = QPushButton(tr("Renouveler (6 mois)"))
        self.renew_button.clicked.connect(self.renew)
        self.light_button = QPushButton(tr("Terminer avec un suivi allégé…"))
        self.light_button.clicked.connect(self.end_with_light)
        self.end_button = QPushButton(tr("Terminer"))
        self.end_button.clicked.connect(self.end)
        self.open_button = QPushButton(tr("Ouvrir le dossier"))
        self.open_button.clicked.connect(self.open_file)
        buttons = QHBoxLayout()
        for b in (self.renew_button, self.light_button, self.end_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def today(self) -> date:
        return self.window_.now().date()

    def refresh(self, counsellor: str | None) -> None:
        self.rows = self.window_.services.periods.ending_soon(counsellor=counsellor)
        self.model.set_rows(self.rows)
        self._update_buttons()

    def summary(self) -> str:
        late = sum(1 for p in self.rows if p.planned_end < self.today())
        return tr("{n} accompagnement(s) se terminent dans les 30 jours, dont {late} déjà échu(s).").format(
            n=len(self.rows), late=late
        )

    def selected(self) -> PeriodView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        p = self.selected()
        can = allowed(self.window_.actor, Perm.FOLLOW_UP)
        self.renew_button.setEnabled(bool(p and can and p.can_renew))
        for b in (self.light_button, self.end_button):
            b.setEnabled(bool(p and can))
        self.open_button.setEnabled(p is not None)

    def renew(self) -> None:
        p = self.selected()
        w = self.window_
        if p is None or not w.prompt.confirm(
            self, tr("Renouveler l'accompagnement de {name} pour 6 mois ?").format(name=p.youth_name)
        ):
            return
        w.ops.run(lambda: w.services.periods.renew(actor=w.actor, period_id=p.id), parent=self)
        self._changed(p)

    def end_with_light(self) -> None:
        p = self.selected()
        w = self.window_
        if p is None:
            return
        contact = self.today() + timedelta(days=LIGHT_CONTACT_DAYS)
        choice = w.prompt.ask_choice(
            self,
            tr("Le suivi allégé de {name} commence aujourd'hui. Son premier contact :").format(
                name=p.youth_name
            ),
            [
                tr("prendre le rendez-vous maintenant"),
                tr("à prévoir vers le {date}").format(date=f"{contact:%d/%m/%Y}"),
            ],
            title=tr("Terminer avec un suivi allégé"),
        )
        if choice is None:
            return
        done = w.ops.run(
            lambda: w.services.periods.end(
                actor=w.actor, period_id=p.id, light_followup=True, next_contact=contact
            ),
            parent=self,
        )
        self._changed(p)
        if done and choice == 0:
            w.bookingRequested.emit({"youth_id": p.youth_id})

    def end(self) -> None:
        p = self.selected()
        w = self.window_
        if p is None or not w.prompt.confirm(
            self, tr("Terminer l'accompagnement de {name} sans suivi allégé ?").format(name=p.youth_name)
        ):
            return
        w.ops.run(lambda: w.services.periods.end(actor=w.actor, period_id=p.id), parent=self)
        self._changed(p)

    def _changed(self, p: PeriodView) -> None:
        from mlplanner.domain.models import Changes

        self.window_.bus.publish(Changes.of("youths", ids=(p.youth_id,)))

    def open_file(self) -> None:
        p = self.selected()
        if p is not None:
            self.window_.youthFileRequested.emit(p.youth_id)
