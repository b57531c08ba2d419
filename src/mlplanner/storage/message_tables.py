"""The outbox of messages to young people, what the planner remembers, and the sender's lease.

None of these tables travels between sites: each site sends its own messages, and a delivery log is
local bookkeeping like the audit log. Instants are aware UTC datetimes.

- `outbox_message`: one row per message, keyed by (subject, kind, version) — the idempotency key: a
  second row for the same key is refused by the database, so two planners (two workstations, a crash
  and a restart) can never queue a message twice. The row walks pending → sending → committing → sent
  (or failed, expired, superseded, skipped, uncertain, exported); only a row claimed from `pending` is
  ever handed to a relay.
- `message_watch`: per subject, the version and state the planner last saw, and the version the young
  person learned without a message (the booking itself).
- `sender_lease`: who sends now. A row per outbox (one per file, so one per site in the embedded mode
  and one for the network on a server), taken and renewed in short write transactions with an expiry:
  it works the same on SQLite and PostgreSQL, and a sender that dies frees it when the lease runs out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from mlplanner.domain.ids import new_id
from mlplanner.storage.tables import utcnow


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("subject", "kind", "version", name="uq_outbox_message_key"),
        Index("ix_outbox_message_status_due", "status", "due_at"),
        Index("ix_outbox_message_youth", "youth_id", "created_at"),
        Index("ix_outbox_message_appointment", "appointment_id"),
        Index("ix_outbox_message_site_expires", "site_id", "expires_at"),
    )
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    site_id: str = Field(max_length=36)
    subject: str = Field(max_length=48)  # "a:<appointment id>" or "r:<registration id>"
    kind: str = Field(max_length=24)
    version: str = Field(max_length=64)
    youth_id: str = Field(max_length=36)
    appointment_id: str | None = Field(default=None, max_length=36)
    status: str = Field(default="pending", max_length=16)
    channel: str = Field(default="", max_length=8)  # chosen when the message is claimed
    recipient: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=300)  # e-mail subject
    body: str = Field(default="", sa_type=Text)
    parts: int = Field(default=0)  # SMS parts
    due_at: datetime
    expires_at: datetime
    next_try_at: datetime | None = None
    attempts: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow)
    claimed_by: str = Field(default="", max_length=120)
    claim_token: str = Field(default="", max_length=36)
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    receipt: str = Field(default="", max_length=300)  # the relay's or provider's acknowledgement
    delivery: str = Field(default="", max_length=16)  # "" | delivered | undelivered (provider report)
    delivery_at: datetime | None = None
    error: str = Field(default="", max_length=300)  # last failure, in French
    batch: str = Field(default="", max_length=200)  # CSV batch file it was exported to


class MessageWatch(SQLModel, table=True):
    __tablename__ = "message_watch"
    subject: str = Field(primary_key=True, max_length=48)
    site_id: str = Field(max_length=36, index=True)
    baseline: str = Field(default="", max_length=64)
    version: str = Field(default="", max_length=64)
    state: str = Field(default="", max_length=24)
    seen_at: datetime = Field(default_factory=utcnow)


class SenderLease(SQLModel, table=True):
    __tablename__ = "sender_lease"
    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(default="", max_length=120)  # "host pid" of the sender, for people
    token: str = Field(default="", max_length=36)
    acquired_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(default_factory=utcnow)


MESSAGE_TABLES = (OutboxMessage, MessageWatch, SenderLease)
