"""Two years of a large site's days: workshop sessions, then appointments around them.

Time is walked on a 5-minute grid with one bit mask per counsellor and per room for the day, so that no
counsellor, room or youth is ever in two places at once (the rule checks being measured then do the work
they do on a real file) while 300,000 appointments are placed in well under a minute.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert

from mlplanner.bench.model import PlannedSession, Site, Stamps
from mlplanner.bench.progress import Progress
from mlplanner.domain.enums import OCCUPYING_STATUSES, Referral, RoomKind, Status
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.wallclock import DEFAULT_TZ, local_now, to_utc
from mlplanner.services.context import ServiceContext
from mlplanner.services.demo import PATTERNS, _status
from mlplanner.storage.tables import Appointment

TZ = "Europe/Paris"
UNIT = 5  # minutes per bit of the occupancy masks
CHUNK = 20_000  # appointments per INSERT batch and per transaction
APPOINTMENT_MIX = (["SUIVI", "ACC", "CEJ", "TEL", "VISIO"], [50, 12, 20, 12, 6])
REMOTE = ("TEL", "VISIO")
ROSTER_SIZE = 40  # participants of the first session after today (its sign-in sheet is printed)
SESSION_SPANS = ((time(9, 30), time(12, 0)), (time(14, 0), time(16, 30)))
OUTCOMES = (Status.SEEN.value, Status.NO_SHOW.value, Status.EXCUSED.value, Status.ARRIVED.value)
CANCELLED = (Status.CANCELLED_BY_YOUTH.value, Status.CANCELLED_BY_ML.value)


def mask(start_min: int, end_min: int) -> int:
    """Bits of the 5-minute units covered by [start, end) (minutes since midnight)."""
    a, b = start_min // UNIT, -(-end_min // UNIT)
    return ((1 << (b - a)) - 1) << a


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def working_minutes(site_hours: WeeklyHours, pattern: WeeklyHours) -> list[list[tuple[int, int]]]:
    """For each weekday, a counsellor's bookable spans in minutes since midnight."""
    monday = date(2024, 1, 1)
    return [
        [
            (minutes(iv.start.time()), minutes(iv.end.time()))
            for iv in available_on(monday + timedelta(days=wd), site_hours, pattern)
        ]
        for wd in range(7)
    ]


@dataclass
class Plan:
    """The fixed inputs of the schedule (rows as inserted, with the counsellors' pattern index)."""

    counsellors: list[dict]
    rooms: list[dict]
    types: dict[str, dict]
    youth_ids: list[str]
    open_days: list[date]
    absent: set[tuple[int, date]]
    site_hours: WeeklyHours
    sessions: int
    registrations: int


