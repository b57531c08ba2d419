"""Child processes of the benchmark's start-up measurements.

`python -m mlplanner.bench.window_probe login FILE`: run `python -m mlplanner --db FILE` unchanged, with
its own probe (`MLPLANNER_STARTUP_PROBE=1`): it prints `window_ms=` once its main window is shown and
painted (menus, status bar, the "starting" panel: the site file is not open yet), `login_ms=` once the
PIN login is shown over it (file open, instance lock taken, UI modules imported), and exits (the quick
check and daily backup start only once a day view is shown).

`python -m mlplanner.bench.window_probe window FILE`: the same start (`mlplanner.app.run_app`), with the
site lead logged in instead of a PIN typed by a person: it prints `window_ms=`, then `ready_ms=` once the
site's day view is built, shown and painted (core pages and plug-ins installed).

Both print the process's peak resident memory last, as `vmhwm_kb=N` (from /proc: the peak of this
program only, unlike `ru_maxrss`, which on Linux also counts the parent's memory at fork time).
"""

from __future__ import annotations

import atexit
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor


def peak_rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:  # Windows
        return 0


def _report_peak() -> None:
    print(f"vmhwm_kb={peak_rss_kb()}", flush=True)


def window(db: str) -> int:
    from mlplanner.app import run_app
    from mlplanner.domain.enums import Role

    def site_lead(_window: object, services: Services, done: Callable[[Actor], None]) -> None:
        from mlplanner.services.context import Actor  # imported by then: not timed before the window shows

        lead = services.directory.staff(role=Role.SITE_LEAD)[0]
        done(Actor(lead.id, lead.display_name, lead.role))

    return run_app(Path(db), [], login=site_lead)


def login(db: str) -> None:
    sys.argv = ["mlplanner", "--db", db]
    runpy.run_module("mlplanner", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    atexit.register(_report_peak)
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "login":
        login(path)
    else:
        sys.exit(window(path))
