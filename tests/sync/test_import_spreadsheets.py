"""Youth import from the spreadsheets people really have, and i-milo numbers that are never merged.

The LibreOffice files in tests/data were saved by LibreOffice Calc in French (see tests/data/README.md):
dates dd/mm/yy, phones without their leading 0, i-milo numbers without their leading zeros.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import InputError
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.directory.service import SiteSetup
from mlplanner.services.youths.import_export import ImportExportService, ImportResult
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.tables import Youth
from mlplanner.sync.spreadsheet import id_key, read_sheet, repair_phone, sheet_date
from mlplanner.sync.youth_import import read_youth_file

from .conftest import START

DATA = Path(__file__).resolve().parents[1] / "data"
LO_XLSX = DATA / "youths-libreoffice.xlsx"
LO_CSV = DATA / "youths-libreoffice.csv"


@pytest.fixture
def svc(tmp_path: Path) -> Iterator[Services]:
    sv = Services.open(tmp_path / "site.sqlite3", FixedClock(START))
    sv.directory.create_site(SiteSetup(code="PARIS13", name="Paris 13"))
    yield sv
    sv.close()


def _import(sv: Services, data: bytes, *, dry_run: bool = False) -> ImportResult:
    return ImportExportService(sv.ctx).import_youths(actor=SYSTEM_ACTOR, data=data, dry_run=dry_run)


def _youths(sv: Services) -> list[Youth]:
    with sv.ctx.read() as s:
        return list(s.exec(select(Youth).order_by(Youth.last_name)).scalars())


def _add(sv: Services, first: str, last: str, birth: date | None, external_id: str = "") -> None:
    sv.youths.add(
        actor=SYSTEM_ACTOR,
        draft=YouthDraft(first_name=first, last_name=last, birth_date=birth, external_id=external_id),
    )


# --- the i-milo number of someone else ---------------------------------------------------------------


def test_another_persons_number_with_the_same_birth_date_is_an_error_not_a_merge(svc: Services) -> None:
    """The defect: name differs, birth date equal → the two conditions were combined with `and`, so the
    line "completed" Léa Durand's record with Paul Martin's phone."""
    _add(svc, "Léa", "Durand", date(2004, 5, 6), external_id="10023757")
    data = "Nom;Prénom;Date de naissance;Téléphone;N° dossier i-milo\nMartin;Paul;06/05/2004;0612345678;10023757\n"
    result = _import(svc, data.encode())
    (line,) = result.preview.lines
    assert line.action == "error" and line.name == "MARTIN Paul"
    assert "10023757" in line.message and "DURAND Léa" in line.message
    assert result.created == result.updated == 0
    (lea,) = _youths(svc)
    assert (lea.first_name, lea.phone) == ("Léa", "")  # nothing of Paul Martin reached her record


def test_same_name_other_birth_date_under_a_known_number_is_an_error(svc: Services) -> None:
    _add(svc, "Léa", "Durand", date(2004, 5, 6), external_id="555")
    data = "Nom;Prénom;Date de naissance;N° dossier i-milo\nDurand;Léa;07/05/2004;555\n"
    (line,) = _import(svc, data.encode()).preview.lines
    assert line.action == "error" and "né(e) le 06/05/2004" in line.message


def test_the_same_person_under_her_number_is_completed(svc: Services) -> None:
    _add(svc, "Léa", "Durand", None, external_id="00123451")
    data = (
        "Nom;Prénom;Date de naissance;Téléphone;N° dossier i-milo\nDURAND;Lea;06/05/2004;612345678;123451\n"
    )
    result = _import(svc, data.encode())
    (line,) = result.preview.lines
    assert line.action == "fill", line.message  # 123451 is 00123451 whose zeros a spreadsheet dropped
    (lea,) = _youths(svc)
    assert (lea.birth_date, lea.phone, lea.external_id) == (date(2004, 5, 6), "06 12 34 56 78", "00123451")


def test_a_known_name_and_birth_date_under_another_number_is_an_error(svc: Services) -> None:
    _add(svc, "Léa", "Durand", date(2004, 5, 6), external_id="111")
    data = "Nom;Prénom;Date de naissance;N° dossier i-milo\nDurand;Léa;06/05/2004;222\n"
    (line,) = _import(svc, data.encode()).preview.lines
    assert line.action == "error" and "111" in line.message and "vérifiez" in line.message


def test_a_second_row_with_another_persons_number_is_a_conflict(svc: Services) -> None:
    data = (
        "Nom;Prénom;Date de naissance;N° dossier i-milo\n"
        "Durand;Léo;01/02/2003;00555\nMartin;Paul;01/02/2003;555\nDURAND;Leo;;555\n"
    )
    result = _import(svc, data.encode())
    assert [(x.action, x.name) for x in result.preview.lines] == [
        ("new", "DURAND Léo"),
        ("error", "MARTIN Paul"),
        ("duplicate", "DURAND Leo"),
    ]
    assert "déjà celui de DURAND Léo (ligne 2)" in result.preview.lines[1].message
    assert [y.last_name for y in _youths(svc)] == ["Durand"]


def test_the_same_person_twice_with_two_numbers_is_a_conflict(svc: Services) -> None:
    data = "Nom;Prénom;Date de naissance;N° dossier i-milo\nDurand;Léo;01/02/2003;111\nDurand;Léo;01/02/2003;222\n"
    lines = _import(svc, data.encode(), dry_run=True).preview.lines
    assert [x.action for x in lines] == ["new", "error"] and "ligne 2" in lines[1].message


def test_error_lines_name_the_person(svc: Services) -> None:
    data = "Nom;Prénom;Date de naissance;Téléphone\nKoné;Kévin;31/02/2006;\nDiallo;Enzo;;12\n;;01/01/2001;\n"
    lines = _import(svc, data.encode(), dry_run=True).preview.lines
    assert [(x.line, x.action, x.name) for x in lines] == [
        (2, "error", "KONÉ Kévin"),
        (3, "error", "DIALLO Enzo"),
        (4, "error", ""),
    ]


# --- files saved by LibreOffice in French ------------------------------------------------------------


@pytest.mark.parametrize("path", [LO_XLSX, LO_CSV], ids=["xlsx", "csv"])
def test_a_list_saved_by_libreoffice(svc: Services, path: Path) -> None:
    result = _import(svc, path.read_bytes())
    by_name = {x.name: x for x in result.preview.lines}
    assert by_name["KONÉ Kévin"].action == "error" and "31/02/2006" in by_name["KONÉ Kévin"].message
    assert by_name["DIALLO Enzo"].action == "error" and "GIRARD Inès" in by_name["DIALLO Enzo"].message
    assert result.created == 3
    rows = {y.last_name: y for y in _youths(svc)}
    ines = rows["Girard"]
    assert (ines.birth_date, ines.phone, ines.programme, ines.programme_start) == (
        date(2005, 10, 6),
        "06 98 73 29 18",
        "PACEA",
        date(2026, 12, 8),
    )
    assert ines.external_id == "123451"  # as the file says; matching ignores leading zeros
    assert rows["Belkacem"].birth_date == date(2000, 12, 23)
    assert result.preview.encoding == ("xlsx" if path.suffix == ".xlsx" else "utf-8")
    again = _import(svc, (DATA / "youths-libreoffice.csv").read_bytes(), dry_run=True)
    assert again.preview.counts.get("new", 0) == 0  # the other format of the same list: nothing new


def test_an_original_with_zeros_matches_the_spreadsheets_copy(svc: Services) -> None:
    _import(svc, LO_CSV.read_bytes())
    data = "Nom;Prénom;Date de naissance;N° dossier i-milo\nGirard;Inès;06/10/2005;00123451\n"
    (line,) = _import(svc, data.encode(), dry_run=True).preview.lines
    assert line.action == "same"


def test_a_workbook_made_by_openpyxl_with_typed_cells(svc: Services) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Prénom", "Nom", "Né(e) le", "Portable", "N° dossier i-milo", "SMS"])
    sheet.append(["Aïcha", "Traoré", datetime(2006, 1, 31), 612345678, 123, True])
    sheet.append(["Noé", "Petit", "15/03/07", 33698765432, "0000456", None])
    sheet.append([None, None, None, None, None, None])
    buf = io.BytesIO()
    book.save(buf)
    f = read_youth_file(buf.getvalue(), this_year=2027)
    assert f.encoding == "xlsx" and not f.problems
    a, n = f.records
    assert (a.birth_date, a.phone, a.external_id, a.sms_consent) == (
        date(2006, 1, 31),
        "06 12 34 56 78",
        "123",
        True,
    )
    assert (n.birth_date, n.phone, n.external_id) == (date(2007, 3, 15), "06 98 76 54 32", "0000456")


def test_excel_unicode_text_is_read() -> None:
    """Excel's "Texte Unicode" is UTF-16 with a BOM, tab-separated."""
    data = "Nom\tPrénom\tDate de naissance\r\nLœuvre\tÉloïse\t06/10/2005\r\n".encode("utf-16")
    f = read_youth_file(data)
    assert f.encoding == "utf-16" and f.delimiter == "\t"
    assert (f.records[0].last_name, f.records[0].birth_date) == ("Lœuvre", date(2005, 10, 6))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old_excel"),
        (b"PK\x03\x04" + bytes(100), "bad_xlsx"),
    ],
    ids=["xls", "ods-or-broken-zip"],
)
def test_workbooks_that_cannot_be_read_say_what_to_do(svc: Services, data: bytes, code: str) -> None:
    with pytest.raises(InputError) as err:
        _import(svc, data)
    assert err.value.code == code and "xlsx" in err.value.message
    assert _youths(svc) == []


