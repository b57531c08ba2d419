"""Deciding what an arriving change set does to each row, before anything is written.

Per row, the version with the greater HLC stamp wins (text order = clock order, site code breaks ties);
a tombstone is just a version with `deleted` set — except the tombstone of an erasure (right to be
forgotten, `scrub.is_erasure`): it wins over any version that is not one, whatever the stamps, and the
live version it replaces (or that arrives after it) is dropped, never kept as a conflict (it holds the
personal data being erased). The order (erased first, then stamp) is total, so every site still picks
the same winner in any order of arrival. The losing version goes to `sync_conflict` unless the
winner's writer had already seen it (same writing site, or the loser's stamp is not after the remote
version the winner's writer had adopted, carried as `_base`), or the two versions hold the same data.
A version written by a site for a row it does not own is refused and kept there too.

Most rows are decided on the stamps alone, read with the row's references (a few columns per row);
only rows whose writer may not have seen the version here have their full rows read and compared.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Column
from sqlalchemy.engine import Connection
from sqlmodel import select

from mlplanner.services.privacy import scrub
from mlplanner.services.sync.bulk import bind_processors, process_columns, rows_by_key
from mlplanner.services.sync.decode import Decoded
from mlplanner.services.sync.schema import META_COLUMNS, Owners, SyncedTable, chunks
from mlplanner.services.youths.service import tokens_for
from mlplanner.storage.sync_tables import SyncRow
from mlplanner.storage.tables import Youth, table_of


@dataclass
class TablePlan:
    """What one table of a change set does here."""

    decoded: Decoded
    whole: list[dict[str, Any]] = field(default_factory=list)  # new rows, or rows whose references change
    same_refs: list[dict[str, Any]] = field(default_factory=list)  # rows here, references unchanged
    # per row of `same_refs`: its indexed columns (`indexed_columns`) hold here what it would write
    same_keys: list[bool] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)  # `_base` of each winner (whole, then same_refs)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    reindex: list[str] = field(default_factory=list)  # youths whose search tokens change

    @property
    def winners(self) -> list[dict[str, Any]]:
        return self.whole + self.same_refs


def references(spec: SyncedTable) -> list[tuple[str, Column]]:
    """(column, referenced column) for every foreign key of the table, synced parent or not."""
    return [(c.name, fk.column) for c in spec.table.columns for fk in c.foreign_keys]


def indexed_columns(spec: SyncedTable) -> list[str]:
    """The columns, other than the id, the stamp and the references, that some index of the table holds
    (`appointment.start`: six of them). SQLite rewrites every index entry of a column an UPDATE sets,
    even to the value it had, so a row whose indexed columns do not change is updated without them."""
    refs = {c for c, _t in references(spec)}
    held = {c.name for index in spec.table.indexes for c in index.columns}
    held |= {c.name for c in spec.table.columns if c.unique}
    return [c for c in spec.columns if c in held and c not in refs and c not in ("id", "hlc")]


def differs(a: dict[str, Any], b: dict[str, Any], columns: tuple[str, ...]) -> bool:
    return any(a.get(c) != b.get(c) for c in columns if c not in META_COLUMNS)


def knew(loser_hlc: str, loser_site: str, winner_base: str, winner_site: str) -> bool:
    """Whether the winner's writer had seen the losing version (then nothing was lost): it wrote it, or
    it had adopted a version written by the loser's site at or after it. A smaller stamp of ANOTHER
    site proves nothing (two sites' edits made without seeing each other are ordered by their clocks
    only), so it is not taken as seen: that edit goes to the conflicts, never silently away."""
    return loser_site == winner_site or (
        bool(winner_base) and loser_hlc <= winner_base and winner_base.rsplit(".", 1)[-1] == loser_site
    )


def conflict_row(
    now: Any,
    tbl: str,
    loser_text: dict[str, str],
    loser: dict[str, Any],
    winner: dict[str, Any] | None,
    reason: str,
) -> dict[str, Any]:
    return {
        "detected_at": now,
        "tbl": tbl,
        "row_id": loser["id"],
        "reason": reason,
        "winner_hlc": winner["hlc"] if winner else "",
        "winner_site": winner["origin_site"] if winner else "",
        "loser_hlc": loser["hlc"],
        "loser_site": loser["origin_site"],
        "loser_data": json.dumps(loser_text, ensure_ascii=False),
        "reviewed_at": None,
        "reviewed_by": "",
    }


def _versions(conn: Connection, d: Decoded, refs: list[str], keyed: list[str]) -> dict[str, tuple[Any, ...]]:
    """id -> (hlc, origin_site, *references, *keyed) of the rows already here (values as stored: a value
    that reads differently only sends its row down the slower, fully written path)."""
    t = d.spec.table
    cols = [t.c.id, t.c.hlc, t.c.origin_site, *(t.c[c] for c in refs), *(t.c[c] for c in keyed)]
    rows = rows_by_key(conn, cols, t.c.id, [r["id"] for r in d.rows])
    return {row[0]: row[1:] for row in rows}


def _full_rows(conn: Connection, t: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        found.update({r["id"]: dict(r) for r in conn.execute(select(t).where(t.c.id.in_(part))).mappings()})
    return found


def _adopted_states(conn: Connection, tbl: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    sr = table_of(SyncRow)
    found: dict[str, tuple[str, str]] = {}
    for part in chunks(ids):
        q = select(sr.c.row_id, sr.c.adopted_hlc, sr.c.adopted_base).where(
            sr.c.tbl == tbl, sr.c.row_id.in_(part)
        )
        found.update((rid, (ah, ab)) for rid, ah, ab in conn.execute(q).all())
    return found


def _erased_here(conn: Connection, d: Decoded) -> set[str]:
    """Ids of the arriving youths whose version here is an erasure's tombstone."""
    t = d.spec.table
    cols = [t.c.id, *(t.c[c] for c in scrub.ERASURE_COLUMNS)]
    rows = rows_by_key(conn, cols, t.c.id, [r["id"] for r in d.rows])
    return {
        row[0] for row in rows if scrub.is_erasure(dict(zip(scrub.ERASURE_COLUMNS, row[1:], strict=True)))
    }


