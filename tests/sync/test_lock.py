"""The per-site sync lock: exclusive in a process and across processes; stale locks are taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mlplanner.sync.errors import SyncFolderError
from mlplanner.sync.lock import LOCK_NAME, folder_error, site_lock


def test_exclusive_in_process(tmp_path: Path) -> None:
    with site_lock(tmp_path, "LYON"):
        assert (tmp_path / LOCK_NAME).exists()
        with pytest.raises(SyncFolderError, match="déjà en cours"), site_lock(tmp_path, "LYON"):
            pass
    assert not (tmp_path / LOCK_NAME).exists()
    with site_lock(tmp_path, "LYON"):
        pass


def test_lock_file_of_live_process_blocks(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        info = {"host": socket.gethostname(), "pid": child.pid, "at": __import__("time").time()}
        (tmp_path / LOCK_NAME).write_text(json.dumps(info))
        with pytest.raises(SyncFolderError) as err, site_lock(tmp_path, "LYON"):
            pass
        assert err.value.code == "sync_busy"
    finally:
        child.kill()
        child.wait()
    # the holder died: its lock is stale and taken over
    with site_lock(tmp_path, "LYON"):
        assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()


def test_folder_errors_are_french() -> None:
    assert folder_error(OSError(13, "Permission denied"), Path("/x")).code == "sync_folder_readonly"
    assert folder_error(OSError(28, "No space"), Path("/x")).code == "sync_folder_full"
    assert "introuvable" in folder_error(FileNotFoundError(2, "nope"), Path("/x")).message


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x00", b"{", b'["x"]', b'{"pid": "abc"}', b'{"host": "h", "pid": 99999999999999}']
)
def test_an_empty_or_garbled_lock_is_taken_over_once_a_minute_old(tmp_path: Path, content: bytes) -> None:
    """A crash between creating the lock and writing it used to block the site's sync for two hours."""
    lock = tmp_path / LOCK_NAME
    lock.write_bytes(content)
    with pytest.raises(SyncFolderError), site_lock(tmp_path, "LYON"):
        pass  # just created: its writer may be writing it right now
    old = lock.stat().st_mtime - 5 * 60
    os.utime(lock, (old, old))
    with site_lock(tmp_path, "LYON"):
        assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_a_lock_of_another_pc_is_aged_on_the_share_clock(tmp_path: Path) -> None:
    """The other PC's clock is 3 hours behind: its fresh lock must not look 3 hours old."""
    lock = tmp_path / LOCK_NAME
    info = {"host": "un-autre-pc", "pid": 1234, "at": __import__("time").time() - 3 * 3600}
    lock.write_text(json.dumps(info))
    with pytest.raises(SyncFolderError) as err, site_lock(tmp_path, "LYON"):
        pass
    assert err.value.code == "sync_busy"
    old = lock.stat().st_mtime - 3 * 3600
    os.utime(lock, (old, old))  # that PC crashed three hours ago (the share's clock says so)
    with site_lock(tmp_path, "LYON"):
        pass
    assert not list(tmp_path.glob(".probe-*"))
