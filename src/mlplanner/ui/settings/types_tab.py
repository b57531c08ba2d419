"""Appointment types: code, label, duration and buffer, colour in the diary, mode, room needed."""

from __future__ import annotations

import string
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from mlplanner.domain.enums import Mode
from mlplanner.domain.labels import MODE_FR
from mlplanner.domain.models import AppointmentTypeView
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.edits import check_colour
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.settings.common import EditorTab
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.rows_model import Column


class TypesTab(EditorTab[AppointmentTypeView]):
    noun_new = tr_noop("Nouveau type")

    def __init__(
        self, services: Services, actor: Callable[[], Actor], ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            services,
            actor,
            ops,
            [
                Column(tr("Code"), lambda t: t.code, background=lambda t: t.colour),
                Column(tr("Libellé"), lambda t: t.label),
                Column(
                    tr("Durée"),
                    lambda t: f"{t.duration_min} min",
                    sort_key=lambda t: t.duration_min,
                    align_right=True,
                ),
                Column(
                    tr("Battement"), lambda t: f"{t.buffer_min} min" if t.buffer_min else "", align_right=True
                ),
                Column(tr("Mode"), lambda t: tr(MODE_FR[t.mode])),
                Column(tr("Salle"), lambda t: tr("oui") if t.needs_room else tr("non")),
                Column(tr("Confidentiel"), lambda t: tr("oui") if t.confidential else tr("non")),
                Column(
                    tr("Actif"),
                    lambda t: tr("oui") if t.active else tr("non"),
                    foreground=lambda t: None if t.active else "#888",
                ),
            ],
            key=lambda t: t.id,
            table_name=tr("Types de rendez-vous"),
            parent=parent,
        )
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.code.setPlaceholderText(tr("SUIVI, ACC…"))
        self.label = QLineEdit()
        self.duration = QSpinBox()
        self.duration.setRange(5, 480)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(tr(" min"))
        self.buffer = QSpinBox()
        self.buffer.setRange(0, 120)
        self.buffer.setSingleStep(5)
        self.buffer.setSuffix(tr(" min"))
        self.buffer.setToolTip(tr("Temps réservé après le rendez-vous (notes, rangement du bureau)"))
        self.colour = QLineEdit()
        self.colour.setPlaceholderText(tr("#4A90D9"))
        self.colour.setMaxLength(7)
        self.swatch = QLabel()
        self.swatch.setFixedSize(28, 20)
        self.colour.textChanged.connect(self._show_swatch)
        colour_row = QWidget()
        crow = QHBoxLayout(colour_row)
        crow.setContentsMargins(0, 0, 0, 0)
        crow.addWidget(self.colour, 1)
        crow.addWidget(self.swatch)
        self.mode = QComboBox()
        for mode in Mode:
            self.mode.addItem(tr(MODE_FR[mode]), mode.value)
        self.needs_room = QCheckBox(tr("Demande un bureau"))
        self.active = QCheckBox(tr("Proposé à la prise de rendez-vous"))
        self.confidential = QCheckBox(tr("Confidentiel (santé, violences, urgence logement…)"))
        self.confidential.setToolTip(
            tr(
                "L'accueil, les listes d'arrivée et les plannings imprimés affichent « Rendez-vous "
                "confidentiel » et le conseiller, sans le type ni les notes."
            )
        )
        for label, w in (
            (tr("Code"), self.code),
            (tr("Libellé"), self.label),
            (tr("Durée"), self.duration),
            (tr("Battement"), self.buffer),
            (tr("Couleur"), colour_row),
            (tr("Mode"), self.mode),
            ("", self.needs_room),
            ("", self.active),
            ("", self.confidential),
        ):
            w.setAccessibleName(label or getattr(w, "text", lambda: "")())
            self.form.addRow(label, w)
        self.colour.setAccessibleName(tr("Couleur"))

    def _show_swatch(self, text: str) -> None:
        ok = len(text) == 7 and text.startswith("#") and all(c in string.hexdigits for c in text[1:])
        self.swatch.setStyleSheet(
            f"background:{text}; border:1px solid #888;" if ok else "border:1px dashed #888;"
        )

    def load(self) -> list[AppointmentTypeView]:
        return self.services.directory.types()

    def title_for(self, item: AppointmentTypeView | None) -> str:
        return tr("Type « {name} »").format(name=item.label) if item else tr("Nouveau type de rendez-vous")

    def fill(self, item: AppointmentTypeView | None) -> None:
        self.code.setText(item.code if item else "")
        self.code.setReadOnly(item is not None)  # the code is the key other sites and exports use
        self.label.setText(item.label if item else "")
        self.duration.setValue(item.duration_min if item else 30)
        self.buffer.setValue(item.buffer_min if item else 0)
        self.colour.setText(item.colour if item else "#4A90D9")
        self.mode.setCurrentIndex(self.mode.findData((item.mode if item else Mode.ON_SITE).value))
        self.needs_room.setChecked(item.needs_room if item else True)
        self.active.setChecked(item.active if item else True)
        self.confidential.setChecked(item.confidential if item else False)
        self.active.setEnabled(item is not None and self.save_button.isEnabled())

    def submit(self, item: AppointmentTypeView | None) -> object:
        common = dict(
            label=self.label.text(),
            duration_min=self.duration.value(),
            buffer_min=self.buffer.value(),
            needs_room=self.needs_room.isChecked(),
            mode=Mode(self.mode.currentData()),
            confidential=self.confidential.isChecked(),
        )
        if item is None:
            colour = self.colour.text().strip() or "#4A90D9"
            return self.services.directory.add_type(
                actor=self.actor(), code=self.code.text(), colour=check_colour(colour), **common
            )
        return self.services.directory.update_type(
            actor=self.actor(),
            type_id=item.id,
            colour=self.colour.text().strip(),
            active=self.active.isChecked(),
            **common,
        )
