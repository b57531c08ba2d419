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
