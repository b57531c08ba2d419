"""The .xlsx and CSV writer (`sync.workbook`), read back with openpyxl: types, zeros, header, widths."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from mlplanner.sync.workbook import Column, Kind, Table, csv_bytes, sheet_name, write_table_file, xlsx_bytes

TABLE = Table(
    "Présences",
    "du 01/03/2027 au 31/03/2027",
    (
        Column("N° dossier", Kind.CODE),
        Column("Nom"),
        Column("Date", Kind.DATE),
        Column("Arrivée", Kind.TIME),
        Column("Heures", Kind.DECIMAL),
        Column("Taux", Kind.PERCENT),
        Column("Séances", Kind.INT),
        Column("Téléphone", Kind.CODE),
        Column("Saisi le", Kind.DATETIME),
        Column("Complet", Kind.BOOL),
    ),
    (
        (
            "00123451",
            '=HYPERLINK("http://x")',
            date(2027, 3, 1),
            time(8, 53),
            1.5,
            0.125,
            3,
            "06 12 34 56 78",
            datetime(2027, 3, 1, 8, 53),
            True,
        ),
        ("", "BELKACEM\x07 Yanis", None, None, None, None, 0, "+33 6 98 76 54 32", None, False),
    ),
    site="Mission Locale de test (TEST01)",
    generated="Édité le 09/03/2027 à 10:12 par Bernard Lemoine",
    notes=("Une note.",),
)


def _sheet() -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes([TABLE]))).active


def test_title_period_and_a_frozen_filtered_header_on_top() -> None:
    ws = _sheet()
    assert ws["A1"].value == "Présences" and ws["A1"].font.b
    assert ws["A2"].value == "du 01/03/2027 au 31/03/2027"
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "N° dossier")
    assert [c.value for c in ws[header_row]][:3] == ["N° dossier", "Nom", "Date"]
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref.startswith(f"A{header_row}:")
    assert ws.print_title_rows == f"${header_row}:${header_row}"


def test_cells_have_the_types_people_need() -> None:
    ws = _sheet()
    row = next(r for r in ws.iter_rows() if r[0].value == "00123451")
    ext, name, day, arrival, hours, rate, n, phone, keyed_at, complete = row
    assert (ext.data_type, ext.value) == ("s", "00123451")  # text: the zeros stay
    assert ext.number_format == "@"
    assert name.data_type == "s" and name.value == '\'=HYPERLINK("http://x")'  # never a formula
    assert day.is_date and day.value == datetime(2027, 3, 1) and day.number_format == "DD/MM/YYYY"
    assert arrival.value == time(8, 53) and arrival.number_format == "HH:MM"
    assert (hours.data_type, hours.value) == ("n", 1.5)
    assert rate.value == 0.125 and rate.number_format == "0.0%"
    assert (n.data_type, n.value) == ("n", 3)
    assert (phone.data_type, phone.value) == ("s", "06 12 34 56 78")
    assert keyed_at.value == datetime(2027, 3, 1, 8, 53) and keyed_at.number_format == "DD/MM/YYYY HH:MM"
    assert complete.value == "oui"


def test_control_characters_are_dropped_not_fatal() -> None:
    ws = _sheet()
    names = [r[1].value for r in ws.iter_rows() if r[1].value and "BELKACEM" in str(r[1].value)]
    assert names == ["BELKACEM  Yanis"]


def test_columns_fit_their_content() -> None:
    ws = _sheet()
    assert ws.column_dimensions["A"].width >= len("00123451")
    assert ws.column_dimensions["B"].width >= len('=HYPERLINK("http://x")')
    assert ws.column_dimensions["C"].width >= len("01/03/2027")
    assert all(ws.column_dimensions[c].width <= 60 for c in "ABCDEFGHIJ")


def test_csv_is_a_plain_table_in_french_conventions() -> None:
    text = csv_bytes(TABLE).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "N° dossier;Nom;Date;Arrivée;Heures;Taux;Séances;Téléphone;Saisi le;Complet"
    assert lines[1].split(";") == [
        "00123451",
        '"\'=HYPERLINK(""http://x"")"',
        "01/03/2027",
        "08:53",
        "1,5",
        "12,5",
        "3",
        "06 12 34 56 78",
        "01/03/2027 08:53",
        "oui",
    ]
    assert lines[2].split(";")[7] == "'+33 6 98 76 54 32"  # formula-like start neutralised (CSV)


def test_file_format_follows_the_name(tmp_path: Path) -> None:
    assert write_table_file(tmp_path / "a.xlsx", [TABLE]) == "xlsx"
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert write_table_file(tmp_path / "a.csv", [TABLE]) == "csv"
    assert (tmp_path / "a.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "a.xlsx"]  # no temporary file left


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("Heures CEJ / semaine [10]", taken) == "Heures CEJ semaine 10"
    assert sheet_name("Heures CEJ: semaine 10", taken) == "Heures CEJ semaine 10 (2)"
    assert len(sheet_name("x" * 50, taken)) == 31


def test_a_row_of_the_wrong_width_is_a_bug() -> None:
    with pytest.raises(ValueError):
        Table("t", "p", (Column("a"),), (("x", "y"),))
