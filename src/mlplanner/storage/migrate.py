"""Open a site file safely: create it, upgrade it in place after a backup, or refuse it.

- a new file is created at the latest schema;
- an older mlplanner file is copied with the backup API, then upgraded by Alembic;
- a file from a newer mlplanner, a SQLite file of another program, or a file that is not SQLite at all
  is refused with a French message and left untouched.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..domain.errors import StorageError
from .backup import backup_file, create_private
from .db import Database, storage_error

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _inspect_existing(path: Path) -> str | None:
    """The file's Alembic revision; raise StorageError if it is not an mlplanner database."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise StorageError(
            "db_unreadable", f"Impossible de lire le fichier « {path} » : {exc.strerror}."
        ) from exc
    if magic != SQLITE_MAGIC:
        raise StorageError(
            "db_foreign", f"« {path.name} » n'est pas une base de données mlplanner : fichier laissé intact."
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in names or "appointment" not in names:
                raise StorageError(
                    "db_foreign",
                    f"« {path.name} » est une base SQLite d'un autre logiciel : fichier laissé intact.",
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc) from exc
    return row[0] if row else None


def open_database(path: Path | str, *, backup_dir: Path | None = None) -> Database:
    """Return a ready Database for `path`, migrating it (after a backup) when it is older."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        current = _inspect_existing(path)
        head = head_revision()
        if current != head and current not in known_revisions():
            raise StorageError(
                "db_too_new",
                f"« {path.name} » a été créé par une version plus récente de mlplanner : "
                "mettez le logiciel à jour. Fichier laissé intact.",
            )
        if current != head:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            dest_dir = backup_dir or path.parent / "backups"
            backup_file(path, dest_dir / f"{path.stem}-before-{head}-{stamp}.sqlite3")
            log.info("database backed up before migrating from %s to %s", current, head)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(path)  # readable by this user only from the first byte (the WAL inherits it)
    db = Database.for_path(path)
    try:
        upgrade(db)
    except StorageError:
        db.dispose()
        raise
    except Exception as exc:  # a migration failed: the transaction rolled back
        db.dispose()
        raise storage_error(exc) from exc
    return db


def upgrade(db: Database, revision: str = "head") -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        if ctx.get_current_revision() == head_revision() and revision == "head":
            return
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
