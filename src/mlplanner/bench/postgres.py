"""`python -m mlplanner.bench --engine postgresql`: the same site on a local throwaway PostgreSQL server.

The server is started as the test suite's `pg_cluster` fixture starts it (`storage.pg_local`: `initdb`
in a temporary folder, a free port on 127.0.0.1, stopped and removed after). The site reaches it the way
an IT person moves a site onto a server: `server init`, then `server import` of the generated file (every
row, verified). The same operations are then timed through the services on both engines, in one run,
and each PostgreSQL row is shown next to the SQLite median of the same operation on the same data: the
issue's budget is "within 2 × its SQLite median" (at network size, the headroom budget as well).
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from mlplanner.bench.model import Site
from mlplanner.bench.report import Budget, Row
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import StorageError
from mlplanner.services.container import Services

DBNAME = "mlplanner_bench"
SUFFIX = " [PostgreSQL]"
SQLITE_FACTOR = 2.0  # issue 12: every single-user operation within 2 × its SQLite median


@contextmanager
def local_server(note: Callable[[str], None]) -> Iterator[str]:
    """A throwaway cluster with an empty database; yields its URL, stops and removes it after."""
    from mlplanner.storage.pg_local import start_cluster, wait_until_up

    try:
        cluster = start_cluster(max_connections=50)
    except RuntimeError as exc:  # PostgreSQL not installed, or initdb refused: nothing was left behind
        raise StorageError(
            "no_local_server", f"Serveur PostgreSQL local impossible à démarrer : {exc}"
        ) from exc
    try:
        wait_until_up(cluster)
        cluster.psql(f"CREATE DATABASE {DBNAME}")
        note(f"serveur PostgreSQL local démarré (port {cluster.port}, dossier {cluster.root})")
        yield cluster.url(DBNAME)
    finally:
        cluster.stop()
        note("serveur PostgreSQL local arrêté et supprimé")


def import_site(url: str, site: Site, note: Callable[[str], None]) -> tuple[Services, float, int]:
    """`server init` + `server import` of the site file, as `mlplanner server ...` runs them; returns the
    services on the server, the seconds the import took and the rows it wrote."""
    from mlplanner.services.server.importer import ServerImport
    from mlplanner.services.server.setup import init_server

    init_server(url)
    t0 = time.perf_counter()
    sv = Services.open(url, FixedClock(site.now), site=site.code)
    try:
        report = ServerImport(sv.ctx).run(Path(site.path))
    except BaseException:
        sv.close()
        raise
    elapsed = time.perf_counter() - t0
    note(f"site importé sur le serveur en {elapsed:.1f} s : {report.summary_fr()}")
    # a server answers from fresh statistics after a bulk load (autovacuum would get there later)
    with sv.ctx.db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    return sv, elapsed, report.written


def imported_before(url: str, site: Site) -> bool:
    """Whether the database at `url` already holds this site, as `server import` left it: the site's
    code and id among the server's sites, and as many young people, appointments and workshop sessions
    as the site's file. An
    empty database answers False (then the site is imported)."""
    import sqlite3

    from sqlalchemy import create_engine, text

    from mlplanner.storage.db import server_url, storage_error

    engine = create_engine(server_url(url))
    try:
        with engine.connect() as conn:  # an unreachable server: said plainly, as the import would
            if conn.execute(text("SELECT to_regclass('appointment') IS NULL")).scalar():
                return False
            held = conn.execute(
                text("SELECT count(*) FROM site WHERE code = :c AND id = :i"),
                {"c": site.code, "i": site.site_id},
            ).scalar()
            served = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in COUNTED]
    except DBAPIError as exc:
        raise storage_error(exc) from exc
    finally:
        engine.dispose()
    with sqlite3.connect(f"file:{site.path}?mode=ro", uri=True) as lite:
        local = [lite.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED]
    return bool(held) and served == local


COUNTED = ("youth", "appointment", "workshop_session")


_RUNS = itertools.count(1)
IN_USE = "55006"  # CREATE DATABASE … TEMPLATE while someone is connected to the template
NOT_ALLOWED = "42501"  # no right to create databases: the run measures in place
COPY_ATTEMPTS = 20
COPY_PAUSE_S = 1.0


@contextmanager
def measured_copy(url: str, note: Callable[[str], None]) -> Iterator[str]:
    """A copy of the database at `url` for one run (`CREATE DATABASE … TEMPLATE`, a file copy on the
    server), dropped after: the bookings of a run do not change what the next run measures, and the
    imported database stays as imported. Yields `url` itself when the copy cannot be made (no right
    to create databases): the run then measures in place; while someone is connected to it, the copy
    is tried again (never measured in place for that), then the error is raised."""
    from sqlalchemy import create_engine, text

    from mlplanner.storage.db import server_url

    target = server_url(url)
    # a name of this run's own: two runs on the same imported database (two engineers measuring)
    # must not drop each other's copy, nor fall back to measuring in place
    name = f"{target.database}_run{os.getpid()}_{next(_RUNS)}"
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    for attempt in itertools.count(1):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(
                    text(f'CREATE DATABASE "{name}" TEMPLATE "{target.database}" STRATEGY FILE_COPY')
                )
            break
        except DBAPIError as exc:
            # someone connected to the imported database at that instant (another run checking what
            # it holds): wait and copy again; measuring in place would book into it
            if getattr(exc.orig, "sqlstate", "") == IN_USE and attempt < COPY_ATTEMPTS:
                note(f"copie de la base impossible pour l'instant ({exc.orig}) : nouvel essai")
                time.sleep(COPY_PAUSE_S)
                continue
            admin.dispose()
            if getattr(exc.orig, "sqlstate", "") != NOT_ALLOWED:
                raise
            note(f"copie de la base impossible ({exc.orig}) : mesures sur la base elle-même")
            yield url
            return
    note(f"mesures sur une copie de la base déjà importée : {name} (supprimée après)")
    try:
        yield target.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def brought_to_head(url: str, note: Callable[[str], None]) -> None:
    """The run's copy of a database imported by an earlier version, brought to this version's schema
    as `server init` brings a server's (a migration landed since the import), then vacuumed and
    analysed as an import leaves it: the imported database itself stays as it is (other runs may be
    reading it), and no 27-minute import is needed. Nothing to do at this version's schema."""
    from mlplanner.storage.db import Database
    from mlplanner.storage.migrate import head_revision, server_revision, upgrade_server

    db = Database.for_url(url)
    try:
        current, _foreign = server_revision(db)
        if current is None or current == head_revision():
            return
        t0 = time.perf_counter()
        upgrade_server(db)
        with db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        note(
            f"copie mise au schéma {head_revision()} (importée en {current}) en {time.perf_counter() - t0:.1f} s"
        )
    finally:
        db.dispose()


def next_to_sqlite(pg_rows: list[Row], sqlite_rows: list[Row], headroom: dict[str, Budget]) -> list[Row]:
    """Each PostgreSQL row gets the SQLite median of the same operation as its reference ("floor"
    column) and the budget "≤ 2 × SQLite", plus the headroom limit where one applies (network size)."""
    by_name = {r.operation: r for r in sqlite_rows}
    out = []
    for r in pg_rows:
        ref = by_name.get(r.operation)
        if ref is None:  # a server-only row (the contention row): its own budget
            r.operation += SUFFIX
            out.append(r)
            continue
        limit, texts = None, [f"≤ {SQLITE_FACTOR:g} × SQLite"]
        for prefix, budget in headroom.items():
            if r.operation.startswith(prefix):
                limit = budget.limit
                texts.insert(0, budget.text)
        r.budget = Budget(" and ".join(texts), limit=limit, factor=SQLITE_FACTOR)
        r.floor = ref.median if ref is not None else None
        r.operation += SUFFIX
        r.note = r.note.split("; floor = ")[0] + "; compared with the SQLite median of this run"
        out.append(r)
    return out
