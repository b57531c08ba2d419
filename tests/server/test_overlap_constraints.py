"""The server's exclusion constraints say exactly what the booking rules say, and when they fire (another
workstation committed a clash first) the user reads the rules' own French refusal, exit code 3.

The property test builds two appointments at random (same or other room and youth, times, durations,
buffers, statuses, tombstones) and checks that the database refuses the second one exactly when the
booking rules (`rules.check_overlaps`, room and youth) refuse it.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, insert, text
from sqlalchemy.exc import IntegrityError

from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.ids import new_id
from mlplanner.services.booking.availability import BusyTime
from mlplanner.services.booking.rules import Proposal, check_overlaps
from mlplanner.storage.db import server_url
from mlplanner.storage.tables import Appointment, Room, Staff, Youth
from support import sql_rows, wall

if TYPE_CHECKING:
    from support import TestSite

pytestmark = pytest.mark.postgresql_only
STATUSES = ["booked", "arrived", "seen", "no_show", "excused", "cancelled_youth", "cancelled_ml"]


def appointment_row(site: TestSite, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": new_id(),
        "updated_at": site.clock.now_utc(),
        "origin_site": "TEST01",
        "hlc": "000000000000001.00000.TEST01",
        "deleted": False,
        "site_id": site.site.id,
        "counsellor_id": site.staff["claire"].id,
        "type_id": site.types["SUIVI"].id,
        "buffer_min": 0,
        "mode": "on_site",
        "status": "booked",
        "cancel_reason": "",
        "referred_by": "",
        "notes": "",
        "forced_reason": "",
        "created_by": "",
        "created_at": site.clock.now_utc(),
        "updated_by": "",
        "slot_checked": True,
    }
    return base | kw


when = st.tuples(st.integers(0, 12), st.sampled_from([15, 20, 30, 45, 60]), st.sampled_from([0, 10, 15]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# the cases the rules spell out (README, booking rules), before the random ones:
# the buffer after an appointment keeps its room busy, whichever of the two carries it...
@example(
    first=(0, 30, 15),
    second=(2, 30, 0),
    same_room=True,
    same_youth=False,
    first_status="booked",
    first_deleted=False,
)
@example(
    first=(2, 30, 0),
    second=(0, 30, 15),
    same_room=True,
    same_youth=False,
    first_status="seen",
    first_deleted=False,
)
# ...but not the young person; back to back is fine
@example(
    first=(0, 30, 15),
    second=(2, 30, 0),
    same_room=False,
    same_youth=True,
    first_status="booked",
    first_deleted=False,
)
@example(
    first=(0, 30, 0),
    second=(2, 30, 0),
    same_room=True,
    same_youth=True,
    first_status="arrived",
    first_deleted=False,
)
@example(
    first=(0, 60, 0),
    second=(1, 15, 0),
    same_room=False,
    same_youth=True,
    first_status="no_show",
    first_deleted=False,
)
# excused, cancelled or deleted appointments free their slot
@example(
    first=(0, 60, 0),
    second=(1, 15, 0),
    same_room=True,
    same_youth=True,
    first_status="excused",
    first_deleted=False,
)
@example(
    first=(0, 60, 0),
    second=(1, 15, 0),
    same_room=True,
    same_youth=True,
    first_status="cancelled_ml",
    first_deleted=False,
)
@example(
    first=(0, 60, 0),
    second=(1, 15, 0),
    same_room=True,
    same_youth=True,
    first_status="booked",
    first_deleted=True,
)
@given(
    first=when,
    second=when,
    same_room=st.booleans(),
    same_youth=st.booleans(),
    first_status=st.sampled_from(STATUSES),
    first_deleted=st.booleans(),
)
def test_the_constraints_refuse_exactly_what_the_rules_refuse(
    site: TestSite,
    first: tuple[int, int, int],
    second: tuple[int, int, int],
    same_room: bool,
    same_youth: bool,
    first_status: str,
    first_deleted: bool,
) -> None:
    day = wall("2026-01-06 09:00")
    rooms = [site.rooms["b1"].id, site.rooms["b2"].id]
    youths = [site.youths["kevin"].id, site.youths["eloise"].id]

    def span(t: tuple[int, int, int]) -> tuple[datetime, datetime, int]:
        start = day + timedelta(minutes=15 * t[0])
        return start, start + timedelta(minutes=t[1]), t[2]

    s1, e1, b1 = span(first)
    s2, e2, b2 = span(second)
    a = appointment_row(
        site, youth_id=youths[0], room_id=rooms[0], start=s1, end=e1, buffer_min=b1,
        status=first_status, deleted=first_deleted,
    )  # fmt: skip
    b = appointment_row(
        site, youth_id=youths[0 if same_youth else 1], room_id=rooms[0 if same_room else 1],
        counsellor_id=site.staff["mamadou"].id, start=s2, end=e2, buffer_min=b2,
    )  # fmt: skip
    engine = site.services.ctx.db.engine
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            conn.execute(insert(Appointment.__table__), a)
            # what the booking rules say about `b` once `a` is there (rooms and youths: counsellors differ)
            from sqlmodel import Session

            with Session(bind=conn) as s:
                proposal = Proposal(
                    s.get(Youth, b["youth_id"]), s.get(Staff, b["counsellor_id"]), s.get(Room, b["room_id"]),
                    s2, e2, b2,
                )  # fmt: skip
                try:
                    check_overlaps(s, proposal, BusyTime(), exclude_id=None, allow_counsellor_overlap=False)
                    rules_refuse = None
                except RuleViolation as exc:
                    rules_refuse = exc.code
            nested = conn.begin_nested()
            try:
                conn.execute(insert(Appointment.__table__), b)
                nested.commit()
                database_refuses = None
            except IntegrityError as exc:
                nested.rollback()
                database_refuses = str(exc.orig.diag.constraint_name)  # type: ignore[union-attr]
        finally:
            tx.rollback()
    expected = {
        None: None,
        "room_overlap": "appointment_room_no_overlap",
        "youth_overlap": "appointment_youth_no_overlap",
    }[rules_refuse]
    if rules_refuse == "youth_overlap" and database_refuses == "appointment_room_no_overlap":
        database_refuses = (
            expected  # both clash; the rules name the young person first, the database the room
        )
    assert database_refuses == expected, (first, second, same_room, same_youth, first_status, first_deleted)


def test_an_appointment_not_placed_by_the_rules_is_outside_the_constraints(site: TestSite) -> None:
    """A clash that arrived by sync (made offline elsewhere) is stored and listed, never refused."""
    url = site.services.ctx.db.location
    row = appointment_row(
        site, youth_id=site.youths["kevin"].id, room_id=site.rooms["b1"].id,
        start=wall("2026-01-06 10:00"), end=wall("2026-01-06 10:30"),
    )  # fmt: skip
    engine = create_engine(server_url(str(url)))
    try:
        with engine.begin() as conn:
            conn.execute(insert(Appointment.__table__), row)
            conn.execute(insert(Appointment.__table__), row | {"id": new_id(), "slot_checked": False})
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.execute(insert(Appointment.__table__), row | {"id": new_id()})
    finally:
        engine.dispose()


class Holder:
    """Another workstation's transaction: it inserted a clashing booking and commits when told."""

    def __init__(self, url: str, row: dict[str, object]) -> None:
        self.engine = create_engine(server_url(url))
        self.conn = self.engine.connect()
        self.tx = self.conn.begin()
        self.conn.execute(insert(Appointment.__table__), row)

    def commit(self) -> None:
        self.tx.commit()
        self.conn.close()
        self.engine.dispose()


