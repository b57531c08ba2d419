"""The editable part of the youth file: identity, contact, consent, referent and programme.

It knows whether the user has typed something (`dirty`), so a refresh caused elsewhere does not wipe
what is being typed, and turns its fields into a `YouthDraft` (dates in dd/mm/yyyy; a French
`InputError` for an unreadable one).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from mlplanner.domain.enums import Programme, Role
from mlplanner.domain.labels import PROGRAMME_FR
from mlplanner.domain.models import StaffView, YouthView
from mlplanner.domain.wallclock import format_date_fr, parse_date
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.i18n import LAST_NAME, tr

TEXT_FIELDS = ("first_name", "last_name", "phone", "email", "external_id")
DATE_FIELDS = ("birth_date", "programme_start", "programme_end")


class YouthForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self._filling = False
        self.f: dict[str, QLineEdit] = {}

        identity = QGroupBox(tr("Identité et contact"))
        form = QFormLayout(identity)
        for key, label, hint in (
            ("first_name", tr("Prénom"), ""),
            ("last_name", tr("Nom", LAST_NAME), ""),
            ("birth_date", tr("Date de naissance"), tr("jj/mm/aaaa")),
            ("phone", tr("Téléphone"), "06 12 34 56 78"),
            ("email", tr("E-mail"), ""),
            ("external_id", tr("Identifiant externe"), tr("n° i-milo")),
        ):
            self.f[key] = self._line(form, label, hint)
        self.sms = QCheckBox(tr("Accepte les rappels par SMS"))
        self.email_consent = QCheckBox(tr("Accepte les rappels par e-mail"))
        self.accessible = QCheckBox(tr("A besoin d'un bureau accessible"))
        for box in (self.sms, self.email_consent, self.accessible):
            box.toggled.connect(self._touched)
            form.addRow("", box)

        programme = QGroupBox(tr("Accompagnement"))
        pform = QFormLayout(programme)
        self.referent = QComboBox()
        self.referent.setAccessibleName(tr("Référent"))
        self.referent.currentIndexChanged.connect(self._touched)
        pform.addRow(tr("Référent"), self.referent)
        self.programme = QComboBox()
        self.programme.setAccessibleName(tr("Programme"))
        for p in Programme:
            self.programme.addItem(tr(PROGRAMME_FR[p]), p.value)
        self.programme.currentIndexChanged.connect(self._touched)
        pform.addRow(tr("Programme"), self.programme)
        self.f["programme_start"] = self._line(pform, tr("Début"), tr("jj/mm/aaaa"))
        self.f["programme_end"] = self._line(pform, tr("Fin"), tr("jj/mm/aaaa"))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(identity)
        lay.addWidget(programme)

    def _line(self, form: QFormLayout, label: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        edit.setAccessibleName(label)
        edit.textEdited.connect(self._touched)
        form.addRow(label, edit)
        return edit

    def _touched(self, *_args: object) -> None:
        if not self._filling:
            self.dirty = True

    def set_editable(self, editable: bool) -> None:
        for edit in self.f.values():
            edit.setReadOnly(not editable)
        for w in (self.sms, self.email_consent, self.accessible, self.referent, self.programme):
            w.setEnabled(editable)

    def fill(self, y: YouthView, counsellors: list[StaffView]) -> None:
        """Show a stored record (inactive counsellors are offered only if they are the referent)."""
        self._filling = True
        try:
            for key in TEXT_FIELDS:
                self.f[key].setText(getattr(y, key))
            for key in DATE_FIELDS:
                value = getattr(y, key)
                self.f[key].setText(format_date_fr(value) if value else "")
            self.sms.setChecked(y.sms_consent)
            self.email_consent.setChecked(y.email_consent)
            self.accessible.setChecked(y.needs_accessible_room)
            self.referent.clear()
            self.referent.addItem(tr("(aucun)"), None)
            for s in counsellors:
                if s.role is Role.COUNSELLOR and (s.active or s.id == y.referent_id):
                    self.referent.addItem(s.display_name, s.id)
            self.referent.setCurrentIndex(max(0, self.referent.findData(y.referent_id)))
            self.programme.setCurrentIndex(self.programme.findData(y.programme.value))
        finally:
            self._filling = False
        self.dirty = False

    def _date(self, key: str) -> date | None:
        text = self.f[key].text().strip()
        return parse_date(text) if text else None

    def draft(self) -> YouthDraft:
        """The fields as a draft (raises a French `InputError` for an unreadable date)."""
        return YouthDraft(
            first_name=self.f["first_name"].text(),
            last_name=self.f["last_name"].text(),
            birth_date=self._date("birth_date"),
            phone=self.f["phone"].text(),
            email=self.f["email"].text(),
            external_id=self.f["external_id"].text(),
            referent=self.referent.currentData(),
            programme=Programme(self.programme.currentData()),
            programme_start=self._date("programme_start"),
            programme_end=self._date("programme_end"),
            sms_consent=self.sms.isChecked(),
            email_consent=self.email_consent.isChecked(),
            needs_accessible_room=self.accessible.isChecked(),
        )