class Scheduler:
    def __init__(
        self, ctx: ServiceContext, rng: random.Random, uid: Callable[[], str], stamps: Stamps, site: Site
    ) -> None:
        self.ctx, self.rng, self.uid, self.stamps, self.site = ctx, rng, uid, stamps, site
        self.now_local = local_now(site.now, DEFAULT_TZ)  # appointments before it have outcomes
        self.batch: list[dict] = []
        self.count = 0

    def run(self, plan: Plan, progress: Progress) -> None:
        self.plan = plan
        self.minutes = {
            p: working_minutes(plan.site_hours, WeeklyHours.from_mapping(PATTERNS[p]))
            for p in {c["_pattern"] for c in plan.counsellors}
        }
        self.offices = [i for i, r in enumerate(plan.rooms) if r["kind"] == RoomKind.OFFICE.value]
        self.workshop_rooms = [i for i, r in enumerate(plan.rooms) if r["kind"] == RoomKind.WORKSHOP.value]
        n = len(plan.counsellors)
        self.pools: list[list[str]] = [plan.youth_ids[i::n] for i in range(n)]  # youth i's referent: i mod n
        per_day = plan.sessions / max(len(plan.open_days), 1)
        self.per_session = max(1, round(plan.registrations / max(plan.sessions, 1)))
        credit = 0.0
        for n_day, day in enumerate(plan.open_days):
            self.room_masks = [0] * len(plan.rooms)
            self.staff_masks = [0] * n
            self.youth_today: set[str] = set()
            credit += per_day
            while credit >= 1 and len(self.site.sessions) < plan.sessions:
                credit -= 1
                if not self._session(day):
                    break
            for ci in range(n):
                if (ci, day) not in plan.absent:
                    self._counsellor_day(ci, day)
            if len(self.batch) >= CHUNK:
                self._flush()
            progress.step("rendez-vous et ateliers", n_day + 1, len(plan.open_days))
        self._flush()
        self.site.counts["appointments"] = self.count
        self.site.counts["sessions_planned"] = len(self.site.sessions)
        self.site.counts["registrations_planned"] = sum(len(x.youth_ids) for x in self.site.sessions)

    def _flush(self) -> None:
        if self.batch:
            with self.ctx.write() as s:
                s.execute(insert(Appointment), self.batch)
            self.batch = []

    def _session(self, day: date) -> bool:
        """A 2 h 30 workshop session in a workshop room, led by a counsellor who works then."""
        plan, wd = self.plan, day.weekday()
        t0, t1 = SESSION_SPANS[len(self.site.sessions) % 2]
        m0, m1 = minutes(t0), minutes(t1)
        mk = mask(m0, m1)
        room_ix = next((r for r in self.workshop_rooms if not self.room_masks[r] & mk), None)
        leaders = [
            ci
            for ci, c in enumerate(plan.counsellors)
            if (ci, day) not in plan.absent
            and not self.staff_masks[ci] & mk
            and any(a <= m0 and m1 <= b for a, b in self.minutes[c["_pattern"]][wd])
        ]
        if room_ix is None or not leaders:
            return False
        ci = self.rng.choice(leaders)
        self.room_masks[room_ix] |= mk
        self.staff_masks[ci] |= mk
        big = self.site.roster_session is None and day > self.site.today
        attendees = self.rng.sample(plan.youth_ids, ROSTER_SIZE if big else self.per_session)
        if big:  # the benchmark prints the sign-in sheet of this one
            self.site.roster_session = len(self.site.sessions)
        self.youth_today.update(attendees)
        self.site.sessions.append(
            PlannedSession(
                day,
                datetime.combine(day, t0),
                datetime.combine(day, t1),
                plan.rooms[room_ix]["id"],
                plan.counsellors[ci]["id"],
                attendees,
            )
        )
        return True

    def _counsellor_day(self, ci: int, day: date) -> None:
        plan, rng, types = self.plan, self.rng, self.plan.types
        c = plan.counsellors[ci]
        pool = self.pools[ci]
        ahead = (day - self.site.today).days
        fill = 0.93 if ahead <= 0 else max(0.15, 0.9 - ahead * 0.02)
        own = self.offices[ci % len(self.offices)]
        order = [own] + [r for r in self.offices if r != own]
        codes, weights = APPOINTMENT_MIX
        for a, b in self.minutes[c["_pattern"]][day.weekday()]:
            t = a
            while True:
                tp = types[rng.choices(codes, weights)[0]]
                if t + tp["duration_min"] > b:
                    if tp["code"] in REMOTE or t + 20 > b:
                        break
                    continue  # near the end of a span: draw again, a shorter type may fit
                if rng.random() > fill:
                    t += 15
                    continue
                mk = mask(t, t + tp["duration_min"] + tp["buffer_min"])
                if self.staff_masks[ci] & mk:
                    t += 15
                    continue
                room_ix = None
                if tp["needs_room"]:
                    room_ix = next((r for r in order if not self.room_masks[r] & mk), None)
                    if room_ix is None:  # no office free: the interview happens by phone or video
                        tp = types[rng.choice(REMOTE)]
                        mk = mask(t, t + tp["duration_min"] + tp["buffer_min"])
                youth = rng.choice(pool) if rng.random() < 0.85 else rng.choice(plan.youth_ids)
                if youth in self.youth_today:
                    t += 15
                    continue
                self.youth_today.add(youth)
                start = datetime.combine(day, time(t // 60, t % 60))
                status = _status(rng, start, self.now_local).value
                self.batch.append(self._row(tp, youth, c["id"], room_ix, start, status))
                self.count += 1
                if status in OCCUPYING_STATUSES:
                    self.staff_masks[ci] |= mk
                    if room_ix is not None:
                        self.room_masks[room_ix] |= mk
                    t += tp["duration_min"] + tp["buffer_min"]
                    t += -t % 15
                # a cancelled appointment frees its slot: another may be booked at the same time

    def _row(
        self, tp: dict, youth: str, counsellor_id: str, room_ix: int | None, start: datetime, status: str
    ) -> dict:
        rng, now = self.rng, self.site.now
        start_utc = to_utc(start, TZ)
        created = min(now, start_utc - timedelta(days=rng.randint(1, 28), minutes=rng.randint(0, 480)))
        if status in OUTCOMES:
            updated = min(now, start_utc + timedelta(minutes=tp["duration_min"] + 5))
        elif status in CANCELLED:
            updated = min(now, created + (start_utc - created) * rng.random())
        else:
            updated = created
        return dict(
            id=self.uid(),
            site_id=self.site.site_id,
            youth_id=youth,
            counsellor_id=counsellor_id,
            room_id=self.plan.rooms[room_ix]["id"] if room_ix is not None else None,
            type_id=tp["id"],
            start=start,
            end=start + timedelta(minutes=tp["duration_min"]),
            buffer_min=tp["buffer_min"],
            mode=tp["mode"],
            status=status,
            cancel_reason="Conseiller en formation" if status == Status.CANCELLED_BY_ML.value else "",
            referred_by=rng.choice(list(Referral)).value if tp["code"] == "ACC" else "",
            notes="",
            forced_reason="",
            arrived_at=start_utc - timedelta(minutes=5) if status == Status.ARRIVED.value else None,
            created_by="",
            created_at=created,
            updated_by="",
            **self.stamps.at(updated),
        )
