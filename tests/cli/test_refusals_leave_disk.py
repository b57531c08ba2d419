"""A refusal leaves the disk as it was, and odd input never ends in the unexpected-error exit 1.

Each case below was found by an adversarial test: a 0-byte `--db` turned into a schema, `demo --site
'bad code'` refused but left a 352 KB file, `backup --out /missing/folder/x` created the folders, a
Latin-1 argument, a 10,000-character path and a console that cannot print "Œ" ended in exit 1; `day` and `youth add` worked on a damaged file (`youth add` wrote into
it) while `mlplanner check` said it was damaged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_bad_input import NOW, run_cli, state


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("refusals") / "demo.sqlite3"
    r = run_cli("demo", "--today", "2026-11-27", "--no-workshops", "--youths", "40", db=db)
    assert r.returncode == 0, r.stderr
    return db


def run_raw(argv: list[str | bytes], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = os.environ | {"MLPLANNER_NOW": NOW, "XDG_DATA_HOME": str(cwd / "xdg")} | env
    full.pop("MLPLANNER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "mlplanner", *argv], capture_output=True, env=full, cwd=cwd, timeout=180
    )


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if "xdg" not in p.parts)


def one_line(stderr: bytes | str) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text and "inattendue" not in text, text
    return lines[0]


def test_an_empty_file_given_as_db_is_refused_and_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "vide.sqlite3"
    empty.write_bytes(b"")
    for argv in (["day"], ["youth", "search", "a"], ["demo", "--no-workshops"]):
        r = run_cli(*argv, db=empty)
        assert r.returncode == 2 and "vide" in one_line(r.stderr), (argv, r.stderr)
        assert empty.read_bytes() == b"" and listing(tmp_path) == ["vide.sqlite3"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["demo", "--site", "bad code", "--no-workshops"], "code de site"),
        (["demo", "--youths", "0", "--no-workshops"], "jeunes"),
        (["demo", "--today", "2026-02-30"], "date"),
    ],
)
def test_a_refused_demo_leaves_no_file(tmp_path: Path, argv: list[str], words: str) -> None:
    r = run_cli(*argv, db=tmp_path / "nouveau.sqlite3")
    assert r.returncode == 2 and words in one_line(r.stderr).lower()
    assert listing(tmp_path) == []


def test_a_demo_in_a_missing_folder_is_refused_without_creating_it(tmp_path: Path) -> None:
    r = run_raw(["demo", "--no-workshops", "--db", str(tmp_path / "absent" / "x.sqlite3")], tmp_path)
    assert r.returncode == 2 and "n'existe pas" in one_line(r.stderr)
    assert listing(tmp_path) == []


def test_a_backup_to_a_missing_folder_creates_nothing(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite3"
    shutil.copy(template, db)
    before = listing(tmp_path)
    r = run_cli("backup", "--out", str(tmp_path / "absent" / "dossier" / "x.sqlite3"), db=db)
    assert r.returncode == 2 and "n'existe pas" in one_line(r.stderr)
    assert listing(tmp_path) == before


def test_a_latin1_argument_is_bad_input(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite3"
    shutil.copy(template, db)
    before = state(db)
    r = run_raw(["youth", "add", "--first", b"H\xe9l\xe8ne", "--last", "Martin", "--db", str(db)], tmp_path)
    assert r.returncode == 2 and "UTF-8" in one_line(r.stderr)
    assert state(db) == before


def test_a_very_long_db_path_is_bad_input(tmp_path: Path) -> None:
    r = run_cli("day", db=tmp_path / ("x" * 10_000))
    assert r.returncode == 2 and "trop long" in one_line(r.stderr)
    assert len(r.stderr) < 600


def test_a_console_that_cannot_print_every_letter_still_gets_the_answer(
    template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "site.sqlite3"
    shutil.copy(template, db)
    r = run_raw(
        ["youth", "search", "e", "--limit", "40", "--db", str(db)], tmp_path, PYTHONIOENCODING="ascii"
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.count(b"\n") >= 3 and b"n?(e) le" in r.stdout  # "né(e)" as the console can


def _damage(db: Path) -> None:
    with db.open("r+b") as f:  # scribble over b-tree pages in the middle of the file
        f.seek(4096 * 40)
        f.write(b"\xde\xad" * 4096)


@pytest.mark.parametrize(
    "argv",
    [["day"], ["youth", "add", "--first", "Hélène", "--last", "Martin"], ["youth", "search", "martin"]],
)
def test_a_damaged_file_is_refused_before_anything_with_the_way_back(
    template: Path, tmp_path: Path, argv: list[str]
) -> None:
    db = tmp_path / "site.sqlite3"
    shutil.copy(template, db)
    backup = run_cli("backup", db=db)
    assert backup.returncode == 0, backup.stderr
    _damage(db)
    before = db.read_bytes()
    r = run_cli(*argv, db=db)
    line = one_line(r.stderr)
    assert r.returncode == 4 and "endommagé" in line, line
    assert "mlplanner restore" in line and "backups" in line  # the last good backup, and how
    assert db.read_bytes() == before
    assert run_cli("check", db=db).returncode == 4


def test_the_way_back_from_a_damaged_file_works(template: Path, tmp_path: Path) -> None:
    """The refusal names the last good backup and the command that restores it: that command works."""
    db = tmp_path / "site.sqlite3"
    shutil.copy(template, db)
    assert run_cli("backup", db=db).returncode == 0
    _damage(db)
    damaged = run_cli("day", db=db)
    line = one_line(damaged.stderr)
    good = line.split("Dernière sauvegarde saine : ")[1].split(" (du ")[0]
    listed = run_cli("backup", "--list", db=db)  # listing the copies still works on a damaged file
    assert listed.returncode == 0 and Path(good).name in listed.stdout
    restored = run_cli("restore", good, "--yes", db=db)
    assert restored.returncode == 0, restored.stderr
    assert run_cli("check", db=db).returncode == 0
    assert run_cli("day", db=db).returncode == 0
