"""Busy time and a day's appointments read in bulk, straight from the psycopg driver (PostgreSQL).

The SQLite side of these reads is `storage.busy_reads` and `storage.view_reads`: the same statements on
the driver's cursor, inside the session's own transaction. On a server, SQLAlchemy's statements cost
the client what they cost on SQLite (an expanding `IN` of 80 counsellors rendered again at every
search, a Row and a result processor per aware instant) while the server already returns datetimes:
here each list of keys is one array parameter (`= ANY(%s)`, the SQL written once per shape), and the
rows come back as psycopg builds them. The values are the ones SQLAlchemy gives on this engine:
wall-clock times as naive datetimes (`timestamp without time zone`), instants (`timestamptz`) in UTC
(`datetime.timezone.utc`, as SQLModel's `UTCDateTime` returns them). Other engines answer `None`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from mlplanner.storage.busy_reads import OPTIONAL, AppointmentRow, key_column, selected_columns
from mlplanner.storage.pg_arrays import text_array
from mlplanner.storage.view_reads import VIEW_FROM


def _cursor(conn: Connection, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> Any:
    return conn.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]


@lru_cache(maxsize=64)
def _appointments_sql(key: str | None, skip: frozenset[str]) -> str:
    where = ["start < %s", "start >= %s", "status = ANY(%s)", "NOT deleted"]
    if key is not None:
        key_column(key)
        where.append(f"{key} = ANY(%s)")
    columns = selected_columns(skip)
    return f"SELECT {columns} FROM appointment WHERE {' AND '.join(where)}"


def pg_appointment_rows(
    conn: Connection,
    *,
    since: datetime,
    until: datetime,
    statuses: Sequence[str],
    key: str | None = None,
    ids: Sequence[str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[AppointmentRow] | None:
    """`storage.busy_reads.sqlite_appointment_rows` on a server: the same rows, the same tuples."""
    if conn.dialect.name != "postgresql":
        return None
    if key is not None and not ids:
        return []
    if not skip <= OPTIONAL:
        raise ValueError(f"not optional: {sorted(skip - OPTIONAL)}")
    params: list[Any] = [until, since, list(statuses)]
    if key is not None:
        params.append(list(ids or ()))
    return _cursor(conn, _appointments_sql(key, skip), params).fetchall()


@lru_cache(maxsize=8)
def _sessions_sql(by_staff: bool, by_room: bool) -> str:
    keys = []
    if by_staff:
        keys += ["s.facilitator_id = ANY(%(staff)s::text[])", "s.co_facilitator_id = ANY(%(staff)s::text[])"]
    if by_room:
        keys.append("s.room_id = ANY(%(rooms)s::text[])")
    where = [
        "s.start < %(end)s",
        's."end" > %(start)s',
        "s.start >= %(since)s",
        "s.status = ANY(%(statuses)s::text[])",
        "NOT s.deleted",
    ]
    if keys:
        where.append(f"({' OR '.join(keys)})")
    return (
        'SELECT s.id, s.start, s."end", s.room_id, s.facilitator_id, s.co_facilitator_id, w.title '
        "FROM workshop_session s JOIN workshop_series w ON w.id = s.series_id "
        f"WHERE {' AND '.join(where)}"
    )


def pg_session_rows(
    conn: Connection,
    *,
    start: datetime,
    end: datetime,
    since: datetime,
    statuses: Sequence[str],
    staff: Sequence[str] | None,
    rooms: Sequence[str] | None,
) -> list[tuple[Any, ...]] | None:
    """`storage.busy_reads.sqlite_session_rows` on a server: the same rows, the same tuples."""
    if conn.dialect.name != "postgresql":
        return None
    params = _session_params(start, end, since, statuses, staff, rooms)
    return _cursor(conn, _sessions_sql(bool(staff), bool(rooms)), params).fetchall()


def _session_params(
    start: datetime,
    end: datetime,
    since: datetime,
    statuses: Sequence[str],
    staff: Sequence[str] | None,
    rooms: Sequence[str] | None,
) -> dict[str, Any]:
    """The parameters of `_sessions_sql`, each list written once (`storage.pg_arrays`)."""
    return {
        "end": end,
        "start": start,
        "since": since,
        "statuses": text_array(statuses),
        "staff": text_array(staff or ()),
        "rooms": text_array(rooms or ()),
    }


_BASE = VIEW_FROM + "\nWHERE NOT a.deleted"  # the columns and joins of the SQLite reading
_SELECT = _BASE + " AND a.start >= %s AND a.start < %s"


@lru_cache(maxsize=16)
def _day_sql(by_counsellor: bool, by_room: bool, by_status: bool) -> str:
    where = [_SELECT]
    if by_counsellor:  # their day: as the counsellor or as the second person
        where.append("(a.counsellor_id = %s OR a.second_staff_id = %s)")
    if by_room:
        where.append("a.room_id = %s")
    if by_status:
        where.append("a.status = ANY(%s)")
    return " AND ".join(where) + " ORDER BY a.start, c.last_name"


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def pg_day_rows(
    conn: Connection,
    *,
    start: datetime,
    end: datetime,
    statuses: Sequence[str] | None,
    counsellor_id: str | None = None,
    room_id: str | None = None,
) -> list[tuple[Any, ...]] | None:
    """`storage.view_reads.sqlite_day_rows` on a server: the same rows, the same tuples, the same order."""
    if conn.dialect.name != "postgresql":
        return None
    if statuses is not None and not statuses:
        return []
    params: list[Any] = [start, end]
    if counsellor_id is not None:
        params += [counsellor_id, counsellor_id]
    if room_id is not None:
        params.append(room_id)
    if statuses is not None:
        params.append(list(statuses))
    sql = _day_sql(counsellor_id is not None, room_id is not None, statuses is not None)
    return _converted(_cursor(conn, sql, params).fetchall())


_IDS_SQL = _BASE + " AND a.id = ANY(%s) ORDER BY a.start, c.last_name"


def pg_view_rows(conn: Connection, ids: Sequence[str]) -> list[tuple[Any, ...]] | None:
    """`storage.view_reads.sqlite_view_rows` on a server: the appointments `ids` (not deleted) read back
    for their caller (a booking, a move, a check-in), the same rows in the same order."""
    if conn.dialect.name != "postgresql":
        return None
    if not ids:
        return []
    return _converted(_cursor(conn, _IDS_SQL, [list(ids)]).fetchall())


def _converted(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The aware instants in UTC as SQLModel's `UTCDateTime` gives them (psycopg's are in the
    session's zone object); everything else as psycopg built it."""
    utc = _utc
    return [
        row  # most rows have none of the three (not arrived, not called): kept as read, not rebuilt
        if row[11] is None and row[26] is None and row[27] is None
        else (*row[:11], utc(row[11]), *row[12:26], utc(row[26]), utc(row[27]))
        for row in rows
    ]


