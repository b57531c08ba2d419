"""One sender at a time: a lease row taken and renewed in short write transactions.

Why a row and not a lock file: the same code holds on SQLite (the row is written under the file's
write lock, `BEGIN IMMEDIATE`) and on PostgreSQL (`SELECT … FOR UPDATE`, and the primary key refuses a
second insert), where a lock file would not exist. A sender that dies frees the lease when it expires
(`TTL`); a live one renews it before every message. The lease keeps the sending orderly; the claim of
each message (outbox.py) is what makes a double send impossible even if two senders overlapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from mlplanner.services.reminders.subjects import aware
from mlplanner.storage.message_tables import SenderLease

NAME = "reminders"
TTL = timedelta(minutes=5)


@dataclass(frozen=True)
class LeaseState:
    held: bool
    holder: str = ""
    expires_at: datetime | None = None


def acquire(session: Session, *, token: str, holder: str, now: datetime, name: str = NAME) -> LeaseState:
    row = session.exec(select(SenderLease).where(col(SenderLease.name) == name).with_for_update()).first()
    if row is None:
        session.add(SenderLease(name=name, holder=holder, token=token, acquired_at=now, expires_at=now + TTL))
        session.flush()
        return LeaseState(True, holder, now + TTL)
    if row.token != token and aware(row.expires_at) > now:
        return LeaseState(False, row.holder, aware(row.expires_at))
    if row.token != token:
        row.acquired_at = now
    row.holder, row.token, row.expires_at = holder, token, now + TTL
    session.add(row)
    session.flush()
    return LeaseState(True, holder, now + TTL)


def renew(session: Session, *, token: str, now: datetime, name: str = NAME) -> bool:
    result = session.execute(
        update(SenderLease)
        .where(col(SenderLease.name) == name, col(SenderLease.token) == token)
        .values(expires_at=now + TTL)
    )
    return bool(cast(CursorResult[Any], result).rowcount)


def release(session: Session, *, token: str, now: datetime, name: str = NAME) -> None:
    session.execute(
        update(SenderLease)
        .where(col(SenderLease.name) == name, col(SenderLease.token) == token)
        .values(expires_at=now)
    )


def current(session: Session, *, now: datetime, name: str = NAME) -> LeaseState:
    row = session.get(SenderLease, name)
    if row is None or aware(row.expires_at) <= now:
        return LeaseState(False)
    return LeaseState(True, row.holder, aware(row.expires_at))
