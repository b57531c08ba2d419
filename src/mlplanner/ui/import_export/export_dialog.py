"""« Exporter pour Excel… »: what (appointments, attendance, workshop registrations, monthly statistics),
from which day to which day, into which file. A workbook (.xlsx, the default) is what a person opens in
a spreadsheet: dates, numbers and file numbers with their zeros as they should be; a CSV (`;`, UTF-8 with
BOM, dd/mm/yyyy) is for another program.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from mlplanner.domain.errors import DomainError
from mlplanner.services.reports.exports import ExportResult
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import SPREADSHEET_FILTER, Choosers

KINDS: tuple[tuple[str, str, str], ...] = (  # service kind, label (translated when shown), file name stem
    ("appointments", tr_noop("Rendez-vous"), "rendez-vous"),
    ("attendance", tr_noop("Présences (rendez-vous et ateliers)"), "presences"),
    ("registrations", tr_noop("Inscriptions aux ateliers"), "inscriptions"),
    ("stats", tr_noop("Statistiques mensuelles"), "statistiques"),
)
FORMATS: tuple[tuple[str, str], ...] = (  # suffix, label (translated when shown)
    (".xlsx", tr_noop("Classeur .xlsx, pour un tableur (Excel, LibreOffice)")),
    (".csv", tr_noop("CSV, pour un autre logiciel")),
)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def default_folder() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow, choosers: Choosers) -> None:
        super().__init__(window)
        self.window_ = window
        self.services = window.services
        self.choosers = choosers
        self.folder = default_folder()
        self._auto_name = True
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Exporter pour Excel"))
        self.setMinimumWidth(560)

        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        self.kind.setAccessibleName(tr("Données à exporter"))
        for code, label, _stem in KINDS:
            self.kind.addItem(tr(label), code)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName(tr("Format du fichier"))
        for suffix, label in FORMATS:
            self.format.addItem(tr(label), suffix)
        self.start = self._date_edit(tr("Du"))
        self.end = self._date_edit(tr("Au"))
        dates = QHBoxLayout()
        dates.addWidget(QLabel(tr("du")))
        dates.addWidget(self.start)
        dates.addWidget(QLabel(tr("au")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName(tr("Fichier à écrire"))
        self.path_edit.textEdited.connect(lambda _t: setattr(self, "_auto_name", False))
        choose = QPushButton(tr("Choisir…"))
        choose.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(choose)
        form = QFormLayout()
        form.addRow(tr("Exporter :"), self.kind)
        form.addRow(tr("Période :"), dates)
        form.addRow(tr("Format :"), self.format)
        form.addRow(tr("Fichier :"), where)
        note = QLabel(
            tr(
                "Le classeur .xlsx garde les dates, les nombres et les zéros des n° de dossier ; le CSV "
                "(séparateur « ; », dates jj/mm/aaaa) est pour un autre logiciel. Le fichier contient des "
                "données personnelles : rangez-le dans un dossier protégé et supprimez-le après usage."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670;")
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.export_button = QPushButton(tr("Exporter"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._suggest_name())
        self.format.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.start.dateChanged.connect(lambda _d: self._suggest_name())
        self.end.dateChanged.connect(lambda _d: self._suggest_name())
        self.reset_dates()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(tr("{name} (date)").format(name=name))
        return edit

    def reset_dates(self) -> None:
        """The current month, to today's month's end (the usual monthly report)."""
        today = self.window_.now().date()
        first = today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        self.start.setDate(_qdate(first))
        self.end.setDate(_qdate(last))
        self._suggest_name()

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def suffix(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        """The name follows the format chosen (a typed name keeps its stem)."""
        text = self.path_edit.text().strip()
        if self._auto_name or not text:
            self._suggest_name()
        else:
            self.path_edit.setText(str(Path(text).with_suffix(self.suffix())))

    def _suggest_name(self) -> None:
        if not self._auto_name:
            return
        stem = next(s for code, _l, s in KINDS if code == self.kind_code())
        a, b = _pydate(self.start.date()), _pydate(self.end.date())
        self.path_edit.setText(str(self.folder / f"{stem}_{a:%Y-%m-%d}_{b:%Y-%m-%d}{self.suffix()}"))

    def choose_file(self) -> None:
        chosen = self.choosers.save_file(
            self, tr("Exporter vers le fichier"), Path(self.path_edit.text()), SPREADSHEET_FILTER
        )
        if chosen is not None:
            if chosen.suffix.lower() in (".xlsx", ".csv"):
                self.format.setCurrentIndex(self.format.findData(chosen.suffix.lower()))
            else:
                chosen = chosen.with_name(chosen.name + self.suffix())
            self.folder = chosen.parent
            self._auto_name = False
            self.path_edit.setText(str(chosen))

    def export(self) -> bool:
        text = self.path_edit.text().strip()
        self.message.setStyleSheet("color: #b00020;")
        if not text:
            self.message.setText(tr("Indiquez le fichier à écrire."))
            return False
        out = Path(text)
        if out.exists() and not self.window_.prompt.confirm(
            self,
            tr("Le fichier « {name} » existe déjà. Le remplacer ?").format(name=out.name),
            title=tr("Exporter pour Excel"),
        ):
            return False
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        outcome = self.window_.ops.run(
            lambda: self.services.reports.exports.export(
                actor=self.window_.actor, kind=self.kind_code(), start=start, end=end, out=out
            ),
            on_error=self._error,
        )
        if not outcome:
            return False
        result: ExportResult = outcome.value  # type: ignore[assignment]
        self.message.setStyleSheet("color: #1d6b2c;")
        self.message.setText(
            tr("{n} ligne(s) écrite(s) dans « {path} ».").format(n=result.rows, path=result.path)
        )
        self.window_.ops.message.emit(tr("Export écrit : {file}").format(file=result.path.name), 8000)
        return True

    def _error(self, exc: DomainError) -> None:
        self.message.setText(refusal_text(exc))
