"""Smoke test of the benchmark: `--size small` runs end to end and reports every operation.

Timings are never asserted (the machine running the suite is shared): speed is the benchmark's job.
What is asserted is that every operation was actually measured, so that a change elsewhere (a renamed
service, a start-up probe gone) shows up here rather than as a silent "not measured" in the README.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_small_benchmark_measures_every_operation(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlplanner.bench",
            "--size",
            "small",
            "--json",
            str(out),
            "--today",
            "2026-11-27",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| operation" in proc.stdout
    assert "jeunes" in proc.stderr  # the progress indicator ran

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["size"] == "small"
    assert data["meta"]["counts"]["youths"] == 5000
    assert data["meta"]["counts"]["appointments"] > 1000
    rows = {r["operation"]: r for r in data["rows"]}
    expected = (
        "login window",
        "main window",
        "day view",
        "free-slot",
        "one keystroke",
        "book one",
        "day schedule PDF",
        "sign-in sheet PDF",
        "sync",
        "peak memory",
    )
    for word in expected:
        matching = [r for name, r in rows.items() if word in name]
        assert matching, f"no row for {word!r}: {list(rows)}"
        for r in matching:
            assert r["median"] is not None and r["median"] > 0, r
            assert r["floor"] is not None and r["floor"] > 0, r
            assert r["pass"] in (True, False), r
    sync = next(r for name, r in rows.items() if "sync" in name)
    exported = int(sync["note"].split(" rows exported")[0].replace(",", ""))
    assert exported > 100  # a month of changes, not nothing and not the whole file


@pytest.mark.slow
def test_the_sync_row_runs_again_in_a_kept_work_folder(tmp_path: Path) -> None:
    """`--workdir` keeps the site for the next run; the sync row's second run in it stopped with a
    traceback (exit 1): the folder kept the first run's change sets and the site its numbering after
    them, while the other site was built afresh and refused a change set whose predecessors it lacked."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, "-m", "mlplanner.bench", "--size", "small", "--only", "sync"]
    args += ["--today", "2026-11-27", "--workdir", str(tmp_path / "work")]
    for run in (1, 2):
        out = tmp_path / f"run{run}.json"
        proc = subprocess.run(
            [*args, "--json", str(out)], capture_output=True, text=True, env=env, timeout=300, check=False
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        (row,) = json.loads(out.read_text(encoding="utf-8"))["rows"]
        assert int(row["note"].split(" rows exported")[0].replace(",", "")) > 100
