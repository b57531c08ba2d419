"""`python -m mlplanner.bench --engine postgresql` at the smallest size: the site is moved onto a server
by `server import`, and every in-process operation is measured there next to its SQLite median of the
same run (no timing asserted). The test lends the session's cluster (`--db`): the benchmark's own
throwaway server is started the same way (`storage.pg_local`, as the `pg_cluster` fixture)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from engines import ServerDatabases

OPERATIONS = (
    "day view",
    "any counsellor",
    "by phone",
    "one keystroke",
    "slowest keystroke",
    "book one",
    "day schedule PDF",
    "sign-in sheet PDF",
)


@pytest.fixture
def empty_server_db(server_dbs: ServerDatabases) -> Iterator[str]:
    name = server_dbs.create()
    yield server_dbs.url(name)
    server_dbs.drop(name)


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "mlplanner.bench", "--size", "small", "--today", "2026-11-27", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_the_small_site_is_measured_on_postgresql_next_to_sqlite(
    empty_server_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "bench.json"
    only = "day,slots,search,book,pdf,contention"
    cache = str(tmp_path / "cache")  # the second run copies the same site again (the first marked its own)
    proc = bench(
        "--engine", "postgresql", "--db", empty_server_db, "--only", only, "--json", str(out), "--cache", cache,
        "--workers", "3", "--contention-seconds", "2",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "On PostgreSQL" in proc.stdout and "| SQLite" in proc.stdout

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["engine"] == "postgresql"
    assert data["meta"]["postgresql"]["rows_imported"] > 5000  # the whole site moved, not an empty one
    rows = {r["operation"]: r for r in data["rows"]}
    for word in OPERATIONS:
        local = [r for name, r in rows.items() if word in name and not name.endswith("[PostgreSQL]")]
        served = [r for name, r in rows.items() if word in name and name.endswith("[PostgreSQL]")]
        assert len(local) == 1 and len(served) == 1, (word, list(rows))
        (lite,), (pg,) = local, served
        assert pg["median"] > 0 and pg["pass"] in (True, False), pg
        assert pg["floor"] == lite["median"]  # the reference is SQLite's median of this run
        assert pg["budget"] == "≤ 2 × SQLite"
    book = next(r for name, r in rows.items() if "book one" in name and name.endswith("[PostgreSQL]"))
    assert "refused" not in book["note"]  # every booking went through on the server
    # three workstations raced for the same slots: some booked, and nobody is in two places at once
    race = rows["contention: 3 workstations booking for 2 s [PostgreSQL]"]
    assert race["runs"] > 0 and race["median"] > 0, race
    assert race["note"].endswith("double bookings found: 0"), race["note"]
    booked = int(race["note"].split(" booked")[0].rsplit(" ", 1)[-1])
    assert booked > 0, race["note"]
    # measured again on the same server: no second import, a copy for the run, the imported base as it was
    again = bench(
        "--engine", "postgresql", "--db", empty_server_db, "--only", "day,book", "--json", str(out), "--cache", cache
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-3000:]
    assert "site déjà importé" in again.stderr and "sur une copie" in again.stderr, again.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["postgresql"]["import_s"] is None
    assert "imported by an earlier run" in again.stdout
    assert any(
        r["operation"].startswith("book one") and r["operation"].endswith("[PostgreSQL]")
        for r in data["rows"]
    )


def test_db_without_the_postgresql_engine_is_refused_plainly(tmp_path: Path) -> None:
    proc = bench("--engine", "postgresql", "--workers", "0", "--only", "day")
    assert proc.returncode == 2 and "--workers" in proc.stderr
    proc = bench("--db", "postgresql+psycopg://x@/y", "--only", "day")
    assert proc.returncode == 2 and "--db" in proc.stderr
    proc = bench("--engine", "postgresql", "--db", str(tmp_path / "a.sqlite3"), "--only", "day")
    assert proc.returncode == 2 and "postgresql+psycopg" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_server_that_cannot_be_reached_is_said_plainly(tmp_path: Path, unused_port: int) -> None:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{unused_port}/nothing"
    proc = bench("--engine", "postgresql", "--db", url, "--only", "book", "--workdir", str(tmp_path / "w"))
    assert proc.returncode not in (0, 1), proc.stderr[-2000:]  # 1 would be a bug
    assert "Traceback" not in proc.stderr and "python -m mlplanner.bench :" in proc.stderr


@pytest.fixture
def unused_port() -> int:
    from mlplanner.storage.pg_local import free_port

    return free_port()


def test_two_runs_on_the_same_database_measure_copies_of_their_own(
    empty_server_db: str, server_dbs: ServerDatabases
) -> None:
    """Two engineers measuring the same imported database at once: each run's copy is its own (one run
    never drops the other's, nor falls back to measuring the database itself), and each is dropped."""
    from mlplanner.bench.postgres import measured_copy

    def names() -> set[str]:
        rows = server_dbs.admin().execute("SELECT datname FROM pg_database").fetchall()
        return {r[0] for r in rows}

    notes: list[str] = []
    before = names()
    with measured_copy(empty_server_db, notes.append) as first:
        with measured_copy(empty_server_db, notes.append) as second:
            assert first != second != empty_server_db and first != empty_server_db
            assert len(names() - before) == 2
        assert len(names() - before) == 1
    assert names() == before


