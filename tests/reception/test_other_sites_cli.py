"""`mlplanner slots --sites`, `mlplanner book --site` and the request's life through real `mlplanner sync`
processes; and a race, in real processes, between Belleville's desk booking the slot and Belleville's
sync answering Tolbiac's request for it: one of them gets it, never both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .network import build_network

NOW = "2026-01-05T08:00"


def cli(*args: str, db: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "MLPLANNER_NOW": NOW,
        "XDG_DATA_HOME": str(tmp / "xdg"),
        "MLPLANNER_NO_USER_SETTINGS": "1",
    }
    env.pop("MLPLANNER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "mlplanner", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


@pytest.fixture
def net(tmp_path, clock):  # type: ignore[no-untyped-def]
    nodes, folder = build_network(tmp_path, clock)
    paths = [Path(str(n.services.ctx.db.path)) for n in nodes]
    youths = nodes[0].youths  # type: ignore[attr-defined]
    staff_b = nodes[1].staff["counsellor"].id
    for n in nodes:
        n.services.close()  # the processes below own the files
    return paths, folder, youths, staff_b


def test_slots_across_sites_and_a_request_through_real_syncs(net, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder, youths, _inès = net
    out = cli("slots", "--type", "SUIVI", "--youth", youths["eloise"].id, "--sites", "all", "--count", "2",
              "--from", "06/01/2026", db=a, tmp=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [x.split()[0] for x in lines] == ["TEST01", "TEST01", "TEST02", "TEST02"]
    assert "Inès Garnier" in lines[2]
    out = cli("book", "--youth", youths["eloise"].id, "--type", "SUIVI", "--start", "2026-01-06 10:00",
              "--site", "TEST02", "--counsellor", "Garnier", db=a, tmp=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "en attente de confirmation" in out.stdout
    request_id = out.stdout.split()[0]
    for db in (a, b, a):
        done = cli("sync", "--folder", str(folder), db=db, tmp=tmp_path)
        assert done.returncode == 0, done.stderr
    out = cli("requests", "list", db=a, tmp=tmp_path)
    assert out.returncode == 0 and request_id in out.stdout and "confirmé" in out.stdout
    appointment_id = out.stdout.split("--appointment ")[1].split(")")[0]
    out = cli("print", "slip", "--appointment", appointment_id, "--out", str(tmp_path / "coupon.pdf"),
              db=a, tmp=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    # bad input: an unknown site code is exit 2, nothing sent
    out = cli("book", "--youth", youths["kevin"].id, "--type", "SUIVI", "--start", "2026-01-06 11:00",
              "--site", "NULLEPART", db=a, tmp=tmp_path)  # fmt: skip
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    out = cli("slots", "--type", "SUIVI", "--sites", "TEST02", "--counsellor", "Garnier", db=a, tmp=tmp_path)
    assert out.returncode == 2


def test_the_desk_and_the_sync_race_for_the_slot(net, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder, youths, inès = net
    out = cli("book", "--youth", youths["eloise"].id, "--type", "SUIVI", "--start", "2026-01-06 10:00",
              "--site", "TEST02", "--counsellor", inès, db=a, tmp=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    request_id = out.stdout.split()[0]
    assert cli("sync", "--folder", str(folder), db=a, tmp=tmp_path).returncode == 0
    env = os.environ | {
        "MLPLANNER_NOW": NOW,
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "MLPLANNER_NO_USER_SETTINGS": "1",
    }
    env.pop("MLPLANNER_DB", None)
    base = [sys.executable, "-m", "mlplanner"]
    desk = subprocess.Popen(
        [*base, "book", "--youth", youths["kevin"].id, "--type", "SUIVI", "--start", "2026-01-06 10:00",
         "--counsellor", inès, "--db", str(b)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    sync = subprocess.Popen(
        [*base, "sync", "--folder", str(folder), "--db", str(b)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    _desk_out, desk_err = desk.communicate(timeout=240)
    _sync_out, sync_err = sync.communicate(timeout=240)
    assert sync.returncode == 0, sync_err
    assert desk.returncode in (0, 3), desk_err  # booked, or refused by the rule: never a crash
    assert cli("sync", "--folder", str(folder), db=a, tmp=tmp_path).returncode == 0
    listed = cli("requests", "list", db=a, tmp=tmp_path).stdout
    day = cli("day", "--date", "06/01/2026", "--json", db=b, tmp=tmp_path)
    import json

    at_ten = [
        x for x in json.loads(day.stdout) if x["start"] == "2026-01-06T10:00" and x["status"] == "booked"
    ]
    assert len(at_ten) == 1  # exactly one of the two got the slot
    if desk.returncode == 0:
        assert "refusé" in listed and at_ten[0]["youth_id"] == youths["kevin"].id
    else:
        assert "confirmé" in listed and at_ten[0]["youth_id"] == youths["eloise"].id
        assert "a déjà un rendez-vous" in desk_err
    assert request_id in listed
