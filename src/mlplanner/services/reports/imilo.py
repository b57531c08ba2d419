"""The i-milo re-entry list: a counsellor's appointments and their young people's workshop lines of a day
or a week, in i-milo's own words (`domain.imilo`), the i-milo file number first, and a "keyed in i-milo"
tick per line kept in the file and synced, so that nothing is keyed twice and what is left shows.

Whose line is it: an appointment is its counsellor's; a workshop line is the young person's referent's
(they key it into the young person's i-milo file), else the prescriber's, else the facilitator's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.ids import imilo_tick_id
from mlplanner.domain.imilo import SESSION_WORDS, appointment_word, registration_word
from mlplanner.domain.labels import MODE_FR
from mlplanner.domain.models import Changes
from mlplanner.domain.periods import Period
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import local_now
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.services.reports.common import (
    ReportHeader,
    chunks,
    header,
    own_list,
    require_report,
    staff_names,
)
from mlplanner.services.workshops.terms import session_state
from mlplanner.storage.followup_tables import ImiloTick
from mlplanner.storage.tables import Appointment, AppointmentType, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

APPOINTMENT = "appointment"
REGISTRATION = "registration"
MAX_DAYS = 93  # a re-entry list covers a day or a week; a quarter at most


@dataclass(frozen=True)
class ImiloLine:
    item_kind: str  # "appointment" | "registration"
    item_id: str
    external_id: str  # the i-milo file number, as text (leading zeros kept)
    last_name: str
    first_name: str
    day: date
    start: time
    end: time
    activity: str  # "Entretien individuel – Entretien de suivi", "Atelier – Atelier CV"
    mode: str  # "sur place", "téléphone"… ; "collectif" for a workshop
    status: str  # the i-milo word
    session_state: str  # the session's i-milo state ("" for an appointment)
    counsellor_id: str
    counsellor_name: str
    keyed: bool = False
    keyed_by: str = ""
    keyed_at: datetime | None = None  # the site's wall clock


@dataclass(frozen=True)
class ImiloReport:
    header: ReportHeader
    period: Period
    counsellor_name: str  # "" for every counsellor of the site
    lines: tuple[ImiloLine, ...]

    @property
    def left_to_key(self) -> int:
        return sum(1 for ln in self.lines if not ln.keyed)


def _rebooked(s: Session, rows: Sequence[Appointment]) -> set[str]:
    """Cancelled or excused appointments followed by a new appointment for the same young person, booked
    since (from the day before the cancellation on) for a later date: i-milo's "Reporté"."""
    A = Appointment
    gone = [
        r
        for r in rows
        if Status(r.status) in (Status.EXCUSED, Status.CANCELLED_BY_YOUTH, Status.CANCELLED_BY_ML)
    ]
    out: set[str] = set()
    by_youth: dict[str, list[Appointment]] = defaultdict(list)
    for r in gone:
        by_youth[r.youth_id].append(r)
    for part in chunks(list(by_youth)):
        q = select(A.youth_id, A.start, A.created_at).where(
            col(A.youth_id).in_(part),
            A.deleted == False,
            col(A.status).notin_((Status.CANCELLED_BY_YOUTH.value, Status.CANCELLED_BY_ML.value)),
        )
        for yid, start, created in s.exec(q):
            created = created if created.tzinfo else created.replace(tzinfo=UTC)
            for r in by_youth[yid]:
                changed = r.updated_at if r.updated_at.tzinfo else r.updated_at.replace(tzinfo=UTC)
                if start > r.start and created >= changed - timedelta(days=1):
                    out.add(r.id)
    return out


