"""Engine, sessions and the SQLite settings that make two workstations on one file safe.

SQLite notes (measured, see ARCHITECTURE.md): with pysqlite's default transaction handling the reads of
a read-modify-write run outside any transaction and concurrent writers silently lose updates. We follow
SQLAlchemy's documented recipe: the driver is put in autocommit (`isolation_level=None`) and we emit
`BEGIN` ourselves: `BEGIN IMMEDIATE` for write sessions (the rule check and the insert of a booking then
run under the one write lock), plain deferred `BEGIN` for read sessions (a consistent snapshot in WAL).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from mlplanner.domain.errors import StorageError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_WRITE = "mlplanner_write"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    with contextlib.suppress(sqlite3.OperationalError):  # read-only file: no WAL, reads still work
        cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for a SQLite file path URL (or another SQLAlchemy URL, e.g. PostgreSQL later)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            poolclass=NullPool if url in ("sqlite://", "sqlite:///:memory:") else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def storage_error(exc: BaseException) -> StorageError:
    """Translate a driver error into a sentence a receptionist can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            "db_locked",
            "La base de données est occupée par un autre poste depuis trop longtemps ; "
            "réessayez dans un instant. Rien n'a été modifié.",
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            "db_readonly",
            "Le fichier de la base de données est en lecture seule : aucune modification n'est possible.",
        )
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return StorageError("db_corrupt", "Le fichier de la base de données est endommagé ou illisible.")
    if "unable to open" in text or "disk i/o" in text:
        return StorageError(
            "db_unreachable",
            "La base de données est inaccessible (disque ou partage réseau indisponible ?). "
            "Rien n'a été modifié.",
        )
    return StorageError("db_error", f"Erreur de la base de données : {text[:200]}")


class Database:
    """One site's database: an engine plus read and write session scopes."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._write_engine = engine.execution_options(**{_WRITE: True})

    @classmethod
    def for_path(cls, path: Path | str) -> Database:
        path = Path(path)
        return cls(make_engine(f"sqlite:///{path}"), path)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE on SQLite): commit on success, roll back on error."""
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, DBAPIError) as exc:
            log.warning("write transaction failed: %s", exc.__class__.__name__)
            raise storage_error(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, DBAPIError) as exc:
            raise storage_error(exc) from exc

    def dispose(self) -> None:
        self.engine.dispose()
