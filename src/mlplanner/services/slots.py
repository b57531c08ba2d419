"""Free-slot finder: the next free starts for an appointment type, with every booking rule honoured.

One start time gives one slot: with "any counsellor", the referent if free, otherwise the counsellor
with the fewest appointments that day (spreads the load). Data is read a week at a time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..domain.enums import Mode, Role
from ..domain.errors import InputError
from ..domain.hours import WeeklyHours, available_on
from ..domain.intervals import Interval, subtract
from ..domain.models import Slot
from ..domain.slots import candidate_starts, is_free
from ..storage.tables import Room, Staff, Youth
from .availability import appointment_spans, load_calendar
from .context import ServiceContext
from .directory import find_staff, find_type
from .rules import BOOKABLE_ROLES, room_candidates

STEP = timedelta(minutes=15)
HORIZON_DAYS = 92
WINDOW_DAYS = 7


class SlotService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def find(
        self,
        *,
        type_code: str,
        counsellor: str | None = None,
        youth_id: str | None = None,
        start: datetime | date | None = None,
        count: int = 10,
        mode: Mode | None = None,
    ) -> list[Slot]:
        if not 1 <= count <= 200:
            raise InputError("bad_count", "Le nombre de créneaux doit être compris entre 1 et 200.")
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            atype = find_type(s, type_code)
            mode = Mode(mode or atype.mode)
            needs_room = mode.needs_room and atype.needs_room
            youth = s.get(Youth, youth_id) if youth_id else None
            if youth_id and youth is None:
                raise InputError("unknown_youth", f"Aucun jeune ne correspond à « {youth_id} ».")
            if counsellor:
                staff = [find_staff(s, counsellor)]
                if staff[0].role not in BOOKABLE_ROLES:
                    raise InputError(
                        "not_bookable", f"{staff[0].first_name} {staff[0].last_name} ne reçoit pas de jeunes."
                    )
            else:
                staff = list(
                    s.exec(
                        select(Staff)
                        .where(
                            Staff.site_id == site.id,
                            Staff.active == True,
                            Staff.deleted == False,  # noqa: E712
                            Staff.role == Role.COUNSELLOR.value,
                        )
                        .order_by(Staff.last_name, Staff.first_name)
                    ).scalars()
                )
            referent = youth.referent_id if youth else None
            rooms = list(s.exec(select(Room).where(Room.site_id == site.id)).scalars())
            if isinstance(start, datetime):
                not_before = max(start, now)
            else:
                not_before = max(datetime.combine(start, time.min), now) if start else now
            duration = timedelta(minutes=atype.duration_min)
            buffer = timedelta(minutes=atype.buffer_min)
            hours = WeeklyHours.from_json(site.opening_hours)
            patterns = {c.id: WeeklyHours.from_json(c.working_pattern) for c in staff}
            found: list[Slot] = []
            day0 = not_before.date()
            for w in range(0, HORIZON_DAYS, WINDOW_DAYS):
                w_start = day0 + timedelta(days=w)
                w_end = w_start + timedelta(days=WINDOW_DAYS - 1)
                cal = load_calendar(s, site, w_start, w_end, [c.id for c in staff])
                spans = appointment_spans(
                    s,
                    datetime.combine(w_start, time.min),
                    datetime.combine(w_end + timedelta(days=1), time.min),
                    counsellor_ids=[c.id for c in staff],
                    room_ids=[r.id for r in rooms] if needs_room else None,
                    youth_ids=[youth.id] if youth else None,
                )
                by_staff: dict[str, list[Interval]] = defaultdict(list)
                by_room: dict[str, list[Interval]] = defaultdict(list)
                youth_busy: list[Interval] = []
                load: dict[tuple[str, date], int] = defaultdict(int)
                for sp in spans:
                    by_staff[sp.counsellor_id].append(sp.interval)
                    if sp.room_id:
                        by_room[sp.room_id].append(sp.interval)
                    if youth and sp.youth_id == youth.id:
                        youth_busy.append(sp.core)  # the youth is free during a buffer
                    load[(sp.counsellor_id, sp.interval.start.date())] += 1
                for offset in range(WINDOW_DAYS):
                    day = w_start + timedelta(days=offset)
                    if day in cal.holidays or cal.closure_on(day):
                        continue
                    per_start: dict[datetime, tuple[tuple, Slot]] = {}
                    for c in staff:
                        working = subtract(available_on(day, hours, patterns[c.id]), cal.absences_of(c.id))
                        if not working:
                            continue
                        busy = by_staff.get(c.id, [])
                        cand_rooms = (
                            room_candidates(rooms, c, youth, 1)
                            if (needs_room and youth)
                            else (room_candidates(rooms, c, _ANY_YOUTH, 1) if needs_room else [])
                        )
                        for t in candidate_starts(
                            working, busy, duration=duration, buffer=buffer, step=STEP, not_before=not_before
                        ):
                            if not is_free(t, t + duration, youth_busy):
                                continue
                            room = None
                            if needs_room:
                                room = next(
                                    (
                                        r
                                        for r in cand_rooms
                                        if is_free(t, t + duration + buffer, by_room.get(r.id, []))
                                    ),
                                    None,
                                )
                                if room is None:
                                    continue
                            rank = (c.id != referent, load[(c.id, day)], c.last_name)
                            if t not in per_start or rank < per_start[t][0]:
                                per_start[t] = (
                                    rank,
                                    Slot(
                                        t,
                                        t + duration,
                                        c.id,
                                        f"{c.first_name} {c.last_name}",
                                        room.id if room else None,
                                        room.name if room else None,
                                    ),
                                )
                    for t in sorted(per_start):
                        found.append(per_start[t][1])
                        if len(found) >= count:
                            return found
            return found


class _AnyYouth:
    needs_accessible_room = False


_ANY_YOUTH = _AnyYouth()
