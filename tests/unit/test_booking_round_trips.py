"""A booking on a server costs few round trips (issue 19): the locks and the live refresh's notice in one
statement, the rows it reads first (site, young person, type, counsellor, room, highest stamp, audit
number) in another (`services.booking.prefetch`). What must not change with fewer: the locks are held,
the notice arrives on commit only, a name given instead of an id still books, stamps still grow past
another workstation's, audit numbers still follow each other."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from sqlmodel import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import RuleViolation
from mlplanner.services.container import Services
from mlplanner.storage.db import LOCK_CLASS, NOTIFY_CHANNEL, lock_names, server_url, youth_lock
from mlplanner.storage.tables import Appointment, AuditEntry
from support import wall

if TYPE_CHECKING:
    from support import TestSite

pytestmark = pytest.mark.postgresql_only  # round trips are a server's cost (SQLite's reads are in-process)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement sent to the server from now on (SQLAlchemy's and the driver reads')."""
    out: list[str] = []
    real = psycopg.Cursor.execute

    def execute(self: psycopg.Cursor[Any], query: Any, params: Any = None, **kw: Any) -> Any:
        out.append(str(query))
        return real(self, query, params, **kw)

    monkeypatch.setattr(psycopg.Cursor, "execute", execute)
    return out


def _other_connection(site: TestSite) -> psycopg.Connection[Any]:
    url = server_url(str(site.services.ctx.db.location))
    return psycopg.connect(
        host=url.query["host"],
        port=url.query["port"],
        dbname=url.database,
        user=url.username,
        autocommit=True,
    )


@pytest.fixture
def other(site: TestSite) -> Iterator[psycopg.Connection[Any]]:
    conn = _other_connection(site)
    yield conn
    conn.close()


def test_a_booking_takes_its_locks_and_first_rows_in_two_round_trips(site: TestSite, sent: list[str]) -> None:
    site.book("eloise", "2026-01-06 09:00")  # the first one fills what a process keeps
    sent.clear()
    row = site.book("kevin", "2026-01-06 10:00", counsellor="mamadou", room=site.rooms["b2"].id)
    assert row.counsellor_name and row.room_name
    locks = [q for q in sent if "pg_advisory_xact_lock" in q]
    assert len(locks) == 1 and locks[0].count("pg_advisory_xact_lock") == 2 and "pg_notify" in locks[0]
    assert not [q for q in sent if q.strip().startswith("SELECT pg_notify")]
    # one statement for the site, the youth, the type, the counsellor, the room, the stamp, the number
    assert not [q for q in sent if "max(hlc)" in q and "FROM site" not in q]
    assert not [q for q in sent if "max(audit_entry.seq)" in q and "FROM site" not in q]
    firsts = ("SELECT youth.", "SELECT staff.", "SELECT room.", "SELECT site_closure.", "SELECT absence.")
    assert [q for q in sent if q.lstrip().startswith(firsts)] == []
    # the workshop sessions of the counsellor and room, and those the young person is registered to
    assert [q for q in sent if "FROM workshop_registration" in q and "UNION ALL" not in q] == []
    # and the appointments of the counsellor, the office and the youth come with the first rows
    assert [q for q in sent if "ORDER BY a.start, a.ctid" in q and "json_agg" not in q] == []
    # 20 before (issue 19); one of these is the plan choice of the read-ahead (planned once, see below)
    assert len(sent) <= 9, sent


def test_the_calendar_read_ahead_refuses_as_before(site: TestSite) -> None:
    """The day's closures and absences come with the first rows: their refusals are the same."""
    lead = site.lead
    site.services.directory.add_absence(
        actor=lead, staff_id=site.staff["claire"].id, start=wall("2026-01-06 14:00"), end=wall("2026-01-06 18:00"),
        reason="formation",
    )  # fmt: skip
    with pytest.raises(RuleViolation) as absent:
        site.book("eloise", "2026-01-06 15:00")
    assert absent.value.code == "counsellor_absent" and "formation" in absent.value.message
    site.book("eloise", "2026-01-06 10:00")  # the morning is free
    site.services.directory.add_closure(
        actor=lead, start=date(2026, 1, 7), end=date(2026, 1, 7), reason="inventaire"
    )
    with pytest.raises(RuleViolation) as closed:
        site.book("kevin", "2026-01-07 10:00")
    assert closed.value.code == "site_closed" and "inventaire" in closed.value.message


def test_the_locks_taken_together_are_held(site: TestSite, other: psycopg.Connection[Any]) -> None:
    def free(name: str) -> bool:
        got = other.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, name)).fetchone()
        assert got is not None
        if got[0]:
            other.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_CLASS, name))
        return bool(got[0])

    site_lock = site.services.ctx.lock_key()
    with site.services.ctx.write(then=(youth_lock("y1"),)) as s:
        assert not free(site_lock) and not free(youth_lock("y1"))
        sent: list[str] = []
        conn = s.connection()
        from sqlalchemy import event

        event.listen(conn, "before_cursor_execute", lambda *a: sent.append(a[2]))
        lock_names(s, youth_lock("y1"), youth_lock("y2"))  # y1 is held: only y2 is asked for
        assert len(sent) == 1 and not free(youth_lock("y2"))
    assert free(site_lock) and free(youth_lock("y1")) and free(youth_lock("y2"))


def test_the_notice_arrives_on_commit_only(site: TestSite, other: psycopg.Connection[Any]) -> None:
    other.execute(f"LISTEN {NOTIFY_CHANNEL}")
    site.book("eloise", "2026-01-06 09:00")
    with pytest.raises(RuleViolation):  # rolled back: no notice
        site.book("eloise", "2026-01-06 09:00", counsellor="mamadou")
    got = [n.payload for n in other.notifies(timeout=0.5, stop_after=5)]
    assert got == [site.site.code]


