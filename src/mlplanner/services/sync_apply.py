"""Applying one change set of another site: verified and decoded first, then one bulk transaction.

Per row, the version with the greater HLC stamp wins (text order = clock order, site code breaks ties);
a tombstone is just a version with `deleted` set. The losing version goes to `sync_conflict` unless the
winner's writer had already seen it (same writing site, or the loser's stamp is not after the remote
version the winner's writer had adopted, carried as `_base`), or the two versions hold the same data.
Incoming rows are written as they are (no re-stamping); the local clock observes their stamps, so the next
local edit sorts after them whatever this PC's clock says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import Session

from ..storage.sync_tables import SyncApplied, SyncConflict, SyncRow
from ..storage.tables import Youth
from ..sync.changeset import ChangeSet
from ..sync.codec import BadValue
from ..sync.errors import ChangeSetRefused
from .context import ServiceContext
from .sync_schema import BASE_COLUMN, META_COLUMNS, Owners, SyncedTable, by_name, chunks, synced_tables
from .youths import reindex

Progress = Callable[[str, int, int], None]


class Deferred(Exception):
    """The change set refers to rows not received yet (another site's change set still to come)."""


@dataclass
class Decoded:
    spec: SyncedTable
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    texts: list[list[str]]
    bases: list[str]


@dataclass
class ApplyOutcome:
    written: int = 0
    conflicts: int = 0
    refused_rows: int = 0
    tables: set[str] = field(default_factory=set)
    already_applied: bool = False


def decode_change_set(cs: ChangeSet) -> list[Decoded]:
    """Typed rows per table in foreign-key order; ChangeSetRefused if anything is malformed."""
    m = cs.manifest
    label = f"Le lot n° {m.seq} du site {m.site} est refusé"
    tables = by_name()
    unknown = sorted(set(cs.tables) - set(tables))
    if unknown:
        raise ChangeSetRefused(
            "cs_too_new",
            f"{label} : tables inconnues ({', '.join(unknown)}) ; mettez ce poste à jour.",
            site=m.site,
            seq=m.seq,
        )
    result = []
    for spec in synced_tables():
        data = cs.tables.get(spec.name)
        if data is None or not data.rows:
            continue
        header = data.columns
        cols = tuple(c for c in header if c != BASE_COLUMN)
        missing, extra = set(spec.columns) - set(cols), set(cols) - set(spec.columns)
        if missing or extra:
            raise ChangeSetRefused(
                "cs_too_new" if extra else "cs_damaged",
                f"{label} : colonnes de « {spec.name} » différentes de celles de ce poste "
                f"({', '.join(sorted(missing | extra))}).",
                site=m.site,
                seq=m.seq,
            )
        positions = [header.index(c) for c in cols]
        base_pos = header.index(BASE_COLUMN) if BASE_COLUMN in header else None
        decoders = spec.decoders(cols)
        rows, bases = [], []
        try:
            for text in data.rows:
                row = {c: dec(text[p]) for c, dec, p in zip(cols, decoders, positions, strict=True)}
                if row["origin_site"] != m.site:
                    raise BadValue("origin_site")
                rows.append(row)
                bases.append(text[base_pos] if base_pos is not None else "")
        except BadValue as exc:
            raise ChangeSetRefused(
                "cs_damaged",
                f"{label} : valeur illisible dans « {spec.name} » ({exc}).",
                site=m.site,
                seq=m.seq,
            ) from exc
        result.append(Decoded(spec, cols, rows, [[t[p] for p in positions] for t in data.rows], bases))
    return result


def _differs(a: dict[str, Any], b: dict[str, Any], columns: tuple[str, ...]) -> bool:
    return any(a.get(c) != b.get(c) for c in columns if c not in META_COLUMNS)


def _knew(loser_hlc: str, loser_site: str, winner_base: str, winner_site: str) -> bool:
    """Whether the winner's writer had seen the losing version (then nothing was lost)."""
    return loser_site == winner_site or (bool(winner_base) and loser_hlc <= winner_base)


def _conflict(
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


def _check_references(conn: Connection, decoded: list[Decoded]) -> None:
    incoming = {d.spec.name: {r["id"] for r in d.rows} for d in decoded}
    tables = by_name()
    for d in decoded:
        for col, parent in d.spec.parents.items():
            wanted = {r[col] for r in d.rows if r[col]} - incoming.get(parent, set())
            pt = tables[parent].table
            for part in chunks(sorted(wanted)):
                found = set(conn.execute(select(pt.c.id).where(pt.c.id.in_(part))).scalars())
                if len(found) < len(part):
                    raise Deferred(f"{d.spec.name}.{col} → {parent}")


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


def apply_decoded(
    session: Session,
    ctx: ServiceContext,
    *,
    me: str,
    cs: ChangeSet,
    decoded: list[Decoded],
    progress: Progress | None = None,
) -> ApplyOutcome:
    """Apply inside the caller's write transaction (nothing is stamped: `ctx.db.write()` session)."""
    m = cs.manifest
    out = ApplyOutcome()
    if session.get(SyncApplied, (m.site, m.seq)) is not None:
        out.already_applied = True
        return out
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    _check_references(conn, decoded)
    owners = Owners(conn)
    now = ctx.clock.now_utc()
    conflicts: list[dict[str, Any]] = []
    max_stamp = ""
    youth_ids: list[str] = []
    sr = SyncRow.__table__
    for step, d in enumerate(decoded, start=1):
        t, name = d.spec.table, d.spec.name
        ids = [r["id"] for r in d.rows]
        current: dict[str, dict[str, Any]] = {}
        states: dict[str, tuple[str, str]] = {}
        for part in chunks(ids):
            current.update(
                {row["id"]: dict(row) for row in conn.execute(select(t).where(t.c.id.in_(part))).mappings()}
            )
            states.update(
                {
                    rid: (ah, ab)
                    for rid, ah, ab in conn.execute(
                        select(sr.c.row_id, sr.c.adopted_hlc, sr.c.adopted_base).where(
                            sr.c.tbl == name, sr.c.row_id.in_(part)
                        )
                    ).all()
                }
            )
        owners.note(name, d.rows)
        encoders = d.spec.encoders()

        winners: list[dict[str, Any]] = []
        adopted: list[dict[str, Any]] = []
        for r, text, base, owner in zip(d.rows, d.texts, d.bases, owners.owners(name, d.rows), strict=True):
            h = r["hlc"]
            max_stamp = max(max_stamp, h)
            if owner is not None and owner != m.site:
                out.refused_rows += 1
                conflicts.append(
                    _conflict(
                        now,
                        name,
                        dict(zip(d.columns, text, strict=True)),
                        r,
                        current.get(r["id"]),
                        "not_allowed",
                    )
                )
                continue
            cur = current.get(r["id"])
            if cur is not None and h == cur["hlc"]:
                continue
            if cur is None or h > cur["hlc"]:
                winners.append(r)
                adopted.append(
                    {"tbl": name, "row_id": r["id"], "sent_hlc": "", "adopted_hlc": h, "adopted_base": base}
                )
                if (
                    cur is not None
                    and not _knew(cur["hlc"], cur["origin_site"], base, m.site)
                    and _differs(cur, r, d.columns)
                ):
                    cur_text = {c: enc(cur[c]) for c, enc in zip(d.spec.columns, encoders, strict=True)}
                    conflicts.append(_conflict(now, name, cur_text, cur, r, "concurrent"))
                continue
            state = states.get(r["id"], ("", ""))
            cur_base = state[0] if cur["origin_site"] == me else (state[1] if state[0] == cur["hlc"] else "")
            if not _knew(h, m.site, cur_base, cur["origin_site"]) and _differs(cur, r, d.columns):
                conflicts.append(
                    _conflict(now, name, dict(zip(d.columns, text, strict=True)), r, cur, "concurrent")
                )
        if winners:
            if d.spec.unique:
                _resolve_unique(conn, d, winners, f"Le lot n° {m.seq} du site {m.site} est refusé")
            ins = sqlite_insert(t)
            stmt = ins.on_conflict_do_update(
                index_elements=[t.c.id], set_={c: ins.excluded[c] for c in d.columns if c != "id"}
            )
            conn.execute(stmt, winners)
            ins_sr = sqlite_insert(sr)
            conn.execute(
                ins_sr.on_conflict_do_update(
                    index_elements=[sr.c.tbl, sr.c.row_id],
                    set_={
                        "adopted_hlc": ins_sr.excluded.adopted_hlc,
                        "adopted_base": ins_sr.excluded.adopted_base,
                    },
                ),
                adopted,
            )
            out.written += len(winners)
            out.tables.add(name)
            if name == Youth.__tablename__:
                youth_ids.extend(r["id"] for r in winners)
        if progress:
            progress(f"lot {m.site} n° {m.seq} : {name}", step, len(decoded))
    if conflicts:
        conn.execute(insert(SyncConflict.__table__), conflicts)
        out.conflicts = len(conflicts)
    for part in chunks(youth_ids):
        reindex(session, list(session.exec(select(Youth).where(Youth.id.in_(part))).scalars()))
    session.add(SyncApplied(site=m.site, seq=m.seq, applied_at=now, rows=out.written))
    if max_stamp:
        ctx.hlc(session).observe(max_stamp)
    return out
