"""The demo site: reproducible, per-site, realistic, and never breaking a booking rule."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import OCCUPYING_STATUSES, Role, RoomKind, Status
from mlplanner.services.booking.availability import load_calendar
from mlplanner.services.booking.rules import Proposal, check_all
from mlplanner.services.container import Services
from mlplanner.services.demo import build_demo
from mlplanner.storage.tables import Appointment, Room, Staff, Youth
from support import sql_rows

from .test_no_overlap_property import overlaps

TODAY = date(2027, 3, 1)
VOLATILE = {"hlc", "updated_at", "created_at"}  # stamps of when the file was built, not business data
LOCAL_ONLY = {"alembic_version", "credential", "audit_entry"}  # salted PIN hashes differ on purpose


def build(
    path: Path, *, seed: int = 3, site: str = "PARIS13", youths: int = 200, clock: FixedClock | None = None
):
    sv = Services.open(path, clock=clock or FixedClock())
    try:
        return build_demo(sv, seed=seed, site_code=site, today=TODAY, youths=youths)
    finally:
        sv.close()


def business_rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        out: dict[str, list[tuple]] = {}
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            if table in LOCAL_ONLY or table.startswith("sqlite_"):
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in VOLATILE]
            col_list = ", ".join(f'"{c}"' for c in cols)
            out[table] = conn.execute(f'SELECT {col_list} FROM "{table}" ORDER BY {col_list}').fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """Seed 3, PARIS13, 200 youths: the build the other builds are compared with."""
    path = tmp_path_factory.mktemp("demo-ref") / "ref.sqlite3"
    return path, build(path)


def test_same_seed_same_site_same_day_same_data(reference, tmp_path: Path) -> None:
    ref, counts = reference
    again = tmp_path / "again.sqlite3"
    assert build(again) == counts
    rows_a, rows_b = business_rows(ref), business_rows(again)
    assert rows_a.keys() == rows_b.keys()
    for table in rows_a:
        assert rows_a[table] == rows_b[table], table
    assert len(rows_a["appointment"]) == counts["appointments"] > 1000


def _appointments(path: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(path)
    try:
        return {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT id, start, youth_id, counsellor_id, room_id, status, arrived_at FROM appointment"
            )
        }
    finally:
        conn.close()


def test_the_demos_now_is_the_clock_it_is_given(reference, tmp_path: Path) -> None:
    """Today's appointments are past before the clock's time and booked after it, whatever the hour (the
    demo used to mark everything before 11:00 as past, even at 08:00 or at 16:00)."""
    paris = ZoneInfo("Europe/Paris")
    early = tmp_path / "early.sqlite3"  # 08:00: nothing of today has happened yet
    late = tmp_path / "late.sqlite3"  # 15:00: the morning and the start of the afternoon are past
    build(early, clock=FixedClock(datetime.combine(TODAY, time(8, 0), tzinfo=paris)))
    build(late, clock=FixedClock(datetime.combine(TODAY, time(15, 0), tzinfo=paris)))
    a, b = _appointments(early), _appointments(late)
    assert a.keys() == b.keys()  # the same appointments: only their outcomes follow the clock
    assert all(a[k][:4] == b[k][:4] for k in a)
    today = str(TODAY)
    outcomes = {Status.SEEN.value, Status.ARRIVED.value, Status.NO_SHOW.value}
    early_today = [v for v in a.values() if v[0].startswith(today)]
    assert early_today and not [v for v in early_today if v[4] in outcomes]
    before_3 = [v for v in b.values() if v[0].startswith(today) and v[0][11:16] < "15:00"]
    after_3 = [v for v in b.values() if v[0].startswith(today) and v[0][11:16] >= "15:00"]
    assert [v for v in before_3 if v[0][11:16] >= "11:00" and v[4] in outcomes]  # the afternoon too
    assert after_3 and not [v for v in after_3 if v[4] in outcomes]
    arrivals = [v[5] for v in b.values() if v[5]]
    assert arrivals and max(arrivals) <= "2027-03-01 14:00:00"  # 15:00 in Paris is 14:00 UTC: none after
    assert Status.ARRIVED.value in {v[4] for v in before_3}  # some are with their counsellor
    assert all(v[5] for v in b.values() if v[4] == Status.ARRIVED.value)


def test_an_imilo_number_is_one_person_across_seeds_and_sites(tmp_path: Path) -> None:
    """Demo builds of several seeds and sites never give one i-milo number to two different people, and
    the README's demo sites hold different young people."""
    holders: dict[str, set[tuple]] = {}
    per_site: dict[str, set[str]] = {}
    for seed, site in ((1, "PARIS13"), (2, "PARIS13"), (1, "PARIS18"), (5, "PARIS20"), (1, "LYON")):
        path = tmp_path / f"{site}-{seed}.sqlite3"
        build(path, seed=seed, site=site, youths=300)
        conn = sqlite3.connect(path)
        rows = conn.execute(
            "SELECT external_id, last_name, first_name, birth_date FROM youth WHERE external_id != ''"
        ).fetchall()
        conn.close()
        assert len({r[0] for r in rows}) == len(rows)  # no number twice in one file
        for number, *person in rows:
            holders.setdefault(number, set()).add(tuple(person))
        per_site.setdefault(site, set()).update(r[0] for r in rows)
    assert all(len(people) == 1 for people in holders.values())
    assert not per_site["PARIS13"] & per_site["PARIS18"]
    assert not per_site["PARIS18"] & per_site["PARIS20"] and not per_site["PARIS13"] & per_site["LYON"]


