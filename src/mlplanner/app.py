"""Composition root of the desktop app: paths → database → services → QApplication → login → window.

Other UI areas plug in by listing their module in `PLUGIN_MODULES`; each module exposes
`install(window: MainWindow) -> None` (see `mlplanner.ui`). The core pages are installed first.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from pathlib import Path

from .paths import default_db_path

# One line per UI area, e.g. "mlplanner.ui.youth_file".
PLUGIN_MODULES: list[str] = ["mlplanner.ui.pages_secondary"]
PLUGIN_MODULES.append("mlplanner.ui.ops_pages")  # audit log page, backups, RGPD tools
PLUGIN_MODULES.append("mlplanner.ui.workshops")  # workshops calendar, roster, statistics
PLUGIN_MODULES.append("mlplanner.ui.printing")  # print preview, printing, save as PDF; "Fichier" actions
PLUGIN_MODULES.append("mlplanner.ui.sync_panel")  # install_sync_ui: periodic sync, sync page, import/export

log = logging.getLogger(__name__)


def build_window(services, actor, *, prompt=None, live_refresh: bool = True):  # type: ignore[no-untyped-def]
    """The main window with the core pages and every plug-in (used by the app, tests and screenshots)."""
    from .ui.bus import ChangeBus
    from .ui.core import install_core
    from .ui.main_window import MainWindow

    window = MainWindow(services, actor, ChangeBus(), prompt=prompt)
    install_core(window, live_refresh=live_refresh)
    for name in PLUGIN_MODULES:
        importlib.import_module(name).install(window)
    window.show_page("my_day" if actor.role.value == "counsellor" else "day")
    return window


def run_app(db_path: Path | None, argv: list[str]) -> int:
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from .domain.errors import DomainError
    from .services.container import Services
    from .services.demo import ensure_demo
    from .ui import errors, i18n
    from .ui.login import LoginDialog
    from .ui.prompt import QtPrompt

    log_path = errors.setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("mlplanner")
    app.setOrganizationName("mlplanner")
    i18n.install(app, i18n.chosen_language())
    prompt = QtPrompt()
    errors.install(prompt)
    path = db_path or default_db_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        services = Services.open(path)
        if ensure_demo(services):
            log.info("demo site created in %s", path)
    except (DomainError, OSError) as exc:
        message = (
            exc.message if isinstance(exc, DomainError) else f"Impossible d'ouvrir {path} : {exc.strerror}"
        )
        prompt.error(None, message, title="Base de données")
        return 4
    from .ui.ops_pages import startup_guard

    if not startup_guard(path, services, prompt):  # one instance per file; integrity; daily backup
        return 1
    site = services.directory.site()
    login = LoginDialog(services, site_name=site.name)
    log.info("login shown after %.0f ms", (time.perf_counter() - t0) * 1000)
    if os.environ.get("MLPLANNER_STARTUP_PROBE"):  # measurement: stop once the first window is up
        login.show()
        app.processEvents()
        print(f"startup_ms={(time.perf_counter() - t0) * 1000:.0f}")
        return 0
    if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
        return 0
    window = build_window(services, login.actor, prompt=prompt)
    window.resize(1366, 768)
    window.show()
    window.status.showMessage(f"Journal : {log_path}", 8000)
    code = app.exec()
    window.deleteLater()  # Qt objects go before the interpreter tears Python down (no crash at exit)
    app.processEvents()
    services.close()
    return code
