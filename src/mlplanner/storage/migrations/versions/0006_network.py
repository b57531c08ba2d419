"""The network of sites: sites accepted into it, and the settings it shares (both travel by sync).

Revision ID: 0006_network
Revises: 0005_pin_policy
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006_network'
down_revision = '0005_pin_policy'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('origin_site', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'network_site',
        *_synced(),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(length=170), nullable=False),
        sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
    )
    op.create_index(op.f('ix_network_site_hlc'), 'network_site', ['hlc'], unique=False)
    op.create_table(
        'network_setting',
        *_synced(),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )
    op.create_index(op.f('ix_network_setting_hlc'), 'network_setting', ['hlc'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_network_setting_hlc'), table_name='network_setting')
    op.drop_table('network_setting')
    op.drop_index(op.f('ix_network_site_hlc'), table_name='network_site')
    op.drop_table('network_site')
