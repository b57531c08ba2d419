"""Cold start of the app on the large site, and its peak memory, each in a separate process.

Three programs are started, offscreen, and timed from the spawn to each line they print once a step
is on screen (see `window_probe`):
- the app itself, `python -m mlplanner --db FILE`, with its own probe `MLPLANNER_STARTUP_PROBE=1`:
  `window_ms=` once its main window is shown and painted (title, menus, empty status bar, the start-up
  panel: busy bar and « Ouverture de la base… »; the file is not open yet), then `login_ms=` once the PIN
  login is shown over it (file open, instance lock held; the quick check and the daily backup run in
  the background once the day view is shown);
- the same start with the site lead logged in instead of a PIN typed: `ready_ms=` once the site's day
  view is built, shown and painted (core pages and plug-ins installed);
- the floor: a bare QApplication showing an empty QMainWindow.
Each child reports its own peak RSS (VmHWM); its CPU time comes from `wait4`.

The children run with compiled bytecode, as the installed app does (PyInstaller bundles .pyc files):
`PYTHONDONTWRITEBYTECODE` is dropped and `PYTHONPYCACHEPREFIX` points into the work folder, so the
warm-up round compiles what the timed rounds load. Compiling the app's own modules at each start
would add ~0.4 s of CPU that no user pays.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mlplanner.bench.report import Budget, Row

START = Budget("< 2 s and ≤ 1.5 × floor + 0.5 s", limit=2.0, factor=1.5, plus=0.5)
USABLE = Budget("< 2 s", limit=2.0)  # the steps after the window: the absolute limit
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
print("shown=1", flush=True)
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("vmhwm_kb=" + line.split()[1], flush=True)
"""


@dataclass
class Launch:
    at: dict[str, float] = field(default_factory=dict)  # step → seconds from the spawn to its line
    cpu_at: dict[str, float] = field(default_factory=dict)  # step → the process's CPU seconds until then
    cpu: float = 0.0  # user + system CPU of the whole process (the file's check after the day included)
    peak_mb: float = 0.0
    error: str = ""


def _env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "MLPLANNER_STARTUP_PROBE": "1",
            "PYTHONPYCACHEPREFIX": str(workdir / "pycache"),  # compiled once, by the warm-up round
            # the app's data folder, logs and settings: the benchmark's, not the user's
            "XDG_DATA_HOME": str(workdir / "appdata"),
            "XDG_CONFIG_HOME": str(workdir / "appconfig"),
            "XDG_CACHE_HOME": str(workdir / "appcache"),
        }
    )
    return env


def launch(argv: list[str], env: dict[str, str], log: Path, steps: tuple[str, ...]) -> Launch:
    """Run `argv`; note when each `<step>_ms=` (or `<step>=`) line arrives."""
    out = Launch()
    with log.open("w") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env, text=True)
        watchdog = threading.Timer(TIMEOUT_S, proc.kill)  # only the process started here
        watchdog.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                key = line.strip().split("=", 1)[0].removesuffix("_ms")
                if key in steps and key not in out.at:
                    out.at[key] = time.perf_counter() - t0
                elif key.removesuffix("_cpu") in steps and key.endswith("_cpu"):
                    out.cpu_at[key.removesuffix("_cpu")] = int(line.split("=", 1)[1]) / 1000
                elif key == "vmhwm_kb":
                    out.peak_mb = int(line.split("=", 1)[1]) / 1024
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.cpu = usage.ru_utime + usage.ru_stime
        finally:
            watchdog.cancel()
    missing = [s for s in steps if s not in out.at]
    if missing:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        out.error = f"no {missing[0]} line from {' '.join(argv[1:4])} ({tail[0][:160]})"
    return out


def startup(db: Path, workdir: Path, runs: int, note: Callable[[str], None]) -> list[Row]:
    window_row = Row("cold start to a shown main window (python -m mlplanner)", START)
    login_row = Row("cold start to the PIN login window over it, file open", USABLE)
    day_row = Row("cold start to the site day view (PIN step skipped)", USABLE)
    memory_row = Row("peak memory of the app with its day view (RSS)", MEMORY, unit="MB")
    env, log = _env(workdir), workdir / "startup-stderr.log"
    probe = [sys.executable, "-m", "mlplanner.bench.window_probe"]
    programs: dict[str, tuple[list[str], tuple[str, ...]]] = {
        "floor": ([sys.executable, "-c", BARE_QT], ("shown",)),
        "app": ([*probe, "login", str(db)], ("window", "login")),
        "day": ([*probe, "window", str(db)], ("window", "ready")),
    }
    runs_of: dict[str, list[Launch]] = {k: [] for k in programs}
    errors: dict[str, str] = {}
    for i in range(runs + 1):  # round 0 compiles the bytecode, warms the file cache, takes the backup
        note(f"démarrage à froid {i}/{runs}" if i else "démarrage à froid : tour de chauffe")
        for key, (argv, steps) in programs.items():
            if key in errors:
                continue
            result = launch(argv, env, log, steps)
            if result.error:
                errors[key] = result.error
            elif i:
                runs_of[key].append(result)
    floor = runs_of["floor"]
    floor_s = statistics.median(r.at["shown"] for r in floor) if floor else None
    floor_cpu = statistics.median(r.cpu for r in floor) if floor else 0.0
    rows = (
        (window_row, "app", "window", "the app's own probe; on screen: title, menus, start-up panel"),
        (login_row, "app", "login", "same process; the quick check and daily backup wait for the day view"),
        (day_row, "day", "ready", "run_app with the site lead logged in; core pages and plug-ins installed"),
    )
    for row, key, step, what in rows:
        if key in errors:
            row.note = f"not measured: {errors[key]}"
            continue
        done = runs_of[key]
        row.median, row.floor, row.runs = statistics.median(r.at[step] for r in done), floor_s, runs
        row.samples = [r.at[step] for r in done]
        cpu = statistics.median(r.cpu for r in done)
        to_step = [r.cpu_at[step] for r in done if step in r.cpu_at]
        until = f"CPU of the process to this step {statistics.median(to_step):.2f} s, " if to_step else ""
        row.note = f"{what}; {until}CPU of the whole process {cpu:.2f} s (floor {floor_cpu:.2f} s)"
    if "day" in errors:
        memory_row.note = day_row.note
    else:
        memory_row.median = max(r.peak_mb for r in runs_of["day"])
        memory_row.floor = max(r.peak_mb for r in floor) if floor else None
        memory_row.runs, memory_row.samples = runs, [r.peak_mb for r in runs_of["day"]]
        login_peak = max((r.peak_mb for r in runs_of["app"]), default=0)
        memory_row.note = (
            f"VmHWM of the day-view process; app at its login window {login_peak:.0f} MB; "
            "floor = bare QMainWindow"
        )
    return [window_row, login_row, day_row, memory_row]
