"""Developer tool: regenerate the initial migration from the table definitions.

Until the first release, the schema lives in one revision, `0001_initial`, regenerated with
`uv run python -m mlplanner.storage.devtools` whenever a table changes. After a release, add new
revisions instead (alembic autogenerate against a file at the previous head).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from .db import Database
from .migrate import MIGRATIONS_DIR, alembic_config


def regenerate_initial() -> Path:
    versions = MIGRATIONS_DIR / "versions"
    for old in versions.glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.for_path(Path(tmp) / "empty.sqlite3")
        with db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        db.dispose()
    (generated,) = versions.glob("0001_*.py")
    return generated


if __name__ == "__main__":
    print(regenerate_initial())
