"""Free-slot finder: the next free starts for an appointment type, with every booking rule honoured.

One start time gives one slot: with "any counsellor", the referent if free, otherwise the counsellor
with the fewest appointments that day (spreads the load). Data is read for the first day alone, then
a week at a time: most searches are answered by the first day, and a week of a large site is thousands
of rows. When the type needs a room, the rooms' schedules are read first, and the counsellors' only for
the days when some office is free.
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
FIRST_WINDOWS = (1, 6)  # today (or the day asked) alone first: most searches end there


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
                if staff[0].role not in BOOKABLE_ROLES or not staff[0].active:
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
            rooms_of = {  # rooms to try per counsellor: the same every day (computed once)
                c.id: room_candidates(rooms, c, _ANY_YOUTH if youth is None else youth, 1)
                if needs_room
                else []
                for c in staff
            }
            offices = list({r.id: r for rs in rooms_of.values() for r in rs}.values())
            found: list[Slot] = []
            day0 = not_before.date()
            # closures, holidays and absences of the whole horizon: one read, not one per window
            cal = load_calendar(s, site, day0, day0 + timedelta(days=HORIZON_DAYS - 1), [c.id for c in staff])
            for w_start, w_end in _windows(day0):
                days = [
                    d
                    for d in (w_start + timedelta(days=o) for o in range((w_end - w_start).days + 1))
                    if d not in cal.holidays and not cal.closure_on(d)
                ]
                # busy spans per (counsellor or room, day): each check then scans one day, not a week
                by_staff: dict[tuple[str, date], list[Interval]] = defaultdict(list)
                by_room: dict[tuple[str, date], list[Interval]] = defaultdict(list)
                youth_busy: dict[date, list[Interval]] = defaultdict(list)
                load: dict[tuple[str, date], int] = defaultdict(int)
                room_free: dict[tuple[str, datetime], bool] = {}  # asked once per room and start
                if needs_room and days:
                    # rooms first: on a day when no office is free at any start, nobody can be booked,
                    # and the counsellors' (much longer) schedules need not be read at all
                    for sp in appointment_spans(
                        s,
                        datetime.combine(days[0], time.min),
                        datetime.combine(days[-1] + timedelta(days=1), time.min),
                        room_ids=[r.id for r in rooms],
                        labels=False,
                    ):
                        for d in _days(sp.interval):
                            if sp.room_id:
                                by_room[(sp.room_id, d)].append(sp.interval)
                    days = [
                        d
                        for d in days
                        if _some_room_free(
                            room_free, by_room, offices, hours, d, duration, buffer, not_before
                        )
                    ]
                read_until: date | None = None
                for day in days:
                    if read_until is None or day > read_until:
                        # the counsellors' schedules: the first open day alone (often enough), then
                        # the rest of the window
                        read_until = day if read_until is None else days[-1]
                        for sp in appointment_spans(
                            s,
                            datetime.combine(day, time.min),
                            datetime.combine(read_until + timedelta(days=1), time.min),
                            counsellor_ids=[c.id for c in staff],
                            youth_ids=[youth.id] if youth else None,
                            labels=False,
                        ):
                            for d in _days(sp.interval):
                                if d < day:
                                    continue  # read already with the previous day
                                by_staff[(sp.counsellor_id, d)].append(sp.interval)
                                if youth and sp.youth_id == youth.id:
                                    youth_busy[d].append(sp.core)  # the youth is free during a buffer
                            if sp.interval.start.date() >= day:
                                load[(sp.counsellor_id, sp.interval.start.date())] += 1
                    per_start: dict[datetime, tuple[tuple, Slot]] = {}
                    for c in staff:
                        working = subtract(available_on(day, hours, patterns[c.id]), cal.absences_of(c.id))
                        if not working:
                            continue
                        busy = by_staff.get((c.id, day), [])
                        cand_rooms = rooms_of[c.id]
                        for t in candidate_starts(
                            working, busy, duration=duration, buffer=buffer, step=STEP, not_before=not_before
                        ):
                            if not is_free(t, t + duration, youth_busy.get(day, [])):
                                continue
                            room = None
                            if needs_room:
                                room = next(
                                    (
                                        r
                                        for r in cand_rooms
                                        if _room_free(room_free, by_room, r.id, day, t, t + duration + buffer)
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


def _windows(day0: date) -> list[tuple[date, date]]:
    """First and last day of each window read, covering HORIZON_DAYS from day0 without overlap."""
    out, offset = [], 0
    for size in FIRST_WINDOWS:
        out.append((day0 + timedelta(days=offset), day0 + timedelta(days=offset + size - 1)))
        offset += size
    while offset < HORIZON_DAYS:
        size = min(WINDOW_DAYS, HORIZON_DAYS - offset)
        out.append((day0 + timedelta(days=offset), day0 + timedelta(days=offset + size - 1)))
        offset += size
    return out


def _room_free(
    memo: dict[tuple[str, datetime], bool],
    by_room: dict[tuple[str, date], list[Interval]],
    room_id: str,
    day: date,
    start: datetime,
    end: datetime,
) -> bool:
    """Whether a room is free over [start, end) that day; asked once per room and start (every
    counsellor of the day proposes the same starts)."""
    key = (room_id, start)
    if key not in memo:
        memo[key] = is_free(start, end, by_room.get((room_id, day), []))
    return memo[key]


def _some_room_free(
    memo: dict[tuple[str, datetime], bool],
    by_room: dict[tuple[str, date], list[Interval]],
    rooms: list[Room],
    hours: WeeklyHours,
    day: date,
    duration: timedelta,
    buffer: timedelta,
    not_before: datetime,
) -> bool:
    """Whether some room is free for a whole appointment at some start within the site's hours."""
    return any(
        _room_free(memo, by_room, r.id, day, t, t + duration + buffer)
        for t in candidate_starts(
            hours.intervals_on(day), [], duration=duration, buffer=buffer, step=STEP, not_before=not_before
        )
        for r in rooms
    )


def _days(iv: Interval) -> list[date]:
    """The days a busy span touches (an appointment and its buffer stay within one day)."""
    first = iv.start.date()
    if iv.end.date() == first:
        return [first]
    last = max(first, (iv.end - timedelta(microseconds=1)).date())
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class _AnyYouth:
    needs_accessible_room = False


_ANY_YOUTH = _AnyYouth()
