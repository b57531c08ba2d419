"""`mlplanner backup / restore / check / privacy / audit` on a real file or server database, through the
CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.domain.enums import Role

from .conftest import Site
from .test_privacy import add_youth


def cli(site: Site, *args: str) -> int:
    site.services.close()  # the CLI opens the file itself, as a separate program would
    try:
        return main([*args, "--db", str(site.location)])
    finally:
        site.reopen()


def test_backup_then_restore_from_the_command_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / ("copie.dump" if site.on_server else "copie.sqlite3")
    assert cli(site, "backup", "--out", str(out)) == 0
    assert f"Sauvegarde écrite : {out}" in capsys.readouterr().out
    yid = add_youth(site)

    assert cli(site, "restore", str(out)) == 2  # a script must say --yes
    assert "--yes" in capsys.readouterr().err
    assert site.services.youths.get(yid)

    assert cli(site, "restore", str(out), "--yes") == 0
    text = capsys.readouterr().out
    assert "40 jeunes" in text and "État précédent conservé" in text
    assert yid not in {y.id for y in site.services.youths.search("quasimodo")}

    assert cli(site, "backup", "--list") == 0
    listing = capsys.readouterr().out
    assert "avant restauration" in listing
    assert cli(site, "check") == 0 and "Intégrité : OK." in capsys.readouterr().out


def test_restore_of_a_foreign_file_is_refused_with_exit_2(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    junk = tmp_path / "x.sqlite3"
    junk.write_text("bonjour")
    assert cli(site, "restore", str(junk), "--yes") == 2
    assert "endommagé" in capsys.readouterr().err


def test_privacy_commands(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    yid = add_youth(site)
    lead = site.services.directory.staff(role=Role.SITE_LEAD)[0].display_name
    assert cli(site, "privacy", "settings", "--inactive-months", "24") == 0
    assert "24 mois" in capsys.readouterr().out
    assert cli(site, "privacy", "retention") == 0
    assert "simulation" in capsys.readouterr().out  # nothing inactive yet on 01/03/2027

    assert cli(site, "privacy", "export", yid, "--out", str(tmp_path / "acces")) == 0
    assert len(list((tmp_path / "acces").glob("acces-*.pdf"))) == 1
    capsys.readouterr()

    # an erasure is a person's act: not the system account (README, "CLI")
    assert cli(site, "privacy", "erase", yid, "--reason", "courrier du 01/03/2027", "--yes") == 3
    assert "au nom d'une personne" in capsys.readouterr().err
    monkeypatch.setenv("MLPLANNER_PIN", "1234")  # the demo's PIN
    assert (
        cli(site, "privacy", "erase", yid, "--reason", "courrier du 01/03/2027", "--yes", "--as", lead) == 0
    )
    assert "effacé" in capsys.readouterr().out
    assert cli(site, "audit", "--action", "erase", "--json") == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] == 1 and page["rows"][0]["reason"] == "courrier du 01/03/2027"


def test_audit_filters_on_the_command_line(site: Site, capsys: pytest.CaptureFixture) -> None:
    add_youth(site)
    assert cli(site, "audit", "--person", "lemoine", "--from", "01/03/2027", "--to", "01/03/2027") == 0
    out = capsys.readouterr().out
    assert "création" in out and "1 entrée(s) affichée(s) sur 1." in out
    assert cli(site, "audit", "--person", "personne inconnue") == 2
