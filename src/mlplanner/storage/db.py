"""Engine, sessions and the settings that make many workstations on one database safe, on both engines.

SQLite notes (measured, see ARCHITECTURE.md): with pysqlite's default transaction handling the reads of
a read-modify-write run outside any transaction and concurrent writers silently lose updates. We follow
SQLAlchemy's documented recipe: the driver is put in autocommit (`isolation_level=None`) and we emit
`BEGIN` ourselves: `BEGIN IMMEDIATE` for write sessions (the rule check and the insert of a booking then
run under the one write lock), plain deferred `BEGIN` for read sessions (a consistent snapshot in WAL).

PostgreSQL (server mode) does the same with its own tools: a write session is a READ COMMITTED transaction
that first takes a transaction-scoped advisory lock named after the site it writes for (`site_lock`), so
one site's writers follow each other exactly as on its SQLite file while other sites write in parallel;
the no-overlap rules are also enforced by exclusion constraints (see the migrations). A read session is a
REPEATABLE READ, READ ONLY transaction: one snapshot, like SQLite's deferred `BEGIN` in WAL mode. A lock
wait is bounded like SQLite's busy timeout (`lock_timeout`), and a server that goes away is reconnected
to by the pool (`pool_pre_ping`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.paths import is_server_location, location_from_text
from mlplanner.storage.snapshot_memo import note_begin

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
PAGE_CACHE_KIB = 32 * 1024  # SQLite's page cache of each connection, at most (see `_sqlite_pragmas`)
CONNECT_TIMEOUT_S = 5
_WRITE = "mlplanner_write"
# pg_advisory_xact_lock(classid, objid): the class keeps our locks apart from any other program's
LOCK_CLASS = 0x6D6C706C  # "mlpl"
GLOBAL_LOCK = "*"  # the lock of writes that belong to no site yet (schema, first site)
SERVER_SCHEMES = ("postgresql", "postgres")
SITE_PARAM = "site"  # `...?site=PARIS13` chooses the site a workstation works for (stripped before libpq)
KEYRING_SERVICE = "mlplanner"
NOTIFY_CHANNEL = "mlplanner"  # LISTEN/NOTIFY channel of the live refresh (payload: the writing site)
SLOT_TAKEN = "slot_taken"  # StorageError code of an exclusion-constraint violation (server only)
_LOCKS_HELD = "mlplanner_locks_held"  # `session.info`: the advisory lock names this transaction holds


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    with contextlib.suppress(sqlite3.OperationalError):  # read-only file: no WAL, reads still work
        cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    # SQLite's page cache per connection (filled only as pages are read; kept between transactions
    # while no other connection writes): the default 2 MB cannot hold a day view's youth and staff
    # pages on a network's 2 GB file, so each view read them again from the OS (issue 19)
    cur.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    cur.close()


def _begin(conn: Connection) -> None:
    note_begin(conn)  # what this connection had written so far (`storage.snapshot_memo`)
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _pg_session_settings(dbapi_conn: Any, _record: object) -> None:
    """Every server connection: waits on locks are bounded like SQLite's busy timeout."""
    with dbapi_conn.cursor() as cur:
        cur.execute(f"SET lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
        cur.execute("SET TIME ZONE 'UTC'")
    dbapi_conn.commit()


# --- where the database is -------------------------------------------------------------------------
def is_server_url(location: str | Path | None) -> bool:
    """Whether `location` names a PostgreSQL database (`postgresql+psycopg://...`) rather than a file."""
    if location is None or isinstance(location, Path):
        return False
    return is_server_location(str(location))


def parse_location(text: str | Path) -> Path | str:
    """A command-line or environment value: a server URL stays text, anything else is a file path."""
    return text if isinstance(text, Path) else location_from_text(text)


def server_url(text: str) -> URL:
    """The SQLAlchemy URL of a server location, always on psycopg 3, without our own `site` parameter."""
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise InputError("bad_db_url", f"Adresse de serveur illisible : « {redact(text)} ».") from exc
    if url.get_backend_name() not in SERVER_SCHEMES:
        raise InputError("bad_db_url", f"Adresse de serveur illisible : « {redact(text)} ».")
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif url.drivername != "postgresql+psycopg":
        raise InputError(
            "bad_db_url",
            f"Pilote « {url.drivername} » non pris en charge : utilisez postgresql+psycopg://…",
        )
    return url.difference_update_query([SITE_PARAM])


def site_in_url(text: str) -> str | None:
    """The `site=` parameter of a server URL (the site this workstation works for), if any."""
    with contextlib.suppress(ArgumentError):
        value = make_url(text).query.get(SITE_PARAM)
        if isinstance(value, tuple):
            value = value[-1]
        return value.strip().upper() if value else None
    return None


def redact(text: str | Path) -> str:
    """A location fit for messages and logs: a server URL loses its password."""
    if not is_server_url(text):
        return str(text)
    try:
        return make_url(str(text)).render_as_string(hide_password=True)
    except ArgumentError:
        return "postgresql://…"


def _keyring_password(url: URL) -> str | None:
    """A password kept in the operating system's keyring for this server and user (see `store_password`)."""
    if url.password or os.environ.get("PGPASSWORD") or os.environ.get("MLPLANNER_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except (KeyringError, RuntimeError, OSError) as exc:
        log.info("no keyring available: %s", exc.__class__.__name__)
        return None


def keyring_key(url: URL) -> str:
    """The keyring entry of a server URL: `user@host:port/database` (no password, no options)."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[-1]
    return f"{url.username or ''}@{host}:{url.port or url.query.get('port') or 5432}/{url.database or ''}"


def make_engine(url: str) -> Engine:
    """An engine for a SQLite file URL (`sqlite:///...`) or a PostgreSQL server URL."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            poolclass=NullPool if url in ("sqlite://", "sqlite:///:memory:") else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    target = server_url(url)
    connect_args: dict[str, Any] = {"application_name": "mlplanner"}
    if "connect_timeout" not in target.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    password = _keyring_password(target)
    if password:  # kept in the engine's URL (in memory, hidden in its text), like a password typed in it
        target = target.set(password=password)
    engine = create_engine(target, pool_pre_ping=True, pool_size=3, max_overflow=5, connect_args=connect_args)
    event.listen(engine, "connect", _pg_session_settings)
    return engine


# --- errors ------------------------------------------------------------------------------------------
def _sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return str(getattr(orig, "sqlstate", "") or "")


def storage_error(exc: BaseException) -> StorageError:
    """Translate a driver error into a sentence a receptionist can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    state = _sqlstate(exc)
    if state == "23P01":  # an exclusion constraint: another workstation took the slot first
        return StorageError(
            SLOT_TAKEN,
            "Ce créneau vient d'être pris sur un autre poste : choisissez-en un autre. Rien n'a été modifié.",
        )
    if state in ("55P03", "40P01", "40001") or "lock timeout" in text:
        return StorageError(
            "db_locked",
            "La base de données est occupée par un autre poste depuis trop longtemps ; "
            "réessayez dans un instant. Rien n'a été modifié.",
        )
    if "no password supplied" in text:
        return StorageError(
            "db_no_password",
            "Le serveur de base de données demande un mot de passe et ce poste n'en a aucun : "
            "« mlplanner server password --db … » le range dans le trousseau du système (ou fichier "
            "pgpass, variable PGPASSWORD ; voir « Mode serveur » dans le README). Rien n'a été modifié.",
        )
    if state == "28P01" or state == "28000" or "password authentication failed" in text:
        return StorageError(
            "db_auth",
            "Le serveur de base de données refuse la connexion (utilisateur ou mot de passe) : "
            "voir la section « Mode serveur » du README.",
        )
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return StorageError(
            "db_missing",
            "La base de données n'existe pas sur le serveur : l'informaticien la crée, puis lance "
            "« mlplanner server init ».",
        )
    if state == "42501" or "permission denied" in text:
        return StorageError(
            "db_denied",
            "Le serveur refuse cette opération à ce compte (droits insuffisants). Rien n'a été modifié.",
        )
    if "ssl" in text:
        return StorageError(
            "db_ssl",
            f"Connexion chiffrée impossible avec le serveur (réglage sslmode) : {text[:160]}",
        )
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
    if state.startswith("08") or state in ("57P01", "57P02", "57P03") or _connection_words(text):
        return StorageError(
            "db_unreachable",
            "Le serveur de base de données est injoignable (réseau ou serveur arrêté ?). "
            "Rien n'a été modifié ; réessayez dans un instant.",
        )
    return StorageError("db_error", f"Erreur de la base de données : {text[:200]}")


def _connection_words(text: str) -> bool:
    return any(
        w in text
        for w in (
            "connection refused",
            "could not connect",
            "connection failed",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "the connection is lost",
            "no such file or directory",
            "timeout expired",
            "could not translate host name",
            "name or service not known",
            "consuming input failed",
        )
    )


# --- the database --------------------------------------------------------------------------------
class WriteGate:
    """Writes held while the file's start-up check runs, refused if it found the file damaged.

    The app checks the file once its day is on screen (reading a file of several gigabytes takes
    seconds the day view must not wait for, issue 19); from then on a write waits for the verdict, so
    nothing is written into a damaged file before the person is told. Open by default (CLI, tests,
    server tools run their own check first)."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._done.set()
        self._error: StorageError | None = None
        self._retired: StorageError | None = None
        self._waiter: tuple[int, Callable[[Callable[[], bool]], None]] | None = None

    def wait_here_with(self, waiter: Callable[[Callable[[], bool]], None]) -> None:
        """How a write made on *this* thread waits for the verdict: `waiter(done)` returns once
        `done()` is true. The app's GUI thread passes one that keeps the window alive and says why
        the save waits (a check of a 2 GB file takes seconds); other threads simply block."""
        self._waiter = (threading.get_ident(), waiter)

    @property
    def held(self) -> bool:
        return not self._done.is_set()

    @property
    def refusal(self) -> StorageError | None:
        """The start-up check's verdict on a damaged file (a restore is the way out of it)."""
        return self._error

    @property
    def retired(self) -> StorageError | None:
        """Set for the file's whole life: a restore does not lift it either."""
        return self._retired

    def retire(self, refusal: StorageError) -> None:
        """Every write refused with `refusal` for as long as the file is open, whatever a check says:
        a site file whose site moved to a server (`MOVED_KEY`) must not drift from it."""
        self._retired = refusal

    def hold(self) -> None:
        """Writes wait from now on (until `open`)."""
        self._error = None
        self._done.clear()

    def open(self, refusal: StorageError | None = None) -> None:
        """The verdict: writes go on, or (`refusal`) each one is refused with it."""
        self._error = refusal
        self._done.set()

    def wait(self) -> None:
        """Before a write: wait for the verdict; raise the refusal of a damaged file."""
        if self._retired is not None:
            raise self._retired
        waiter = self._waiter
        if not self._done.is_set() and waiter is not None and waiter[0] == threading.get_ident():
            waiter[1](self._done.is_set)
        self._done.wait()
        if self._error is not None:
            raise self._error


class Database:
    """One database: an engine plus read and write session scopes.

    `path` is the SQLite file (None on a server); `url` the server's address (None for a file).
    `site_lock` names the lock a server write session takes (the site this process writes for).
    """

    def __init__(self, engine: Engine, path: Path | None = None, *, url: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self.url = url
        self.site_lock: str = GLOBAL_LOCK
        self.is_server = engine.dialect.name == "postgresql"
        self.writes = WriteGate()  # held by the app while its start-up check runs
        self._write_engine = engine.execution_options(**{_WRITE: True})
        self._read_engine = (
            engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            if self.is_server
            else engine
        )

    @classmethod
    def for_path(cls, path: Path | str) -> Database:
        path = Path(path)
        return cls(make_engine(f"sqlite:///{path}"), path)

    @classmethod
    def for_url(cls, url: str) -> Database:
        return cls(make_engine(url), None, url=url)

    @classmethod
    def for_location(cls, location: Path | str) -> Database:
        return cls.for_url(str(location)) if is_server_url(location) else cls.for_path(location)

    @property
    def location(self) -> Path | str:
        """Where the data lives, as `open_database` and `--db` take it (a file path, or the server URL)."""
        return self.path if self.path is not None else str(self.url)

    @property
    def where(self) -> str:
        """Where the data lives, for messages and logs (a server URL without its password)."""
        return str(self.path) if self.path is not None else redact(self.url or "")

    @contextmanager
    def write(
        self, *, lock: str | Sequence[str] | None = None, then: Sequence[str] = ()
    ) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on error.

        SQLite: BEGIN IMMEDIATE (the file's one write lock). Server: the advisory lock of `lock` (default:
        this process's site; several names are taken in sorted order), held until the transaction ends;
        `then`: names the transaction would lock first thing with `lock_names` (a young person), taken
        right after the site's, in sorted order (what `lock_names` does, in the same round trip)."""
        names = [lock or self.site_lock] if lock is None or isinstance(lock, str) else sorted(set(lock))
        self.writes.wait()
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                if self.is_server:
                    after = sorted(set(then) - set(names))
                    # one round trip: the locks, in this order (a target list is evaluated left to
                    # right), and the live refresh's notice, queued now, delivered at commit (not at
                    # all on rollback)
                    keys = {f"k{i}": key for i, key in enumerate([*names, *after])}
                    calls = ", ".join(f"pg_advisory_xact_lock(%(cls)s, hashtext(%({k})s))" for k in keys)
                    session.connection().exec_driver_sql(
                        f"SELECT {calls}, pg_notify(%(channel)s, %(site)s)",
                        {
                            "cls": LOCK_CLASS,
                            **keys,
                            "channel": NOTIFY_CHANNEL,
                            "site": names[0] if len(names) == 1 else GLOBAL_LOCK,
                        },
                    )
                    session.info[_LOCKS_HELD] = set(keys.values())
                yield session
        except (OperationalError, DBAPIError) as exc:
            log.warning("write transaction failed: %s", exc.__class__.__name__)
            raise storage_error(exc) from exc

    @contextmanager
    def quiet_read(self, *, lock: str) -> Iterator[Session]:
        """Reads while no writer of `lock` (a site) is in flight: on a server, its lock, held while
        reading (each statement then sees everything committed); on SQLite, a plain read snapshot
        (writers of a file are serialized anyway). The sync export reads this way (see its module)."""
        if self.is_server:
            with self.write(lock=lock) as session:
                yield session
        else:
            with self.read() as session:
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self._read_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, DBAPIError) as exc:
            raise storage_error(exc) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def lock_names(session: Session, *keys: str) -> None:
    """Serialize with other writers on these names (a youth booked at two sites at once...): advisory
    transaction locks on a server, taken in sorted order (no deadlock); nothing on SQLite, where the
    write transaction already holds the file's only write lock."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return
    held: set[str] = session.info.setdefault(_LOCKS_HELD, set())
    for key in sorted(set(keys) - held):  # a name held already (`Database.write`'s `then`) is not asked again
        conn.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%(cls)s, hashtext(%(key)s))", {"cls": LOCK_CLASS, "key": key}
        )
        held.add(key)


def defer_foreign_keys(conn: Connection) -> None:
    """Check foreign keys at commit rather than per statement, for the rest of this transaction (a
    bulk write whose rows refer to each other). SQLite: `defer_foreign_keys`; PostgreSQL: deferrable
    constraints are deferred (ours are not: rows are written parents first, and checked at once)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


def youth_lock(youth_id: str) -> str:
    """The lock name of a young person (booked or registered by any site of a server)."""
    return f"youth:{youth_id}"


def session_lock(session_id: str) -> str:
    """The lock name of a workshop session (its seats and waiting list)."""
    return f"session:{session_id}"
