"""The reads of `storage.pg_reads` (busy time and a day's appointments straight from psycopg on a
server) give what SQLAlchemy's statements give on the same server: the day's views (names, rooms or
none, a second person, statuses, aware instants in UTC, the order, each filter), the finder's spans (as
text read back to the stored times), and the free slots found with them (the demo site: workshops,
absences, a youth, a second person, several types and days)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.services import queries
from mlplanner.services.booking import availability, slots
from mlplanner.services.booking.availability import appointment_spans
from mlplanner.services.workshops import clashes
from mlplanner.storage.pg_reads import pg_spans
from mlplanner.storage.tables import Appointment
from support import DEMO_TODAY
from unit.test_busy_reads import END, START, _add_rows

if TYPE_CHECKING:
    from mlplanner.services.container import Services
    from support import TestSite

pytestmark = pytest.mark.postgresql_only  # on SQLite, `storage.busy_reads` and `view_reads` (tested there)

wall = datetime.fromisoformat
DAY = wall("2026-01-05 00:00")
DRIVER_READS = (
    (queries, "pg_day_rows"),
    (queries, "pg_view_rows"),
    (availability, "pg_appointment_rows"),
    (slots, "pg_spans"),
    (slots, "pg_busy_starts"),
    (clashes, "pg_session_rows"),
)


def _without_driver(m: pytest.MonkeyPatch) -> None:
    """Every `storage.pg_reads` reading answers `None`: the callers read through SQLAlchemy."""
    for module, name in DRIVER_READS:
        m.setattr(module, name, lambda *a, **k: None)


def _views(site: TestSite, monkeypatch: pytest.MonkeyPatch, **filters: Any) -> tuple[list, list]:
    read, answered = queries.pg_day_rows, []

    def spy(*args: Any, **kwargs: Any) -> Any:
        answered.append(rows := read(*args, **kwargs))
        return rows

    with monkeypatch.context() as m:
        m.setattr(queries, "pg_day_rows", spy)
        with site.services.ctx.read() as s:
            direct = queries.appointment_views(s, start=DAY, end=DAY + timedelta(days=1), **filters)
    assert answered and answered[0] is not None  # the driver's reading was the one used
    with monkeypatch.context() as m:
        _without_driver(m)
        with site.services.ctx.read() as s:
            through = queries.appointment_views(s, start=DAY, end=DAY + timedelta(days=1), **filters)
    return direct, through


def test_the_day_read_on_the_driver_is_sqlalchemys(site: TestSite, monkeypatch: pytest.MonkeyPatch) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    site.book("eloise", "2026-01-05 10:00", counsellor="mamadou", second_staff=site.staff["sophie"].id)
    site.book("aissatou", "2026-01-05 11:00", type_code="TEL")  # by phone: no room
    late = site.book("jp", "2026-01-05 15:00", counsellor="mamadou")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)  # an aware instant
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=late.id, by_youth=True)

    direct, through = _views(site, monkeypatch)
    assert direct == through and len(direct) == 4
    assert [repr(v) for v in direct] == [repr(v) for v in through]  # the very values, tzinfo included
    arrived = next(v for v in direct if v.id == a.id)
    assert arrived.arrived_at is not None and arrived.arrived_at.tzinfo is UTC
    assert any(v.second_staff_name == "Sophie Martin" for v in direct)
    assert any(v.room_id is None and v.room_name is None for v in direct)
    for filters in (
        {"statuses": OCCUPYING_STATUSES},
        {"counsellor_id": site.staff["sophie"].id},  # as the second person
        {"room_id": site.rooms["b1"].id, "statuses": OCCUPYING_STATUSES},
    ):
        direct, through = _views(site, monkeypatch, **filters)
        assert [repr(v) for v in direct] == [repr(v) for v in through], filters
    assert len(_views(site, monkeypatch, statuses=OCCUPYING_STATUSES)[0]) == 3
    assert len(_views(site, monkeypatch, counsellor_id=site.staff["sophie"].id)[0]) == 1
    with site.services.ctx.read() as s:  # no status asked: nothing, as on SQLite
        assert queries.appointment_views(s, start=DAY, end=DAY + timedelta(days=1), statuses=()) == []


def test_appointments_read_back_by_id_on_the_driver_are_sqlalchemys(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a booking, a move or a check-in reads back for its caller: a few ids, in the day's order."""
    a = site.book("kevin", "2026-01-05 10:00")
    b = site.book("eloise", "2026-01-05 09:00", counsellor="mamadou", second_staff=site.staff["sophie"].id)
    c = site.book("aissatou", "2026-01-05 11:00", type_code="TEL")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)
    ids = [a.id, c.id, b.id, "no-such-id"]
    read, answered = queries.pg_view_rows, []

    def spy(*args: Any, **kwargs: Any) -> Any:
        answered.append(rows := read(*args, **kwargs))
        return rows

    with monkeypatch.context() as m:
        m.setattr(queries, "pg_view_rows", spy)
        with site.services.ctx.read() as s:
            direct = queries.appointment_views(s, ids=ids)
    assert answered and answered[0] is not None  # the driver's reading was the one used
    with monkeypatch.context() as m:
        _without_driver(m)
        with site.services.ctx.read() as s:
            through = queries.appointment_views(s, ids=ids)
    assert [repr(v) for v in direct] == [repr(v) for v in through]
    assert [v.id for v in direct] == [b.id, a.id, c.id]  # by start
    assert direct[1].arrived_at is not None and direct[1].arrived_at.tzinfo is UTC


