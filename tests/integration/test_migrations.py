"""Opening a site file: new → head; older → backup then upgrade in place; newer, foreign, corrupt → refused
and left byte-identical; read-only and locked files → a clear French message, nothing changed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import StorageError
from mlplanner.services.container import Services
from mlplanner.storage import db as dbmod
from mlplanner.storage.db import PAGE_CACHE_KIB, Database
from mlplanner.storage.migrate import current_revision, head_revision, open_database, upgrade

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_a_new_file_gets_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    db = open_database(path)
    try:
        assert current_revision(db) == head_revision()
        conn = sqlite3.connect(path)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"site", "room", "staff", "youth", "appointment", "audit_entry", "alembic_version"} <= tables
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
        with db.read() as session:  # the app's own connections keep more pages than SQLite's 2 MB
            size = session.connection().exec_driver_sql("PRAGMA cache_size").scalar()
            assert size == -PAGE_CACHE_KIB and PAGE_CACHE_KIB >= 16 * 1024
    finally:
        db.dispose()
    assert not (tmp_path / "sub" / "backups").exists()  # nothing to back up
    db = open_database(path)  # opening again at head changes nothing
    db.dispose()
    assert not (tmp_path / "sub" / "backups").exists()


def test_the_revisions_read_without_alembic_are_alembics() -> None:
    """Start-up reads the revisions from the versions folder; Alembic must agree on head and history."""
    from alembic.script import ScriptDirectory

    from mlplanner.storage.migrate import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {rev.revision for rev in scripts.walk_revisions()}


def test_opening_a_file_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    """Alembic (~0.15 s of imports) is loaded only when a migration is due, not at every start."""
    path = tmp_path / "site.sqlite3"
    open_database(path).dispose()
    code = (
        "import sys; from mlplanner.storage.migrate import open_database; "
        f"open_database({str(path)!r}).dispose(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def make_revision_0001(path: Path) -> dict[str, str]:
    """A file as the first version of mlplanner left it, with a site, a youth and an appointment."""
    db = Database.for_path(path)
    upgrade(db, "0001")
    db.dispose()
    ids = {"site": "s-1", "staff": "c-1", "youth": "y-1", "type": "t-1", "room": "r-1", "appt": "a-1"}
    now = "2026-01-05 07:00:00.000000"
    synced = f"'{now}', 'OLD', '000000000000001.00000.OLD', 0"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('site_code', 'OLD')")
        conn.execute(
            "INSERT INTO site (id, updated_at, origin_site, hlc, deleted, code, name, address, phone, timezone, "
            f"holiday_subdivision, opening_hours) VALUES ('s-1', {synced}, 'OLD', 'Ancien site', '', '', "
            """'Europe/Paris', NULL, '{"1": [["09:00", "17:00"]]}')"""
        )
        conn.execute(
            "INSERT INTO room (id, updated_at, origin_site, hlc, deleted, site_id, name, kind, capacity, accessible, "
            f"active) VALUES ('r-1', {synced}, 's-1', 'Bureau A', 'office', 3, 1, 1)"
        )
        conn.execute(
            "INSERT INTO staff (id, updated_at, origin_site, hlc, deleted, site_id, first_name, last_name, role, "
            f"""working_pattern, default_room_id, active) VALUES ('c-1', {synced}, 's-1', 'Anne', 'Roy', 'counsellor',
            '{{"1": [["09:00", "17:00"]]}}', 'r-1', 1)"""
        )
        conn.execute(
            "INSERT INTO youth (id, updated_at, origin_site, hlc, deleted, site_id, first_name, last_name, "
            "birth_date, phone, phone_digits, email, external_id, referent_id, programme, sms_consent, "
            "needs_accessible_room, fold_name, created_at) "
            f"VALUES ('y-1', {synced}, 's-1', 'Zoé', 'Bézier', '2005-02-03', '06 11 22 33 44', '0611223344', '', "
            f"'', 'c-1', 'CEJ', 1, 0, 'bezier zoe', '{now}')"
        )
        conn.execute(
            "INSERT INTO appointment_type (id, updated_at, origin_site, hlc, deleted, code, label, duration_min, "
            f"buffer_min, colour, needs_room, mode, active) VALUES ('t-1', {synced}, 'SUIVI', 'Suivi', 30, 0, "
            "'#4A90D9', 1, 'on_site', 1)"
        )
        conn.execute(
            "INSERT INTO appointment (id, updated_at, origin_site, hlc, deleted, site_id, youth_id, counsellor_id, "
            'room_id, type_id, start, "end", buffer_min, mode, status, cancel_reason, referred_by, notes, '
            "forced_reason, created_by, created_at, updated_by) VALUES ('a-1', "
            f"{synced}, 's-1', 'y-1', 'c-1', 'r-1', 't-1', '2026-01-06 10:00:00.000000', "
            "'2026-01-06 10:30:00.000000', 0, 'on_site', 'booked', '', '', 'notes', '', '', "
            f"'{now}', '')"
        )
    conn.close()
    return ids


def test_an_older_file_is_backed_up_then_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    make_revision_0001(path)
    if head_revision() == "0001":
        pytest.skip("no migration after 0001 yet")
    before_rows = sqlite3.connect(path).execute("SELECT id, start, status FROM appointment").fetchall()
    sv = Services.for_database(open_database(path), FixedClock())
    try:
        assert current_revision(sv.ctx.db) == head_revision()
        backups = list((tmp_path / "backups").iterdir())
        assert len(backups) == 1 and backups[0].suffix == ".sqlite3"
        assert f"before-{head_revision()}" in backups[0].name
        old = sqlite3.connect(backups[0])  # the backup is the untouched old version
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT id, start, status FROM appointment").fetchall() == before_rows
        old.close()
        # the data survived and the services can use it
        a = sv.booking.get("a-1")
        assert (a.youth_name, a.counsellor_name, a.start, a.room_name) == (
            "BÉZIER Zoé",
            "Anne Roy",
            wall("2026-01-06 10:00"),
            "Bureau A",
        )
        assert sv.youths.get("y-1").phone == "06 11 22 33 44"
        assert sv.directory.site().code == "OLD"
    finally:
        sv.close()


def test_an_older_file_with_a_site_is_marked_as_the_demo_it_was(tmp_path: Path) -> None:
    """Before real sites existed, every file with a site came from the demo generator (PIN 1234)."""
    old, empty = tmp_path / "old.sqlite3", tmp_path / "empty.sqlite3"
    make_revision_0001(old)
    db = Database.for_path(empty)
    upgrade(db, "0001")
    db.dispose()
    for path, demo in ((old, True), (empty, False)):
        sv = Services.for_database(open_database(path), FixedClock())
        try:
            with sv.ctx.read() as s:
                assert sv.ctx.is_demo(s) is demo
            assert sv.ctx.has_site() is demo
        finally:
            sv.close()


def test_a_file_from_a_newer_version_is_refused_and_left_intact(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.close()
    before, files = digest(path), siblings(path)
    with pytest.raises(StorageError) as err:
        open_database(path)
    assert err.value.code == "db_too_new"
    assert "version plus récente" in err.value.message and "laissé intact" in err.value.message
    assert digest(path) == before
    # no backup; SQLite's read-only look may leave an empty -wal/-shm pair (part of its WAL protocol)
    assert siblings(path) - {"site.sqlite3-wal", "site.sqlite3-shm"} == files
    wal = path.with_name("site.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_sqlite_file_of_another_program_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "compta.sqlite3"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE factures (id INTEGER PRIMARY KEY, montant REAL)")
        conn.execute("INSERT INTO factures (montant) VALUES (12.5)")
    conn.close()
    before = digest(path)
    with pytest.raises(StorageError) as err:
        open_database(path)
    assert err.value.code == "db_foreign"
    assert "autre logiciel" in err.value.message
    assert digest(path) == before and siblings(path) == {"compta.sqlite3"}


@pytest.mark.parametrize(
    "content",
    [
        b"Nom;Prenom\nDupont;Lou\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"SQLite format 2\x00" + b"\x00" * 200,
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "jeunes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StorageError) as err:
        open_database(path)
    assert err.value.code == "db_foreign"
    assert "n'est pas une base de données mlplanner" in err.value.message
    assert path.read_bytes() == content and siblings(path) == {"jeunes.sqlite3"}


def test_a_corrupt_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    open_database(path).dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page is garbage, the header is still SQLite's
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as err:
        open_database(path)
    assert err.value.code in ("db_corrupt", "db_foreign")
    assert "endommagé" in err.value.message or "n'est pas" in err.value.message
    assert path.read_bytes() == bytes(data)


@contextlib.contextmanager
def read_only(path: Path):
    """Make `path` read-only even for root (immutable attribute), or skip if the OS cannot."""
    os.chmod(path, 0o444)
    immutable = False
    if os.geteuid() == 0:
        r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if r.returncode != 0:
            os.chmod(path, 0o644)
            pytest.skip("root cannot make a file read-only here (no chattr)")
        immutable = True
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, 0o644)


def test_a_read_only_file_gives_a_clear_message(site: TestSite, db_path: Path) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    site.services.close()
    before = digest(db_path)
    with read_only(db_path):
        sv = Services.open(db_path, clock=site.clock)
        try:
            assert sv.booking.get(a.id).youth_name == "KONÉ Kévin"  # reading still works
            with pytest.raises(StorageError) as err:
                sv.booking.book(
                    actor=site.receptionist,
                    youth_id=site.youths["eloise"].id,
                    type_code="SUIVI",
                    start=wall("2026-01-06 11:00"),
                )
            assert err.value.code == "db_readonly"
            assert err.value.message == (
                "Le fichier de la base de données est en lecture seule : aucune modification n'est possible."
            )
        finally:
            sv.close()
        assert digest(db_path) == before


def test_a_database_locked_by_another_writer_gives_the_occupied_message(
    site: TestSite, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.services.close()
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another workstation holds the write lock
    other.execute("UPDATE meta SET value = value")
    sv = Services.open(db_path, clock=site.clock)
    try:
        assert sv.youths.search("kevin")  # readers are not blocked (WAL)
        t0 = time.monotonic()
        with pytest.raises(StorageError) as err:
            sv.booking.book(
                actor=site.receptionist,
                youth_id=site.youths["eloise"].id,
                type_code="SUIVI",
                start=wall("2026-01-06 11:00"),
            )
        waited = time.monotonic() - t0
        assert err.value.code == "db_locked"
        assert (
            "occupée par un autre poste" in err.value.message and "Rien n'a été modifié" in err.value.message
        )
        assert 0.25 <= waited < 5  # it waited for the busy timeout, then gave up
        other.execute("ROLLBACK")
        assert sv.booking.between(wall("2026-01-06 00:00").date(), wall("2026-01-06 00:00").date()) == []
        # once the other writer is done, the same booking goes through
        ok = sv.booking.book(
            actor=site.receptionist,
            youth_id=site.youths["eloise"].id,
            type_code="SUIVI",
            start=wall("2026-01-06 11:00"),
        )
        assert ok.appointment.status.value == "booked"
    finally:
        other.close()
        sv.close()


def test_the_migrations_build_exactly_the_tables_of_the_code(tmp_path: Path) -> None:
    """Every revision together gives the schema the models declare (a column or table added to a model
    without its migration, or the reverse, shows here)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import mlplanner.storage.all_tables  # noqa: F401  (every table on the metadata, whatever ran before)

    db = open_database(tmp_path / "head.sqlite3")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        db.dispose()
