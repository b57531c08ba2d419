"""Who is acting on the command line: `--as` names an active staff member of this site, checked before
the command starts, by every command (reads included); without `--as` the CLI is the system account.

Before: `--as` with an unknown name was ignored by `day`, `--as ""` acted as administrator, and a
deactivated staff member could still act.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from .test_bad_input import run_cli, state

LEAD, RECEPTIONIST = "Bernard Lemoine", "Karima Haddou"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("who") / "demo.sqlite3"
    r = run_cli("demo", "--today", "2026-11-27", "--no-workshops", "--youths", "30", db=db)
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "site.sqlite3"
    shutil.copy(template, path)
    return path


@pytest.mark.parametrize(
    ("acting", "code", "words"),
    [("", 2, "indiquez le nom"), ("   ", 2, "indiquez le nom"), ("Personne Inconnue", 3, "inconnue")],
)
def test_an_empty_or_unknown_actor_is_refused_by_every_command(
    db: Path, acting: str, code: int, words: str
) -> None:
    before = state(db)
    for argv in (["day"], ["youth", "search", "a"], ["audit"]):
        r = run_cli(*argv, "--as", acting, db=db)
        assert r.returncode in (2, 3) and len(r.stderr.strip().splitlines()) == 1, (argv, r.stderr)
        assert r.returncode == code or words in r.stderr.lower(), (argv, r.stderr)
        assert "Traceback" not in r.stderr
    assert state(db) == before


def test_a_deactivated_staff_member_can_no_longer_act(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE staff SET active = 0 WHERE first_name = 'Karima'")
    conn.commit()
    conn.close()
    for argv in (["day"], ["youth", "search", "a"]):
        r = run_cli(*argv, "--as", RECEPTIONIST, db=db)
        assert r.returncode == 3 and "plus en activité" in r.stderr, (argv, r.stderr)


def test_an_active_person_acts(db: Path) -> None:
    assert run_cli("day", "--as", LEAD, db=db).returncode == 0
    assert run_cli("day", db=db).returncode == 0  # no --as: the system account (README, "CLI")
