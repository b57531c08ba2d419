"""The busy starts a PostgreSQL server computes for the free-slot finder (`storage.pg_busy`) are the
ones the finder computes from the rows (`services.booking.slots._busy_starts`): the same bits per (key,
day), the same count of spans per (key, day), the same spans across midnight, on random rows (odd
seconds and microseconds, buffers, spans of no length, inverted, across midnight, from the day before
the window, statuses and deleted rows to leave out)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, create_engine

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.services.booking.slots import _busy_starts
from mlplanner.storage.pg_busy import pg_busy_starts

pytestmark = pytest.mark.postgresql_only

DAY = datetime(2026, 3, 29)  # a DST Sunday: wall-clock arithmetic must not care
FIRST = DAY.date()
SINCE, UNTIL = DAY - timedelta(days=1), DAY + timedelta(days=2)
STEP = timedelta(minutes=15)
KEYS = ("room_id", "counsellor_id")


@pytest.fixture(scope="module")
def conn(server_dbs: Any) -> Iterator[Connection]:
    """A connection to an empty database of the session's cluster: each example fills a temporary
    `appointment` table (it hides any other of that name) in a transaction rolled back after."""
    name = server_dbs.create(prefix="busy")
    engine = create_engine(server_dbs.url(name).replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as c:
            c.exec_driver_sql(
                'CREATE TEMP TABLE appointment (room_id text, counsellor_id text, start timestamp, "end" '
                "timestamp, buffer_min integer, status text, deleted boolean)"
            )
            c.commit()
            yield c
    finally:
        engine.dispose()
        server_dbs.drop(name)


@st.composite
def rows(draw: st.DrawFn) -> list[tuple]:
    """(room, counsellor, start, end, buffer, status, deleted), from before `SINCE` to `UNTIL`."""
    out = []
    for _ in range(draw(st.integers(0, 14))):
        start = DAY + timedelta(
            minutes=draw(st.integers(-25 * 60, 48 * 60 - 1)),
            seconds=draw(st.sampled_from([0, 0, 0, 30, 59])),
            microseconds=draw(st.sampled_from([0, 0, 1, 999_999])),
        )
        end = start + timedelta(
            minutes=draw(st.integers(-10, 300)), microseconds=draw(st.sampled_from([0, 1]))
        )
        out.append(
            (
                draw(st.sampled_from(["b1", "b2"])),
                draw(st.sampled_from(["claire", "mamadou"])),
                start,
                end,
                draw(st.sampled_from([0, 5, 15, 90])),
                draw(st.sampled_from(["booked", "booked", "done", "cancelled"])),
                draw(st.sampled_from([False, False, False, True])),
            )
        )
    return out


def _from_rows(picked: list[tuple], key: int, length: timedelta) -> tuple[dict, dict, list]:
    """The finder's own computation from the rows its driver reading gives (times as text), and the
    rows across midnight (with their buffer) it files itself."""
    kept = [r for r in picked if SINCE <= r[2] < UNTIL and r[5] in OCCUPYING_STATUSES and not r[6]]
    load: defaultdict[Any, int] = defaultdict(int)
    taken, _across = _busy_starts(
        [(r[key], r[2].isoformat(), r[3].isoformat(), r[4]) for r in kept], FIRST, length, load=load
    )
    across = [
        (r[key], r[2], r[3], r[4]) for r in kept if (r[3] + timedelta(minutes=r[4])).date() != r[2].date()
    ]
    return taken, dict(load), sorted(across)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picked=rows(), length=st.sampled_from([20, 30, 45, 60, 75, 24 * 60]))
@example(  # a span ending on the last microsecond of the day, another at midnight (across), one of none
    picked=[
        (
            "b1",
            "claire",
            DAY + timedelta(hours=23, minutes=45),
            DAY + timedelta(days=1, microseconds=-1),
            0,
            "booked",
            False,
        ),
        ("b1", "claire", DAY + timedelta(hours=23), DAY + timedelta(days=1), 0, "booked", False),
        ("b2", "claire", DAY + timedelta(hours=9), DAY + timedelta(hours=9), 0, "booked", False),
        ("b2", "mamadou", DAY + timedelta(minutes=5), DAY + timedelta(minutes=50), 0, "booked", False),
    ],
    length=30,
)
def test_the_servers_busy_starts_are_the_finders(conn: Connection, picked: list[tuple], length: int) -> None:
    n = timedelta(minutes=length)
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cur:  # type: ignore[union-attr]
            cur.executemany("INSERT INTO appointment VALUES (%s, %s, %s, %s, %s, %s, %s)", picked)
        served = pg_busy_starts(
            conn, keys=KEYS, ids=["b1", "b2", "claire", "mamadou"], since=SINCE, until=UNTIL, first=FIRST,
            statuses=OCCUPYING_STATUSES, length=n, step=STEP,
        )  # fmt: skip
    finally:
        driver.rollback()  # type: ignore[union-attr]
    assert served is not None
    for (taken, counts, across), key in zip(served, (0, 1), strict=True):
        expected = _from_rows(picked, key, n)
        assert (taken, counts) == expected[:2]
        # across midnight: the same spans, the times read back to the stored values
        wall = datetime.fromisoformat
        assert sorted((w, wall(a), wall(b), buf) for w, a, b, buf in across) == expected[2]


def test_another_engine_or_grid_is_not_served(conn: Connection) -> None:
    args: dict[str, Any] = dict(keys=KEYS, ids=["b1"], since=SINCE, until=UNTIL, first=FIRST)
    assert pg_busy_starts(conn, **args, statuses=["booked"], length=STEP, step=timedelta(minutes=7)) is None
    assert pg_busy_starts(conn, **args, statuses=["booked"], length=STEP, step=timedelta(minutes=10)) is None
    empty = pg_busy_starts(conn, **{**args, "ids": []}, statuses=["booked"], length=STEP, step=STEP)
    assert empty == [({}, {}, []), ({}, {}, [])]


@pytest.mark.parametrize(
    "values",
    [[], ["b1"], ['a "quoted" one', "back\\slash", "comma, and {braces}", " spaced ", "", "NULL", "é ü"]],
)
def test_a_list_bound_once_as_an_array_literal_is_read_back_as_given(
    conn: Connection, values: list[str]
) -> None:
    from mlplanner.storage.pg_arrays import text_array

    driver = conn.connection.driver_connection
    try:
        (got,) = driver.execute("SELECT %s::text[]", [text_array(values)]).fetchone()  # type: ignore[union-attr]
    finally:
        driver.rollback()  # type: ignore[union-attr]
    assert got == values
    assert text_array(tuple(values)) is text_array(list(values))  # written once per distinct list