@pytest.mark.parametrize("clash", ["youth", "room"])
def test_a_clash_committed_meanwhile_is_refused_in_the_rules_own_words(site: TestSite, clash: str) -> None:
    """The other workstation's booking is not committed when our rules run: they pass, our insert waits
    on the constraint, the other commits, the constraint refuses; the call runs again and the rules,
    now seeing the other booking, refuse as they would have on SQLite."""
    url = str(site.services.ctx.db.location)
    start = wall("2026-01-06 10:00")
    other = appointment_row(
        site,
        youth_id=site.youths["kevin"].id if clash == "youth" else site.youths["jp"].id,
        room_id=site.rooms["b1"].id if clash == "room" else site.rooms["b3"].id,
        counsellor_id=site.staff["mamadou"].id,
        start=start,
        end=start + timedelta(minutes=30),
    )
    holder = Holder(url, other)
    outcome: dict[str, object] = {}

    def book() -> None:
        try:
            outcome["result"] = site.book("kevin", "2026-01-06 10:00", room=site.rooms["b1"].id)
        except Exception as exc:  # the test reads it
            outcome["error"] = exc

    worker = threading.Thread(target=book)
    worker.start()
    waited = _waits_on_the_constraint(url)
    holder.commit()
    worker.join(timeout=60)
    assert waited, "the booking should have waited on the other workstation's uncommitted booking"
    error = outcome.get("error")
    assert isinstance(error, RuleViolation) and error.exit_code == 3, outcome
    if clash == "youth":
        assert error.code == "youth_overlap"
        assert error.message == "KONÉ Kévin a déjà un rendez-vous de 10:00 à 10:30 avec Mamadou Diallo."
    else:
        assert error.code == "room_overlap"
        assert error.message.startswith("La salle « Bureau 1 » est déjà occupée de 10:00 à 10:30")
    # nothing of the refused booking was written: the other workstation's is the only one
    assert sql_rows(url, "SELECT count(*) FROM appointment") == [(1,)]
    assert sql_rows(url, "SELECT count(*) FROM audit_entry WHERE action = 'book'") == [(0,)]


def _waits_on_the_constraint(url: str, timeout: float = 30) -> bool:
    """Whether a session of the test's database is waiting for a transaction (the constraint's check)."""
    name = url.rsplit("/", 1)[1].split("?")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = sql_rows(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND wait_event_type = 'Lock' "
            "AND wait_event = 'transactionid'",
            {"d": name},
        )
        if rows[0][0]:
            return True
        time.sleep(0.05)
    return False


def test_the_cli_gives_the_same_refusal_and_exit_code_3_on_both_engines(site: TestSite) -> None:
    """(The CLI suite runs on both engines; this pins the constraint path to the same exit code.)"""
    from mlplanner.cli.main import main

    site.book("kevin", "2026-01-06 10:00")
    code = main(
        [
            "book", "--db", str(site.services.ctx.db.location), "--youth", site.youths["kevin"].id,
            "--type", "SUIVI", "--start", "2026-01-06 10:00", "--counsellor", site.staff["mamadou"].id,
        ]
    )  # fmt: skip
    assert code == 3
    with site.services.ctx.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM appointment")).scalar() == 1
