"""The app's own schedule: one sending run every few minutes, off the GUI thread.

A single-shot timer restarted when a run ends (a slow relay never piles runs up). Every workstation
with the app open runs it; the outbox's lease lets one of them send at a time and the others return at
once ("another workstation sends"). A run needs no one's permission: it is the site's duty, done by
whoever has the app open (`mlplanner reminders send` does the same from a scheduled task).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from mlplanner.domain.errors import DomainError
from mlplanner.services.container import Services
from mlplanner.services.reminders.sender import SendReport
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.operations import Operations, ProgressFn

log = logging.getLogger(__name__)


class ReminderScheduler(QObject):
    stateChanged = Signal(str, bool)  # status-bar text ("" hides it), ok
    finished = Signal(object)  # SendReport

    def __init__(
        self,
        services: Services,
        ops: Operations,
        *,
        parent: QObject | None = None,
        minute_ms: int = 60_000,
        first_delay_ms: int = 30_000,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.minute_ms = minute_ms
        self.running = False
        self.runs = 0
        self.last: SendReport | None = None
        self._closing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.send_now)
        ops.bus.changed.connect(self._bus_changed)
        self.schedule(first_delay_ms)

    def _enabled(self) -> tuple[bool, int]:
        try:
            settings = self.services.reminders.settings()
        except DomainError:
            return False, 5
        return settings.enabled, settings.period_min

    def schedule(self, delay_ms: int | None = None) -> None:
        enabled, period = self._enabled()
        if self._closing or self.running:
            return
        if not enabled:
            self.timer.stop()
            self.stateChanged.emit("", True)
            return
        ms = period * self.minute_ms if delay_ms is None else min(delay_ms, period * self.minute_ms)
        self.timer.start(max(ms, 0))
        if self.last is None:
            self.stateChanged.emit(tr("Messages : envoi automatique actif"), True)

    def _bus_changed(self, changes: object) -> None:
        if concerns(changes, "config") and not self.running:
            self.schedule(self.timer.remainingTime() if self.timer.isActive() else None)

    def send_now(self) -> bool:
        """One run in the background; False when one is already under way."""
        if self.running or self._closing:
            return False
        self.timer.stop()
        self.running = True
        self.runs += 1
        label = tr("Envoi des messages aux jeunes")

        def work(progress: ProgressFn) -> SendReport:
            return self.services.reminders.send(progress=lambda done, total: progress(done, total, label))

        task = self.ops.background(work, label=label, on_done=self._done, on_error=self._error)
        task.signals.failed.connect(self._crashed)
        return True

    def _crashed(self, exc: BaseException) -> None:
        """Not a DomainError: the shared error hook reported it; the schedule must go on."""
        if isinstance(exc, DomainError) or not self.running:
            return
        self.running = False
        if self._closing:  # its window closed meanwhile: nothing to show, no next run
            return
        self.stateChanged.emit(tr("Messages : erreur inattendue (voir le journal)"), False)
        self.schedule()

    def _done(self, report: SendReport) -> None:
        self.running = False
        self.last = report
        problems = "; ".join(report.problems.values())
        if report.busy_holder:
            text, ok = tr("Messages : envoyés par un autre poste"), True
        elif problems:
            text, ok = tr("Messages : {problem}").format(problem=problems), False
        elif report.sent:
            text, ok = (
                tr("Messages : {n} envoyé(s) à {time}").format(n=report.sent, time=report.at[11:16]),
                True,
            )
        else:
            text, ok = tr("Messages : à jour"), True
        if report.sent:
            self.ops.message.emit(tr("{n} message(s) envoyé(s) aux jeunes.").format(n=report.sent), 5000)
        self.stateChanged.emit(text if not report.disabled else "", ok)
        self.finished.emit(report)
        self.schedule()

    def _error(self, exc: DomainError) -> None:
        self.running = False
        log.info("reminders run refused: %s", exc.code)
        self.stateChanged.emit(tr("Messages : {problem}").format(problem=refusal_text(exc)), False)
        self.schedule()

    def shutdown(self) -> None:
        self._closing = True
        self.timer.stop()
