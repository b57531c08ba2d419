"""Appointments left in the way by an absence, a closure or a holiday, and what the desk does with them.

`affected()` lists the booked appointments still to come that could not be booked as they stand
(`domain.impact`): the settings page shows them as soon as an absence or a closure is saved, the day
grid marks them, the day page offers to deal with them. Each one is then moved (the booking dialog in
move mode), switched to the phone (`switch_to_remote`, a closure only), cancelled, or put on the call
list (`add_to_call_list`): reception calls the young person, and ticks the call (`mark_called`).

The call list of such changes is kept in `meta` under one key (like the reminder calls' ticks), so
every workstation of the site sees it; an entry goes when its appointment is no longer booked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.impact import Cause, Unavailable, why_unavailable
from mlplanner.domain.labels import MODE_FR
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.services import audit
from mlplanner.services.booking.appointments import AUDIT_FIELDS, BookingResult, get_own_appointment
from mlplanner.services.booking.availability import AbsenceSpan, SiteCalendar, load_calendar
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import appointment_views
from mlplanner.storage.snapshot_memo import memoised
from mlplanner.storage.tables import Meta, Youth

NOTICES_KEY = "calls:notify"
HORIZON_DAYS = 92  # as far as the free-slot finder looks


@dataclass(frozen=True)
class Affected:
    appointment: AppointmentView
    why: Unavailable
    phone: str  # the young person's, to call them
    on_call_list: bool = False
    called_by: str = ""  # who ticked the call, once made

    @property
    def dealt_with(self) -> bool:
        """Reception has it in hand (on the call list): the grid's warning becomes a phone sign."""
        return self.on_call_list


def _notices(s: Session) -> dict[str, dict[str, str]]:
    row = s.get(Meta, NOTICES_KEY)
    try:
        value = json.loads(row.value) if row is not None and row.value else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _save_notices(s: Session, notices: dict[str, dict[str, str]]) -> None:
    row = s.get(Meta, NOTICES_KEY) or Meta(key=NOTICES_KEY)
    row.value = json.dumps(notices, sort_keys=True)
    s.add(row)


