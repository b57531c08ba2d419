"""The start-up guard: one instance per site file, the file's quick check and the day's first backup.

The app runs its two halves off the GUI thread (`acquire_instance` before the login,
`check_and_back_up` once the day view is shown, writes held until the check passes) and reports on the GUI thread (`report_busy`,
`report_damaged`); `startup_guard` runs them in a row (tests, tools).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from mlplanner.domain.errors import StorageError
from mlplanner.instance_lock import InstanceBusy, InstanceLock, acquire_instance_lock
from mlplanner.services.container import Services
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.prompt import Prompt

log = logging.getLogger(__name__)
_instance: list[InstanceLock] = []  # held for the life of the process


def startup_guard(path: Path, services: Services, prompt: Prompt) -> bool:
    """False (after saying why) when another mlplanner already has this file open on this PC.

    A damaged file is reported, not fatal: the window opens so a site lead can restore a backup from
    « Fichier → Sauvegardes et restauration ».
    """
    busy = acquire_instance(path)
    if busy is not None:
        report_busy(prompt, busy)
        return False
    damaged = check_and_back_up(services)
    if damaged is not None:
        report_damaged(prompt, damaged)
    return True


def acquire_instance(path: Path | str) -> InstanceBusy | None:
    """Hold this file's instance lock for the life of the process; the refusal if another mlplanner of
    this user has it. No Qt: the app calls it off the GUI thread."""
    try:
        _instance.append(acquire_instance_lock(path))
    except InstanceBusy as exc:
        return exc
    return None


def check_and_back_up(
    services: Services, backing_up: Callable[[bool], None] | None = None
) -> StorageError | None:
    """The file's quick check, then the day's first backup; the error if the file is damaged. No Qt:
    the app runs it off the GUI thread once the day view is shown (seconds on a file of several
    gigabytes). The file's writes wait for the check's verdict if the caller held them (`WriteGate`):
    they go on once it passes, and are refused (with the same message) if the file is damaged, so
    nothing is written into it before the person is told. `backing_up(True/False)` brackets the copy
    (the app shows it in the status bar)."""
    gate = services.ctx.db.writes
    try:
        services.backups.check_at_start()
    except StorageError as exc:
        gate.open(exc)
        return exc
    except BaseException:
        gate.open()  # a bug of the check must not freeze every write: it is reported as a crash
        raise
    gate.open()
    if backing_up is not None:
        backing_up(True)
    try:
        daily = services.backups.daily_backup_at_start()
    finally:
        if backing_up is not None:
            backing_up(False)
    if daily is not None:
        log.info("daily backup taken: %s", daily.path.name)
    return None


def report_busy(prompt: Prompt, busy: InstanceBusy, parent: QWidget | None = None) -> None:
    prompt.error(parent, refusal_text(busy), title=tr("mlplanner est déjà ouvert"))


def report_damaged(prompt: Prompt, damaged: StorageError, parent: QWidget | None = None) -> None:
    prompt.error(
        parent,
        refusal_text(damaged)
        + "\n\n"
        + tr("L'application s'ouvre quand même ; évitez de saisir avant la restauration."),
        title=tr("Base de données endommagée"),
    )


def release_instance() -> None:
    """Give the instance lock back (tests; the app keeps it until it exits)."""
    while _instance:
        _instance.pop().release()
