"""Free-slot finder: the next free starts for an appointment type, with every booking rule honoured.

One start time gives one slot: with "any counsellor", the referent if free, otherwise the counsellor
with the fewest appointments that day (spreads the load). Data is read for the first day alone, then
a week at a time: most searches are answered by the first day, and a week of a large site is thousands
of rows. When the type needs a room, the offices' schedules are read first, and the counsellors' only
for the days when some office is free (on a busy site, offices are the scarce resource); workshop
sessions are read window by window too. Each day, who and
what is free at each quarter hour is a bit mask (`domain.slots`): the same starts as checking each start
against each busy span, at a fraction of the cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from mlplanner.domain.enums import OCCUPYING_STATUSES, Mode, Role
from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.intervals import Interval, subtract
from mlplanner.domain.models import Slot
from mlplanner.domain.slots import busy_mask, mask_starts, start_mask
from mlplanner.services import audit
from mlplanner.services.booking.availability import (
    MAX_SPAN,
    BusyRow,
    BusyTime,
    SiteCalendar,
    appointment_rows,
    load_calendar,
)
from mlplanner.services.booking.rules import room_candidates
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff, find_type
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import columns
from mlplanner.storage.busy_reads import sqlite_spans
from mlplanner.storage.pg_busy import pg_busy_starts
from mlplanner.storage.pg_reads import pg_spans
from mlplanner.storage.snapshot_memo import memoised
from mlplanner.storage.tables import AppointmentType, Meta, Room, Site, Staff, Youth

SITE_ORDER_KEY = "reception.site_order"  # this site's neighbours, nearest first (codes, comma-separated)

STEP = timedelta(minutes=15)
HORIZON_DAYS = 92
WINDOW_DAYS = 7
FIRST_WINDOWS = (1, 6)  # today (or the day asked) alone first: most searches end there


@checked_dates
class SlotService:
    """`busy`: what makes people and rooms busy besides appointments (given by the composition root)."""

    def __init__(self, ctx: ServiceContext, *, busy: BusyTime) -> None:
        self.ctx = ctx
        self.busy = busy

    def find(
        self,
        *,
        type_code: str,
        counsellor: str | None = None,
        youth_id: str | None = None,
        start: datetime | date | None = None,
        count: int = 10,
        mode: Mode | None = None,
        second_staff: str | None = None,
        site: str | None = None,
    ) -> list[Slot]:
        """The next free slots; with `second_staff`, only when that person is free and working too;
        `site`: another site of the network (its counsellors, rooms and hours, as this database knows
        them: after the last sync for a site that syncs through the folder)."""
        if not 1 <= count <= 200:
            raise InputError("bad_count", "Le nombre de créneaux doit être compris entre 1 et 200.")
        with self.ctx.read() as s:
            site_row = self.ctx.site_row(s) if site is None else self.ctx.site_by_code(s, site)
            found = self._find(
                s,
                site_row,
                type_code=type_code,
                counsellor=counsellor,
                youth_id=youth_id,
                start=start,
                count=count,
                mode=mode,
                second_staff=second_staff,
            )
            if site is None:
                return found
            return [replace(x, site_code=site_row.code, site_name=site_row.name) for x in found]

    def site_order(self, sites: str | list[str] | None = None) -> list[tuple[str, str]]:
        """(code, name) of the sites to search, the caller's first: the codes given in that order, or
        for "all" every site of the network in the order this site set (`reception.site_order`: its
        neighbours, nearest first), then the others by code."""
        with self.ctx.read() as s:
            me = self.ctx.site_row(s)
            known = {r.code: r.name for r in s.exec(select(Site).where(Site.deleted == False))}
            order_row = s.get(Meta, SITE_ORDER_KEY)
        if sites is None or sites == "all" or sites == ["all"]:
            preferred = [c for c in (order_row.value.split(",") if order_row else []) if c]
            codes = [me.code, *preferred, *sorted(known)]
        else:
            wanted = sites.split(",") if isinstance(sites, str) else sites
            codes = [c.strip().upper() for c in wanted if c.strip()]
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise InputError("unknown_site", f"Aucun site ne porte le code « {unknown[0]} ».")
            codes = [me.code, *codes] if me.code in codes else codes
        return [(c, known[c]) for c in dict.fromkeys(codes) if c in known]

    def set_site_order(self, *, actor: Actor, codes: list[str]) -> list[tuple[str, str]]:
        """This site's neighbours, nearest first: the order of a search across "all" sites."""
        require(actor, Perm.CONFIGURE_SITE)
        clean = [c.strip().upper() for c in codes if c.strip()]
        with self.ctx.write() as s:
            known = set(s.exec(select(Site.code).where(Site.deleted == False)))
            unknown = [c for c in clean if c not in known]
            if unknown:
                raise InputError("unknown_site", f"Aucun site ne porte le code « {unknown[0]} ».")
            row = s.get(Meta, SITE_ORDER_KEY) or Meta(key=SITE_ORDER_KEY)
            before = row.value
            row.value = ",".join(dict.fromkeys(clean))
            s.add(row)
            audit.record(
                s, self.ctx, actor, action="update", entity="setting", entity_id=SITE_ORDER_KEY,
                before={"value": before} if before else None, after={"value": row.value},
            )  # fmt: skip
        return self.site_order("all")

    def find_across(
        self,
        *,
        sites: str | list[str] | None,
        type_code: str,
        youth_id: str | None = None,
        start: datetime | date | None = None,
        count: int = 10,
        mode: Mode | None = None,
    ) -> list[Slot]:
        """The first `count` free slots of each site, the caller's site first, then the next nearest
        (see `site_order`): a network answered by one phone line."""
        found: list[Slot] = []
        for code, _name in self.site_order(sites):
            try:
                found += self.find(
                    type_code=type_code, youth_id=youth_id, start=start, count=count, mode=mode, site=code
                )
            except NotFound:  # a type this site does not know yet: nothing to offer there
                continue
        return found

    def find_in(
        self, s: Session, *, type_code: str, youth_id: str | None, start: datetime, count: int = 1
    ) -> list[Slot]:
        """`find` at this site inside the caller's transaction (a walk-in: who is on duty, then book
        in the same write transaction)."""
        return self._find(
            s,
            self.ctx.site_row(s),
            type_code=type_code,
            counsellor=None,
            youth_id=youth_id,
            start=start,
            count=count,
            mode=None,
            second_staff=None,
        )

    def _find(
        self,
        s: Session,
        site: Site,
        *,
        type_code: str,
        counsellor: str | None,
        youth_id: str | None,
        start: datetime | date | None,
        count: int,
        mode: Mode | None,
        second_staff: str | None,
    ) -> list[Slot]:
        now = self.ctx.now_local(site.timezone)
        # what does not change between two searches (the type, the counsellors, the offices, the
        # calendar) is read once per state of the file: `storage.snapshot_memo`
        atype = memoised(s, ("slots.type", type_code), lambda: _TypeFacts.of(find_type(s, type_code)))
        mode = Mode(mode or atype.mode)
        needs_room = mode.needs_room and atype.needs_room
        youth = s.get(Youth, youth_id) if youth_id else None
        if youth_id and youth is None:
            raise InputError("unknown_youth", f"Aucun jeune ne correspond à « {youth_id} ».")
        staff: Sequence[Any]  # Staff rows, or (for "any counsellor") rows of the columns used here
        if counsellor:
            staff = [find_staff(s, counsellor)]
            if not Role(staff[0].role).bookable or not staff[0].active:
                raise InputError(
                    "not_bookable", f"{staff[0].first_name} {staff[0].last_name} ne reçoit pas de jeunes."
                )
        else:
            staff = memoised(s, ("slots.counsellors", site.id), lambda: _counsellors(s, site.id))
        second = find_staff(s, second_staff) if second_staff else None
        if second is not None:
            if not Role(second.role).bookable or not second.active:
                raise InputError(
                    "not_bookable", f"{second.first_name} {second.last_name} ne reçoit pas de jeunes."
                )
            staff = [c for c in staff if c.id != second.id]
            if not staff:
                raise InputError(
                    "same_staff", "La deuxième personne doit être quelqu'un d'autre que le conseiller."
                )
        referent = youth.referent_id if youth else None
        if isinstance(start, datetime):
            not_before = max(start, now)
        else:
            not_before = max(datetime.combine(start, time.min), now) if start else now
        duration = timedelta(minutes=atype.duration_min)
        buffer = timedelta(minutes=atype.buffer_min)
        hours = _weekly_hours(site.opening_hours)
        accessible = (youth or _ANY_YOUTH).needs_accessible_room
        # rooms to try, the same every day: the offices that fit (the young person and one or two staff),
        # by name (`room_candidates` for nobody's office), then per counsellor their own office first
        # (80 counsellors × 20 rooms filtered once instead of once per counsellor)
        party = 1 if second is None else 2
        offices_fit: tuple[tuple[str, str], ...] = (
            memoised(
                s,
                ("slots.offices", site.id, bool(accessible), party),
                lambda: _offices_fit(s, site.id, bool(accessible), party),
            )
            if needs_room
            else ()
        )
        if counsellor:
            people = _people(staff, offices_fit)
        else:  # the site's counsellors: the same people as the last search while the file is unchanged
            people = memoised(
                s,
                ("slots.people", site.id, bool(accessible), party, second.id if second else None),
                lambda: _people(staff, offices_fit),
            )
        partner = (
            _Person(
                second.id,
                second.last_name,
                f"{second.first_name} {second.last_name}",
                _weekly_hours(second.working_pattern),
                (),
            )
            if second is not None
            else None
        )
        offices = [rid for rid, _name in offices_fit] if people else []  # the rooms of `people`
        day0 = not_before.date()
        # closures, holidays and absences of the whole horizon: one read, not one per window
        staff_ids = tuple([c.id for c in staff] + ([second.id] if second else []))
        cal = memoised(
            s,
            ("slots.calendar", site.id, day0, staff_ids),
            lambda: _Calendar.of(
                load_calendar(s, site, day0, _last_day(day0), list(staff_ids)),
                day0,
                _last_day(day0),
                staff_ids,
            ),
        )
        finder = _Finder(
            busy=self.busy,
            people=people,
            second=partner,
            offices=offices,
            hours=hours,
            absences=cal.absences,
            youth_id=youth.id if youth else None,
            referent=referent,
            duration=duration,
            buffer=buffer,
            not_before=not_before,
            needs_room=needs_room,
        )
        found: list[Slot] = []
        for w_start, w_end in _windows(day0):
            open_days = [
                d
                for d in (w_start + timedelta(days=o) for o in range((w_end - w_start).days + 1))
                if d not in cal.closed and hours.intervals_on(d)
            ]
            if not open_days:
                continue
            # workshop sessions, window by window like the appointments (reading the whole horizon
            # at once built spans for three months of sessions when most searches end in a few weeks)
            finder.read_extras(s, w_start, w_end)
            # rooms first: on a day when no office is free at any start, nobody can be booked, and
            # the counsellors' (much longer) schedules need not be read at all
            days = finder.read_rooms(s, open_days) if needs_room else open_days
            read_until: date | None = None
            for day in days:
                if read_until is None or day > read_until:
                    # the counsellors' schedules: the first day alone (often enough), then each run
                    # of days to search (not the days when every office is taken)
                    read_until = day if read_until is None else _run_end(day, days, open_days)
                    finder.read_staff(s, day, read_until)
                for slot in finder.slots_on(day):
                    found.append(slot)
                    if len(found) >= count:
                        return found
        return found


