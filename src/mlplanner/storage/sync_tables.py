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


class SyncUndo(SQLModel, table=True):
    """What applying a change set overwrote, row by row, so that it can be undone (issue 19).

    Written in the apply's transaction, before its rows are written: `data` is the row as it was (its
    synced columns as a JSON object of stored values; NULL when the change set created the row),
    `adopted_*` the row's `sync_row` bookkeeping then (NULL: none), `after_hlc` the version the change
    set wrote (an undo leaves alone a row edited since). This replaces the copy of the whole file taken
    before every apply: its cost follows the change set, not the size of the database.
    """

    __tablename__ = "sync_undo"
    site: str = Field(primary_key=True, max_length=16)
    seq: int = Field(primary_key=True)
    tbl: str = Field(primary_key=True, max_length=40)
    row_id: str = Field(primary_key=True, max_length=36)
    after_hlc: str = Field(max_length=40)
    data: str | None = Field(default=None, sa_type=Text)
    adopted_hlc: str | None = Field(default=None, max_length=40)
    adopted_base: str | None = Field(default=None, max_length=40)


class SyncRefusal(SQLModel, table=True):
    """A change set of another site not applied (refused, waiting, missing), as last seen here.

    It is reported once: a later sync reports it again only if its reason or its content changed. A
    damaged one (`quarantined`) is not read again until its files change (the origin site sent it
    again); `fingerprint` is the sha256 of its files as last read ("missing" for a set absent from
    the folder while later ones are there).
    """

    __tablename__ = "sync_refusal"
    site: str = Field(primary_key=True, max_length=16)
    seq: int = Field(primary_key=True)
    code: str = Field(max_length=32)
    message: str = Field(default="", sa_type=Text)
    fingerprint: str = Field(default="", max_length=64)
    quarantined: bool = Field(default=False)
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)


class SyncSent(SQLModel, table=True):
    """A change set this database wrote: per table, the stamps it covered (`{table: [after, up_to]}`),
    so that it can be written again, the same way, when a site finds it damaged or missing. `site`:
    whose change set (a server holding several sites writes each one's own sequence)."""

    __tablename__ = "sync_sent"
    site: str = Field(primary_key=True, max_length=16)
    seq: int = Field(primary_key=True)
    ranges: str = Field(default="{}", sa_type=Text)
    rows: int = 0
    written_at: datetime = Field(default_factory=utcnow)
    resent_at: datetime | None = None