@checked_dates
class ImiloService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def lines(self, *, actor: Actor, period: Period, counsellor: str | None = None) -> ImiloReport:
        """The lines to key into i-milo for a counsellor (or every counsellor) over a day or a week."""
        if (period.end - period.start).days >= MAX_DAYS:
            raise InputError(
                "period_too_long", "La liste i-milo porte sur un jour ou une semaine (trois mois au plus)."
            )
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            counsellor = own_list(actor, counsellor)
            who = find_staff(s, counsellor) if counsellor else None
            require_report(actor, counsellor_id=who.id if who else None, own_ok=True)
            now = self.ctx.now_local(site.timezone)
            lines = self._appointment_lines(s, site.id, period, who.id if who else None, now)
            lines += self._workshop_lines(s, site.id, period, who.id if who else None, now)
            ticks = self._ticks(s, [ln.item_id for ln in lines])
            head = header(s, self.ctx, actor)
            tz = site.timezone
        out = []
        for ln in lines:
            t = ticks.get(ln.item_id)
            if t is not None and t.keyed:
                at = t.keyed_at
                local = local_now(at if at.tzinfo else at.replace(tzinfo=UTC), tz) if at else None
                ln = replace(ln, keyed=True, keyed_by=t.keyed_by, keyed_at=local)
            out.append(ln)
        out.sort(
            key=lambda ln: (
                fold(ln.counsellor_name),
                ln.day,
                ln.start,
                fold(ln.last_name),
                fold(ln.first_name),
            )
        )
        name = f"{who.first_name} {who.last_name}" if who else ""
        return ImiloReport(head, period, name, tuple(out))

    def _appointment_lines(
        self, s: Session, site_id: str, period: Period, counsellor_id: str | None, now: datetime
    ) -> list[ImiloLine]:
        A = Appointment
        q = (
            sa_select(
                A,
                col(Youth.first_name),
                col(Youth.last_name),
                col(Youth.external_id),
                col(AppointmentType.label),
            )
            .join(Youth, col(Youth.id) == col(A.youth_id))
            .join(AppointmentType, col(AppointmentType.id) == col(A.type_id))
            .where(
                col(A.site_id) == site_id,
                col(A.deleted) == False,
                col(A.start) >= period.lo,
                col(A.start) < period.hi,
            )
        )
        if counsellor_id:
            q = q.where(col(A.counsellor_id) == counsellor_id)
        rows = list(s.execute(q).tuples())
        appts = [r[0] for r in rows]
        rebooked = _rebooked(s, appts)
        names = staff_names(s, [a.counsellor_id for a in appts])
        out = []
        for a, first, last, ext, label in rows:
            word = appointment_word(Status(a.status), past=a.end <= now, rebooked=a.id in rebooked)
            out.append(
                ImiloLine(
                    APPOINTMENT,
                    a.id,
                    ext,
                    last,
                    first,
                    a.start.date(),
                    a.start.time(),
                    a.end.time(),
                    f"Entretien individuel – {label}",
                    MODE_FR[Mode(a.mode)],
                    word.value,
                    "",
                    a.counsellor_id,
                    names.get(a.counsellor_id, ""),
                )
            )
        return out

    def _workshop_lines(
        self, s: Session, site_id: str, period: Period, counsellor_id: str | None, now: datetime
    ) -> list[ImiloLine]:
        S, R = WorkshopSession, WorkshopRegistration
        q = (
            sa_select(
                R,
                S,
                col(WorkshopSeries.title),
                col(Youth.first_name),
                col(Youth.last_name),
                col(Youth.external_id),
                col(Youth.referent_id),
            )
            .join(S, col(S.id) == col(R.session_id))
            .join(WorkshopSeries, col(WorkshopSeries.id) == col(S.series_id))
            .join(Youth, col(Youth.id) == col(R.youth_id))
            .where(
                col(S.site_id) == site_id,
                col(S.deleted) == False,
                col(R.deleted) == False,
                col(S.start) >= period.lo,
                col(S.start) < period.hi,
            )
        )
        rows = list(s.execute(q).tuples())
        session_ids = sorted({r[1].id for r in rows})
        confirmed: dict[str, int] = defaultdict(int)
        recorded: dict[str, int] = defaultdict(int)
        for part in chunks(session_ids):
            recorded_col = col(R.attendance) != ""
            counts = (
                sa_select(col(R.session_id), recorded_col, func.count())
                .where(col(R.session_id).in_(part), col(R.deleted) == False, col(R.status) == "confirmed")
                .group_by(col(R.session_id), recorded_col)
            )
            for sid, has_attendance, n in s.execute(counts).tuples():
                confirmed[sid] += n
                if has_attendance:
                    recorded[sid] += n
        owners: list[tuple[Any, str]] = []
        for row in rows:
            reg, ses, referent_id = row[0], row[1], row[6]
            owner = referent_id or reg.prescriber_id or ses.facilitator_id or ""
            if counsellor_id and owner != counsellor_id:
                continue
            owners.append((row, owner))
        names = staff_names(s, [o for _, o in owners])
        out = []
        for row, owner in owners:
            reg, ses, title, first, last, ext, _ = row
            word = registration_word(
                registration_status=reg.status,
                attendance=reg.attendance,
                session_cancelled=ses.status == "cancelled",
            )
            if word is None:
                continue
            state = session_state(ses.status, ses.start, now, confirmed[ses.id], recorded[ses.id])
            out.append(
                ImiloLine(
                    REGISTRATION,
                    reg.id,
                    ext,
                    last,
                    first,
                    ses.start.date(),
                    ses.start.time(),
                    ses.end.time(),
                    f"Atelier – {title}",
                    "collectif",
                    word.value,
                    SESSION_WORDS[state.value].value,
                    owner,
                    names.get(owner, "Sans référent"),
                )
            )
        return out

    @staticmethod
    def _ticks(s: Session, ids: Sequence[str]) -> dict[str, ImiloTick]:
        out: dict[str, ImiloTick] = {}
        for part in chunks(list(ids)):
            for t in s.exec(
                select(ImiloTick).where(col(ImiloTick.item_id).in_(part), ImiloTick.deleted == False)
            ):
                out[t.item_id] = t
        return out

    def tick(self, *, actor: Actor, item_ids: Sequence[str], keyed: bool = True) -> Changes:
        """Mark lines as keyed into i-milo (or not any more). Lines of another site are refused."""
        require(actor, Perm.FOLLOW_UP)
        if not item_ids:
            return Changes()
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.clock.now_utc()
            for item_id in dict.fromkeys(item_ids):
                kind, owner, youth_id = self._item(s, item_id)
                if owner != site.id:
                    raise RuleViolation(
                        "other_site_line",
                        "Cette ligne concerne un autre site : elle se coche sur le poste de ce site.",
                    )
                row = s.get(ImiloTick, imilo_tick_id(item_id))
                if row is None:
                    if not keyed:
                        continue
                    row = ImiloTick(
                        id=imilo_tick_id(item_id), site_id=site.id, item_kind=kind, item_id=item_id
                    )
                if row.keyed == keyed and not row.deleted and row.hlc:
                    continue
                row.keyed, row.deleted = keyed, False
                row.keyed_by, row.keyed_at = (actor.name, now) if keyed else ("", None)
                s.add(row)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="imilo_keyed" if keyed else "imilo_unkeyed",
                    entity=kind,
                    entity_id=item_id,
                    youth_id=youth_id,
                )
        return Changes.of("imilo", ids=tuple(item_ids))

    @staticmethod
    def _item(s: Session, item_id: str) -> tuple[str, str, str]:
        """(kind, owning site id, youth id) of an appointment or a workshop registration."""
        appt = s.get(Appointment, item_id)
        if appt is not None and not appt.deleted:
            return APPOINTMENT, appt.site_id, appt.youth_id
        reg = s.get(WorkshopRegistration, item_id)
        if reg is not None and not reg.deleted:
            ses = s.get(WorkshopSession, reg.session_id)
            if ses is not None:
                return REGISTRATION, ses.site_id, reg.youth_id
        raise NotFound("unknown_line", "Ligne introuvable (rendez-vous ou inscription supprimé ?).")
