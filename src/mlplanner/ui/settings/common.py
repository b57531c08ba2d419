"""What every settings tab shares: a table of items, an edit form beside it, an inline French error,
and controls greyed out when the logged-in role may not change them (the services refuse anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.operations import Operations, changes_of
from mlplanner.ui.widgets.narrow import ColumnScroll
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows

T = TypeVar("T")
ERROR_STYLE = "color:#B02A37;"
DENIED_TIP = tr_noop("Votre rôle ne permet pas de modifier ce réglage.")


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setObjectName("settingsError")

    def show_error(self, exc: DomainError) -> None:
        self.setText(refusal_text(exc))


def make_table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    compact_rows(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def grey(widgets: list[QWidget], enabled: bool, tip: str = DENIED_TIP) -> None:
    for w in widgets:
        w.setEnabled(enabled)
        w.setToolTip("" if enabled else tr(tip))


class EditorTab(QWidget, Generic[T]):
    """A table of items on the left, the selected (or new) item's form on the right."""

    noun_new = tr_noop("Nouvel élément")
    perm = Perm.CONFIGURE_SITE
    kinds: tuple[str, ...] = ("config",)  # what a new item changes, for the views that show it

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor],
        ops: Operations,
        columns: list[Column[T]],
        *,
        key: Callable[[T], Any],
        table_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ops = services, actor, ops
        self.current: T | None = None
        self._filled = False
        self.model: RowsModel[T] = RowsModel(columns, key=key)
        self.table = make_table(self.model, table_name)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.box = QGroupBox()
        self.form = QFormLayout(self.box)
        self.error = ErrorLabel()
        self.new_button = QPushButton(tr(self.noun_new))
        self.save_button = QPushButton(tr("Enregistrer"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.side = QVBoxLayout()
        self.side.addWidget(self.box)
        self.side.addLayout(buttons)
        self.side.addWidget(self.error)
        self.side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.new_button)
        left_buttons.addStretch(1)
        self.left_buttons = left_buttons  # a tab may add its own buttons beside "new"
        left.addLayout(left_buttons)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        lay.addWidget(ColumnScroll(self.side), 2)

    # --- to provide ------------------------------------------------------------------------------
    def load(self) -> list[T]:
        raise NotImplementedError

    def fill(self, item: T | None) -> None:
        raise NotImplementedError

    def submit(self, item: T | None) -> object:
        """The service call for the form: an add when `item` is None, an update otherwise."""
        raise NotImplementedError

    def title_for(self, item: T | None) -> str:
        raise NotImplementedError

    def form_widgets(self) -> list[QWidget]:
        return [
            self.form.itemAt(i).widget() for i in range(self.form.count()) if self.form.itemAt(i).widget()
        ]

    # --- behaviour -------------------------------------------------------------------------------
    def refresh(self, *, force: bool = False) -> None:
        """Reload the list; the form is refilled only if its item changed (typing survives a refresh
        caused by someone else's unrelated change), or when `force`d after one's own save."""
        before = self.current
        self.model.set_rows(self.load())
        if self.current is not None:
            row = self.model.row_of_key(self.model.key_of(self.current))
            self.current = self.model.row_at(row) if row >= 0 else None
        if force or self.current != before or not self._filled:
            self._filled = True
            self.fill(self.current)
            self.box.setTitle(self.title_for(self.current))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.current = None
        self.error.clear()
        self.fill(None)
        self.box.setTitle(self.title_for(None))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            return
        self.current = self.model.row_at(min(rows))
        self.error.clear()
        self.fill(self.current)
        self.box.setTitle(self.title_for(self.current))

    def save(self) -> bool:
        self.error.clear()
        item = self.current
        done = self.ops.run(
            lambda: self.submit(item), on_error=self.error.show_error, success=tr("Réglage enregistré.")
        )
        if done:
            self.refresh(force=True)
        if done and changes_of(done.value) is None:  # add_room / add_type / add_staff return the new view
            self.ops.bus.publish(Changes.of(*self.kinds, ids=(getattr(done.value, "id", ""),)))
        new_id = getattr(done.value, "id", None) if done else None
        if new_id is not None:
            row = next((i for i, r in enumerate(self.model.rows()) if getattr(r, "id", None) == new_id), -1)
            if row >= 0:
                self.select_row(row)
        return bool(done)

    def apply_permissions(self) -> None:
        ok = allowed(self.actor(), self.perm)
        grey([*self.form_widgets(), self.save_button, self.new_button], ok)
