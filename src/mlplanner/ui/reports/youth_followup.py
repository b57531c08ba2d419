"""The youth file's « Accompagnement » tab: the follow-up period (start, renew once, end with or without a
lighter follow-up), orientations to partners and their outcome, and the FSE+ data (sex, diploma,
situation history, the optional items the site asks, with the young person's consent)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.followup_periods import (
    END_FR,
    KIND_FR,
    LIGHT_CONTACT_DAYS,
    OUTCOME_FR,
    PARTNER_FR,
    Outcome,
    PartnerKind,
    PeriodKind,
)
from mlplanner.domain.models import Changes
from mlplanner.domain.participants import (
    ANSWER_FR,
    CONSENT_NOTE_FR,
    DIPLOMA_FR,
    OPTIONAL_FR,
    SEX_FR,
    SITUATION_FR,
    Answer,
    OptionalItem,
)
from mlplanner.services.followup.orientations import OrientationView
from mlplanner.services.followup.periods import PeriodView
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reports.fse import SituationView
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.reports.words import word
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows


def standing_text(p: PeriodView | None, today: date) -> str:
    """Where the young person stands, short, for the portfolio: "Personnalisé, mois 4/6", "Allégé"."""
    if p is None:
        return ""
    if p.ended_on is not None:
        return tr("terminé le {date}").format(date=f"{p.ended_on:%d/%m/%Y}")
    if p.kind is PeriodKind.LIGHT:
        return tr("suivi allégé")
    s = p.standing
    months = (today.year - s.start.year) * 12 + today.month - s.start.month - (today.day < s.start.day)
    total = 12 if s.renewed else 6
    text = tr("mois {n}/{total}").format(n=min(max(months + 1, 1), total), total=total)
    return text + (tr(" (échu)") if p.planned_end < today else "")


def _table(model: RowsModel[Any], name: str, rows: int = 4) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    compact_rows(view)
    view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * (rows + 1) + 4)
    return view


def _combo(items: list[tuple[str, str]], name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, text in items:
        box.addItem(text, value)
    return box


class FollowupPanel(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.youth_id: str | None = None
        self.period: PeriodView | None = None

        # --- the follow-up period ------------------------------------------------------------------
        self.standing = QLabel()
        self.standing.setObjectName("periodStanding")
        self.standing.setWordWrap(True)
        self.start_button = QPushButton(tr("Démarrer l'accompagnement (6 mois)"))
        self.start_button.clicked.connect(self.start_period)
        self.renew_button = QPushButton(tr("Renouveler"))
        self.renew_button.clicked.connect(self.renew)
        self.light_button = QPushButton(tr("Terminer avec un suivi allégé"))
        self.light_button.clicked.connect(lambda: self.end_period(light=True))
        self.end_button = QPushButton(tr("Terminer"))
        self.end_button.clicked.connect(lambda: self.end_period(light=False))
        period_box = QGroupBox(tr("Accompagnement"))
        pl = QVBoxLayout(period_box)
        pl.addWidget(self.standing)
        prow = QHBoxLayout()
        for b in (self.start_button, self.renew_button, self.light_button, self.end_button):
            prow.addWidget(b)
        prow.addStretch(1)
        pl.addLayout(prow)

        # --- orientations --------------------------------------------------------------------------
        self.orientations: RowsModel[OrientationView] = RowsModel(
            [
                Column(tr("Date"), lambda o: f"{o.oriented_on:%d/%m/%Y}", sort_key=lambda o: o.oriented_on),
                Column(tr("Partenaire"), lambda o: word(o.partner_label)),
                Column(tr("Organisme"), lambda o: o.partner_name),
                Column(tr("Par"), lambda o: o.staff_name),
                Column(
                    tr("Résultat"),
                    lambda o: word(o.outcome_label) + (f" ({o.outcome_on:%d/%m/%Y})" if o.outcome_on else ""),
                ),
            ],
            key=lambda o: o.id,
        )
        self.orientation_table = _table(self.orientations, tr("Orientations vers les partenaires"), 3)
        self.partner = _combo([(k.value, word(PARTNER_FR[k])) for k in PartnerKind], tr("Partenaire"))
        self.partner_name = QLineEdit()
        self.partner_name.setPlaceholderText(tr("Organisme (facultatif)"))
        self.partner_name.setAccessibleName(tr("Organisme"))
        self.orient_button = QPushButton(tr("Orienter"))
        self.orient_button.clicked.connect(self.orient)
        self.outcome = _combo(
            [(o.value, word(OUTCOME_FR[o])) for o in Outcome], tr("Résultat de l'orientation")
        )
        self.outcome_button = QPushButton(tr("Noter le résultat"))
        self.outcome_button.clicked.connect(self.set_outcome)
        orient_box = QGroupBox(tr("Orientations"))
        ol = QVBoxLayout(orient_box)
        ol.addWidget(self.orientation_table)
        r1 = QHBoxLayout()
        r1.addWidget(self.partner)
        r1.addWidget(self.partner_name, 1)
        r1.addWidget(self.orient_button)
        ol.addLayout(r1)
        r2 = QHBoxLayout()
        r2.addWidget(QLabel(tr("Résultat de l'orientation choisie :")))
        r2.addWidget(self.outcome)
        r2.addWidget(self.outcome_button)
        r2.addStretch(1)
        ol.addLayout(r2)

        # --- FSE+ data -----------------------------------------------------------------------------
        self.sex = _combo(
            [("", tr("non renseigné"))] + [(s.value, word(t)) for s, t in SEX_FR.items()], tr("Sexe")
        )
        self.diploma = _combo(
            [("", tr("non renseigné"))] + [(d.value, word(t)) for d, t in DIPLOMA_FR.items()],
            tr("Niveau de diplôme"),
        )
        self.situations: RowsModel[SituationView] = RowsModel(
            [
                Column(tr("Depuis le"), lambda x: f"{x.since:%d/%m/%Y}", sort_key=lambda x: x.since),
                Column(tr("Situation"), lambda x: word(SITUATION_FR[x.situation])),
            ],
            key=lambda x: x.id,
        )
        self.situation_table = _table(self.situations, tr("Situations successives"), 3)
        self.situation = _combo([(s.value, word(t)) for s, t in SITUATION_FR.items()], tr("Situation"))
        self.since = QDateEdit()
        self.since.setDisplayFormat("dd/MM/yyyy")
        self.since.setCalendarPopup(True)
        self.since.setAccessibleName(tr("Depuis le"))
        self.situation_button = QPushButton(tr("Noter la situation"))
        self.situation_button.clicked.connect(self.add_situation)
        self.consent = QCheckBox(tr("Le jeune accepte de répondre aux questions facultatives"))
        self.optional: dict[OptionalItem, QComboBox] = {
            i: _combo(
                [(a.value, word(ANSWER_FR[a]) or tr("non demandé")) for a in Answer], word(OPTIONAL_FR[i])
            )
            for i in OptionalItem
        }
        self.fse_button = QPushButton(tr("Enregistrer les données FSE+"))
        self.fse_button.setObjectName("saveFse")
        self.fse_button.clicked.connect(self.save_fse)
        fse_box = QGroupBox(tr("Données FSE+"))
        fl = QVBoxLayout(fse_box)
        form = QFormLayout()
        form.addRow(tr("Sexe :"), self.sex)
        form.addRow(tr("Niveau de diplôme :"), self.diploma)
        fl.addLayout(form)
        fl.addWidget(self.situation_table)
        r3 = QHBoxLayout()
        r3.addWidget(self.situation, 1)
        r3.addWidget(QLabel(tr("depuis le")))
        r3.addWidget(self.since)
        r3.addWidget(self.situation_button)
        fl.addLayout(r3)
        self.optional_box = QWidget()
        opt = QFormLayout(self.optional_box)
        opt.setContentsMargins(0, 0, 0, 0)
        opt.addRow(self.consent)
        self.optional_labels: dict[OptionalItem, QLabel] = {}
        for item, box in self.optional.items():
            self.optional_labels[item] = QLabel(tr("{label} :").format(label=word(OPTIONAL_FR[item])))
            opt.addRow(self.optional_labels[item], box)
        note = QLabel(tr(CONSENT_NOTE_FR))
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6670;")
        opt.addRow(note)
        fl.addWidget(self.optional_box)
        fl.addWidget(self.fse_button)
        self.message = QLabel()
        self.message.setObjectName("followupMessage")
        self.message.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.addWidget(period_box)
        lay.addWidget(orient_box)
        lay.addWidget(fse_box)
        lay.addWidget(self.message)
        lay.addStretch(1)

    # --- loading -----------------------------------------------------------------------------------------
    def show_youth(self, youth_id: str) -> None:
        self.youth_id = youth_id
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        sv, youth_id = self.window_.services, self.youth_id
        if youth_id is None:
            return
        today = self.window_.now().date()
        periods = sv.periods.of_youth(youth_id)
        self.period = next((p for p in periods if p.open), periods[0] if periods else None)
        p = self.period
        if p is None:
            self.standing.setText(tr("Aucun accompagnement enregistré."))
        else:
            text = (
                word(KIND_FR[p.kind])
                + " : "
                + tr("du {start} au {end}").format(
                    start=f"{p.start:%d/%m/%Y}", end=f"{(p.ended_on or p.planned_end):%d/%m/%Y}"
                )
            )
            if p.renewed_on:
                text += tr(", renouvelé le {date}").format(date=f"{p.renewed_on:%d/%m/%Y}")
            if p.ended_on:
                text += " — " + word(END_FR[p.end_reason])
            elif p.planned_end < today:
                text += tr(" — échu : à renouveler ou terminer")
            if p.next_contact_on and p.open:
                text = tr("{text} ; prochain contact prévu le {date}").format(
                    text=text, date=f"{p.next_contact_on:%d/%m/%Y}"
                )
            self.standing.setText(text)
        can = allowed(self.window_.actor, Perm.FOLLOW_UP)
        is_open = bool(p and p.open)
        self.start_button.setEnabled(can and not is_open)
        self.renew_button.setEnabled(bool(can and p and p.can_renew))
        for b in (self.light_button, self.end_button):
            b.setEnabled(can and is_open)
        self.orientations.set_rows(sv.orientations.of_youth(youth_id))
        editors: list[QWidget] = [
            self.orient_button,
            self.outcome_button,
            self.partner,
            self.partner_name,
            self.outcome,
        ]
        for editor in editors:
            editor.setEnabled(can)
        profile = sv.reports.fse.profile(youth_id)
        self.sex.setCurrentIndex(max(0, self.sex.findData(profile.sex)))
        self.diploma.setCurrentIndex(max(0, self.diploma.findData(profile.diploma_level)))
        self.situations.set_rows(sv.reports.fse.situations(youth_id))
        self.since.setDate(QDate(today.year, today.month, today.day))
        enabled = set(sv.reports.fse.optional_items())
        self.optional_box.setVisible(bool(enabled))
        self.consent.setChecked(profile.sensitive_consent)
        for item, box in self.optional.items():
            box.setCurrentIndex(max(0, box.findData(profile.optional.get(item.value, ""))))
            box.setVisible(item in enabled)
            self.optional_labels[item].setVisible(item in enabled)
        for w in (
            self.sex,
            self.diploma,
            self.situation,
            self.since,
            self.situation_button,
            self.consent,
            self.fse_button,
            *self.optional.values(),
        ):
            w.setEnabled(can)

    # --- acting ------------------------------------------------------------------------------------------
    def _run(self, call: Callable[[], object], done_text: str) -> bool:
        w = self.window_
        outcome = w.ops.run(call, on_error=self._error)
        if outcome:
            self.message.setStyleSheet("color:#1d6b2c;")
            self.message.setText(done_text)
            if self.youth_id:
                w.bus.publish(Changes.of("youths", ids=(self.youth_id,)))
            self.reload()
        return bool(outcome)

    def _error(self, exc: DomainError) -> None:
        self.message.setStyleSheet("color:#b00020;")
        self.message.setText(refusal_text(exc))

    def start_period(self) -> bool:
        w, yid = self.window_, self.youth_id
        if yid is None:
            return False
        return self._run(
            lambda: w.services.periods.start(actor=w.actor, youth_id=yid), tr("Accompagnement démarré.")
        )

    def renew(self) -> bool:
        w, p = self.window_, self.period
        if p is None:
            return False
        return self._run(
            lambda: w.services.periods.renew(actor=w.actor, period_id=p.id), tr("Accompagnement renouvelé.")
        )

    def end_period(self, *, light: bool) -> bool:
        w, p = self.window_, self.period
        if p is None:
            return False
        if light:
            contact = w.now().date() + timedelta(days=LIGHT_CONTACT_DAYS)
            choice = w.prompt.ask_choice(
                self,
                tr("Le suivi allégé commence aujourd'hui. Son premier contact :"),
                [
                    tr("prendre le rendez-vous maintenant"),
                    tr("à prévoir vers le {date}").format(date=f"{contact:%d/%m/%Y}"),
                ],
                title=tr("Terminer avec un suivi allégé"),
            )
            if choice is None:
                return False
            done = self._run(
                lambda: w.services.periods.end(
                    actor=w.actor, period_id=p.id, light_followup=True, next_contact=contact
                ),
                tr("Accompagnement terminé ; suivi allégé ouvert."),
            )
            if done and choice == 0:
                w.bookingRequested.emit({"youth_id": p.youth_id})
            return done
        if not w.prompt.confirm(self, tr("Terminer l'accompagnement sans suivi allégé ?")):
            return False
        return self._run(
            lambda: w.services.periods.end(actor=w.actor, period_id=p.id), tr("Accompagnement terminé.")
        )

    def orient(self) -> bool:
        w, yid = self.window_, self.youth_id
        if yid is None:
            return False
        kind, name = str(self.partner.currentData()), self.partner_name.text()
        done = self._run(
            lambda: w.services.orientations.record(
                actor=w.actor, youth_id=yid, partner_kind=kind, partner_name=name
            ),
            tr("Orientation enregistrée."),
        )
        if done:
            self.partner_name.clear()
        return done

    def set_outcome(self) -> bool:
        w = self.window_
        rows = self.orientation_table.selectionModel().selectedRows()
        if not rows:
            self._error(DomainError("no_selection", tr("Choisissez d'abord une orientation dans la liste.")))
            return False
        o = self.orientations.row_at(rows[0].row())
        outcome = str(self.outcome.currentData())
        return self._run(
            lambda: w.services.orientations.set_outcome(actor=w.actor, orientation_id=o.id, outcome=outcome),
            tr("Résultat noté."),
        )

    def add_situation(self) -> bool:
        w, yid = self.window_, self.youth_id
        if yid is None:
            return False
        q = self.since.date()
        since, situation = date(q.year(), q.month(), q.day()), str(self.situation.currentData())
        return self._run(
            lambda: w.services.reports.fse.record_situation(
                actor=w.actor, youth_id=yid, since=since, situation=situation
            ),
            tr("Situation notée."),
        )

    def save_fse(self) -> bool:
        w, yid = self.window_, self.youth_id
        if yid is None:
            return False
        enabled = set(w.services.reports.fse.optional_items())
        sex, diploma, consent = (
            str(self.sex.currentData()),
            str(self.diploma.currentData()),
            self.consent.isChecked(),
        )
        optional = {i.value: str(box.currentData()) for i, box in self.optional.items() if i in enabled}
        if not consent:  # without consent only "refuses to answer" (or nothing) may be kept
            optional = {k: v if v == Answer.REFUSED else "" for k, v in optional.items()}
        return self._run(
            lambda: w.services.reports.fse.save_profile(
                actor=w.actor,
                youth_id=yid,
                sex=sex,
                diploma_level=diploma,
                sensitive_consent=consent,
                optional=optional,
            ),
            tr("Données FSE+ enregistrées."),
        )
