"""The headless CLI in real subprocesses (`python -m mlplanner ... --db FILE|URL`): output, `--json`, exit
codes, on both engines (a site file, a database on the test session's PostgreSQL server).

"Now" is fixed with `MLPLANNER_NOW` (Monday 1 March 2027, 08:30 in Paris) so that the tests do not depend
on the day they run. Errors: exactly one line on stderr, exit 2 (bad input) / 3 (rule) / 4 (database),
and nothing changed in the file. Each run costs an interpreter start, so refusals run side by side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from engines import Templates, private_copy
from mlplanner.storage.db import redact
from support import sql_rows

NOW = "2027-03-01T08:30"
LATER = "2027-03-01T17:45"


def command(*args: str, db: Path | str, now: str = NOW) -> tuple[list[str], dict[str, str]]:
    env = os.environ | {
        "MLPLANNER_NOW": now,
        "MLPLANNER_NO_USER_SETTINGS": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    if isinstance(db, Path):
        env["XDG_DATA_HOME"] = str(db.parent / "xdg")  # the log file stays in the test's folder
    env.pop("MLPLANNER_DB", None)
    return [sys.executable, "-m", "mlplanner", *args, "--db", str(db)], env


def cli(*args: str, db: Path | str, now: str = NOW) -> subprocess.CompletedProcess[str]:
    argv, env = command(*args, db=db, now=now)
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=180)


def ok(*args: str, db: Path | str, now: str = NOW) -> str:
    r = cli(*args, db=db, now=now)
    assert r.returncode == 0, r.stderr
    return r.stdout


def js(*args: str, db: Path | str, now: str = NOW):
    return json.loads(ok(*args, "--json", db=db, now=now))


def state(db: Path | str) -> tuple:
    """Everything a command could change: appointments, youths, audit entries."""
    return tuple(
        sql_rows(db, f"SELECT * FROM {t} ORDER BY id") for t in ("appointment", "youth", "audit_entry")
    )


def query(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """`?` placeholders, in order."""
    parts = sql.split("?")
    named = "".join(f"{part}:p{i}" for i, part in enumerate(parts[:-1])) + parts[-1]
    return sql_rows(db, named, {f"p{i}": v for i, v in enumerate(params)})


@dataclass(frozen=True)
class Refusal:
    code: int
    args: tuple[str, ...]
    words: tuple[str, ...] = ()
    now: str = NOW


def refuse_all(db: Path, refusals: list[Refusal]) -> list[str]:
    """Run refusals side by side; each: its exit code, one stderr line naming the problem, no stdout.
    Nothing may change in the file."""
    before = state(db)
    procs = []
    for r in refusals:
        argv, env = command(*r.args, db=db, now=r.now)
        procs.append(
            subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    lines = []
    for r, p in zip(refusals, procs, strict=True):
        out, err = p.communicate(timeout=180)
        assert p.returncode == r.code, (r.args, p.returncode, out, err)
        assert out == "" and "Traceback" not in err, (r.args, out, err)
        assert len(err.splitlines()) == 1, (r.args, err)
        for w in r.words:
            assert w in err, (r.args, w, err)
        lines.append(err.strip())
    assert state(db) == before
    return lines


def _cli_demo(location: Path | str) -> None:
    """`mlplanner demo` itself (seed 7, 200 youths, today = 1 March 2027): a file, or a server database."""
    out = ok("demo", "--seed", "7", "--youths", "200", "--today", "2027-03-01", db=location)
    assert out.startswith(f"Site PARIS13 créé dans {redact(location)} : ")
    assert ": 14 personnes, 6 salles, 200 jeunes, " in out and "Code de démonstration : 1234." in out


@pytest.fixture
def db(engine: str, templates: Templates, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """A private copy of the demo base (made once per engine)."""
    templates.get(engine, "cli-demo", _cli_demo)
    return private_copy(request, templates, engine, "cli-demo", tmp_path / "site.sqlite3")


def youth(db: Path, fold_name: str) -> tuple[str, str, str]:
    """(id, phone, external id) of the demo youth with this folded "last first" name."""
    (row,) = query(db, "SELECT id, phone, external_id FROM youth WHERE fold_name = ?", fold_name)
    return row


# --- youth search / add ----------------------------------------------------------------------------------------
def test_youth_search_and_add(db: Path) -> None:
    text = ok("youth", "search", "eloise", db=db).splitlines()
    assert len(text) > 1 and all("Éloïse" in line for line in text)
    assert any("GUÉRIN Éloïse" in line for line in text)
    yid, phone, external = youth(db, "guerin eloise")
    by_phone = js("youth", "search", phone.replace(" ", "")[:8], db=db)  # any spacing, prefix
    assert (
        by_phone[0]["id"] == yid
        and by_phone[0]["first_name"] == "Éloïse"
        and by_phone[0]["external_id"] == external
    )
    args = ("youth", "add", "--first", "Maëlys", "--last", "Lœuvre-Ndiaye", "--birth", "12/04/2006")
    out = ok(*args, "--phone", "+33 6 99 88 77 66", db=db)
    assert "LŒUVRE-NDIAYE Maëlys" in out and "06 99 88 77 66" in out and "12/04/2006" in out
    assert query(db, "SELECT phone FROM youth WHERE fold_name = 'loeuvre-ndiaye maelys'") == [
        ("06 99 88 77 66",)
    ]
    refuse_all(
        db,
        [
            Refusal(3, args, ("existe probablement déjà", "LŒUVRE-NDIAYE Maëlys")),
            Refusal(2, ("youth", "add", "--first", "Lou", "--last", "Roy", "--external-id", "185057800608436"),
                    ("sécurité sociale",)),
        ],
    )  # fmt: skip


# --- slots, book, check-in, status, cancel ---------------------------------------------------------------------
def test_slots_book_check_in_status_cancel(db: Path) -> None:
    lines = ok("slots", "--type", "SUIVI", "--count", "3", db=db).splitlines()
    assert len(lines) == 3 and all(line.startswith("01/03/2027 ") and "Bureau" in line for line in lines)
    yid, _phone, _external = youth(db, "guerin eloise")
    slot = js("slots", "--type", "SUIVI", "--youth", yid, "--count", "1", db=db)[0]
    assert set(slot) == {
        "start",
        "end",
        "counsellor_id",
        "counsellor_name",
        "room_id",
        "room_name",
        "second_staff_id",  # a second person asked for with the search (issue 18), null here
        "second_staff_name",
        "site_code",  # the site of the slot in a search across sites (issue 18), "" here
        "site_name",
    }
    assert slot["start"] >= "2027-03-01T08:30"
    start = slot["start"].replace("T", " ")
    booked = js(
        "book",
        "--youth",
        yid,
        "--type",
        "SUIVI",
        "--start",
        start,
        "--counsellor",
        slot["counsellor_name"],
        db=db,
    )
    assert (booked["status"], booked["room_name"], booked["start"]) == (
        "booked",
        slot["room_name"],
        slot["start"],
    )
    assert booked["youth_name"] == "GUÉRIN Éloïse" and booked["counsellor_id"] == slot["counsellor_id"]
    line = ok("check-in", "--appointment", booked["id"], db=db)
    assert line.startswith(booked["id"]) and line.strip().endswith("arrivé")
    done = js(
        "status", "--appointment", booked["id"], "--set", "seen", "--note", "CV à jour", db=db, now=LATER
    )
    assert done["status"] == "seen" and done["notes"] == "CV à jour"
    # a booked appointment of the demo, cancelled by the young person
    (later,) = query(
        db,
        "SELECT id FROM appointment WHERE status = 'booked' AND start > '2027-03-02' ORDER BY start LIMIT 1",
    )[0]
    out = ok("cancel", "--appointment", later, "--by-youth", db=db)
    assert out.startswith(later) and "annulé par le jeune" in out
    statuses = query(db, "SELECT id, status FROM appointment WHERE id IN (?, ?)", booked["id"], later)
    assert dict(statuses) == {booked["id"]: "seen", later: "cancelled_youth"}


# --- walk-in ---------------------------------------------------------------------------------------------------
def test_walk_in_offer_then_walk_in_then_nobody_on_duty(db: Path) -> None:
    # two young people of the demo (its names follow its seed): the first ones in name order
    yid, other = (r[0] for r in query(db, "SELECT id FROM youth ORDER BY fold_name LIMIT 2"))
    before = state(db)
    offer = ok("walk-in", "--youth", yid, "--offer", db=db, now="2027-03-01T10:05")
    assert "serait reçu(e) par" in offer and "rien n'est enregistré" in offer
    assert state(db) == before
    done = js("walk-in", "--youth", yid, db=db, now="2027-03-01T10:05")
    a = done["appointment"]
    assert a["status"] == "arrived" and a["notes"] == "sans rendez-vous" and done["checked_in"]
    assert a["start"][:10] == "2027-03-01" and a["start"] >= "2027-03-01T10:05"
    assert a["counsellor_name"] in offer
    later = ok("walk-in", "--youth", other, "--come-back", db=db, now="2027-03-01T10:05")
    assert "à revenir à cette heure" in later and later.split("\n")[0].strip().endswith("prévu")
    refuse_all(
        db,
        [
            Refusal(3, ("walk-in", "--youth", other), ("Aucun conseiller n'est disponible",), now=LATER),
            Refusal(2, ("walk-in", "--youth", other, "--type", "TEL"), ("à distance",)),
        ],
    )


# --- refusals: exit 2, 3, 4 with one line and nothing changed ---------------------------------------------------
def test_refusals_change_nothing(db: Path, tmp_path: Path) -> None:
    y1 = youth(db, "guerin eloise")[0]
    y2 = youth(db, "kone celia")[0]
    # an appointment of the demo, later this week, to clash with
    (counsellor, cname, start) = query(
        db,
        "SELECT a.counsellor_id, s.first_name || ' ' || s.last_name, a.start FROM appointment a "
        "JOIN staff s ON s.id = a.counsellor_id "
        "WHERE a.status = 'booked' AND a.start > '2027-03-03' AND a.youth_id NOT IN (?, ?) ORDER BY a.start LIMIT 1",
        y1,
        y2,
    )[0]
    start = str(start)[:16]  # text on SQLite, a datetime from PostgreSQL
    book = ("book", "--youth", y2, "--type", "SUIVI")
    lines = refuse_all(
        db,
        [
            Refusal(2, (*book, "--start", "2027-02-30 10:00"), ("n'existe pas", "2027-02-30")),
            Refusal(2, ("book", "--youth", "nobody", "--type", "SUIVI", "--start", "2027-03-02 10:00", "--json"),
                    ('"error": "unknown_youth"',)),
            Refusal(2, ("book", "--youth", y2, "--type", "NOPE", "--start", "2027-03-02 10:00"),
                    ("Type de rendez-vous inconnu", "NOPE")),
            Refusal(2, (*book, "--start", "2027-03-02 10:00", "--counsellor", "Jean Inconnu"),
                    ("Aucun membre du personnel", "Jean Inconnu")),
            Refusal(3, (*book, "--start", start, "--counsellor", counsellor), (cname, "a déjà un rendez-vous")),
            Refusal(3, (*book, "--start", "2027-05-06 10:00"), ("férié", "Ascension")),
        ],
    )  # fmt: skip
    assert json.loads(lines[1])["message"] == "Aucun jeune ne correspond à « nobody »."


def test_a_missing_file_exits_2_and_an_unusable_one_4(tmp_path: Path) -> None:
    missing = tmp_path / "absent.sqlite3"
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_text("ceci n'est pas une base\n", encoding="utf-8")
    procs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for argv, env in (
            command("slots", "--type", "SUIVI", db=missing),
            command("youth", "search", "x", db=foreign),
        )
    ]
    (out1, err1), (out2, err2) = (p.communicate(timeout=180) for p in procs)
    assert [p.returncode for p in procs] == [2, 4]  # no site there yet: how to create one
    assert out1 == out2 == ""
    assert err1.count("\n") == 1 and "mlplanner demo --db" in err1 and not missing.exists()
    assert err2.count("\n") == 1 and "n'est pas une base de données mlplanner" in err2
    assert foreign.read_text(encoding="utf-8") == "ceci n'est pas une base\n"
