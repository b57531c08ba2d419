"""Collecting this site's changes since its previous export (the rows of the next change set).

A row travels in the change set of the site that wrote its current version (`origin_site`), once per
version. Each table has an export cursor (`meta` key `sync.cursor.<table>`): the highest stamp the table
held when it was last exported. The next export reads only the rows stamped above it, through the `hlc`
index, however large the file. That is exact because stamps only grow within one file: a write
transaction first moves its clock past the highest stamp in the file (`ServiceContext.hlc`, under
SQLite's write lock), so a row written after an export sorts above that export's cursor, even when the
workstation that wrote it has a PC clock behind the one that exported (skewed clocks cannot hide an
edit). On a server several sites write at once, each under its own lock: a site's export reads while
holding that site's lock, so none of the site's writers is half-way (its stamp taken, not committed) and
every later one stamps above what the export saw; each site has its own cursors (`@CODE` keys). A table without a cursor (never exported) is read in full once, skipping row versions that
`sync_row.sent_hlc` says already left (files exported before cursors existed).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, bindparam, func
from sqlmodel import Session, and_, col, or_, select

from mlplanner.services.queries import columns
from mlplanner.services.sync.bulk import fetch_columns, insert_for
from mlplanner.services.sync.schema import BASE_COLUMN, Owners, SyncedTable, by_name, synced_tables
from mlplanner.storage.sync_tables import SyncRow
from mlplanner.storage.tables import Meta, table_of
from mlplanner.sync.changeset import TableData
from mlplanner.sync.codec import encode_column

CURSOR_PREFIX = "sync.cursor."


@dataclass
class ExportBatch:
    tables: list[TableData] = field(default_factory=list)
    rows: int = 0
    max_hlc: str = ""
    not_shared: int = 0  # local edits of another site's rows: not exported (that site owns them)
    cursors: dict[str, str] = field(default_factory=dict)  # table -> cursor once this batch has left
    cursors_moved: bool = False  # some cursor differs from the stored one


def site_suffix(session: Session, site: str) -> str:
    """The ending of a site's own sync keys in `meta`: none for the database's default site (a site
    file's only one), `@CODE` for the other sites a server holds (each exports its own change sets)."""
    default = session.get(Meta, "site_code")
    return "" if default is None or default.value == site else f"@{site}"


def load_cursors(session: Session, suffix: str = "") -> dict[str, str]:
    rows = session.exec(select(Meta.key, Meta.value).where(col(Meta.key).startswith(CURSOR_PREFIX))).all()
    return {
        key.removeprefix(CURSOR_PREFIX).removesuffix(suffix): value
        for key, value in rows
        if (key.endswith(suffix) if suffix else "@" not in key)
    }


def save_cursors(session: Session, cursors: dict[str, str], suffix: str = "") -> None:
    """Called in the write transaction that follows a successful export (the change set is on disk).
    One statement for every table's cursor (not a read and a write per table through the ORM)."""
    if not cursors:
        return
    conn = session.connection()
    t = table_of(Meta)
    ins = insert_for(conn.dialect)(t)
    conn.execute(
        ins.on_conflict_do_update(index_elements=[t.c.key], set_={"value": ins.excluded.value}),
        [{"key": CURSOR_PREFIX + name + suffix, "value": value} for name, value in cursors.items()],
    )


@functools.cache
def _changes_query(name: str, with_cursor: bool, with_upper: bool = False) -> Select:
    """A table's rows of this site not exported yet, with the remote version each had adopted (built
    once: its compiled form is reused at every export). `with_upper`: only up to a stamp (a change set
    written again: the rows it covered)."""
    spec = by_name()[name]
    t, sr = spec.table, table_of(SyncRow)
    q = select(*columns(*(t.c[c] for c in spec.columns), sr.c.adopted_hlc)).select_from(
        t.outerjoin(sr, and_(sr.c.tbl == name, sr.c.row_id == t.c.id))
    )
    if with_upper:
        q = q.where(
            t.c.hlc > bindparam("cursor"), t.c.hlc <= bindparam("upper"), t.c.origin_site == bindparam("me")
        )
    elif with_cursor:
        q = q.where(t.c.hlc > bindparam("cursor"), t.c.origin_site == bindparam("me"))
    else:
        q = q.where(
            t.c.origin_site == bindparam("me"), or_(sr.c.sent_hlc.is_(None), sr.c.sent_hlc != t.c.hlc)
        )
    return q.order_by(t.c.hlc)


def _row_owners(owners: Owners, spec: SyncedTable, columns: Sequence[Sequence[Any]]) -> list[str | None]:
    """Per row, the site that owns it, from the columns `Owners.owners` reads (no dict per row)."""
    needed = {c: columns[spec.columns.index(c)] for c in owners.needs(spec.name)}
    return owners.owners_of_columns(spec.name, needed, len(columns[0]))


def collect_changes(
    session: Session, me: str, *, ranges: dict[str, tuple[str, str]] | None = None
) -> ExportBatch:
    """This site's row versions not exported yet, encoded, read while none of its writers is in flight
    (`Database.quiet_read`: a read snapshot of a file; on a server, under the site's lock).

    `ranges` (table -> (after, up to)): instead, the versions of this site stamped in those ranges,
    i.e. what a change set written earlier covered and still holds (a version edited since has left
    in a later one), to write that change set again. Tables absent from `ranges` are left out.
    """
    conn = session.connection()
    owners = Owners(conn)
    batch = ExportBatch()
    stored = load_cursors(session, site_suffix(session, me))
    for spec in synced_tables():
        t = spec.table
        top = conn.execute(select(func.max(t.c.hlc))).scalar() or ""
        cursor = stored.get(spec.name)
        if top != (cursor or ""):
            batch.cursors_moved = True
        batch.cursors[spec.name] = max(top, cursor or "")
        if ranges is not None:
            if spec.name not in ranges:
                continue
            after, upper = ranges[spec.name]
            q = _changes_query(spec.name, True, True)
            params: dict[str, str | None] = {"cursor": after, "upper": upper, "me": me}
        else:
            q = _changes_query(spec.name, cursor is not None)
            params = {"cursor": cursor, "me": me}
        columns = fetch_columns(conn, q, t, spec.specs, params)
        if not columns:
            continue
        row_owners = _row_owners(owners, spec, columns)
        if any(owner is not None and owner != me for owner in row_owners):
            rows = [r for r, o in zip(zip(*columns, strict=True), row_owners, strict=True) if o in (None, me)]
            batch.not_shared += len(columns[0]) - len(rows)
            if not rows:
                continue
            columns = [list(c) for c in zip(*rows, strict=True)]
        encoded = [encode_column(col, cs) for cs, col in zip(spec.specs, columns, strict=False)]
        encoded.append([a or "" for a in columns[-1]])
        texts = list(map(list, zip(*encoded, strict=True)))
        batch.tables.append(TableData(spec.name, (*spec.columns, BASE_COLUMN), texts))
        batch.rows += len(texts)
        batch.max_hlc = max(batch.max_hlc, columns[spec.columns.index("hlc")][-1])
    return batch


def covered_ranges(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Per table, the stamps an export covered: above the cursor before it, up to the cursor after."""
    return {
        name: (before.get(name, ""), upper) for name, upper in after.items() if upper > before.get(name, "")
    }
