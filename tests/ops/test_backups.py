"""Backups: online copies under load, rotation, daily copy, restore, integrity checks; on both engines (a
site file through SQLite's backup API, a server database through pg_dump)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError, NotFound, PermissionDenied, RuleViolation, StorageError
from mlplanner.services.backups import BEFORE_RESTORE, DAILY, KEEP_SETTINGS, MANUAL
from mlplanner.storage import backup as store
from mlplanner.storage import pg_backup
from mlplanner.storage.tables import Appointment, AuditEntry

from .conftest import Site

WRITER = textwrap.dedent(
    """
    import sys
    from mlplanner.storage.db import Database
    from mlplanner.storage.tables import Meta

    db = Database.for_location(sys.argv[1])
    i = 0
    while True:
        with db.write() as s:  # one transaction: a new row and the counter that counts it
            s.add(Meta(key=f"load.{i}", value="x" * 200))
            counter = s.get(Meta, "load.count") or Meta(key="load.count", value="0")
            counter.value = str(int(counter.value) + 1)
            s.add(counter)
        i += 1
        if i == 20:
            print("writing", flush=True)
    """
)


def _lock_holder(db: Path | str, home: Path) -> subprocess.Popen:
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from mlplanner.instance_lock import acquire_instance_lock
        lock = acquire_instance_lock({str(db)!r})
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    env = {**os.environ, "XDG_DATA_HOME": str(home), "LOCALAPPDATA": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _meta_of(site: Site, copy: Path) -> dict[str, str]:
    """The `meta` table of a backup, read from the copy itself."""
    if site.on_server:
        return {r["key"]: r["value"] or "" for r in pg_backup.table_rows(copy, "meta")}
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())
    finally:
        conn.close()


def _summary(site: Site, copy: Path) -> store.FileSummary:
    return pg_backup.read_summary(copy) if site.on_server else store.read_summary(copy)


@pytest.mark.slow
def test_backup_while_another_process_writes_is_consistent(site: Site, tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(site.location)], stdout=subprocess.PIPE, text=True
    )
    suffix = site.services.backups.suffix
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        copies = []
        for n in range(5):
            copies.append(site.services.backups.backup_now(MANUAL, out=tmp_path / f"copie-{n}{suffix}").path)
        assert writer.poll() is None, "the writer must still be running while the copies are taken"
    finally:
        writer.kill()
        writer.wait()
    counts = []
    for copy in copies:
        if not site.on_server:
            assert store.integrity_problems(copy) == []
            assert not Path(f"{copy}-wal").exists()  # self-contained
        meta = _meta_of(site, copy)
        rows = sum(1 for k in meta if k.startswith("load.") and k != "load.count")
        counter = int(meta["load.count"])
        assert rows == counter  # every committed transaction whole, none half
        counts.append(counter)
        assert _summary(site, copy).youths == 40  # reads as an mlplanner backup
    assert counts == sorted(counts) and counts[-1] > counts[0]  # copies taken during the writes


def test_backup_files_are_private_and_named_by_kind(site: Site, user_dirs: Path) -> None:
    info = site.services.backups.backup_now(MANUAL)
    if site.on_server:  # this machine's data folder, one sub-folder per server database
        assert info.path.parent.parent == user_dirs / "mlplanner" / "backups"
        name = str(site.location).rsplit("/", 1)[1].split("?")[0]
        assert info.path.name == f"{name}-manual-20270301-080000.dump"
        port = site.cluster.port if site.cluster else None  # over a socket the port is in the query
        assert info.path.parent.name.endswith(f"-{port}-{name}")  # two clusters on one machine apart
    else:
        assert info.path.parent == site.path.parent / "backups"
        assert info.path.name == "site-manual-20270301-080000.sqlite3"
    second = site.services.backups.backup_now(MANUAL)  # same second: a distinct file
    assert second.path != info.path and second.path.exists() and info.path.exists()
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o777 == 0o600
        assert info.path.parent.stat().st_mode & 0o777 == 0o700
    assert [b.tag for b in site.services.backups.list_backups()] == [MANUAL, MANUAL]


def test_daily_backup_once_per_day_and_rotation_keeps_fourteen(site: Site) -> None:
    backups = site.services.backups
    assert backups.daily_backup_if_due() is not None
    assert backups.daily_backup_if_due() is None  # second open of the day
    for _ in range(16):
        site.clock.advance(timedelta(days=1))
        assert backups.daily_backup_if_due() is not None
    daily = [b for b in backups.list_backups() if b.tag == DAILY]
    assert len(daily) == 14
    assert daily[0].taken_at == site.clock.now_utc()  # the newest kept, the oldest gone
    site.services.settings.set_int(actor=site.lead, setting=KEEP_SETTINGS[DAILY], value=3)
    backups.rotate()
    assert len([b for b in backups.list_backups() if b.tag == DAILY]) == 3


def test_migration_backups_are_never_rotated(site: Site) -> None:
    backups = site.services.backups
    name = store.backup_name(backups.db_path, "before-0002", site.clock.now_utc(), backups.suffix)
    backups.folder.mkdir(parents=True, exist_ok=True)
    backups._copy(backups.folder / name)
    for _ in range(25):
        site.services.backups.backup_now(MANUAL)
    tags = [b.tag for b in site.services.backups.list_backups()]
    assert tags.count("before-0002") == 1 and tags.count(MANUAL) == 10


def _an_appointment(site: Site) -> str:
    with site.services.ctx.read() as s:
        return s.exec(select(Appointment.id).where(Appointment.deleted == False)).scalars().first()


def test_restore_brings_back_a_deleted_appointment(site: Site) -> None:
    appt_id = _an_appointment(site)
    before = site.services.booking.get(appt_id)
    copy = site.services.backups.backup_now(MANUAL)
    with site.services.ctx.write() as s:  # deleted by mistake (or by a bad sync)
        row = s.get(Appointment, appt_id)
        row.deleted = True
        s.add(row)
    with pytest.raises(NotFound):
        site.services.booking.get(appt_id)

    preview = site.services.backups.preview(copy.path)
    assert preview.restorable and preview.youths == 40 and preview.site_code == "PARIS13"
    result = site.services.backups.restore(actor=site.lead, path=copy.path)

    assert site.services.booking.get(appt_id) == before
    assert result.safety_copy.tag == BEFORE_RESTORE and result.safety_copy.path.exists()
    assert site.services.backups.integrity_problems() == []
    with site.services.ctx.read() as s:
        actions = s.exec(select(AuditEntry.action)).scalars().all()
    assert "restore" in actions
    # Another connection (a second window, another workstation) sees the restored data too.
    site.reopen()
    assert site.services.booking.get(appt_id) == before


def test_restore_is_refused_while_another_instance_holds_the_lock(site: Site, user_dirs: Path) -> None:
    copy = site.services.backups.backup_now(MANUAL)
    holder = _lock_holder(site.location, user_dirs)
    try:
        with pytest.raises(RuleViolation) as err:
            site.services.backups.restore(actor=site.lead, path=copy.path)
        assert err.value.code == "instance_busy"
        assert "déjà ouvert" in err.value.message
    finally:
        holder.communicate("")
    assert [b.tag for b in site.services.backups.list_backups()] == [MANUAL]  # nothing was touched
    site.services.backups.restore(actor=site.lead, path=copy.path)  # lock released with the process


def test_restore_needs_a_site_lead_and_a_good_file(site: Site, tmp_path: Path) -> None:
    copy = site.services.backups.backup_now(MANUAL)
    with pytest.raises(PermissionDenied):
        site.services.backups.restore(actor=site.actor(Role.RECEPTIONIST), path=copy.path)
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"pas une base" * 100)
    with pytest.raises(InputError):
        site.services.backups.restore(actor=site.lead, path=junk)
    other = tmp_path / "autre.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    preview = site.services.backups.preview(other)
    assert not preview.restorable and "pas une sauvegarde" in preview.problems[0]


@pytest.mark.sqlite_only  # a damaged file; a server checks its own pages
def test_startup_refuses_a_damaged_file_and_names_the_last_backup(site: Site) -> None:
    site.services.backups.backup_now(MANUAL)
    site.services.close()
    size = site.path.stat().st_size
    with site.path.open("r+b") as fh:  # scribble over the middle pages, keep the header
        fh.seek(size // 2)
        fh.write(os.urandom(size // 4))
    site.reopen()
    with pytest.raises(StorageError) as err:
        site.services.backups.startup()
    assert err.value.code == "db_corrupt" and "site-manual-" in err.value.message


def test_startup_takes_the_daily_copy_and_protects_the_file(site: Site) -> None:
    report = site.services.backups.startup()
    if site.on_server:  # the nightly dump is the IT person's job, not each workstation's
        assert report.integrity_ok and report.daily_backup is None
        return
    assert report.integrity_ok and report.daily_backup is not None
    if os.name == "posix":
        assert site.path.stat().st_mode & 0o777 == 0o600


def test_a_new_database_file_is_private(tmp_path: Path) -> None:
    from mlplanner.services.container import Services

    path = tmp_path / "neuf" / "site.sqlite3"
    services = Services.open(path)
    try:
        with services.ctx.db.write() as s:  # a write creates the -wal file next to it
            s.add(AuditEntry(action="test", entity="test"))
        if os.name == "posix":
            assert path.stat().st_mode & 0o777 == 0o600
            assert Path(f"{path}-wal").stat().st_mode & 0o777 == 0o600
    finally:
        services.close()


@pytest.mark.sqlite_only  # a damaged file; a server checks its own pages
def test_a_damaged_file_refuses_held_writes_until_a_restore(site: Site) -> None:
    """The app checks the file once its day is shown and holds writes meanwhile (issue 19): a damaged
    file then refuses each write with the damaged-file message, takes no daily copy, and the restore
    (the way out) still goes through, after which writes do too."""
    from mlplanner.ui.shell.guard import check_and_back_up

    good = site.services.backups.backup_now(MANUAL)
    site.services.close()
    size = site.path.stat().st_size
    with site.path.open("r+b") as fh:  # scribble over the middle pages, keep the header
        fh.seek(size // 2)
        fh.write(os.urandom(size // 4))
    site.reopen()
    gate = site.services.ctx.db.writes
    gate.hold()
    copies: list[bool] = []
    damaged = check_and_back_up(site.services, copies.append)
    assert damaged is not None and damaged.code == "db_corrupt"
    assert copies == [] and DAILY not in [b.tag for b in site.services.backups.list_backups()]
    with pytest.raises(StorageError) as err, site.services.ctx.write():
        pytest.fail("a write went into a damaged file")
    assert err.value.code == "db_corrupt" and "site-manual-" in err.value.message
    site.services.backups.restore(actor=site.lead, path=good.path)
    with site.services.ctx.write():
        pass
    assert site.services.backups.integrity_problems() == []


def test_a_good_file_opens_held_writes_then_takes_the_daily_copy(site: Site) -> None:
    from mlplanner.ui.shell.guard import check_and_back_up

    gate = site.services.ctx.db.writes
    gate.hold()
    seen: list[tuple[bool, bool]] = []  # (copying, writes still held) at each bracket of the copy
    assert check_and_back_up(site.services, lambda busy: seen.append((busy, gate.held))) is None
    with site.services.ctx.write():
        pass
    if site.on_server:
        assert site.services.backups.list_backups() == []
        return
    assert seen == [(True, False), (False, False)]  # writes go on while the copy is taken
    assert [b.tag for b in site.services.backups.list_backups()] == [DAILY]
