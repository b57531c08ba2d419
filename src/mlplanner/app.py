"""Composition root of the desktop app: paths → window → database → login → pages.

Other UI areas plug in by listing their module in `PLUGIN_MODULES`; each module exposes
`install(window: MainWindow) -> None` (see `mlplanner.ui`). The core pages are installed first.

Start-up, in this order, so that the window is up at once and the GUI never freezes for long
(measured by `python -m mlplanner.bench`, see docs/performance.md):
1. Qt and the main window's own module only (no database code): the window is shown with its menus
   and a "starting" panel (a busy bar, « Ouverture de la base… »), ~0.3 s after launch;
2. a worker thread imports the services (SQLAlchemy, SQLModel...) and the UI modules, opens (or
   creates, or migrates) the site file, takes its instance lock and loads the holiday calendar;
3. the PIN login is shown over the window while the worker imports the first page's modules and loads
   the holiday calendar;
4. once logged in, the core pages are installed and the person's first page (the site's day, or "Ma
   journée") is built and shown; a second thread then runs the file's quick check and takes the day's
   first backup (writes wait for its verdict; a damaged file is reported when the check ends);
5. the other areas (`PLUGIN_MODULES`) are imported in the worker and installed once the first page is
   on screen (their pages built when first shown): the day does not wait for the sync, the outbox, the
   reports and their service modules (~0.5 s of CPU at network size, issue 19). What the day's page
   asks of them in that moment (a youth file, a print) is held and done once they are installed.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mlplanner.paths import default_db_location

if TYPE_CHECKING:
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor
    from mlplanner.ui.shell.main_window import MainWindow
    from mlplanner.ui.shell.prompt import Prompt
    from mlplanner.ui.shell.startup import LoginStep, Startup
    from mlplanner.ui.sync.choosers import Choosers

# The UI areas, in the order their pages and menu entries appear: each module has `install(window)`.
PLUGIN_MODULES: tuple[str, ...] = (
    "mlplanner.ui.youths.install",  # youth file, Ctrl+J search
    "mlplanner.ui.followup.install",  # portfolio, .ics export
    "mlplanner.ui.reception.install",  # reminder calls
    "mlplanner.ui.settings.install",  # site, rooms, staff, types
    "mlplanner.ui.administration.install",  # audit log page, backups, RGPD tools
    "mlplanner.ui.workshops.install",  # workshops calendar, roster, statistics
    "mlplanner.ui.reports.install",  # Rapports page; the youth file's CEJ and follow-up tabs
    "mlplanner.ui.printing.install",  # print preview, printing, save as PDF; "Fichier" actions
    "mlplanner.ui.sync.install",  # periodic sync, sync page, import/export
    "mlplanner.ui.reminders.install",  # messages to young people: schedule, settings tab, youth file box
    "mlplanner.ui.accessibility.install",  # descriptions for screen readers, results said aloud
)

log = logging.getLogger(__name__)


class HeldRequests:
    """What the first page asks of the areas not installed yet (open a youth file, print a slip), kept
    while they are being installed and asked again once they are: never lost, never done twice."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.held: list[tuple[str, tuple[object, ...]]] = []
        window.youthFileRequested.connect(self._youth)
        window.printRequested.connect(self._print)

    def _youth(self, youth_id: str) -> None:
        self.held.append(("youthFileRequested", (youth_id,)))

    def _print(self, kind: str, params: dict) -> None:
        self.held.append(("printRequested", (kind, params)))

    def release(self) -> None:
        self.window.youthFileRequested.disconnect(self._youth)
        self.window.printRequested.disconnect(self._print)
        held, self.held = self.held, []
        for signal, args in held:
            getattr(self.window, signal).emit(*args)


def install_first(window: MainWindow, *, live_refresh: bool = True) -> None:
    """The core pages into a window that has its services and actor, and the person's first page built
    and shown (the others when first shown); the other areas come with `install_rest`."""
    from mlplanner.ui.accessibility.install import apply_saved_display
    from mlplanner.ui.shell.core import install_core

    apply_saved_display()  # the first page is laid out at the text size and contrast chosen
    install_core(window, live_refresh=live_refresh)
    window._held_requests = HeldRequests(window)  # type: ignore[attr-defined]
    window.show_page("my_day" if window.actor.role.value == "counsellor" else "day")


