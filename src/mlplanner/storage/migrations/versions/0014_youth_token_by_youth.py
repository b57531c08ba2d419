"""youth tokens indexed by (youth_id, token): a short word after a selective one read from the index

Revision ID: 0014_youth_token_by_youth
Revises: 0013_sync_sent_site
Create Date: 2026-12-07

The youth search reads a one- or two-letter word typed after a selective one (« diallo ma ») per
candidate, through the index on `youth_id`: 1,600 candidates on a network's server, each of whose tokens
was then looked up in the table for its text (two b-tree searches per token, 10 ms of SQLite per
keystroke). With the token in the index, SQLite reads them from the index alone. The new index serves
every query the old one did (its first column is the same). Portable DDL only.
"""

from __future__ import annotations

from alembic import op

revision = "0014_youth_token_by_youth"
down_revision = "0013_sync_sent_site"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_youth_token_youth_id_token", "youth_token", ["youth_id", "token"], unique=False)
    op.drop_index("ix_youth_token_youth_id", table_name="youth_token")


def downgrade() -> None:
    op.create_index("ix_youth_token_youth_id", "youth_token", ["youth_id"], unique=False)
    op.drop_index("ix_youth_token_youth_id_token", table_name="youth_token")
