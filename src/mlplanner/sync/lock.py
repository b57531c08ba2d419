"""One sync at a time per site: an in-process lock plus a lock file in the site's folder of the share.

The lock file is created with O_EXCL (works on local disks and SMB shares, unlike flock). It holds the
host, pid and time; a lock left by a crashed process is taken over when it belongs to a dead process of
this host, or when it is older than `STALE_AFTER` (a PC that crashed elsewhere).
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


def _is_stale(path: Path) -> bool:
    try:
        info = json.loads(path.read_text("utf-8"))
        age = time.time() - float(info.get("at", 0))
        if info.get("host") == socket.gethostname() and not _pid_alive(int(info.get("pid", 0))):
            return True
        return age > STALE_AFTER_S
    except (OSError, ValueError, TypeError):
        try:
            return time.time() - path.stat().st_mtime > STALE_AFTER_S
        except OSError:
            return False


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
