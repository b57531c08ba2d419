"""index youths by the record they were merged into: a sync's privacy follow-up reads them by index

Revision ID: 0015_youth_merged_into_index
Revises: 0014_youth_token_by_youth
Create Date: 2026-12-07

After every apply, the privacy follow-up looks for the records merged into one of the youths received
(`PrivacyService._merged_into_erased`: a merge made here into someone erased elsewhere). Without an
index on `merged_into_id`, SQLite scanned the whole youth table once per 500 youths received: five
scans of 100,000 youths for a month of a large site (a third of the apply's page reads), twenty of
400,000 at network size, so a sync cost more as the file grew. Portable DDL only.
"""

from __future__ import annotations

from alembic import op

revision = "0015_youth_merged_into_index"
down_revision = "0014_youth_token_by_youth"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_youth_merged_into_id", "youth", ["merged_into_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_youth_merged_into_id", table_name="youth")
