"""Site settings: name and contact, opening hours, closures, and the follow-up threshold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.impact import Cause
from mlplanner.domain.models import SiteView
from mlplanner.domain.territories import TERRITORIES, TIME_ZONES
from mlplanner.domain.wallclock import format_date_fr, parse_date
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.edits import ClosureView
from mlplanner.services.directory.site_settings import NO_CONTACT_WEEKS, NO_SHOW_FREES_AFTER
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr
from mlplanner.ui.settings.common import ErrorLabel, grey, make_table
from mlplanner.ui.settings.hours_editor import HoursEditor
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.narrow import ColumnScroll
from mlplanner.ui.widgets.rows_model import Column, RowsModel

HOLIDAY_HORIZON_DAYS = 366  # a new calendar's holidays: the year ahead, where bookings can be


class SiteTab(QWidget):
    attentionRequested = Signal(dict)  # appointments the new closure leaves in the way

    def __init__(
        self, services: Services, actor: Callable[[], Actor], ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ops = services, actor, ops
        self._site: SiteView | None = None
        self._weeks: int | None = None

        ident = QGroupBox(tr("Le site"))
        form = QFormLayout(ident)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        for label, edit in (
            (tr("Nom"), self.name),
            (tr("Adresse"), self.address),
            (tr("Téléphone"), self.phone),
        ):
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        hours_box = QGroupBox(tr("Horaires d'ouverture (vide = fermé)"))
        self.hours = HoursEditor(what=tr("Horaires d'ouverture"))
        QVBoxLayout(hours_box).addWidget(self.hours)
        self.save_site = QPushButton(tr("Enregistrer le site et les horaires"))
        self.save_site.clicked.connect(self.save_site_settings)
        self.site_error = ErrorLabel()

        closures = QGroupBox(tr("Fermetures exceptionnelles"))
        self.closure_model: RowsModel[ClosureView] = RowsModel(
            [
                Column(tr("Du"), lambda c: format_date_fr(c.start), sort_key=lambda c: c.start.isoformat()),
                Column(tr("Au"), lambda c: format_date_fr(c.end)),
                Column(tr("Motif"), lambda c: c.reason),
            ],
            key=lambda c: c.id,
        )
        self.closure_table = make_table(self.closure_model, tr("Fermetures"))
        self.closure_from = QLineEdit()
        self.closure_to = QLineEdit()
        self.closure_reason = QLineEdit()
        for edit, label, hint in (
            (self.closure_from, tr("Du"), tr("jj/mm/aaaa")),
            (self.closure_to, tr("Au"), tr("jj/mm/aaaa (vide : un seul jour)")),
            (self.closure_reason, tr("Motif"), tr("pont, inventaire, formation d'équipe…")),
        ):
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(tr("Fermeture : {what}").format(what=label.lower()))
        self.add_closure_button = QPushButton(tr("Ajouter la fermeture"))
        self.remove_closure_button = QPushButton(tr("Supprimer la fermeture choisie"))
        self.add_closure_button.clicked.connect(self.add_closure)
        self.remove_closure_button.clicked.connect(self.remove_closure)
        self.closure_error = ErrorLabel()
        cform = QFormLayout()
        cform.addRow(tr("Du"), self.closure_from)
        cform.addRow(tr("Au"), self.closure_to)
        cform.addRow(tr("Motif"), self.closure_reason)
        cbuttons = QHBoxLayout()
        cbuttons.addWidget(self.add_closure_button)
        cbuttons.addWidget(self.remove_closure_button)
        cbuttons.addStretch(1)
        clay = QVBoxLayout(closures)
        clay.addWidget(self.closure_table, 1)
        clay.addLayout(cform)
        clay.addLayout(cbuttons)
        clay.addWidget(self.closure_error)

        follow = QGroupBox(tr("Suivi des jeunes"))
        self.weeks = QSpinBox()
        self.weeks.setRange(NO_CONTACT_WEEKS.minimum, NO_CONTACT_WEEKS.maximum)
        self.weeks.setSuffix(tr(" semaines"))
        weeks_label = QLabel(tr("Relancer un jeune sans contact depuis"))
        weeks_label.setWordWrap(True)  # narrow windows (150 % scaling): two lines rather than a scroll bar
        weeks_label.setBuddy(self.weeks)
        self.save_weeks = QPushButton(tr("Enregistrer"))
        self.save_weeks.clicked.connect(self.save_followup)
        self.weeks_error = ErrorLabel()
        flay = QHBoxLayout()
        flay.addWidget(weeks_label)
        flay.addWidget(self.weeks)
        flay.addWidget(self.save_weeks)
        flay.addStretch(1)
        # the no-show policy: the rest of a late young person's slot goes to the "plus tôt" list
        self.no_show = QSpinBox()
        self.no_show.setRange(NO_SHOW_FREES_AFTER.minimum, NO_SHOW_FREES_AFTER.maximum)
        self.no_show.setSuffix(tr(" min"))
        self.no_show.setSpecialValueText(tr("jamais"))
        self.no_show.setAccessibleDescription(
            tr(
                "Un jeune marqué absent après ce retard libère la fin de son créneau, proposée aux "
                "jeunes qui attendent un rendez-vous plus tôt (0 : jamais)."
            )
        )
        no_show_label = QLabel(tr("Libérer le créneau d'un jeune absent après un retard de"))
        no_show_label.setWordWrap(True)
        no_show_label.setBuddy(self.no_show)
        nlay = QHBoxLayout()
        nlay.addWidget(no_show_label)
        nlay.addWidget(self.no_show)
        nlay.addStretch(1)
        fbox = QVBoxLayout(follow)
        fbox.addLayout(flay)
        fbox.addLayout(nlay)
        fbox.addWidget(self.weeks_error)

        calendar = QGroupBox(tr("Fuseau horaire et jours fériés"))
        self.holidays = QComboBox()
        self.holidays.setObjectName("siteHolidays")
        self.holidays.setAccessibleName(tr("Calendrier des jours fériés"))
        for t in TERRITORIES:
            self.holidays.addItem(t.label, t.code)
        self.timezone = QComboBox()
        self.timezone.setObjectName("siteTimezone")
        self.timezone.setAccessibleName(tr("Fuseau horaire"))
        for zone_name, label in TIME_ZONES:
            self.timezone.addItem(f"{label} — {zone_name}", zone_name)
        for combo in (self.holidays, self.timezone):  # long names must not widen the page (150 %)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.save_calendar = QPushButton(tr("Changer le fuseau et les jours fériés…"))
        self.save_calendar.setObjectName("saveCalendar")
        self.save_calendar.clicked.connect(self.change_calendar)
        self.calendar_error = ErrorLabel()
        calendar_note = QLabel(
            tr(
                "Réservé à l'administrateur. Les heures des rendez-vous déjà pris ne bougent pas "
                "(10:00 reste 10:00) ; la liste des rendez-vous tombant sur un nouveau jour férié est "
                "affichée avant de confirmer."
            )
        )
        calendar_note.setWordWrap(True)
        cal_form = QFormLayout(calendar)
        cal_form.addRow(tr("Jours fériés"), self.holidays)
        cal_form.addRow(tr("Fuseau horaire"), self.timezone)
        cal_form.addRow(calendar_note)
        cal_form.addRow(self.save_calendar)
        cal_form.addRow(self.calendar_error)

        left = QVBoxLayout()
        left.addWidget(ident)
        left.addWidget(hours_box)
        left.addWidget(self.save_site)
        left.addWidget(self.site_error)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(closures, 1)
        right.addWidget(follow)
        right.addWidget(calendar)
        lay = QHBoxLayout(self)
        lay.addWidget(ColumnScroll(left), 1)
        lay.addWidget(ColumnScroll(right), 1)

    # --- data ------------------------------------------------------------------------------------
    def refresh(self, *, force: bool = False) -> None:
        """Reload; fields are rewritten only when the stored values changed (or after one's own save)."""
        site = self.services.directory.site()
        if force or site != self._site:
            self._site = site
            self.name.setText(site.name)
            self.address.setText(site.address)
            self.phone.setText(site.phone)
            self.hours.set_hours(WeeklyHours.from_json(site.opening_hours_json))
            index = self.holidays.findData(site.holiday_subdivision or "")
            if index < 0 and site.holiday_subdivision:  # a code of an older file: shown as it is
                self.holidays.addItem(site.holiday_subdivision, site.holiday_subdivision)
                index = self.holidays.count() - 1
            # no department stored (the demo, older files): the national calendar, said as such; nothing
            # chosen, so saving the time zone alone keeps it
            self.holidays.setPlaceholderText(
                tr("France (calendrier national) — choisissez le département") if index < 0 else ""
            )
            self.holidays.setCurrentIndex(index)
            self.timezone.setCurrentIndex(self.timezone.findData(site.timezone))
        self.closure_model.set_rows(self.services.directory.closure_views())
        weeks = self.services.settings.no_contact_weeks()
        if force or weeks != self._weeks:
            self._weeks = weeks
            self.weeks.setValue(weeks)
        no_show = self.services.settings.no_show_frees_after()
        if force or no_show != getattr(self, "_no_show", None):
            self._no_show = no_show
            self.no_show.setValue(no_show)

    def apply_permissions(self) -> None:
        ok = allowed(self.actor(), Perm.CONFIGURE_SITE)
        for edit in (self.name, self.address, self.phone):
            edit.setReadOnly(not ok)
        self.hours.set_read_only(not ok)
        grey(
            [
                self.save_site,
                self.closure_from,
                self.closure_to,
                self.closure_reason,
                self.add_closure_button,
                self.remove_closure_button,
                self.weeks,
                self.no_show,
                self.save_weeks,
            ],
            ok,
        )
        grey(
            [self.holidays, self.timezone, self.save_calendar],
            allowed(self.actor(), Perm.SITE_IDENTITY),
            tr("Réservé à l'administrateur."),
        )

    # --- actions ---------------------------------------------------------------------------------
    def _forced(self, outcome: object) -> bool:
        """After one's own successful save, show the values as stored (normalised)."""
        if outcome:
            self.refresh(force=True)
        return bool(outcome)

    def save_site_settings(self) -> bool:
        self.site_error.clear()
        return self._forced(
            self.ops.run(
                lambda: self.services.directory.update_site(
                    actor=self.actor(),
                    name=self.name.text(),
                    address=self.address.text(),
                    phone=self.phone.text(),
                    opening_hours=self.hours.mapping(),
                ),
                on_error=self.site_error.show_error,
                success=tr("Site enregistré."),
            )
        )

    def add_closure(self) -> bool:
        self.closure_error.clear()

        def call() -> object:
            start = parse_date(self.closure_from.text())
            end = parse_date(self.closure_to.text()) if self.closure_to.text().strip() else start
            return self.services.directory.add_closure(
                actor=self.actor(), start=start, end=end, reason=self.closure_reason.text()
            )

        span: list[date] = []

        def saved() -> object:
            result = call()
            span[:] = [parse_date(self.closure_from.text())]
            span.append(parse_date(self.closure_to.text()) if self.closure_to.text().strip() else span[0])
            return result

        done = self.ops.run(saved, on_error=self.closure_error.show_error)
        if done:
            for edit in (self.closure_from, self.closure_to, self.closure_reason):
                edit.clear()
            self._announce_impact(*span)
        return bool(done)

    def _announce_impact(self, start: date, end: date) -> None:
        """Saved: say so, and list at once the appointments the closure leaves in the way."""
        hit = self.services.impact.affected(start=start, end=end)
        if not hit:
            self.ops.message.emit(tr("Fermeture ajoutée : aucun rendez-vous n'est touché."), 6000)
            return
        self.ops.message.emit(
            tr("Fermeture ajoutée. {n} rendez-vous sont à déplacer, passer au téléphone ou annuler.").format(
                n=len(hit)
            ),
            10000,
        )
        self.attentionRequested.emit(
            {
                "start": start,
                "end": end,
                "intro": tr("La fermeture du site touche {n} rendez-vous déjà pris.").format(n=len(hit)),
            }
        )

    def remove_closure(self) -> bool:
        self.closure_error.clear()
        rows = self.closure_table.selectionModel().selectedRows()
        if not rows:
            self.closure_error.setText(tr("Choisissez d'abord une fermeture dans la liste."))
            return False
        closure = self.closure_model.row_at(rows[0].row())
        return bool(
            self.ops.run(
                lambda: self.services.directory.remove_closure(actor=self.actor(), closure_id=closure.id),
                on_error=self.closure_error.show_error,
                success=tr("Fermeture supprimée."),
            )
        )

    def change_calendar(self) -> bool:
        """Preview (appointments now on a holiday), confirm, then change; stored times do not move."""
        self.calendar_error.clear()
        timezone, holidays = self.timezone.currentData(), self.holidays.currentData()
        setup = self.services.site_setup
        preview = self.ops.run(
            lambda: setup.preview_calendar(timezone=timezone, holidays=holidays),
            on_error=self.calendar_error.show_error,
        )
        if not preview:
            return False
        change = preview.value
        assert change is not None
        question = change.warning + "\n\n" + tr("Changer le fuseau et les jours fériés du site ?")
        if not self.ops.prompt.confirm(self, question, title=tr("Fuseau horaire et jours fériés")):
            return False
        done = self._forced(
            self.ops.run(
                lambda: setup.set_calendar(actor=self.actor(), timezone=timezone, holidays=holidays),
                on_error=self.calendar_error.show_error,
                success=tr("Fuseau horaire et jours fériés enregistrés."),
            )
        )
        if done:
            self._announce_holidays()
        return done

    def _announce_holidays(self) -> None:
        """A new calendar can put booked appointments on a holiday: list them at once, as for a closure
        (the confirmation named them; this is where they are dealt with)."""
        today = self.services.ctx.today()
        end = today + timedelta(days=HOLIDAY_HORIZON_DAYS)
        hit = [x for x in self.services.impact.affected(start=today, end=end) if x.why.cause is Cause.HOLIDAY]
        if not hit:
            return
        self.ops.message.emit(
            tr("{n} rendez-vous tombent sur un jour férié : à déplacer ou annuler.").format(n=len(hit)), 10000
        )
        self.attentionRequested.emit(
            {
                "start": today,
                "end": end,
                "intro": tr(
                    "Le nouveau calendrier des jours fériés touche {n} rendez-vous déjà pris."
                ).format(n=len(hit)),
            }
        )

    def save_followup(self) -> bool:
        self.weeks_error.clear()

        def both() -> object:
            self.services.settings.set_int(
                actor=self.actor(), setting=NO_SHOW_FREES_AFTER, value=self.no_show.value()
            )
            return self.services.settings.set_no_contact_weeks(actor=self.actor(), weeks=self.weeks.value())

        return self._forced(
            self.ops.run(both, on_error=self.weeks_error.show_error, success=tr("Réglage enregistré."))
        )
