"""The app's start once its window is shown: open the site file off the GUI thread, log in, install.

`mlplanner.app.run_app` shows the main window first (no database code imported yet), then runs a
`Startup`:
- a worker thread imports the services and opens (creates, migrates) the file, takes the instance lock,
  starts a second thread for the file's quick check and the day's first backup (a damaged file is
  reported when that check ends) and runs `prepare_login(services)`;
- on the GUI thread, the window gets its services (`attach`) and `login(window, services, done)` runs
  (the PIN dialog over the window), while the worker runs `prepare_pages(services)` (the app imports
  its pages and loads the holiday calendar there);
- once both `done(actor)` was called and the pages are prepared, `install(window)` installs the pages
  and shows the person's first page; the file's check then starts (writes wait for its verdict) and,
  given `install_rest`, a worker runs `prepare_rest(services)` (the other areas' imports) before
  `install_rest(window)` installs them on the GUI thread: the first page does not wait for them.
Worker threads never touch a widget: they post functions to the GUI thread through a queued signal.

A file without a site (or no file yet) seeds nothing: the start emits `needsSite` and waits; the app
shows the welcome window, whose choices come back as `create_site`, `join_network`, `open_file` or
`open_demo` (the demo builds its own file, marked as a demonstration), each running off the GUI thread
and then going on with the login as above.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from mlplanner.domain.errors import DomainError, StorageError
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.shell.startup_gc import CollectorPause

if TYPE_CHECKING:
    from mlplanner.instance_lock import InstanceBusy
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

log = logging.getLogger(__name__)

# How long the threads started with the first page (the file's check, the other areas' imports) leave
# the interpreter to the GUI thread, so the page's last layout passes and paints are not slowed.
SETTLE_S = 0.25


def _remove_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _default_file() -> Path:
    """Where a new site file goes when the start was on a server."""
    from mlplanner.paths import app_data_dir

    return app_data_dir() / "mlplanner.sqlite3"


# How the person at the keyboard is identified: (window, services, done) → done(actor) once known.
LoginStep = Callable[[MainWindow, "Services", Callable[["Actor"], None]], None]


class Probe:
    """`MLPLANNER_STARTUP_PROBE=1`: print `<step>_ms=` once each step is on screen (the benchmark reads
    these lines: `window`, `login`, `ready`) and `<step>_cpu_ms=`, the CPU time of the process until
    then (what it costs, apart from what the machine's other work makes it wait), and end the start
    after `last`."""

    def __init__(self, t0: float, last: str) -> None:
        self.t0, self.last = t0, last

    def mark(self, step: str) -> bool:
        QApplication.processEvents()  # what was just shown is painted
        print(f"{step}_ms={(time.perf_counter() - self.t0) * 1000:.0f}", flush=True)
        print(f"{step}_cpu_ms={time.process_time() * 1000:.0f}", flush=True)  # the process's, all threads
        return step == self.last


class Startup(QObject):
    """`code` is the exit code when the start itself ends the app (file refused, another instance
    running, probe done; `ended` is emitted then), else None.

    `prepare_login(services)` runs in the worker before the login is shown (import what the GUI thread
    needs until the login is done: two threads importing the same modules could meet half-imported
    ones), `prepare_pages(services)` right after (while the person types the PIN), `install(window)`
    once both the person and the preparation are done.
    """

    _call = Signal(object)  # a function a worker thread wants run on the GUI thread
    ended = Signal(int)  # the start ends the app with this exit code (the app connects it to exit)
    needsSite = Signal()  # the file has no site: the app shows the welcome window
    refused = Signal(str)  # a choice of the welcome window was refused (French sentence): back to it

    def __init__(
        self,
        window: MainWindow,
        path: Path | str,
        prompt: Prompt,
        *,
        prepare_login: Callable[[Services], None],
        prepare_pages: Callable[[Services], None],
        login: LoginStep,
        install: Callable[[MainWindow], None],
        probe: Probe | None = None,
        demo: bool = False,
        remember: Callable[[Path | str], None] | None = None,
        prepare_rest: Callable[[Services], None] | None = None,
        install_rest: Callable[[MainWindow], None] | None = None,
        collector: CollectorPause | None = None,
    ) -> None:
        super().__init__()
        self.collector = collector or CollectorPause()  # held by the app until the first page is shown
        self.demo = demo  # the file is (or becomes) the demonstration
        self.remember = remember or (lambda _path: None)
        self.window, self.prompt, self.probe = window, prompt, probe
        # A site file (`path`), or a server URL (`server`, then `path` is unused: no welcome window there)
        self.server: str | None = path if isinstance(path, str) else None
        self.path: Path = path if isinstance(path, Path) else _default_file()
        self.failed_server: str | None = None  # the server a start could not open (the welcome offers it)
        self.notices: list[str] = []  # what to say once the pages are shown (besides the refusals)
        self.prepare_login, self.prepare_pages = prepare_login, prepare_pages
        self.login, self.install = login, install
        self.prepare_rest, self.install_rest = prepare_rest, install_rest
        self._stop_when_rest = False  # the probe has its numbers: stop once the rest is installed
        self.services: Services | None = None
        self.code: int | None = None
        self._threads: list[threading.Thread] = []
        self._actor: Actor | None = None  # logged in
        self._prepared = False  # the pages' modules are imported
        self._installed = False
        self._closing = False
        self._settling = threading.Event()  # set: the threads started with the day wait no more
        self._t0 = time.perf_counter()
        self._call.connect(self._run)

    @property
    def location(self) -> Path | str:
        return self.server if self.server is not None else self.path

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        if not self._closing:  # the app is closing: nothing more to show or start
            fn()

    def _post(self, fn: Callable[..., object], *args: Any) -> None:
        self._call.emit(lambda: fn(*args))

    def _spawn(self, work: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=work, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _log(self, step: str) -> None:
        log.info(
            "start-up: %s after %.0f ms (process CPU %.0f ms)",
            step,
            (time.perf_counter() - self._t0) * 1000,
            time.process_time() * 1000,
        )

    def begin(self) -> None:
        self._spawn(self._open, "mlplanner-open")

    def wait(self) -> None:
        """Until the start-up threads are done (before the file is closed: a backup may be running)."""
        for thread in list(self._threads):
            thread.join()

    def shutdown(self) -> None:
        """The app is closing (perhaps before the start ended): ignore what the threads still post
        (no login over a closing window, no check started), and wait for them."""
        self._closing = True
        self._settling.set()  # the threads waiting for the day to settle go on at once
        self.collector.release()
        self.wait()

    # --- worker threads -----------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            from mlplanner.paths import default_site
            from mlplanner.services.container import Services

            if self.server is not None:  # a server: its schema and sites are the IT person's
                try:
                    self.services = Services.open(self.server, site=default_site(), create=False)
                    if not self.services.ctx.has_site():
                        raise StorageError(
                            "no_site",
                            "Le serveur ne contient encore aucun site : l'informaticien y importe le "
                            "fichier du site (« mlplanner server import ») ou en crée un.",
                        )
                except DomainError as exc:  # said, then the welcome window: another server, a file…
                    self._drop_services()
                    self.failed_server = self.server
                    self._post(self._choice_refused, exc)
                    return
                self._ready()
                return
            if not self.demo and (not self.path.exists() or self.path.stat().st_size == 0):
                self._post(self._no_site)  # nothing to open, and nothing seeded
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.services = Services.open(self.path)
            if not self.services.ctx.has_site():
                if not self.demo:
                    self._post(self._no_site)
                    return
                from mlplanner.services.demo import ensure_demo

                self._post(self.window.starting.say, tr("Création du site de démonstration…"))
                if ensure_demo(self.services):
                    log.info("demo site created in %s", self.path)
                    self.collector.collect_now()
            self._ready()
        except (DomainError, OSError) as exc:
            self._post(self._refused, exc)
        except Exception:
            self._post(self._crashed, sys.exc_info())

    def _ready(self) -> None:
        """(worker) The file has its site: lock it, check it, and prepare the login and the pages."""
        from mlplanner.ui.shell import guard

        assert self.services is not None
        busy = guard.acquire_instance(self.location)  # one instance per file (or server database)
        if busy is not None:
            self._post(self._opened, busy)
            return
        self._log("file open")
        self.prepare_login(self.services)
        self._post(self._opened, None)
        self.prepare_pages(self.services)
        self._log("pages prepared")
        self._post(self._pages_prepared)

    # --- the welcome window's choices (GUI thread calls; the work runs in a worker) -----------------------
    def create_site(self, new: Any, path: Path) -> None:
        """Create the real site `new` (a `NewSite`) in the new file `path`, then log in."""

        def work(services: Services) -> None:
            services.site_setup.create(new)

        self._start_in(path, work, tr("Création du site…"), demo=False)

    def join_network(self, path: Path, join: Callable[[Services], object]) -> None:
        """Create the new file `path` as a site of a network (`join(services)` does it), then log in."""
        self._start_in(path, join, tr("Réception des données du réseau…"), demo=False)

    def open_server(
        self,
        url: str,
        *,
        password: str | None = None,
        keep_password: bool = False,
        create: Any = None,
    ) -> None:
        """Work on the server `url` (no password in it; `?site=CODE` names the site to work for), or
        create the site `create` (a `NewSite`) there; `password` (typed in the welcome window) is kept
        in memory, and in the keyring when `keep_password`, once the server accepted it. The server
        (with its site, without the password) is remembered for the next start."""
        self.window.show_panel(None)
        self.window.starting.say(
            tr("Création du site sur le serveur…") if create is not None else tr("Connexion au serveur…")
        )
        old, self.services = self.services, None
        self.server, self.demo, self.failed_server = url, False, None

        def run() -> None:
            from mlplanner.services.container import Services
            from mlplanner.services.server.connect import site_of, with_password, with_site

            try:
                if old is not None:
                    old.close()
                self.services = Services.open(with_password(url, password), create=False)
                chosen = url
                if create is not None:
                    created = self.services.site_setup.create(create)
                    chosen = self.server = with_site(url, created.site.code)
                elif not self.services.ctx.has_site() or site_of(url) is None:
                    raise StorageError("no_site", tr("Choisissez un site du serveur."))
                if password and keep_password:
                    self._keep_password(password)
                self.remember(chosen)
                self._ready()
            except (DomainError, OSError) as exc:
                self._drop_services()
                self.failed_server = url
                self._post(self._choice_refused, exc)
            except Exception:
                self._post(self._crashed, sys.exc_info())

        self._spawn(run, "mlplanner-server")

    def _keep_password(self, password: str) -> None:
        """(worker) The password the server just accepted, into the keyring; if there is none, say how
        the next start will find it (it stays in memory for this session)."""
        from mlplanner.services.server.setup import store_password

        assert self.server is not None
        try:
            store_password(self.server, password)
        except DomainError:
            say = tr(
                "Le mot de passe n'a pas pu être gardé : ce poste n'a pas de trousseau du système. Il "
                "sert pour cette session ; pour les suivantes, l'informaticien le met dans un fichier "
                "pgpass (voir « Mode serveur » dans le README)."
            )
            self.notices.append(say)  # said once the day is on screen (not under the login window)

    def _drop_services(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None

    def open_file(self, path: Path) -> None:
        self._start_in(path, None, tr("Ouverture de la base…"), demo=False)

    def open_demo(self, path: Path) -> None:
        self._start_in(path, None, tr("Ouverture de la démonstration…"), demo=True)

    def _start_in(
        self, path: Path, work: Callable[[Services], object] | None, say: str, *, demo: bool
    ) -> None:
        self.window.show_panel(None)
        self.window.starting.say(say)
        old, self.services = self.services, None
        self.path, self.server, self.demo, self.failed_server = Path(path), None, demo, None

        def run() -> None:
            try:
                if old is not None:
                    old.close()
                if work is None:
                    self._open_chosen()
                    return
                from mlplanner.services.container import Services

                self.path.parent.mkdir(parents=True, exist_ok=True)
                existed = self.path.exists() and self.path.stat().st_size > 0
                self.services = Services.open(self.path)
                try:
                    work(self.services)
                except DomainError:
                    if not existed:  # a refusal leaves no new file behind
                        self.services.close()
                        self.services = None
                        _remove_file(self.path)
                    raise
                if not demo:
                    self.remember(self.path)
                self._ready()
            except (DomainError, OSError) as exc:
                self._post(self._choice_refused, exc)
            except Exception:
                self._post(self._crashed, sys.exc_info())

        self._spawn(run, "mlplanner-welcome")

    def _open_chosen(self) -> None:
        """(worker) A file chosen in the welcome window: it must hold a site (or be the demo's)."""
        from mlplanner.services.container import Services

        if not self.demo and not (self.path.exists() and self.path.stat().st_size > 0):
            raise DomainError("no_file", tr("« {path} » n'existe pas ou est vide.").format(path=self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.services = Services.open(self.path)
        if not self.services.ctx.has_site():
            if not self.demo:
                raise DomainError(
                    "no_site", tr("« {path} » ne contient pas de site mlplanner.").format(path=self.path)
                )
            from mlplanner.services.demo import ensure_demo

            self._post(self.window.starting.say, tr("Création du site de démonstration…"))
            ensure_demo(self.services)
        if not self.demo:
            self.remember(self.path)
        self._ready()

    def _no_site(self) -> None:
        self.collector.release()  # the welcome window waits for a person
        self.window.starting.waiting_for_login()
        self.needsSite.emit()

    def _choice_refused(self, exc: Exception) -> None:
        message = (
            refusal_text(exc) if isinstance(exc, DomainError) else str(getattr(exc, "strerror", None) or exc)
        )
        self.refused.emit(message)
        self._no_site()

    def _check(self) -> None:
        """(worker, started once the day is on screen) The file's check, then the day's first backup.

        The day view waits for neither (reading a file of 2 GB takes seconds, issue 19); the file's
        writes wait for the check instead (held by `_start_check`), so a damaged file is reported
        before anything is written into it. This thread runs at a lower priority where the system
        allows it (Linux: a thread's own nice value), so the person's first clicks keep the cores."""
        from mlplanner.ui.shell import guard

        assert self.services is not None
        with contextlib.suppress(AttributeError, OSError):  # Windows: no per-thread nice value
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        self._let_the_day_settle()
        try:
            damaged = guard.check_and_back_up(self.services, self._backing_up)
        except Exception:
            self._post(sys.excepthook, *sys.exc_info())
            return
        self._log("file checked")
        if damaged is not None:
            self._post(guard.report_damaged, self.prompt, damaged, self.window)

    def _let_the_day_settle(self) -> None:
        """(worker) Wait a moment before competing with the GUI thread for the interpreter: the first
        page's last layout passes and repaints (the item view's deferred layout, a second paint) come
        in the few event-loop turns after it is shown, and would otherwise share the interpreter with
        this thread's Python (~0.2 s later on screen at network size). The writes are held meanwhile;
        a closing app does not wait for the moment to pass."""
        self._settling.wait(SETTLE_S)

    def _backing_up(self, busy: bool) -> None:
        """(worker) The day's first backup in the status bar, with its busy bar, while it is copied."""
        self._post(self.window.show_background_work, busy, tr("Sauvegarde du jour en cours"))

    def _start_check(self) -> None:
        """(GUI thread) The day is on screen: hold the writes, then check the file behind it."""
        if self.services is None:
            return
        from mlplanner.ui.shell import check_wait

        gate = self.services.ctx.db.writes
        gate.wait_here_with(check_wait.waiter(self.window))  # a save meanwhile: the window stays alive
        gate.hold()
        self._spawn(self._check, "mlplanner-check")

    # --- GUI thread ---------------------------------------------------------------------------------
    def _refused(self, exc: Exception) -> None:
        message = (
            refusal_text(exc)
            if isinstance(exc, DomainError)
            else tr("Impossible d'ouvrir {path} : {reason}").format(
                path=self.path, reason=getattr(exc, "strerror", None) or exc
            )
        )
        self.prompt.error(self.window, message, title=tr("Base de données"))
        self._end(4)

    def _crashed(self, info: Any) -> None:
        sys.excepthook(*info)  # logged, and the French "unexpected error" dialog
        self._end(1)

    def _opened(self, busy: InstanceBusy | None) -> None:
        from mlplanner.ui.shell import guard

        if busy is not None:
            guard.report_busy(self.prompt, busy, self.window)
            self._end(1)
            return
        assert self.services is not None
        self.window.attach(self.services)
        self.window.starting.waiting_for_login()
        self.login(self.window, self.services, self._logged_in)
        if self._actor is None:  # a person types the PIN: the pages are prepared meanwhile
            self.collector.release()
            if self.probe and self.probe.mark("login"):
                self._stop()

    def _logged_in(self, actor: Actor) -> None:
        self._actor = actor
        self.window.set_actor(actor)
        if not self._prepared:  # a fast typist: the pages' modules are still being imported
            self.window.starting.say(tr("Préparation des pages…"))
            return
        self._install()

    def _pages_prepared(self) -> None:
        self._prepared = True
        if self._actor is not None:
            self._install()

    def _install(self) -> None:
        if self._installed:
            return
        self._installed = True
        try:
            self.install(self.window)
            self.window.finish_starting()
            # laid out and painted now, before the file's check and the other areas' imports compete
            # for the interpreter (they would hold it while the first page waits for its paint); what
            # a person types meanwhile waits for the page, in order
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            self._log("pages shown")
        finally:  # even if a page could not be built (a damaged file): the check says why
            self.collector.release()
            self._start_check()
        if self.install_rest is None:
            self._say_notices()
            if self.probe and self.probe.mark("ready"):
                self._stop()
            return
        if self.probe and self.probe.mark("ready"):  # the first page alone is measured
            self._stop_when_rest = True
        self._spawn(self._prepare_rest, "mlplanner-rest")
        self._say_notices()

    def _say_notices(self) -> None:
        for say in self.notices:
            self.prompt.info(self.window, say, title=tr("mlplanner"))

    def _prepare_rest(self) -> None:
        """(worker) The other areas' modules, imported while the first page is on screen."""
        self._let_the_day_settle()
        try:
            if self.prepare_rest is not None and self.services is not None:
                self.prepare_rest(self.services)
        except Exception:
            self._post(self._crashed, sys.exc_info())
            return
        self._post(self._install_rest)

    def _install_rest(self) -> None:
        """(GUI thread) The other areas' pages, menus and timers, once their modules are imported."""
        assert self.install_rest is not None
        try:
            self.install_rest(self.window)
            self._log("other areas installed")
        finally:
            if self._stop_when_rest:
                self._stop()

    def _stop(self) -> None:
        """The probe has its numbers: let the background work finish, then quit."""
        self.wait()
        self._end(0)

    def _end(self, code: int) -> None:
        self.collector.release()
        self.code = code
        self.ended.emit(code)
