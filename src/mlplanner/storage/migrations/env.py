"""Alembic environment: run against the connection handed in by `mlplanner.storage.migrate`."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("mlplanner migrations run through mlplanner.storage.migrate only")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables instead
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
