"""Status bar: site, database file, logged-in person, last sync state, and a progress indicator.

The sync area is a slot: the sync UI calls `set_sync_state(text, ok=...)` after each exchange.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QProgressBar, QStatusBar, QWidget

from mlplanner.domain.labels import ROLE_FR
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.feedback import FeedbackBar
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.narrow import ElidedLabel


class StatusBar(QStatusBar):
    def __init__(
        self,
        services: Services,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        feedback: FeedbackBar | None = None,
    ) -> None:
        super().__init__(parent)
        self.feedback = feedback  # where messages go, whole (see `shell.feedback`)
        self.setObjectName("statusBar")
        self.site_label = ElidedLabel()
        self.db_label = ElidedLabel()
        self.user_label = ElidedLabel()
        self.sync_label = ElidedLabel(tr("Synchronisation : jamais"))
        self.live_label = ElidedLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(tr("Tâche en cours"))
        self.progress.hide()
        for w, name in (
            (self.site_label, tr("Site")),
            (self.db_label, tr("Fichier de la base")),
            (self.user_label, tr("Personne connectée")),
            (self.sync_label, tr("État de la synchronisation")),
            (self.live_label, tr("Mise à jour automatique")),
        ):
            w.setAccessibleName(name)
        self.setStyleSheet("QStatusBar QLabel { padding: 0 8px; border-left: 1px solid #c8ccd2; }")
        self.live_label.hide()
        for w in (
            self.progress,
            self.live_label,
            self.user_label,
            self.site_label,
            self.db_label,
            self.sync_label,
        ):
            self.addPermanentWidget(w)
        try:
            site = services.directory.site()
            self.site_label.setText(f"{site.name} ({site.code})")
        except Exception:
            self.site_label.setText(tr("Site inconnu"))
        db = services.ctx.db
        path = db.path
        if db.is_server:  # it said "base en mémoire" on a server
            url = db.engine.url
            self.db_label.setText(
                tr("Serveur : {where}").format(
                    where=f"{url.host or url.query.get('host', '')}/{url.database}"
                )
            )
            self.db_label.setToolTip(db.where)
        else:
            self.db_label.setText(
                tr("Base : {file}").format(file=path.name) if path else tr("base en mémoire")
            )
            self.db_label.setToolTip(str(path) if path else "")
        ops.message.connect(self.showMessage)
        ops.busyChanged.connect(self._busy)
        ops.progressed.connect(self._progress)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # type: ignore[override]
        """A message for the person: whole and long enough, in the feedback line when there is one."""
        if self.feedback is not None:
            self.feedback.show_message(text, timeout)
        else:
            super().showMessage(text, timeout)

    def currentMessage(self) -> str:
        if self.feedback is not None:
            return self.feedback.current()
        return super().currentMessage()

    def set_log_path(self, path: Path) -> None:
        """Where the log is, for IT people: in the tooltip of the file's name."""
        self.db_label.setToolTip(self.db_label.toolTip() + "\n" + tr("Journal : {path}").format(path=path))

    def set_actor(self, actor: Actor) -> None:
        self.user_label.setText(f"{actor.name} · {tr(ROLE_FR[actor.role])}")

    def set_sync_state(self, text: str, *, ok: bool = True) -> None:
        self.sync_label.setText(tr("Synchronisation : {state}").format(state=text))
        self.sync_label.setStyleSheet("" if ok else "color: #b00020; font-weight: bold;")

    def set_live_state(self, text: str, *, ok: bool = True) -> None:
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))
        self.live_label.setStyleSheet("" if ok else "color: #b00020; font-weight: bold;")

    def _busy(self, busy: bool, label: str) -> None:
        """Work in progress stays in the status bar itself, next to its progress bar."""
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            QStatusBar.showMessage(self, f"{label}…")
        else:
            self.clearMessage()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if text:
            QStatusBar.showMessage(self, text)
