"""Both engines for the tests: site files (SQLite) and databases on a throwaway PostgreSQL cluster.

A test that uses the `engine` fixture (directly, or through `services`, `site`, `demo`, the sync and
ops fixtures) runs twice: `[sqlite]` on a file in its `tmp_path`, `[postgresql]` on a database of its
own. Data every test starts from (an empty migrated base, the small site, the demo) is built once per
session and engine as a *template*, then copied per test: `backup_file` for a file, `CREATE DATABASE …
TEMPLATE … STRATEGY FILE_COPY` on the server (the cluster lives in /dev/shm: ~0.1 s a copy).

`Locations` hands out those copies: a `Path` for SQLite, a server URL (text) for PostgreSQL; both are
what `Services.open`, `--db` and `MLPLANNER_DB` accept.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from mlplanner.storage.backup import backup_file
from mlplanner.storage.pg_local import SUPERUSER, LocalCluster

ENGINES = ("sqlite", "postgresql")
Location = Path | str


class ServerDatabases:
    """Databases on the session's cluster: templates built once, copies per test, dropped after."""

    def __init__(self, cluster: LocalCluster) -> None:
        self.cluster = cluster
        self._n = itertools.count(1)
        self._lock = threading.Lock()
        self._admin: psycopg.Connection[Any] | None = None

    def admin(self) -> psycopg.Connection[Any]:
        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=str(self.cluster.socket_dir),
                port=self.cluster.port,
                user=SUPERUSER,
                dbname="postgres",
                autocommit=True,
            )
        return self._admin

    def url(self, name: str) -> str:
        return self.cluster.url(name)

    def create(self, *, template: str | None = None, prefix: str = "t") -> str:
        """A new database (empty, or a copy of `template`); returns its name."""
        with self._lock:
            name = f"{prefix}{next(self._n)}"
            if template:
                self.admin().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
            else:
                self.admin().execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop(self, name: str) -> None:
        with self._lock:
            self.admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()


class Templates:
    """Per engine and name, a template built once by `build(location)`; `copy` gives a private copy."""

    def __init__(self, root: Path, servers: Callable[[], ServerDatabases]) -> None:
        self.root = root
        self._servers = servers
        self._built: dict[tuple[str, str], tuple[str | Path, Any]] = {}

    def get(self, engine: str, name: str, build: Callable[[Location], Any]) -> tuple[Location, Any]:
        """(template location, what `build` returned), building it on first use."""
        key = (engine, name)
        if key not in self._built:
            if engine == "sqlite":
                path = self.root / f"{name}.sqlite3"
                self._built[key] = (path, build(path))
            else:
                servers = self._servers()
                db = servers.create(prefix=f"tpl_{name}_")
                self._built[key] = (db, build(servers.url(db)))
                # a template must have no open connection when it is copied: `build` closed its own
        return self._location(engine, key), self._built[key][1]

    def _location(self, engine: str, key: tuple[str, str]) -> Location:
        where = self._built[key][0]
        return where if engine == "sqlite" else self._servers().url(str(where))

    def copy(self, engine: str, name: str, dest: Path) -> Location:
        """A private copy of a built template: `dest` (a file path) on SQLite, a new database on the server."""
        where = self._built[(engine, name)][0]
        if engine == "sqlite":
            return backup_file(Path(where), dest)
        servers = self._servers()
        return servers.url(servers.create(template=str(where)))

    def drop(self, location: Location) -> None:
        """Drop a server copy (a file copy goes with its temporary folder)."""
        if isinstance(location, str):
            self._servers().drop(database_name(location))


def database_name(url: str) -> str:
    """The database of a server URL made by `LocalCluster.url`."""
    return url.rsplit("/", 1)[1].split("?", 1)[0]


def private_copy(request: Any, templates: Templates, engine: str, name: str, dest: Path) -> Location:
    """A copy of a built template for this test (`request`: the fixture's), dropped when the test ends."""
    location = templates.copy(engine, name, dest)
    request.addfinalizer(lambda: templates.drop(location))
    return location
