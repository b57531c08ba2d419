"""Who is acting on the command line (README, "CLI"; `cli/identity.py`): a person proves who they are
with their PIN (`--as` + `MLPLANNER_PIN` or typed at a terminal), `--system` is IT's scheduled tasks,
and without either only commands that read run; every refusal happens before anything is done.

Before: `--as` with an unknown name was ignored by `day`, `--as ""` acted as administrator, a
deactivated staff member could still act, `--as` named anyone without a PIN, and the CLI without `--as`
acted as administrator for everything (`staff reset-pin` handed out anyone's account).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from support import sql_rows

from .test_bad_input import run_cli, state

LEAD, RECEPTIONIST = "Bernard Lemoine", "Karima Haddou"
DEMO_PIN = "1234"
#: nobody named: the test session's default (`--system`, tests/conftest.py) removed
NOBODY: dict[str, str | None] = {"MLPLANNER_SYSTEM": None, "MLPLANNER_AS": None, "MLPLANNER_PIN": None}
WITH_PIN = NOBODY | {"MLPLANNER_PIN": DEMO_PIN}
ADD = ["youth", "add", "--first", "Lou", "--last", "Bernard"]


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


def _who(db: Path, *argv: str, env: dict[str, str | None]):  # type: ignore[no-untyped-def]
    return run_cli(*argv, db=db, env_changes=env)


def _last_actor(db: Path) -> str:
    return sql_rows(db, "SELECT actor_name FROM audit_entry ORDER BY seq DESC, at DESC LIMIT 1")[0][0]


def test_without_anyone_named_reads_run_and_changes_are_refused(db: Path) -> None:
    for argv in (["day"], ["youth", "search", "a"], ["slots", "--type", "SUIVI", "--count", "1"]):
        r = _who(db, *argv, env=NOBODY)
        assert r.returncode == 0, (argv, r.stderr)
    before = state(db)
    for argv in (ADD, ["import", "youths", "absent.csv"], ["staff", "reset-pin", RECEPTIONIST]):
        r = _who(db, *argv, env=NOBODY)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, (argv, r.stderr)
        assert "Indiquez qui agit : --as « Prénom Nom »" in r.stderr and "--system" in r.stderr
    # a preview changes nothing: it reads
    assert _who(db, "privacy", "retention", env=NOBODY).returncode == 0
    assert state(db) == before


def test_a_person_acts_with_their_pin_and_the_audit_names_them(db: Path) -> None:
    r = _who(db, *ADD, "--as", LEAD, env=WITH_PIN)
    assert r.returncode == 0, r.stderr
    assert _last_actor(db) == LEAD
    # MLPLANNER_AS names the person for every command of a session
    r = _who(
        db, *ADD[:3], "Zoé", *ADD[4:], "--confirm-duplicate", env=WITH_PIN | {"MLPLANNER_AS": RECEPTIONIST}
    )
    assert r.returncode == 0, r.stderr
    assert _last_actor(db) == RECEPTIONIST


def test_a_wrong_or_missing_pin_is_refused_and_counted(db: Path) -> None:
    before = state(db)
    r = _who(db, *ADD, "--as", LEAD, env=NOBODY | {"MLPLANNER_PIN": "0000"})
    assert r.returncode == 3 and "Nom ou code incorrect." in r.stderr
    ((failures,),) = sql_rows(
        db,
        "SELECT failures FROM credential JOIN staff ON staff.id = credential.staff_id "
        "WHERE staff.last_name = 'Lemoine'",
    )
    assert failures == 1  # as in the app: towards the account's lock
    r = _who(db, "day", "--as", LEAD, env=NOBODY)  # no PIN and no terminal to type it
    assert r.returncode == 2 and f"Code PIN de {LEAD} manquant" in r.stderr
    assert state(db) == before


def test_the_system_account_runs_scheduled_tasks_but_not_a_persons_acts(db: Path) -> None:
    r = _who(db, *ADD, "--system", env=NOBODY)
    assert r.returncode == 0, r.stderr
    assert _last_actor(db).startswith("système (")
    before = state(db)
    for argv in (["staff", "reset-pin", RECEPTIONIST], ["staff", "unlock", RECEPTIONIST]):
        r = _who(db, *argv, "--system", env=NOBODY)
        assert r.returncode == 3 and "se fait au nom d'une personne" in r.stderr, (argv, r.stderr)
    assert state(db) == before
    ((admin,),) = sql_rows(db, "SELECT first_name || ' ' || last_name FROM staff WHERE role = 'admin'")
    r = _who(db, "staff", "reset-pin", RECEPTIONIST, "--as", admin, env=WITH_PIN)
    assert r.returncode == 0, r.stderr
    assert _last_actor(db) == admin


@pytest.mark.parametrize(
    ("acting", "code", "words"),
    [("", 2, "indiquez le nom"), ("   ", 2, "indiquez le nom"), ("Personne Inconnue", 3, "inconnue")],
)
def test_an_empty_or_unknown_actor_is_refused_by_every_command(
    db: Path, acting: str, code: int, words: str
) -> None:
    before = state(db)
    for argv in (["day"], ["youth", "search", "a"], ["audit"]):
        r = _who(db, *argv, "--as", acting, env=WITH_PIN)
        assert r.returncode in (2, 3) and len(r.stderr.strip().splitlines()) == 1, (argv, r.stderr)
        assert r.returncode == code or words in r.stderr.lower(), (argv, r.stderr)
        assert "Traceback" not in r.stderr
    assert state(db) == before


def test_a_deactivated_staff_member_or_a_partner_without_login_cannot_act(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE staff SET active = 0 WHERE first_name = 'Karima'")
    (partner,) = conn.execute(
        "SELECT first_name || ' ' || last_name FROM staff WHERE role = 'partner'"
    ).fetchone()
    conn.commit()
    conn.close()
    for argv in (["day"], ["youth", "search", "a"]):
        r = _who(db, *argv, "--as", RECEPTIONIST, env=WITH_PIN)
        assert r.returncode == 3 and "plus en activité" in r.stderr, (argv, r.stderr)
    r = _who(db, "day", "--as", partner, env=WITH_PIN)
    assert r.returncode == 3 and "pas de code PIN" in r.stderr