@lru_cache(maxsize=8)
def _spans_sql(key: str) -> str:
    key_column(key)
    # the times as text in one fixed ISO form (`to_char`, whatever the server's DateStyle), as the
    # finder reads SQLite's stored text: the few distinct times of a site's weeks parsed once each
    return (
        f"SELECT {key}, to_char(start, '{_ISO}'), to_char(\"end\", '{_ISO}'), buffer_min FROM appointment "
        f"WHERE start < %s AND start >= %s AND status = ANY(%s) AND NOT deleted AND {key} = ANY(%s)"
    )


_ISO = 'YYYY-MM-DD"T"HH24:MI:SS.US'


def pg_spans(
    conn: Connection,
    *,
    key: str,
    ids: Sequence[str],
    since: datetime,
    until: datetime,
    statuses: Sequence[str],
) -> list[tuple[str, str, str, int]] | None:
    """`storage.busy_reads.sqlite_spans` on a server: (key, start, end, buffer_min), the times as ISO
    text that `datetime.fromisoformat` reads back to the stored values."""
    if conn.dialect.name != "postgresql":
        return None
    if not ids:
        return []
    return _cursor(conn, _spans_sql(key), [until, since, list(statuses), list(ids)]).fetchall()


@lru_cache(maxsize=16)
def _keyed_sql(keys: tuple[str, ...], labels: bool) -> str:
    for key in keys:
        key_column(key)
    names = ", y.last_name, y.first_name" if labels else ""
    join = " JOIN youth y ON y.id = a.youth_id" if labels else ""
    any_key = " OR ".join(f"a.{key} = ANY(%s)" for key in keys)
    return (
        'SELECT a.id, a.youth_id, a.counsellor_id, a.room_id, a.start, a."end", a.buffer_min, '
        f"a.second_staff_id{names} FROM appointment a{join} "
        f"WHERE a.start < %s AND a.start >= %s AND a.status = ANY(%s) AND NOT a.deleted AND ({any_key}) "
        "ORDER BY a.start, a.ctid"
    )


