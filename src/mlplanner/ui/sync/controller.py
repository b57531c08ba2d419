"""Periodic sync in the app: one `SyncService.sync` at a time, in a worker thread, with a status line.

The controller owns a single-shot timer restarted when a sync ends (so a slow share never piles syncs
up), the "never two at once" guard (the service's site lock covers the CLI's scheduled task too), and
the network passphrase. The passphrase is never stored: it comes from the environment variable
`MLPLANNER_SYNC_PASSPHRASE` when set (a workstation set up by IT), otherwise it is asked once per
session and kept in memory; it is forgotten when another site's change set fails authentication with it
(a typo), so the next manual sync asks again. If the person cancels the question, automatic syncs pause
(they would otherwise ask again every period) until "Synchroniser maintenant".

The service's result carries what changed; `Operations.background` broadcasts it on the bus, so the
open views refresh. Errors (folder missing, read-only, busy) are French messages on the status line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from mlplanner.domain.errors import DomainError, StorageError
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.network.service import JoinRequest, NetworkPreview, NetworkSyncReport
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.sync.settings import SyncSettings, SyncSettingsService
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.operations import Cancelled, Operations, ProgressFn
from mlplanner.ui.sync.choosers import Choosers, QtChoosers

log = logging.getLogger(__name__)
PASSPHRASE_ENV = "MLPLANNER_SYNC_PASSPHRASE"
SHORT_ERRORS = {
    "sync_folder_missing": tr_noop("dossier introuvable"),
    "sync_folder_readonly": tr_noop("dossier en lecture seule"),
    "sync_folder_full": tr_noop("dossier plein"),
    "sync_busy": tr_noop("déjà en cours ailleurs"),
    "forbidden": tr_noop("non autorisée"),
}


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)  # SyncReport
    failed = Signal(str)  # French message
    stateChanged = Signal(str, bool, str)  # indicator text, ok, tooltip
    needsSetup = Signal()  # a sync was asked for, but no folder is chosen yet

    def __init__(
        self,
        services: Services,
        ops: Operations,
        actor_provider: Callable[[], Actor],
        *,
        parent: QObject | None = None,
        dialog_parent: QWidget | None = None,
        choosers: Choosers | None = None,
        environ: Mapping[str, str] | None = None,
        minute_ms: int = 60_000,
        first_delay_ms: int | None = 60_000,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.actor_provider = actor_provider
        self.dialog_parent = dialog_parent
        self.choosers: Choosers = choosers or QtChoosers()
        self.environ = os.environ if environ is None else environ
        self.minute_ms = minute_ms
        self.settings_service = SyncSettingsService(services.ctx)
        self.settings: SyncSettings = self.settings_service.current()
        self.running = False
        self.runs = 0  # syncs started in this session (tests, diagnostics)
        self.last_report: dict[str, Any] | None = services.sync.last_report()
        self.pending: tuple[JoinRequest, ...] = ()  # join requests seen at the last sync
        self.last_error: str = ""
        self.last_error_code: str = ""
        self.last_error_at: datetime | None = None
        self.next_at: datetime | None = None
        self._passphrase: str | None = None
        self._declined = False
        self._task: Any = None
        self._closing = False
        self._disposed = False  # its window closed (`dispose`): nothing more is done or shown
        self.tz = ZoneInfo(self._site_tz())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.sync_now(manual=False))
        ops.bus.changed.connect(self._bus_changed)
        self.schedule(first_delay_ms)

    # --- settings and schedule ---------------------------------------------------------------------
    def _site_tz(self) -> str:
        try:
            return self.services.directory.site().timezone
        except DomainError:
            return "Europe/Paris"

    def now(self) -> datetime:
        return self.services.ctx.clock.now_utc().astimezone(self.tz)

    def can_sync(self) -> bool:
        return allowed(self.actor_provider(), Perm.SYNC)

    def reload_settings(self) -> None:
        """Settings changed (here or on another workstation): restart the timer with the new period."""
        old = self.settings
        self.settings = self.settings_service.current()
        if self.settings != old:
            self.last_error = self.last_error_code = ""
            self.schedule()
        else:
            self.publish_state()

    def schedule(self, delay_ms: int | None = None) -> None:
        """Start the timer for the next automatic sync (after `delay_ms`, default one period), or stop it."""
        period = self.settings.period_minutes
        if self.running:
            return
        if (
            self._closing
            or self._disposed
            or not self.settings.configured
            or period <= 0
            or not self.can_sync()
        ):
            self.timer.stop()
            self.next_at = None
        else:
            ms = period * self.minute_ms if delay_ms is None else min(delay_ms, period * self.minute_ms)
            self.timer.start(max(ms, 0))
            self.next_at = self.now() + timedelta(milliseconds=ms)
        self.publish_state()

    def actor_changed(self) -> None:
        """Someone else logged in: keep the running countdown (frequent re-logins at a reception desk
        must not postpone the sync forever) unless their right to sync differs."""
        if not self.can_sync():
            self.timer.stop()
            self.next_at = None
            self.publish_state()
        elif not self.timer.isActive():
            self.schedule()
        else:
            self.publish_state()

    # --- passphrase -----------------------------------------------------------------------------------
    def _passphrase_for(self, manual: bool) -> tuple[bool, str | None]:
        """(go on?, passphrase). Environment first, then the session's memory, then one question."""
        if not self.settings.use_passphrase:
            return True, None
        from_env = self.environ.get(PASSPHRASE_ENV, "")
        if from_env:
            return True, from_env
        if self._passphrase:
            return True, self._passphrase
        if self._declined and not manual:
            return False, None
        answer = self.choosers.passphrase(self.dialog_parent)
        if not answer:
            self._declined = True
            return False, None
        self._declined = False
        self._passphrase = answer
        return True, answer

    def forget_passphrase(self) -> None:
        self._passphrase = None

    @property
    def has_passphrase(self) -> bool:
        return bool(self._passphrase or self.environ.get(PASSPHRASE_ENV))

    # --- one sync ---------------------------------------------------------------------------------------
    def sync_now(self, *, manual: bool = True, confirmed: bool = False) -> bool:
        """Start a sync in the background; False (with the reason on the status line) when it cannot.

        The first sync of this file with the network's folder shows what will be sent and received and
        asks before anything is exchanged (`confirmed` once answered); until then there is no automatic
        sync."""
        if self._disposed:
            return False
        if self.running:
            self.ops.message.emit(tr("Une synchronisation est déjà en cours."), 5000)
            return False
        actor = self.actor_provider()
        if not allowed(actor, Perm.SYNC):
            self._set_error(tr("Vous n'avez pas le droit de lancer une synchronisation."), "forbidden")
            self.schedule()
            return False
        if not self.settings.configured:
            # not a failure: nothing was tried. The window says where to set it up (`needsSetup`).
            self.publish_state()
            self.needsSetup.emit()
            return False
        go, passphrase = self._passphrase_for(manual)
        if self._disposed:  # the window closed while the question was open (its own event loop)
            return False
        if not go:
            self._set_error(
                tr(
                    "Phrase secrète non saisie : synchronisation automatique suspendue jusqu'à « Synchroniser "
                    "maintenant »."
                ),
                "no_passphrase",
            )
            self.timer.stop()
            self.next_at = None
            self.publish_state()
            return False
        folder = self.settings.folder
        if not confirmed and self.services.network.first_time():
            if not manual:
                self._set_error(
                    tr(
                        "Première synchronisation avec ce dossier : lancez-la depuis la page "
                        "« Synchronisation » pour voir d'abord ce qui sera envoyé et reçu."
                    ),
                    "first_sync",
                )
                return False
            return self._preview_first(folder, passphrase)
        self.timer.stop()
        self.next_at = None
        self.running = True
        self.runs += 1
        self.publish_state()
        self.started.emit()

        def work(progress: ProgressFn) -> NetworkSyncReport:
            def step(message: str, done: int, total: int) -> None:
                progress(done, total, tr("Synchronisation : {state}").format(state=message))

            try:
                return self.services.network.sync(
                    folder=folder, passphrase=passphrase, actor=actor, progress=step
                )
            except OSError as exc:  # anything the service did not already turn into French
                raise StorageError(
                    "sync_folder_error",
                    tr(
                        "Le dossier de synchronisation « {folder} » est inaccessible ({why}). "
                        "Les données locales n'ont pas été modifiées."
                    ).format(folder=folder, why=exc.strerror),
                ) from exc

        self._task = self.ops.background(
            work, label=tr("Synchronisation"), on_done=self._done, on_error=self._error
        )
        self._task.signals.failed.connect(self._crashed)
        return True

    def _preview_first(self, folder: str, passphrase: str | None) -> bool:
        """What the first sync would exchange, then a question; the sync runs only after a yes."""
        self.running = True
        self.publish_state()

        def done(preview: NetworkPreview) -> None:
            self.running = False
            self.publish_state()
            text = "\n".join(preview.summary_fr())
            title = tr("Première synchronisation avec ce dossier")
            if preview.problems:
                self.ops.prompt.error(self.dialog_parent, text, title=title)
                self._set_error(preview.problems[0], "first_sync_refused")
                return
            if self.ops.prompt.confirm(
                self.dialog_parent, text + "\n\n" + tr("Synchroniser maintenant ?"), title=title
            ):
                self.sync_now(manual=True, confirmed=True)

        def failed(exc: DomainError) -> None:
            self.running = False
            self._set_error(refusal_text(exc), exc.code)
            self.failed.emit(refusal_text(exc))

        self.ops.background(
            lambda _progress: self.services.network.preview(folder=folder, passphrase=passphrase),
            label=tr("Aperçu de la synchronisation"),
            on_done=done,
            on_error=failed,
        )
        return True

    def _done(self, network: NetworkSyncReport) -> None:
        if self._dropped():
            return
        report = network.report
        self.pending = network.pending
        self.running = False
        self._task = None
        if any(r.code == "cs_auth" for r in report.refused) and not self.environ.get(PASSPHRASE_ENV):
            self.forget_passphrase()
        self.last_report = self.services.sync.last_report()
        self.last_error = ""
        self.finished.emit(report)  # the exchange's report (what every listener reads)
        self.schedule()

    def _error(self, exc: DomainError) -> None:
        if self._dropped():
            return
        self.running = False
        self._task = None
        if exc.code == "bad_passphrase" and not self.environ.get(PASSPHRASE_ENV):
            self.forget_passphrase()  # a typo is not kept: asked again next time
        log.info("sync refused: %s", exc.code)
        self._set_error(refusal_text(exc), exc.code)
        self.failed.emit(refusal_text(exc))
        self.schedule()

    def _crashed(self, exc: BaseException) -> None:
        """Not a DomainError: the shared error hook reported it; the controller must still recover."""
        if isinstance(exc, DomainError) or not self.running or self._dropped():
            return
        self.running = False
        self._task = None
        if isinstance(exc, Cancelled):
            message = tr(
                "Synchronisation interrompue à la fermeture : rien n'est perdu, elle reprendra à la "
                "prochaine synchronisation."
            )
            self._set_error(message, "cancelled")
        else:
            message = tr(
                "La synchronisation s'est arrêtée sur une erreur inattendue (détails dans le journal)."
            )
            self._set_error(message, "unexpected")
        self.failed.emit(message)
        self.schedule()

    def _set_error(self, message: str, code: str) -> None:
        self.last_error = message
        self.last_error_code = code
        self.last_error_at = self.now()
        self.ops.message.emit(message, 15000)
        self.publish_state()

    def _dropped(self) -> bool:
        """A sync's end arriving after the window closed: nobody to tell, no next sync."""
        if self._disposed:
            self.running = False
        return self._disposed

    def dispose(self) -> None:
        """Its window closed (`MainWindow.closed`): the timer stops for good, a running sync stops at
        its next step and its result is dropped. A closed window may live on until Qt deletes it (or
        the file is switched and another window opens): its controller must not sync meanwhile."""
        self._disposed = True
        self.timer.stop()
        self.next_at = None
        if self._task is not None:
            self._task.cancel()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Closing the app: stop the timer; a running sync stops at its next step (its transaction
        rolls back) and is waited for, so the database is closed after it."""
        self._closing = True
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()
            self.ops.pool.waitForDone(wait_ms)

    # --- the status line --------------------------------------------------------------------------------
    def _when(self, at: datetime) -> str:
        at = at.astimezone(self.tz)
        if at.date() == self.now().date():
            return f"{at:%H:%M}"
        return f"le {at:%d/%m} à {at:%H:%M}"

    def last_finished_at(self) -> datetime | None:
        text = (self.last_report or {}).get("finished_at")
        try:
            return datetime.fromisoformat(str(text)) if text else None
        except ValueError:
            return None

    def state(self) -> tuple[str, bool, str]:
        """(text, ok, tooltip) of the indicator."""
        if self.running:
            return tr("en cours…"), True, tr("Synchronisation avec les autres sites en cours.")
        parts: list[str] = []
        ok = True
        tooltip = ""
        finished = self.last_finished_at()
        if self.last_error:  # cleared by the next sync that ends, or by new settings
            short = tr(SHORT_ERRORS[self.last_error_code]) if self.last_error_code in SHORT_ERRORS else ""
            when = self._when(self.last_error_at) if self.last_error_at else ""
            if self.last_error_code == "cancelled":
                parts.append(tr("interrompue à {time}").format(time=when))
            else:
                parts.append(tr("échec à {time}").format(time=when) + (f" ({short})" if short else ""))
            ok, tooltip = False, self.last_error
        elif not self.settings.configured:
            return tr("non configurée"), True, tr("Aucun dossier de synchronisation n'est choisi.")
        elif finished is not None:
            report = self.last_report or {}
            good = bool(report.get("ok", True))
            done_at = self._when(finished)
            parts.append((tr("réussie à {time}") if good else tr("incomplète à {time}")).format(time=done_at))
            ok = good
            tooltip = str(report.get("summary", ""))
            refused = report.get("refused") or []
            if refused:
                tooltip += "\n" + "\n".join(str(r.get("message", "")) for r in refused)
        else:
            parts.append(tr("jamais"))
        if self.next_at is not None:
            parts.append(tr("prochaine à {time}").format(time=self._when(self.next_at)))
        elif self.settings.configured and self.settings.period_minutes == 0:
            parts.append(tr("automatique désactivée"))
        return " · ".join(parts), ok, tooltip

    def publish_state(self) -> None:
        text, ok, tooltip = self.state()
        self.stateChanged.emit(text, ok, tooltip)

    def _bus_changed(self, changes: object) -> None:
        """A settings change, or another process's write (a scheduled `mlplanner sync`): re-read."""
        if self.running or self._disposed or not concerns(changes, "sync"):
            return
        report = self.services.sync.last_report()
        if report != self.last_report:  # another process synced since
            self.last_report, self.last_error = report, ""
        self.reload_settings()
