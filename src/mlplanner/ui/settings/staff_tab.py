"""Staff: working patterns and default office (site lead), absences (site lead, or oneself), and the
accounts themselves — names, roles, active, PIN — which only an administrator manages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.labels import ROLE_FR
from mlplanner.domain.models import Change, Changes, StaffView
from mlplanner.domain.text import clean_name
from mlplanner.domain.wallclock import parse_date, parse_datetime
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.service import check_secret
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import LAST_NAME, tr, tr_noop, weekday_abbr, weekly_hours_text
from mlplanner.ui.settings.common import EditorTab, ErrorLabel, grey
from mlplanner.ui.settings.hours_editor import HoursEditor
from mlplanner.ui.settings.staff_import_dialog import StaffImportDialog
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.rows_model import Column

ABSENCE_ROLE = Qt.ItemDataRole.UserRole + 20


def parse_when(text: str, *, end: bool) -> datetime:
    """ "dd/mm/yyyy hh:mm", or a bare date: the start of that day (or, for an end, the end of it)."""
    text = (text or "").strip()
    if not text:
        raise InputError("empty_date", tr("Indiquez le début et la fin de l'absence."))
    if " " in text:
        return parse_datetime(text)
    day = parse_date(text)
    return datetime.combine(day + timedelta(days=1) if end else day, time.min)


def pattern_summary(hours: WeeklyHours) -> str:
    """ "lun. mar. jeu. ven. · 30 h/sem.": which days and how many hours, in a table cell."""
    days = [weekday_abbr(wd) for wd, spans in enumerate(hours.days) if spans]
    minutes = sum(
        (e.hour * 60 + e.minute) - (s.hour * 60 + s.minute) for spans in hours.days for s, e in spans
    )
    if not days:
        return tr("aucun horaire")
    total = f"{minutes // 60} h" + (f" {minutes % 60:02d}" if minutes % 60 else "")
    return tr("{days} · {total}/sem.").format(days=" ".join(days), total=total)


def _when_fr(start: datetime, end: datetime) -> str:
    def one(d: datetime) -> str:
        return f"{weekday_abbr(d.weekday())} {d:%d/%m/%Y %H:%M}"

    return tr("du {start} au {end}").format(start=one(start), end=one(end))


class StaffTab(EditorTab[StaffView]):
    attentionRequested = Signal(dict)  # appointments the new absence leaves in the way
    noun_new = tr_noop("Nouveau membre du personnel")
    kinds = ("staff",)

    def __init__(
        self, services: Services, actor: Callable[[], Actor], ops: Operations, parent: QWidget | None = None
    ) -> None:
        self._rooms: dict[str, str] = {}
        super().__init__(
            services,
            actor,
            ops,
            [
                Column(
                    tr("Nom"), lambda s: s.display_name, foreground=lambda s: None if s.active else "#888"
                ),
                Column(tr("Rôle"), lambda s: tr(ROLE_FR[s.role])),
                Column(tr("Bureau"), lambda s: self._rooms.get(s.default_room_id or "", "")),
                Column(
                    tr("Horaires"),
                    lambda s: pattern_summary(WeeklyHours.from_json(s.working_pattern_json)),
                    tooltip=lambda s: weekly_hours_text(WeeklyHours.from_json(s.working_pattern_json)),
                ),
                Column(tr("Actif"), lambda s: tr("oui") if s.active else tr("non")),
            ],
            key=lambda s: s.id,
            table_name=tr("Personnel"),
            parent=parent,
        )
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(tr(ROLE_FR[role]), role.value)
        self.room = QComboBox()
        self.active = QCheckBox(tr("En activité sur le site"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(tr("laisser vide pour ne pas changer"))
        for label, w in (
            (tr("Prénom"), self.first_name),
            (tr("Nom", LAST_NAME), self.last_name),
            (tr("Rôle"), self.role),
            (tr("Bureau habituel"), self.room),
            ("", self.active),
            (tr("Code de connexion"), self.secret),
        ):
            w.setAccessibleName(label or tr("En activité"))
            self.form.addRow(label, w)
        self.import_button = QPushButton(tr("Importer une liste…"))
        self.import_button.setObjectName("staffImport")
        self.import_button.setToolTip(
            tr("Le personnel d'un tableur (.xlsx ou CSV), avec aperçu et codes provisoires")
        )
        self.import_button.clicked.connect(self.open_import)
        self.left_buttons.insertWidget(1, self.import_button)
        self.reset_pin_button = QPushButton(tr("Donner un code provisoire"))
        self.reset_pin_button.setObjectName("staffResetPin")
        self.reset_pin_button.clicked.connect(lambda: self.reset_pin())
        self.unlock_button = QPushButton(tr("Déverrouiller le compte"))
        self.unlock_button.setObjectName("staffUnlock")
        self.unlock_button.clicked.connect(self.unlock)
        pin_buttons = QHBoxLayout()
        pin_buttons.addWidget(self.reset_pin_button)
        pin_buttons.addWidget(self.unlock_button)
        pin_buttons.addStretch(1)
        self.form.addRow("", pin_buttons)
        self.import_dialog: StaffImportDialog | None = None
        self.pattern = HoursEditor(
            what=tr("Horaires de travail"),
            empty=tr("ne travaille pas"),
            columns=2,
            site_hours=lambda: WeeklyHours.from_json(self.services.directory.site().opening_hours_json),
        )
        pattern_box = QGroupBox(tr("Horaires de travail"))
        QVBoxLayout(pattern_box).addWidget(self.pattern)
        self.side.insertWidget(1, pattern_box)

        absences = QGroupBox(tr("Absences (congés, formation, réunion extérieure…)"))
        self.absences = QListWidget()
        self.absences.setAccessibleName(tr("Absences"))
        self.absences.setMaximumHeight(64)
        self.absences.setWordWrap(True)
        self.absences.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.abs_from, self.abs_to, self.abs_reason = QLineEdit(), QLineEdit(), QLineEdit()
        for edit, name, hint in (
            (self.abs_from, tr("Début de l'absence"), tr("jj/mm/aaaa [hh:mm]")),
            (self.abs_to, tr("Fin de l'absence"), tr("jj/mm/aaaa [hh:mm]")),
            (self.abs_reason, tr("Motif de l'absence"), tr("congé, formation…")),
        ):
            edit.setAccessibleName(name)
            edit.setPlaceholderText(hint)
        self.add_absence_button = QPushButton(tr("Ajouter l'absence"))
        self.remove_absence_button = QPushButton(tr("Supprimer"))
        self.add_absence_button.clicked.connect(self.add_absence)
        self.remove_absence_button.clicked.connect(self.remove_absence)
        self.absence_error = ErrorLabel()
        row = QHBoxLayout()
        for w in (self.abs_from, self.abs_to, self.abs_reason):
            row.addWidget(w)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_absence_button)
        buttons.addWidget(self.remove_absence_button)
        buttons.addStretch(1)
        alay = QVBoxLayout(absences)
        alay.addWidget(self.absences)
        alay.addLayout(row)
        alay.addLayout(buttons)
        alay.addWidget(self.absence_error)
        self.absence_box = absences
        self.side.insertWidget(self.side.count() - 1, absences)

    # --- data ------------------------------------------------------------------------------------
    def load(self) -> list[StaffView]:
        self._rooms = {r.id: r.name for r in self.services.directory.rooms(include_inactive=True)}
        current = self.room.currentData()
        self.room.clear()
        self.room.addItem(tr("(aucun)"), "")
        for room_id, name in self._rooms.items():
            self.room.addItem(name, room_id)
        self.room.setCurrentIndex(max(0, self.room.findData(current)))
        return self.services.directory.staff(include_inactive=True)

    def title_for(self, item: StaffView | None) -> str:
        return item.display_name if item else tr("Nouveau membre du personnel")

    def fill(self, item: StaffView | None) -> None:
        self.first_name.setText(item.first_name if item else "")
        self.last_name.setText(item.last_name if item else "")
        self.role.setCurrentIndex(self.role.findData((item.role if item else Role.COUNSELLOR).value))
        self.room.setCurrentIndex(max(0, self.room.findData(item.default_room_id if item else "")))
        self.active.setChecked(item.active if item else True)
        self.secret.clear()
        self.pattern.set_hours(WeeklyHours.from_json(item.working_pattern_json if item else "{}"))
        self._fill_absences(item)
        self.apply_permissions()

    def _fill_absences(self, item: StaffView | None) -> None:
        self.absences.clear()
        self.absence_error.clear()
        if item is None:
            return
        for absence_id, start, end, reason in self.services.directory.absences(item.id):
            line = QListWidgetItem(_when_fr(start, end) + (f" — {reason}" if reason else ""))
            line.setToolTip(line.text())
            line.setData(ABSENCE_ROLE, absence_id)
            self.absences.addItem(line)

    # --- permissions -----------------------------------------------------------------------------
    def apply_permissions(self) -> None:
        actor = self.actor()
        accounts = allowed(actor, Perm.MANAGE_STAFF)
        config = allowed(actor, Perm.CONFIGURE_SITE)
        is_self = self.current is not None and self.current.id == actor.id
        grey(
            [self.first_name, self.last_name, self.role, self.active, self.new_button],
            accounts,
            tr("Réservé à l'administrateur (comptes du personnel)."),
        )
        grey(
            [self.secret], accounts or is_self, tr("Réservé à l'administrateur, ou à la personne elle-même.")
        )
        grey([self.import_button], accounts, tr("Réservé à l'administrateur (comptes du personnel)."))
        has_account = self.current is not None and self.current.role is not Role.PARTNER
        grey([self.reset_pin_button], accounts and has_account, tr("Réservé à l'administrateur."))
        locked = (
            self.current is not None
            and self.current.can_log_in
            and self.services.directory.lock_state(self.current.id).locked_until is not None
        )
        self.unlock_button.setVisible(bool(locked) and accounts)
        grey([self.room], config)
        self.pattern.set_read_only(not config)
        self.save_button.setEnabled(config or accounts or is_self)
        may_absence = self.current is not None and (config or is_self)
        grey(
            [
                self.abs_from,
                self.abs_to,
                self.abs_reason,
                self.add_absence_button,
                self.remove_absence_button,
            ],
            may_absence,
            tr("Réservé au responsable de site, ou à la personne elle-même."),
        )

    # --- accounts: import, one-time code, unlock -----------------------------------------------------
    def open_import(self) -> StaffImportDialog:
        self.import_dialog = StaffImportDialog(self.services, self.actor(), self.ops, self)
        self.import_dialog.open()
        return self.import_dialog

    def save(self) -> bool:
        """A new account saved without a code gets a one-time code at once, shown to hand over (as an
        import gives one): without a code nobody could log in as that person."""
        new_account = (
            self.current is None and not self.secret.text() and allowed(self.actor(), Perm.MANAGE_STAFF)
        )
        role = Role(self.role.currentData())
        saved = super().save()
        if saved and new_account and role is not Role.PARTNER and self.current is not None:
            self.reset_pin(new=True)
        return saved

    def reset_pin(self, *, new: bool = False) -> str | None:
        item = self.current
        if item is None:
            return None
        outcome = self.ops.run(
            lambda: self.services.directory.reset_pin(actor=self.actor(), staff_id=item.id),
            on_error=self.error.show_error,
        )
        if not outcome or outcome.value is None:
            return None
        if new:
            text = tr(
                "Code provisoire de {name} : {pin}\nRemettez-le en main propre (il ne sera plus affiché) ; "
                "la personne choisira son propre code à sa première connexion."
            )
        else:
            text = tr(
                "Code provisoire de {name} : {pin}\nRemettez-le en main propre ; il sera remplacé par son "
                "propre code à sa prochaine connexion. Le compte est déverrouillé."
            )
        self.ops.prompt.info(
            self, text.format(name=item.display_name, pin=outcome.value), title=tr("Code provisoire")
        )
        self.refresh(force=True)
        return outcome.value

    def unlock(self) -> bool:
        item = self.current
        if item is None:
            return False
        return bool(
            self.ops.run(
                lambda: self.services.directory.unlock(actor=self.actor(), staff_id=item.id),
                on_error=self.error.show_error,
                success=tr("Compte de {name} déverrouillé.").format(name=item.display_name),
            )
        )

    # --- actions ---------------------------------------------------------------------------------
    def submit(self, item: StaffView | None) -> object:
        actor = self.actor()
        role = Role(self.role.currentData())
        secret = self.secret.text()
        if item is None:
            return self.services.directory.add_staff(
                actor=actor,
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
                role=role,
                working_pattern=self.pattern.mapping(),
                default_room_id=self.room.currentData() or None,
                secret=secret or None,
            )
        d = self.services.directory
        kinds: set[Change] = set()
        accounts = allowed(actor, Perm.MANAGE_STAFF)
        # three service calls below: refuse bad input before the first one, so a refusal stores nothing
        if accounts:
            clean_name(self.first_name.text(), "prénom")
            clean_name(self.last_name.text(), "nom")
        if secret:
            check_secret(secret, demo=self.services.directory.site().demo)
        if allowed(actor, Perm.CONFIGURE_SITE) or accounts:
            changes = d.update_staff(
                actor=actor,
                staff_id=item.id,
                working_pattern=self.pattern.mapping(),
                default_room_id=self.room.currentData() or "",
                role=role if accounts and role is not item.role else None,
                active=self.active.isChecked()
                if accounts and self.active.isChecked() != item.active
                else None,
            )
            kinds |= changes.kinds
        if accounts and (self.first_name.text().strip(), self.last_name.text().strip()) != (
            item.first_name,
            item.last_name,
        ):
            kinds |= d.rename_staff(
                actor=actor,
                staff_id=item.id,
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
            ).kinds
        if secret:
            kinds |= d.set_secret(actor=actor, staff_id=item.id, secret=secret).kinds
        return Changes(frozenset(kinds), frozenset({item.id}))

    def add_absence(self) -> bool:
        self.absence_error.clear()
        staff = self.current
        if staff is None:
            return False

        span: list[datetime] = []

        def call() -> Changes:
            start = parse_when(self.abs_from.text(), end=False)
            end = parse_when(self.abs_to.text() or self.abs_from.text(), end=True)
            span[:] = [start, end]
            return self.services.directory.add_absence(
                actor=self.actor(), staff_id=staff.id, start=start, end=end, reason=self.abs_reason.text()
            )

        done = self.ops.run(call, on_error=self.absence_error.show_error)
        if done:
            for edit in (self.abs_from, self.abs_to, self.abs_reason):
                edit.clear()
            self._fill_absences(staff)
            self._announce_impact(staff, *span)
        return bool(done)

    def _announce_impact(self, staff: StaffView, start: datetime, end: datetime) -> None:
        """Saved: say so, and list at once the appointments the absence leaves in the way."""
        hit = [
            x
            for x in self.services.impact.affected(start=start.date(), end=end.date(), counsellor=staff.id)
            if x.appointment.start < end and x.appointment.end > start
        ]
        if not hit:
            self.ops.message.emit(tr("Absence enregistrée : aucun rendez-vous n'est touché."), 6000)
            return
        intro = tr("L'absence de {name} touche {n} rendez-vous déjà pris.").format(
            name=staff.display_name, n=len(hit)
        )
        self.ops.message.emit(
            tr(
                "Absence enregistrée. {n} rendez-vous sont à déplacer, passer au téléphone ou annuler."
            ).format(n=len(hit)),
            10000,
        )
        self.attentionRequested.emit(
            {"start": start.date(), "end": end.date(), "counsellor": staff.id, "intro": intro}
        )

    def remove_absence(self) -> bool:
        self.absence_error.clear()
        item = self.absences.currentItem()
        if item is None:
            self.absence_error.setText(tr("Choisissez d'abord une absence dans la liste."))
            return False
        absence_id = item.data(ABSENCE_ROLE)
        done = self.ops.run(
            lambda: self.services.directory.remove_absence(actor=self.actor(), absence_id=absence_id),
            on_error=self.absence_error.show_error,
            success=tr("Absence supprimée."),
        )
        if done and self.current is not None:
            self._fill_absences(self.current)
        return bool(done)