def test_names_instead_of_ids_still_book(site: TestSite) -> None:
    by_name = site.services.booking.book(
        actor=site.receptionist,
        youth_id=site.youths["kevin"].id,
        type_code=" suivi ",
        start=site.book("eloise", "2026-01-06 09:00").start + timedelta(hours=1),
        counsellor="Lefèvre",
        room="Bureau 1",
    ).appointment
    assert (by_name.counsellor_id, by_name.room_name) == (site.staff["claire"].id, "Bureau 1")
    with pytest.raises(RuleViolation) as refused:
        site.services.booking.book(
            actor=site.receptionist,
            youth_id=site.youths["jp"].id,
            type_code="SUIVI",
            start=by_name.start,
            counsellor=site.staff["claire"].id,
        )
    assert refused.value.code == "counsellor_overlap"


def test_stamps_pass_another_workstations_and_audit_numbers_follow(site: TestSite) -> None:
    ahead = Services.open(site.services.ctx.db.location, FixedClock(site.clock.at + timedelta(hours=5)))
    try:
        mine = site.book("eloise", "2026-01-06 09:00")
        theirs = ahead.booking.book(
            actor=site.receptionist,
            youth_id=site.youths["kevin"].id,
            type_code="SUIVI",
            start=mine.start,
            counsellor=site.staff["mamadou"].id,
        ).appointment
    finally:
        ahead.close()
    last = site.book("jp", "2026-01-06 10:00")  # this workstation's clock is 5 hours behind
    with site.services.ctx.read() as s:
        stamps = {r.id: r.hlc for r in s.exec(select(Appointment))}
        seqs = [e.seq for e in s.exec(select(AuditEntry).order_by(AuditEntry.seq))]  # type: ignore[arg-type]
    assert stamps[last.id] > stamps[theirs.id] > stamps[mine.id]
    assert seqs[-3:] == [seqs[-3], seqs[-3] + 1, seqs[-3] + 2]


def test_the_overlaps_read_ahead_are_the_rule_checks_own_rows(site: TestSite) -> None:
    """The appointments the rule check reads per key (counsellor, as counsellor or second person; the
    second person; the office; the youth), read with the first rows, are the rows and the order its own
    statement gives; the check then sends none."""
    from mlplanner.domain.enums import OCCUPYING_STATUSES
    from mlplanner.services.booking import prefetch
    from mlplanner.services.booking.availability import _KEYED_READ, MAX_SPAN
    from mlplanner.storage.pg_reads import pg_keyed_rows

    site.book("eloise", "2026-01-06 09:30", counsellor="claire", room=site.rooms["b1"].id)
    site.book("kevin", "2026-01-06 10:30", counsellor="mamadou", second_staff=site.staff["claire"].id)
    site.book("aissatou", "2026-01-06 09:15", counsellor="sophie", room=site.rooms["b2"].id)
    site.book("jp", "2026-01-06 09:00", counsellor="mamadou", room=site.rooms["b3"].id)
    start = wall("2026-01-06 10:00")
    ctx = site.services.ctx
    with ctx.write() as s:
        keys = {
            "counsellor": site.staff["claire"].id,
            "room": site.rooms["b2"].id,
            "youth": site.youths["jp"].id,
        }
        prefetch.read_ahead(
            s, ctx, youth_id=keys["youth"], type_code="LONG", counsellor=keys["counsellor"], room=keys["room"],
            second_staff=None, start=start, duration_min=None,
        )  # fmt: skip
        ((window, given),) = [((since, until), keyed) for since, until, keyed in s.info[_KEYED_READ]]
        assert window == (start - MAX_SPAN, start + timedelta(minutes=60))
        read_ahead = s.info[_KEYED_READ][(*window, given)]
        own = pg_keyed_rows(
            s.connection(), since=window[0], until=window[1], statuses=OCCUPYING_STATUSES,
            keyed=[(key, list(ids)) for key, ids in given], labels=True,
        )  # fmt: skip
    assert [key for key, _ids in given] == ["counsellor_id", "second_staff_id", "room_id", "youth_id"]
    # Éloïse's (Claire's), Kévin's (Claire second, and in Mamadou's b2), Aïssatou's (b2), JP's
    assert read_ahead == own and [len(rows) for rows in own] == [1, 1, 2, 1]


def test_the_read_ahead_is_planned_once_per_connection_and_the_servers_choice_comes_back(
    site: TestSite,
) -> None:
    """The read-ahead is planned once (a generic plan, when the driver prepares it) instead of at each
    booking (~4 ms of the server's time on the network site); the statements after it in the booking's
    transaction are planned as the server would choose."""
    from sqlalchemy import text

    from mlplanner.services.booking import prefetch

    day = wall("2026-01-06 09:00")
    names = ["eloise", "kevin", "jp", "aissatou"]
    for i in range(8):  # the driver prepares a statement at its fifth use on a connection
        site.book(names[i % 4], (day + timedelta(days=i // 4, hours=i % 4)).strftime("%Y-%m-%d %H:%M"))
    with site.services.ctx.write() as s:
        plans = s.execute(
            text(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE '%max(audit_entry.seq)%' AND statement LIKE '%FROM site%'"
            )
        ).all()
        assert plans and all(custom == 0 and generic >= 1 for generic, custom in plans), plans
        prefetch.read_ahead(
            s, site.services.ctx, youth_id=site.youths["jp"].id, type_code="SUIVI", counsellor=None, room=None,
            second_staff=None, start=wall("2026-01-08 09:00"), duration_min=None,
        )  # fmt: skip
        assert s.execute(text("SELECT current_setting('plan_cache_mode')")).scalar_one() == "auto"
