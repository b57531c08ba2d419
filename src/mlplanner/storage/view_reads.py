"""A day's appointments with their names, straight from the SQLite driver.

The site day view reads hundreds of appointments joined with their youth, counsellor, type, room and
second person (686 at network size, issue 19). Through SQLAlchemy, each row went through the result
processors of five datetime columns, three of them in Python (the aware UTC instants); here the same
SELECT runs on the driver's cursor inside the session's transaction, and the values are converted as
SQLAlchemy converts them on SQLite: wall-clock times with `datetime.fromisoformat`, instants stored
in UTC given their zone. Other engines answer `None` and the caller reads through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from mlplanner.storage.busy_reads import datetime_bind

# the columns of `services.queries._COLS`, in that order, and their joins (`storage.pg_reads` too)
VIEW_FROM = """SELECT a.id, a.youth_id, a.counsellor_id, a.room_id, a.start, a."end", a.mode, a.status,
a.cancel_reason, a.referred_by, a.notes, a.arrived_at, a.buffer_min, a.forced_reason,
y.first_name, y.last_name, c.first_name, c.last_name, r.name, t.code, t.label, t.colour, t.confidential,
a.second_staff_id, s2.first_name, s2.last_name, a.called_at, a.interview_at
FROM appointment a
JOIN youth y ON y.id = a.youth_id
JOIN staff c ON c.id = a.counsellor_id
JOIN appointment_type t ON t.id = a.type_id
LEFT OUTER JOIN room r ON r.id = a.room_id
LEFT OUTER JOIN staff s2 ON s2.id = a.second_staff_id"""
_BASE = VIEW_FROM + "\nWHERE a.deleted = 0"
_SELECT = _BASE + " AND a.start >= ? AND a.start < ?"


@lru_cache(maxsize=32)
def _sql(by_counsellor: bool, by_room: bool, n_statuses: int) -> str:
    where = [_SELECT]
    if by_counsellor:  # their day: as the counsellor or as the second person
        where.append("(a.counsellor_id = ? OR a.second_staff_id = ?)")
    if by_room:
        where.append("a.room_id = ?")
    if n_statuses:
        where.append(f"a.status IN ({','.join('?' * n_statuses)})")
    return " AND ".join(where) + " ORDER BY a.start, c.last_name"


def _instant(value: str | None) -> datetime | None:
    """An aware UTC instant as SQLModel's UTCDateTime reads it (SQLite keeps no zone: UTC is given)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def sqlite_day_rows(
    conn: Connection,
    *,
    start: datetime,
    end: datetime,
    statuses: Sequence[str] | None,
    counsellor_id: str | None = None,
    room_id: str | None = None,
) -> list[tuple[Any, ...]] | None:
    """The rows of `services.queries.appointment_views` for appointments not deleted starting in
    [start, end) (of one counsellor or second person, or one room, in one of `statuses` if given), in
    the same order. `None` on an engine other than SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    if statuses is not None and not statuses:
        return []
    stamp = datetime_bind()
    params: list[Any] = [stamp(start), stamp(end)]
    if counsellor_id is not None:
        params += [counsellor_id, counsellor_id]
    if room_id is not None:
        params.append(room_id)
    params += list(statuses or ())
    sql = _sql(counsellor_id is not None, room_id is not None, len(statuses or ()))
    cursor = conn.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
    return _converted(cursor.fetchall())


@lru_cache(maxsize=8)
def _ids_sql(n_ids: int) -> str:
    return f"{_BASE} AND a.id IN ({','.join('?' * n_ids)}) ORDER BY a.start, c.last_name"


def sqlite_view_rows(conn: Connection, ids: Sequence[str]) -> list[tuple[Any, ...]] | None:
    """The rows of `services.queries.appointment_views` for the appointments `ids` (not deleted), in
    the same order: the one a booking, a move or a check-in just wrote, read back for its caller.
    `None` on an engine other than SQLite."""
    if conn.dialect.name != "sqlite":
        return None
    if not ids:
        return []
    cursor = conn.connection.driver_connection.execute(_ids_sql(len(ids)), list(ids))  # type: ignore[union-attr]
    return _converted(cursor.fetchall())


def _converted(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows as SQLAlchemy gives them on SQLite: wall-clock times and UTC instants as datetimes."""
    parse, instant = datetime.fromisoformat, _instant
    return [
        (
            *row[:4],
            parse(row[4]),
            parse(row[5]),
            *row[6:11],
            instant(row[11]),
            *row[12:26],
            instant(row[26]),
            instant(row[27]),
        )
        for row in rows
    ]
