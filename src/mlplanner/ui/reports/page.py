"""« Rapports »: what funders, the network and i-milo ask for, shown as the tables the spreadsheet gets,
computed off the GUI thread, exported as .xlsx or .csv.

Site leads see every report; a counsellor their own CEJ list, their own i-milo list (with the "keyed in
i-milo" ticks) and the follow-ups ending soon; a receptionist nothing. The page holds no rule: each
report is one service call (`services.reports`), its tables come from `services.reports.tables`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.cej import COMMITMENT_HOURS, WARNING_HOURS
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import Changes
from mlplanner.domain.periods import Period, month_label, parse_month, week_code
from mlplanner.domain.wallclock import week_start
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reports.activity import AccompaniedReport, OrientationReport, TimesheetReport
from mlplanner.services.reports.cej import CejWeekReport
from mlplanner.services.reports.exports import ExportResult
from mlplanner.services.reports.fse import FseReport
from mlplanner.services.reports.imilo import ImiloReport
from mlplanner.services.reports.tables import Report, report_tables
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.reports.endings import EndingsView
from mlplanner.ui.reports.imilo_view import ImiloView
from mlplanner.ui.reports.scale import ScaleSettings
from mlplanner.ui.reports.table_model import ReportTableModel, report_view
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import SPREADSHEET_FILTER, Choosers, QtChoosers
from mlplanner.ui.widgets.narrow import WrapBar

MUTED = "#5f6670"
ERROR = "#b00020"
OK = "#1d6b2c"

# key, label (translated when shown), who may open it: "own" = a counsellor for themselves
REPORTS: tuple[tuple[str, str, str], ...] = (
    ("cej", tr_noop("Heures CEJ de la semaine"), "own"),
    ("imilo", tr_noop("Saisie dans i-milo"), "own"),
    ("endings", tr_noop("Accompagnements : fins dans les 30 jours"), "follow_up"),
    ("accompanied", tr_noop("Jeunes accompagnés, présentiel et distance"), "reports"),
    ("fse", tr_noop("Participants FSE+"), "reports"),
    ("timesheet", tr_noop("Feuille de temps des animateurs"), "reports"),
    ("orientations", tr_noop("Orientations vers les partenaires"), "reports"),
    ("scale", tr_noop("Barème CEJ et financements"), "configure"),
)
FILE_STEMS = {
    "cej": "heures-cej",
    "imilo": "saisie-imilo",
    "accompanied": "jeunes-accompagnes",
    "fse": "participants-fse",
    "timesheet": "feuille-de-temps",
    "orientations": "orientations",
}


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def may_open(actor: Actor, who: str) -> bool:
    if who == "own":
        return allowed(actor, Perm.REPORTS) or actor.role is Role.COUNSELLOR
    if who == "follow_up":
        return allowed(actor, Perm.FOLLOW_UP)
    if who == "configure":
        return allowed(actor, Perm.CONFIGURE_SITE)
    return allowed(actor, Perm.REPORTS)


def _date_edit(name: str, display: str = "dd/MM/yyyy") -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(display)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


class ReportsPage(QWidget):
    def __init__(self, window: MainWindow, choosers: Choosers | None = None) -> None:
        super().__init__()
        self.window_ = window
        self.services = window.services
        self.choosers = choosers or QtChoosers()
        self.report: Report | None = None
        self._pending: object = None  # the request being computed (a newer one wins)
        self._stale = False
        self.folder = Path.home() / "Documents" if (Path.home() / "Documents").is_dir() else Path.home()
        self.setObjectName("reportsPage")

        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        self.kind.setAccessibleName(tr("Rapport"))
        self.kind.setMinimumContentsLength(24)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        today = window.now().date()
        self.week = _date_edit(tr("Semaine (un jour de la semaine)"))
        self.week.setDate(qdate(today))
        self.week_label = QLabel()
        self.day_or_week = QComboBox()
        self.day_or_week.setAccessibleName(tr("Un jour ou une semaine"))
        self.day_or_week.addItem(tr("le jour"), "day")
        self.day_or_week.addItem(tr("la semaine"), "week")
        self.start = _date_edit(tr("Du"))
        self.end = _date_edit(tr("Au"))
        first = today.replace(day=1)
        self.start.setDate(qdate(first))
        self.end.setDate(qdate((first + timedelta(days=32)).replace(day=1) - timedelta(days=1)))
        self.month = _date_edit(tr("Mois"), "MM/yyyy")
        self.month.setDate(qdate(first))
        self.counsellor = QComboBox()
        self.counsellor.setObjectName("reportCounsellor")
        self.counsellor.setAccessibleName(tr("Conseiller(ère)"))
        self.operation = QComboBox()
        self.operation.setObjectName("reportOperation")
        self.operation.setAccessibleName(tr("Opération financée"))
        self.operation.setEditable(True)
        self.operation.setMinimumContentsLength(16)
        self.network = QCheckBox(tr("Tout le réseau"))
        self.network.setToolTip(tr("Tous les sites dont ce poste a reçu les données par synchronisation"))

        self.labels: dict[str, QLabel] = {}

        def label(key: str, text: str) -> QLabel:
            self.labels[key] = QLabel(text)
            return self.labels[key]

        self.param_widgets: list[QWidget] = [
            label("week", tr("Semaine du")),
            self.week,
            self.week_label,
            label("day", tr("Pour")),
            self.day_or_week,
            label("from", tr("Du")),
            self.start,
            label("to", tr("au")),
            self.end,
            label("month", tr("Mois")),
            self.month,
            label("counsellor", tr("Conseiller(ère) :")),
            self.counsellor,
            label("operation", tr("Opération :")),
            self.operation,
            self.network,
        ]
        self.refresh_button = QPushButton(tr("Actualiser"))
        self.refresh_button.setToolTip(tr("Recalculer le rapport (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.xlsx_button = QPushButton(tr("Exporter en .xlsx…"))
        self.xlsx_button.setObjectName("reportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.csv_button = QPushButton(tr("Exporter en .csv…"))
        self.csv_button.clicked.connect(lambda: self.export(".csv"))

        head = QHBoxLayout()
        head.addWidget(QLabel(tr("Rapport :")))
        head.addWidget(self.kind, 1)
        self.params = WrapBar(
            self.param_widgets, None, [self.refresh_button, self.xlsx_button, self.csv_button]
        )
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTables")
        self.models: list[ReportTableModel] = []
        self.imilo = ImiloView(window)
        self.endings = EndingsView(window)
        self.scale = ScaleSettings(window)
        self.scale_area = QScrollArea()  # its forms scroll rather than push the page past a small screen
        self.scale_area.setWidget(self.scale)
        self.scale_area.setWidgetResizable(True)
        self.scale_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QStackedWidget()
        for w in (self.tabs, self.imilo, self.endings, self.scale_area):
            self.body.addWidget(w)
        self.denied = QLabel(tr("Les rapports sont réservés aux conseillers et aux responsables de site."))
        self.denied.setWordWrap(True)
        self.body.addWidget(self.denied)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addLayout(head)
        lay.addWidget(self.params)
        lay.addWidget(self.summary)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.message)

        refresh_key = QShortcut(QKeySequence("F5"), self)
        refresh_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_key.activated.connect(self.refresh)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        for edit in (self.week, self.start, self.end, self.month):
            edit.dateChanged.connect(lambda _d: self.refresh())
        for combo in (self.day_or_week, self.counsellor):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.operation.activated.connect(lambda _i: self.refresh())
        line = self.operation.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.refresh)
        self.network.toggled.connect(lambda _b: self.refresh())
        window.bus.changed.connect(self._on_changes)
        window.actorChanged.connect(lambda _a: self.apply_permissions())
        self.apply_permissions()

    # --- who sees what ---------------------------------------------------------------------------------
    def actor(self) -> Actor:
        return self.window_.actor

    def apply_permissions(self) -> None:
        actor = self.actor()
        current = self.kind_code()
        self.kind.blockSignals(True)
        self.kind.clear()
        for key, text, who in REPORTS:
            if may_open(actor, who):
                self.kind.addItem(tr(text), key)
        self.kind.blockSignals(False)
        index = self.kind.findData(current)
        self.kind.setCurrentIndex(max(index, 0))
        self._fill_counsellors()
        self._fill_operations()
        self._kind_changed()

    def _fill_counsellors(self) -> None:
        actor = self.actor()
        self.counsellor.blockSignals(True)
        self.counsellor.clear()
        own_only = not allowed(actor, Perm.REPORTS)
        if not own_only:
            self.counsellor.addItem(tr("Tous"), None)
        people = [
            st
            for st in self.services.directory.staff()
            if st.role in (Role.COUNSELLOR, Role.SITE_LEAD) and (not own_only or st.id == actor.id)
        ]
        for st in sorted(people, key=lambda st: st.display_name.casefold()):
            self.counsellor.addItem(st.display_name, st.id)
        if actor.role is Role.COUNSELLOR:
            self.counsellor.setCurrentIndex(max(0, self.counsellor.findData(actor.id)))
        self.counsellor.blockSignals(False)

    def _fill_operations(self) -> None:
        text = self.operation.currentText()
        self.operation.blockSignals(True)
        self.operation.clear()
        for name in self.services.reports.fse.operations():
            self.operation.addItem(name)
        if text:
            self.operation.setEditText(text)
        self.operation.blockSignals(False)

    def kind_code(self) -> str:
        return str(self.kind.currentData() or "")

    def _kind_changed(self) -> None:
        key = self.kind_code()
        shown = {
            "cej": ("week", self.week, self.week_label, "counsellor", self.counsellor),
            "imilo": (
                "week",
                self.week,
                self.week_label,
                "day",
                self.day_or_week,
                "counsellor",
                self.counsellor,
            ),
            "endings": ("counsellor", self.counsellor),
            "accompanied": ("from", self.start, "to", self.end, self.network),
            "fse": ("operation", self.operation, "from", self.start, "to", self.end),
            "timesheet": ("month", self.month),
            "orientations": ("from", self.start, "to", self.end, self.network),
        }.get(key, ())
        wanted = {id(self.labels[x]) if isinstance(x, str) else id(x) for x in shown}
        for w in self.param_widgets:
            w.setVisible(id(w) in wanted)
        self.labels["week"].setText(tr("Jour") if key == "imilo" else tr("Semaine du"))
        exportable = key in FILE_STEMS
        for b in (self.xlsx_button, self.csv_button):
            b.setVisible(exportable)
        self.refresh_button.setVisible(bool(key) and key != "scale")
        page = {"imilo": self.imilo, "endings": self.endings, "scale": self.scale_area}.get(key, self.tabs)
        self.body.setCurrentWidget(page if key else self.denied)
        self.refresh()

    # --- computing -------------------------------------------------------------------------------------
    def _period(self) -> Period:
        return Period(pydate(self.start.date()), pydate(self.end.date()))

    def _week(self) -> Period:
        monday = week_start(pydate(self.week.date()))
        return Period(monday, monday + timedelta(days=6))

    def _request(self) -> tuple[str, Callable[[], Report]] | None:
        """What to compute for the report chosen, as a service call to run off the GUI thread."""
        key, actor, reports = self.kind_code(), self.actor(), self.services.reports
        who = self.counsellor.currentData()
        if key == "cej":
            week = self._week()
            self.week_label.setText(tr("semaine {code}").format(code=week_code(week.start)))
            return key, lambda: reports.cej.week(actor=actor, period=week, counsellor=who)
        if key == "imilo":
            day = pydate(self.week.date())
            period = self._week() if self.day_or_week.currentData() == "week" else Period(day, day)
            self.week_label.setText("")
            return key, lambda: reports.imilo.lines(actor=actor, period=period, counsellor=who)
        if key == "accompanied":
            period, net = self._period(), self.network.isChecked()
            return key, lambda: reports.activity.accompanied(actor=actor, period=period, network=net)
        if key == "fse":
            period, name = self._period(), self.operation.currentText()
            return key, lambda: reports.fse.participants(actor=actor, operation=name, period=period)
        if key == "timesheet":
            month = parse_month(f"{self.month.date().year()}-{self.month.date().month()}")
            return key, lambda: reports.activity.timesheet(actor=actor, period=month)
        if key == "orientations":
            period, net = self._period(), self.network.isChecked()
            return key, lambda: reports.activity.orientations(actor=actor, period=period, network=net)
        return None

    def refresh(self) -> None:
        if not self.isVisible() and self.report is not None:
            self._stale = True  # computed when the page shows again
            return
        self._stale = False
        self.message.clear()
        key = self.kind_code()
        if key == "endings":
            self.endings.refresh(self.counsellor.currentData())
            self.summary.setText(self.endings.summary())
            return
        if key == "scale":
            self.scale.refresh()
            self.summary.setText(tr("Le barème et les opérations s'appliquent à tous les rapports."))
            return
        try:
            request = self._request()
        except DomainError as exc:
            self._error(exc)
            return
        if request is None:
            self.summary.clear()
            return
        token = object()
        self._pending = token
        self.summary.setText(tr("Calcul en cours…"))
        for b in (self.xlsx_button, self.csv_button):
            b.setEnabled(False)
        _key, call = request
        self.window_.ops.background(
            lambda _progress: call(),
            label=tr("Calcul du rapport"),
            on_done=lambda result: self._show(token, result),
            on_error=lambda exc: self._error(exc) if token is self._pending else None,
            parent=self,
        )

    def _error(self, exc: DomainError) -> None:
        self.report = None
        self.summary.clear()
        self.message.setStyleSheet(f"color: {ERROR};")
        self.message.setText(refusal_text(exc))
        self._show_tables(None)

    def _show(self, token: object, report: Any) -> None:
        if token is not self._pending:
            return  # a newer request is on its way
        self.report = report
        for b in (self.xlsx_button, self.csv_button):
            b.setEnabled(True)
        self.summary.setText(self.describe(report))
        if isinstance(report, ImiloReport):
            self.imilo.show_report(report)
        else:
            self._show_tables(report)

    def _show_tables(self, report: Report | None) -> None:
        tables = report_tables(report) if report is not None else []
        current = self.tabs.currentIndex()
        while self.tabs.count() > len(tables):
            self.tabs.removeTab(self.tabs.count() - 1)
            self.models.pop()
        for i, table in enumerate(tables):
            if i >= self.tabs.count():
                model = ReportTableModel()
                view = report_view(table.sheet)
                cast(QSortFilterProxyModel, view.model()).setSourceModel(model)
                self.models.append(model)
                self.tabs.addTab(view, "")
            self.models[i].set_table(table)
            self.tabs.setTabText(i, tr(table.sheet) if table.sheet else str(i + 1))
            cast(QTableView, self.tabs.widget(i)).resizeColumnsToContents()
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def describe(self, report: Report) -> str:
        """One line on top of the tables, in the UI language."""
        if isinstance(report, CejWeekReport):
            under = sum(len(c.under_commitment) for c in report.counsellors)
            zero = sum(len(c.at_zero) for c in report.counsellors)
            return tr(
                "{n} jeune(s) en CEJ, {under} sous {h} h (dont {zero} à 0 h). Alerte sous {h} h, "
                "avertissement sous {w} h, sur les heures déclarées."
            ).format(n=len(report.lines), under=under, zero=zero, h=COMMITMENT_HOURS, w=WARNING_HOURS)
        if isinstance(report, ImiloReport):
            return tr("{n} ligne(s), {left} restant à saisir dans i-milo.").format(
                n=len(report.lines), left=report.left_to_key
            )
        if isinstance(report, FseReport):
            if report.incomplete_share is None:
                return tr("Aucun participant sur la période.")
            return tr(
                "{n} participant(s), {bad} incomplet(s) : {share} % (seuil : {limit} %){verdict}"
            ).format(
                n=len(report.participants),
                bad=report.incomplete,
                share=f"{report.incomplete_share * 100:.1f}".replace(".", ","),
                limit=round(report.threshold * 100),
                verdict=tr(" — au-dessus du seuil !") if report.over_threshold else "",
            )
        if isinstance(report, AccompaniedReport):
            total = report.rows[-1] if report.rows else None
            return tr("{n} jeune(s) accompagné(s), dont {new} nouveau(x).").format(
                n=total.accompanied if total else 0, new=total.new if total else 0
            )
        if isinstance(report, TimesheetReport):
            hours = sum(ln.minutes for ln in report.lines) / 60
            return tr("{month} : {n} ligne(s), {h} h de séances financées.").format(
                month=month_label(report.period.start),
                n=len(report.lines),
                h=f"{hours:.1f}".replace(".", ","),
            )
        if isinstance(report, OrientationReport):
            return tr("{n} orientation(s) de {y} jeune(s).").format(
                n=len(report.rows), y=len({r.youth_id for r in report.rows})
            )
        return ""

    # --- exporting -------------------------------------------------------------------------------------
    def suggested_path(self, suffix: str) -> Path:
        key = self.kind_code()
        report = self.report
        when = ""
        if report is not None:
            p = report.period
            when = f"_{p.start:%Y-%m-%d}" + (f"_{p.end:%Y-%m-%d}" if p.end != p.start else "")
        return self.folder / f"{FILE_STEMS.get(key, key)}{when}{suffix}"

    def export(self, suffix: str) -> bool:
        report = self.report
        if report is None:
            return False
        chosen = self.choosers.save_file(
            self, tr("Exporter le rapport"), self.suggested_path(suffix), SPREADSHEET_FILTER
        )
        if chosen is None:
            return False
        if chosen.suffix.lower() not in (".xlsx", ".csv"):
            chosen = chosen.with_name(chosen.name + suffix)
        if chosen.exists() and not self.window_.prompt.confirm(
            self, tr("Le fichier « {name} » existe déjà. Le remplacer ?").format(name=chosen.name)
        ):
            return False
        self.folder = chosen.parent
        outcome = self.window_.ops.run(
            lambda: self.services.reports.files.write(
                actor=self.actor(), kind=self.kind_code(), tables=report_tables(report), out=chosen
            ),
            on_error=self._export_error,
        )
        if not outcome:
            return False
        result: ExportResult = outcome.value  # type: ignore[assignment]
        self.message.setStyleSheet(f"color: {OK};")
        self.message.setText(
            tr("{n} ligne(s) écrite(s) dans « {path} ».").format(n=result.rows, path=result.path)
        )
        self.window_.ops.message.emit(tr("Export écrit : {file}").format(file=result.path.name), 8000)
        return True

    def _export_error(self, exc: DomainError) -> None:
        self.message.setStyleSheet(f"color: {ERROR};")
        self.message.setText(refusal_text(exc))

    # --- following changes -----------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if concerns(changes, "config"):
            self._fill_operations()
        if concerns(changes, "appointments", "workshops", "youths", "imilo", "config", "staff"):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self.report is None:
            self.refresh()
