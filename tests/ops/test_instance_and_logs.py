"""The single-instance lock and the log file."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlplanner import logging_setup
from mlplanner.instance_lock import InstanceBusy, acquire_instance_lock, held_here, lock_path_for

HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mlplanner.instance_lock import acquire_instance_lock
    lock = acquire_instance_lock(Path(sys.argv[1]))
    print("locked", flush=True)
    sys.stdin.read()
    """
)


def _holder(db: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_process_is_refused_until_the_first_ends(tmp_path: Path) -> None:
    db = tmp_path / "site.sqlite3"
    holder = _holder(db)
    try:
        with pytest.raises(InstanceBusy) as err:
            acquire_instance_lock(db)
        assert err.value.exit_code == 3 and f"n° {holder.pid}" in err.value.message
    finally:
        holder.kill()  # a crash: the OS drops the lock, no stale file blocks the next start
        holder.wait()
    with acquire_instance_lock(db):
        assert held_here(db)
    assert not held_here(db)


def test_the_lock_is_reentrant_in_one_process_and_per_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    outer = acquire_instance_lock(a)
    inner = acquire_instance_lock(a)  # the window and the sync it runs are one instance
    other = acquire_instance_lock(b)
    inner.release()
    assert held_here(a)
    outer.release()
    other.release()
    assert not held_here(a) and not held_here(b)
    assert lock_path_for(a) != lock_path_for(b)
    assert lock_path_for(a).parent == Path(os.environ["XDG_DATA_HOME"]) / "mlplanner" / "locks"


def test_log_file_is_private_and_masks_personal_data(tmp_path: Path) -> None:
    path = logging_setup.configure(folder=tmp_path / "logs")
    assert path is not None
    try:
        log = logging.getLogger("mlplanner.test")
        log.info("youth %s phoned from 06 12 34 56 78 / +33612345678, mail zoe.martin@example.org", "abc123")
        try:
            raise ValueError("[SQL: INSERT INTO youth] [parameters: ('Zoé', 'Martin', '0612345678')]")
        except ValueError:
            log.exception("insert failed")
        for h in logging.getLogger().handlers:
            h.flush()
        text = path.read_text("utf-8")
        assert "abc123" in text and "insert failed" in text and "Traceback" in text
        for secret in ("06 12 34 56 78", "612345678", "zoe.martin", "Martin", "Zoé"):
            assert secret not in text, secret
        if os.name == "posix":
            assert path.stat().st_mode & 0o777 == 0o600
    finally:
        logging_setup.reset()


def test_scrub_keeps_ids_and_times() -> None:
    line = "appointment 3f2a1b moved to 2027-03-01 10:30 by staff 42; youth 0612345678"
    assert (
        logging_setup.scrub(line)
        == "appointment 3f2a1b moved to 2027-03-01 10:30 by staff 42; youth [masqué]"
    )


def test_cli_unexpected_error_is_one_french_line_and_logged(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        from mlplanner import logging_setup
        logging_setup.configure()
        logging_setup.install_cli_excepthook()
        raise RuntimeError("boom")
        """
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("mlplanner : Une erreur inattendue") and "Traceback" not in done.stderr
    log = tmp_path / "mlplanner" / "logs" / "mlplanner.log"
    assert str(log) in done.stderr and "RuntimeError: boom" in log.read_text("utf-8")
