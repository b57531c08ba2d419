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
import json
import logging
import re
import sqlite3
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from mlplanner.domain.errors import StorageError
from mlplanner.storage.backup import backup_file, create_private
from mlplanner.storage.db import LOCK_CLASS, Database, is_server_url, redact, storage_error

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


def open_database(path: Path | str, *, backup_dir: Path | None = None, create: bool = True) -> Database:
    """Return a ready Database for `path`, migrating it (after a backup) when it is older.

    A server URL goes to `open_server` (a workstation never changes a server's schema; `create` lets
    the demo prepare an empty server database)."""
    if is_server_url(path):
        return open_server(str(path), create=create)
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
        moved = moved_refusal(db)
    except StorageError:
        db.dispose()
        raise
    except Exception as exc:  # a migration failed: the transaction rolled back
        db.dispose()
        raise storage_error(exc) from exc
    if moved is not None:
        db.writes.retire(moved)  # readable for the record; nothing more written, nothing synced
    return db


# Written into a site file by `server import` (JSON: the server, redacted, and the day): the site lives
# on the server from then on, and the file refuses every write and sync.
MOVED_KEY = "site.moved_to"


def moved_refusal(db: Database) -> StorageError | None:
    """The refusal every write of a site file gets once its site moved to a server (`server import`
    marks the file): the server holds the site from then on, and a file that went on changing, or
    syncing under the same site code, would split the site in two (lost edits, twice-numbered change
    sets)."""
    with db.engine.connect() as conn:
        raw = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": MOVED_KEY}).scalar()
    if not raw:
        return None
    try:
        facts = json.loads(raw)
        server, day = str(facts["server"]), date.fromisoformat(str(facts["day"]))
    except (ValueError, KeyError, TypeError):
        server, day = "?", None
    when = f" le {day:%d/%m/%Y}" if day else ""
    return StorageError(
        "site_moved",
        f"Ce site a été déplacé sur le serveur « {server} »{when} : ce fichier n'est plus tenu à jour ; "
        "rien n'y est plus écrit ni synchronisé (il reste tel quel, pour mémoire). Travaillez désormais "
        "sur le serveur.",
        server=server,
        day=day,
    )


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


# --- server databases ------------------------------------------------------------------------------
SCHEMA_LOCK = "schema"


def server_revision(db: Database) -> tuple[str | None, bool]:
    """(revision, foreign): the schema's revision, and whether the database holds other tables instead."""
    with db.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        if "alembic_version" not in names:
            return None, bool(names)
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise StorageError("db_branches", "La base du serveur a plusieurs versions de schéma.")
    return (rows[0][0] if rows else None), "appointment" not in names


def open_server(url: str, *, create: bool = False) -> Database:
    """A ready Database on a PostgreSQL server whose schema is this version's.

    Workstations never migrate a server: an empty or older schema is for the IT person's
    `mlplanner server init` (with `create`, an empty database is prepared here: the demo does it)."""
    db = Database.for_url(url)
    try:
        current, foreign = server_revision(db)
        if foreign:
            raise StorageError(
                "db_foreign",
                f"La base « {redact(url)} » contient les tables d'un autre logiciel : base laissée intacte.",
            )
        head = head_revision()
        if current is not None and current not in known_revisions():
            raise StorageError(
                "db_too_new",
                "La base du serveur a été préparée par une version plus récente de mlplanner : "
                "mettez le logiciel à jour sur ce poste.",
            )
        if current != head:
            if not (create and current is None):
                what = "n'est pas encore préparée" if current is None else "est d'une version antérieure"
                raise StorageError(
                    "db_not_ready",
                    f"La base du serveur {what} : l'informaticien lance « mlplanner server init --db … ».",
                )
            upgrade_server(db)
    except StorageError:
        db.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        db.dispose()
        raise storage_error(exc) from exc
    return db


def upgrade_server(db: Database) -> tuple[str | None, str, list[str]]:
    """Create or upgrade a server's schema under a lock (two `server init` at once: one waits, the other
    then finds nothing to do). Returns (revision before, revision after, columns given the C collation)."""
    from alembic import command

    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%(cls)s, hashtext(%(key)s))",
            {"cls": LOCK_CLASS, "key": SCHEMA_LOCK},
        )
        before = None
        if inspect(conn).has_table("alembic_version"):
            before = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if before != head_revision():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        fixed = binary_collation(conn)
        after = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return before, str(after), fixed


def binary_collation(conn: Connection) -> list[str]:
    """Give every text column of the app's tables the C collation (byte order), as on SQLite.

    Text order is part of the data's meaning here: clock stamps compare as text (`hlc > cursor`), the
    youth search reads prefix ranges of tokens, ids order pairs. A server database created with a
    French collation would compare them its own way; the columns' collation makes the order the same
    on every server, whatever the database's default. Run after every upgrade, so a column added by a
    later migration gets it too (the database is the app's own: every table of its schema is ours).
    Returns the columns changed ("table.column")."""
    rows = conn.execute(
        text(
            "SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length "
            "FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
            "AND c.data_type IN ('character varying', 'text') AND coalesce(c.collation_name, '') <> 'C' "
            "ORDER BY c.table_name, c.ordinal_position"
        )
    ).all()
    changed = []
    for table, column, data_type, length in rows:
        kind = f"varchar({length})" if data_type == "character varying" and length else data_type
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE {kind} COLLATE "C"')
        changed.append(f"{table}.{column}")
    return changed


EXCLUSION_CONSTRAINTS = ("appointment_room_no_overlap", "appointment_youth_no_overlap")


def server_problems(db: Database) -> list[str]:
    """What a server database lacks that the app relies on (empty: all good): the schema at this
    version, `btree_gist`, the no-overlap constraints, the C collation of text columns."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if rev != head_revision():
            problems.append(f"schéma à la révision {rev}, attendue {head_revision()}")
        if not conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'")).first():
            problems.append("extension btree_gist absente")
        found = set(
            conn.execute(
                text("SELECT conname FROM pg_constraint WHERE contype = 'x' AND conname = ANY(:names)"),
                {"names": list(EXCLUSION_CONSTRAINTS)},
            ).scalars()
        )
        problems += [f"contrainte {name} absente" for name in EXCLUSION_CONSTRAINTS if name not in found]
        loose = conn.execute(
            text(
                "SELECT count(*) FROM information_schema.columns c JOIN information_schema.tables t "
                "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
                "AND c.data_type IN ('character varying', 'text') AND coalesce(c.collation_name, '') <> 'C'"
            )
        ).scalar()
        if loose:
            problems.append(f"{loose} colonne(s) de texte sans l'ordre binaire (collation C)")
    return problems
