"""Files made before real sites existed are demonstrations: mark them so.

Until this version, every site file was built by the demo generator (nothing could create a real site),
with PIN 1234 for everyone. They get the demo mark (`meta` key `site.demo`), so the app shows the demo
banner, keeps their demo PIN policy and refuses to sync them with a real network.

Revision ID: 0004_demo_mark
Revises: 0003_reminders
"""

from __future__ import annotations

from alembic import op

revision = '0004_demo_mark'
down_revision = '0003_reminders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO meta (key, value) SELECT 'site.demo', '1' "
        "WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'site_code') "
        "AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'site.demo')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'site.demo'")
