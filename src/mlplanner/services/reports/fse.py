"""FSE+ participants of a funded operation (see `domain.participants`): the data the European Social Fund
requires about each participant, where it is recorded (the young person's profile and situation history),
the optional items a site lead enables, and the participants' table with its completeness view.

Which actions belong to an operation: appointments of a type and workshop sessions of a kind whose
"funded operation" setting names it. A participant is a young person who attended at least one of them
in the period; their entry is their first attended action in the operation (ever), their exit their last
one, unless an action of the operation is still planned for them (then they have not left yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.ids import youth_profile_id
from mlplanner.domain.models import Changes
from mlplanner.domain.participants import (
    EXIT_WINDOW_DAYS,
    INCOMPLETE_THRESHOLD,
    Answer,
    Diploma,
    OptionalItem,
    ParticipantFacts,
    Sex,
    Situation,
    age_on,
    check_optional_answer,
    missing_items,
)
from mlplanner.domain.periods import Period
from mlplanner.domain.text import fold
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.reports.common import ReportHeader, chunks, header, require_report
from mlplanner.services.workshops.kinds import workshop_kinds
from mlplanner.storage.followup_tables import YouthProfile, YouthSituation
from mlplanner.storage.tables import Appointment, AppointmentType, Meta, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

OPTIONAL_ITEMS_KEY = "fse.optional_items"


@dataclass(frozen=True)
class ProfileView:
    youth_id: str
    sex: str
    diploma_level: str
    optional: dict[str, str] = field(default_factory=dict)  # item -> answer
    sensitive_consent: bool = False
    consent_on: date | None = None


@dataclass(frozen=True)
class SituationView:
    id: str
    youth_id: str
    since: date
    situation: Situation


@dataclass(frozen=True)
class Participant:
    youth_id: str
    external_id: str
    last_name: str
    first_name: str
    sex: str
    birth_date: date | None
    age_at_entry: int | None
    phone: str
    email: str
    diploma_level: str
    entry: date
    exit: date | None  # None: an action of the operation is still planned
    entry_situation: str
    exit_situation: str
    actions: int  # attended actions of the operation, ever
    optional: dict[str, str]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class FseReport:
    header: ReportHeader
    operation: str
    period: Period
    participants: tuple[Participant, ...]
    optional_items: tuple[OptionalItem, ...]  # the items this site collects
    threshold: float = INCOMPLETE_THRESHOLD

    @property
    def incomplete(self) -> int:
        return sum(1 for p in self.participants if not p.complete)

    @property
    def incomplete_share(self) -> float | None:
        return round(self.incomplete / len(self.participants), 4) if self.participants else None

    @property
    def over_threshold(self) -> bool:
        share = self.incomplete_share
        return share is not None and share > self.threshold


@dataclass(frozen=True)
class _Action:
    youth_id: str
    start: datetime
    attended: bool
    planned: bool


def _norm(name: str) -> str:
    return " ".join((name or "").split()).casefold()


@checked_dates
class FseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- settings -------------------------------------------------------------------------------------
    def optional_items(self) -> tuple[OptionalItem, ...]:
        """The optional items this site collects (none unless a site lead enabled them)."""
        with self.ctx.read() as s:
            row = s.get(Meta, OPTIONAL_ITEMS_KEY)
        values = (row.value if row else "").split(",")
        return tuple(i for i in OptionalItem if i.value in values)

    def set_optional_items(self, *, actor: Actor, items: Sequence[OptionalItem | str]) -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        try:
            chosen = [OptionalItem(i) for i in items]
        except ValueError as exc:
            raise InputError("bad_item", f"Donnée facultative inconnue : {exc}.") from None
        value = ",".join(i.value for i in OptionalItem if i in chosen)
        with self.ctx.write() as s:
            row = s.get(Meta, OPTIONAL_ITEMS_KEY) or Meta(key=OPTIONAL_ITEMS_KEY)
            before = row.value
            row.value = value
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="update",
                entity="setting",
                entity_id=OPTIONAL_ITEMS_KEY,
                before={"value": before} if before else None,
                after={"value": value},
            )
        return Changes.of("config")

    def operations(self) -> tuple[str, ...]:
        """The funded operations named by appointment types and workshop kinds."""
        with self.ctx.read() as s:
            names = [n for n in s.exec(select(AppointmentType.funded_operation)) if n.strip()]
            names += [k.funded_operation for k in workshop_kinds(s).values() if k.funded_operation.strip()]
        return tuple(sorted({" ".join(n.split()) for n in names}, key=str.casefold))

    # --- a young person's data -------------------------------------------------------------------------
    def profile(self, youth_id: str) -> ProfileView:
        with self.ctx.read() as s:
            row = s.get(YouthProfile, youth_profile_id(youth_id))
        if row is None or row.deleted:
            return ProfileView(youth_id, "", "")
        return ProfileView(
            youth_id,
            row.sex,
            row.diploma_level,
            {i.value: getattr(row, i.value) for i in OptionalItem if getattr(row, i.value)},
            row.sensitive_consent,
            row.consent_on,
        )

    def save_profile(
        self,
        *,
        actor: Actor,
        youth_id: str,
        sex: str | None = None,
        diploma_level: str | None = None,
        sensitive_consent: bool | None = None,
        optional: dict[str, str] | None = None,
    ) -> Changes:
        """Record sex, diploma level and the optional items (only those enabled; "yes"/"no" need the young
        person's consent, "refused" does not). Withdrawing consent clears the answers given."""
        require(actor, Perm.FOLLOW_UP)
        if sex is not None and sex not in ("", *(s.value for s in Sex)):
            raise InputError("bad_sex", "Sexe : F, M ou vide.")
        if diploma_level is not None and diploma_level not in ("", *(d.value for d in Diploma)):
            raise InputError("bad_diploma", f"Niveau de diplôme inconnu : « {diploma_level} ».")
        enabled = set(self.optional_items())
        answers: dict[OptionalItem, Answer] = {}
        for key, value in (optional or {}).items():
            try:
                item, answer = OptionalItem(key), Answer(value)
            except ValueError:
                raise InputError(
                    "bad_item", f"Donnée facultative inconnue : « {key} » = « {value} »."
                ) from None
            if item not in enabled and answer is not Answer.NOT_ASKED:
                raise InputError(
                    "item_not_enabled",
                    f"« {item.value} » n'est pas recueilli sur ce site (réglage du responsable de site).",
                )
            answers[item] = answer
        with self.ctx.write() as s:
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            rid = youth_profile_id(youth.id)
            row = s.get(YouthProfile, rid) or YouthProfile(id=rid, youth_id=youth.id)
            before = audit.snapshot(row, ("sex", "diploma_level", "sensitive_consent"))
            if sex is not None:
                row.sex = sex
            if diploma_level is not None:
                row.diploma_level = diploma_level
            if sensitive_consent is not None and sensitive_consent != row.sensitive_consent:
                row.sensitive_consent = sensitive_consent
                row.consent_on = (
                    self.ctx.now_local(self.ctx.site_row(s).timezone).date() if sensitive_consent else None
                )
                if not sensitive_consent:  # consent withdrawn: the answers go with it (refusals stay)
                    for item in OptionalItem:
                        if getattr(row, item.value) in (Answer.YES, Answer.NO):
                            setattr(row, item.value, Answer.NOT_ASKED.value)
            for item, answer in answers.items():
                check_optional_answer(item, answer, consent=row.sensitive_consent)
                setattr(row, item.value, answer.value)
            row.deleted, row.updated_by = False, actor.id
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="update",
                entity="youth_profile",
                entity_id=rid,
                youth_id=youth.id,
                before=before,
                # which optional items were touched, never their answers (special-category data)
                after=audit.snapshot(row, ("sex", "diploma_level", "sensitive_consent"))
                | ({"optional_items": sorted(i.value for i in answers)} if answers else {}),
            )
        return Changes.of("youths", ids=(youth_id,))

    def situations(self, youth_id: str) -> tuple[SituationView, ...]:
        with self.ctx.read() as s:
            rows = s.exec(
                select(YouthSituation)
                .where(YouthSituation.youth_id == youth_id, YouthSituation.deleted == False)
                .order_by(col(YouthSituation.since))
            )
            return tuple(SituationView(r.id, r.youth_id, r.since, Situation(r.situation)) for r in rows)

    def record_situation(
        self, *, actor: Actor, youth_id: str, since: date, situation: Situation | str
    ) -> SituationView:
        """The young person's situation from `since` on (the same day again replaces it)."""
        require(actor, Perm.FOLLOW_UP)
        try:
            value = Situation(situation)
        except ValueError:
            raise InputError("bad_situation", f"Situation inconnue : « {situation} ».") from None
        with self.ctx.write() as s:
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            today = self.ctx.now_local(self.ctx.site_row(s).timezone).date()
            if since > today + timedelta(days=31):
                raise InputError("far_future", "La situation se note au plus un mois à l'avance.")
            row = s.exec(
                select(YouthSituation).where(
                    YouthSituation.youth_id == youth.id,
                    YouthSituation.since == since,
                    YouthSituation.deleted == False,
                )
            ).first() or YouthSituation(youth_id=youth.id, since=since, situation=value.value)
            row.situation, row.recorded_by = value.value, actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="situation",
                entity="youth_situation",
                entity_id=row.id,
                youth_id=youth.id,
                after={"since": since.isoformat(), "situation": value.value},
            )
            return SituationView(row.id, row.youth_id, row.since, value)

    def remove_situation(self, *, actor: Actor, situation_id: str) -> Changes:
        require(actor, Perm.FOLLOW_UP)
        with self.ctx.write() as s:
            row = s.get(YouthSituation, situation_id)
            if row is None or row.deleted:
                raise NotFound("unknown_situation", "Situation introuvable.")
            row.deleted = True
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="delete",
                entity="youth_situation",
                entity_id=row.id,
                youth_id=row.youth_id,
            )
            return Changes.of("youths", ids=(row.youth_id,))

    # --- the report -----------------------------------------------------------------------------------
    def participants(self, *, actor: Actor, operation: str, period: Period) -> FseReport:
        require_report(actor)
        wanted = _norm(operation)
        if not wanted:
            raise InputError("no_operation", "Indiquez l'opération financée (--operation NOM).")
        enabled = self.optional_items()
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            type_ids = [t.id for t in s.exec(select(AppointmentType)) if _norm(t.funded_operation) == wanted]
            kind_codes = [k.code for k in workshop_kinds(s).values() if _norm(k.funded_operation) == wanted]
            if not type_ids and not kind_codes:
                known = ", ".join(f"« {n} »" for n in self.operations()) or "aucune"
                raise InputError(
                    "unknown_operation",
                    f"Aucun type de rendez-vous ni d'atelier n'est rattaché à l'opération « {operation.strip()} » "
                    f"(opérations connues : {known}). Rattachez-les dans Rapports → Barème et financements.",
                )
            actions = self._actions(s, site.id, type_ids, kind_codes, period, now)
            by_youth: dict[str, list[_Action]] = defaultdict(list)
            for a in actions:
                by_youth[a.youth_id].append(a)
            ids = [
                y
                for y, acts in by_youth.items()
                if any(a.attended and a.start.date() in period for a in acts)
            ]
            youths = {
                y.id: y for part in chunks(ids) for y in s.exec(select(Youth).where(col(Youth.id).in_(part)))
            }
            profiles = {
                p.youth_id: p
                for part in chunks(ids)
                for p in s.exec(
                    select(YouthProfile).where(
                        col(YouthProfile.youth_id).in_(part), YouthProfile.deleted == False
                    )
                )
            }
            history: dict[str, list[tuple[date, str]]] = defaultdict(list)
            for part in chunks(ids):
                q = sa_select(
                    col(YouthSituation.youth_id), col(YouthSituation.since), col(YouthSituation.situation)
                ).where(col(YouthSituation.youth_id).in_(part), col(YouthSituation.deleted) == False)
                for yid, since, situation in s.execute(q).tuples():
                    history[yid].append((since, situation))
            head = header(s, self.ctx, actor)
        out = []
        for yid in ids:
            y = youths.get(yid)
            if y is None or y.deleted:
                continue
            acts = by_youth[yid]
            attended = sorted(a.start.date() for a in acts if a.attended)
            entry = attended[0]
            still = any(a.planned for a in acts)
            exit_ = None if still else attended[-1]
            situations = sorted(history.get(yid, []))
            entry_situation = _situation_at_entry(situations, entry)
            exit_situation = _situation_at_exit(situations, entry, exit_) if exit_ else ""
            prof = profiles.get(yid)
            optional = {i.value: getattr(prof, i.value) if prof else "" for i in enabled}
            facts = ParticipantFacts(
                sex=prof.sex if prof else "",
                birth_date=y.birth_date,
                phone=y.phone,
                email=y.email,
                diploma_level=prof.diploma_level if prof else "",
                entry_situation=entry_situation,
                exit_situation=exit_situation,
                exited=exit_ is not None,
                optional=optional,
                sensitive_consent=bool(prof and prof.sensitive_consent),
            )
            out.append(
                Participant(
                    yid,
                    y.external_id,
                    y.last_name,
                    y.first_name,
                    facts.sex,
                    y.birth_date,
                    age_on(y.birth_date, entry),
                    y.phone,
                    y.email,
                    facts.diploma_level,
                    entry,
                    exit_,
                    entry_situation,
                    exit_situation,
                    len(attended),
                    optional,
                    tuple(missing_items(facts, enabled)),
                )
            )
        out.sort(key=lambda p: (fold(p.last_name), fold(p.first_name), p.youth_id))
        name = " ".join(operation.split())
        return FseReport(head, name, period, tuple(out), enabled)

    @staticmethod
    def _actions(
        s: Session,
        site_id: str,
        type_ids: Sequence[str],
        kind_codes: Sequence[str],
        period: Period,
        now: datetime,
    ) -> list[_Action]:
        """Every attended action of the operation up to the period's end, and the ones still planned."""
        out: list[_Action] = []
        A = Appointment
        if type_ids:
            q = sa_select(col(A.youth_id), col(A.start), col(A.status)).where(
                col(A.site_id) == site_id,
                col(A.deleted) == False,
                col(A.type_id).in_(list(type_ids)),
                col(A.status).in_(("seen", "arrived", "booked")),
            )
            for yid, start, status in s.execute(q).tuples():
                attended = status in ("seen", "arrived") and start < period.hi
                planned = status == "booked" and start >= now
                if attended or planned:
                    out.append(_Action(yid, start, attended, planned))
        if kind_codes:
            S, R = WorkshopSession, WorkshopRegistration
            q2 = (
                sa_select(col(R.youth_id), col(S.start), col(R.attendance))
                .join(S, col(S.id) == col(R.session_id))
                .join(WorkshopSeries, col(WorkshopSeries.id) == col(S.series_id))
                .where(
                    col(S.site_id) == site_id,
                    col(S.deleted) == False,
                    col(S.status) != "cancelled",
                    col(R.deleted) == False,
                    col(R.status) == "confirmed",
                    col(WorkshopSeries.kind_code).in_(list(kind_codes)),
                )
            )
            for yid, start, attendance in s.execute(q2).tuples():
                attended = attendance in ("present", "late") and start < period.hi
                planned = attendance == "" and start >= now
                if attended or planned:
                    out.append(_Action(yid, start, attended, planned))
        return out


def _situation_at_entry(history: Sequence[tuple[date, str]], entry: date) -> str:
    """The situation in force on the entry day, else the first one noted within four weeks after it."""
    before = [sit for since, sit in history if since <= entry]
    if before:
        return before[-1]
    soon = [sit for since, sit in history if entry < since <= entry + timedelta(days=EXIT_WINDOW_DAYS)]
    return soon[0] if soon else ""


def _situation_at_exit(history: Sequence[tuple[date, str]], entry: date, exit_: date) -> str:
    """The last situation noted after the entry and within four weeks of the exit (the FSE+ "immediate
    result"): the entry situation itself does not say where the young person left to."""
    after = [sit for since, sit in history if entry < since <= exit_ + timedelta(days=EXIT_WINDOW_DAYS)]
    return after[-1] if after else ""
