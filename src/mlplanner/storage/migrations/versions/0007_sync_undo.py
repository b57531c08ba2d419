"""sync undo journal: what each applied change set overwrote, so that it can be undone

Revision ID: 0007_sync_undo
Revises: 0006_network
Create Date: 2026-12-07

Replaces the copy of the whole file taken before every apply (issue 19). Portable DDL only.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007_sync_undo"
down_revision = "0006_network"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_undo",
        sa.Column("site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tbl", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("row_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("after_hlc", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("adopted_hlc", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("adopted_base", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.PrimaryKeyConstraint("site", "seq", "tbl", "row_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_undo")
