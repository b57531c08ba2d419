"""reception for a network: confidential types, a second staff member, earlier-slot wishes, arrival steps,
booking requests between sites

Revision ID: 0009_reception
Revises: 0008_reports

One revision for issue 18's tables and columns (five drafts joined before landing, so that one file is
re-chained when another branch lands first).

Columns are added with plain ADD COLUMN on both engines: a batch operation would copy and drop
`appointment` / `appointment_type`, which other tables reference (foreign keys on). SQLite adds a column
with a REFERENCES clause in place (NULL default) but Alembic's SQLite dialect refuses any constraint
outside a batch, so SQLite gets that one statement written out; PostgreSQL gets the usual operations.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009_reception'
down_revision = '0008_reports'
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
    op.add_column(
        'appointment_type',
        sa.Column('confidential', sa.Boolean(), nullable=False, server_default=sa.false()),
    )

    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE appointment ADD COLUMN second_staff_id VARCHAR(36) REFERENCES staff (id)')
    else:
        op.add_column(
            'appointment', sa.Column('second_staff_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        )
        op.create_foreign_key(None, 'appointment', 'staff', ['second_staff_id'], ['id'])
    op.create_index('ix_appointment_second_staff_start', 'appointment', ['second_staff_id', 'start'])

    op.create_table('earlier_wish',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('origin_site', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('hlc', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('site_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('appointment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('youth_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('availability', sa.Text(), nullable=False),
    sa.Column('any_counsellor', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('declined', sa.Text(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('closed_reason', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], ),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], ),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('earlier_wish', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_earlier_wish_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_earlier_wish_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_earlier_wish_site_id'), ['site_id'], unique=False)

    op.create_table('freed_slot',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('site_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.Column('counsellor_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('room_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('type_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('appointment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('freed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('freed_slot', schema=None) as batch_op:
        batch_op.create_index('ix_freed_slot_site_state', ['site_id', 'state', 'start'], unique=False)

    op.add_column('appointment', sa.Column('called_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('appointment', sa.Column('interview_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    op.create_table('booking_request',
    *_synced(),
    sa.Column('site_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('target_site_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('youth_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('type_code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('counsellor_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('requested_by', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('requested_by_name', sqlmodel.sql.sqltypes.AutoString(length=170), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['counsellor_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], ),
    sa.ForeignKeyConstraint(['target_site_id'], ['site.id'], ),
    sa.ForeignKeyConstraint(['youth_id'], ['youth.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('booking_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_request_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_request_site_id'), ['site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_request_target_site_id'), ['target_site_id'], unique=False)

    op.create_table('booking_answer',
    *_synced(),
    sa.Column('site_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('request_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('appointment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('reason_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
    sa.Column('answered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['booking_request.id'], ),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('booking_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_answer_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_answer_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_answer_site_id'), ['site_id'], unique=False)


def downgrade() -> None:
    op.drop_table('booking_answer')
    op.drop_table('booking_request')

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('interview_at')
        batch_op.drop_column('called_at')

    with op.batch_alter_table('freed_slot', schema=None) as batch_op:
        batch_op.drop_index('ix_freed_slot_site_state')
    op.drop_table('freed_slot')
    with op.batch_alter_table('earlier_wish', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_earlier_wish_site_id'))
        batch_op.drop_index(batch_op.f('ix_earlier_wish_hlc'))
        batch_op.drop_index(batch_op.f('ix_earlier_wish_appointment_id'))
    op.drop_table('earlier_wish')

    op.drop_index('ix_appointment_second_staff_start', table_name='appointment')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('second_staff_id')

    with op.batch_alter_table('appointment_type', schema=None) as batch_op:
        batch_op.drop_column('confidential')