_KEY_COLUMN = {"youth_id": 1, "counsellor_id": 2, "room_id": 3, "second_staff_id": 7}


def pg_keyed_rows(
    conn: Connection,
    *,
    since: datetime,
    until: datetime,
    statuses: Sequence[str],
    keyed: Sequence[tuple[str, Sequence[str]]],
    labels: bool,
) -> list[list[tuple[Any, ...]]] | None:
    """The rows a booking's rule check reads once per key (its counsellor, second person, room and
    youth: four round trips), read in one statement and given back per key, in `keyed`'s order: for
    each key, its rows in the order of that key's own `(key, start)` index (key, start, then the
    row's place in the table, as a btree keeps equal entries): the order each key's own statement gives
    when the planner reads that index, as it does for one person or room (with other plans, on tiny
    tables, that statement's order is the plan's; this one's is always the same).
    (id, youth_id, counsellor_id, room_id, start, end, buffer_min, second_staff_id[, last_name,
    first_name]). `None` on an engine other than PostgreSQL."""
    if conn.dialect.name != "postgresql":
        return None
    if not keyed:
        return []
    params: list[Any] = [until, since, list(statuses), *(list(ids) for _key, ids in keyed)]
    rows = _cursor(conn, _keyed_sql(tuple(key for key, _ids in keyed), labels), params).fetchall()
    return keyed_split(rows, keyed)


def keyed_split(
    rows: Sequence[tuple[Any, ...]], keyed: Sequence[tuple[str, Sequence[str]]]
) -> list[list[tuple[Any, ...]]]:
    """`pg_keyed_rows`'s rows (in `(start, place)` order) given back per key, each key's in its index's
    order (shared with a booking's read-ahead, which reads the same rows with its first ones)."""
    out = []
    for key, ids in keyed:
        at, wanted = _KEY_COLUMN[key], set(ids)
        mine = [row for row in rows if row[at] in wanted]
        mine.sort(key=lambda row: row[at])  # stable: (key, start, place), the index's order
        out.append(mine)
    return out


@lru_cache(maxsize=8)
def _sessions_and_registrations_sql(by_staff: bool, by_room: bool) -> str:
    sessions = _sessions_sql(by_staff, by_room).replace("SELECT s.id,", "SELECT 's', s.id,", 1)
    registered = (
        "SELECT 'r', s.id, s.start, s.\"end\", r.youth_id, NULL, NULL, w.title "
        "FROM workshop_registration r JOIN workshop_session s ON s.id = r.session_id "
        "JOIN workshop_series w ON w.id = s.series_id "
        'WHERE s.start < %(end)s AND s."end" > %(start)s AND s.start >= %(since)s '
        "AND s.status = ANY(%(statuses)s::text[]) AND NOT s.deleted "
        "AND r.youth_id = ANY(%(youths)s::text[]) AND r.status = %(confirmed)s AND NOT r.deleted"
    )
    return f"{sessions} UNION ALL {registered}"


def pg_sessions_and_registrations(
    conn: Connection,
    *,
    start: datetime,
    end: datetime,
    since: datetime,
    statuses: Sequence[str],
    staff: Sequence[str] | None,
    rooms: Sequence[str] | None,
    youths: Sequence[str],
    confirmed: str,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]] | None:
    """`pg_session_rows` and the sessions `youths` are registered to (`confirmed` registrations), in one
    round trip (a booking asks both): the sessions' rows as `pg_session_rows` gives them, and
    (id, start, end, youth_id, series title) per registration, each part in the order of its own
    statement. `None` on an engine other than PostgreSQL."""
    if conn.dialect.name != "postgresql":
        return None
    params = _session_params(start, end, since, statuses, staff, rooms)
    params |= {"youths": text_array(youths), "confirmed": confirmed}
    sessions: list[tuple[Any, ...]] = []
    registered: list[tuple[Any, ...]] = []
    for tag, sid, s_start, s_end, key, fac, co_fac, title in _cursor(
        conn, _sessions_and_registrations_sql(bool(staff), bool(rooms)), params
    ).fetchall():
        if tag == "s":
            sessions.append((sid, s_start, s_end, key, fac, co_fac, title))
        else:
            registered.append((sid, s_start, s_end, key, title))
    return sessions, registered
