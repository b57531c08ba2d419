"""A save asked while the file's start-up check still runs: the window stays alive and says why.

The app checks its file once the day is on screen, and holds writes until the verdict
(`storage.db.WriteGate`): on a file of 2 GB that is seconds, more on a busy PC. A receptionist who
books at once used to see a frozen window for that long (the write waited on the GUI thread). Now the
wait runs a local event loop behind a small modal notice, and the save goes on by itself once the
check has passed (or is refused with the damaged file's sentence)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from mlplanner.ui.i18n import tr

POLL_MS = 50


def waiter(parent: QWidget) -> Callable[[Callable[[], bool]], None]:
    """The GUI thread's way to wait for the check (`WriteGate.wait_here_with`)."""
    nested = [0]

    def wait(done: Callable[[], bool]) -> None:
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(POLL_MS)
        timer.timeout.connect(lambda: loop.quit() if done() else None)
        notice: QProgressDialog | None = None
        if nested[0] == 0:  # a timer's write while already waiting: one notice is enough
            notice = QProgressDialog(
                tr(
                    "Vérification du fichier de la base en cours (elle a lieu à chaque ouverture).\n"
                    "L'enregistrement se fera dès qu'elle sera finie."
                ),
                "",
                0,
                0,
                parent,
            )
            notice.setObjectName("checkWaitNotice")
            notice.setWindowTitle(tr("Enregistrement en attente"))
            notice.setCancelButton(None)
            notice.setWindowModality(Qt.WindowModality.ApplicationModal)
            notice.setMinimumDuration(0)
            notice.show()
        nested[0] += 1
        timer.start()
        try:
            if not done():
                loop.exec()
        finally:
            timer.stop()
            nested[0] -= 1
            if notice is not None:
                notice.close()
                notice.deleteLater()

    return wait
