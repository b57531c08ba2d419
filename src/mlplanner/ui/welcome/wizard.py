"""Creating the real site: a wizard a site lead can follow on day one.

Pages: the organisation and the site (names, code, address, phone: they print on every document); time
zone and holiday calendar chosen from lists (every department and overseas territory); opening hours;
rooms; appointment types (defaults, editable); the first administrator and the PIN they choose; a
summary with where the file goes. Each page checks what was typed with the same rules as the service
(`SiteSetupService.check`) before it lets the person go on; nothing is written until the end, and the
creation itself runs in the app's start-up (off the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mlplanner.domain.enums import Mode, RoomKind
from mlplanner.domain.errors import DomainError, InputError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.pins import MAX_DIGITS, MIN_DIGITS, check_pin
from mlplanner.domain.territories import PARIS, TERRITORIES, TIME_ZONES, default_zone, holiday_label
from mlplanner.domain.text import clean_name
from mlplanner.services.directory.setup import (
    DEFAULT_HOURS,
    DEFAULT_ROOMS,
    DEFAULT_TYPES,
    NewSite,
    RoomDraft,
    SiteSetupService,
    TypeDraft,
    check_site_code,
)
from mlplanner.ui.i18n import LAST_NAME, tr, tr_noop, weekday_name
from mlplanner.ui.settings.common import ErrorLabel
from mlplanner.ui.settings.hours_editor import HoursEditor
from mlplanner.ui.widgets.narrow import fit_to_screen

MODES = (
    (Mode.ON_SITE, tr_noop("sur place")),
    (Mode.PHONE, tr_noop("téléphone")),
    (Mode.VIDEO, tr_noop("visio")),
    (Mode.OUTSIDE, tr_noop("à l'extérieur")),
)


def _site(page: QWizardPage) -> NewSite:
    """What the wizard holds so far (the pages check their part against the whole)."""
    return cast("SiteWizard", page.wizard()).new_site()


def _check(page: QWizardPage, error: ErrorLabel, fn: Callable[[], object]) -> bool:
    """Run `fn`; on a French refusal, show it under the page and stay."""
    try:
        fn()
    except DomainError as exc:
        error.show_error(exc)
        return False
    error.clear()
    return True


class IdentityPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("La structure et le site"))
        self.setSubTitle(
            tr("Ces informations sont imprimées sur les plannings, coupons et feuilles d'émargement.")
        )
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(tr("Mission Locale de …"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Mission Locale de … — site …"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("ex. PARIS13 (lettres et chiffres)"))
        self.code.setMaxLength(16)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.error = ErrorLabel()
        form = QFormLayout(self)
        for label, edit, name in (
            (tr("Nom de la structure"), self.organisation, "wizardOrganisation"),
            (tr("Nom du site"), self.name, "wizardSiteName"),
            (tr("Code du site"), self.code, "wizardSiteCode"),
            (tr("Adresse"), self.address, "wizardAddress"),
            (tr("Téléphone"), self.phone, "wizardPhone"),
        ):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        note = QLabel(tr("Le code identifie le site dans le réseau : il ne pourra plus changer."))
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        return _check(
            self,
            self.error,
            lambda: (
                clean_name(self.organisation.text(), "nom de la structure"),
                clean_name(self.name.text(), "nom du site"),
                check_site_code(self.code.text()),
                SiteSetupService.check(_site(self), with_pin=False),
            ),
        )


class CalendarPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Fuseau horaire et jours fériés"))
        self.setSubTitle(
            tr(
                "Les jours fériés du département ou du territoire du site ne proposent aucun créneau "
                "(Alsace-Moselle et outre-mer ont leurs jours en plus)."
            )
        )
        self.holidays = QComboBox()
        self.holidays.setObjectName("wizardHolidays")
        self.holidays.setAccessibleName(tr("Calendrier des jours fériés"))
        for t in TERRITORIES:
            self.holidays.addItem(t.label, t.code)
        self.holidays.setCurrentIndex(self.holidays.findData("75"))
        self.holidays.setEditable(True)  # type the number or the name: the list completes it
        self.holidays.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.holidays.completer()  # "réun" finds "974 — La Réunion": a name anywhere, any case
        line = self.holidays.lineEdit()
        assert completer is not None and line is not None  # an editable combo box has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated.connect(self._picked)
        line.editingFinished.connect(lambda: self._picked(self.holidays.currentText()))
        self.timezone = QComboBox()
        self.timezone.setObjectName("wizardTimezone")
        self.timezone.setAccessibleName(tr("Fuseau horaire"))
        for zone, label in TIME_ZONES:
            self.timezone.addItem(f"{label} — {zone}", zone)
        self.timezone.setCurrentIndex(self.timezone.findData(PARIS))
        for combo in (self.holidays, self.timezone):  # long names must not widen the wizard (150 %)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.holidays.currentIndexChanged.connect(self._zone_follows)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow(tr("Jours fériés du département ou territoire"), self.holidays)
        form.addRow(tr("Fuseau horaire"), self.timezone)
        note = QLabel(
            tr(
                "Les heures des rendez-vous sont celles de l'horloge du site. Un administrateur pourra "
                "changer le fuseau et le calendrier plus tard (Paramètres > Site)."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.error)

    def _picked(self, text: str) -> None:
        """A label chosen in the completion list, or a code typed exactly ("974", "2A"): that entry."""
        index = self._index_of(text)
        if index >= 0 and index != self.holidays.currentIndex():
            self.holidays.setCurrentIndex(index)

    def _index_of(self, text: str) -> int:
        index = self.holidays.findText(text, Qt.MatchFlag.MatchExactly)
        return index if index >= 0 else self.holidays.findData(text.strip())

    def _zone_follows(self, _index: int) -> None:
        code = self.holidays.currentData()
        if code:
            self.timezone.setCurrentIndex(self.timezone.findData(default_zone(code)))

    def holiday_code(self) -> str:
        """The chosen code; a typed text that is no entry of the list is refused (never replaced)."""
        index = self._index_of(self.holidays.currentText())  # exact label or exact code, never a guess
        if index < 0:
            raise InputError(
                "bad_holidays",
                tr("Choisissez le calendrier dans la liste (« {text} » n'y est pas).").format(
                    text=self.holidays.currentText()
                ),
            )
        return str(self.holidays.itemData(index))

    def validatePage(self) -> bool:
        return _check(self, self.error, self.holiday_code)


class HoursPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Horaires d'ouverture"))
        self.setSubTitle(tr("Une ligne par jour, par exemple 09:00-12:30, 13:30-17:30 ; vide : fermé."))
        self.hours = HoursEditor(what=tr("Horaires d'ouverture"))
        self.hours.set_hours(WeeklyHours.from_mapping(DEFAULT_HOURS))
        self.error = ErrorLabel()
        lay = QVBoxLayout(self)
        lay.addWidget(self.hours)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def validatePage(self) -> bool:
        def check() -> None:
            if not any(self.hours.mapping().values()):
                raise InputError("no_hours", tr("Indiquez au moins une plage d'ouverture dans la semaine."))

        return _check(self, self.error, check)


class _TablePage(QWizardPage):
    """A small editable table with "Ajouter" and "Retirer" (rooms, appointment types)."""

    headers: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str, add_label: str, name: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.table = QTableWidget(0, len(self.headers))
        self.table.setObjectName(name)
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.headers])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            self.stretch_column, QHeaderView.ResizeMode.Stretch
        )
        add = QPushButton(add_label)
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(tr("Retirer la ligne choisie"))
        remove.clicked.connect(self.remove_row)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.error)

    stretch_column = 0

    def add_row(self) -> int:
        raise NotImplementedError

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""


class RoomsPage(_TablePage):
    headers = (tr_noop("Nom"), tr_noop("Type"), tr_noop("Capacité"), tr_noop("Accessible en fauteuil"))

    def __init__(self) -> None:
        super().__init__(
            tr("Salles"),
            tr("Bureaux d'entretien et salles d'atelier ; la capacité compte le conseiller."),
            tr("Ajouter une salle"),
            "wizardRooms",
        )
        for room in DEFAULT_ROOMS:
            self.add_row(room)

    def add_row(self, room: RoomDraft | None = None) -> int:
        room = room or RoomDraft(tr("Bureau {n}").format(n=self.table.rowCount() + 1))
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(room.name))
        kind = QComboBox()
        kind.addItem(tr("bureau"), RoomKind.OFFICE.value)
        kind.addItem(tr("salle d'atelier"), RoomKind.WORKSHOP.value)
        kind.setCurrentIndex(kind.findData(room.kind.value))
        capacity = QSpinBox()
        capacity.setRange(1, 200)
        capacity.setValue(room.capacity)
        accessible = QCheckBox()
        accessible.setChecked(room.accessible)
        self.table.setCellWidget(row, 1, kind)
        self.table.setCellWidget(row, 2, capacity)
        self.table.setCellWidget(row, 3, accessible)
        return row

    def rooms(self) -> tuple[RoomDraft, ...]:
        out = []
        for row in range(self.table.rowCount()):
            kind: QComboBox = self.table.cellWidget(row, 1)  # type: ignore[assignment]
            capacity: QSpinBox = self.table.cellWidget(row, 2)  # type: ignore[assignment]
            accessible: QCheckBox = self.table.cellWidget(row, 3)  # type: ignore[assignment]
            out.append(
                RoomDraft(
                    self._text(row, 0), RoomKind(kind.currentData()), capacity.value(), accessible.isChecked()
                )
            )
        return tuple(out)

    def validatePage(self) -> bool:
        return _check(self, self.error, lambda: SiteSetupService.check(_site(self), with_pin=False))


class TypesPage(_TablePage):
    headers = (
        tr_noop("Code"),
        tr_noop("Libellé"),
        tr_noop("Durée (min)"),
        tr_noop("Battement après (min)"),
        tr_noop("Mode"),
    )
    stretch_column = 1

    def __init__(self) -> None:
        super().__init__(
            tr("Types de rendez-vous"),
            tr(
                "Les types les plus courants sont proposés : modifiez-les, ajoutez-en, retirez ceux qui ne servent pas."
            ),
            tr("Ajouter un type"),
            "wizardTypes",
        )
        for t in DEFAULT_TYPES:
            self.add_row(t)

    def add_row(self, t: TypeDraft | None = None) -> int:
        t = t or TypeDraft("", "", 30)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(t.code))
        self.table.setItem(row, 1, QTableWidgetItem(t.label))
        duration, buffer = QSpinBox(), QSpinBox()
        duration.setRange(5, 480)
        duration.setSingleStep(5)
        duration.setValue(t.duration_min)
        buffer.setRange(0, 120)
        buffer.setSingleStep(5)
        buffer.setValue(t.buffer_min)
        mode = QComboBox()
        for value, label in MODES:
            mode.addItem(tr(label), value.value)
        mode.setCurrentIndex(mode.findData(t.mode.value))
        self.table.setCellWidget(row, 2, duration)
        self.table.setCellWidget(row, 3, buffer)
        self.table.setCellWidget(row, 4, mode)
        return row

    def types(self) -> tuple[TypeDraft, ...]:
        defaults = {t.code: t for t in DEFAULT_TYPES}
        out = []
        for row in range(self.table.rowCount()):
            duration: QSpinBox = self.table.cellWidget(row, 2)  # type: ignore[assignment]
            buffer: QSpinBox = self.table.cellWidget(row, 3)  # type: ignore[assignment]
            mode: QComboBox = self.table.cellWidget(row, 4)  # type: ignore[assignment]
            code = self._text(row, 0).strip().upper()
            chosen = Mode(mode.currentData())
            colour = defaults[code].colour if code in defaults else "#4A90D9"
            out.append(
                TypeDraft(
                    code,
                    self._text(row, 1),
                    duration.value(),
                    buffer.value(),
                    colour,
                    chosen.needs_room,
                    chosen,
                )
            )
        return tuple(out)

    def validatePage(self) -> bool:
        def check() -> None:
            if not self.table.rowCount():
                raise InputError("no_types", tr("Gardez au moins un type de rendez-vous."))
            SiteSetupService.check(_site(self), with_pin=False)

        return _check(self, self.error, check)


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Premier administrateur"))
        self.setSubTitle(
            tr(
                "La personne qui gère les comptes du personnel. Son code personnel n'est connu que "
                "d'elle : il n'y a aucun code par défaut."
            )
        )
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_DIGITS)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        for label, edit, name in (
            (tr("Prénom"), self.first_name, "wizardAdminFirst"),
            (tr("Nom", LAST_NAME), self.last_name, "wizardAdminLast"),
            (tr("Code personnel"), self.pin, "wizardPin"),
            (tr("Le même code, encore"), self.pin_again, "wizardPinAgain"),
        ):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        rule = QLabel(
            tr(
                "De {low} à {high} chiffres, ni des chiffres tous identiques ni une suite (123456). "
                "Trois codes erronés de suite verrouillent le compte un moment."
            ).format(low=MIN_DIGITS, high=MAX_DIGITS)
        )
        rule.setWordWrap(True)
        form.addRow(rule)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        def check() -> None:
            clean_name(self.first_name.text(), "prénom de l'administrateur")
            clean_name(self.last_name.text(), "nom de l'administrateur")
            check_pin(self.pin.text())
            if self.pin.text() != self.pin_again.text():
                raise InputError("pin_mismatch", tr("Les deux codes tapés diffèrent."))

        return _check(self, self.error, check)


class SummaryPage(QWizardPage):
    """Where the site goes: a new file (its path, editable), or a server (`server`: where, for the
    eyes; `taken`: the codes of the sites already there, refused here before anything is sent)."""

    def __init__(
        self,
        choose_path: Callable[[QWidget, Path], Path | None] | None,
        *,
        server: str | None = None,
        taken: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.server, self.taken = server, taken
        self.setTitle(tr("Récapitulatif"))
        self.setSubTitle(
            tr("« Créer le site » enregistre tout ; vous vous connecterez ensuite avec votre code.")
        )
        self.summary = QLabel()
        self.summary.setObjectName("wizardSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.path = QLineEdit()
        self.path.setObjectName("wizardPath")
        self.path.setAccessibleName(tr("Fichier du site"))
        self.choose = QPushButton(tr("Choisir…"))
        self.choose.setEnabled(choose_path is not None)
        self._choose_path = choose_path
        self.choose.clicked.connect(self._pick)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.next_steps = QLabel(
            tr(
                "Ensuite : ajoutez le personnel dans Paramètres > Personnel (un par un, ou « Importer "
                "une liste… » depuis un tableur : chacun reçoit un code provisoire), puis ouvrez le "
                "dossier de synchronisation du réseau si votre Mission Locale a plusieurs sites."
            )
            if server is None
            else tr(  # sites on one server see each other live: no sync folder between them
                "Ensuite : ajoutez le personnel dans Paramètres > Personnel (un par un, ou « Importer "
                "une liste… » depuis un tableur : chacun reçoit un code provisoire). Les autres postes "
                "du site le choisissent sur le serveur (« Rejoindre le réseau », par le serveur)."
            )
        )
        self.next_steps.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        if server is None:
            lay.addWidget(QLabel(tr("Fichier du site (sur le disque de ce poste de préférence) :")))
            lay.addLayout(row)
        else:
            self.path.hide()
            self.choose.hide()
            where = QLabel(tr("Le site sera créé sur le serveur {where}.").format(where=server))
            where.setObjectName("wizardServer")
            where.setWordWrap(True)
            lay.addWidget(where)
        lay.addWidget(self.next_steps)
        lay.addStretch(1)

    def _pick(self) -> None:
        if self._choose_path is None:
            return
        chosen = self._choose_path(self, Path(self.path.text()))
        if chosen is not None:
            self.path.setText(str(chosen))

    def initializePage(self) -> None:
        new: NewSite = _site(self)
        week = WeeklyHours.from_mapping(new.opening_hours)
        wd = " ; ".join(  # day names in the window's language (it said "lundi" in English)
            f"{weekday_name(day)} " + ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in spans)
            for day, spans in enumerate(week.days)
            if spans
        ) or tr("aucun horaire")
        lines = [
            tr("Structure : {v}").format(v=new.organisation),
            tr("Site : {name} (code {code})").format(name=new.name, code=new.code.strip().upper()),
            tr("Adresse : {v}").format(v=new.address or "—"),
            tr("Téléphone : {v}").format(v=new.phone or "—"),
            tr("Jours fériés : {v} ; fuseau horaire : {z}").format(
                v=holiday_label(new.holidays), z=new.timezone
            ),
            tr("Ouverture : {v}").format(v=wd),
            tr("{rooms} salle(s), {types} type(s) de rendez-vous").format(
                rooms=len(new.rooms), types=len(new.types)
            ),
            tr("Administrateur : {first} {last}").format(
                first=new.admin_first_name, last=new.admin_last_name
            ),
        ]
        self.summary.setText("\n".join(lines))

    def field_code(self) -> str:
        return _site(self).code.strip().upper()

    def validatePage(self) -> bool:
        if self.server is not None:
            code = self.field_code()
            if code in self.taken:
                self.summary.setText(
                    self.summary.text()
                    + "\n\n"
                    + tr("Le serveur a déjà un site {code} : choisissez un autre code.").format(code=code)
                )
                return False
            return True
        text = self.path.text().strip()
        if not text:
            return False
        path = Path(text).expanduser()
        if path.exists() and path.stat().st_size > 0:
            self.summary.setText(
                self.summary.text()
                + "\n\n"
                + tr("« {path} » existe déjà : choisissez un autre fichier.").format(path=path)
            )
            return False
        return True


class SiteWizard(QWizard):
    """`new_site()` and `path()` once accepted; nothing is written by the wizard itself."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        default_path: Path,
        choose_path: Callable[[QWidget, Path], Path | None] | None = None,
        server: str | None = None,
        taken: frozenset[str] = frozenset(),
    ) -> None:
        """`server`: the site goes onto this server (its `where`), not into a file."""
        super().__init__(parent)
        self.setObjectName("siteWizard")
        self.setWindowTitle(tr("Créer le site — mlplanner"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        # Next, Back and Cancel keep Qt's own words (translated by Qt's catalogue: "Annuler" is also
        # Edit > Undo in this app's, which would read "Undo" in English)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Créer le site"))
        self.identity = IdentityPage()
        self.calendar = CalendarPage()
        self.hours = HoursPage()
        self.rooms = RoomsPage()
        self.types = TypesPage()
        self.admin = AdminPage()
        self.summary = SummaryPage(choose_path, server=server, taken=taken)
        self.summary.path.setText(str(default_path))
        for page in (
            self.identity,
            self.calendar,
            self.hours,
            self.rooms,
            self.types,
            self.admin,
            self.summary,
        ):
            self.addPage(page)
        self.resize(760, 600)
        fit_to_screen(self)

    def new_site(self) -> NewSite:
        """What was typed so far (checked page by page; `SiteSetupService.check` checks it all again)."""
        try:
            holidays = self.calendar.holiday_code()
        except InputError:
            holidays = self.calendar.holidays.currentText()
        try:
            hours = self.hours.hours.mapping()
        except InputError:
            hours = DEFAULT_HOURS
        return NewSite(
            code=self.identity.code.text(),
            name=self.identity.name.text(),
            organisation=self.identity.organisation.text(),
            timezone=str(self.calendar.timezone.currentData()),
            holidays=holidays,
            # before the administrator's page, a stand-in that every name rule accepts (that page checks
            # the real names, and `checked_site` checks what was typed)
            admin_first_name=self.admin.first_name.text() or "Administrateur",
            admin_last_name=self.admin.last_name.text() or "Administrateur",
            admin_pin=self.admin.pin.text(),
            address=self.identity.address.text(),
            phone=self.identity.phone.text(),
            opening_hours=hours,
            rooms=self.rooms.rooms(),
            types=self.types.types(),
        )

    def checked_site(self) -> NewSite:
        """Everything checked once more, the PIN included (raises a French InputError)."""
        typed = replace(
            self.new_site(),
            admin_first_name=self.admin.first_name.text(),
            admin_last_name=self.admin.last_name.text(),
            admin_pin=self.admin.pin.text(),
        )
        return SiteSetupService.check(typed)

    def path(self) -> Path:
        return Path(self.summary.path.text().strip()).expanduser()
