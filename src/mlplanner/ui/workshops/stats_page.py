"""Statistics for funders and the site lead: workshops per month and per workshop, appointment outcomes
per counsellor; as tables and as a bar chart drawn with QPainter (QtCharts is not in pyside6-essentials).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.models import Changes
from mlplanner.domain.periods import Period
from mlplanner.services.container import Services
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reports.stats import CounsellorOutcomes, WorkshopStats
from mlplanner.services.reports.tables import report_tables
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.reports.table_model import ReportTableModel, report_view
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows
from mlplanner.ui.workshops.common import MUTED, ActorProvider, pydate, qdate

DEFINITIONS = tr_noop(
    "Séances tenues : séances non annulées, déjà commencées. Présence = (présents + en retard) / présences "
    "saisies ; absentéisme = absents / présences saisies (les excusés ne comptent dans aucun des deux) ; "
    "remplissage = inscrits / places offertes."
)


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[float | None, ...]


class BarChart(QWidget):
    """Grouped vertical bars of rates (0–100 %), one group per category, with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.title = ""
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Graphique des taux par mois"))

    def sizeHint(self) -> QSize:
        return QSize(640, 280)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.update()

    def bar_rects(self) -> list[tuple[int, int, QRectF]]:
        """(category, series, rectangle) of each drawn bar (values None draw nothing)."""
        plot = self._plot()
        n_cat, n_ser = max(len(self.categories), 1), max(len(self.series), 1)
        group = plot.width() / n_cat
        bar = min(group * 0.8 / n_ser, 42)
        out = []
        for c in range(len(self.categories)):
            left = plot.left() + c * group + (group - bar * n_ser) / 2
            for s, ser in enumerate(self.series):
                v = ser.values[c] if c < len(ser.values) else None
                if v is None:
                    continue
                h = plot.height() * max(min(v, 1.0), 0.0)
                out.append((c, s, QRectF(left + s * bar, plot.bottom() - h, bar - 3, h)))
        return out

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        top = fm.height() * 2 + 24
        return QRectF(
            fm.horizontalAdvance("100 %") + 14,
            top,
            self.width() - fm.horizontalAdvance("100 %") - 28,
            self.height() - top - fm.height() - 12,
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = self.fontMetrics()
        plot = self._plot()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(8, 4, self.width() - 16, fm.height() + 2), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        x = 8.0
        for ser in self.series:  # legend
            y = fm.height() + 10
            p.fillRect(QRectF(x, y + 3, 12, 10), QColor(ser.colour))
            p.setPen(QColor("#333333"))
            p.drawText(QPointF(x + 16, y + fm.ascent()), ser.name)
            x += fm.horizontalAdvance(ser.name) + 40
        for tick in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * tick / 100
            p.setPen(QPen(QColor("#e3e6ea") if tick else QColor("#9aa3ad"), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(MUTED))
            p.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                f"{tick} %",
            )
        if not self.categories:
            p.setPen(QColor(MUTED))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("Aucune donnée sur la période."))
            p.end()
            return
        group = plot.width() / len(self.categories)
        for c, label in enumerate(self.categories):
            p.setPen(QColor("#333333"))
            p.drawText(
                QRectF(plot.left() + c * group, plot.bottom() + 4, group, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        for c, s, r in self.bar_rects():
            p.fillRect(r, QColor(self.series[s].colour))
            p.setFont(small)
            p.setPen(QColor("#333333"))
            value = self.series[s].values[c]
            if r.width() >= p.fontMetrics().horizontalAdvance("100%") - 2:
                p.drawText(
                    QRectF(r.left() - 6, r.top() - fm.height(), r.width() + 12, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"{value:.0%}",
                )
        p.end()


def stat_columns() -> list[Column[WorkshopStats]]:
    def count(title: str, get, sortable: bool = True) -> Column[WorkshopStats]:  # type: ignore[no-untyped-def]
        return Column(title, lambda x: str(get(x)), sort_key=get if sortable else None, align_right=True)

    def rate(title: str, get) -> Column[WorkshopStats]:  # type: ignore[no-untyped-def]
        return Column(title, lambda x: pct(get(x)), sort_key=lambda x: get(x) or 0, align_right=True)

    return [
        Column("", lambda x: x.label),
        count(tr("Séances"), lambda x: x.sessions_held),
        count(tr("Places"), lambda x: x.seats),
        count(tr("Inscrits"), lambda x: x.registrations),
        count(tr("Présents"), lambda x: x.present),
        count(tr("dont en retard"), lambda x: x.late, False),
        count(tr("Excusés"), lambda x: x.excused, False),
        count(tr("Absents"), lambda x: x.absent, False),
        rate(tr("Présence"), lambda x: x.attendance_rate),
        rate(tr("Absentéisme"), lambda x: x.no_show_rate),
        rate(tr("Remplissage"), lambda x: x.fill_rate),
    ]


def outcome_columns() -> list[Column[CounsellorOutcomes]]:
    def count(title: str, get) -> Column[CounsellorOutcomes]:  # type: ignore[no-untyped-def]
        return Column(title, lambda x: str(get(x)), sort_key=get, align_right=True)

    return [
        Column(tr("Conseiller"), lambda x: x.counsellor_name),
        count(tr("Rendez-vous"), lambda x: x.total),
        count(tr("Reçus"), lambda x: x.seen),
        count(tr("Absents"), lambda x: x.no_show),
        count(tr("Excusés"), lambda x: x.excused),
        count(tr("Annulés (jeune)"), lambda x: x.cancelled_by_youth),
        count(tr("Annulés (ML)"), lambda x: x.cancelled_by_ml),
        count(tr("À renseigner"), lambda x: x.to_fill_in),
        Column(
            tr("Absentéisme"),
            lambda x: pct(x.no_show_rate),
            sort_key=lambda x: x.no_show_rate or 0,
            align_right=True,
        ),
    ]


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    compact_rows(view)
    return view


def month_short(key: str) -> str:
    """ "2027-03" → "mars 27" (short month name in the UI language)."""
    year, month = key.split("-")
    return f"{QLocale().standaloneMonthName(int(month), QLocale.FormatType.ShortFormat)} {year[2:]}"


class StatsPage(QWidget):
    def __init__(
        self, services: Services, bus: ChangeBus, actor_provider: ActorProvider, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor_provider
        today = services.ctx.today()
        first = (today.replace(day=1) - timedelta(days=150)).replace(day=1)
        last = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        self.start, self.end = QDateEdit(qdate(first)), QDateEdit(qdate(last))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd/MM/yyyy")
            w.dateChanged.connect(lambda _d: self.refresh())
        year = QPushButton(tr("12 derniers mois"))
        year.clicked.connect(
            lambda: self.set_period((today.replace(day=1) - timedelta(days=335)).replace(day=1), last)
        )
        self.start.setAccessibleName(tr("Début de la période"))
        self.end.setAccessibleName(tr("Fin de la période"))
        self.total = QLabel()
        self.total.setStyleSheet("font-weight: 600;")
        # the totals go to a second row when the page is narrow (150 % scaling)
        bar = WrapBar([QLabel(tr("Du")), self.start, QLabel(tr("au")), self.end, year], None, [self.total])
        self.chart = BarChart()
        self.months_model: RowsModel[WorkshopStats] = RowsModel(stat_columns(), key=lambda x: x.key)
        self.series_model: RowsModel[WorkshopStats] = RowsModel(stat_columns(), key=lambda x: x.key)
        self.outcomes_model: RowsModel[CounsellorOutcomes] = RowsModel(
            outcome_columns(), key=lambda x: x.counsellor_id
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(_table(self.months_model, tr("Ateliers par mois")), tr("Ateliers par mois"))
        self.tabs.addTab(_table(self.series_model, tr("Ateliers par atelier")), tr("Par atelier"))
        self.tabs.addTab(
            _table(self.outcomes_model, tr("Rendez-vous par conseiller")), tr("Rendez-vous par conseiller")
        )
        # the reports area's figures on the same period: orientations and the remote share (site leads)
        self.orientation_model, self.modes_model = ReportTableModel(), ReportTableModel()
        for model, title in (
            (self.orientation_model, tr("Orientations par partenaire")),
            (self.modes_model, tr("Présentiel et distance")),
        ):
            view = report_view(title)
            cast(QSortFilterProxyModel, view.model()).setSourceModel(model)
            self.tabs.addTab(view, title)
        notes = QLabel(tr(DEFINITIONS))
        notes.setWordWrap(True)
        notes.setStyleSheet(f"color: {MUTED};")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(bar)
        lay.addWidget(self.chart, 2)
        lay.addWidget(self.tabs, 3)
        lay.addWidget(notes)
        bus.changed.connect(self._on_changes)
        self.refresh()

    def set_period(self, first: date, last: date) -> None:
        for w, d in ((self.start, first), (self.end, last)):
            w.blockSignals(True)
            w.setDate(qdate(d))
            w.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        first, last = pydate(self.start.date()), pydate(self.end.date())
        if last < first:
            self.total.setText(tr("La fin de la période doit suivre son début."))
            return
        stats = self.services.stats
        months = stats.monthly_stats(first, last)
        self.months_model.set_rows(months)
        self.series_model.set_rows(stats.series_stats(first, last))
        self.outcomes_model.set_rows(stats.counsellor_outcomes(first, last))
        self._refresh_reports(first, last)
        total = stats.total_stats(first, last)
        self.total.setText(
            tr("{n} séance(s), {r} inscrit(s) · présence {a} · remplissage {f}").format(
                n=total.sessions_held,
                r=total.registrations,
                a=pct(total.attendance_rate),
                f=pct(total.fill_rate),
            )
        )
        self.chart.set_data(
            tr("Ateliers : taux par mois"),
            [month_short(m.key) for m in months],
            [
                Series(tr("Présence"), "#2e7d32", tuple(m.attendance_rate for m in months)),
                Series(tr("Remplissage"), "#1f4e99", tuple(m.fill_rate for m in months)),
                Series(tr("Absentéisme"), "#c0392b", tuple(m.no_show_rate for m in months)),
            ],
        )

    def _refresh_reports(self, first: date, last: date) -> None:
        """Orientations per partner and outcome, appointments held on site / by phone / by video."""
        actor = self.actor()
        if not allowed(actor, Perm.REPORTS):
            for model in (self.orientation_model, self.modes_model):
                model.set_table(None)
            return
        activity, period = self.services.reports.activity, Period(first, last)
        orientations = report_tables(activity.orientations(actor=actor, period=period))
        modes = report_tables(activity.accompanied(actor=actor, period=period))
        self.orientation_model.set_table(orientations[1])
        self.modes_model.set_table(modes[1])

    def _on_changes(self, changes: Changes) -> None:
        if concerns(changes, "workshops", "appointments", "youths") and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.refresh()  # changes made while hidden were not followed
        super().showEvent(event)