@checked_dates
class ImpactService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------------
    def affected(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        counsellor: str | None = None,
        among: Sequence[AppointmentView] | None = None,
    ) -> list[Affected]:
        """Booked appointments from `start` (default: now) to `end` (default: three months ahead) that an
        absence, a closure or a holiday leaves in the way, in time order.

        `among`: the appointments a caller already read for those days (a day view's schedule): only
        those are checked, and they are not read again (issue 19: the day view read its day twice)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            first = max(start or now.date(), now.date())
            last = end or now.date() + timedelta(days=HORIZON_DAYS)
            if last < first:
                return []
            cid = find_staff(s, counsellor).id if counsellor else None
            lo, hi = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
            if among is None:
                candidates = appointment_views(
                    s,
                    start=lo,
                    end=hi,
                    counsellor_id=cid,
                    statuses=(Status.BOOKED.value,),
                    include_cancelled=False,
                )
            else:
                candidates = [
                    a
                    for a in among
                    if a.status is Status.BOOKED
                    and lo <= a.start < hi
                    and (cid is None or a.counsellor_id == cid)
                ]
            rows = [a for a in candidates if a.end > now]
            if not rows:
                return []
            staff_ids = tuple(sorted({a.counsellor_id for a in rows}))
            # the calendar of these days and people: read once per state of the file (a day view asks
            # again at every refresh; `storage.snapshot_memo`)
            closures, holidays, absences = memoised(
                s,
                ("impact.calendar", site.id, first, last, staff_ids),
                lambda: _calendar(load_calendar(s, site, first, last, list(staff_ids))),
            )
            notices = _notices(s)
            found: list[tuple[AppointmentView, Unavailable]] = []
            closed: dict[date, str | None] = {}  # the closure's reason per day (a day view: one day)
            for a in rows:
                day = a.start.date()
                if day not in closed:
                    closed[day] = next((r for c0, c1, r in closures if c0 <= day <= c1), None)
                why = why_unavailable(
                    start=a.start,
                    end=a.end,
                    mode=a.mode,
                    status=a.status,
                    absences=absences.get(a.counsellor_id, ()),  # (start, end, reason) each
                    closure=closed[day],
                    holiday=holidays.get(day),
                )
                if why is not None:
                    if why.cause is Cause.ABSENCE:
                        why = Unavailable(why.cause, why.detail, a.counsellor_name)
                    found.append((a, why))
            phones: dict[str, str] = {}
            if found:  # a day without a mark (most days) asks the server nothing more
                q = select(Youth.id, Youth.phone).where(col(Youth.id).in_({a.youth_id for a, _ in found}))
                phones = {row[0]: row[1] for row in s.execute(q)}
        return [
            Affected(
                a,
                why,
                phones.get(a.youth_id, ""),
                on_call_list=a.id in notices,
                called_by=notices.get(a.id, {}).get("called_by", ""),
            )
            for a, why in found
        ]

    def call_notices(self) -> list[Affected]:
        """The affected appointments put on the call list (called or not yet), in time order.

        An empty call list (most days) answers without reading three months of appointments: at
        network size that read was 0.5–0.9 s of CPU at every start (the call list page, issue 19)."""
        with self.ctx.read() as s:
            if not _notices(s):
                return []
        return [x for x in self.affected() if x.on_call_list]

    # --- dealing with them -------------------------------------------------------------------------
    def add_to_call_list(self, *, actor: Actor, appointment_ids: Sequence[str], reason: str = "") -> Changes:
        """Reception will call these young people about their appointment (moved, cancelled...)."""
        require(actor, Perm.BOOK)
        if not appointment_ids:
            raise InputError("nothing_selected", "Choisissez au moins un rendez-vous.")
        with self.ctx.write() as s:
            notices = _notices(s)
            at = self.ctx.clock.now_utc().isoformat()
            for aid in appointment_ids:
                row = get_own_appointment(s, self.ctx, aid)
                if Status(row.status) is not Status.BOOKED:
                    raise RuleViolation(
                        "not_booked", "Ce rendez-vous n'est plus prévu : rien à annoncer au jeune."
                    )
                notices.setdefault(row.id, {"by": actor.name, "at": at, "why": reason.strip()})
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="call_list_add",
                    entity="appointment",
                    entity_id=row.id,
                    youth_id=row.youth_id,
                    reason=reason.strip(),
                )
            _save_notices(s, self._pruned(s, notices))
        return Changes.of("calls", "appointments", ids=tuple(appointment_ids))

    def mark_called(self, *, actor: Actor, appointment_id: str, done: bool = True) -> Changes:
        """The young person was called about the change (or the tick is taken back)."""
        require(actor, Perm.BOOK)
        with self.ctx.write() as s:
            notices = _notices(s)
            entry = notices.get(appointment_id)
            if entry is None:
                raise InputError("not_on_call_list", "Ce rendez-vous n'est pas sur la liste d'appels.")
            entry["called_by"] = actor.name if done else ""
            entry["called_at"] = self.ctx.clock.now_utc().isoformat() if done else ""
            _save_notices(s, notices)
            audit.record(
                s,
                self.ctx,
                actor,
                action="reminder_call" if done else "reminder_call_undone",
                entity="appointment",
                entity_id=appointment_id,
            )
        return Changes.of("calls", ids=(appointment_id,))

    def switch_to_remote(
        self, *, actor: Actor, appointment_id: str, mode: Mode = Mode.PHONE
    ) -> BookingResult:
        """One appointment by phone (or video) instead of on site: its room is freed. For a site
        closure, when the counsellor works remotely."""
        require(actor, Perm.BOOK)
        mode = Mode(mode)
        if mode is Mode.ON_SITE:
            raise InputError(
                "bad_mode", "Le basculement se fait vers le téléphone, la visio ou hors les murs.", mode=mode
            )
        with self.ctx.write() as s:
            row = get_own_appointment(s, self.ctx, appointment_id)
            if Status(row.status) is not Status.BOOKED:
                raise RuleViolation("not_movable", "Seul un rendez-vous encore prévu peut être déplacé.")
            before = audit.snapshot(row, AUDIT_FIELDS)
            row.mode, row.room_id, row.updated_by = mode.value, None, actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="switch_mode",
                entity="appointment",
                entity_id=row.id,
                youth_id=row.youth_id,
                reason=f"bascule {MODE_FR[mode]}",
                before=before,
                after=audit.snapshot(row, AUDIT_FIELDS),
            )
            view = appointment_views(s, ids=[row.id])[0]
        return BookingResult(view, Changes.of("appointments", ids=(view.id,)))

    def _pruned(self, s: Session, notices: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        """Entries whose appointment is still booked and not past: the others have nothing to say."""
        if not notices:
            return notices
        site = self.ctx.site_row(s)
        now = self.ctx.now_local(site.timezone)
        live = {
            a.id for a in appointment_views(s, ids=list(notices)) if a.status is Status.BOOKED and a.end > now
        }
        return {k: v for k, v in notices.items() if k in live}


def _calendar(
    cal: SiteCalendar,
) -> tuple[tuple[tuple[date, date, str], ...], dict[date, str], dict[str, list[AbsenceSpan]]]:
    """The closures (first day, last day, reason), holidays and absences of a calendar, as plain
    values (kept between transactions: no ORM row)."""
    return tuple((c.start_date, c.end_date, c.reason) for c in cal.closures), cal.holidays, cal.absences
