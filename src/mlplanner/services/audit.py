"""Append-only audit trail, written in the same transaction as the change it describes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.services.context import Actor, ServiceContext
from mlplanner.storage.tables import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(row: Any, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Ids and codes of a row, for before/after (no free-text notes: logs hold as little as possible)."""
    data = row.model_dump() if hasattr(row, "model_dump") else dict(row)
    if fields:
        data = {k: data[k] for k in fields if k in data}
    return {k: _jsonable(v) for k, v in data.items() if k not in ("notes", "hlc", "updated_at")}


def record(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: str = "",
    youth_id: str = "",
    reason: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            seq=_next_seq(session),
            at=ctx.clock.now_utc(),
            site_code=ctx.site_code(session),
            actor_id=actor.id,
            actor_name=actor.name,
            action=action,
            entity=entity,
            entity_id=entity_id,
            youth_id=youth_id,
            reason=reason,
            before=json.dumps(before, ensure_ascii=False, default=str) if before else "",
            after=json.dumps(after, ensure_ascii=False, default=str) if after else "",
        )
    )


_SEQ = "mlplanner_audit_seq"


def seq_read(session: Session, last: int | None) -> None:
    """The highest `seq` of the trail, read in this transaction under its write lock with other rows
    (`_next_seq` then does not read it); nothing if an entry was numbered already."""
    session.info.setdefault(_SEQ, last or 0)


def seq_sql() -> Any:
    """What `_next_seq` reads, as a scalar subquery to read with other rows (see `seq_read`)."""
    return select(func.max(AuditEntry.seq)).scalar_subquery()


def _next_seq(session: Session) -> int:
    """The entry's place in writing order (entries of one instant keep the order they were written in;
    SQLite's hidden rowid did that before, PostgreSQL has none). Read once per transaction, under its
    write lock (on a server, two sites may reuse a number: it only orders entries of one instant)."""
    last = session.info.get(_SEQ)
    if last is None:
        last = session.execute(select(func.max(AuditEntry.seq))).scalar() or 0
    session.info[_SEQ] = last + 1
    return int(last + 1)


def record_update(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    entity: str,
    row: Any,
    before: Mapping[str, Any],
    fields: tuple[str, ...] | None = None,
    youth_id: str = "",
) -> None:
    """The usual "update" entry: the snapshot taken before the edit and the row as it is now."""
    record(
        session,
        ctx,
        actor,
        action="update",
        entity=entity,
        entity_id=row.id,
        youth_id=youth_id,
        before=before,
        after=snapshot(row, fields),
    )


def record_once_a_day(
    session: Session,
    ctx: ServiceContext,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: str,
    youth_id: str = "",
) -> bool:
    """Record an entry unless this person already has the same one today (UTC day): opening a record
    ten times while working on it is one fact. Returns whether an entry was written."""
    now = ctx.clock.now_utc()
    since = now.replace(hour=0, minute=0, second=0, microsecond=0)
    seen = session.exec(
        select(col(AuditEntry.id))
        .where(
            AuditEntry.actor_id == actor.id,
            AuditEntry.actor_name == actor.name,
            AuditEntry.action == action,
            AuditEntry.entity_id == entity_id,
            AuditEntry.at >= since,
        )
        .limit(1)
    ).first()
    if seen is not None:
        return False
    record(session, ctx, actor, action=action, entity=entity, entity_id=entity_id, youth_id=youth_id)
    return True
