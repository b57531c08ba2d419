"""One sync at a time per site: an in-process lock plus a lock file in the site's folder of the share.

The lock file is created with O_EXCL (works on local disks and SMB shares, unlike flock). It holds the
host, pid and time; a lock left by a crashed process is taken over when it belongs to a dead process of
this host, or when it is older than `STALE_AFTER_S` (a PC that crashed elsewhere). An empty or unreadable
lock (a crash between creating the file and writing it) is taken over once `EMPTY_GRACE_S` old: the
writer writes it right after creating it.

Ages are read on the share's own clock (the lock's modification time against a probe file's, both set by
the file server), not this PC's: a PC whose clock is hours off neither takes over a live lock nor
waits hours for a dead one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from mlplanner.sync.errors import SyncFolderError

LOCK_NAME = "sync.lock"
STALE_AFTER_S = 2 * 3600
EMPTY_GRACE_S = 60

_registry_guard = threading.Lock()
_process_locks: dict[str, threading.Lock] = {}


def _process_lock(key: str) -> threading.Lock:
    with _registry_guard:
        return _process_locks.setdefault(key, threading.Lock())


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe probe on Windows without extra packages: rely on the age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _share_now(folder: Path) -> float:
    """The share's clock: the modification time of a file created there now (this PC's clock if the
    folder refuses it)."""
    probe = folder / f".probe-{socket.gethostname()}-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        return probe.stat().st_mtime
    except OSError:
        return time.time()
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()


def _is_stale(path: Path) -> bool:
    try:
        age = _share_now(path.parent) - path.stat().st_mtime
    except OSError:
        return False
    try:
        info = json.loads(path.read_text("utf-8"))
        if not isinstance(info, dict) or not isinstance(info.get("host"), str):
            raise ValueError("not a lock")
        pid = info.get("pid")
        if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 2**31:
            raise ValueError("not a lock")
        if info["host"] == socket.gethostname() and not _pid_alive(pid):
            return True
    except (OSError, ValueError, TypeError, UnicodeError):
        return age > EMPTY_GRACE_S  # empty or garbled: its writer crashed right after creating it
    return age > STALE_AFTER_S


def _busy(site: str) -> SyncFolderError:
    return SyncFolderError(
        "sync_busy", f"Une synchronisation du site {site} est déjà en cours ; réessayez dans un instant."
    )


@contextlib.contextmanager
def site_lock(site_folder: Path, site: str) -> Iterator[None]:
    """Hold the sync lock of `site` (raises SyncFolderError when another sync holds it)."""
    plock = _process_lock(str(site_folder.resolve()))
    if not plock.acquire(blocking=False):
        raise _busy(site)
    try:
        path = site_folder / LOCK_NAME
        body = json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "at": time.time()}).encode()
        for attempt in range(2):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                break
            except FileExistsError:
                if attempt == 0 and _is_stale(path):
                    with contextlib.suppress(OSError):
                        path.unlink()
                    continue
                raise _busy(site) from None
            except OSError as exc:
                raise folder_error(exc, site_folder.parent) from exc
        try:
            os.write(fd, body)
        finally:
            os.close(fd)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        plock.release()


def folder_error(exc: OSError, folder: Path) -> SyncFolderError:
    """A French sentence for an OS error on the sync folder; local data is never touched in these cases."""
    tail = " Les données locales n'ont pas été modifiées."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SyncFolderError(
            "sync_folder_readonly", f"Le dossier de synchronisation « {folder} » est en lecture seule.{tail}"
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return SyncFolderError(
            "sync_folder_full", f"Le dossier de synchronisation « {folder} » est plein.{tail}"
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return SyncFolderError(
            "sync_folder_missing",
            f"Le dossier de synchronisation « {folder} » est introuvable (clé USB ou partage réseau "
            f"déconnecté ?).{tail}",
        )
    return SyncFolderError(
        "sync_folder_error",
        f"Le dossier de synchronisation « {folder} » est inaccessible ({exc.strerror}).{tail}",
    )
