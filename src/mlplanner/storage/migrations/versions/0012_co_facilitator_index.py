"""index workshop sessions by co-facilitator: busy time read by index, not by a scan

Revision ID: 0012_co_facilitator_index
Revises: 0011_server_mode
Create Date: 2026-12-07

The busy-time query of every booking check and free-slot search asks for the sessions where a person
facilitates or co-facilitates, or a room is used (`workshops.clashes.workshop_spans`). Without an index
on `co_facilitator_id`, SQLite cannot answer that OR by index searches and scans every session: 13 ms
per query at 8,000 sessions (issue 19's network size), 0.03 ms with it. Portable DDL only.
"""

from __future__ import annotations

from alembic import op

revision = "0012_co_facilitator_index"
down_revision = "0011_server_mode"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_workshop_session_co_facilitator_start",
        "workshop_session",
        ["co_facilitator_id", "start"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_workshop_session_co_facilitator_start", table_name="workshop_session")
