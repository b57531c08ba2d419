"""Tampering with change sets in a test share, as a forger or a careless person would.

`rewrite` edits the CSV rows and/or the manifest of a change set already in the folder, then fixes the
checksums and row counts so that the set still verifies: what arrives is well formed on the outside,
and only the checks on its content can refuse it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from mlplanner.sync.changeset import MANIFEST, csv_bytes
from mlplanner.sync.files import sha256_bytes

Row = dict[str, str]


def seq_dir(share: Path, site: str, seq: int) -> Path:
    return share / site / f"{seq:08d}"


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return rows[0], rows[1:]


def make_writable(folder: Path) -> None:
    """Change-set files are written read-only; a forger (or a test) makes them writable first."""
    for p in [folder, *folder.iterdir()]:
        p.chmod(0o755 if p.is_dir() else 0o644)


def rewrite(
    folder: Path,
    *,
    rows: Callable[[str, Row], Row | None] | None = None,
    manifest: Callable[[dict], dict] | None = None,
) -> None:
    """Edit each row (`rows(table, row)`: return the row, or None to drop it) and the manifest; fix the
    manifest's counts and checksums so the change set still verifies."""
    make_writable(folder)
    data = json.loads((folder / MANIFEST).read_text("utf-8"))
    for entry in data["tables"]:
        path = folder / entry["file"]
        header, body = read_rows(path)
        if rows is not None:
            new_body = []
            for line in body:
                out = rows(entry["name"], dict(zip(header, line, strict=True)))
                if out is not None:
                    new_body.append([out[c] for c in header])
            body = new_body
        raw = csv_bytes(tuple(header), body)
        path.write_bytes(raw)
        entry["rows"], entry["sha256"] = len(body), sha256_bytes(raw)
    if manifest is not None:
        data = manifest(data)
    (folder / MANIFEST).write_text(json.dumps(data), "utf-8")
