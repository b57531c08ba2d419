"""Real concurrency on a server: twenty processes (two sites of one database) booking the same slots, twenty
desks racing for the last workshop seats, and a client killed in the middle of a booking.

After each race the database itself is read with SQL: no room, counsellor or young person holds two
appointments at once (buffers counted as the rules count them), the seats never exceed the capacity and
the waiting list is numbered without gaps or repeats.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pytest

from mlplanner.domain.enums import Role, RoomKind
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.directory.service import SiteSetup
from mlplanner.services.youths.service import YouthDraft
from support import FULL_TIME, SITE_HOURS, actor_of, sql_rows

if TYPE_CHECKING:
    from support import TestSite

pytestmark = [pytest.mark.postgresql_only, pytest.mark.slow]

DAY = "2026-01-06"
TIMES = ["09:00", "09:15", "09:30", "10:00", "10:30", "11:00"]

HOLDING = "('booked', 'arrived', 'seen', 'no_show')"
OVERLAPS = {
    "room": f"""SELECT a.id, b.id FROM appointment a JOIN appointment b ON a.id < b.id AND a.room_id = b.room_id
        AND a.start < b."end" + make_interval(mins => b.buffer_min)
        AND b.start < a."end" + make_interval(mins => a.buffer_min)
        WHERE NOT a.deleted AND NOT b.deleted AND a.status IN {HOLDING} AND b.status IN {HOLDING}""",
    "counsellor": f"""SELECT a.id, b.id FROM appointment a JOIN appointment b ON a.id < b.id
        AND a.counsellor_id = b.counsellor_id
        AND a.start < b."end" + make_interval(mins => b.buffer_min)
        AND b.start < a."end" + make_interval(mins => a.buffer_min)
        WHERE NOT a.deleted AND NOT b.deleted AND a.status IN {HOLDING} AND b.status IN {HOLDING}
        AND a.forced_reason = '' AND b.forced_reason = ''""",
    "youth": f"""SELECT a.id, b.id FROM appointment a JOIN appointment b ON a.id < b.id AND a.youth_id = b.youth_id
        AND a.start < b."end" AND b.start < a."end"
        WHERE NOT a.deleted AND NOT b.deleted AND a.status IN {HOLDING} AND b.status IN {HOLDING}""",
}


def _booker(
    url: str, site: str, actor: tuple[str, str, str], youths: list[str], barrier: Any, out: Any
) -> None:
    from datetime import datetime as dt

    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.errors import DomainError
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

    sv = Services.open(url, FixedClock(dt(2026, 1, 5, 7, 0, tzinfo=UTC)), site=site)
    who = Actor(actor[0], actor[1], Role(actor[2]))
    codes: list[str] = []
    try:
        sv.booking.day(date(2026, 1, 6))  # connected and warm before the start signal
        barrier.wait(timeout=120)
        for hm in TIMES:
            for youth in youths:
                for _try in range(20):  # "busy, try again in a moment": the desk tries again
                    try:
                        sv.booking.book(
                            actor=who, youth_id=youth, type_code="ACC", start=dt.fromisoformat(f"{DAY} {hm}")
                        )
                        codes.append("ok")
                    except DomainError as exc:
                        if exc.code == "db_locked":
                            continue
                        codes.append(exc.code)
                    break
                else:
                    codes.append("db_locked")
    except Exception as exc:  # reported, never swallowed
        codes.append(f"crash: {exc!r}")
    finally:
        sv.close()
        out.put(codes)


def _second_site(site: TestSite) -> tuple[str, tuple[str, str, str]]:
    """TEST02 in the same database: its own rooms and counsellors, the same young people."""
    sv = site.services
    from mlplanner.services.container import Services

    other = Services.open(sv.ctx.db.location, site.clock)
    try:
        other.directory.create_site(SiteSetup(code="TEST02", name="Site 2", opening_hours=SITE_HOURS))
        admin = other.directory.add_staff(
            actor=SYSTEM_ACTOR, first_name="Ad", last_name="Min", role=Role.ADMIN
        )
        admin_actor = actor_of(admin)
        rooms = [
            other.directory.add_room(actor=admin_actor, name=f"Bureau {n}", kind=RoomKind.OFFICE, capacity=3)
            for n in (1, 2)
        ]
        for n, room in enumerate(rooms):
            other.directory.add_staff(
                actor=admin_actor, first_name="Conseiller", last_name=f"Deux{'AB'[n]}", role=Role.COUNSELLOR,
                working_pattern=FULL_TIME, default_room_id=room.id,
            )  # fmt: skip
        desk = other.directory.add_staff(
            actor=admin_actor,
            first_name="Accueil",
            last_name="Deux",
            role=Role.RECEPTIONIST,
            working_pattern=FULL_TIME,
        )
        return "TEST02", (desk.id, desk.display_name, desk.role.value)
    finally:
        other.close()


def test_twenty_processes_of_two_sites_booking_the_same_slots(site: TestSite) -> None:
    url = str(site.services.ctx.db.location)
    youths = [site.youths[k].id for k in ("kevin", "eloise", "aissatou", "jp")]
    for n in range(4):  # a few more people to book, shared by both sites
        youths.append(
            site.services.youths.add(
                actor=site.receptionist, draft=YouthDraft(first_name=f"Léa{'ABCD'[n]}", last_name="Course")
            ).youth.id
        )
    code2, desk2 = _second_site(site)
    desk1 = (site.receptionist.id, site.receptionist.name, site.receptionist.role.value)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(20), ctx.Queue()
    procs = []
    for n in range(20):
        mine = youths[n % 4 :: 2] if n % 2 else youths[::-1][n % 3 :: 2]  # overlapping subsets of the youths
        site_code, desk = ("TEST01", desk1) if n % 2 else (code2, desk2)
        procs.append(ctx.Process(target=_booker, args=(url, site_code, desk, mine, barrier, out)))
    for p in procs:
        p.start()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    codes = [c for r in results for c in r]
    assert not [c for c in codes if c.startswith("crash")], codes
    allowed = {
        "ok",
        "youth_overlap",
        "no_counsellor_free",
        "counsellor_overlap",
        "room_overlap",
        "no_free_room",
    }
    # every refusal is a rule's (a desk told "busy, try again" tried again): never a storage error
    assert set(codes) <= allowed, Counter(codes)
    assert codes.count("ok") >= 8 and "youth_overlap" in codes, Counter(codes)
    for kind, query in OVERLAPS.items():
        assert sql_rows(url, query) == [], kind
    booked = sql_rows(url, "SELECT count(*) FROM appointment WHERE NOT deleted")[0][0]
    assert booked == codes.count("ok")
    # both sites booked, and the young people they share never got two places at once
    assert {
        r[0]
        for r in sql_rows(url, "SELECT DISTINCT s.code FROM appointment a JOIN site s ON s.id = a.site_id")
    } == {
        "TEST01",
        "TEST02",
    }


def _registrant(
    url: str, actor: tuple[str, str, str], session_id: str, youth_id: str, barrier: Any, out: Any
) -> None:
    from datetime import datetime as dt

    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.errors import StorageError
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

    sv = Services.open(url, FixedClock(dt(2026, 1, 5, 7, 0, tzinfo=UTC)))
    try:
        sv.workshops.session(session_id)
        barrier.wait(timeout=120)
        for _try in range(20):  # "busy, try again in a moment": the desk tries again
            try:
                res = sv.registrations.register(
                    actor=Actor(actor[0], actor[1], Role(actor[2])),
                    session_id=session_id,
                    youth_id=youth_id,
                    waitlist_ok=True,
                )
                break
            except StorageError as exc:
                if exc.code != "db_locked":
                    raise
        out.put((res.registration.status.value, res.registration.waitlist_rank))
    except Exception as exc:
        out.put((f"error: {exc!r}", 0))
    finally:
        sv.close()


def test_twenty_desks_race_for_the_last_workshop_seats(site: TestSite) -> None:
    from workshops.helpers import make_series

    url = str(site.services.ctx.db.location)
    sid = make_series(site, capacity=5).sessions[0].id
    youths = [
        site.services.youths.add(
            actor=site.receptionist, draft=YouthDraft(first_name=f"Noé{chr(65 + n)}", last_name="Atelier")
        ).youth.id
        for n in range(20)
    ]
    actor = (site.receptionist.id, site.receptionist.name, site.receptionist.role.value)
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(20), ctx.Queue()
    procs = [ctx.Process(target=_registrant, args=(url, actor, sid, y, barrier, out)) for y in youths]
    for p in procs:
        p.start()
    outcomes = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert sorted(o[0] for o in outcomes) == ["confirmed"] * 5 + ["waitlisted"] * 15, outcomes
    assert sorted(o[1] for o in outcomes if o[0] == "waitlisted") == list(range(1, 16))
    (seats,) = sql_rows(
        url,
        "SELECT count(*) FROM workshop_registration WHERE session_id = :s AND status = 'confirmed' AND NOT deleted",
        {"s": sid},
    )
    assert seats == (5,)
    queue = sql_rows(
        url,
        "SELECT queue_no FROM workshop_registration WHERE session_id = :s AND status = 'waitlisted' ORDER BY queue_no",
        {"s": sid},
    )
    assert len({q for (q,) in queue}) == 15


KILLED = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime
    from pathlib import Path
    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.enums import Role
    from mlplanner.services import audit
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

    url, youth, marker, actor_id = sys.argv[1:5]
    record = audit.record

    def stuck(session, *args, **kw):  # the appointment row is flushed: the transaction is half done
        session.flush()
        Path(marker).write_text("inside")
        time.sleep(300)

    audit.record = stuck
    import mlplanner.services.booking.service as booking
    booking.audit.record = stuck
    sv = Services.open(url, FixedClock(datetime(2026, 1, 5, 7, 0, tzinfo=UTC)))
    sv.booking.book(actor=Actor(actor_id, "Karima", Role.RECEPTIONIST), youth_id=youth, type_code="SUIVI",
                    start=datetime(2026, 1, 6, 10, 0))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_client_killed_mid_booking_leaves_nothing_and_no_lock(site: TestSite, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = str(site.services.ctx.db.location)
    marker = tmp_path / "inside"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, url, site.youths["kevin"].id, str(marker), site.receptionist.id]
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the child ended before the middle of its booking"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert sql_rows(url, "SELECT count(*) FROM appointment") == [(0,)]  # not committed: invisible
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    # the server rolled the dead client's transaction back and released its locks: the same booking
    # goes through at once from another workstation, and nothing of the first one remains
    t0 = time.monotonic()
    booked = site.book("kevin", "2026-01-06 10:00")
    assert time.monotonic() - t0 < 10
    assert [r[0] for r in sql_rows(url, "SELECT id FROM appointment")] == [booked.id]
    assert sql_rows(url, "SELECT count(*) FROM audit_entry WHERE action = 'book'") == [(1,)]
    _ = datetime  # (imported for the child's code above)