class _Person(NamedTuple):
    """A counsellor as the finder needs them (plain values: ORM attribute access is slow in loops)."""

    id: str
    last_name: str
    name: str
    pattern: WeeklyHours
    rooms: tuple[tuple[str, str], ...]  # (id, name) of the rooms to try, in order


class _Finder:
    """The busy time read so far, per (counsellor or room, day), and the slots of one day.

    Each day, a counsellor's possible starts are one integer (bit i: the i-th quarter hour of the day,
    `domain.slots.start_mask`), and so are a room's and the youth's busy starts (`busy_mask`): checking
    every start of 40 counsellors against 8 offices is then a few hundred `&`, where checking each start
    against each busy span took most of a search's time.
    """

    def __init__(
        self,
        *,
        busy: BusyTime,
        people: Sequence[_Person],
        second: _Person | None = None,
        offices: list[str],
        hours: WeeklyHours,
        absences: dict[str, tuple[Interval, ...]],
        youth_id: str | None,
        referent: str | None,
        duration: timedelta,
        buffer: timedelta,
        not_before: datetime,
        needs_room: bool,
    ) -> None:
        self.busy = busy
        self.people, self.staff_ids, self.offices = people, [p.id for p in people], offices
        self.second = second  # a second person who must be free too (read with the counsellors)
        if second is not None:
            self.staff_ids.append(second.id)
        self.hours, self.youth_id, self.referent = hours, youth_id, referent
        self.duration, self.length, self.not_before = duration, duration + buffer, not_before
        self.needs_room = needs_room
        # busy spans (start, end with buffer) per (counsellor, day); the youth's without buffer, per day
        self.staff_busy: dict[tuple[str, date], list[tuple[datetime, datetime]]] = defaultdict(list)
        self.youth_busy: dict[date, list[tuple[datetime, datetime]]] = defaultdict(list)
        self.load: defaultdict[tuple[str, date], int] = defaultdict(
            int
        )  # appointments per counsellor and day
        self.room_busy: dict[tuple[str, date], list[tuple[datetime, datetime]]] = defaultdict(list)
        # busy starts per (counsellor, day) computed straight from their rows (SQLite, `read_staff`),
        # ORed with the mask of their spans filed in `staff_busy`
        self.staff_taken: dict[tuple[str, date], int] = {}
        self.room_free: dict[date, dict[str, int]] = {}  # per day: each office's free starts
        self.extras_until: date | None = None
        self.absences = absences  # per person, as `SiteCalendar.absences_of` gives them
        # starts within working time per (pattern, weekday), for the days without absence
        self.weekday_starts: dict[tuple[int, int], int] = {}

    def read_extras(self, s: Session, first: date, last: date) -> None:
        """Read the other activities (workshop sessions) of the counsellors, offices and youth, from
        `first` to `last` (both included)."""
        if self.extras_until is not None and last <= self.extras_until:
            return
        first = first if self.extras_until is None else max(first, self.extras_until + timedelta(days=1))
        rows = self.busy.other_rows(
            s,
            datetime.combine(first, time.min),
            datetime.combine(last + timedelta(days=1), time.min),
            counsellor_ids=self.staff_ids,
            room_ids=self.offices if self.needs_room else None,
            youth_ids=[self.youth_id] if self.youth_id else None,
        )
        self._add(rows, first, rooms=self.needs_room, staff=True)
        self.extras_until = last

    def read_rooms(self, s: Session, days: list[date]) -> list[date]:
        """Read the offices' appointments of these days (their other activities must be read); return
        the days when some office is free for a whole appointment at some start within the site's hours."""
        taken: dict[tuple[str, date], int] = {}  # busy starts per (office, day) of one-day spans
        if self.offices:
            since = datetime.combine(days[0], time.min)
            until = datetime.combine(days[-1] + timedelta(days=1), time.min)
            read = self._busy_starts(s, ("room_id",), self.offices, days[0], until, load=None)
            if read is None:  # other engines: the rows as the counsellors' are read, then filed
                rows_read = appointment_rows(s, since, until, room_ids=self.offices)
            else:
                ((taken, rows_read),) = read
            self._add(rows_read, days[0], rooms=True, staff=False)
        kept = []
        for d in days:
            midnight = datetime.combine(d, time.min)
            free = {
                rid: ~(
                    busy_mask(
                        self.room_busy.get((rid, d), ()), day_start=midnight, length=self.length, step=STEP
                    )
                    | taken.get((rid, d), 0)
                )
                for rid in self.offices
            }
            some_free = 0
            for mask in free.values():
                some_free |= mask
            hours = start_mask(
                self.hours.intervals_on(d),
                day_start=midnight,
                duration=self.duration,
                step=STEP,
                not_before=self.not_before,
            )
            if hours & some_free:
                self.room_free[d] = free
                kept.append(d)
        return kept

    def read_staff(self, s: Session, first: date, last: date) -> None:
        """Read the counsellors' (and the youth's) appointments from `first` to `last`, both included."""
        since = datetime.combine(first, time.min)
        until = datetime.combine(last + timedelta(days=1), time.min)
        conn = s.connection()
        # on SQLite and PostgreSQL, each person's busy starts straight from the rows (as the
        # offices'): the rows as the counsellor or the second person of an appointment, counted in
        # the day's load
        read = self._busy_starts(
            s, ("counsellor_id", "second_staff_id"), self.staff_ids, first, until, load=self.load
        )
        if read is None:  # other engines: the rows read and filed per day
            rows_read = appointment_rows(
                s, since, until, counsellor_ids=self.staff_ids,
                youth_ids=[self.youth_id] if self.youth_id else None,
            )  # fmt: skip
            self._add(rows_read, first, rooms=False, staff=True)
            return
        staff_taken = self.staff_taken
        for taken, across in read:
            for person_day, mask in taken.items():
                staff_taken[person_day] = staff_taken.get(person_day, 0) | mask
            self._add(across, first, rooms=False, staff=True)
        read_spans = sqlite_spans if conn.dialect.name == "sqlite" else pg_spans  # `None` elsewhere
        if self.youth_id:  # the young person's own appointments: busy without their buffer
            rows = read_spans(
                conn, key="youth_id", ids=[self.youth_id], since=since - MAX_SPAN, until=until,
                statuses=OCCUPYING_STATUSES,
            )  # fmt: skip
            for _youth, start_text, end_text, buffer_min in rows or ():
                start, core_end = datetime.fromisoformat(start_text), datetime.fromisoformat(end_text)
                end = core_end + timedelta(minutes=buffer_min) if buffer_min else core_end
                for d in _days(start, end):
                    if d >= first:
                        self.youth_busy[d].append((start, core_end))

    def _busy_starts(
        self,
        s: Session,
        keys: tuple[str, ...],
        ids: list[str],
        first: date,
        until: datetime,
        *,
        load: defaultdict[tuple[str, date], int] | None,
    ) -> list[tuple[dict[tuple[str, date], int], list[BusyRow]]] | None:
        """Per key column of `keys`, the busy starts per (key, day) of the spans within one day from
        `first` on, and the spans across midnight as rows to file (`_add`); with `load`, each (key,
        day)'s spans within one day counted there. On SQLite from the rows (`_busy_starts`), on
        PostgreSQL computed by the server (`storage.pg_busy`: the same bits, a row per key and day
        instead of one per appointment); `None` on other engines."""
        since = datetime.combine(first, time.min) - MAX_SPAN
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            out = []
            for key in keys:
                rows = sqlite_spans(
                    conn, key=key, ids=ids, since=since, until=until, statuses=OCCUPYING_STATUSES
                )
                if rows is None:
                    return None
                out.append(_busy_starts(rows, first, self.length, load=load))
            return out
        served = pg_busy_starts(
            conn, keys=keys, ids=ids, since=since, until=until, first=first,
            statuses=OCCUPYING_STATUSES, length=self.length, step=STEP,
        )  # fmt: skip
        if served is None:
            return None
        out = []
        for taken, counts, across in served:
            if load is not None:
                for person_day, n in counts.items():
                    load[person_day] += n
            out.append((taken, _busy_starts(across, first, self.length, load=load)[1]))
        return out

    def _add(self, rows: list[BusyRow], first: date, *, rooms: bool, staff: bool) -> None:
        """File busy rows read from `first` on under each day they touch (the days before `first` were
        read already); count each counsellor's appointments per day."""
        youth_id = self.youth_id
        room_busy, staff_busy, youth_busy, load = self.room_busy, self.staff_busy, self.youth_busy, self.load
        for counsellor_id, row_youth, room_id, start, end, core_end in rows:
            day = start.date()
            if end.date() == day:  # nearly every row: one day (the loop below, unrolled)
                if day < first:
                    continue
                if rooms and room_id:
                    room_busy[(room_id, day)].append((start, end))
                if staff:
                    staff_busy[(counsellor_id, day)].append((start, end))
                    if youth_id and row_youth == youth_id:
                        youth_busy[day].append((start, core_end))  # the youth is free during a buffer
                    load[(counsellor_id, day)] += 1
                continue
            for d in _days(start, end):
                if d < first:
                    continue
                if rooms and room_id:
                    room_busy[(room_id, d)].append((start, end))
                if staff:
                    staff_busy[(counsellor_id, d)].append((start, end))
                    if youth_id and row_youth == youth_id:
                        youth_busy[d].append((start, core_end))
            if staff and day >= first:
                load[(counsellor_id, day)] += 1

    def _working_starts(self, person: _Person, day: date, midnight: datetime) -> int:
        """The starts where the counsellor works for a whole appointment (site hours, working pattern,
        absences, not before `not_before`). On a day without absence, the same for every such weekday."""
        next_midnight = midnight + timedelta(days=1)
        absences = [a for a in self.absences[person.id] if a.start < next_midnight and a.end > midnight]
        if absences or midnight < self.not_before:
            working = subtract(available_on(day, self.hours, person.pattern), absences)
            return start_mask(
                working, day_start=midnight, duration=self.duration, step=STEP, not_before=self.not_before
            )
        key = (id(person.pattern), day.weekday())  # the patterns live as long as the finder
        found = self.weekday_starts.get(key)
        if found is None:
            found = self.weekday_starts[key] = _weekday_starts(
                self.hours, person.pattern, day.weekday(), self.duration
            )
        return found

    def slots_on(self, day: date) -> list[Slot]:
        """One slot per free start of the day, in order: the referent if free, otherwise the counsellor
        with the fewest appointments that day (then by name, then the staff order); the counsellor's
        first free room among those to try."""
        midnight = datetime.combine(day, time.min)
        youth_busy = busy_mask(
            self.youth_busy.get(day, ()), day_start=midnight, length=self.duration, step=STEP
        )
        room_free = self.room_free.get(day, {})
        both = -1  # every start, unless a second person must be free too
        if self.second is not None:
            both = self._working_starts(self.second, day, midnight) & ~(
                busy_mask(
                    self.staff_busy.get((self.second.id, day), ()),
                    day_start=midnight,
                    length=self.length,
                    step=STEP,
                )
                | self.staff_taken.get((self.second.id, day), 0)
            )
            if not both:
                return []
        ranked = []
        for i, person in enumerate(self.people):
            starts = self._working_starts(person, day, midnight) & both
            if not starts:
                continue
            busy = busy_mask(
                self.staff_busy.get((person.id, day), ()), day_start=midnight, length=self.length, step=STEP
            ) | self.staff_taken.get((person.id, day), 0)
            starts &= ~(busy | youth_busy)
            if self.needs_room:
                some_room = 0
                for rid, _name in person.rooms:
                    some_room |= room_free[rid]
                starts &= some_room
            if starts:
                rank = (person.id != self.referent, self.load[(person.id, day)], person.last_name, i)
                ranked.append((rank, person, starts))
        ranked.sort(key=itemgetter(0))
        taken = 0
        per_start: list[Slot] = []
        for _rank, person, starts in ranked:
            mine = starts & ~taken
            taken |= starts
            for t in mask_starts(mine, day_start=midnight, step=STEP):
                room_id = room_name = None
                if self.needs_room:
                    bit = (t - midnight) // STEP
                    room_id, room_name = next(r for r in person.rooms if room_free[r[0]] >> bit & 1)
                per_start.append(
                    Slot(
                        t,
                        t + self.duration,
                        person.id,
                        person.name,
                        room_id,
                        room_name,
                        self.second.id if self.second else None,
                        self.second.name if self.second else "",
                    )
                )
        per_start.sort(key=attrgetter("start"))
        return per_start


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