def test_another_seed_gives_other_data(reference, tmp_path: Path) -> None:
    build(tmp_path / "b.sqlite3", seed=4)
    assert business_rows(reference[0])["youth"] != business_rows(tmp_path / "b.sqlite3")["youth"]


def test_site_code_is_case_insensitive(reference, tmp_path: Path) -> None:
    build(tmp_path / "lower.sqlite3", site="paris13")
    assert business_rows(tmp_path / "lower.sqlite3") == business_rows(reference[0])


def staff_of(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, first_name, last_name, working_pattern FROM staff WHERE role = 'counsellor' ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def ids_of(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute(f"SELECT id FROM {table}")}
    finally:
        conn.close()


def test_another_site_gets_its_own_staff_and_shares_nothing(reference, tmp_path: Path) -> None:
    p13, p18 = reference[0], tmp_path / "p18.sqlite3"
    build(p18, site="PARIS18")
    s13, s18 = staff_of(p13), staff_of(p18)
    assert {r[1:] for r in s13} != {r[1:] for r in s18}  # other people, or other patterns
    for table in ("site", "room", "staff", "youth", "appointment"):
        assert not ids_of(p13, table) & ids_of(p18, table), table
    # appointment types are keyed by their code across the network (sync), so those ids are the same
    assert ids_of(p13, "appointment_type") == ids_of(p18, "appointment_type")
    conn = sqlite3.connect(p18)
    assert conn.execute("SELECT code, name FROM site").fetchone() == (
        "PARIS18",
        "Mission Locale de Paris — site Paris 18",
    )
    conn.close()


def test_demo_has_the_promised_shape_with_2000_youths(tmp_path: Path) -> None:
    path = tmp_path / "full.sqlite3"
    counts = build(path, youths=2000)
    assert counts["youths"] == 2000
    sv = Services.open(path, clock=FixedClock())
    try:
        counsellors = sv.directory.staff(role=Role.COUNSELLOR)
        assert 8 <= len(counsellors) <= 12
        patterns = {c.working_pattern_json for c in counsellors}
        assert len(patterns) >= 2  # some part-timers
        rooms = sv.directory.rooms()
        assert len(rooms) == 6
        assert [r.kind for r in rooms].count(RoomKind.WORKSHOP) == 1
        assert any(not r.accessible for r in rooms)
        assert {Role.RECEPTIONIST, Role.SITE_LEAD, Role.ADMIN, Role.PARTNER} <= {
            s.role for s in sv.directory.staff()
        }
        assert len(sv.youths.search("eloise", limit=500)) > 5  # French names, searchable without accents
    finally:
        sv.close()
    assert overlaps(path, "counsellor_id") == []
    assert overlaps(path, "room_id") == []
    assert overlaps(path, "youth_id") == []


def test_demo_never_overlaps(demo: Services) -> None:
    path = demo.ctx.db.location
    assert overlaps(path, "counsellor_id") == []
    assert overlaps(path, "room_id") == []
    assert overlaps(path, "youth_id") == []


def test_demo_spans_three_months_with_realistic_statuses(demo: Services) -> None:
    from support import DEMO_TODAY

    first, last = DEMO_TODAY - timedelta(days=45), DEMO_TODAY + timedelta(days=45)
    appts = demo.booking.between(first - timedelta(days=30), last + timedelta(days=30))
    assert min(a.start.date() for a in appts) <= first + timedelta(days=3)
    assert max(a.start.date() for a in appts) >= last - timedelta(days=3)
    past = Counter(a.status for a in appts if a.start.date() < DEMO_TODAY)
    future = Counter(a.status for a in appts if a.start.date() > DEMO_TODAY)
    assert past[Status.SEEN] > past[Status.NO_SHOW] > 0
    assert (
        past[Status.EXCUSED] > 0 and past[Status.CANCELLED_BY_YOUTH] > 0 and past[Status.CANCELLED_BY_ML] > 0
    )
    assert 0 < past[Status.BOOKED] < past[Status.SEEN] / 5  # a few left to fill in
    assert set(future) <= {Status.BOOKED, Status.CANCELLED_BY_YOUTH}
    assert future[Status.BOOKED] > 100
    assert demo.booking.to_fill_in()  # counsellors have outcomes to record
    today = demo.booking.day(DEMO_TODAY)  # the demo's clock says 08:00: nothing has happened yet today
    assert today and {a.status for a in today} <= {Status.BOOKED, Status.CANCELLED_BY_YOUTH}


def test_demo_appointments_pass_the_booking_rules(demo: Services) -> None:
    """A seeded sample of the demo's occupying appointments, checked by the very rules of booking."""
    with demo.ctx.read() as s:
        site = demo.ctx.site_row(s)
        rows = list(s.exec(select(Appointment).where(Appointment.status.in_(OCCUPYING_STATUSES))).scalars())
        sample = random.Random(5).sample(rows, 120)
        for a in sample:
            counsellor = s.get(Staff, a.counsellor_id)
            room = s.get(Room, a.room_id) if a.room_id else None
            cal = load_calendar(s, site, a.start.date(), a.start.date(), [counsellor.id])
            p = Proposal(s.get(Youth, a.youth_id), counsellor, room, a.start, a.end, a.buffer_min)
            forced = check_all(
                s, p, cal, demo.booking.busy, now_local=a.start, back_office=True, exclude_id=a.id
            )
            assert forced == []


def test_demo_rooms_honour_accessibility(demo: Services) -> None:
    ((bad,),) = sql_rows(
        demo.ctx.db.location,
        "SELECT count(*) FROM appointment a JOIN youth y ON y.id = a.youth_id JOIN room r ON r.id = a.room_id "
        "WHERE y.needs_accessible_room = true AND r.accessible = false",
    )
    ((needing,),) = sql_rows(
        demo.ctx.db.location,
        "SELECT count(*) FROM appointment a JOIN youth y ON y.id = a.youth_id "
        "WHERE y.needs_accessible_room = true AND a.room_id IS NOT NULL",
    )
    assert needing > 0
    assert bad == 0


BUSY = """
WITH busy AS (
    SELECT 'rdv:' || id AS item, counsellor_id AS who, room_id AS room, youth_id AS youth, start, "end"
    FROM appointment WHERE deleted = false AND status IN ('booked', 'arrived', 'seen', 'no_show')
    UNION ALL
    SELECT 'atelier:' || id, facilitator_id, room_id, NULL, start, "end"
    FROM workshop_session WHERE deleted = false AND status != 'cancelled'
    UNION ALL
    SELECT 'atelier:' || id, co_facilitator_id, NULL, NULL, start, "end"
    FROM workshop_session WHERE deleted = false AND status != 'cancelled' AND co_facilitator_id IS NOT NULL
    UNION ALL
    SELECT 'atelier:' || s.id, NULL, NULL, r.youth_id, s.start, s."end"
    FROM workshop_registration r JOIN workshop_session s ON s.id = r.session_id
    WHERE r.deleted = false AND r.status = 'confirmed' AND s.deleted = false AND s.status != 'cancelled'
)
SELECT a.item, b.item FROM busy a JOIN busy b ON a.item < b.item AND a.start < b."end" AND b.start < a."end"
WHERE a.{key} = b.{key}
"""


def test_demo_with_workshops_never_overlaps(demo: Services) -> None:
    """The CLI's demo adds workshop series: no facilitator, room or registered youth is anywhere else."""
    from mlplanner.services.workshops.demo import build_demo_workshops
    from support import DEMO_SEED, DEMO_TODAY

    counts = build_demo_workshops(demo, today=DEMO_TODAY, seed=DEMO_SEED)
    assert counts.get("sessions", 0) > 10
    where = demo.ctx.db.location
    assert sql_rows(where, "SELECT count(*) FROM workshop_registration WHERE status = 'confirmed'")[0][0] > 0
    for key in ("who", "room", "youth"):
        assert sql_rows(where, BUSY.format(key=key)) == [], key
