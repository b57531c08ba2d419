"""Rooms: offices and workshop rooms, their capacity, wheelchair access, and whether they are in use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from mlplanner.domain.enums import RoomKind
from mlplanner.domain.labels import ROOM_KIND_FR
from mlplanner.domain.models import RoomView
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.settings.common import EditorTab
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.rows_model import Column


def _yes(flag: bool) -> str:
    return tr("oui") if flag else tr("non")


class RoomsTab(EditorTab[RoomView]):
    noun_new = tr_noop("Nouvelle salle")

    def __init__(
        self, services: Services, actor: Callable[[], Actor], ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            services,
            actor,
            ops,
            [
                Column(tr("Salle"), lambda r: r.name),
                Column(tr("Type"), lambda r: tr(ROOM_KIND_FR[r.kind])),
                Column(
                    tr("Places"), lambda r: str(r.capacity), sort_key=lambda r: r.capacity, align_right=True
                ),
                Column(tr("Accessible"), lambda r: _yes(r.accessible)),
                Column(
                    tr("En service"),
                    lambda r: _yes(r.active),
                    foreground=lambda r: None if r.active else "#888",
                ),
            ],
            key=lambda r: r.id,
            table_name=tr("Salles"),
            parent=parent,
        )
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in RoomKind:
            self.kind.addItem(tr(ROOM_KIND_FR[kind]), kind.value)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 200)
        self.capacity.setSuffix(tr(" personne(s)"))
        self.accessible = QCheckBox(tr("Accessible en fauteuil roulant"))
        self.active = QCheckBox(tr("En service"))
        for label, w in (
            (tr("Nom"), self.name),
            (tr("Type"), self.kind),
            (tr("Capacité"), self.capacity),
            ("", self.accessible),
            ("", self.active),
        ):
            w.setAccessibleName(label or w.text())
            self.form.addRow(label, w)

    def load(self) -> list[RoomView]:
        return self.services.directory.rooms(include_inactive=True)

    def title_for(self, item: RoomView | None) -> str:
        return tr("Salle « {name} »").format(name=item.name) if item else tr("Nouvelle salle")

    def fill(self, item: RoomView | None) -> None:
        self.name.setText(item.name if item else "")
        self.kind.setCurrentIndex(self.kind.findData((item.kind if item else RoomKind.OFFICE).value))
        self.capacity.setValue(item.capacity if item else 3)
        self.accessible.setChecked(item.accessible if item else True)
        self.active.setChecked(item.active if item else True)
        self.active.setEnabled(item is not None and self.save_button.isEnabled())

    def submit(self, item: RoomView | None) -> object:
        kind = RoomKind(self.kind.currentData())
        if item is None:
            return self.services.directory.add_room(
                actor=self.actor(),
                name=self.name.text(),
                kind=kind,
                capacity=self.capacity.value(),
                accessible=self.accessible.isChecked(),
            )
        return self.services.directory.update_room(
            actor=self.actor(),
            room_id=item.id,
            name=self.name.text(),
            kind=kind,
            capacity=self.capacity.value(),
            accessible=self.accessible.isChecked(),
            active=self.active.isChecked(),
        )
