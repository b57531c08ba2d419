"""A CSV batch of SMS for the provider's bulk upload page, that also reads well in a spreadsheet.

French spreadsheets expect `;` between cells and UTF-8 with a byte-order mark. Phone numbers are written
the French way with spaces ("06 12 34 56 78"): a spreadsheet keeps that as text with its leading 0
(written "0612345678" it would become the number 612 345 678), and upload pages accept the spaces. A cell
that a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with an apostrophe.

The file is written under a temporary name in the same folder, flushed to disk, then renamed: a reader
never sees half a batch.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HEADER = ("Téléphone", "Message", "Prénom", "Nom", "Envoi prévu le", "Nombre de SMS", "Référence")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class BatchRow:
    phone: str  # national format with spaces
    text: str
    first_name: str
    last_name: str
    due: datetime  # wall clock at the site
    parts: int
    ref: str


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def render(rows: Iterable[BatchRow]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow(
            [
                _cell(r.phone),
                _cell(r.text),
                _cell(r.first_name),
                _cell(r.last_name),
                f"{r.due:%d/%m/%Y %H:%M}",
                str(r.parts),
                r.ref,
            ]
        )
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def temporary_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_temporary(path: Path, rows: Iterable[BatchRow]) -> Path:
    """Write the batch next to `path` under a temporary name, on disk; `os.replace` it into place."""
    tmp = temporary_path(path)
    data = render(rows)
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp
