"""sync_sent per site: a server holding several sites writes each site's change sets

Revision ID: 0013_sync_sent_site
Revises: 0012_co_facilitator_index
Create Date: 2026-12-07

`sync_sent` remembers what each change set this database wrote covered, so that it can be written again
when another site finds it damaged or missing. A site file writes the change sets of one site; a server
holding several sites writes each site's own numbered sequence (PARIS13 n° 4 and PARIS18 n° 4 are two
change sets), so the key becomes (site, seq). The rows already there are the database's default site's
(`meta.site_code`), the only one that wrote change sets before.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013_sync_sent_site"
down_revision = "0012_co_facilitator_index"
branch_labels = None
depends_on = None

DEFAULT_SITE = "COALESCE((SELECT value FROM meta WHERE key = 'site_code'), '')"


def _create(name: str, key: list[str], with_site: bool) -> None:
    cols = (
        [sa.Column("site", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False)] if with_site else []
    )
    op.create_table(
        name,
        *cols,
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("ranges", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("written_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("resent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint(*key),
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("sync_sent", sa.Column("site", sa.String(length=16), nullable=False, server_default=""))
        op.execute(f"UPDATE sync_sent SET site = {DEFAULT_SITE}")
        op.alter_column("sync_sent", "site", server_default=None)
        op.execute("ALTER TABLE sync_sent DROP CONSTRAINT sync_sent_pkey")
        op.create_primary_key("sync_sent_pkey", "sync_sent", ["site", "seq"])
        return
    # SQLite cannot change a primary key: a new table, the rows copied, the old one dropped
    _create("sync_sent_new", ["site", "seq"], with_site=True)
    op.execute(
        "INSERT INTO sync_sent_new (site, seq, ranges, rows, written_at, resent_at) "
        f"SELECT {DEFAULT_SITE}, seq, ranges, rows, written_at, resent_at FROM sync_sent"
    )
    op.drop_table("sync_sent")
    op.rename_table("sync_sent_new", "sync_sent")


def downgrade() -> None:
    keep = f"site = {DEFAULT_SITE}"  # the other sites' rows cannot stay under a key of seq alone
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DELETE FROM sync_sent WHERE NOT ({keep})")
        op.execute("ALTER TABLE sync_sent DROP CONSTRAINT sync_sent_pkey")
        op.create_primary_key("sync_sent_pkey", "sync_sent", ["seq"])
        op.drop_column("sync_sent", "site")
        return
    _create("sync_sent_old", ["seq"], with_site=False)
    op.execute(
        "INSERT INTO sync_sent_old (seq, ranges, rows, written_at, resent_at) "
        f"SELECT seq, ranges, rows, written_at, resent_at FROM sync_sent WHERE {keep}"
    )
    op.drop_table("sync_sent")
    op.rename_table("sync_sent_old", "sync_sent")
