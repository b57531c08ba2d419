"""Local bookkeeping of the sync between sites. None of these tables travels in change sets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from mlplanner.storage.tables import utcnow


class SyncPeer(SQLModel, table=True):
    """A site of the network: change sets from a site not listed here are refused."""

    __tablename__ = "sync_peer"
    code: str = Field(primary_key=True, max_length=16)
    added_at: datetime = Field(default_factory=utcnow)


class SyncApplied(SQLModel, table=True):
    """A change set already applied (applying it again changes nothing)."""

    __tablename__ = "sync_applied"
    site: str = Field(primary_key=True, max_length=16)
    seq: int = Field(primary_key=True)
    applied_at: datetime = Field(default_factory=utcnow)
    rows: int = 0


class SyncRow(SQLModel, table=True):
    """Per synced row received from another site: the last version adopted, and its base.

    `adopted_base` is the base carried by the adopted version (the remote version its writer had seen):
    it tells a knowing overwrite (no conflict) from a concurrent edit (conflict). `sent_hlc` is the
    version last exported, as files recorded it before per-table export cursors (`meta`
    `sync.cursor.<table>`); it is read only for a table that has no cursor yet, never written now.
    """

    __tablename__ = "sync_row"
    tbl: str = Field(primary_key=True, max_length=40)
    row_id: str = Field(primary_key=True, max_length=36)
    sent_hlc: str = Field(default="", max_length=40)
    adopted_hlc: str = Field(default="", max_length=40)
    adopted_base: str = Field(default="", max_length=40)


class SyncConflict(SQLModel, table=True):
    """A row version that lost (concurrent edit) or was refused (not allowed): kept for a site lead."""

    __tablename__ = "sync_conflict"
    id: int | None = Field(default=None, primary_key=True)
    detected_at: datetime = Field(default_factory=utcnow, index=True)
    tbl: str = Field(max_length=40)
    row_id: str = Field(max_length=36, index=True)
    reason: str = Field(default="concurrent", max_length=16)
    winner_hlc: str = Field(default="", max_length=40)
    winner_site: str = Field(default="", max_length=16)
    loser_hlc: str = Field(max_length=40)
    loser_site: str = Field(default="", max_length=16)
    loser_data: str = Field(default="{}", sa_type=Text)  # column -> text value (sync codec)
    reviewed_at: datetime | None = None
    reviewed_by: str = Field(default="", max_length=170)
