"""A sync process killed (SIGKILL) in the middle of an apply leaves the database as it was; the next
sync completes (one transaction per change set, stale lock of the dead process taken over)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.storage.sync_tables import SyncApplied

from .conftest import Site, open_site, shared_state

CHILD = r"""
import sys, time
from pathlib import Path
from mlplanner.domain.clock import FixedClock
from datetime import UTC, datetime
from mlplanner.services.container import Services
from mlplanner.services.sync.service import SyncService
from mlplanner.storage.db import Database

db, share, marker = sys.argv[1:4]
sv = Services.for_database(Database.for_location(db), FixedClock(datetime(2027, 3, 1, 9, tzinfo=UTC)))

def progress(msg, done, total):
    if msg.startswith("lot "):  # inside the apply transaction, after a table was written
        Path(marker).write_text(msg)
        time.sleep(120)

SyncService(sv.ctx).sync(folder=share, progress=progress)
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_mid_apply_changes_nothing(sites: dict[str, Site], share: Path, tmp_path: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    lyon.sync.sync(folder=share)  # Lyon exports its own change set first, so the child only applies
    paris.sync.sync(folder=share)
    before = shared_state(lyon)
    lyon.close()
    marker = tmp_path / "inside-apply.txt"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(lyon.path), str(share), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the child sync ended before reaching the apply"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert (share / "LYON" / "sync.lock").exists()  # left behind by the dead process

    lyon = open_site(lyon.path, "LYON")
    try:
        assert shared_state(lyon) == before
        with lyon.services.ctx.read() as s:
            assert s.exec(select(SyncApplied)).first() is None
        report = lyon.sync.sync(folder=share)
        assert report.ok and [a[:2] for a in report.applied] == [("PARIS13", 1)]
        assert shared_state(lyon)["youth"] != before["youth"]
        paris.sync.sync(folder=share)
        assert shared_state(lyon) == shared_state(paris)
    finally:
        lyon.close()
