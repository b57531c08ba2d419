"""Live refresh across workstations: notice within a second that another workstation changed the data.

The services' change watch says what happened (`Services.watch_changes`): on a site file, SQLite's data
version; on a server, PostgreSQL's LISTEN/NOTIFY (each write transaction notifies its site's
workstations at commit). A timer reads it every `INTERVAL_MS` (a cheap, non-blocking look); on a change
the bus receives a `Changes` with every kind, and each open view reloads what it shows in place (the
models keep the selection and scroll position). The app's own writes trigger one redundant refresh a
moment later: cheap, and never wrong.

If the database can no longer be reached (server stopped, network or share down), `stateChanged` says
so: the window shows it, keeps what is on screen and refuses changes until it is back (see
`MainWindow.set_offline`); the watch keeps trying, and once the database answers again every view
reloads (changes may have been missed meanwhile).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from mlplanner.services.container import ChangeWatch
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus

log = logging.getLogger(__name__)
INTERVAL_MS = 700


def lost_text(server: bool) -> str:
    if server:
        return tr(
            "Serveur injoignable : affichage figé, aucune modification possible. Reconnexion automatique…"
        )
    return tr("Base de données inaccessible : nouvel essai en cours…")


class LiveRefresh(QObject):
    stateChanged = Signal(bool, str)  # reachable, French text for the status bar

    def __init__(
        self,
        watch: ChangeWatch,
        bus: ChangeBus,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        server: bool = False,
    ) -> None:
        super().__init__(parent)
        self.watch = watch
        self.bus = bus
        self.server = server
        self._ok = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    @property
    def reachable(self) -> bool:
        return self._ok

    def start(self) -> None:
        """Look once (a database already gone is reported at once), then every interval."""
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.watch.close()

    def poll(self) -> bool:
        """Check once; True when another connection changed the data since the last poll."""
        seen = self.watch.check()
        if not seen.reachable:
            if self._ok:
                self._ok = False
                self.stateChanged.emit(False, lost_text(self.server))
            return False
        if not self._ok:
            self._ok = True
            self.stateChanged.emit(True, "")
        if seen.changed:
            self.bus.publish_external()
        return seen.changed
