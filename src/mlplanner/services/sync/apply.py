"""Applying one change set of another site: decided row by row first (`sync_decide`), then written in
the caller's transaction with bulk statements on the driver (`sync_bulk`).

Rows already here whose references do not change are updated without their reference columns, so
SQLite spends no foreign-key lookup on them (foreign keys stay enforced: new rows and changed
references are checked, by us first so that a change set waiting for another site's rows is told apart,
then by SQLite at commit). Incoming rows are written as they are (no re-stamping); the local clock
observes their stamps, so the next local edit sorts after them whatever this PC's clock says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, select
from sqlmodel import col as column_of

from mlplanner.services.context import ServiceContext
from mlplanner.services.sync.bulk import update_columns, upsert_columns
from mlplanner.services.sync.decide import TablePlan, indexed_columns, plan_table, references
from mlplanner.services.sync.decode import Decoded, decode_change_set, merge_decoded
from mlplanner.services.sync.schema import Owners, chunks
from mlplanner.services.youths.service import reindex
from mlplanner.storage import undo_journal
from mlplanner.storage.db import defer_foreign_keys
from mlplanner.storage.sync_tables import SyncApplied, SyncConflict, SyncRow
from mlplanner.storage.tables import Youth, table_of
from mlplanner.sync.changeset import ChangeSet
from mlplanner.sync.codec import ColumnSpec
from mlplanner.sync.errors import ChangeSetRefused

__all__ = ["ApplyOutcome", "Deferred", "apply_decoded", "decode_change_set", "merge_decoded"]

Progress = Callable[[str, int, int], None]
UNDO_DAYS = 30  # how long an applied change set can be undone (its journal is dropped after)
SYNC_ROW_COLUMNS = tuple(
    ColumnSpec(c, "str") for c in ("tbl", "row_id", "sent_hlc", "adopted_hlc", "adopted_base")
)


class Deferred(Exception):
    """The change set refers to rows not received yet (another site's change set still to come)."""


@dataclass
class ApplyOutcome:
    written: int = 0
    conflicts: int = 0
    refused_rows: int = 0
    rows: int = 0
    tables: set[str] = field(default_factory=set)
    already_applied: bool = False

    @property
    def nothing_new(self) -> bool:
        """Nothing written, nothing lost, nothing refused: every version was already here, or already
        replaced by one written knowing it. A new change set always brings something; a copy of an old
        one brings nothing."""
        return self.rows > 0 and self.written == 0 and self.conflicts == 0 and self.refused_rows == 0


def _check_references(conn: Connection, plans: list[TablePlan]) -> None:
    """Every reference a written row adds or changes points to a row that is here or arrives with it."""
    arriving = {p.decoded.spec.name: {r["id"] for r in p.winners} for p in plans}
    for p in plans:
        for col, target in references(p.decoded.spec):
            wanted = {r[col] for r in p.whole if r[col] is not None}
            if target.name == "id":
                wanted -= arriving.get(target.table.name, set())
            for part in chunks(sorted(wanted)):
                found = set(conn.execute(select(target).where(target.in_(part))).scalars())
                if len(found) < len(part):
                    raise Deferred(f"{p.decoded.spec.name}.{col} → {target.table.name}")


def _resolve_unique(conn: Connection, d: Decoded, winners: list[dict[str, Any]], cs_label: str) -> None:
    """Two rows created offline with the same code: the smaller id keeps it, the other gets a suffix.

    The rule depends only on the rows, so every site ends with the same codes (convergence); the rename of
    a local row is a local adjustment, not a new version.
    """
    t = d.spec.table
    winner_ids = {r["id"] for r in winners}
    for col in d.spec.unique:
        claims: dict[Any, set[str]] = {}
        for r in winners:
            claims.setdefault(r[col], set()).add(r["id"])
        for part in chunks(list(claims)):
            for rid, value in conn.execute(select(t.c.id, t.c[col]).where(t.c[col].in_(part))).all():
                if rid not in winner_ids:
                    claims[value].add(rid)
        for value, ids in claims.items():
            if len(ids) < 2:
                continue
            if d.spec.name == "site":
                raise ChangeSetRefused(
                    "cs_site_code",
                    f"{cs_label} : deux sites différents portent le code « {value} ».",
                )
            keeper = min(ids)
            for rid in ids - {keeper}:
                renamed = f"{str(value)[:11]}-{rid[:4]}"
                if rid in winner_ids:
                    for r in winners:
                        if r["id"] == rid:
                            r[col] = renamed
                else:
                    conn.execute(update(t).where(t.c.id == rid).values({col: renamed}))


def _write(conn: Connection, plan: TablePlan, cs: ChangeSet, label: str) -> None:
    """The table's winners (new or changed references: whole upsert; others: update without their
    references), then what was adopted (`sync_row`, read by later conflict decisions). What they
    overwrite is journaled first (`sync_undo`), so that the change set can be undone."""
    d = plan.decoded
    t, name = d.spec.table, str(d.spec.name)  # a plain str: the driver binds a str subclass slowly
    undo_journal.record(
        conn,
        site=cs.manifest.site,
        seq=cs.manifest.seq,
        table=t,
        columns=d.spec.columns,
        rows=[(r["id"], r["hlc"]) for r in plan.winners],
    )
    if d.spec.unique:
        _resolve_unique(conn, d, plan.winners, label)
    specs = {c.name: c for c in d.spec.specs}
    columns = [specs[c] for c in d.columns]
    rest = [s for s in columns if s.name not in {c for c, _t in references(d.spec)} | {"id"}]
    upsert_columns(
        conn,
        t,
        columns,
        [list(map(itemgetter(c.name), plan.whole)) for c in columns],
        keys=["id"],
        update=[c.name for c in columns if c.name != "id"],
    )
    keyed = set(indexed_columns(d.spec))
    light = [s for s in rest if s.name not in keyed]  # indexed columns unchanged: not set (no index work)
    for row_specs, same in ((rest, False), (light, True)):
        rows = [r for r, k in zip(plan.same_refs, plan.same_keys, strict=True) if k is same]
        update_columns(
            conn,
            t,
            row_specs,
            [list(map(itemgetter(c.name), rows)) for c in row_specs],
            key=specs["id"],
            keys=list(map(itemgetter("id"), rows)),
        )
    winners = plan.winners
    ids = [r["id"] for r in winners]
    upsert_columns(
        conn,
        table_of(SyncRow),
        SYNC_ROW_COLUMNS,
        [[name] * len(ids), ids, [""] * len(ids), [r["hlc"] for r in winners], plan.bases],
        keys=["tbl", "row_id"],
        update=["adopted_hlc", "adopted_base"],
    )


def apply_decoded(
    session: Session,
    ctx: ServiceContext,
    *,
    me: str | list[str],
    cs: ChangeSet,
    decoded: list[Decoded],
    progress: Progress | None = None,
    together: tuple[int, ...] = (),
) -> ApplyOutcome:
    """Apply inside the caller's write transaction (nothing is stamped: `ctx.db.write()` session).

    `together`: other change sets of the same site merged into `decoded` (`merge_decoded`), recorded as
    applied with this one. `me`: this database's site, or its sites (a server holding several)."""
    m = cs.manifest
    out = ApplyOutcome()
    if session.get(SyncApplied, (m.site, m.seq)) is not None:
        out.already_applied = True
        return out
    seqs = [m.seq, *(q for q in together if q != m.seq)]
    conn = session.connection()
    defer_foreign_keys(conn)
    owners = Owners(conn)
    now = ctx.clock.now_utc()
    plans = [plan_table(conn, d, me=me, sender=m.site, owners=owners, now=now) for d in decoded]
    _check_references(conn, plans)
    label = f"Le lot n° {m.seq} du site {m.site} est refusé"
    conflicts: list[dict[str, Any]] = []
    for step, plan in enumerate(plans, start=1):
        name = plan.decoded.spec.name
        conflicts.extend(plan.conflicts)
        out.refused_rows += plan.refused
        out.rows += len(plan.decoded.rows)
        if plan.winners:
            _write(conn, plan, cs, label)
            out.written += len(plan.winners)
            out.tables.add(name)
        if progress:
            progress(f"lot {m.site} n° {m.seq} : {name}", step, len(plans))
    if conflicts:
        conn.execute(insert(table_of(SyncConflict)), conflicts)
        out.conflicts = len(conflicts)
    for part in chunks([y for p in plans for y in p.reindex]):
        reindex(session, list(session.exec(select(Youth).where(column_of(Youth.id).in_(part)))))
    for seq in seqs:  # merged sets are journalled (undone) with this one: `cs`
        session.add(
            SyncApplied(site=m.site, seq=seq, applied_at=now, rows=out.written if seq == m.seq else 0)
        )
    undo_journal.forget_before(conn, now - timedelta(days=UNDO_DAYS))
    max_stamp = max((r["hlc"] for d in decoded for r in d.rows), default="")
    if max_stamp:
        ctx.hlc(session).observe(max_stamp)
    return out
