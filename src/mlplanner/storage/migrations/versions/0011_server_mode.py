"""server mode: slot_checked, audit order, and on PostgreSQL the no-overlap exclusion constraints

Revision ID: 0011_server_mode
Revises: 0010_sync_quarantine
Create Date: 2026-12-08

`appointment.slot_checked` says the booking rules placed the appointment in its slot (book, move,
un-cancel): on a server, two checked appointments that still hold their slot can never share a room
(buffer included) or a young person (the appointment itself), whoever writes them (exclusion
constraints, `btree_gist`). Appointments that arrive by sync from a site that worked offline are not
checked here: a clash they bring is listed for the site leads, never refused (no record may be lost).
On SQLite the column exists too (one schema), and the file's single write lock does the enforcing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011_server_mode'
down_revision = '0010_sync_quarantine'
branch_labels = None
depends_on = None

HOLDING = "('booked', 'arrived', 'seen', 'no_show')"  # Status.occupies_slot, as stored


def upgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slot_checked', sa.Boolean(), server_default=sa.false(), nullable=False))
    # The audit trail's writing order: SQLite's hidden rowid ordered entries of one instant; PostgreSQL has
    # no such thing, so the order is a column, numbered by `services.audit.record`.
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_audit_seq', ['seq'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("UPDATE audit_entry SET seq = rowid")
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute(
        "ALTER TABLE appointment ADD CONSTRAINT appointment_room_no_overlap EXCLUDE USING gist ("
        "room_id WITH =, tsrange(\"start\", \"end\" + make_interval(mins => buffer_min), '[)') WITH &&) "
        f"WHERE (slot_checked AND NOT deleted AND room_id IS NOT NULL AND status IN {HOLDING})"
    )
    op.execute(
        "ALTER TABLE appointment ADD CONSTRAINT appointment_youth_no_overlap EXCLUDE USING gist ("
        "youth_id WITH =, tsrange(\"start\", \"end\", '[)') WITH &&) "
        f"WHERE (slot_checked AND NOT deleted AND status IN {HOLDING})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE appointment DROP CONSTRAINT appointment_youth_no_overlap")
        op.execute("ALTER TABLE appointment DROP CONSTRAINT appointment_room_no_overlap")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_seq')
        batch_op.drop_column('seq')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('slot_checked')
