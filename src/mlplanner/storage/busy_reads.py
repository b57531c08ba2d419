"""Busy time read in bulk, straight from the SQLite driver.

The free-slot finder reads thousands of appointment rows per search (a network's weeks: 16 offices,
80 counsellors). Through SQLAlchemy each of those statements was expanded again for its list of keys
and each row went through the DateTime result processors: about half of a search's time at network
size (issue 19, docs/performance.md). On SQLite the same rows are read here on the driver's cursor,
inside the session's own transaction, with the SQL written once per shape; wall-clock times compare as
text (`YYYY-MM-DD HH:MM:SS.ffffff`, SQLAlchemy's own storage format, whose bind processor writes the
bounds) and come back as `datetime` through `datetime.fromisoformat`, as SQLAlchemy reads them. Other
engines answer `None` and the caller reads through SQLAlchemy (psycopg returns datetimes itself).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import DATETIME
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect

# the key columns a caller may ask by (never a caller's text in the SQL)
KEYS = ("counsellor_id", "second_staff_id", "room_id", "youth_id")

COLUMNS = ("id", "youth_id", "counsellor_id", "room_id", "start", "end", "buffer_min", "second_staff_id")
OPTIONAL = frozenset({"id", "youth_id", "counsellor_id", "room_id", "second_staff_id"})

# (id, youth_id, counsellor_id, room_id, start, end, buffer_min, second_staff_id): texts (or None when
# skipped or empty), two datetimes, an int
AppointmentRow = tuple[Any, ...]


def key_column(key: str) -> str:
    """`key` once it is known to be one of `KEYS` (it is written into the SQL text, never bound)."""
    if key not in KEYS:
        raise ValueError(f"not a key column: {key}")
    return key


def selected_columns(skip: frozenset[str]) -> str:
    """The SELECT list of `COLUMNS`, NULL in place of the skipped ones (the tuples keep their shape)."""
    return ", ".join("NULL" if c in skip else f'"{c}"' for c in COLUMNS)


@lru_cache(maxsize=1)
def datetime_bind() -> Callable[[Any], Any]:
    """SQLAlchemy's own SQLite DateTime bind processor: the bounds written exactly as rows are stored."""
    process = DATETIME().bind_processor(sqlite_dialect())
    assert process is not None
    return process


@lru_cache(maxsize=256)
def _appointments_sql(key: str | None, n_keys: int, n_statuses: int, skip: frozenset[str]) -> str:
    where = [
        "start < ?",
        "start >= ?",
        f"status IN ({','.join('?' * n_statuses)})",
        "deleted = 0",
    ]
    if key is not None:
        key_column(key)
        where.append(f"{key} IN ({','.join('?' * n_keys)})")
    columns = selected_columns(skip)
    return f"SELECT {columns} FROM appointment WHERE {' AND '.join(where)}"


def sqlite_appointment_rows(
    conn: Connection,
    *,
    since: datetime,
    until: datetime,
    statuses: Sequence[str],
    key: str | None = None,
    ids: Sequence[str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[AppointmentRow] | None:
    """Appointments not deleted, in one of `statuses`, starting in [since, until), whose `key` column
    is one of `ids` (every appointment of the window without a key). `skip`: columns of `OPTIONAL`
    the caller does not use, given as `None` (each text value read costs; a uuid is 36 of them).
    `None` on an engine other than SQLite: read them through SQLAlchemy then."""
    if conn.dialect.name != "sqlite":
        return None
    if key is not None and not ids:
        return []
    stamp = datetime_bind()
    keys = list(ids) if key is not None and ids is not None else []
    if not skip <= OPTIONAL:
        raise ValueError(f"not optional: {sorted(skip - OPTIONAL)}")
    sql = _appointments_sql(key, len(keys), len(statuses), skip)
    cursor = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        sql, [stamp(until), stamp(since), *statuses, *keys]
    )
    parse = datetime.fromisoformat
    return [
        (rid, youth, counsellor, room, parse(start), parse(end), buffer_min, second)
        for rid, youth, counsellor, room, start, end, buffer_min, second in cursor.fetchall()
    ]


@lru_cache(maxsize=256)
def _sessions_sql(n_staff: int, n_rooms: int, n_statuses: int) -> str:
    keys = []
    if n_staff:
        staff = ",".join("?" * n_staff)
        keys += [f"s.facilitator_id IN ({staff})", f"s.co_facilitator_id IN ({staff})"]
    if n_rooms:
        keys.append(f"s.room_id IN ({','.join('?' * n_rooms)})")
    where = [
        "s.start < ?",
        's."end" > ?',
        "s.start >= ?",
        f"s.status IN ({','.join('?' * n_statuses)})",
        "s.deleted = 0",
    ]
    if keys:
        where.append(f"({' OR '.join(keys)})")
    return (
        'SELECT s.id, s.start, s."end", s.room_id, s.facilitator_id, s.co_facilitator_id, w.title '
        "FROM workshop_session s JOIN workshop_series w ON w.id = s.series_id "
        f"WHERE {' AND '.join(where)}"
    )


def sqlite_session_rows(
    conn: Connection,
    *,
    start: datetime,
    end: datetime,
    since: datetime,
    statuses: Sequence[str],
    staff: Sequence[str] | None,
    rooms: Sequence[str] | None,
) -> list[tuple[Any, ...]] | None:
    """(id, start, end, room_id, facilitator_id, co_facilitator_id, series title) of the workshop
    sessions not deleted, in one of `statuses`, overlapping [start, end) and starting from `since`,
    that one of `staff` facilitates or co-facilitates or that hold one of `rooms` (every such session
    when neither is given). `None` on an engine other than SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    stamp = datetime_bind()
    staff_ids, room_ids = list(staff or ()), list(rooms or ())
    sql = _sessions_sql(len(staff_ids), len(room_ids), len(statuses))
    cursor = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        sql, [stamp(end), stamp(start), stamp(since), *statuses, *staff_ids, *staff_ids, *room_ids]
    )
    parse = datetime.fromisoformat
    return [
        (sid, parse(s_start), parse(s_end), room, fac, co_fac, title)
        for sid, s_start, s_end, room, fac, co_fac, title in cursor.fetchall()
    ]


@lru_cache(maxsize=64)
def _spans_sql(key: str, n_keys: int, n_statuses: int) -> str:
    key_column(key)
    return (
        f'SELECT {key}, start, "end", buffer_min FROM appointment '
        f"WHERE start < ? AND start >= ? AND status IN ({','.join('?' * n_statuses)}) AND deleted = 0 "
        f"AND {key} IN ({','.join('?' * n_keys)})"
    )


def sqlite_spans(
    conn: Connection,
    *,
    key: str,
    ids: Sequence[str],
    since: datetime,
    until: datetime,
    statuses: Sequence[str],
) -> list[tuple[str, str, str, int]] | None:
    """(key, start, end, buffer_min) of the appointments not deleted, in one of `statuses`, starting
    in [since, until), whose `key` column is one of `ids`, with the times as stored (text: the
    free-slot finder turns the few distinct times of a site's weeks into busy starts once each, not
    thousands of rows into datetimes). `None` on an engine other than SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    if not ids:
        return []
    stamp = datetime_bind()
    cursor = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        _spans_sql(key, len(ids), len(statuses)), [stamp(until), stamp(since), *statuses, *ids]
    )
    return cursor.fetchall()
