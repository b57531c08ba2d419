"""Malformed input on the command line, in real subprocesses: one French line on stderr, exit 2/3/4,
the file unchanged, never a traceback nor the "erreur inattendue" exit 1.

Each case below once ended in an unexpected error (OverflowError on far dates, OSError on a folder given
as a file, SQLite's integer overflow, a binary file's bytes in the message). One demo base is built per
session and engine (a file, a server database); every run gets its own copy, and the runs go side by side
(each costs an interpreter start).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from engines import Templates
from mlplanner.cli.common import os_error
from mlplanner.domain.errors import InputError, StorageError
from support import FIELD_REFUSALS, sql_rows

NOW = "2026-11-27T08:30"


def run_cli(
    *args: str,
    db: Path | str,
    now: str = NOW,
    cwd: Path | None = None,
    env_changes: dict[str, str | None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`env_changes`: variables to set (a value) or remove (None) for this run."""
    env = os.environ | {
        "MLPLANNER_NOW": now,
        "MLPLANNER_NO_USER_SETTINGS": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    if isinstance(db, Path):
        env["XDG_DATA_HOME"] = str(db.parent / "xdg")
    env.pop("MLPLANNER_DB", None)
    argv = [sys.executable, "-m", "mlplanner", *args, "--db", str(db)]
    where = cwd or (db.parent if isinstance(db, Path) else None)
    return subprocess.run(
        argv, capture_output=True, text=True, env=env, timeout=180, cwd=where, stdin=subprocess.DEVNULL
    )


def state(db: Path | str) -> tuple:
    return tuple(
        sql_rows(db, f"SELECT * FROM {t} ORDER BY id")
        for t in ("appointment", "youth", "audit_entry", "workshop_series")
    )


@dataclass
class Base:
    """The module's demo base on one engine: `copy(folder)` gives a run its own copy."""

    engine: str
    location: Path | str
    templates: Templates
    made: list[Path | str]

    def copy(self, folder: Path) -> Path | str:
        location = self.templates.copy(self.engine, "bad-input", folder / "site.sqlite3")
        self.made.append(location)
        return location


def _build(location: Path | str) -> None:
    r = run_cli("demo", "--today", "2026-11-27", "--no-workshops", db=location)
    assert r.returncode == 0, r.stderr


@pytest.fixture
def template(engine: str, templates: Templates, server_copies: list[Path | str]) -> Base:
    location, _ = templates.get(engine, "bad-input", _build)
    return Base(engine, location, templates, server_copies)


@pytest.fixture
def youth_id(template: Base) -> str:
    return sql_rows(template.location, "SELECT id FROM youth ORDER BY id LIMIT 1")[0][0]


def refusals(template: Base, root: Path, cases: list[tuple[int, list[str], str]]) -> list[str]:
    """Run each (exit code, argv, expected words) on its own copy; return what went wrong."""

    def one(i: int, code: int, argv: list[str], words: str) -> str | None:
        folder = root / f"case{i}"
        folder.mkdir()
        db = template.copy(folder)
        before = state(db)
        r = run_cli(*[a.replace("{dir}", str(folder)) for a in argv], db=db, cwd=folder)
        lines = r.stderr.strip().splitlines()
        problems = []
        if r.returncode != code:
            problems.append(f"exit {r.returncode} instead of {code}")
        if len(lines) != 1 or "Traceback" in r.stderr or "inattendue" in r.stderr:
            problems.append(f"stderr {r.stderr!r}")
        elif words.lower() not in lines[0].lower():
            problems.append(f"{words!r} not in {lines[0]!r}")
        if state(db) != before:
            problems.append("the file changed")
        return f"{argv}: {'; '.join(problems)}" if problems else None

    with ThreadPoolExecutor(2) as pool:
        found = pool.map(lambda c: one(c[0], *c[1]), enumerate(cases))
        return [f for f in found if f]


def test_far_dates_are_refused_as_input(template: Base, tmp_path: Path, youth_id: str) -> None:
    cases = [
        (2, ["day", "--date", "9999-12-31"], "hors limites"),
        (2, ["book", "--youth", youth_id, "--type", "SUIVI", "--start", "0001-01-01T00:00"], "hors limites"),
        (2, ["slots", "--type", "SUIVI", "--from", "9999-12-30"], "hors limites"),
        (2, ["export", "appointments", "--from", "0001-01-01", "--to", "2027-01-01", "--out", "{dir}/x.csv"],
         "hors limites"),
        (2, ["audit", "--from", "2027-01-10", "--to", "2027-01-01"], "fin doit suivre"),
    ]  # fmt: skip
    assert refusals(template, tmp_path, cases) == []


def test_bad_output_paths_and_numbers(template: Base, tmp_path: Path, youth_id: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file.txt").write_text("pas un dossier")
    folder, a_file = str(tmp_path / "folder"), str(tmp_path / "a-file.txt")
    cases = [
        (2, ["print", "day", "--out", folder], "est un dossier"),
        (2, ["print", "day", "--out", ""], "est un dossier"),
        (2, ["backup", "--out", folder], "dossier"),
        (2, ["export", "appointments", "--from", "2027-01-01", "--to", "2027-01-10", "--out", folder],
         "est un dossier"),
        (2, ["export", "appointments", "--from", "2027-01-01", "--to", "2027-01-10",
             "--out", str(tmp_path / "missing" / "x.csv")], "n'existe pas"),
        (2, ["privacy", "export", youth_id, "--out", a_file], "déjà"),
        (2, ["workshop", "create", "--title", "CV", "--start", "2026-12-02T14:00", "--duration", "60",
             "--capacity", "2", "--close-before", str(10**23)], "30 jours"),
    ]  # fmt: skip
    assert refusals(template, tmp_path, cases) == []
    assert (tmp_path / "a-file.txt").read_text() == "pas un dossier"


def test_binary_file_imported_by_mistake_gives_one_clean_line(template: Base, tmp_path: Path) -> None:
    binary = tmp_path / "base.sqlite3"  # a database file taken for a CSV
    conn = sqlite3.connect(binary)
    with conn:
        conn.execute("CREATE TABLE youth (id TEXT, name TEXT)")
        conn.executemany("INSERT INTO youth VALUES (?, ?)", [(str(i), "é" * 40) for i in range(300)])
    conn.close()
    assert (
        refusals(template, tmp_path, [(2, ["import", "youths", str(binary)], "Colonnes introuvables")]) == []
    )
    r = run_cli("import", "youths", str(binary), db=template.location, cwd=tmp_path)
    assert all(c.isprintable() for c in r.stderr.rstrip("\n"))
    assert len(r.stderr) < 400


def test_os_errors_become_one_french_sentence() -> None:
    folder = os_error(IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp/.part", None, "/tmp/out"))
    assert isinstance(folder, InputError) and folder.exit_code == 2
    assert folder.message == "Impossible d'utiliser « /tmp/out » : c'est un dossier, pas un fichier."
    denied = os_error(PermissionError(errno.EACCES, "Permission denied", "/srv/x.pdf"))
    assert isinstance(denied, StorageError) and denied.exit_code == 4
    assert "accès refusé" in denied.message
    full = os_error(OSError(errno.ENOSPC, "No space left on device"))
    assert full.exit_code == 4 and full.message == "Erreur du système : disque plein."


@pytest.mark.sqlite_only  # the server's counterpart: tests/server/test_backups.py
def test_restoring_a_file_without_a_site_leaves_the_base_whole(template: Base, tmp_path: Path) -> None:
    """A schema-only file (what an empty file becomes once opened) used to pass the preview, replace the
    live base, then fail: exit 4 and an empty base."""
    from mlplanner.storage.migrate import open_database

    blank = tmp_path / "vide.sqlite3"
    open_database(blank).engine.dispose()
    cases = [(2, ["restore", str(blank), "--yes"], "aucun site")]
    assert refusals(template, tmp_path, cases) == []


@pytest.mark.sqlite_only  # a damaged SQLite file (a server checks its own pages)
def test_check_of_a_damaged_file_is_one_line(template: Base, tmp_path: Path) -> None:
    damaged = tmp_path / "abime.sqlite3"
    shutil.copy(template.location, damaged)
    with damaged.open("r+b") as f:  # scribble over b-tree pages in the middle of the file
        f.seek(4096 * 50)
        f.write(b"\xde\xad" * 4096)
    r = run_cli("check", db=damaged)
    assert r.returncode == 4, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "intégrité" in r.stderr


def test_a_far_fixed_now_is_refused(template: Base, tmp_path: Path) -> None:
    db = template.copy(tmp_path)
    r = run_cli("day", db=db, now="9999-12-31T23:59", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.strip().splitlines() == [
        "mlplanner : MLPLANNER_NOW illisible : « 9999-12-31T23:59 » (attendu par exemple 2027-03-01T09:00)."
    ]


def test_backup_never_overwrites_a_file_that_is_not_a_database(template: Base, tmp_path: Path) -> None:
    db = template.copy(tmp_path)
    precious = tmp_path / "notes.txt"
    precious.write_text("à garder", encoding="utf-8")
    res = run_cli("backup", "--out", str(precious), db=db, cwd=tmp_path)
    assert res.returncode == 2 and "n'est pas une" in res.stderr
    assert precious.read_text(encoding="utf-8") == "à garder"
    again = tmp_path / ("copy.sqlite3" if template.engine == "sqlite" else "copy.dump")
    assert run_cli("backup", "--out", str(again), db=db, cwd=tmp_path).returncode == 0
    # an older backup may be replaced
    assert run_cli("backup", "--out", str(again), db=db, cwd=tmp_path).returncode == 0


def test_demo_with_no_youth_is_bad_input(empty_location: Path | str, tmp_path: Path) -> None:
    res = run_cli("demo", "--youths", "0", "--no-workshops", db=empty_location, cwd=tmp_path)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "jeunes" in res.stderr


def test_demo_on_a_file_that_has_a_site_changes_nothing(template: Path, tmp_path: Path) -> None:
    assert refusals(template, tmp_path, [(4, ["demo", "--no-workshops"], "contient déjà un site")]) == []


_OPTION = {
    "first_name": "--first",
    "last_name": "--last",
    "email": "--email",
    "external_id": "--external-id",
    "phone": "--phone",
}


def test_each_text_field_is_refused_in_the_words_of_the_service_and_the_form(
    template: Base, tmp_path: Path
) -> None:
    """`youth add` and `cancel --reason` say what the app's form says (FIELD_REFUSALS), exit 2, change
    nothing."""
    ((appointment,),) = sql_rows(
        template.location,
        "SELECT id FROM appointment WHERE status = 'booked' AND start > '2026-11-28' ORDER BY id LIMIT 1",
    )
    cases = []
    for field, text, sentence in FIELD_REFUSALS.values():
        options = {"--first": "Lou", "--last": "Bernard"} | {_OPTION[field]: text}
        cases.append((2, ["youth", "add", *[x for pair in options.items() for x in pair]], sentence))
    cases.append(
        (2, ["cancel", "--appointment", appointment, "--reason", "x" * 10_000],
         "Motif d'annulation : 10000 caractères, 300 au plus.")
    )  # fmt: skip
    assert refusals(template, tmp_path, cases) == []


def test_a_csv_line_longer_than_131072_characters_is_refused_and_leaves_no_file(
    template: Base, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    youths = inputs / "jeunes.csv"
    youths.write_text("Nom;Prénom\nBernard;Lou\n" + "Martin;" + "x" * 140_000 + "\n", encoding="utf-8")
    staff = inputs / "personnel.csv"
    staff.write_text('Nom;Prénom;Rôle\n"Diop;' + "a" * 131_073 + '";conseiller\n', encoding="utf-8")
    cases = [
        (2, ["import", "youths", str(youths)], "Ligne 3 : une cellule de plus de 131\u202f072 caractères"),
        (2, ["staff", "import", str(staff)], "Ligne 2 : une cellule de plus de 131\u202f072 caractères"),
    ]
    assert refusals(template, tmp_path, cases) == []
    staff_rows = sql_rows(template.location, "SELECT count(*) FROM staff")
    db = template.copy(tmp_path)
    r = run_cli("staff", "import", str(staff), db=db, cwd=tmp_path)
    assert r.returncode == 2 and "Rien n'a été importé" in r.stderr
    assert sql_rows(db, "SELECT count(*) FROM staff") == staff_rows
    assert sorted(p.name for p in inputs.iterdir()) == ["jeunes.csv", "personnel.csv"]  # no stray file
