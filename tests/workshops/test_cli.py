"""`mlplanner workshop ...` on a real site file: JSON output, French errors, exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from mlplanner.cli.main import main


def _run(capsys, db, *argv: str) -> tuple[int, object, str]:
    code = main(["workshop", *argv, "--db", str(db), "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def _tuesday_after(days: int) -> datetime:
    day = datetime.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def test_cli_series_registrations_and_attendance(site, capsys):
    db = site.services.ctx.db.location
    start = _tuesday_after(30)
    code, out, _ = _run(
        capsys,
        db,
        "create",
        "--title",
        "Atelier CV",
        "--start",
        f"{start:%Y-%m-%d %H:%M}",
        "--duration",
        "90",
        "--capacity",
        "2",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
        "--room",
        "Salle d'atelier",
        "--facilitator",
        "Claire Lefèvre",
    )
    assert code == 0 and len(out["sessions"]) + len(out["skipped"]) == 3
    sid = out["sessions"][0]["id"]
    code, listed, _ = _run(
        capsys,
        db,
        "sessions",
        "--from",
        f"{start:%d/%m/%Y}",
        "--to",
        f"{start + timedelta(days=20):%d/%m/%Y}",
    )
    assert code == 0 and sid in [s["id"] for s in listed]
    statuses = []
    for youth in ("Koné", "Lœuvre", "N'Diaye"):
        code, res, _ = _run(capsys, db, "register", "--session", sid, "--youth", youth, "--waitlist-ok")
        assert code == 0
        statuses.append(res["registrations"][0]["status"])
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    code, _, err = _run(capsys, db, "register", "--session", sid, "--youth", "Koné")
    assert code == 3 and json.loads(err)["error"] == "already_registered"
    code, res, _ = _run(capsys, db, "cancel-registration", "--session", sid, "--youth", "Koné")
    assert code == 0 and "N'DIAYE Aïssatou" in res["notices"][0]
    # attendance on a past session entered in back-office
    past = _tuesday_after(-14)
    code, out, _ = _run(
        capsys,
        db,
        "create",
        "--title",
        "Info santé",
        "--start",
        f"{past:%Y-%m-%d %H:%M}",
        "--duration",
        "60",
        "--capacity",
        "8",
        "--back-office",
    )
    assert code == 0
    old = out["sessions"][0]["id"]
    code, _, _ = _run(capsys, db, "register", "--session", old, "--youth", "Koné", "--back-office")
    assert code == 0
    code, res, _ = _run(capsys, db, "attendance", "--session", old, "--youth", "Koné", "--set", "late")
    assert code == 0 and res["registrations"][0]["attendance"] == "late"
    code, _, err = _run(capsys, db, "close", "--session", old)
    assert code == 0, err


def test_cli_errors_are_one_french_line(site, capsys):
    db = site.services.ctx.db.location
    argv = ["workshop", "create", "--db", str(db), "--title", "X", "--start", "2031-03-04 10:00"]
    code = main([*argv, "--duration", "60", "--capacity", "5", "--rrule", "FREQ=WEEKLY;UNTIL=20300101"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("mlplanner : La règle « FREQ=WEEKLY;UNTIL=20300101 » ne produit aucune date")
    assert "Traceback" not in err
    code = main(["workshop", "sessions", "--db", str(db), "--from", "10/03/2031", "--to", "01/03/2031"])
    _, err = capsys.readouterr()
    assert code == 2 and "La date de fin doit suivre" in err