@lru_cache(maxsize=256)
def _weekly_hours(text: str | None) -> WeeklyHours:
    """Parsed once per distinct JSON text (immutable): 40 counsellors' patterns at every search."""
    return WeeklyHours.from_json(text)


@lru_cache(maxsize=1024)
def _weekday_starts(hours: WeeklyHours, pattern: WeeklyHours, weekday: int, duration: timedelta) -> int:
    """The starts within the site's hours and a working pattern on a weekday without absence (the
    same for every such day: a pure computation, kept between searches)."""
    day = _A_MONDAY + timedelta(days=weekday)
    return start_mask(
        available_on(day, hours, pattern),
        day_start=datetime.combine(day, time.min),
        duration=duration,
        step=STEP,
    )


_A_MONDAY = date(2024, 1, 1)


class _TypeFacts(NamedTuple):
    """What the finder needs of an appointment type (plain values: kept between searches)."""

    mode: str
    needs_room: bool
    duration_min: int
    buffer_min: int

    @classmethod
    def of(cls, atype: AppointmentType) -> _TypeFacts:
        return cls(atype.mode, atype.needs_room, atype.duration_min, atype.buffer_min)


class _Calendar(NamedTuple):
    """The days of the horizon the site is closed (public holidays and closures), and the absences
    of the people searched (plain values: kept between searches)."""

    closed: frozenset[date]
    absences: dict[str, tuple[Interval, ...]]

    @classmethod
    def of(cls, cal: SiteCalendar, first: date, last: date, staff_ids: Sequence[str]) -> _Calendar:
        days = set(cal.holidays)
        for c in cal.closures:  # each day of the horizon within a closure (`closure_on`)
            d = max(c.start_date, first)
            while d <= min(c.end_date, last):
                days.add(d)
                d += timedelta(days=1)
        return cls(frozenset(days), {i: tuple(cal.absences_of(i)) for i in staff_ids})


