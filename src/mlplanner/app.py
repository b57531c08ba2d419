"""Composition root of the desktop app: paths → database → services → QApplication → main window.

Other UI areas plug in by listing their module in `PLUGIN_MODULES`; each module exposes
`install(window: MainWindow) -> None` (see `mlplanner.ui`).
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from .paths import default_db_path

# One line per UI area, e.g. "mlplanner.ui.youth_file". The core pages are installed first.
PLUGIN_MODULES: list[str] = []


def run_app(db_path: Path | None, argv: list[str]) -> int:
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from .domain.enums import Role
    from .services.container import Services
    from .services.context import Actor
    from .services.demo import ensure_demo
    from .ui import errors
    from .ui.bus import ChangeBus
    from .ui.main_window import MainWindow
    from .ui.prompt import QtPrompt

    log_path = errors.setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    prompt = QtPrompt()
    errors.install(prompt)
    path = db_path or default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    services = Services.open(path)
    ensure_demo(services)
    lead = services.directory.staff(role=Role.SITE_LEAD)[0]
    actor = Actor(lead.id, lead.display_name, lead.role)
    bus = ChangeBus()
    window = MainWindow(services, actor, bus, prompt=prompt)
    for name in PLUGIN_MODULES:
        importlib.import_module(name).install(window)
    window.resize(1366, 768)
    window.show()
    window.status.showMessage(f"Prêt en {time.perf_counter() - t0:.2f} s · journal : {log_path}", 8000)
    return app.exec()
