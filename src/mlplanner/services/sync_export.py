"""Collecting this site's changes since its previous export (the rows of the next change set).

A row travels in the change set of the site that wrote its current version (`origin_site`); a version is
exported once: `sync_row.sent_hlc` remembers the last version exported, so no clock comparison is needed
(two workstations of one site with slightly different clocks cannot hide an edit from the export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from ..storage.sync_tables import SyncRow
from ..sync.changeset import TableData
from .sync_schema import BASE_COLUMN, Owners, synced_tables


@dataclass
class ExportBatch:
    tables: list[TableData] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    max_hlc: str = ""
    not_shared: int = 0  # local edits of another site's rows: not exported (that site owns them)

    @property
    def rows(self) -> int:
        return len(self.sent)


def collect_changes(session: Session, me: str) -> ExportBatch:
    conn = session.connection()
    owners = Owners(conn)
    sr = SyncRow.__table__
    batch = ExportBatch()
    for spec in synced_tables():
        t = spec.table
        q = (
            select(t, sr.c.adopted_hlc.label("_adopted"))
            .select_from(t.outerjoin(sr, and_(sr.c.tbl == spec.name, sr.c.row_id == t.c.id)))
            .where(t.c.origin_site == me, or_(sr.c.sent_hlc.is_(None), sr.c.sent_hlc != t.c.hlc))
            .order_by(t.c.hlc)
        )
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if not rows:
            continue
        encoders = spec.encoders()
        texts = []
        for row, owner in zip(rows, owners.owners(spec.name, rows), strict=True):
            if owner is not None and owner != me:
                batch.not_shared += 1
                continue
            texts.append(
                [enc(row[c]) for c, enc in zip(spec.columns, encoders, strict=True)] + [row["_adopted"] or ""]
            )
            batch.sent.append({"tbl": spec.name, "row_id": row["id"], "sent_hlc": row["hlc"]})
            batch.max_hlc = max(batch.max_hlc, row["hlc"])
        if texts:
            batch.tables.append(TableData(spec.name, (*spec.columns, BASE_COLUMN), texts))
    return batch


def mark_sent(session: Session, sent: list[dict[str, Any]]) -> None:
    if not sent:
        return
    sr = SyncRow.__table__
    ins = sqlite_insert(sr)
    stmt = ins.on_conflict_do_update(
        index_elements=[sr.c.tbl, sr.c.row_id], set_={"sent_hlc": ins.excluded.sent_hlc}
    )
    session.connection().execute(stmt, [{**s, "adopted_hlc": "", "adopted_base": ""} for s in sent])