def install_rest(window: MainWindow) -> None:
    """Every plug-in, in `PLUGIN_MODULES` order, into a window whose first page is shown; then the
    requests its first page made meanwhile."""
    modules = [importlib.import_module(name) for name in PLUGIN_MODULES]
    page = window.current_page_key()
    for module in modules:
        module.install(window)
    if page is not None and window.current_page_key() != page:  # no area takes the first page away
        window.show_page(page)
    held: HeldRequests | None = getattr(window, "_held_requests", None)
    if held is not None:
        del window._held_requests  # type: ignore[attr-defined]
        held.release()


def install_all(window: MainWindow, *, live_refresh: bool = True) -> None:
    """The core pages and every plug-in into a window that has its services and actor, the person's
    first page shown (the only page built now): the start's two steps at once."""
    install_first(window, live_refresh=live_refresh)
    install_rest(window)


def build_window(
    services: Services, actor: Actor, *, prompt: Prompt | None = None, live_refresh: bool = True
) -> MainWindow:
    """The main window with the core pages and every plug-in (used by tests, screenshots, self-test)."""
    from mlplanner.ui.shell.bus import ChangeBus
    from mlplanner.ui.shell.main_window import MainWindow

    window = MainWindow(services, actor, ChangeBus(), prompt=prompt)
    install_all(window, live_refresh=live_refresh)
    return window


def login_dialog(window: MainWindow, services: Services, done: Callable[[Actor], None]) -> None:
    """The PIN login over the window (window-modal); closing it closes the app."""
    from mlplanner.services.demo import DEMO_PIN
    from mlplanner.ui.shell.login import LoginDialog

    site = services.directory.site()
    dialog = LoginDialog(services, window, site_name=site.name, demo_code=DEMO_PIN if site.demo else "")
    dialog.accepted.connect(lambda: done(dialog.actor) if dialog.actor is not None else window.close())
    dialog.rejected.connect(window.close)
    dialog.open()
    window._login_dialog = dialog  # type: ignore[attr-defined]


def prepare_login(services: Services) -> None:
    """Off the GUI thread, before the login: what the GUI thread uses until someone has logged in."""
    for name in (
        "mlplanner.ui.shell.login",
        "mlplanner.ui.shell.status_bar",
        "mlplanner.ui.shell.guard",
    ):
        importlib.import_module(name)


# What the first page needs: the core pages' installer, the day and "Ma journée", the text size.
FIRST_PAGE_MODULES: tuple[str, ...] = (
    "mlplanner.ui.shell.core",
    "mlplanner.ui.dayview.view",
    "mlplanner.ui.followup.my_day",
    "mlplanner.ui.accessibility.install",
)


# What the first page reads with: the day's schedule (its workshop modules and tables, 60–80 ms at
# network size) and the appointments in the way of an absence (the day's banner).
FIRST_PAGE_SERVICES: tuple[str, ...] = ("schedule", "impact")


def _holiday_cache() -> Path:
    from mlplanner.paths import app_data_dir

    return app_data_dir() / "cache" / "holidays-fr.json"


def keep_holidays() -> None:
    """The holiday calendars this run computed, kept for the next start (see `storage.holiday_cache`)."""
    from mlplanner.storage import holiday_cache

    holiday_cache.save(_holiday_cache(), holiday_cache.package_version())


def prepare_pages(services: Services) -> None:
    """Off the GUI thread while the login is shown: import the first page's modules, build its services
    and load the holiday calendar: kept by an earlier run of the same `holidays` version, else computed (the
    package imports its ~200 countries on first use, ~0.15 s)."""
    from mlplanner.domain.calendar_fr import holiday_name
    from mlplanner.storage import holiday_cache

    for name in FIRST_PAGE_MODULES:
        importlib.import_module(name)
    for service in FIRST_PAGE_SERVICES:  # built here, not on the GUI thread once the PIN is typed
        getattr(services, service)
    holiday_cache.load(_holiday_cache(), holiday_cache.package_version())
    holiday_name(date.today())


