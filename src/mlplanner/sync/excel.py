"""CSV files for a French spreadsheet: `;`-separated, UTF-8 with BOM, dd/mm/yyyy dates, CRLF lines.

Every cell that a spreadsheet could take for a formula (starting with =, +, -, @, tab or carriage return)
is prefixed with an apostrophe (OWASP "CSV injection"): a youth named "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from mlplanner.sync.files import atomic_write

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | date | datetime | None


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def format_cell(value: Cell) -> str:
    """French spreadsheet conventions; the result is neutralised."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "oui" if value else "non"
    elif isinstance(value, datetime):
        text = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float):
        text = f"{value:.1f}".replace(".", ",")
    else:
        text = str(value)
    return neutralise(text)


def excel_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([format_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def write_excel_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write the file atomically; return the number of data rows."""
    materialised = [list(r) for r in rows]
    atomic_write(path, excel_csv_bytes(header, materialised))
    return len(materialised)
