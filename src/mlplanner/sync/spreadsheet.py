"""Reading the lists people keep in spreadsheets: .xlsx workbooks and CSV files, as one table of text.

What a spreadsheet does to data, and how it is read back:
- CSV saved by LibreOffice or Excel in French: `;` (or `,`, or tab for Excel's "Texte Unicode", which is
  UTF-16), UTF-8 with or without BOM, or Windows-1252 from older versions;
- .xlsx (openpyxl, read-only, cached values of formulas): dates arrive as dates, numbers as numbers;
- dates written dd/mm/yy (a column formatted short), dd/mm/yyyy, sometimes with a time;
- phone numbers typed as numbers lose their leading 0 (612345678) or their + (33612345678);
- identifiers typed as numbers lose their leading zeros (00123451 → 123451): callers compare them
  without leading zeros (`id_key`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from mlplanner.domain.errors import InputError
from mlplanner.domain.wallclock import parse_date

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003) and other OLE documents
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Sheet:
    """A table read from a file: `rows[0]` is the header line. `encoding` is "xlsx" for a workbook."""

    encoding: str
    delimiter: str  # "" for a workbook
    rows: list[list[str]]

    @property
    def kind_fr(self) -> str:
        if self.encoding == "xlsx":
            return "classeur Excel (.xlsx)"
        sep = {"\t": "tabulation"}.get(self.delimiter, self.delimiter)
        return f"CSV, encodage {self.encoding}, séparateur « {sep} »"


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-16 with BOM, UTF-8 with BOM, UTF-8, else cp1252 (older Excel)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def detect_delimiter(first_line: str) -> str:
    """The separator of the header line: the most frequent of `;`, `,`, tab outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read_sheet(data: bytes) -> Sheet:
    """The file's first sheet as text cells; InputError when the file cannot be a table at all."""
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "old_excel",
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas lu : "
            "enregistrez-le au format .xlsx ou CSV depuis le tableur.",
        )
    text, encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise InputError("empty_file", "Le fichier est vide.")
    delimiter = detect_delimiter(first_line)
    return Sheet(encoding, delimiter, _csv_rows(text, delimiter))


def _csv_rows(text: str, delimiter: str) -> list[list[str]]:
    """The rows of a CSV text; a cell longer than the csv module's limit (131,072 characters: a damaged
    file, an unclosed quote, or not a table at all) or too many lines refuse the whole file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise InputError(
                    "too_many_rows", f"Le fichier dépasse {MAX_ROWS} lignes. Rien n'a été importé."
                )
    except csv.Error as exc:
        what = (
            f"une cellule de plus de {csv.field_size_limit():,} caractères".replace(",", "\u202f")
            if "field larger" in str(exc)
            else "ligne illisible"
        )
        raise InputError(
            "line_too_long" if "field larger" in str(exc) else "bad_csv",
            f"Ligne {reader.line_num} : {what} (fichier abîmé, guillemet non refermé, ou pas un tableau). "
            "Rien n'a été importé.",
            line=reader.line_num,
        ) from exc
    return rows


def _read_xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook  # ~0.2 s to import: only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            "bad_xlsx",
            "Ce fichier n'est pas un classeur .xlsx lisible (un document OpenDocument .ods ? "
            "enregistrez-le au format .xlsx ou CSV depuis le tableur).",
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InputError("empty_file", "Le classeur ne contient aucune feuille.")
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([cell_text(v) for v in values])
            if len(rows) > MAX_ROWS:
                raise InputError("too_many_rows", f"Le classeur dépasse {MAX_ROWS} lignes.")
    finally:
        book.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows or not any(c.strip() for c in rows[0]):
        raise InputError(
            "empty_file", "La première feuille du classeur est vide (ou ne commence pas par les en-têtes)."
        )
    return Sheet("xlsx", "", rows)


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV of the same sheet would hold (French conventions)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        if value.date() == date(1899, 12, 30):  # a time alone (Excel's day zero)
            return value.strftime("%H:%M")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value).strip()


_SHORT_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2})\s*$")


def sheet_date(text: str, *, latest_year: int | None = None) -> date | None:
    """dd/mm/yyyy, yyyy-mm-dd, or dd/mm/yy (a short date format); a time after the date is ignored.

    Two-digit years: with `latest_year` (a birth date: this year), the most recent year not after it;
    otherwise 20yy (programme dates).
    """
    text = (text or "").strip()
    if not text:
        return None
    head = text.split()[0]
    m = _SHORT_DATE.match(head)
    if m:
        d, mo, yy = (int(g) for g in m.groups())
        year = 2000 + yy
        if latest_year is not None and year > latest_year:
            year -= 100
        head = f"{d:02d}/{mo:02d}/{year}"
    return parse_date(head)


def repair_phone(text: str) -> str:
    """A phone number as a spreadsheet may have kept it as a number: 612345678 → 0612345678,
    33612345678 → +33612345678. Anything else is returned as it is (the caller validates)."""
    raw = (text or "").strip()
    compact = re.sub(r"[\s.\-]", "", raw)
    if compact.isdigit():
        if len(compact) == 9 and compact[0] != "0":
            return "0" + compact
        if len(compact) == 11 and compact.startswith("33") and compact[2] != "0":
            return "+" + compact
    return raw


def id_key(text: str) -> str:
    """How two identifiers are compared: digits-only ones without their leading zeros (a spreadsheet
    that took 00123451 for a number kept 123451); others as written, case-insensitive."""
    value = (text or "").strip()
    if value.isdigit():
        return value.lstrip("0") or "0"
    return value.upper()
