"""SQL of the sync's undo journal (`sync_undo`): what an apply overwrote, and putting it back.

Everything runs inside the database (one statement per table, or `executemany` of one statement): the
old rows are turned into JSON by the engine itself (`json_object` in SQLite, `json_build_object` in
PostgreSQL) and read back from it (`json_extract` / `json_populate_record`), so that recording a
change set of 24,000 rows costs a few tens of milliseconds, and nothing of it goes through Python
objects. Values are kept as the engine stores them (SQLite: text datetimes, 0/1 booleans), so what an
undo writes back is exactly what was there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, delete, select, text, tuple_
from sqlalchemy.engine import Connection

from mlplanner.storage.sync_tables import SyncApplied, SyncUndo
from mlplanner.storage.tables import table_of

JOURNAL = "sync_undo"


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def record(
    conn: Connection,
    *,
    site: str,
    seq: int,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[str, str]],
) -> None:
    """Keep, for each `(id, version written)` of `rows`, the row as it is now (before the write).

    One statement per table: the ids and versions travel as one JSON array that the engine unnests
    (`json_each`, `json_array_elements`), so no Python work per row."""
    if not rows:
        return
    name = str(table.name)
    t = _q(conn, name)
    pairs = ", ".join(f"'{c}', t.{_q(conn, c)}" for c in columns)
    if _pg(conn):
        source = "json_array_elements(CAST(:rows AS json)) j"
        rid, after = "(j.value ->> 0)", "(j.value ->> 1)"
        obj = f"json_build_object({pairs})::text"
    else:
        source = "json_each(:rows) j"
        rid, after = "json_extract(j.value, '$[0]')", "json_extract(j.value, '$[1]')"
        obj = f"json_object({pairs})"
    sql = (
        f"INSERT INTO {JOURNAL} (site, seq, tbl, row_id, after_hlc, data, adopted_hlc, adopted_base) "
        f"SELECT :site, :seq, :tbl, {rid}, {after}, CASE WHEN t.id IS NULL THEN NULL ELSE {obj} END, "
        f"sr.adopted_hlc, sr.adopted_base FROM {source} "
        f"LEFT JOIN {t} t ON t.id = {rid} "
        f"LEFT JOIN sync_row sr ON sr.tbl = :tbl AND sr.row_id = {rid}"
    )
    conn.execute(text(sql), {"site": site, "seq": seq, "tbl": name, "rows": _pairs_json(rows)})


def _pairs_json(rows: Sequence[tuple[str, str]]) -> str:
    """`json.dumps` of the (id, version) pairs, the same text, joined at C speed when no character needs
    escaping (ids and stamps never do: they are checked on arrival); else `json.dumps` itself."""
    try:
        fields = "".join(map("".join, rows))
        plain = bool(rows) and all(len(r) == 2 for r in rows) and fields.isascii() and fields.isprintable()
    except TypeError:
        plain = False
    if not plain or '"' in fields or "\\" in fields:
        return json.dumps([list(r) for r in rows])
    return '[["' + '"], ["'.join(map('", "'.join, rows)) + '"]]'


def forget_before(conn: Connection, cut: datetime) -> None:
    """Drop the journal of change sets applied before `cut` (they can no longer be undone)."""
    u, a = table_of(SyncUndo), table_of(SyncApplied)
    old = select(a.c.site, a.c.seq).where(a.c.applied_at < cut)
    conn.execute(delete(u).where(tuple_(u.c.site, u.c.seq).in_(old)))


def forget(conn: Connection, *, site: str, seq: int) -> None:
    conn.execute(text(f"DELETE FROM {JOURNAL} WHERE site = :site AND seq = :seq"), {"site": site, "seq": seq})


def forget_people(conn: Connection, *, youth_ids: Sequence[str], row_ids: Sequence[str] = ()) -> None:
    """Drop what the journal keeps of these young people: their own rows, the rows named in `row_ids`
    (their appointments, registrations...) and any row whose old value points at them (`youth_id`).

    An erasure must not survive in the journal, nor come back through an undo (issue 14)."""
    ids = list(dict.fromkeys(youth_ids))
    others = list(dict.fromkeys(row_ids))
    owner = "(CAST(data AS json) ->> 'youth_id')" if _pg(conn) else "json_extract(data, '$.youth_id')"
    for start in range(0, max(len(ids), len(others)), 500):
        part, more = ids[start : start + 500], others[start : start + 500]
        conn.execute(
            text(
                f"DELETE FROM {JOURNAL} WHERE row_id IN (SELECT value FROM json_each(:rows))"
                f" OR (data IS NOT NULL AND {owner} IN (SELECT value FROM json_each(:ids)))"
            )
            if not _pg(conn)
            else text(
                f"DELETE FROM {JOURNAL} WHERE row_id IN (SELECT json_array_elements_text(CAST(:rows AS json)))"
                f" OR (data IS NOT NULL AND {owner} IN"
                " (SELECT json_array_elements_text(CAST(:ids AS json))))"
            ),
            {"rows": json.dumps(part + more), "ids": json.dumps(part)},
        )


def journaled(conn: Connection) -> list[tuple[str, int, int]]:
    """(site, seq, rows) of every change set that can still be undone."""
    q = f"SELECT site, seq, count(*) FROM {JOURNAL} GROUP BY site, seq ORDER BY site, seq"
    return [(s, int(n), int(c)) for s, n, c in conn.execute(text(q)).all()]


def tables_of(conn: Connection, *, site: str, seq: int) -> list[str]:
    q = text(f"SELECT DISTINCT tbl FROM {JOURNAL} WHERE site = :site AND seq = :seq")
    return [str(t) for t in conn.execute(q, {"site": site, "seq": seq}).scalars()]


_MATCH = "u.site = :site AND u.seq = :seq AND u.tbl = :tbl"


def untouched(
    conn: Connection, *, site: str, seq: int, table: Table
) -> tuple[list[str], list[str], list[str]]:
    """(rows to put back, rows to remove, rows edited since) of one table: a row still at the version
    the change set wrote is undone; a row written since (here or by a later change set) is left."""
    name = str(table.name)
    q = text(
        f"SELECT u.row_id, u.data IS NULL, t.hlc = u.after_hlc FROM {JOURNAL} u "
        f"JOIN {_q(conn, name)} t ON t.id = u.row_id WHERE {_MATCH}"
    )
    back: list[str] = []
    gone: list[str] = []
    edited: list[str] = []
    for rid, new, same in conn.execute(q, {"site": site, "seq": seq, "tbl": name}).all():
        (edited if not same else gone if new else back).append(str(rid))
    return back, gone, edited


def restore(conn: Connection, *, site: str, seq: int, table: Table, columns: Sequence[str]) -> None:
    """Write back the journaled rows of one table that are still at the version the change set wrote,
    with their `sync_row` bookkeeping of then; remove the rows it created (same condition)."""
    name = str(table.name)
    t = _q(conn, name)
    p = {"site": site, "seq": seq, "tbl": name}
    still = f"FROM {JOURNAL} u JOIN {t} cur ON cur.id = u.row_id AND cur.hlc = u.after_hlc WHERE {_MATCH}"
    # bookkeeping first, while the rows still carry the version the change set wrote
    conn.execute(
        text(
            "DELETE FROM sync_row WHERE tbl = :tbl AND row_id IN "
            f"(SELECT u.row_id {still} AND u.adopted_hlc IS NULL)"
        ),
        p,
    )
    conn.execute(
        text(
            "INSERT INTO sync_row (tbl, row_id, sent_hlc, adopted_hlc, adopted_base) "
            f"SELECT u.tbl, u.row_id, '', u.adopted_hlc, u.adopted_base {still} AND u.adopted_hlc IS NOT NULL "
            "ON CONFLICT (tbl, row_id) DO UPDATE SET adopted_hlc = excluded.adopted_hlc, "
            "adopted_base = excluded.adopted_base"
        ),
        p,
    )
    cols = ", ".join(_q(conn, c) for c in columns)
    sets = ", ".join(f"{_q(conn, c)} = excluded.{_q(conn, c)}" for c in columns if c != "id")
    if _pg(conn):
        values = ", ".join(f"r.{_q(conn, c)}" for c in columns)
        source = (
            f"FROM {JOURNAL} u JOIN {t} cur ON cur.id = u.row_id AND cur.hlc = u.after_hlc "
            f"CROSS JOIN LATERAL json_populate_record(NULL::{t}, u.data::json) r "
            f"WHERE {_MATCH} AND u.data IS NOT NULL"
        )
    else:
        values = ", ".join(f"json_extract(u.data, '$.\"{c}\"')" for c in columns)
        source = f"{still} AND u.data IS NOT NULL"
    gone = f"SELECT u.row_id {still} AND u.data IS NULL"
    new_ids = [r[0] for r in conn.execute(text(gone), p).all()]
    conn.execute(
        text(f"INSERT INTO {t} ({cols}) SELECT {values} {source} ON CONFLICT (id) DO UPDATE SET {sets}"), p
    )
    for i in range(0, len(new_ids), 500):
        part = new_ids[i : i + 500]
        marks = ", ".join(f":i{j}" for j in range(len(part)))
        conn.execute(text(f"DELETE FROM {t} WHERE id IN ({marks})"), {f"i{j}": v for j, v in enumerate(part)})
