"""A network of three sites built from nothing with the CLI only: `site init`, `sync` (founds the
network), `site join` twice, one acceptance, sync rounds. The shared data ends identical at the three
sites, and each site's own data stays its own. A demonstration never syncs with a real network, nor
the reverse. Run in-process (`main(argv)`) for speed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import RuleViolation
from mlplanner.services.container import Services
from mlplanner.services.context import Actor

SHARED = ("youth", "appointment_type", "site", "network_site", "network_setting")
OWN = ("staff", "room")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PIN_A", "482915")
    monkeypatch.setenv("PIN_B", "705318")
    monkeypatch.setenv("PIN_C", "916240")
    monkeypatch.setenv("RESEAU", "la phrase du réseau parisien")
    monkeypatch.setenv("MLPLANNER_NOW", "2027-03-01T08:30")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MLPLANNER_DB", raising=False)


def rows(db: Path, table: str, where: str = "") -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT * FROM {table} {where} ORDER BY id").fetchall()
    finally:
        conn.close()


def one(db: Path, sql: str) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def ok(*argv: str) -> None:
    assert main(list(argv)) == 0, argv


def sync(db: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    ok("sync", "--db", str(db), "--folder", str(folder), "--passphrase-env", "RESEAU")
    return capsys.readouterr().out


def test_three_sites_from_nothing_with_the_cli_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    a, b, c = (tmp_path / f"{n}.sqlite3" for n in "abc")
    ok(
        "site", "init", "--db", str(a), "--code", "PARIS13", "--name", "Mission Locale de Paris — site Paris 13",
        "--organisation", "Mission Locale de Paris", "--timezone", "Europe/Paris", "--holidays", "75",
        "--admin", "Awa Diop", "--pin-env", "PIN_A",
    )  # fmt: skip
    ok("youth", "add", "--db", str(a), "--first", "Éloïse", "--last", "Lœuvre", "--birth", "12/04/2006")
    assert "Réseau créé dans ce dossier" in sync(a, share, capsys)
    assert json.loads((share / "network.json").read_text())["founder"] == "PARIS13"

    # the second and third sites join from the folder and receive what the network shares
    for db, code, who, pin in ((b, "PARIS18", "Léo Roux", "PIN_B"), (c, "PARIS20", "Inès Haddad", "PIN_C")):
        ok(
            "site", "join", "--db", str(db), "--folder", str(share), "--code", code,
            "--name", f"Mission Locale de Paris — site {code[-2:]}", "--passphrase-env", "RESEAU",
            "--admin", who, "--pin-env", pin,
        )  # fmt: skip
        out = capsys.readouterr().out
        assert "Reçu du réseau : 5 types de rendez-vous, 1 jeunes" in out and "Demande d'adhésion" in out
        assert rows(db, "appointment_type") == rows(a, "appointment_type")
        assert one(db, "SELECT value FROM meta WHERE key = 'print.organisation'") == "Mission Locale de Paris"
        assert one(db, f"SELECT holiday_subdivision FROM site WHERE code = '{code}'") == "75"  # the founder's
    ok("youth", "add", "--db", str(b), "--first", "Kévin", "--last", "Koné", "--birth", "02/01/2004")
    ok("youth", "add", "--db", str(c), "--first", "Aïcha", "--last", "Traoré", "--birth", "31/01/2006")
    sv = Services.open(b)  # the second site has its own hours (Saturday mornings)
    try:
        (admin,) = sv.directory.staff(role=Role.ADMIN)
        actor = Actor(admin.id, admin.display_name, Role.ADMIN)
        hours = {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)} | {
            "5": [["09:00", "12:00"]]
        }
        sv.directory.update_site(actor=actor, opening_hours=hours)
        sv.directory.add_room(actor=actor, name="Bureau 18-A")
    finally:
        sv.close()

    # before any acceptance, the first site sees two requests, waiting (not refused)
    out = sync(a, share, capsys)
    assert "Demande(s) d'adhésion en attente d'un responsable : PARIS18" in out and "PARIS20" in out
    assert "refusé" not in out
    assert rows(a, "youth", "WHERE last_name = 'Koné'") == []

    # one acceptance, at one site, for everyone
    ok("site", "approve", "--db", str(a), "PARIS18", "PARIS20", "--folder", str(share))
    for _round in range(2):
        for db in (a, b, c):
            sync(db, share, capsys)

    for table in SHARED:
        assert rows(a, table) == rows(b, table) == rows(c, table), table
    assert {r[0] for r in rows(a, "youth", "")} and one(a, "SELECT count(*) FROM youth") == 3
    for table in OWN:  # everything travels, but each site's rows were written by that site only
        assert rows(a, table) == rows(b, table) == rows(c, table), table
    sites = dict(sqlite3.connect(a).execute("SELECT id, code FROM site").fetchall())
    for db in (a, b, c):
        for table in OWN:
            for site_id, origin in sqlite3.connect(db).execute(f"SELECT site_id, origin_site FROM {table}"):
                assert sites[site_id] == origin, (db.name, table)
    hours_18 = json.loads(one(a, "SELECT opening_hours FROM site WHERE code = 'PARIS18'"))
    hours_13 = json.loads(one(b, "SELECT opening_hours FROM site WHERE code = 'PARIS13'"))
    assert "5" in hours_18 and "5" not in hours_13  # each site's hours stay its own
    # a site cannot edit another's staff, even though their rows are in its file
    (awa_id,) = [r[0] for r in rows(b, "staff", "WHERE last_name = 'Diop'")]
    sv = Services.open(b)
    try:
        (admin,) = sv.directory.staff(role=Role.ADMIN)
        with pytest.raises(RuleViolation, match="autre site"):
            sv.directory.update_staff(
                actor=Actor(admin.id, admin.display_name, Role.ADMIN), staff_id=awa_id, working_pattern={}
            )
    finally:
        sv.close()


def test_a_demo_never_syncs_with_a_real_network_nor_the_reverse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_share, demo_share = tmp_path / "reel", tmp_path / "demo"
    real_share.mkdir()
    demo_share.mkdir()
    real, demo = tmp_path / "real.sqlite3", tmp_path / "demo.sqlite3"
    ok(
        "site", "init", "--db", str(real), "--code", "LILLE", "--name", "Site Lille", "--organisation", "ML",
        "--timezone", "Europe/Paris", "--holidays", "59", "--admin", "Awa Diop", "--pin-env", "PIN_A",
    )  # fmt: skip
    ok("sync", "--db", str(real), "--folder", str(real_share))
    ok("demo", "--db", str(demo), "--youths", "20", "--no-workshops", "--site", "DEMO1")
    ok("sync", "--db", str(demo), "--folder", str(demo_share))
    capsys.readouterr()
    before = sorted(p.name for p in real_share.iterdir())
    assert main(["sync", "--db", str(demo), "--folder", str(real_share)]) == 3
    assert "démonstration" in capsys.readouterr().err
    assert sorted(p.name for p in real_share.iterdir()) == before  # nothing written there
    assert main(["sync", "--db", str(real), "--folder", str(demo_share)]) == 3
    assert "réseau de démonstration" in capsys.readouterr().err
    assert not (demo_share / "LILLE").exists()
    assert main(["site", "join", "--db", str(tmp_path / "x.sqlite3"), "--folder", str(demo_share),
                 "--code", "X1", "--name", "X"]) == 3  # fmt: skip
    assert not (tmp_path / "x.sqlite3").exists()


def test_join_refusals_leave_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    new = tmp_path / "new.sqlite3"
    assert (
        main(["site", "join", "--db", str(new), "--folder", str(share), "--code", "B1", "--name", "B"]) == 2
    )
    assert "pas encore celui d'un réseau" in capsys.readouterr().err
    a = tmp_path / "a.sqlite3"
    ok(
        "site", "init", "--db", str(a), "--code", "A1", "--name", "Site A", "--organisation", "ML",
        "--timezone", "Europe/Paris", "--holidays", "75", "--admin", "Awa Diop", "--pin-env", "PIN_A",
    )  # fmt: skip
    ok("sync", "--db", str(a), "--folder", str(share), "--passphrase-env", "RESEAU")
    capsys.readouterr()
    cases = [
        ([], "indiquez sa phrase secrète", 2),
        (["--passphrase-env", "PIN_B"], "Phrase secrète incorrecte", 2),
        (["--passphrase-env", "RESEAU", "--code", "A1"], "déjà pris", 3),
    ]
    for extra, words, code in cases:
        argv = [
            "site",
            "join",
            "--db",
            str(new),
            "--folder",
            str(share),
            "--code",
            "B1",
            "--name",
            "B",
            *extra,
        ]
        assert main(argv) == code, extra
        assert words in capsys.readouterr().err
        assert not new.exists() and not (share / "B1").exists()


def test_a_running_site_sees_what_it_would_send_and_receive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for db, code in ((a, "NORD"), (b, "SUD")):
        ok(
            "site", "init", "--db", str(db), "--code", code, "--name", f"Site {code}", "--organisation", "ML",
            "--timezone", "Europe/Paris", "--holidays", "59", "--admin", "Awa Diop", "--pin-env", "PIN_A",
        )  # fmt: skip
    ok("youth", "add", "--db", str(b), "--first", "Noé", "--last", "Petit", "--birth", "01/02/2005")
    ok("sync", "--db", str(a), "--folder", str(share))
    capsys.readouterr()
    before = sorted(p.name for p in share.rglob("*"))
    ok("sync", "--db", str(b), "--folder", str(share), "--preview")
    out = capsys.readouterr().out
    assert "Réseau réel fondé par NORD" in out
    assert "Ce site n'est pas encore accepté" in out
    assert "À envoyer :" in out and "jeunes : 1" in out
    assert "À recevoir de NORD : 1 lot(s)" in out and "sera appliqué" in out
    assert sorted(p.name for p in share.rglob("*")) == before  # a preview writes nothing
    assert one(b, "SELECT count(*) FROM meta WHERE key = 'network.id'") == 0


def test_a_running_site_takes_the_networks_settings_instead_of_overwriting_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for db, code, org in ((a, "NORD", "Mission Locale de Lille"), (b, "SUD", "ML autre nom")):
        ok(
            "site", "init", "--db", str(db), "--code", code, "--name", f"Site {code}", "--organisation", org,
            "--timezone", "Europe/Paris", "--holidays", "59", "--admin", "Awa Diop", "--pin-env", "PIN_A",
        )  # fmt: skip
    ok("sync", "--db", str(a), "--folder", str(share))
    ok("sync", "--db", str(b), "--folder", str(share))
    ok("site", "approve", "--db", str(a), "SUD")
    for db in (a, b, a, b):
        ok("sync", "--db", str(db), "--folder", str(share))
    capsys.readouterr()
    organisation = "SELECT value FROM meta WHERE key = 'print.organisation'"
    assert one(a, organisation) == one(b, organisation) == "Mission Locale de Lille"
    assert rows(a, "network_setting") == rows(b, "network_setting")


def test_a_damaged_network_file_or_a_stranger_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mlplanner.sync.network import found_network, read_network

    share = tmp_path / "partage"
    share.mkdir()
    first = found_network(share, founder="NORD", demo=False, created_at="x", passphrase=None)
    second = found_network(share, founder="SUD", demo=False, created_at="y", passphrase=None)
    assert second == first == read_network(share)  # two sites founding at once: the first one wins
    a = tmp_path / "a.sqlite3"
    ok(
        "site", "init", "--db", str(a), "--code", "NORD", "--name", "Site NORD", "--organisation", "ML",
        "--timezone", "Europe/Paris", "--holidays", "59", "--admin", "Awa Diop", "--pin-env", "PIN_A",
    )  # fmt: skip
    ok("sync", "--db", str(a), "--folder", str(share))
    # a demo site's folder copied into the real network's: refused even if someone accepted its code
    demo = tmp_path / "demo.sqlite3"
    ok("demo", "--db", str(demo), "--youths", "10", "--no-workshops", "--site", "DEMO1")
    demo_share = tmp_path / "demo-partage"
    demo_share.mkdir()
    ok("sync", "--db", str(demo), "--folder", str(demo_share))
    import shutil

    shutil.copytree(demo_share / "DEMO1", share / "DEMO1")
    capsys.readouterr()
    assert main(["site", "approve", "--db", str(a), "DEMO1", "--folder", str(share)]) == 3
    assert "démonstration" in capsys.readouterr().err
    ok("site", "approve", "--db", str(a), "DEMO1")  # without the folder, nothing to check it against...
    assert main(["sync", "--db", str(a), "--folder", str(share)]) != 0  # ...but the sync refuses its sets
    capsys.readouterr()
    assert one(a, "SELECT count(*) FROM youth") == 0
    # a damaged network.json: a French line, exit 2, nothing written
    (share / "network.json").write_text("{pas du json", encoding="utf-8")
    before = sorted(p.name for p in share.rglob("*"))
    assert main(["sync", "--db", str(a), "--folder", str(share)]) == 2
    assert "illisible" in capsys.readouterr().err
    assert sorted(p.name for p in share.rglob("*")) == before


def _founded(tmp_path: Path) -> Path:
    share = tmp_path / "partage"
    share.mkdir()
    a = tmp_path / "a.sqlite3"
    ok(
        "site", "init", "--db", str(a), "--code", "NORD", "--name", "Site Nord", "--organisation", "ML",
        "--timezone", "Europe/Paris", "--holidays", "59", "--admin", "Awa Diop", "--pin-env", "PIN_A",
    )  # fmt: skip
    ok("sync", "--db", str(a), "--folder", str(share))
    return share


def test_two_sites_joining_with_one_code_at_once_cannot_both_pass(tmp_path: Path) -> None:
    """Found by racing four `site join --code SUD`: two passed the check, one left a card naming it while
    another became SUD. The code is now claimed by creating its folder, which only one can do."""
    share = _founded(tmp_path)
    first = Services.open(tmp_path / "first.sqlite3")
    second = Services.open(tmp_path / "second.sqlite3")
    checked = first.network.check_join

    def check_then_let_the_other_join(**kwargs):  # type: ignore[no-untyped-def]
        info = checked(**kwargs)
        second.network.join(folder=share, code="SUD", name="Site Sud du second")  # in between
        return info

    first.network.check_join = check_then_let_the_other_join  # type: ignore[method-assign]
    try:
        with pytest.raises(RuleViolation, match="déjà pris"):
            first.network.join(folder=share, code="SUD", name="Site Sud du premier")
        assert not first.ctx.has_site()  # nothing written in the file that lost
        assert second.directory.site().code == "SUD"
        card = json.loads((share / "SUD" / "site.json").read_text(encoding="utf-8"))
        assert card["name"] == "Site Sud du second"
    finally:
        first.close()
        second.close()


def test_a_join_that_fails_midway_frees_its_code(tmp_path: Path) -> None:
    share = _founded(tmp_path)
    sv = Services.open(tmp_path / "b.sqlite3")

    def broken(**_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(5, "disque débranché")

    sv.network.sync = broken  # type: ignore[method-assign]
    try:
        with pytest.raises(OSError):
            sv.network.join(folder=share, code="SUD", name="Site Sud")
    finally:
        sv.close()
    assert not (share / "SUD").exists()  # the code is free again
    ok("site", "join", "--db", str(tmp_path / "c.sqlite3"), "--folder", str(share), "--code", "SUD",
       "--name", "Site Sud", "--admin", "Yann Grondin", "--pin-env", "PIN_B")  # fmt: skip


def test_four_workstations_race_for_one_code(tmp_path: Path) -> None:
    share = _founded(tmp_path)
    env = {**os.environ, "PIN_B": "705318"}

    def join(i: int) -> list[str]:
        return [
            sys.executable, "-m", "mlplanner", "site", "join", "--db", str(tmp_path / f"j{i}.sqlite3"),
            "--folder", str(share), "--code", "SUD", "--name", f"Site Sud {i}", "--admin", "Yann Grondin",
            "--pin-env", "PIN_B",
        ]  # fmt: skip

    procs = [
        subprocess.Popen(join(i), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(4)
    ]
    codes = [p.wait(timeout=300) for p in procs]
    assert 1 not in codes  # no unexpected error
    winners = [i for i, c in enumerate(codes) if c == 0]
    assert len(winners) == 1, [p.stderr.read() if p.stderr else "" for p in procs]  # type: ignore[union-attr]
    won = winners[0]
    card = json.loads((share / "SUD" / "site.json").read_text(encoding="utf-8"))
    assert card["name"] == f"Site Sud {won}"
    assert [i for i in range(4) if (tmp_path / f"j{i}.sqlite3").exists()] == [won]