def _getter(columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function returning a row's values of `columns` as a tuple (`itemgetter`, C-level), even for one."""
    if len(columns) > 1:
        return itemgetter(*columns)
    if columns:
        one = itemgetter(columns[0])
        return lambda row: (one(row),)
    return lambda _row: ()


def plan_table(
    conn: Connection, d: Decoded, *, me: str | list[str], sender: str, owners: Owners, now: Any
) -> TablePlan:
    """Decide every row of one table (nothing written). `owners` already knows the parents' rows.
    `me`: this database's site, or its sites (a server holding several)."""
    local = {me} if isinstance(me, str) else set(me)
    name = str(d.spec.name)
    refs = [c for c, _target in references(d.spec)]
    keyed = indexed_columns(d.spec)
    versions = _versions(conn, d, refs, keyed)
    n_refs = 2 + len(refs)
    refs_of = _getter(refs)  # a row's references as a tuple, compared with the stored ones at once
    erasable = name == Youth.__tablename__
    erased_here = _erased_here(conn, d) if erasable else set()
    owners.note(name, d.rows)
    plan = TablePlan(d)
    found: list[tuple[int, dict[str, Any]]] = []  # (row index, conflict): kept in change-set order
    whole_bases: list[str] = []
    same_bases: list[str] = []
    overwritten: list[int] = []  # winners over a version their writer may not have seen
    older: list[int] = []  # versions older than the one here, from a writer that may not have seen it
    for i, (r, base, owner) in enumerate(zip(d.rows, d.bases, owners.owners(name, d.rows), strict=True)):
        cur = versions.get(r["id"])
        if owner is not None and owner != sender:
            plan.refused += 1
            here = {"hlc": cur[0], "origin_site": cur[1]} if cur else None
            found.append((i, conflict_row(now, name, d.text(i), r, here, "not_allowed")))
            continue
        h = r["hlc"]
        if erasable and cur is not None and (r["id"] in erased_here) != scrub.is_erasure(r):
            if r["id"] in erased_here:
                continue  # a live version of an erased person: dropped
            same = refs_of(r) == cur[2:n_refs]
            (plan.same_refs if same else plan.whole).append(r)  # the erasure wins, whatever the stamps
            (same_bases if same else whole_bases).append(base)
            continue
        if cur is None or h > cur[0]:
            if cur is not None and refs_of(r) == cur[2:n_refs]:
                plan.same_refs.append(r)
                same_bases.append(base)
            else:
                plan.whole.append(r)
                whole_bases.append(base)
            if cur is not None and not knew(cur[0], cur[1], base, sender):
                overwritten.append(i)
        elif h != cur[0] and cur[1] != sender:
            older.append(i)
    plan.bases = whole_bases + same_bases
    plan.same_keys = _same_keys(conn, d, keyed, plan.same_refs, versions, n_refs)
    if overwritten or older:
        full = _full_rows(conn, d.spec.table, [d.rows[i]["id"] for i in overwritten + older])
        states = _adopted_states(conn, name, [d.rows[i]["id"] for i in older])
        encoders = d.spec.encoders()
        for i in overwritten:
            r, here_row = d.rows[i], full[d.rows[i]["id"]]
            if differs(here_row, r, d.columns):
                here_text = {c: enc(here_row[c]) for c, enc in zip(d.spec.columns, encoders, strict=True)}
                found.append((i, conflict_row(now, name, here_text, here_row, r, "concurrent")))
        for i in older:
            r, here_row = d.rows[i], full[d.rows[i]["id"]]
            adopted_hlc, adopted_base = states.get(r["id"], ("", ""))
            if here_row["origin_site"] in local:
                here_base = adopted_hlc
            else:
                here_base = adopted_base if adopted_hlc == here_row["hlc"] else ""
            if not knew(r["hlc"], sender, here_base, here_row["origin_site"]) and differs(
                here_row, r, d.columns
            ):
                found.append((i, conflict_row(now, name, d.text(i), r, here_row, "concurrent")))
    plan.conflicts = [c for _i, c in sorted(found, key=lambda f: f[0])]
    if name == Youth.__tablename__ and plan.winners:
        plan.reindex = _search_changed(conn, d, plan.winners)
    return plan


def _same_keys(
    conn: Connection,
    d: Decoded,
    keyed: list[str],
    rows: list[dict[str, Any]],
    versions: dict[str, tuple[Any, ...]],
    offset: int,
) -> list[bool]:
    """Per row, whether each indexed column already holds exactly what the update would store (the
    value as the driver receives it, compared with the value as stored: any other form counts as a
    change, and the column is written as before)."""
    if not keyed or not rows:
        return [not keyed] * len(rows)
    specs = {c.name: c for c in d.spec.specs}
    t = d.spec.table
    written = process_columns(
        [list(map(itemgetter(c), rows)) for c in keyed],
        bind_processors(conn.dialect, t, [specs[c] for c in keyed]),
    )
    here = [versions[r["id"]][offset:] for r in rows]
    return [list(h) == list(w) for h, w in zip(here, zip(*written, strict=True), strict=True)]


def _search_key(row: dict[str, Any]) -> tuple[str, ...] | None:
    """What a youth's search rows hold (`youths.reindex`): the folded name, then the tokens as
    `youths.tokens_for` computes them; None: not searchable. The name counts on its own: « Jean-Pierre »
    and « Jean Pierre » have the same tokens but not the same folded name, which the rows carry."""
    if row["deleted"] or row["merged_into_id"]:
        return None
    return (row["fold_name"], *tokens_for(SimpleNamespace(**row)))  # type: ignore[arg-type]


SEARCH_COLUMNS = (
    "id",
    "last_name",
    "first_name",
    "fold_name",
    "phone_digits",
    "external_id",
    "deleted",
    "merged_into_id",
)


def _search_changed(conn: Connection, d: Decoded, winners: list[dict[str, Any]]) -> list[str]:
    """The arriving youths whose search tokens change (new, renamed, deleted...): only they are re-indexed.

    Only the columns the tokens come from are read (as stored: text, and 0/1 or true/false flags, equal
    to the booleans received); tokens are computed only for youths where one of them differs."""
    t = d.spec.table
    here = {
        row[0]: dict(zip(SEARCH_COLUMNS, row, strict=True))
        for row in rows_by_key(conn, [t.c[c] for c in SEARCH_COLUMNS], t.c.id, [r["id"] for r in winners])
    }
    return [
        r["id"]
        for r in winners
        if (cur := here.get(r["id"])) is None
        or (any(cur[c] != r[c] for c in SEARCH_COLUMNS) and _search_key(cur) != _search_key(r))
    ]