def _people(staff: Sequence[Any], offices_fit: Sequence[tuple[str, str]]) -> tuple[_Person, ...]:
    return tuple(
        _Person(
            c.id,
            c.last_name,
            f"{c.first_name} {c.last_name}",
            _weekly_hours(c.working_pattern),
            _own_first(offices_fit, c.default_room_id),
        )
        for c in staff
    )


def _counsellors(s: Session, site_id: str) -> tuple[Any, ...]:
    """The site's bookable counsellors, as the columns the finder uses (not 80 ORM objects)."""
    return tuple(
        s.execute(
            select(
                *columns(
                    Staff.id,
                    Staff.first_name,
                    Staff.last_name,
                    Staff.working_pattern,
                    Staff.default_room_id,
                )
            )
            .where(
                Staff.site_id == site_id,
                Staff.active == True,
                Staff.deleted == False,
                Staff.role == Role.COUNSELLOR.value,
            )
            .order_by(col(Staff.last_name), col(Staff.first_name))
        )
    )


def _offices_fit(s: Session, site_id: str, accessible: bool, party: int) -> tuple[tuple[str, str], ...]:
    """(id, name) of the offices that fit the young person and `party` staff, by name."""
    rooms = list(s.exec(select(Room).where(Room.site_id == site_id)))
    youth = _ACCESSIBLE_YOUTH if accessible else _ANY_YOUTH
    return tuple((r.id, r.name) for r in room_candidates(rooms, _NOBODY, youth, 1, staff=party))


