"""The CLI commands of the sync issue, run in-process on copies of the demo sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engines import Templates
from mlplanner.cli.main import main

from .conftest import site_copy
from .test_import_reader import SAMPLE


@pytest.fixture
def files(
    engine: str, templates: Templates, tmp_path: Path, request: pytest.FixtureRequest
) -> dict[str, Path | str]:
    out: dict[str, Path | str] = {}
    for code in ("PARIS13", "LYON"):
        out[code] = site_copy(request, templates, engine, code, tmp_path / f"{code}.sqlite3")
    (tmp_path / "partage").mkdir()
    out["share"] = tmp_path / "partage"
    return out


def test_sync_commands(files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setenv("MLP_NET", "phrase secrète")
    monkeypatch.setenv("MLPLANNER_NOW", "2027-03-01T10:00")  # the demo sites' day (their stamps)
    share = str(files["share"])
    assert (
        main(["sync", "--db", str(files["PARIS13"]), "--folder", share, "--passphrase-env", "MLP_NET"]) == 0
    )
    assert "Synchronisation réussie" in capsys.readouterr().out
    assert (
        main(["sync", "--db", str(files["LYON"]), "--folder", share, "--passphrase-env", "MLP_NET", "--json"])
        == 0
    )
    report = json.loads(capsys.readouterr().out)["report"]
    assert report["applied"][0][:2] == ["PARIS13", 1]
    # without the passphrase, an encrypted network refuses the sync before anything is exchanged
    assert main(["sync", "--db", str(files["PARIS13"]), "--folder", share]) == 2
    assert "chiffre ses échanges" in capsys.readouterr().err
    assert main(["sync", "--db", str(files["PARIS13"]), "--folder", share, "--passphrase-env", "ABSENT"]) == 2
    assert main(["sync", "--db", str(files["PARIS13"]), "--folder", str(files["share"] / "x")]) == 4
    assert "introuvable" in capsys.readouterr().err
    assert main(["sync", "--db", str(files["PARIS13"]), "--folder", share, "--review"]) == 0
    assert "conflit(s) à examiner" in capsys.readouterr().out


def test_import_and_export_commands(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(files["PARIS13"])
    assert main(["import", "youths", str(SAMPLE), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Aperçu (rien n'a été enregistré)" in out and "séparateur « ; »" in out
    csv_out = tmp_path / "rdv.csv"
    assert (
        main(
            [
                "export",
                "appointments",
                "--from",
                "01/02/2027",
                "--to",
                "31/03/2027",
                "--out",
                str(csv_out),
                "--db",
                db,
            ]
        )
        == 0
    )
    assert "ligne(s) écrite(s)" in capsys.readouterr().out
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbfSite;Date;")
    argv = [
        "export",
        "stats",
        "--from",
        "31/02/2027",
        "--to",
        "31/03/2027",
        "--out",
        str(csv_out),
        "--db",
        db,
    ]
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and "n'existe pas" in capsys.readouterr().err


def test_a_change_set_is_shown_safely(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readable view replaces opening the raw files in a spreadsheet; a damaged set says why."""
    monkeypatch.setenv("MLPLANNER_NOW", "2027-03-01T10:00")
    share = files["share"]
    assert main(["sync", "--db", str(files["LYON"]), "--folder", str(share)]) == 0
    capsys.readouterr()
    lot = share / "LYON" / "00000001"
    assert main(["sync", "--db", str(files["PARIS13"]), "--show", str(lot)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Lot n° 1 du site LYON") and "jeune (30) :" in out and "rendez-vous (80) :" in out
    youth = (lot / "youth.csv").read_bytes()
    (lot / "youth.csv").chmod(0o644)
    (lot / "youth.csv").write_bytes(youth.replace(b"2027-", b"2028-", 1))
    assert main(["sync", "--db", str(files["PARIS13"]), "--show", str(lot)]) == 2
    assert "modifié" in capsys.readouterr().err
    assert main(["sync", "--db", str(files["PARIS13"]), "--show", str(share / "LYON")]) == 2
    assert main(["sync", "--db", str(files["PARIS13"])]) == 2
    assert "--folder" in capsys.readouterr().err
