"""One running mlplanner per site file and user session: the desktop app and `mlplanner sync` share it.

Why: the sync lock of `mlplanner.sync.lock` is held per process; two copies of the app on one PC would
each believe they may run "the" sync of this file, and a restore under a running window would pull the
data from under it. The lock is an OS lock on a small file in the user's app-data folder, keyed by the
database's absolute path (fcntl `flock` on POSIX, `msvcrt.locking` on Windows): the OS drops it when the
process dies, so a crash never leaves a stale lock behind. Inside one process the lock is re-entrant
(the window and the sync it starts are the same instance).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mlplanner.domain.errors import RuleViolation
from mlplanner.paths import app_data_dir, is_server_location

_guard = threading.Lock()
_held: dict[str, _Held] = {}


@dataclass
class _Held:
    fd: int
    path: Path
    count: int = 1


class InstanceBusy(RuleViolation):
    """Another mlplanner process of this user already has the site file open."""


def lock_path_for(db_path: Path | str, base: Path | None = None) -> Path:
    """The lock file of a site file (by its absolute path) or of a server database (by its URL)."""
    where = str(db_path) if is_server_location(str(db_path)) else str(Path(db_path).expanduser().resolve())
    key = hashlib.sha256(where.encode()).hexdigest()[:16]
    return (base or app_data_dir()) / "locks" / f"instance-{key}.lock"


def _try_os_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text("utf-8")[1:].strip() or "{}")
        return f" (programme n° {info.get('pid')} sur {info.get('host')})"
    except (OSError, ValueError):
        return ""


@dataclass
class InstanceLock:
    """A held instance lock; `release()` (or leaving the `with` block) gives it back."""

    key: str
    released: bool = field(default=False)

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        with _guard:
            held = _held.get(self.key)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _held[self.key]
                _os_unlock(held.fd)
                os.close(held.fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire_instance_lock(db_path: Path | str, *, base: Path | None = None) -> InstanceLock:
    """Take the instance lock of `db_path`, or raise InstanceBusy (exit code 3 on the CLI)."""
    path = lock_path_for(db_path, base)
    key = str(path)
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return InstanceLock(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_os_lock(fd):
            os.close(fd)
            raise InstanceBusy(
                "instance_busy",
                "mlplanner est déjà ouvert sur ce poste avec cette base"
                f"{_holder(path)} : utilisez la fenêtre déjà ouverte, ou fermez-la puis réessayez.",
                db=str(db_path),
            )
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "at": time.time()})
        os.lseek(fd, 1, os.SEEK_SET)  # byte 0 is the one Windows locks; the holder's facts follow it
        os.write(fd, info.encode().ljust(200))
        _held[key] = _Held(fd, path)
        return InstanceLock(key)


def held_here(db_path: Path | str, *, base: Path | None = None) -> bool:
    """Whether this process holds the lock of `db_path` (restore requires it, or takes it itself)."""
    with _guard:
        return str(lock_path_for(db_path, base)) in _held
