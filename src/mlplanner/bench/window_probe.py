"""Child processes of the benchmark's start-up measurements.

`python -m mlplanner.bench.window_probe window FILE`: start as `mlplanner.app.run_app` does (Qt, the
services on the file, the start-up guard: instance lock, integrity check, daily backup), then, with the
site lead logged in instead of a PIN typed by a person, build the main window with
`mlplanner.app.build_window` (core pages and plug-ins, the site's day view), show it, paint it, and
print `shown`. The benchmark times the spawn to that line.

`python -m mlplanner.bench.window_probe login FILE`: run `python -m mlplanner --db FILE` unchanged (its
own probe, `MLPLANNER_STARTUP_PROBE=1`, stops once the login window is up and prints `startup_ms=`).

Both print the process's peak resident memory last, as `vmhwm_kb=N` (from /proc: the peak of this
program only, unlike `ru_maxrss`, which on Linux also counts the parent's memory at fork time).
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


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
    from PySide6.QtWidgets import QApplication

    from ..app import build_window
    from ..domain.enums import Role
    from ..services.container import Services
    from ..services.context import Actor

    app = QApplication([sys.argv[0]])
    app.setApplicationName("mlplanner")
    app.setOrganizationName("mlplanner")
    try:
        from ..ui import i18n

        i18n.install(app, i18n.chosen_language())
    except ImportError:  # a UI without translations
        pass
    services = Services.open(db)
    try:
        from ..ui.ops_pages import startup_guard
        from ..ui.prompt import QtPrompt
    except ImportError:  # a UI without the start-up guard
        pass
    else:
        if not startup_guard(Path(db), services, QtPrompt()):
            return 1
    lead = services.directory.staff(role=Role.SITE_LEAD)[0]
    win = build_window(services, Actor(lead.id, lead.display_name, lead.role))
    win.resize(1366, 768)
    win.show()
    app.processEvents()
    print("shown", flush=True)
    services.close()
    return 0


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