# --- the small helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latest", "expected"),
    [
        ("06/10/05", 2027, date(2005, 10, 6)),
        ("23/12/00", 2027, date(2000, 12, 23)),
        ("15/03/99", 2027, date(1999, 3, 15)),
        ("01/01/27", 2027, date(2027, 1, 1)),
        ("01/01/28", 2027, date(1928, 1, 1)),
        ("14/08/26", None, date(2026, 8, 14)),
        ("06/10/2005 00:00", 2027, date(2005, 10, 6)),
        ("2005-10-06", 2027, date(2005, 10, 6)),
        ("", 2027, None),
    ],
)
def test_sheet_dates(text: str, latest: int | None, expected: date | None) -> None:
    assert sheet_date(text, latest_year=latest) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("612345678", "0612345678"),
        ("33612345678", "+33612345678"),
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("+262 692 12 34 56", "+262 692 12 34 56"),
        ("12", "12"),
    ],
)
def test_repair_phone(text: str, expected: str) -> None:
    assert repair_phone(text) == expected


def test_id_keys_ignore_leading_zeros_of_numbers_only() -> None:
    assert id_key("00123451") == id_key("123451") == "123451"
    assert id_key("0") == id_key("000") == "0"
    assert id_key("ab12") == id_key("AB12") != id_key("0ab12")


def test_read_sheet_keeps_the_header_row() -> None:
    sheet = read_sheet(LO_XLSX.read_bytes())
    assert sheet.rows[0][:2] == ["Nom", "Prénom"] and sheet.rows[1][3] == "698732918"
