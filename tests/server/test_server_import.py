"""`mlplanner server import --from site.sqlite3 --db URL`: everything copied (ids, stamps, tombstones,
audit, PIN hashes, sync bookkeeping), verified, and a second run changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import StorageError
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.demo import DEMO_PIN, build_demo
from mlplanner.storage.tables import Appointment, Youth
from support import sql_rows
from sync.conftest import keep_nearest_appointments

pytestmark = pytest.mark.postgresql_only

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
COMPARED = ("site", "room", "staff", "youth", "appointment", "appointment_type", "audit_entry", "credential")


def mlplanner(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "XDG_DATA_HOME": str(home),
        "PYTHONIOENCODING": "utf-8",
        "MLPLANNER_NOW": "2027-03-01T09:00",
    }
    env.pop("MLPLANNER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "mlplanner", *args], capture_output=True, text=True, env=env, timeout=300
    )


def site_file(path: Path, code: str = "PARIS13") -> Path:
    sv = Services.open(path, FixedClock(START))
    try:
        build_demo(sv, site_code=code, today=TODAY, youths=25)
        keep_nearest_appointments(sv, 60)
        youth = sv.youths.search("a")[0]
        sv.privacy.erase(actor=sv_lead(sv), youth_id=youth.id, reason="courrier du 01/03/2027")  # a tombstone
    finally:
        sv.close()
    return path


def sv_lead(sv: Services):  # type: ignore[no-untyped-def]
    from mlplanner.domain.enums import Role
    from mlplanner.services.context import Actor

    lead = sv.directory.staff(role=Role.SITE_LEAD)[0]
    return Actor(lead.id, lead.display_name, lead.role)


def rows(location: Path | str, table: str) -> list[tuple]:
    cols = "id, hlc, deleted" if table not in ("audit_entry", "credential") else "*"
    key = "staff_id" if table == "credential" else "id"
    out = sql_rows(location, f"SELECT {cols} FROM {table} ORDER BY {key}")
    return [
        tuple(
            bool(v) if isinstance(v, int) and table != "audit_entry" and i == 2 else v
            for i, v in enumerate(r)
        )
        for r in out
    ]


def test_a_site_file_moves_to_the_server_whole_and_verified(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    path = site_file(tmp_path / "paris13.sqlite3")
    url = new_database()
    assert mlplanner("server", "init", "--db", url, home=tmp_path).returncode == 0
    first = mlplanner("server", "import", "--from", str(path), "--db", url, "--json", home=tmp_path)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["site"] == "PARIS13" and report["first_site"] is True
    assert "importé" in report["summary"] and "vérifiées" in report["summary"]
    by_table = {t["table"]: t for t in report["tables"]}
    assert by_table["youth"]["written"] == by_table["youth"]["file_rows"] == 25
    for table in ("site", "room", "staff", "youth", "appointment", "appointment_type"):
        assert rows(url, table) == rows(path, table), table  # ids, stamps and tombstones, all of them
    assert sql_rows(url, "SELECT count(*) FROM youth WHERE deleted")[0][0] == 1
    audit_file = sql_rows(path, "SELECT id, action, entity_id, reason FROM audit_entry ORDER BY id")
    assert sql_rows(url, "SELECT id, action, entity_id, reason FROM audit_entry ORDER BY id") == audit_file
    assert sql_rows(url, "SELECT staff_id, secret_hash FROM credential ORDER BY staff_id") == sql_rows(
        path, "SELECT staff_id, secret_hash FROM credential ORDER BY staff_id"
    )
    # the site works on the server: its staff log in with their PIN, search finds its youths
    server = Services.open(url, FixedClock(START))
    try:
        staff = next(p for p in server.directory.staff() if p.can_log_in)
        assert server.directory.login(staff_id=staff.id, secret=DEMO_PIN).id == staff.id
        assert server.youths.search("e")
        with server.ctx.read() as s:  # the imported bookings are guarded by the constraints from now on
            placed = s.exec(select(Appointment).where(Appointment.status == "booked")).all()
            assert placed and all(a.slot_checked for a in placed)
    finally:
        server.close()

    again = mlplanner("server", "import", "--from", str(path), "--db", url, home=tmp_path)
    assert again.returncode == 0 and "rien n'a changé" in again.stdout, again.stdout + again.stderr


def test_a_server_that_already_holds_the_sites_rows_by_sync_gets_only_what_is_newer(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    """PARIS13 synced with a server holding PARIS18, then moves onto that server: rows already there in
    the same version stay, newer ones replace them; its cursors keep their own keys."""
    path = site_file(tmp_path / "paris13.sqlite3")
    url = new_database()
    server = Services.open(url, FixedClock(START), create=True)
    build_demo(server, site_code="PARIS18", today=TODAY, youths=10)
    keep_nearest_appointments(server, 30)
    server.sync.allow_sites(actor=SYSTEM_ACTOR, codes=["PARIS13", "PARIS18"])
    file_sv = Services.open(path, FixedClock(START))
    file_sv.sync.allow_sites(actor=SYSTEM_ACTOR, codes=["PARIS13", "PARIS18"])
    share = tmp_path / "partage"
    share.mkdir()
    try:
        for sv in (file_sv, server, file_sv):
            assert sv.sync.sync(folder=share).ok
        # the site keeps working on its file after that sync, then moves
        file_sv.ctx.clock.advance(timedelta(minutes=5))  # type: ignore[attr-defined]
        with file_sv.ctx.write() as s:
            y = s.exec(select(Youth).where(Youth.deleted == False).order_by(Youth.id)).first()
            assert y is not None
            y.email = "apres-la-synchro@exemple.fr"
            s.add(y)
            moved = y.id
    finally:
        file_sv.close()
        server.close()
    done = mlplanner("server", "import", "--from", str(path), "--db", url, "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    youth = next(t for t in report["tables"] if t["table"] == "youth")
    assert youth["written"] == 1 and youth["unchanged"] == youth["file_rows"] - 1  # only the later edit
    assert report["first_site"] is False
    assert sql_rows(url, "SELECT email FROM youth WHERE id = :i", {"i": moved}) == [
        ("apres-la-synchro@exemple.fr",)
    ]
    assert sql_rows(url, "SELECT value FROM meta WHERE key = 'local_sites'") == [("PARIS18 PARIS13",)]
    keys = {k for (k,) in sql_rows(url, "SELECT key FROM meta WHERE key LIKE 'sync.%'")}
    assert "sync.next_seq@PARIS13" in keys and "sync.cursor.youth@PARIS13" in keys and "sync.next_seq" in keys
    # from now on the server writes PARIS13's change sets, continuing its sequence, and never applies
    # the ones PARIS13 wrote from its file
    p13 = Services.open(url, FixedClock(START + timedelta(minutes=10)), site="PARIS13")
    try:
        with p13.ctx.write() as s:
            y = s.get(Youth, moved)
            assert y is not None
            y.phone = "06 13 13 13 13"
            s.add(y)
        report2 = p13.sync.sync(folder=share)
        assert report2.ok and report2.applied == ()
    finally:
        p13.close()
    assert sorted(p.name for p in (share / "PARIS13").iterdir() if not p.name.startswith(("sync", "."))) == [
        "00000001",
        "00000002",
    ]
    # what each site's change sets covered is kept apart (a re-send request names a site and a number)
    assert sql_rows(url, "SELECT site, seq FROM sync_sent ORDER BY site, seq") == [
        ("PARIS13", 1),
        ("PARIS13", 2),
        ("PARIS18", 1),
    ]


def test_what_cannot_be_imported_is_refused_in_one_line(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    not_ready = mlplanner(
        "server", "import", "--from", str(tmp_path / "x.sqlite3"), "--db", url, home=tmp_path
    )
    assert not_ready.returncode == 4 and "server init" in not_ready.stderr
    assert mlplanner("server", "init", "--db", url, home=tmp_path).returncode == 0
    missing = mlplanner(
        "server", "import", "--from", str(tmp_path / "absent.sqlite3"), "--db", url, home=tmp_path
    )
    assert missing.returncode == 2 and "introuvable" in missing.stderr
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("pas une base")
    foreign = mlplanner("server", "import", "--from", str(notes), "--db", url, home=tmp_path)
    assert foreign.returncode == 4 and "n'est pas une base de données mlplanner" in foreign.stderr
    empty = tmp_path / "vide.sqlite3"
    Services.open(empty).close()
    no_site = mlplanner("server", "import", "--from", str(empty), "--db", url, home=tmp_path)
    assert no_site.returncode == 2 and "aucun site" in no_site.stderr
    for r in (not_ready, missing, foreign, no_site):
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert sql_rows(url, "SELECT count(*) FROM site") == [(0,)]


def test_the_moved_file_refuses_writes_and_syncs_so_the_site_cannot_split(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    """After `server import` a forgotten workstation or scheduled sync on the old file wrote on: edits
    the server never saw, and change sets numbered like the server's own for the same site."""
    path = site_file(tmp_path / "paris13.sqlite3")
    share = tmp_path / "partage"
    share.mkdir()
    sv = Services.open(path, FixedClock(START))
    try:
        sv.sync.allow_sites(actor=SYSTEM_ACTOR, codes=["PARIS13", "PARIS18"])
    finally:
        sv.close()
    url = new_database()
    assert mlplanner("server", "init", "--db", url, home=tmp_path).returncode == 0
    done = mlplanner("server", "import", "--from", str(path), "--db", url, home=tmp_path)
    assert done.returncode == 0 and "déplacé sur le serveur" in done.stdout, done.stdout + done.stderr
    before = rows(path, "youth")

    sync = mlplanner("sync", "--system", "--db", str(path), "--folder", str(share), home=tmp_path)
    assert sync.returncode == 4 and "déplacé sur le serveur" in sync.stderr and "le 01/03/2027" in sync.stderr
    assert "Traceback" not in sync.stderr and "***" not in sync.stderr.replace(":***@", "")
    assert list(share.iterdir()) == []  # no change set, no site folder
    file_sv = Services.open(path, FixedClock(START))
    try:
        with pytest.raises(StorageError) as refused, file_sv.ctx.write() as s:
            y = s.exec(select(Youth).where(Youth.deleted == False)).first()
            assert y is not None
            y.email = "sur-l-ancien-fichier@exemple.fr"
            s.add(y)
        assert refused.value.code == "site_moved"
        assert file_sv.youths.search("e")  # still readable, for the record
    finally:
        file_sv.close()
    assert rows(path, "youth") == before
    # a restore would bring back a file that syncs again: refused before any safety copy is taken
    copy = mlplanner("backup", "--system", "--db", str(path), home=tmp_path)
    assert copy.returncode == 0, copy.stderr  # reading for the record still works
    backups = sorted((path.parent / "backups").iterdir())
    restore = mlplanner("restore", str(backups[-1]), "--system", "--db", str(path), "--yes", home=tmp_path)
    assert restore.returncode == 4 and "déplacé sur le serveur" in restore.stderr
    assert sorted((path.parent / "backups").iterdir()) == backups  # not even a stray copy
    again = mlplanner("server", "import", "--from", str(path), "--db", url, home=tmp_path)
    assert again.returncode == 0 and "rien n'a changé" in again.stdout  # the import itself still reads it
