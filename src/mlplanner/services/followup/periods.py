"""Follow-up periods (see `domain.followup_periods`): start, renew once, end plainly or with a lighter
follow-up that plans the next contact; the list of follow-ups ending within 30 days per counsellor; where
each young person stands, for the portfolio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.followup_periods import (
    ENDING_SOON_DAYS,
    LIGHT_CONTACT_DAYS,
    MAX_RENEWALS,
    PERIOD_MONTHS,
    EndReason,
    PeriodKind,
    PeriodStanding,
    add_months,
)
from mlplanner.domain.models import Changes
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.followup_tables import FollowupPeriod
from mlplanner.storage.tables import Staff, Youth

FIELDS = (
    "kind",
    "start",
    "planned_end",
    "renewed_on",
    "ended_on",
    "end_reason",
    "next_contact_on",
    "counsellor_id",
)


@dataclass(frozen=True)
class PeriodView:
    id: str
    youth_id: str
    youth_name: str
    external_id: str
    counsellor_id: str | None
    counsellor_name: str
    kind: PeriodKind
    start: date
    planned_end: date
    renewed_on: date | None
    ended_on: date | None
    end_reason: EndReason
    next_contact_on: date | None
    note: str

    @property
    def open(self) -> bool:
        return self.ended_on is None

    @property
    def can_renew(self) -> bool:
        return self.open and self.kind is PeriodKind.PERSONAL and self.renewed_on is None

    @property
    def standing(self) -> PeriodStanding:
        return PeriodStanding(
            self.kind, self.start, self.planned_end, self.renewed_on is not None, self.ended_on
        )


def _view(row: FollowupPeriod, youth: Youth | None, names: dict[str, str]) -> PeriodView:
    return PeriodView(
        row.id,
        row.youth_id,
        f"{youth.last_name.upper()} {youth.first_name}" if youth else "",
        youth.external_id if youth else "",
        row.counsellor_id,
        names.get(row.counsellor_id or "", ""),
        PeriodKind(row.kind),
        row.start,
        row.planned_end,
        row.renewed_on,
        row.ended_on,
        EndReason(row.end_reason),
        row.next_contact_on,
        row.note,
    )


@checked_dates
class PeriodService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _today(self, s: Session) -> date:
        return self.ctx.now_local(self.ctx.site_row(s).timezone).date()

    def _names(self, s: Session) -> dict[str, str]:
        return {i: f"{f} {n}" for i, f, n in s.exec(select(Staff.id, Staff.first_name, Staff.last_name))}

    def _open_of(self, s: Session, youth_id: str) -> FollowupPeriod | None:
        return s.exec(
            select(FollowupPeriod)
            .where(
                FollowupPeriod.youth_id == youth_id,
                FollowupPeriod.deleted == False,
                col(FollowupPeriod.ended_on).is_(None),
            )
            .order_by(col(FollowupPeriod.start).desc())
        ).first()

    def _get(self, s: Session, period_id: str) -> FollowupPeriod:
        row = s.get(FollowupPeriod, period_id)
        if row is None or row.deleted:
            raise NotFound("unknown_period", "Accompagnement introuvable.")
        if row.site_id != self.ctx.site_row(s).id:
            raise RuleViolation("other_site_period", "Cet accompagnement est suivi par un autre site.")
        return row

    # --- reading -------------------------------------------------------------------------------------
    def of_youth(self, youth_id: str) -> tuple[PeriodView, ...]:
        """Every follow-up period of the young person, newest first."""
        with self.ctx.read() as s:
            youth = s.get(Youth, youth_id)
            rows = s.exec(
                select(FollowupPeriod)
                .where(FollowupPeriod.youth_id == youth_id, FollowupPeriod.deleted == False)
                .order_by(col(FollowupPeriod.start).desc())
            ).all()
            names = self._names(s)
            # newest first; on the same day, the open one (a lighter follow-up) before the one it ended
            rows = sorted(rows, key=lambda r: (r.start, r.ended_on is None), reverse=True)
            return tuple(_view(r, youth, names) for r in rows)

    def standings(self, youth_ids: Sequence[str]) -> dict[str, PeriodView]:
        """The current (or last) period of each young person, for the portfolio."""
        out: dict[str, PeriodView] = {}
        with self.ctx.read() as s:
            names = self._names(s)
            for i in range(0, len(youth_ids), 500):
                part = list(youth_ids[i : i + 500])
                rows = s.exec(
                    select(FollowupPeriod, Youth)
                    .join(Youth, col(Youth.id) == FollowupPeriod.youth_id)
                    .where(col(FollowupPeriod.youth_id).in_(part), FollowupPeriod.deleted == False)
                    .order_by(col(FollowupPeriod.start))
                )
                for row, youth in rows:
                    current = out.get(row.youth_id)
                    if current is None or current.ended_on is not None or row.ended_on is None:
                        out[row.youth_id] = _view(row, youth, names)
        return out

    def ending_soon(
        self, *, counsellor: str | None = None, days: int = ENDING_SOON_DAYS
    ) -> tuple[PeriodView, ...]:
        """Open follow-ups of the site ending within `days` (overdue ones first), for a counsellor or all."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            today = self._today(s)
            q = (
                select(FollowupPeriod, Youth)
                .join(Youth, col(Youth.id) == FollowupPeriod.youth_id)
                .where(
                    FollowupPeriod.site_id == site.id,
                    FollowupPeriod.deleted == False,
                    col(FollowupPeriod.ended_on).is_(None),
                    FollowupPeriod.planned_end <= today + timedelta(days=days),
                )
                .order_by(col(FollowupPeriod.planned_end))
            )
            if counsellor:
                q = q.where(FollowupPeriod.counsellor_id == find_staff(s, counsellor).id)
            names = self._names(s)
            return tuple(_view(r, y, names) for r, y in s.exec(q))

    # --- acting --------------------------------------------------------------------------------------
    def start(
        self,
        *,
        actor: Actor,
        youth_id: str,
        start: date | None = None,
        counsellor: str | None = None,
        kind: PeriodKind = PeriodKind.PERSONAL,
        note: str = "",
    ) -> PeriodView:
        """Open a 6-month follow-up (refused while another one is open: end or renew it)."""
        require(actor, Perm.FOLLOW_UP)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            if self._open_of(s, youth.id) is not None:
                raise RuleViolation(
                    "period_open",
                    "Un accompagnement est déjà en cours pour ce jeune : terminez-le ou renouvelez-le.",
                )
            day = start or self._today(s)
            who = find_staff(s, counsellor).id if counsellor else (youth.referent_id or actor.id or None)
            row = FollowupPeriod(
                site_id=site.id,
                youth_id=youth.id,
                counsellor_id=who,
                kind=PeriodKind(kind).value,
                start=day,
                planned_end=add_months(day, PERIOD_MONTHS) - timedelta(days=1),
                note=note.strip()[:300],
                created_by=actor.id,
            )
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, actor, action="period_start", entity="followup_period", entity_id=row.id,
                youth_id=youth.id, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
            return _view(row, youth, self._names(s))

    def renew(self, *, actor: Actor, period_id: str) -> PeriodView:
        """Renew a personal follow-up once, for 6 more months from its planned end."""
        require(actor, Perm.FOLLOW_UP)
        with self.ctx.write() as s:
            row = self._get(s, period_id)
            if row.ended_on is not None:
                raise RuleViolation("period_ended", "Cet accompagnement est terminé : ouvrez-en un nouveau.")
            if row.kind != PeriodKind.PERSONAL or row.renewed_on is not None:
                raise RuleViolation(
                    "renewed_once",
                    f"L'accompagnement ne se renouvelle qu'{'une fois' if MAX_RENEWALS == 1 else f'{MAX_RENEWALS} fois'} : "
                    "terminez-le, avec ou sans suivi allégé.",
                )
            before = audit.snapshot(row, FIELDS)
            row.renewed_on = self._today(s)
            row.planned_end = add_months(row.planned_end + timedelta(days=1), PERIOD_MONTHS) - timedelta(
                days=1
            )
            s.add(row)
            audit.record(
                s, self.ctx, actor, action="period_renew", entity="followup_period", entity_id=row.id,
                youth_id=row.youth_id, before=before, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
            return _view(row, s.get(Youth, row.youth_id), self._names(s))

    def end(
        self,
        *,
        actor: Actor,
        period_id: str,
        light_followup: bool = False,
        next_contact: date | None = None,
        note: str = "",
    ) -> tuple[PeriodView, PeriodView | None]:
        """End a follow-up today; with `light_followup`, open the lighter one with its next contact (a date
        a month ahead unless given; the caller may book that appointment at once). Returns (ended, light)."""
        require(actor, Perm.FOLLOW_UP)
        with self.ctx.write() as s:
            row = self._get(s, period_id)
            if row.ended_on is not None:
                raise RuleViolation("period_ended", "Cet accompagnement est déjà terminé.")
            today = self._today(s)
            if next_contact is not None and next_contact < today:
                raise InputError("contact_in_past", "Le prochain contact doit être aujourd'hui ou plus tard.")
            before = audit.snapshot(row, FIELDS)
            row.ended_on = today
            row.end_reason = (EndReason.LIGHT if light_followup else EndReason.ENDED).value
            if note.strip():
                row.note = note.strip()[:300]
            s.add(row)
            light = None
            if light_followup:
                light = FollowupPeriod(
                    site_id=row.site_id,
                    youth_id=row.youth_id,
                    counsellor_id=row.counsellor_id,
                    kind=PeriodKind.LIGHT.value,
                    start=today,
                    planned_end=add_months(today, PERIOD_MONTHS) - timedelta(days=1),
                    next_contact_on=next_contact or today + timedelta(days=LIGHT_CONTACT_DAYS),
                    created_by=actor.id,
                )
                s.add(light)
            s.flush()
            audit.record(
                s, self.ctx, actor, action="period_end", entity="followup_period", entity_id=row.id,
                youth_id=row.youth_id, before=before, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
            youth, names = s.get(Youth, row.youth_id), self._names(s)
            return _view(row, youth, names), (_view(light, youth, names) if light else None)

    def set_next_contact(self, *, actor: Actor, period_id: str, day: date | None) -> PeriodView:
        """The planned contact of a follow-up (e.g. the appointment booked for it)."""
        require(actor, Perm.FOLLOW_UP)
        with self.ctx.write() as s:
            row = self._get(s, period_id)
            row.next_contact_on = day
            s.add(row)
            return _view(row, s.get(Youth, row.youth_id), self._names(s))


def changes_for(view: PeriodView) -> Changes:
    return Changes.of("youths", ids=(view.youth_id,))
