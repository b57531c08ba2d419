"""Consistent copies of a live SQLite file through the backup API (never a plain file copy)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path


def backup_file(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page under SQLite's own locking; the copy is user-readable only."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    return dest