def test_a_copy_refused_while_someone_reads_the_database_is_tried_again_never_measured_in_place(
    empty_server_db: str, server_dbs: ServerDatabases, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`CREATE DATABASE … TEMPLATE` fails while anyone is connected to the template (another run
    checking what it holds): the run waits and copies again; if it never can, it stops rather than
    book into the imported database."""
    import threading

    import psycopg

    from mlplanner.bench import postgres
    from mlplanner.storage.db import server_url

    url = server_url(empty_server_db)
    monkeypatch.setattr(postgres, "COPY_PAUSE_S", 0.2)

    def reader() -> psycopg.Connection:
        return psycopg.connect(
            host=url.query["host"], port=url.query["port"], dbname=url.database, user="postgres"
        )

    notes: list[str] = []
    held = reader()
    threading.Timer(6, held.close).start()  # longer than the 5 s CREATE DATABASE waits itself
    with postgres.measured_copy(empty_server_db, notes.append) as copy:
        assert copy != empty_server_db
    assert any("nouvel essai" in n for n in notes)

    monkeypatch.setattr(postgres, "COPY_ATTEMPTS", 1)
    with (
        reader(),
        pytest.raises(Exception, match="other users"),
        postgres.measured_copy(empty_server_db, notes.append),
    ):
        pytest.fail("measured in place")


def test_a_database_imported_by_an_earlier_version_is_measured_on_a_copy_brought_to_head(
    empty_server_db: str, server_dbs: ServerDatabases
) -> None:
    """A migration landed since the site was imported: the run's copy is brought to this version's
    schema (as `server init` would), and the imported database stays at its revision."""
    from mlplanner.bench.postgres import brought_to_head, measured_copy
    from mlplanner.storage.db import Database
    from mlplanner.storage.migrate import current_revision, head_revision, known_revisions, upgrade

    earlier = sorted(known_revisions() - {head_revision()})[-1]
    db = Database.for_url(empty_server_db)
    try:
        upgrade(db, earlier)
    finally:
        db.dispose()
    notes: list[str] = []
    with measured_copy(empty_server_db, notes.append) as copy:
        brought_to_head(copy, notes.append)
        copied = Database.for_url(copy)
        try:
            assert current_revision(copied) == head_revision()
        finally:
            copied.dispose()
        brought_to_head(copy, notes.append)  # at head: nothing more
    assert sum("mise au schéma" in n for n in notes) == 1
    db = Database.for_url(empty_server_db)
    try:
        assert current_revision(db) == earlier
    finally:
        db.dispose()
