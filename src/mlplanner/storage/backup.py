"""Consistent copies of a live SQLite file through the backup API (never a plain file copy).

Backups live in `<folder of the database>/backups/` and are named `<stem>-<tag>-<UTC stamp>.sqlite3`
(tag: `daily`, `before-sync`, `manual`, `before-restore`, or `before-<revision>` for migrations), so the
migration backups of `migrate.py` and the others share one folder and one naming scheme. A server
database's backups (`pg_backup.py`) follow the same scheme with the database's name as stem and `.dump`.

A backup is a self-contained file in rollback-journal mode (no `-wal` beside it) readable by the current
user only. Restoring goes the other way through the same API: SQLite writes the backup's pages into the
live file under its own write lock, so other connections (another window, another workstation) see the
restored content on their next read instead of a file swapped under their feet.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BACKUP_DIR_NAME = "backups"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_TAIL_RE = re.compile(
    r"^(?P<tag>daily|manual|before-[a-z0-9_]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?:sqlite3|dump)$"
)
SUFFIXES = (".sqlite3", ".dump")


def make_private(path: Path) -> None:
    """Readable and writable by the current user only, where the OS allows it (POSIX)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def create_private(path: Path) -> None:
    """Create an empty file only the current user may read (SQLite then fills it; -wal/-shm copy its mode)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError:
        return  # a read-only folder: SQLite reports it in its own words when it opens the file
    make_private(path)  # os.open's mode is filtered by the umask; chmod is not


def make_private_dir(path: Path) -> None:
    """A folder only the current user may list and enter (POSIX); Windows keeps the profile's ACLs."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)


def backup_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR_NAME


def backup_name(db_path: Path, tag: str, when: datetime, suffix: str = ".sqlite3") -> str:
    return f"{Path(db_path).stem}-{tag}-{when.astimezone(UTC).strftime(STAMP_FORMAT)}{suffix}"


@dataclass(frozen=True)
class BackupName:
    path: Path
    tag: str
    taken_at: datetime  # aware UTC, from the file name
    seq: int = 1  # 2, 3... for copies taken within the same second


def parse_backup_name(path: Path, db_stem: str) -> BackupName | None:
    """The tag and instant encoded in the name of a backup of `<db_stem>.sqlite3`; None otherwise."""
    if not path.name.startswith(f"{db_stem}-"):
        return None
    m = _TAIL_RE.match(path.name[len(db_stem) + 1 :])
    if m is None:
        return None
    when = datetime.strptime(m["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    return BackupName(path, m["tag"], when, int(m["n"] or 1))


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupName]:
    """Backups of this database, newest first."""
    folder = folder or backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    found = [
        parse_backup_name(p, Path(db_path).stem) for suffix in SUFFIXES for p in folder.glob(f"*{suffix}")
    ]
    return sorted((b for b in found if b is not None), key=lambda b: (b.taken_at, b.seq), reverse=True)


def free_name(dest: Path) -> Path:
    """`dest`, or `dest` with `-2`, `-3`... before the suffix when two backups fall in one second."""
    n, candidate = 1, dest
    while candidate.exists():
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate


def backup_file(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page under SQLite's own locking; the copy is user-readable only."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600)  # private from its first byte
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
    finally:
        src.close()
    make_private(tmp)
    os.replace(tmp, dest)
    return dest


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """`PRAGMA integrity_check` of a file: an empty list when SQLite answers "ok".

    `quick`: `PRAGMA quick_check` instead, which skips matching each index against its table (0.7 s
    instead of 5 s on a 460 MB file) but still reads every page and checks the b-trees' structure.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}(20)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def restore_file(backup: Path, live: Path) -> None:
    """Write the backup's pages into the live database (under its write lock; other connections follow)."""
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(live, timeout=30, isolation_level=None)
        try:
            dst.execute("PRAGMA busy_timeout = 30000")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@dataclass(frozen=True)
class FileSummary:
    """What a site lead needs to recognise a backup before restoring it."""

    revision: str | None
    site_code: str
    youths: int
    appointments: int
    last_change: datetime | None  # aware UTC: latest `updated_at` of an appointment or youth


def _parse_instant(text: str | None) -> datetime | None:
    if not text:
        return None
    if text[-3:-2] in "+-" and text[-6:-5] != ":":  # PostgreSQL's "…+00": Python wants "+00:00"
        text = text + ":00"
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def read_summary(path: Path) -> FileSummary:
    """Counts read straight from a file (live or backup) without opening it through the app."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"youth", "appointment", "alembic_version"} <= names:
            raise sqlite3.DatabaseError("not an mlplanner database")
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        site = (
            conn.execute("SELECT value FROM meta WHERE key='site_code'").fetchone()
            if "meta" in names
            else None
        )
        youths = conn.execute("SELECT count(*) FROM youth WHERE deleted = 0").fetchone()[0]
        appts = conn.execute("SELECT count(*) FROM appointment WHERE deleted = 0").fetchone()[0]
        last = conn.execute(
            "SELECT max(m) FROM (SELECT max(updated_at) AS m FROM appointment "
            "UNION ALL SELECT max(updated_at) FROM youth)"
        ).fetchone()[0]
    finally:
        conn.close()
    return FileSummary(
        revision=rev[0] if rev else None,
        site_code=site[0] if site else "",
        youths=int(youths),
        appointments=int(appts),
        last_change=_parse_instant(last),
    )


def compact_file(path: Path) -> None:
    """Rewrite the file without free pages and empty the WAL, so deleted text is really gone from disk.

    Best effort: a reader on another workstation can keep the WAL from being truncated until it is done.
    """
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
