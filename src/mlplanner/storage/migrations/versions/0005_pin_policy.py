"""PIN policy: one-time PINs to change at first login, and the wrong-PIN count and lock in the file.

Plain ADD COLUMN with server defaults (no table copy): portable to SQLite and PostgreSQL.

Revision ID: 0005_pin_policy
Revises: 0004_demo_mark
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005_pin_policy'
down_revision = '0004_demo_mark'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('credential', sa.Column('must_change', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('credential', sa.Column('failures', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('credential', sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('credential', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failures')
        batch_op.drop_column('must_change')
