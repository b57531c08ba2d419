"""Noticing that another workstation changed the data, and that the database can no longer be reached.

- A site file: SQLite's `PRAGMA data_version` changes when *another* connection commits to the file; a
  dedicated read-only connection reads it (a few microseconds, no table read).
- A server: every write transaction sends `pg_notify('mlplanner', <site>)` with its locks (see
  `Database.write`), delivered when it commits (never on rollback); a background thread keeps a
  connection that LISTENs and remembers what arrived. If the server goes away the thread says so and
  tries again every second; once back, it reports a change (whatever was missed meanwhile).

`check()` is cheap and never blocks: the GUI thread calls it from a timer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mlplanner.storage.db import NOTIFY_CHANNEL, Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seen:
    changed: bool  # another connection wrote since the last check
    reachable: bool  # the database answers


class ChangeWatch(Protocol):
    def check(self) -> Seen: ...

    def close(self) -> None: ...


class FileWatch:
    """`PRAGMA data_version` of a site file, on a connection of its own."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._ok = True
        try:
            self._version = self._read()
        except sqlite3.Error:
            self._ok = False

    def _read(self) -> int:
        if self._conn is None:
            if not self.path.exists():
                raise sqlite3.OperationalError("database file is missing")
            self._conn = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, timeout=1, check_same_thread=False
            )
            self._conn.isolation_level = None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def check(self) -> Seen:
        try:
            version = self._read()
        except sqlite3.Error as exc:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._ok:
                log.warning("live refresh: database unreachable: %s", exc)
            self._ok = False
            return Seen(changed=False, reachable=False)
        back = not self._ok
        changed = back or (self._version is not None and version != self._version)
        self._ok, self._version = True, version
        return Seen(changed=changed, reachable=True)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class ServerWatch:
    """LISTEN on a connection of its own, in a background thread (see the module docstring).

    `sites`: the payloads that count (the workstation's own site and "*", written by syncs, imports and
    restores); None counts every change."""

    RETRY_S = 1.0
    WAIT_S = 0.5

    def __init__(self, db: Database, sites: set[str] | None = None) -> None:
        _args, params = db.engine.dialect.create_connect_args(db.engine.url)
        self._params: dict[str, Any] = {k: v for k, v in params.items() if isinstance(v, str | int)}
        self._params.setdefault("connect_timeout", 3)
        self._sites = sites
        self._lock = threading.Lock()
        self._changed = False
        self._reachable = True
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mlplanner-listen", daemon=True)
        self._thread.start()
        self._ready.wait(5)  # the first connection (or its failure) before the first check

    def _run(self) -> None:
        import psycopg

        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(**self._params, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    with self._lock:
                        if not self._reachable:
                            log.info("live refresh: the server is back")
                        self._changed = self._changed or not first or not self._reachable
                        self._reachable = True
                    first = False
                    self._ready.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=self.WAIT_S):
                            if self._sites is None or note.payload in self._sites:
                                with self._lock:
                                    self._changed = True
                        conn.execute("SELECT 1")  # a server gone silently is noticed here too
            except psycopg.Error as exc:
                with self._lock:
                    if self._reachable:
                        log.warning("live refresh: server unreachable: %s", exc.__class__.__name__)
                    self._reachable = False
                self._ready.set()
                first = False
                self._stop.wait(self.RETRY_S)

    def check(self) -> Seen:
        with self._lock:
            seen = Seen(changed=self._changed and self._reachable, reachable=self._reachable)
            if seen.changed:
                self._changed = False
        return seen

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def watch(db: Database, sites: set[str] | None = None) -> ChangeWatch:
    """The change watch of a database: its file's data version, or its server's notifications."""
    if db.is_server:
        return ServerWatch(db, sites)
    if db.path is None:
        raise ValueError("an in-memory database has no other connection to watch")
    return FileWatch(db.path)
