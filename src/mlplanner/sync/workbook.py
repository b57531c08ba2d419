"""Writing tables for people and programs: a real .xlsx workbook, or a CSV (reading them back is
`sync.spreadsheet`).

A `Table` is plain data: a title, the period it covers, typed columns and rows. The .xlsx (openpyxl) is
what a person opens: a title and the period on top, a frozen header row with a filter, dates as date
cells shown dd/mm/yyyy, times as times, numbers as numbers, identifiers (i-milo file numbers) and phone
numbers as *text* cells that keep their leading zeros, every text cell a text cell (a name starting with
"=" is written "'=…", as in the CSV, so that not even editing the cell makes it a formula), columns as wide as their content, printed landscape on one page width with
the header repeated. The CSV is for other programs: `;`, UTF-8 with BOM, dd/mm/yyyy (`sync.excel`), one
header line and the rows, nothing else.

Why openpyxl and not XlsxWriter: it is already a dependency (the imports read .xlsx with it), it writes
everything listed above, and one library is less to install and to audit.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path

from mlplanner.sync.excel import excel_csv_bytes
from mlplanner.sync.files import atomic_write

Value = str | int | float | bool | date | datetime | time | None


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # identifiers, phone numbers: text that keeps its leading zeros
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    INT = "int"
    DECIMAL = "decimal"  # one or two decimals: hours (1,5), rates
    PERCENT = "percent"  # a share between 0 and 1, shown 12,5 %
    BOOL = "bool"  # "oui" / "non"


_FORMATS = {
    Kind.CODE: "@",
    Kind.TEXT: "@",
    Kind.DATE: "DD/MM/YYYY",
    Kind.DATETIME: "DD/MM/YYYY HH:MM",
    Kind.TIME: "HH:MM",
    Kind.INT: "0",
    Kind.DECIMAL: "0.0#",
    Kind.PERCENT: "0.0%",
}
_WIDTHS = {Kind.DATE: 10, Kind.DATETIME: 16, Kind.TIME: 5, Kind.PERCENT: 7, Kind.BOOL: 3}
MIN_WIDTH, MAX_WIDTH = 6, 60
# characters XML 1.0 cannot hold (openpyxl refuses them): a stray control character in a note
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT
    key: str = ""  # name in JSON output ("" : derived from the title)


@dataclass(frozen=True)
class Table:
    title: str  # "Heures CEJ – semaine 2027-W10"
    period: str  # "du lundi 8 mars 2027 au dimanche 14 mars 2027"
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    sheet: str = ""  # tab name (31 characters at most); default: the title
    notes: tuple[str, ...] = ()  # lines under the period: definitions, thresholds, totals
    site: str = ""  # "Mission Locale de Paris – Site Paris 13"
    generated: str = ""  # "Édité le 09/03/2027 à 10:12 par Bernard Lemoine"
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row of {len(row)} cells in a table of {len(self.columns)} columns")


def _text(value: Value) -> str:
    """What a cell shows, for widths (and for the CSV through `sync.excel`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def display_text(value: Value, kind: Kind) -> str:
    """A cell as a French reader expects it on a screen or a terminal: 06/01/2026, 08:53, 1,5, 12,5 %."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if kind is Kind.PERCENT and isinstance(value, int | float):
        return f"{value * 100:.1f} %".replace(".", ",")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def sheet_name(text: str, taken: set[str]) -> str:
    base = " ".join(_SHEET_NAME_BAD.sub(" ", text).split())[:31].strip() or "Feuille"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _cell_value(value: Value, kind: Kind) -> Value:
    if value is None:
        return None
    if kind in (Kind.TEXT, Kind.CODE):
        text = _ILLEGAL.sub(" ", _text(value))
        # a text cell is never computed, but editing it (F2, Enter) would make "=…" a live formula
        return "'" + text if text.startswith("=") else text
    if kind is Kind.BOOL:
        return "oui" if value else "non"
    if isinstance(value, str):
        return _ILLEGAL.sub(" ", value)
    return value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One worksheet per table, as described at the top of this module."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DCE6F1")
    head_border = Border(bottom=Side(style="thin", color="4F6D8F"))
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.sheet or table.title, taken))
        ws.cell(row=1, column=1, value=_ILLEGAL.sub(" ", table.title)).font = Font(bold=True, size=14)
        top = [table.period, table.site, *table.notes, table.generated]
        r = 2
        for line in top:
            if line:
                ws.cell(row=r, column=1, value=_ILLEGAL.sub(" ", line)).font = Font(italic=r == 2, size=10)
                r += 1
        header_row = r + 1
        for c, col in enumerate(table.columns, start=1):
            cell = ws.cell(row=header_row, column=c, value=col.title)
            cell.font, cell.fill, cell.border = bold, head_fill, head_border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [
            max(MIN_WIDTH, max((len(w) for w in col.title.split()), default=0) + 2) for col in table.columns
        ]
        for i, row in enumerate(table.rows, start=header_row + 1):
            for c, (col, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                cell = ws.cell(row=i, column=c, value=_cell_value(value, col.kind))
                if value is None:
                    continue
                if col.kind in (Kind.TEXT, Kind.CODE, Kind.BOOL) or isinstance(value, str):
                    cell.data_type = "s"  # text, even "=HYPERLINK(…)" or "00123451"
                    cell.number_format = "@"
                elif col.kind in _FORMATS:
                    cell.number_format = _FORMATS[col.kind]
                shown = _WIDTHS.get(col.kind, len(_text(value)))
                widths[c - 1] = max(widths[c - 1], min(MAX_WIDTH, shown + 2))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        last_col = get_column_letter(max(1, len(table.columns)))
        last_row = header_row + max(1, len(table.rows))
        ws.auto_filter.ref = f"A{header_row}:{last_col}{last_row}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.center.text = "&P / &N"
    if tables:
        wb.properties.title = tables[0].title
    wb.properties.creator = "mlplanner"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(table: Table) -> bytes:
    """The table for another program: header line and rows (no title), `;`, UTF-8 with BOM."""
    rows = [
        [_csv_value(v, col.kind) for col, v in zip(table.columns, row, strict=True)] for row in table.rows
    ]
    return excel_csv_bytes([c.title for c in table.columns], rows)


def _csv_value(value: Value, kind: Kind) -> str | int | date | datetime | bool | None:
    """French conventions: dd/mm/yyyy, 12:30, decimal comma (1,5), a share as a percentage (12,5)."""
    if value is None or isinstance(value, str):
        return value
    if kind is Kind.PERCENT and isinstance(value, int | float):
        return _decimal(value * 100)
    if isinstance(value, float):
        return _decimal(value)
    if isinstance(value, time) or kind in (Kind.CODE, Kind.TEXT):
        return _text(value)
    return value


def _decimal(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text not in ("-0", "") else "0"


def write_table_file(path: Path, tables: Sequence[Table]) -> str:
    """Write `.xlsx` (every table, one sheet each) or `.csv` (the first table) by the file's suffix.

    Returns the format written ("xlsx" or "csv"); the file appears whole or not at all.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        atomic_write(Path(path), xlsx_bytes(tables))
        return "xlsx"
    atomic_write(Path(path), csv_bytes(tables[0]))
    return "csv"
