"""Migration 0013: `sync_sent` is keyed by (site, seq). A database that synced before keeps what it wrote
(the rows become its default site's), and a second site's change set n° 1 then fits beside the first's."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from engines import Location
from mlplanner.storage.db import Database
from mlplanner.storage.migrate import alembic_config, current_revision, head_revision, upgrade

WRITTEN = datetime(2027, 3, 1, 8, 0)
BEFORE = "0012_co_facilitator_index"  # the revision before 0013_sync_sent_site


def test_a_database_before_0013_with_sent_change_sets_upgrades_and_keeps_them(
    empty_location: Location,
) -> None:
    db = Database.for_location(empty_location)
    try:
        upgrade(db, BEFORE)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO meta (key, value) VALUES ('site_code', 'PARIS13')"))
            for seq, ranges, rows in ((1, '{"youth": ["", "a"]}', 12), (2, '{"youth": ["a", "b"]}', 3)):
                conn.execute(
                    text(
                        "INSERT INTO sync_sent (seq, ranges, rows, written_at, resent_at) "
                        "VALUES (:s, :r, :n, :w, NULL)"
                    ),
                    {"s": seq, "r": ranges, "n": rows, "w": WRITTEN},
                )
        upgrade(db)
        assert current_revision(db) == head_revision()
        with db.engine.begin() as conn:
            kept = conn.execute(
                text("SELECT site, seq, ranges, rows FROM sync_sent ORDER BY site, seq")
            ).all()
            assert [tuple(r) for r in kept] == [
                ("PARIS13", 1, '{"youth": ["", "a"]}', 12),
                ("PARIS13", 2, '{"youth": ["a", "b"]}', 3),
            ]
            # a second site of the same server writes its own n° 1 (before: a primary key collision)
            conn.execute(
                text(
                    "INSERT INTO sync_sent (site, seq, ranges, rows, written_at) "
                    "VALUES ('PARIS18', 1, '{}', 0, :w)"
                ),
                {"w": WRITTEN.replace(tzinfo=UTC)},
            )
            assert conn.execute(text("SELECT count(*) FROM sync_sent WHERE seq = 1")).scalar() == 2
        with (
            db.engine.begin() as conn
        ):  # back to the revision before: the default site's rows stay, under their seq
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, BEFORE)
            back = conn.execute(text("SELECT seq, rows FROM sync_sent ORDER BY seq")).all()
            assert [tuple(r) for r in back] == [(1, 12), (2, 3)]
    finally:
        db.dispose()
