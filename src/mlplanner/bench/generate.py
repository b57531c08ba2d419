"""Generate a large site quickly: SQLAlchemy Core bulk inserts, names, hours and types from the demo.

`generate()` creates the site through the directory service, then inserts rooms, staff, types,
closures, absences, youths with their search tokens, and the schedule (`schedule.py`) in batches of
20,000 rows, one transaction per batch. Same seed, size and day: same site.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import insert

from mlplanner.bench.model import Site, Stamps
from mlplanner.bench.progress import Progress
from mlplanner.bench.schedule import CHUNK, Plan, Scheduler
from mlplanner.bench.sizes import Size
from mlplanner.bench.workshops import insert_workshops
from mlplanner.domain.calendar_fr import holidays_between
from mlplanner.domain.enums import Programme, Role, RoomKind
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.text import fold
from mlplanner.services.container import Services
from mlplanner.services.context import DEMO_KEY, ServiceContext
from mlplanner.services.demo import (
    COUNSELLOR_NAMES,
    DEMO_PIN,
    FIRST_NAMES,
    LAST_NAMES,
    PATTERNS,
    SITE_HOURS,
    SITES,
    TYPES,
    _seed_for,
)
from mlplanner.services.directory.service import SiteSetup, hash_secret
from mlplanner.services.youths.service import tokens_for
from mlplanner.storage.tables import (
    Absence,
    AppointmentType,
    Credential,
    Meta,
    Room,
    SiteClosure,
    Staff,
    Youth,
    YouthToken,
)

SITE_CODE = "PARIS18"


def generate(
    services: Services, size: Size, *, today: date, seed: int = 1, progress: Progress | None = None
) -> Site:
    """Fill an empty site file. The services' clock should stand at `today` (the benchmark's now)."""
    progress = progress or Progress(quiet=True)
    rng = random.Random(_seed_for(seed, f"bench-{size.name}"))

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    ctx = services.ctx
    now = ctx.clock.now_utc()
    stamps = Stamps(SITE_CODE)
    name, address, phone = SITES[SITE_CODE]
    view = services.directory.create_site(
        SiteSetup(code=SITE_CODE, name=name, address=address, phone=phone, opening_hours=SITE_HOURS)
    )
    first_day = today - timedelta(days=size.days_past)
    last_day = today + timedelta(days=size.days_ahead)
    long_ago = datetime.combine(first_day - timedelta(days=30), time(8), UTC)

    with ctx.write() as s:
        s.add(Meta(key=DEMO_KEY, value="1"))  # fictitious data, PIN 1234 for everyone: a demonstration file
        rooms = [
            dict(
                id=uid(),
                site_id=view.id,
                name=f"Bureau {i + 1}",
                kind=RoomKind.OFFICE.value,
                capacity=3,
                accessible=i % 4 != 3,
                active=True,
                **stamps.at(long_ago),
            )
            for i in range(size.offices)
        ] + [
            dict(
                id=uid(),
                site_id=view.id,
                name=f"Salle d'atelier {i + 1}",
                kind=RoomKind.WORKSHOP.value,
                capacity=18,
                accessible=True,
                active=True,
                **stamps.at(long_ago),
            )
            for i in range(size.workshop_rooms)
        ]
        s.execute(insert(Room), rooms)
        names = list(COUNSELLOR_NAMES)
        taken = set(names)
        while len(names) < size.counsellors:
            pair = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
            if pair not in taken:
                taken.add(pair)
                names.append(pair)
        counsellors = []
        for i, (first, last) in enumerate(names[: size.counsellors]):
            pattern_ix = 0 if i < size.counsellors * 6 // 10 else rng.randrange(len(PATTERNS))
            counsellors.append(
                dict(
                    id=uid(),
                    site_id=view.id,
                    first_name=first,
                    last_name=last,
                    role=Role.COUNSELLOR.value,
                    working_pattern=WeeklyHours.from_mapping(PATTERNS[pattern_ix]).to_json(),
                    default_room_id=rooms[i % size.offices]["id"],
                    active=True,
                    _pattern=pattern_ix,
                    **stamps.at(long_ago),
                )
            )
        others = [
            dict(
                id=uid(),
                site_id=view.id,
                first_name=first,
                last_name=last,
                role=role.value,
                working_pattern=WeeklyHours.from_mapping(PATTERNS[0]).to_json(),
                default_room_id=None,
                active=True,
                **stamps.at(long_ago),
            )
            for first, last, role in (
                ("Karima", "Haddou", Role.RECEPTIONIST),
                ("Lucie", "Vasseur", Role.RECEPTIONIST),
                ("Yanis", "Belhadj", Role.RECEPTIONIST),
                ("Bernard", "Lemoine", Role.SITE_LEAD),
                ("Admin", "Informatique", Role.ADMIN),
            )
        ]
        staff = [{k: v for k, v in r.items() if k != "_pattern"} for r in counsellors] + others
        s.execute(insert(Staff), staff)
        pin = hash_secret(DEMO_PIN)
        s.execute(
            insert(Credential), [{"staff_id": r["id"], "secret_hash": pin, "updated_at": now} for r in staff]
        )
        types = {}
        for code, label, duration, buffer, colour, needs_room, mode in TYPES:
            types[code] = dict(
                id=uid(),
                code=code,
                label=label,
                duration_min=duration,
                buffer_min=buffer,
                colour=colour,
                needs_room=needs_room,
                mode=mode.value,
                active=True,
                **stamps.at(long_ago),
            )
        s.execute(insert(AppointmentType), list(types.values()))

    holidays = holidays_between(first_day, last_day)
    closures = _closures(holidays)
    absent = _absences(rng, counsellors, first_day, last_day)
    with ctx.write() as s:
        if closures:
            s.execute(
                insert(SiteClosure),
                [
                    dict(
                        id=uid(),
                        site_id=view.id,
                        start_date=d,
                        end_date=d,
                        reason="Pont de l'Ascension",
                        **stamps.at(long_ago),
                    )
                    for d in closures
                ],
            )
        rows = [
            dict(
                id=uid(),
                staff_id=counsellors[ci]["id"],
                start=datetime.combine(d0, time.min),
                end=datetime.combine(d1 + timedelta(days=1), time.min),
                reason=reason,
                **stamps.at(min(now, datetime.combine(d0 - timedelta(days=40), time(9), UTC))),
            )
            for ci, d0, d1, reason in absent.spans
        ]
        if rows:
            s.execute(insert(Absence), rows)

    youth_ids = _youths(ctx, rng, uid, stamps, size, view.id, counsellors, today, now, progress)
    site = Site(
        path=str(ctx.db.path),
        code=SITE_CODE,
        today=today,
        now=now,
        site_id=view.id,
        counsellor_ids=[c["id"] for c in counsellors],
        room_ids=[r["id"] for r in rooms],
        receptionist_id=others[0]["id"],
        counts={
            "counsellors": len(counsellors),
            "rooms": len(rooms),
            "youths": len(youth_ids),
            "absences": len(absent.spans),
        },
    )
    open_days = [
        d
        for d in (first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1))
        if d.weekday() < 5 and d not in holidays and d not in closures
    ]
    plan = Plan(
        counsellors=counsellors,
        rooms=rooms,
        types=types,
        youth_ids=youth_ids,
        open_days=open_days,
        absent=absent.days,
        site_hours=WeeklyHours.from_json(view.opening_hours_json),
        sessions=size.sessions,
        registrations=size.registrations,
    )
    Scheduler(ctx, rng, uid, stamps, site).run(plan, progress)
    insert_workshops(ctx, rng, uid, stamps, site, progress)
    return site


# --- calendar ------------------------------------------------------------------------------------------


def _closures(holidays: dict[date, str]) -> list[date]:
    """The Friday after Ascension Thursday: the site closes for the long weekend."""
    return sorted(d + timedelta(days=1) for d, n in holidays.items() if "ascension" in fold(n))


@dataclass
class _Absent:
    spans: list[tuple[int, date, date, str]]
    days: set[tuple[int, date]]


def _absences(rng: random.Random, counsellors: list[dict], first: date, last: date) -> _Absent:
    """Five weeks of leave a year and a few single days (training, sickness) per counsellor."""
    spans: list[tuple[int, date, date, str]] = []
    days: set[tuple[int, date]] = set()
    n_days = (last - first).days + 1
    mondays = [first + timedelta(days=i) for i in range(n_days) if (first + timedelta(days=i)).weekday() == 0]
    for ci in range(len(counsellors)):
        for week in rng.sample(mondays, min(len(mondays), max(1, n_days * 5 // 365))):
            spans.append((ci, week, week + timedelta(days=4), "Congés"))
        for _ in range(max(1, n_days * 6 // 365)):
            d = first + timedelta(days=rng.randrange(n_days))
            if d.weekday() < 5:
                spans.append((ci, d, d, rng.choice(["Formation", "Arrêt maladie", "Réunion partenaires"])))
    for ci, d0, d1, _ in spans:
        d = d0
        while d <= d1:
            days.add((ci, d))
            d += timedelta(days=1)
    return _Absent(spans, days)


# --- youths --------------------------------------------------------------------------------------------


def _youths(
    ctx: ServiceContext,
    rng: random.Random,
    uid: Callable[[], str],
    stamps: Stamps,
    size: Size,
    site_id: str,
    counsellors: list[dict],
    today: date,
    now: datetime,
    progress: Progress,
) -> list[str]:
    """Youths and their search tokens; youth n° i has counsellor n° i mod n as referent."""
    used_phones: set[str] = set()
    ids: list[str] = []
    total = size.youths
    for start in range(0, total, CHUNK):
        rows: list[dict[str, Any]] = []
        tokens: list[dict[str, str]] = []
        for i in range(start, min(start + CHUNK, total)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            while True:
                phone = f"0{rng.choice('67')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
                if phone not in used_phones:
                    used_phones.add(phone)
                    break
            prog = rng.choices([Programme.NONE, Programme.CEJ, Programme.PACEA], [40, 30, 30])[0]
            p_start = today - timedelta(days=rng.randint(0, 700)) if prog is not Programme.NONE else None
            p_end = p_start + timedelta(days=365 if prog is Programme.CEJ else 182) if p_start else None
            created = now - timedelta(days=rng.randint(0, size.days_past + 400), minutes=rng.randint(0, 600))
            folded_last = fold(last).replace(" ", "").replace("'", "")
            row = dict(
                id=uid(),
                site_id=site_id,
                first_name=first,
                last_name=last,
                birth_date=today - timedelta(days=rng.randint(16 * 365 + 5, 25 * 365 + 300)),
                phone=phone,
                phone_digits=phone.replace(" ", ""),
                email=f"{fold(first)[0]}.{folded_last}{i}@exemple.fr" if rng.random() < 0.8 else "",
                external_id=str(10_000_000 + i * 7919 % 9_000_000) if rng.random() < 0.85 else "",
                referent_id=counsellors[i % len(counsellors)]["id"],
                programme=prog.value,
                programme_start=p_start,
                programme_end=p_end,
                sms_consent=rng.random() < 0.7,
                needs_accessible_room=rng.random() < 0.02,
                merged_into_id=None,
                fold_name=fold(f"{last} {first}"),
                created_at=created,
                **stamps.at(created),
            )
            rows.append(row)
            tokens.extend(
                {"token": t, "youth_id": row["id"]} for t in tokens_for(cast(Youth, SimpleNamespace(**row)))
            )
        with ctx.write() as s:
            s.execute(insert(Youth), rows)
            s.execute(insert(YouthToken), tokens)
        ids.extend(r["id"] for r in rows)
        progress.step("jeunes", len(ids), total)
    return ids