def _last_day(day0: date) -> date:
    return day0 + timedelta(days=HORIZON_DAYS - 1)


def _run_end(day: date, days: list[date], open_days: list[date]) -> date:
    """The last of the days to search that follow `day` with no other open day in between: one read
    for a run of days, without reading the days skipped (every office taken)."""
    to_search = set(days)
    end = day
    for d in open_days:
        if d <= day:
            continue
        if d not in to_search:
            break
        end = d
    return end


def _busy_starts(
    rows: list[tuple[str, str, str, int]],
    first: date,
    length: timedelta,
    *,
    load: defaultdict[tuple[str, date], int] | None = None,
) -> tuple[dict[tuple[str, date], int], list[BusyRow]]:
    """The offices' appointment rows read on the driver (`storage.busy_reads.sqlite_room_spans`:
    times as stored), turned straight into busy starts per (room, day) for those within one day
    (`busy_mask` of each span, ORed: the same bits without filing thousands of spans first; a busy
    site's weeks of offices are 3,000 rows a search, with a few hundred distinct times), and the
    others (across midnight: rare) as rows for `_Finder._add`. Days before `first` are left out, as
    `_add` leaves them. The counsellors' rows too (the key is then a person): `load` counts each
    row within a day from `first` on, as `_add` counts it."""
    taken: dict[tuple[str, date], int] = {}
    across: list[BusyRow] = []
    get = taken.get
    known: dict[tuple[str, str, int], tuple[date, int] | None] = {}  # (start, end, buffer) → bits
    for who, start_text, end_text, buffer_min in rows:
        span = (start_text, end_text, buffer_min)
        bits = known.get(span, _UNKNOWN)
        if bits is _UNKNOWN:
            bits = known[span] = _span_starts(start_text, end_text, buffer_min, first, length)
        if bits is None:  # across midnight: filed per day as before
            start, core_end = datetime.fromisoformat(start_text), datetime.fromisoformat(end_text)
            end = core_end + timedelta(minutes=buffer_min) if buffer_min else core_end
            if load is None:
                across.append(("", "", who, start, end, end))  # no counsellor nor youth: a room
            else:
                across.append((who, "", None, start, end, core_end))  # a person (the youth apart)
            continue
        day, mask = bits
        if day < first:
            continue
        key = (who, day)
        if mask:
            taken[key] = get(key, 0) | mask
        if load is not None:
            load[key] += 1
    return taken, across


