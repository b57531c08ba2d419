"""Live refresh across workstations: notice within a second that another process changed the file.

SQLite's `PRAGMA data_version` changes when *another* connection commits to the same database file.
A dedicated read-only connection polls it every `INTERVAL_MS` (a few microseconds per poll, no table is
read); on a change the bus receives a `Changes` with every kind, and each open view reloads what it shows
in place (the models keep the selection and scroll position). The app's own writes also go through
other connections, so they trigger one redundant refresh a moment later: cheap, and never wrong.

If the file becomes unreachable (network share dropped), the status bar says so and polling goes on
until it is back.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.bus import ChangeBus

log = logging.getLogger(__name__)
INTERVAL_MS = 700


class LiveRefresh(QObject):
    stateChanged = Signal(bool, str)  # reachable, French text for the status bar

    def __init__(
        self, path: Path, bus: ChangeBus, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.bus = bus
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._ok = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Take the current version as the baseline, then poll."""
        try:
            self._version = self._read()
        except sqlite3.Error:
            self._version = None
            self.poll()  # reports the file unreachable; the first successful poll says it is back
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _read(self) -> int:
        if self._conn is None:
            if not self.path.exists():
                raise sqlite3.OperationalError("database file is missing")
            self._conn = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, timeout=1, check_same_thread=False
            )
            self._conn.isolation_level = None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> bool:
        """Check once; True when another connection changed the file since the last poll."""
        try:
            version = self._read()
        except sqlite3.Error as exc:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._ok:
                log.warning("live refresh: database unreachable: %s", exc)
                self._ok = False
                self.stateChanged.emit(False, tr("Base de données inaccessible : nouvel essai en cours…"))
            return False
        if not self._ok:
            self._ok = True
            self.stateChanged.emit(True, "")
            self.bus.publish_external()  # we may have missed changes while it was gone
            self._version = version
            return True
        changed = self._version is not None and version != self._version
        self._version = version
        if changed:
            self.bus.publish_external()
        return changed
