"""The outbox's tables as the migration creates them match the table definitions, and the idempotency
key is enforced by the database itself."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from mlplanner.storage import message_tables, sync_tables, tables, workshop_tables
from mlplanner.storage.message_tables import OutboxMessage
from mlplanner.storage.migrate import open_database


def test_the_migration_matches_the_tables(tmp_path: Path) -> None:
    assert message_tables and sync_tables and tables and workshop_tables  # every table registered
    db = open_database(tmp_path / "x.sqlite3")
    try:
        with db.engine.connect() as conn:
            diffs = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
            )
        assert diffs == []
    finally:
        db.dispose()


def test_one_row_per_subject_kind_and_version(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.sqlite3")
    now = datetime(2026, 1, 5, tzinfo=UTC)
    row = dict(
        site_id="s", subject="a:1", kind="reminder", version="v1", youth_id="y", due_at=now, expires_at=now
    )
    try:
        with db.write() as s:
            s.add(OutboxMessage(**row))
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(OutboxMessage.__table__.insert(), [dict(row, id="other", status="pending")])  # type: ignore[attr-defined]
        with db.write() as s:
            s.add(OutboxMessage(**dict(row, version="v2")))  # another version is another message
    finally:
        db.dispose()
