"""Developer tool: regenerate the pending migration from the table definitions.

`0001_initial` is frozen: it is the schema of the first version (the foundation issue), and files at
0001 must be upgraded in place. Until the next release, every later table change lives in one revision,
`0002_pending`, regenerated with `uv run python -m mlplanner.storage.devtools` whenever a table changes
(autogenerate against an empty file upgraded to 0001). At release time it is renamed and frozen too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from mlplanner.storage.db import Database
from mlplanner.storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade

FROZEN_HEAD = "0001"
PENDING = "0002"


def regenerate_pending() -> Path:
    versions = MIGRATIONS_DIR / "versions"
    for old in versions.glob(f"{PENDING}_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.for_path(Path(tmp) / "base.sqlite3")
        upgrade(db, FROZEN_HEAD)
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.revision(cfg, message="pending", autogenerate=True, rev_id=PENDING)
        db.dispose()
    (generated,) = versions.glob(f"{PENDING}_*.py")
    return generated


if __name__ == "__main__":
    print(regenerate_pending())
