"""Cold start of the app on the large site, and its peak memory, each in a separate process.

Three programs are started as a user starts them, offscreen, and timed from the spawn to the line each
prints once its first window is up:
- the app itself, `python -m mlplanner --db FILE` with the app's own probe `MLPLANNER_STARTUP_PROBE=1`
  (it stops once the PIN login window is shown);
- `python -m mlplanner.bench.window_probe FILE`: the same start, then the main window with the site's
  day view, shown (the PIN step skipped);
- the floor: a bare QApplication showing an empty QMainWindow.
Peak memory is each child's `ru_maxrss` as reported by `wait4` (the whole life of the process).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .report import Budget, Row

START = Budget("< 2 s and ≤ 1.5 × floor + 0.5 s", limit=2.0, factor=1.5, plus=0.5)
MEMORY = Budget("< 300 MB", limit=300.0)
TIMEOUT_S = 90

BARE_QT = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
print("shown", flush=True)
"""


def _env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "MLPLANNER_STARTUP_PROBE": "1",
            # the app's data folder, logs and settings: the benchmark's, not the user's
            "XDG_DATA_HOME": str(workdir / "appdata"),
            "XDG_CONFIG_HOME": str(workdir / "appconfig"),
            "XDG_CACHE_HOME": str(workdir / "appcache"),
        }
    )
    return env


def launch(
    argv: list[str], env: dict[str, str], log: Path, ready: Callable[[str], bool]
) -> tuple[float, float, str]:
    """(seconds from the spawn to the ready line, peak RSS in MB, error text or "")."""
    with log.open("w") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env, text=True)
        watchdog = threading.Timer(TIMEOUT_S, proc.kill)  # only the process started here
        watchdog.start()
        try:
            line, seen = "-", False
            while line and not seen:
                line = proc.stdout.readline() if proc.stdout else ""
                seen = ready(line.strip())
            elapsed = time.perf_counter() - t0
            if proc.stdout:
                proc.stdout.read()
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            watchdog.cancel()
    if not seen:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        return 0.0, 0.0, f"no start-up line from {argv[1:3]} ({tail[0][:160]})"
    return elapsed, usage.ru_maxrss / 1024, ""


def startup(db: Path, workdir: Path, runs: int, note: Callable[[str], None]) -> list[Row]:
    login_row = Row("cold start to the login window (python -m mlplanner)", START)
    window_row = Row("cold start to a shown main window (site day view)", START)
    memory_row = Row("peak memory of the app with its main window (RSS)", MEMORY, unit="MB")
    env, log = _env(workdir), workdir / "startup-stderr.log"
    programs = {
        "floor": ([sys.executable, "-c", BARE_QT], lambda s: s == "shown"),
        "login": (
            [sys.executable, "-m", "mlplanner", "--db", str(db)],
            lambda s: s.startswith("startup_ms="),
        ),
        "window": ([sys.executable, "-m", "mlplanner.bench.window_probe", str(db)], lambda s: s == "shown"),
    }
    times: dict[str, list[float]] = {k: [] for k in programs}
    peaks: dict[str, list[float]] = {k: [] for k in programs}
    errors: dict[str, str] = {}
    for i in range(runs + 1):  # the first round warms the OS file cache: "cold" means a new process
        if i:
            note(f"démarrage à froid {i}/{runs}")
        for key, (argv, ready) in programs.items():
            if key in errors:
                continue
            t, peak, err = launch(argv, env, log, ready)
            if err:
                errors[key] = err
            elif i:
                times[key].append(t)
                peaks[key].append(peak)
    floor = statistics.median(times["floor"]) if times["floor"] else None
    for row, key in ((login_row, "login"), (window_row, "window")):
        if key in errors:
            row.note = f"not measured: {errors[key]}"
            continue
        row.median, row.floor, row.runs, row.samples = statistics.median(times[key]), floor, runs, times[key]
    login_row.note = (
        login_row.note or "the app's own probe MLPLANNER_STARTUP_PROBE=1; floor = bare QMainWindow"
    )
    window_row.note = window_row.note or (
        "python -m mlplanner.bench.window_probe: run_app's start with the site lead logged in (no PIN typed), "
        "build_window, show"
    )
    if "window" in errors:
        memory_row.note = window_row.note
    else:
        memory_row.median, memory_row.floor = max(peaks["window"]), max(peaks["floor"] or [0]) or None
        memory_row.runs, memory_row.samples = runs, peaks["window"]
        memory_row.note = f"ru_maxrss of the main-window process; login window alone {max(peaks['login'] or [0]):.0f} MB; floor = bare QMainWindow"
    return [login_row, window_row, memory_row]