def prepare_rest(services: Services) -> None:
    """Off the GUI thread once the first page is shown: import the other areas (and their services),
    and keep the holiday calendars computed for the first page."""
    for name in PLUGIN_MODULES:
        importlib.import_module(name)
    keep_holidays()


def _install_and_say_where_the_log_is(window: MainWindow, log_path: Path | None) -> None:
    """The first page; the log's path goes in the file's tooltip of the status bar (for IT people), not
    in a message every person reads at every start."""
    install_first(window)
    if log_path is not None:
        window.status.set_log_path(log_path)


def welcome(window: MainWindow, startup: Startup, prompt: Prompt, choosers: Choosers | None = None) -> None:
    """The welcome window when the file has no site (created, joined, opened or the demo)."""
    from mlplanner.paths import chosen_server, demo_db_path
    from mlplanner.ui.sync.choosers import SITE_FILE_FILTER, QtChoosers
    from mlplanner.ui.welcome.controller import WelcomeController

    chooser = choosers or QtChoosers(open_filter=SITE_FILE_FILTER, save_filter=SITE_FILE_FILTER)
    window._welcome = WelcomeController(  # type: ignore[attr-defined]
        window, startup, prompt, chooser, demo_path=demo_db_path, last_server=chosen_server
    )


def run_app(
    db_path: Path | str | None, argv: list[str], *, login: LoginStep | None = None, demo: bool = False
) -> int:
    """The desktop app on `db_path` (a site file or a server URL; default: the user's); `login` replaces
    the PIN dialog (the benchmark logs the site lead in); `demo`: the demonstration's own file, built if
    empty."""
    t0 = time.perf_counter()
    from mlplanner.ui.shell.startup_gc import CollectorPause

    collector = CollectorPause()
    collector.hold()  # until the first page is shown or the start waits for a person (issue 19)
    from mlplanner.ui.pyside_check import read_sources_directly

    read_sources_directly()  # before the ~420 modules imported after Qt (issue 19)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from mlplanner.paths import demo_db_path, remember_db_path
    from mlplanner.ui import i18n
    from mlplanner.ui.shell import errors
    from mlplanner.ui.shell.main_window import MainWindow
    from mlplanner.ui.shell.placement import keep_inside, show_fitted
    from mlplanner.ui.shell.prompt import QtPrompt
    from mlplanner.ui.shell.startup import Probe, Startup

    log_path = errors.setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("mlplanner")
    app.setOrganizationName("mlplanner")
    i18n.install(app, i18n.chosen_language())
    prompt = QtPrompt()
    errors.install(prompt)
    window = MainWindow(prompt=prompt)
    show_fitted(window)  # within the screen's available area, whatever its size and scale
    QTimer.singleShot(500, lambda: keep_inside(window))  # once the window manager has framed it
    probe = None
    if os.environ.get("MLPLANNER_STARTUP_PROBE"):  # measurement: stop once the last step is up
        probe = Probe(t0, last="ready" if login else "login")
        probe.mark("window")
    else:
        app.processEvents()  # paint the window before the worker competes for the interpreter
    log.info("main window shown after %.0f ms", (time.perf_counter() - t0) * 1000)
    start = Startup(
        window,
        db_path or (demo_db_path() if demo else default_db_location()),
        prompt,
        prepare_login=prepare_login,
        prepare_pages=prepare_pages,
        login=login or login_dialog,
        install=lambda w: _install_and_say_where_the_log_is(w, log_path),
        prepare_rest=prepare_rest,
        install_rest=install_rest,
        probe=probe,
        demo=demo,
        remember=remember_db_path,
        collector=collector,
    )
    welcome(window, start, prompt)
    start.ended.connect(app.exit)
    start.begin()
    code = app.exec()
    start.shutdown()  # the start-up threads end before the file is closed (a backup may be running)
    window.deleteLater()  # Qt objects go before the interpreter tears Python down (no crash at exit)
    app.processEvents()
    if start.services is not None:
        start.services.close()
    keep_holidays()  # and those computed since (another year, the English names)
    return start.code if start.code is not None else code