_UNKNOWN: Any = object()


def _span_starts(
    start_text: str, end_text: str, buffer_min: int | None, first: date, length: timedelta
) -> tuple[date, int] | None:
    """(day, busy starts) of one office span within a day (no bits before `first`), `None` for a span
    across midnight."""
    start = datetime.fromisoformat(start_text)
    end = datetime.fromisoformat(end_text)
    if buffer_min:
        end = end + timedelta(minutes=buffer_min)
    day = start.date()
    if end.date() != day:
        return None
    if day < first:
        return day, 0
    midnight = datetime.combine(day, time.min)
    # `busy_mask` for one span: starts t with start - length < t < end
    lo = max(0, (start - length - midnight) // STEP + 1)
    hi = -((midnight - end) // STEP)
    return day, (1 << hi) - (1 << lo) if hi > lo else 0


def _days(start: datetime, end: datetime) -> list[date]:
    """The days a busy span touches (an appointment and its buffer stay within one day)."""
    first = start.date()
    if end.date() == first:
        return [first]
    last = max(first, (end - timedelta(microseconds=1)).date())
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class _AnyYouth:
    needs_accessible_room = False


class _AccessibleYouth:
    needs_accessible_room = True


_ANY_YOUTH = _AnyYouth()
_ACCESSIBLE_YOUTH = _AccessibleYouth()


class _Nobody:
    """A counsellor without an office of their own (`room_candidates` then orders rooms by name)."""

    default_room_id = None


_NOBODY = _Nobody()


def _own_first(offices: Sequence[tuple[str, str]], own: str | None) -> tuple[tuple[str, str], ...]:
    """(id, name) of the offices to try for a counsellor: their own office first, then the others in
    the given order (what `room_candidates` gives for that counsellor: its sort is stable)."""
    return tuple([o for o in offices if o[0] == own] + [o for o in offices if o[0] != own])
