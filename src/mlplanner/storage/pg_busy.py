"""The free-slot finder's busy starts computed by a PostgreSQL server, per (person or room, day).

On SQLite the finder reads each office's and counsellor's appointment rows (`storage.busy_reads.
sqlite_spans`) and turns them into busy starts itself (`services.booking.slots._busy_starts`): a bit per
quarter hour of the day, set where an appointment of `length` would overlap the span (start - length <
t < end + buffer). At network size a week of offices is 3,000 rows and the counsellors' days 1,800: on
a server each row crossed the socket and was parsed and filed by the client (issue 19: the office
search took 30 ms of client CPU there). Here the server does that arithmetic and ORs the bits per key
and day (`bit_or`), so a week of 16 offices comes back as about a hundred rows, with the number of rows
of each (a counsellor's load that day). The bits are `_busy_starts`'s exactly: integer microseconds
from the day's midnight, floor and ceiling divisions by the step (`lo = max(0, ⌊(start - length -
midnight) / step⌋ + 1)`, `hi = ⌈(end + buffer - midnight) / step⌉`, bits lo ≤ i < hi), in two 48-bit
halves (a day of quarter hours is 96 bits; `bit_or` works on 64-bit integers).

Spans that do not end on the day they start (across midnight, with their buffer) come back as rows,
times as ISO text as `storage.pg_reads.pg_spans` gives them, for the caller to file as before. Spans of
days before `first` are left out (read only for spans across midnight), as the finder leaves them.
Other engines answer `None`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from mlplanner.storage.busy_reads import key_column
from mlplanner.storage.pg_arrays import text_array

HALF = 48  # bits per half of a day's mask
_ISO = 'YYYY-MM-DD"T"HH24:MI:SS.US'
_DAY = timedelta(days=1)


@lru_cache(maxsize=16)
def _sql(keys: tuple[str, ...]) -> str:
    # per row: its day, and microseconds from that day's midnight to its start (`s`) and to its end
    # with its buffer (`c`): exact integers (`date_part` of an interval of whole microseconds, times a
    # million, rounded: a double's error there is a hundred-thousandth of a microsecond)
    us = "round(date_part('epoch', {t} - start::date) * 1000000)::bigint"
    start_us, end_us = us.format(t="start"), us.format(t='"end"')
    parts = []
    for n, key in enumerate(keys):
        key_column(key)
        parts.append(
            f'SELECT {n} AS k, {key} AS who, start, "end", buffer_min, start::date AS day, '
            f"{start_us} AS s, {end_us} + COALESCE(buffer_min, 0) * 60000000::bigint AS c "
            "FROM appointment WHERE start < %(until)s AND start >= %(since)s AND status = ANY(%(statuses)s::text[]) "
            f"AND NOT deleted AND {key} = ANY(%(ids)s::text[])"
        )
    rows = " UNION ALL ".join(parts)
    # a span within its day (its end with the buffer before the next midnight): bits lo ≤ i < hi
    lo = "CASE WHEN s - %(length)s < 0 THEN 0 ELSE ((s - %(length)s) / %(step)s + 1)::int END"
    hi = "((c + %(step)s - 1) / %(step)s)::int"
    # only the rows the caller uses: within their day from `first` on (as bits), across midnight
    within = "c >= 0 AND c < 86400000000"
    bits = (
        f'SELECT k, who, day, start, "end", buffer_min, {within} AS w, {lo} AS lo, {hi} AS hi '
        f"FROM ({rows} OFFSET 0) r WHERE day >= %(first)s OR NOT ({within}) OFFSET 0"
    )
    low = f"CASE WHEN LEAST(hi, {HALF}) > lo THEN (1::bigint << LEAST(hi, {HALF})) - (1::bigint << lo) ELSE 0 END"
    high = (
        f"CASE WHEN hi > GREATEST(lo, {HALF}) THEN (1::bigint << (hi - {HALF})) "
        f"- (1::bigint << (GREATEST(lo, {HALF}) - {HALF})) ELSE 0 END"
    )
    mine, across = "FILTER (WHERE w)", "FILTER (WHERE NOT w)"
    return (
        f"SELECT k, who, day, bit_or({low}) {mine}, bit_or({high}) {mine}, count(*) {mine}, "
        f"array_agg(to_char(start, '{_ISO}')) {across}, array_agg(to_char(\"end\", '{_ISO}')) {across}, "
        f"array_agg(buffer_min) {across} FROM ({bits}) b GROUP BY k, who, day"
    )


BusyStarts = tuple[dict[tuple[str, date], int], dict[tuple[str, date], int], list[tuple[str, str, str, int]]]


def pg_busy_starts(
    conn: Connection,
    *,
    keys: Sequence[str],
    ids: Sequence[str],
    since: datetime,
    until: datetime,
    first: date,
    statuses: Sequence[str],
    length: timedelta,
    step: timedelta,
) -> list[BusyStarts] | None:
    """Per key column of `keys` (in that order), for the appointments not deleted, in one of
    `statuses`, starting in [since, until), whose key is one of `ids`: the busy starts per (key, day)
    of the spans within one day from `first` on (no entry where no bit is set), the number of such
    spans per (key, day), and the spans across midnight as (key, start, end, buffer_min) with ISO text
    times. `None` on another engine, or if a day's grid does not fit the two halves."""
    if conn.dialect.name != "postgresql":
        return None
    step_us = step // timedelta(microseconds=1)
    if step_us <= 0 or _DAY % step or _DAY // step > 2 * HALF:
        return None
    out: list[BusyStarts] = [({}, {}, []) for _key in keys]
    if not ids or not keys:
        return out
    params: dict[str, Any] = {
        "until": until,
        "since": since,
        "statuses": text_array(statuses),
        "ids": text_array(ids),
        "first": first,
        "length": length // timedelta(microseconds=1),
        "step": step_us,
    }
    cursor = conn.connection.driver_connection.execute(_sql(tuple(keys)), params)  # type: ignore[union-attr]
    for k, who, day, low, high, n, starts, ends, buffers in cursor.fetchall():
        taken, counts, across = out[k]
        if starts is not None:
            across += [
                (who, a, b, buffer_min) for a, b, buffer_min in zip(starts, ends, buffers, strict=True)
            ]
        if n:
            mask = low | high << HALF
            if mask:
                taken[(who, day)] = mask
            counts[(who, day)] = n
    return out
