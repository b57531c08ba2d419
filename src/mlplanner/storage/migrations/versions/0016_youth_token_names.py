"""the youth's folded name and token list on each of its search rows: the server ranks a keystroke's
candidates from one index range

Revision ID: 0016_youth_token_names
Revises: 0015_youth_merged_into_index
Create Date: 2026-12-08

The server's ranked search (`storage.pg_search`) read, for a keystroke's 1,600 candidates, each one's
`youth` row (its folded name and deletion) and, for a second word, each one's tokens in the
`(youth_id, token)` index: 1,600 index lookups, ~10 ms of the server's time per keystroke at network
size (issue 19). Each `youth_token` row now carries its youth's `fold_name` and all its tokens
(space-separated), written by `youths.reindex`; NULL means not known, and the search then reads the
youth and its tokens as before. A server's rows are filled here (its search reads them); a site
file's are left NULL (SQLite searches in-process and does not read them: no rewrite of a large file
at start-up), and filled as `reindex` rewrites them. Rows of a deleted youth (which `reindex` never
writes) stay NULL, so the search keeps leaving them out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_youth_token_names"
down_revision = "0015_youth_merged_into_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    server = op.get_bind().dialect.name == "postgresql"
    collation = {"collation": "C"} if server else {}  # as `binary_collation` leaves every text column
    op.add_column("youth_token", sa.Column("fold_name", sa.String(length=170, **collation), nullable=True))
    op.add_column("youth_token", sa.Column("tokens", sa.Text(**collation), nullable=True))
    if not server:
        return
    # the rows rewritten rather than updated in place: an UPDATE of every row would leave the table
    # and both its indexes twice their size until a VACUUM FULL
    op.execute(
        "CREATE TEMPORARY TABLE youth_token_filled ON COMMIT DROP AS "
        "SELECT t.token, t.youth_id, y.fold_name, l.tokens FROM youth_token t "
        "LEFT JOIN youth y ON y.id = t.youth_id AND NOT y.deleted "
        "LEFT JOIN (SELECT youth_id, CASE WHEN bool_or(strpos(token, ' ') > 0) THEN NULL "
        "ELSE string_agg(token, ' ') END AS tokens FROM youth_token GROUP BY youth_id) l "
        "ON l.youth_id = t.youth_id AND y.id IS NOT NULL"
    )
    op.execute("TRUNCATE youth_token")
    op.execute(
        "INSERT INTO youth_token (token, youth_id, fold_name, tokens) "
        "SELECT token, youth_id, fold_name, tokens FROM youth_token_filled"
    )
    op.execute("ANALYZE youth_token")


def downgrade() -> None:
    with op.batch_alter_table("youth_token") as batch:
        batch.drop_column("tokens")
        batch.drop_column("fold_name")
