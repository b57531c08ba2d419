"""Run a user action: one service call, its French error if refused, its changes on the bus.

Like Anki's `CollectionOp`/`QueryOp` (qt/aqt/operations): widgets never catch errors or emit refreshes
themselves. Two entry points:

* `ops.run(lambda: services.appointments.check_in(actor=..., appointment_id=...))` runs now, on the GUI
  thread (service calls are milliseconds). A `DomainError` is shown through `on_error` (e.g. an inline
  label of a dialog) or the injected prompt; the result's `.changes` (or a bare `Changes`) is
  published on the bus. Returns an `Outcome` (truthy when it worked).
* `ops.background(work, label=..., on_done=...)` runs `work(progress)` on the QThreadPool (sync, import,
  large PDF); `progress(done, total, text)` feeds the status bar's progress indicator; the result and
  errors come back on the GUI thread.

Unexpected exceptions go to `sys.excepthook` (the French dialog with the log path, see `errors`), so the
app keeps running; under pytest-qt they fail the test.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from mlplanner.domain.errors import DomainError, StorageError
from mlplanner.domain.models import Changes
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.prompt import Prompt

log = logging.getLogger(__name__)
T = TypeVar("T")
ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T | None = None
    error: DomainError | None = None
    ok: bool = True

    def __bool__(self) -> bool:
        return self.ok


class Cancelled(Exception):
    """Raised inside background work by `progress()` once the user asked to stop."""


def changes_of(result: object) -> Changes | None:
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


class Operations(QObject):
    busyChanged = Signal(bool, str)  # a background task started/ended, its label
    progressed = Signal(int, int, str)  # done, total (0 = unknown), text
    message = Signal(str, int)  # a short non-modal note for the status bar (text, ms)
    refused = Signal(str)  # a service refused an action: its French sentence (said to screen readers)

    def __init__(self, bus: ChangeBus, prompt: Prompt, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.prompt = prompt
        self.pool = QThreadPool.globalInstance()
        self._tasks: set[_Task] = set()
        self.offline = False  # the database cannot be reached: changes are refused here (read-only)
        self.disposed = False  # its window closed: background results arriving now are dropped

    def dispose(self) -> None:
        """The window closed: work still running ends unseen (nobody to tell, nothing to refresh)."""
        self.disposed = True

    # --- on the GUI thread ---------------------------------------------------------------------
    def run(
        self,
        call: Callable[[], T],
        *,
        parent: QWidget | None = None,
        on_error: Callable[[DomainError], None] | None = None,
        success: str = "",
    ) -> Outcome[T]:
        try:
            if self.offline:
                raise StorageError(
                    "db_unreachable",
                    tr(
                        "La base de données est injoignable : rien n'a été modifié. L'action sera possible "
                        "dès que la connexion sera rétablie (l'affichage se met alors à jour seul)."
                    ),
                )
            result = call()
        except DomainError as exc:
            log.info("refused: %s", exc.code)
            self.refused.emit(refusal_text(exc))
            if on_error is not None:
                on_error(exc)
            else:
                self.prompt.error(parent, refusal_text(exc))
            return Outcome(error=exc, ok=False)
        except Exception:
            sys.excepthook(*sys.exc_info())
            return Outcome(ok=False)
        self.bus.publish(changes_of(result))
        if success:
            self.message.emit(success, 5000)
        return Outcome(value=result)

    # --- off the GUI thread --------------------------------------------------------------------
    def background(
        self,
        work: Callable[[ProgressFn], T],
        *,
        label: str,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[DomainError], None] | None = None,
        parent: QWidget | None = None,
    ) -> _Task:
        task = _Task(work)
        self._tasks.add(task)
        sig = task.signals
        sig.progressed.connect(self.progressed)

        def finished(result: Any) -> None:
            if not shiboken6.isValid(self) or self.disposed:  # the window went while the work ran
                return
            self._end(task, label)
            self.bus.publish(changes_of(result))
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self) or self.disposed:
                if not isinstance(exc, Cancelled | DomainError):  # still in the log, for IT people
                    log.warning("%s failed after its window closed", label, exc_info=exc)
                return
            self._end(task, label)
            if isinstance(exc, Cancelled):
                self.message.emit(tr("{task} : interrompu.").format(task=label), 5000)
            elif isinstance(exc, DomainError):
                (on_error or (lambda e: self.prompt.error(parent, refusal_text(e))))(exc)
            else:
                sys.excepthook(type(exc), exc, exc.__traceback__)

        sig.done.connect(finished)
        sig.failed.connect(failed)
        self.busyChanged.emit(True, label)
        self.pool.start(task)
        return task

    def _end(self, task: _Task, label: str) -> None:
        self._tasks.discard(task)
        self.busyChanged.emit(bool(self._tasks), label)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Task(QRunnable):
    """A unit of background work; its signals are queued back to the GUI thread."""

    def __init__(self, work: Callable[[ProgressFn], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, done: int, total: int, text: str = "") -> None:
        if self._cancel:
            raise Cancelled()
        self.signals.progressed.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
