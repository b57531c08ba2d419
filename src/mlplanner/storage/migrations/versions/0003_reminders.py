"""reminders: outbox of messages to young people, planner memory, sender lease, e-mail consent

Revision ID: 0003_reminders
Revises: 0002
Create Date: 2026-12-08

Portable DDL only (SQLite and PostgreSQL): new tables, and one column added to `youth` with a server
default so that existing rows read "no consent".
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_reminders"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_message",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("site_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("youth_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("appointment_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("next_try_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("claim_token", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("claimed_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("receipt", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("delivery", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("delivery_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("batch", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subject", "kind", "version", name="uq_outbox_message_key"),
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_message_appointment", ["appointment_id"], unique=False)
        batch_op.create_index("ix_outbox_message_site_expires", ["site_id", "expires_at"], unique=False)
        batch_op.create_index("ix_outbox_message_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index("ix_outbox_message_youth", ["youth_id", "created_at"], unique=False)

    op.create_table(
        "message_watch",
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("site_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("baseline", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject"),
    )
    with op.batch_alter_table("message_watch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_watch_site_id"), ["site_id"], unique=False)

    op.create_table(
        "sender_lease",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("acquired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )

    # a plain ADD COLUMN (SQLite has it natively): a batch copy of `youth` would trip the foreign keys
    # of the appointments that point at it
    op.add_column("youth", sa.Column("email_consent", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.drop_column("email_consent")
    op.drop_table("sender_lease")
    with op.batch_alter_table("message_watch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_watch_site_id"))
    op.drop_table("message_watch")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_message_youth")
        batch_op.drop_index("ix_outbox_message_site_expires")
        batch_op.drop_index("ix_outbox_message_status_due")
        batch_op.drop_index("ix_outbox_message_appointment")
    op.drop_table("outbox_message")
