"""A save asked while the file's start-up check runs keeps the window alive and says why."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from mlplanner.storage.db import WriteGate
from mlplanner.ui.shell.check_wait import waiter


def test_a_write_waiting_for_the_check_keeps_the_gui_alive_with_a_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Before, the write blocked the GUI thread until the check ended: no repaint, no timer, no word.
    Here the check ends (another thread opens the gate) 1.5 s after the write is asked; meanwhile the
    GUI thread must go on handling its events, and show the notice."""
    window = QWidget()
    qtbot.addWidget(window)
    gate = WriteGate()
    gate.wait_here_with(waiter(window))
    gate.hold()
    seen: list[tuple[bool, bool]] = []  # (gate still held, notice shown) each time a GUI timer fires

    def tick() -> None:
        notices = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        seen.append((gate.held, any(n.objectName() == "checkWaitNotice" for n in notices)))

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(tick)
    timer.start()
    threading.Timer(1.5, gate.open).start()
    gate.wait()  # the write's wait, on the GUI thread
    timer.stop()
    assert not gate.held
    assert (True, True) in seen  # the GUI ran while the gate was held, with the notice up
    assert not [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "checkWaitNotice" and w.isVisible()
    ]


def test_another_thread_simply_waits_and_a_damaged_file_still_refuses(qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.domain.errors import StorageError

    window = QWidget()
    qtbot.addWidget(window)
    gate = WriteGate()
    gate.wait_here_with(waiter(window))
    gate.hold()
    outcome: list[object] = []

    def write() -> None:
        try:
            gate.wait()
            outcome.append("written")
        except StorageError as exc:
            outcome.append(exc.code)

    worker = threading.Thread(target=write)
    worker.start()
    gate.open(StorageError("db_damaged", "Le fichier est endommagé."))
    worker.join(5)
    assert outcome == ["db_damaged"]
