"""A counsellor's portfolio: the youths they follow as referent, last and next contact, programme end,
and those without contact for N weeks (a site setting) flagged for follow-up. Also the .ics export of
the counsellor's appointments for their own calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Programme, Role
from mlplanner.domain.labels import PROGRAMME_FR
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.followup.service import Portfolio, PortfolioEntry
from mlplanner.ui.i18n import tr, weekday_abbr
from mlplanner.ui.reports.youth_followup import standing_text
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.keys import with_keys
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.widgets.rows_model import ROW_ROLE, SORT_ROLE, Column, RowsModel, compact_rows

FLAG_BG = "#FCE3CF"
ICS_DAYS_BACK, ICS_DAYS_AHEAD = 7, 90

SaveAs = Callable[[QWidget, str], str | None]


def qt_save_as(parent: QWidget, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, tr("Exporter l'agenda"), suggested, tr("Calendrier iCalendar (*.ics)")
    )
    return path or None


def _follow_up(e: PortfolioEntry) -> str:
    if e.needs_follow_up:
        return tr("À relancer")
    return tr("RDV prévu") if e.stale else ""


def portfolio_columns(standing: Callable[[str], str] | None = None) -> list[Column[PortfolioEntry]]:
    """`standing`: youth id → where their follow-up period stands (the reports area's last column)."""
    columns = [
        Column(tr("Jeune"), lambda e: e.name, sort_key=lambda e: fold(e.name)),
        Column(tr("Téléphone"), lambda e: e.phone),
        Column(
            tr("Programme"),
            lambda e: tr(PROGRAMME_FR[e.programme]) if e.programme is not Programme.NONE else "",
        ),
        Column(
            tr("Fin de programme"),
            lambda e: format_date_fr(e.programme_end) if e.programme_end else "",
            sort_key=lambda e: e.programme_end.isoformat() if e.programme_end else "9999",
            foreground=lambda e: "#B02A37" if e.programme_warning else None,
            tooltip=lambda e: e.programme_warning,
        ),
        Column(
            tr("Dernier contact"),
            lambda e: format_date_fr(e.last_contact) if e.last_contact else tr("jamais"),
            sort_key=lambda e: e.last_contact.isoformat() if e.last_contact else "0000",
        ),
        Column(
            tr("Prochain RDV"),
            lambda e: (
                f"{weekday_abbr(e.next_contact.weekday())} {e.next_contact:%d/%m %H:%M}"
                if e.next_contact
                else ""
            ),
            sort_key=lambda e: e.next_contact.isoformat() if e.next_contact else "9999",
        ),
        Column(
            tr("Suivi"),
            _follow_up,
            sort_key=lambda e: 0 if e.needs_follow_up else 1 if e.stale else 2,
            foreground=lambda e: "#8A3500" if e.needs_follow_up else None,
            background=lambda e: FLAG_BG if e.needs_follow_up else None,
            tooltip=lambda e: (
                tr("Aucun contact depuis le délai choisi et aucun rendez-vous prévu")
                if e.needs_follow_up
                else tr("Pas de contact récent, mais un rendez-vous est prévu")
                if e.stale
                else ""
            ),
        ),
    ]
    if standing is not None:
        columns.append(Column(tr("Accompagnement"), lambda e: standing(e.youth_id)))
    return columns


class PortfolioProxy(QSortFilterProxyModel):
    """Filters by a folded name fragment and, optionally, only the youths to follow up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.only_flagged = False
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, text: str | None = None, only_flagged: bool | None = None) -> None:
        self.beginFilterChange()
        if text is not None:
            self.text = fold(text).strip()
        if only_flagged is not None:
            self.only_flagged = only_flagged
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # type: ignore[no-untyped-def]
        entry: PortfolioEntry = self.sourceModel().index(row, 0, parent).data(ROW_ROLE)
        if entry is None:
            return False
        if self.only_flagged and not entry.needs_follow_up:
            return False
        return not self.text or self.text in fold(entry.name) or self.text in entry.phone.replace(" ", "")


class PortfolioPage(QWidget):
    youthRequested = Signal(str)
    bookingRequested = Signal(dict)  # the booking dialog for the selected young person

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor: Callable[[], Actor],
        *,
        ops: Operations,
        prompt: Prompt,
        save_as: SaveAs = qt_save_as,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ops, self.prompt, self.save_as = services, actor, ops, prompt, save_as
        self.portfolio: Portfolio | None = None
        self.setObjectName("portfolioPage")

        self.counsellor = QComboBox()
        self.counsellor.setAccessibleName(tr("Conseiller"))
        self.counsellor.setMinimumContentsLength(18)
        self.flagged = QCheckBox(tr("Seulement les jeunes à relancer"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filtrer par nom ou téléphone"))
        self.filter.setAccessibleName(tr("Filtrer le portefeuille"))
        self.filter.setClearButtonEnabled(True)
        self.export_button = QPushButton(tr("Exporter l'agenda (.ics)…"))
        self.export_button.setToolTip(
            tr(
                tr(
                    "Les rendez-vous du conseiller, de la semaine passée à dans trois mois, pour son agenda "
                    "personnel (prénom et initiale du jeune seulement)."
                )
            )
        )
        self.book_button = QPushButton(tr("Rendez-&vous pour ce jeune…"))
        self.book_button.setObjectName("bookForYouth")
        self.book_button.setToolTip(
            with_keys(tr("Prendre un rendez-vous pour le jeune sélectionné"), "Ctrl+N")
        )
        self.book_button.clicked.connect(self.book)
        self.summary = QLabel()
        self.summary.setObjectName("portfolioSummary")

        self._standings: dict[str, str] = {}
        self.model: RowsModel[PortfolioEntry] = RowsModel(
            portfolio_columns(lambda youth_id: self._standings.get(youth_id, "")), key=lambda e: e.youth_id
        )
        self.proxy = PortfolioProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Jeunes suivis"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        who = QLabel(tr("Conseiller :"))
        who.setBuddy(self.counsellor)
        # the export button goes to a second row when the page is narrow (150 % scaling)
        top = WrapBar(
            [who, self.counsellor, self.flagged], self.filter, [self.book_button, self.export_button]
        )
        self.summary.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)

        self._fill_counsellors()
        self.counsellor.currentIndexChanged.connect(lambda _i: self.refresh())
        self.flagged.toggled.connect(lambda on: self.proxy.set_filter(only_flagged=on))
        self.filter.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        self.export_button.clicked.connect(self.export_ics)
        bus.changed.connect(self._on_changed)
        self.refresh()

    # --- data ------------------------------------------------------------------------------------
    def _fill_counsellors(self) -> None:
        current = self.counsellor.currentData() or self.actor().id
        self.counsellor.blockSignals(True)
        self.counsellor.clear()
        for s in self.services.directory.staff(role=Role.COUNSELLOR):
            self.counsellor.addItem(s.display_name, s.id)
        self.counsellor.setCurrentIndex(max(0, self.counsellor.findData(current)))
        self.counsellor.blockSignals(False)

    def select_counsellor(self, staff_id: str) -> None:
        self.counsellor.setCurrentIndex(self.counsellor.findData(staff_id))

    def on_actor_changed(self, actor: Actor) -> None:
        """A counsellor who logs in sees their own portfolio first."""
        if actor.role is Role.COUNSELLOR:
            self.select_counsellor(actor.id)

    def refresh(self) -> None:
        staff_id = self.counsellor.currentData()
        if staff_id is None:
            self.model.set_rows([])
            self.summary.setText(tr("Aucun conseiller sur ce site."))
            return
        p = self.services.followup.portfolio(staff_id)
        self.portfolio = p
        periods = self.services.periods.standings([e.youth_id for e in p.entries])
        self._standings = {youth_id: standing_text(v, p.today) for youth_id, v in periods.items()}
        self.model.set_rows(p.entries)
        ending = sum(1 for e in p.entries if e.programme_end and 0 <= (e.programme_end - p.today).days <= 30)
        self.summary.setText(
            tr(
                "<b>{count}</b> jeunes suivis · <b>{flagged}</b> à relancer "
                "(aucun contact depuis {weeks} semaines et aucun rendez-vous prévu) · "
                "<b>{ending}</b> fin(s) de programme dans les 30 jours"
            ).format(count=len(p.entries), flagged=p.to_follow_up, weeks=p.weeks, ending=ending)
        )

    def _on_changed(self, changes: object) -> None:
        if concerns(changes, "staff"):
            self._fill_counsellors()
        if concerns(changes, "appointments", "youths", "workshops", "config", "staff"):
            self.refresh()

    def booking_prefill(self) -> dict:
        """Ctrl+N on this page books for the young person selected."""
        index = self.table.currentIndex()
        entry = index.data(ROW_ROLE) if index.isValid() else None
        return {"youth_id": entry.youth_id} if entry is not None else {}

    def book(self) -> None:
        self.bookingRequested.emit(self.booking_prefill())

    def _open_index(self, index) -> None:  # type: ignore[no-untyped-def]
        entry = index.data(ROW_ROLE)
        if entry is not None:
            self.youthRequested.emit(entry.youth_id)

    # --- export ----------------------------------------------------------------------------------
    def export_ics(self) -> Path | None:
        staff_id = self.counsellor.currentData()
        if staff_id is None:
            return None
        today = self.services.ctx.today()
        name = self.counsellor.currentText()
        suggested = str(Path.home() / f"agenda {name} {today:%Y-%m-%d}.ics")
        target = self.save_as(self, suggested)
        if not target:
            return None
        path = Path(target) if target.lower().endswith(".ics") else Path(target + ".ics")
        outcome = self.ops.run(
            lambda: self.services.followup.export_ics(
                actor=self.actor(),
                counsellor=staff_id,
                start=today - timedelta(days=ICS_DAYS_BACK),
                end=today + timedelta(days=ICS_DAYS_AHEAD),
            ),
            parent=self,
        )
        if not outcome:
            return None
        try:
            path.write_text(outcome.value or "", encoding="utf-8", newline="")
        except OSError as exc:
            self.prompt.error(
                self,
                tr("Impossible d'écrire le fichier « {path} » : {why}.").format(
                    path=path, why=exc.strerror or exc
                ),
            )
            return None
        self.ops.message.emit(tr("Agenda exporté : {path}").format(path=path), 8000)
        return path
