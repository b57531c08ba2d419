"""The audit log page for site leads: who did what and when, filtered by person, youth and dates.

`AuditTableModel` holds frozen `AuditRow`s and pages through the trail lazily (`canFetchMore` /
`fetchMore`), like Anki's browser table: a year of entries never loads at once, the view asks for the
next page as the user scrolls. The service checks `VIEW_AUDIT`; the page shows a note instead of the
table to anyone else and follows re-logins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.models import Changes
from mlplanner.services.audit_log import AuditPage, AuditRow, Person
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.administration.widgets import YouthChooser
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.widgets.rows_model import compact_rows

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class AuditFilter:
    person: Person | None = None
    youth_id: str = ""
    start: date | None = None
    end: date | None = None
    action: str = ""


def _person_key(p: Person) -> str:
    return p.id or f"nom:{p.name}"  # CLI and system actors have no staff id: their name tells them apart


def _detail(r: AuditRow) -> str:
    return " ; ".join(t for t in (r.reason, r.summary) if t)


def _object(r: AuditRow) -> str:
    return r.entity_label


COLUMNS: tuple[tuple[str, Callable[[AuditRow], str]], ...] = (  # titles translated when shown
    (tr_noop("Date"), lambda r: f"{r.at:%d/%m/%Y %H:%M}"),
    (tr_noop("Par"), lambda r: r.actor_name),
    (tr_noop("Action"), lambda r: r.action_label),
    (tr_noop("Objet"), _object),
    (tr_noop("Jeune"), lambda r: r.youth_name or (tr("(effacé ou anonymisé)") if r.youth_id else "")),
    (tr_noop("Détail"), _detail),
)


class AuditTableModel(QAbstractTableModel):
    """Rows of the trail for one filter, fetched page by page from `fetch(offset, limit)`."""

    def __init__(self, fetch: Callable[[int, int], AuditPage], parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[AuditRow] = []
        self.total = 0

    def reload(self, fetch: Callable[[int, int], AuditPage] | None = None) -> None:
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        page = self._fetch(0, PAGE)
        self._rows, self.total = list(page.rows), page.total
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self.total = [], 0
        self.endResetModel()

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    # --- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        page = self._fetch(len(self._rows), PAGE)
        fresh = list(page.rows)
        if not fresh:
            self.total = len(self._rows)  # entries vanished meanwhile: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return tr(COLUMNS[section][0])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(COLUMNS) - 1:
            return _detail(row) or None
        if role == ROW_ROLE:
            return row
        return None


class AuditViewerPage(QWidget):
    """Filters on top, the trail below; refreshes when shown and when something changed."""

    def __init__(
        self, services: Services, bus: ChangeBus, actor: Callable[[], Actor], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._actor = actor
        self.filter = AuditFilter()
        self._people: dict[str, Person] = {}
        self.setObjectName("auditViewer")

        self.person = QComboBox()
        self.person.setAccessibleName(tr("Personne"))
        self.person.setMinimumWidth(180)
        self.youth = YouthChooser(services)
        self.start = self._date_edit(tr("Du"))
        self.end = self._date_edit(tr("Au"))
        self.action = QComboBox()
        self.action.setAccessibleName(tr("Action"))
        self.action.setMinimumWidth(200)
        reset = QPushButton(tr("Tout afficher"))
        reset.clicked.connect(self.reset_filters)

        labels = {}
        for key, text, widget in (
            ("person", tr("Par"), self.person),
            ("youth", tr("Jeune"), self.youth.edit),
            ("start", tr("Du"), self.start),
            ("end", tr("au"), self.end),
            ("action", tr("Action"), self.action),
        ):
            labels[key] = QLabel(text)
            labels[key].setBuddy(widget)
        # the dates and actions go to a second row when the page is narrow (150 % scaling)
        filters = WrapBar(
            [labels["person"], self.person, labels["youth"]],
            self.youth,
            [labels["start"], self.start, labels["end"], self.end, labels["action"], self.action, reset],
        )

        self.model = AuditTableModel(self._fetch, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Journal d'audit"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((120, 160, 230, 130, 190)):
            header.resizeSection(col, width)
        compact_rows(self.table)
        self.count = QLabel()
        self.count.setObjectName("auditCount")

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)
        self.denied = QLabel(tr("Le journal d'audit est réservé aux responsables de site."))
        self.denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(body)
        self.stack.addWidget(self.denied)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self.stack)

        self.person.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.action.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.start.dateChanged.connect(lambda _d: self._filters_changed())
        self.end.dateChanged.connect(lambda _d: self._filters_changed())
        self.youth.youthChanged.connect(lambda _y: self._filters_changed())
        bus.changed.connect(self._on_changes)
        self._loading = False
        self.apply_permissions()

    # --- filters ---------------------------------------------------------------------------------
    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText("—")  # the minimum date means "no limit"
        edit.setDate(edit.minimumDate())
        edit.setAccessibleName(name)
        return edit

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        if edit.date() == edit.minimumDate():
            return None
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def _filters_changed(self) -> None:
        if self._loading:
            return
        self.filter = AuditFilter(
            person=self._people.get(self.person.currentData() or ""),
            youth_id=self.youth.youth_id,
            start=self._day(self.start),
            end=self._day(self.end),
            action=self.action.currentData() or "",
        )
        self.refresh()

    def set_filter(self, f: AuditFilter) -> None:
        """Set every filter at once (tests, and "see this youth's history" from elsewhere)."""
        self._loading = True
        try:
            index = self.person.findData(_person_key(f.person)) if f.person is not None else 0
            self.person.setCurrentIndex(max(0, index))
            self.action.setCurrentIndex(max(0, self.action.findData(f.action)) if f.action else 0)
            for edit, value in ((self.start, f.start), (self.end, f.end)):
                edit.setDate(QDate(value.year, value.month, value.day) if value else edit.minimumDate())
            if f.youth_id:
                self.youth.set_youth(f.youth_id, self.youth.edit.text() or f.youth_id)
            else:
                self.youth.clear()
        finally:
            self._loading = False
        self.filter = f
        self.refresh()

    def reset_filters(self) -> None:
        self.set_filter(AuditFilter())

    def _fill_choices(self) -> None:
        self._loading = True
        try:
            actor = self._actor()
            current_person, current_action = self.person.currentData(), self.action.currentData()
            self.person.clear()
            self.person.addItem(tr("Tout le monde"), "")
            self._people = {_person_key(p): p for p in self.services.audit_log.people(actor=actor)}
            for key, p in self._people.items():
                self.person.addItem(p.name or tr("(système)"), key)
            self.person.setCurrentIndex(max(0, self.person.findData(current_person)) if current_person else 0)
            self.action.clear()
            self.action.addItem(tr("Toutes les actions"), "")
            for code, label in self.services.audit_log.actions(actor=actor):
                self.action.addItem(label, code)
            self.action.setCurrentIndex(max(0, self.action.findData(current_action)) if current_action else 0)
        finally:
            self._loading = False

    # --- loading ---------------------------------------------------------------------------------
    def _fetch(self, offset: int, limit: int) -> AuditPage:
        f = self.filter
        return self.services.audit_log.entries(
            actor=self._actor(),
            person=f.person,
            youth_id=f.youth_id or None,
            start=f.start,
            end=f.end,
            action=f.action or None,
            limit=limit,
            offset=offset,
        )

    def refresh(self) -> None:
        if not allowed(self._actor(), Perm.VIEW_AUDIT):
            self.model.clear()
            return
        self.model.reload()
        shown = self.model.rowCount()
        more = tr(", {shown} chargées (la suite en faisant défiler)").format(shown=shown)
        self.count.setText(
            tr("{total} entrée(s)").format(total=self.model.total)
            + (more if shown < self.model.total else "")
        )

    def apply_permissions(self) -> None:
        ok = allowed(self._actor(), Perm.VIEW_AUDIT)
        self.stack.setCurrentIndex(0 if ok else 1)
        if ok:
            self._fill_choices()
            if self.isVisible():
                self.refresh()
        else:
            self.model.clear()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if allowed(self._actor(), Perm.VIEW_AUDIT):
            self._fill_choices()
            self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if self.isVisible() and allowed(self._actor(), Perm.VIEW_AUDIT):
            self.refresh()
