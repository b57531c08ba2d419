"""Cold start of the app on the large site, and its peak memory, each in a separate process.

Three programs are started, offscreen, and timed from the spawn to the line each prints once its first
window is up (see `window_probe`):
- the app itself, `python -m mlplanner --db FILE`, up to its PIN login window (its own probe
  `MLPLANNER_STARTUP_PROBE=1`);
- the same start continued to the main window with the site's day view, shown (the PIN step skipped);
- the floor: a bare QApplication showing an empty QMainWindow.
Each child reports its own peak RSS (VmHWM); its CPU time comes from `wait4`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .report import Budget, Row

START = Budget("< 2 s and ≤ 1.5 × floor + 0.5 s", limit=2.0, factor=1.5, plus=0.5)
MEMORY = Budget("< 300 MB", limit=300.0)
TIMEOUT_S = 120

BARE_QT = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
print("shown", flush=True)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("vmhwm_kb=" + line.split()[1], flush=True)
"""


@dataclass
class Launch:
    seconds: float = 0.0  # spawn to the ready line
    cpu: float = 0.0  # user + system CPU of the whole process
    peak_mb: float = 0.0
    error: str = ""


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


def launch(argv: list[str], env: dict[str, str], log: Path, ready: Callable[[str], bool]) -> Launch:
    out = Launch()
    with log.open("w") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env, text=True)
        watchdog = threading.Timer(TIMEOUT_S, proc.kill)  # only the process started here
        watchdog.start()
        try:
            seen = False
            assert proc.stdout is not None
            for line in proc.stdout:
                line = line.strip()
                if not seen and ready(line):
                    out.seconds, seen = time.perf_counter() - t0, True
                elif line.startswith("vmhwm_kb="):
                    out.peak_mb = int(line.split("=", 1)[1]) / 1024
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.cpu = usage.ru_utime + usage.ru_stime
        finally:
            watchdog.cancel()
    if not seen:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        out.error = f"no start-up line from {' '.join(argv[1:4])} ({tail[0][:160]})"
    return out


def startup(db: Path, workdir: Path, runs: int, note: Callable[[str], None]) -> list[Row]:
    login_row = Row("cold start to the login window (python -m mlplanner)", START)
    window_row = Row("cold start to a shown main window (site day view)", START)
    memory_row = Row("peak memory of the app with its main window (RSS)", MEMORY, unit="MB")
    env, log = _env(workdir), workdir / "startup-stderr.log"
    probe = [sys.executable, "-m", "mlplanner.bench.window_probe"]
    programs = {
        "floor": ([sys.executable, "-c", BARE_QT], lambda s: s == "shown"),
        "login": ([*probe, "login", str(db)], lambda s: s.startswith("startup_ms=")),
        "window": ([*probe, "window", str(db)], lambda s: s == "shown"),
    }
    runs_of: dict[str, list[Launch]] = {k: [] for k in programs}
    errors: dict[str, str] = {}
    for i in range(runs + 1):  # round 0 warms the OS file cache and takes the day's first backup
        note(f"démarrage à froid {i}/{runs}" if i else "démarrage à froid : tour de chauffe")
        for key, (argv, ready) in programs.items():
            if key in errors:
                continue
            result = launch(argv, env, log, ready)
            if result.error:
                errors[key] = result.error
            elif i:
                runs_of[key].append(result)
    floor = runs_of["floor"]
    floor_s = statistics.median(r.seconds for r in floor) if floor else None
    for row, key, what in (
        (login_row, "login", "the app's own probe MLPLANNER_STARTUP_PROBE=1"),
        (
            window_row,
            "window",
            "run_app's start (guard: lock, integrity check, backup) then build_window, site lead",
        ),
    ):
        if key in errors:
            row.note = f"not measured: {errors[key]}"
            continue
        done = runs_of[key]
        row.median, row.floor, row.runs = statistics.median(r.seconds for r in done), floor_s, runs
        row.samples = [r.seconds for r in done]
        row.cpu = statistics.median(r.cpu for r in done)
        row.note = f"{what}; CPU {row.cpu:.2f} s (floor {statistics.median(r.cpu for r in floor):.2f} s)"
    if "window" in errors:
        memory_row.note = window_row.note
    else:
        memory_row.median = max(r.peak_mb for r in runs_of["window"])
        memory_row.floor = max(r.peak_mb for r in floor) if floor else None
        memory_row.runs, memory_row.samples = runs, [r.peak_mb for r in runs_of["window"]]
        login_peak = max((r.peak_mb for r in runs_of["login"]), default=0)
        memory_row.note = f"VmHWM of the main-window process; login window alone {login_peak:.0f} MB; floor = bare QMainWindow"
    return [login_row, window_row, memory_row]