def test_the_finders_spans_read_back_to_the_stored_times(site: TestSite) -> None:
    _add_rows(site)  # window edges, statuses, deleted rows, second staff, buffers, odd seconds
    staff = [site.staff[k].id for k in ("claire", "mamadou", "sophie")]
    since = START - availability.MAX_SPAN
    with site.services.ctx.read() as s:
        conn = s.connection()
        spans = appointment_spans(s, START, END, labels=True, counsellor_ids=staff)
        read = {
            key: pg_spans(conn, key=key, ids=staff, since=since, until=END, statuses=OCCUPYING_STATUSES)
            for key in ("counsellor_id", "second_staff_id")
        }
        assert (
            pg_spans(conn, key="room_id", ids=[], since=since, until=END, statuses=OCCUPYING_STATUSES) == []
        )
    rows = [(who, wall(a), wall(b), buffer) for key in read for who, a, b, buffer in read[key] or ()]
    # the same appointments (those ending before START are the finder's to drop), the same times
    busy = [(who, a, b + timedelta(minutes=buffer) if buffer else b, b) for who, a, b, buffer in rows]
    kept = sorted(r for r in busy if r[2] > START)
    assert kept == sorted((sp.counsellor_id, sp.interval.start, sp.interval.end, sp.core.end) for sp in spans)
    assert wall("2026-01-06 10:00:07.250001") in {a for _w, a, _b, _c in kept}


def _found(demo: Services) -> list[Any]:
    counsellors = demo.directory.staff()
    youth = demo.youths.search("a", limit=3)
    out: list[Any] = []
    first = DEMO_TODAY
    for code in [t.code for t in demo.directory.types()][:6]:
        for start in (first, first + timedelta(days=2), first + timedelta(days=9)):
            out.append((code, start, demo.slots.find(type_code=code, start=start, count=12)))
        out.append((code, "youth", demo.slots.find(type_code=code, start=first, youth_id=youth[0].id)))
        who = next(c for c in counsellors if c.role.value == "counsellor")
        out.append((code, "counsellor", demo.slots.find(type_code=code, start=first, counsellor=who.id)))
    return out


def test_the_free_slots_found_with_the_driver_reads_are_sqlalchemys(
    demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[str] = []
    for module, name in DRIVER_READS[2:]:
        read = getattr(module, name)

        def spy(*args: Any, _read: Any = read, _name: str = name, **kwargs: Any) -> Any:
            out = _read(*args, **kwargs)
            used.append(_name if out is not None else "")
            return out

        monkeypatch.setattr(module, name, spy)
    direct = _found(demo)
    # the driver's readings were the ones used
    assert {"pg_spans", "pg_busy_starts", "pg_session_rows"} <= set(used)
    with monkeypatch.context() as m:
        _without_driver(m)
        through = _found(demo)
    assert [repr(x) for x in direct] == [repr(x) for x in through]
    assert sum(len(slots) for *_k, slots in direct) > 100


def test_the_rule_checks_keys_read_in_one_statement_come_as_each_keys_own(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A booking's overlap check reads its counsellor, second person, room and youth at once on a
    server: the same spans, each key's in the order of its `(key, start)` index (the order each key's
    own statement reads them in when the planner uses that index, as it does on a real site; on these
    few rows it may not, so the per-key reading is compared as a set), the same at every call."""
    _add_rows(site)  # window edges, statuses, deleted rows, second staff, buffers, odd seconds
    s_, r_ = site.staff, site.rooms
    with site.services.ctx.write() as s:  # two appointments of Claire at the same start (forced)
        for who in ("kevin", "aissatou"):
            s.add(
                Appointment(
                    site_id=site.site.id, youth_id=site.youths[who].id, counsellor_id=s_["claire"].id,
                    room_id=r_["b1"].id, type_id=site.types["SUIVI"].id, start=wall("2026-01-07 09:00"),
                    end=wall("2026-01-07 09:30"), status="booked", forced_reason="test",
                )
            )  # fmt: skip
    cases = [
        {
            "counsellor_ids": [s_["claire"].id],
            "room_ids": [r_["b1"].id],
            "youth_ids": [site.youths["kevin"].id],
        },
        {"counsellor_ids": [s_["mamadou"].id, s_["sophie"].id], "youth_ids": [site.youths["eloise"].id]},
        {"counsellor_ids": [s_["sophie"].id, s_["claire"].id], "room_ids": [r_["b2"].id, r_["b1"].id]},
        {"counsellor_ids": [], "youth_ids": [site.youths["eloise"].id]},
        {"room_ids": [r_["b3"].id]},
    ]
    used: list[object] = []
    real = availability.pg_keyed_rows

    def spy(*args: Any, **kwargs: Any) -> Any:
        used.append(out := real(*args, **kwargs))
        return out

    for keys in cases:
        with monkeypatch.context() as m:
            m.setattr(availability, "pg_keyed_rows", spy)
            with site.services.ctx.read() as s:
                at_once = appointment_spans(s, START, END, labels=True, **keys)  # type: ignore[arg-type]
        with monkeypatch.context() as m:
            m.setattr(availability, "pg_keyed_rows", lambda *a, **k: None)
            with site.services.ctx.read() as s:
                per_key = appointment_spans(s, START, END, labels=True, **keys)  # type: ignore[arg-type]
        assert sorted(repr(x) for x in at_once) == sorted(repr(x) for x in per_key), keys
        with site.services.ctx.read() as s:
            again = appointment_spans(s, START, END, labels=True, **keys)  # type: ignore[arg-type]
        assert [repr(x) for x in again] == [repr(x) for x in at_once], keys
    assert len(used) == len(cases) and all(u is not None for u in used)
    assert sum(len(appointment_spans_of(site, c)) for c in cases) > 10


def appointment_spans_of(site: TestSite, keys: dict[str, list[str]]) -> list[Any]:
    with site.services.ctx.read() as s:
        return appointment_spans(s, START, END, labels=True, **keys)  # type: ignore[arg-type]
