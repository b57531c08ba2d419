"""Orientations to partners (social services, health insurance, housing, justice, training...): who was
oriented where, when, by whom, and the outcome when it is known (e.g. rights opened)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.followup_periods import OUTCOME_FR, PARTNER_FR, Outcome, PartnerKind
from mlplanner.domain.models import Changes
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.followup_tables import Orientation
from mlplanner.storage.tables import Site, Staff, Youth

FIELDS = ("partner_kind", "partner_name", "oriented_on", "outcome", "outcome_on", "staff_id")


@dataclass(frozen=True)
class OrientationView:
    id: str
    youth_id: str
    site_code: str
    partner_kind: PartnerKind
    partner_name: str
    oriented_on: date
    staff_id: str | None
    staff_name: str
    outcome: Outcome
    outcome_on: date | None
    note: str

    @property
    def partner_label(self) -> str:
        return PARTNER_FR[self.partner_kind]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_FR[self.outcome]


def _kind(value: PartnerKind | str) -> PartnerKind:
    try:
        return PartnerKind(value)
    except ValueError:
        raise InputError("bad_partner", f"Partenaire inconnu : « {value} ».") from None


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        raise InputError("bad_outcome", f"Résultat inconnu : « {value} ».") from None


@checked_dates
class OrientationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _today(self, s: Session) -> date:
        return self.ctx.now_local(self.ctx.site_row(s).timezone).date()

    def of_youth(self, youth_id: str) -> tuple[OrientationView, ...]:
        with self.ctx.read() as s:
            rows = s.exec(
                select(Orientation, Site.code)
                .join(Site, col(Site.id) == Orientation.site_id)
                .where(Orientation.youth_id == youth_id, Orientation.deleted == False)
                .order_by(col(Orientation.oriented_on).desc())
            ).all()
            names = {i: f"{f} {n}" for i, f, n in s.exec(select(Staff.id, Staff.first_name, Staff.last_name))}
        return tuple(view(r, code, names) for r, code in rows)

    def record(
        self,
        *,
        actor: Actor,
        youth_id: str,
        partner_kind: PartnerKind | str,
        partner_name: str = "",
        oriented_on: date | None = None,
        outcome: Outcome | str = Outcome.PENDING,
        note: str = "",
    ) -> OrientationView:
        require(actor, Perm.FOLLOW_UP)
        kind, result = _kind(partner_kind), _outcome(outcome)
        partner_name, note = partner_name.strip(), note.strip()
        if len(partner_name) > 120 or len(note) > 300:
            raise InputError("too_long", "Organisme : 120 caractères au plus ; note : 300.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            today = self._today(s)
            day = oriented_on or today
            if day > today + timedelta(days=1):
                raise InputError("future_orientation", "Une orientation se note le jour où elle est faite.")
            row = Orientation(
                site_id=site.id,
                youth_id=youth.id,
                staff_id=actor.id or None,
                partner_kind=kind.value,
                partner_name=partner_name,
                oriented_on=day,
                outcome=result.value,
                outcome_on=None if result is Outcome.PENDING else today,
                note=note,
            )
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, actor, action="orientation", entity="orientation", entity_id=row.id,
                youth_id=youth.id, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
            return view(row, site.code, {actor.id: actor.name} if actor.id else {})

    def set_outcome(
        self, *, actor: Actor, orientation_id: str, outcome: Outcome | str, on: date | None = None
    ) -> Changes:
        """The partner's answer, when it is known (rights opened, taken in, refused...)."""
        require(actor, Perm.FOLLOW_UP)
        result = _outcome(outcome)
        with self.ctx.write() as s:
            row = s.get(Orientation, orientation_id)
            if row is None or row.deleted:
                raise NotFound("unknown_orientation", "Orientation introuvable.")
            if row.site_id != self.ctx.site_row(s).id:
                raise RuleViolation(
                    "other_site_orientation", "Cette orientation a été faite par un autre site."
                )
            today = self._today(s)
            day = on or today
            if day < row.oriented_on:
                raise InputError("outcome_before", "Le résultat ne peut précéder l'orientation.")
            if day > today:
                raise InputError("outcome_future", "Le résultat d'une orientation se note une fois connu.")
            before = audit.snapshot(row, FIELDS)
            row.outcome = result.value
            row.outcome_on = None if result is Outcome.PENDING else day
            s.add(row)
            audit.record(
                s, self.ctx, actor, action="orientation_outcome", entity="orientation", entity_id=row.id,
                youth_id=row.youth_id, before=before, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
            return Changes.of("youths", ids=(row.youth_id,))


def view(row: Orientation, site_code: str, names: dict[str, str]) -> OrientationView:
    return OrientationView(
        row.id,
        row.youth_id,
        site_code,
        PartnerKind(row.partner_kind),
        row.partner_name,
        row.oriented_on,
        row.staff_id,
        names.get(row.staff_id or "", ""),
        Outcome(row.outcome),
        row.outcome_on,
        row.note,
    )
