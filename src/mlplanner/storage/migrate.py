"""Open a site file safely: create it, upgrade it in place after a backup, or refuse it.

- a new file is created at the latest schema;
- an older mlplanner file is copied with the backup API, then upgraded by Alembic;
- a file from a newer mlplanner, a SQLite file of another program, or a file that is not SQLite at all
  is refused with a French message and left untouched.

Alembic (with SQLAlchemy's DDL layer and Mako, ~0.15 s) is imported only when a migration is due: the
revisions are read from the versions folder (`revision = ...` / `down_revision = ...` of each file, the
same files Alembic reads) and the file's revision from its `alembic_version` table, so an app start on
an up-to-date file never imports it.
"""

from __future__ import annotations

import ast
import logging
import re
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from mlplanner.domain.errors import StorageError
from mlplanner.storage.backup import backup_file, create_private
from mlplanner.storage.db import Database, storage_error

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
# `revision = '0002'`, `down_revision: str | None = '0001'` (Alembic's templates, old and new)
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each revision of the versions folder and the revisions it follows (what Alembic reads too)."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        found: dict[str, str] = {m.group(1): m.group(2) for m in _REVISION_LINE.finditer(text)}
        if "revision" not in found:
            continue
        down = ast.literal_eval(found.get("down_revision", "None"))
        graph[ast.literal_eval(found["revision"])] = (
            () if down is None else (down,) if isinstance(down, str) else tuple(down)
        )
    return graph


def head_revision() -> str:
    """The newest revision: the one no other revision follows."""
    graph = _revision_graph()
    followed = {down for downs in graph.values() for down in downs}
    heads = [rev for rev in graph if rev not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


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
    if revision == "head" and current_revision(db) == head_revision():
        return  # nothing to do: Alembic stays unimported
    from alembic import command

    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(db: Database) -> str | None:
    """The file's revision, as Alembic stores it (None for a file without the table or a row)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise StorageError("db_branches", "Le fichier de la base de données a plusieurs versions de schéma.")
    return rows[0][0] if rows else None
