"""A throwaway local PostgreSQL cluster, for the test session and the benchmark (never for users).

`start_cluster()` runs `initdb` then `pg_ctl start` on a fresh temporary folder: the data folder and the
Unix socket live there, the server listens on 127.0.0.1 on a free port, and `stop()` shuts it down and
removes the folder. PostgreSQL refuses to run as root, so a root caller runs the server as Debian's
`postgres` user (or an `mlplanner-pg` system user it creates) through `runuser`; the folder is handed
to that user.

The cluster uses an ICU French collation (`fr-FR`), like a French server would, so tests meet the
collation a site's IT person is likely to have (prefix search must not depend on the C collation).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "postgres"
FALLBACK_OS_USER = "mlplanner-pg"


def find_bindir() -> Path | None:
    """The newest PostgreSQL (15 or later) server binaries: Debian's layout, `pg_config`, or PATH."""
    candidates: list[Path] = []
    base = Path("/usr/lib/postgresql")
    if base.is_dir():
        versions = sorted(
            (p for p in base.iterdir() if p.name.isdigit() and int(p.name) >= 15), key=lambda p: int(p.name)
        )
        candidates += [p / "bin" for p in reversed(versions)]
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(Path(out.stdout.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).parent)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _os_user() -> str | None:
    """The user the server runs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in (SUPERUSER, FALLBACK_OS_USER):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", FALLBACK_OS_USER],
        check=True,
        capture_output=True,
    )
    return FALLBACK_OS_USER


@dataclass
class LocalCluster:
    root: Path
    bindir: Path
    port: int
    os_user: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(
        self, dbname: str, *, user: str = SUPERUSER, password: str | None = None, tcp: bool = False
    ) -> str:
        """A SQLAlchemy URL for psycopg 3: over the Unix socket by default, or TCP on 127.0.0.1."""
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
        if tcp:
            return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{dbname}"
        return f"postgresql+psycopg://{auth}@/{dbname}?host={quote(str(self.socket_dir), safe='')}&port={self.port}"

    def libpq_env(self) -> dict[str, str]:
        """Environment for libpq tools (psql, pg_dump) reaching this cluster as the superuser."""
        return {"PGHOST": str(self.socket_dir), "PGPORT": str(self.port), "PGUSER": SUPERUSER}

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        env = {**os.environ, **self.libpq_env()}
        out = subprocess.run(
            [
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                dbname,
                "-c",
                sql,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.os_user is not None:
            cmd = ["runuser", "-u", self.os_user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=self.root)

    def pg_ctl(self, action: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return self._run(str(self.bindir / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60", *extra)

    def stop(self, *, mode: str = "fast") -> None:
        """Stop the server (it may already be down) and remove the folder."""
        if self._stopped:
            return
        self._stopped = True
        self.pg_ctl("stop", "-m", mode)
        shutil.rmtree(self.root, ignore_errors=True)

    def restart(self, *, stop_mode: str = "fast") -> None:
        """Stop then start again on the same port (to test clients losing the server)."""
        self.pg_ctl("stop", "-m", stop_mode)
        self.start_server()

    def start_server(self) -> None:
        log = self.root / "server.log"
        done = self.pg_ctl("start", "-l", str(log), "-o", f"-p {self.port}")
        if done.returncode != 0:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {text[-2000:]}")


OWNER_FILE = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(base: Path, bindir: Path) -> list[Path]:
    """Stop and remove the clusters whose owner process is gone (a test run killed before its end)."""
    removed = []
    for root in base.glob("mlplanner-pg-*"):
        try:
            owner = int((root / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        stale = LocalCluster(root, bindir, 0, _os_user())
        stale.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def start_cluster(*, bindir: Path | None = None, max_connections: int = 200) -> LocalCluster:
    """initdb + pg_ctl start in a new temporary folder; the caller calls `stop()`.

    The folder records this process's id: a later start removes the clusters of processes that died
    without stopping theirs."""
    bindir = bindir or find_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL 15 or later is not installed (Debian: apt-get install postgresql); "
            "the server-mode tests and the benchmark need its initdb and pg_ctl."
        )
    user = _os_user()
    shm = Path("/dev/shm")  # memory-backed on Linux: creating a database per test copies its files
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
    remove_abandoned(base, bindir)
    root = Path(tempfile.mkdtemp(prefix="mlplanner-pg-", dir=base))
    cluster = LocalCluster(root, bindir, free_port(), user)
    try:
        (root / OWNER_FILE).write_text(str(os.getpid()))
        cluster.socket_dir.mkdir()
        if user is not None:
            info = pwd.getpwnam(user)
            for p in (root, cluster.socket_dir):
                os.chown(p, info.pw_uid, info.pw_gid)
        # traversable (not listable) by everyone: a client without root's override of permissions
        # (a test dropping it) reaches the socket; the data folder itself stays 0700 (initdb's rule)
        for p in (root, cluster.socket_dir):
            os.chmod(p, 0o711)
        done = cluster._run(
            str(bindir / "initdb"),
            "-D",
            str(cluster.data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--locale-provider=icu",
            "--icu-locale=fr-FR",
            "--no-sync",
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stdout[-1000:]} {done.stderr[-2000:]}")
        with (cluster.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# mlplanner throwaway cluster\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{cluster.socket_dir}'\n"
                f"max_connections = {max_connections}\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 128MB\n"
                "log_min_messages = warning\n"
            )
        cluster.start_server()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def wait_until_up(cluster: LocalCluster, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            cluster.psql("SELECT 1")
            return
        except subprocess.CalledProcessError:
            time.sleep(0.1)
    raise RuntimeError("the local PostgreSQL server did not answer")
