"""The existing exports as real spreadsheets (issue #16) and the i-milo zeros (issue #13): each .xlsx is
read back with openpyxl and its cells checked against the database."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from mlplanner.domain.errors import InputError
from mlplanner.domain.wallclock import local_now
from mlplanner.services.youths.service import YouthDraft
from support import TestSite, paris_clock, wall

DAY = date(2026, 1, 6)


def _rows(path: Path) -> tuple[list[str], list[list[object]], openpyxl.worksheet.worksheet.Worksheet]:
    ws = openpyxl.load_workbook(path).active
    header_row = int(ws.freeze_panes[1:]) - 1  # the frozen header is the row above the first data row
    header = [c.value for c in ws[header_row]]
    rows = [[c for c in r] for r in ws.iter_rows(min_row=header_row + 1)]
    return header, rows, ws


@pytest.fixture
def zeros(site: TestSite) -> str:
    """A young person whose i-milo number starts with zeros, seen at 09:00 after arriving at 08:53."""
    y = site.services.youths.add(
        actor=site.admin,
        draft=YouthDraft(first_name="Zoé", last_name="Zéro", external_id="00123451", phone="06 01 02 03 04"),
    ).youth
    site.youths["zoe"] = y
    site.clock.at = paris_clock(DAY).at
    appt = site.book("zoe", "2026-01-06 09:00")
    site.clock.advance(timedelta(minutes=53))
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=appt.id)
    return appt.id


@pytest.mark.parametrize("kind", ["appointments", "attendance", "registrations", "stats"])
def test_every_export_writes_a_workbook_with_title_period_and_frozen_header(
    site: TestSite, zeros: str, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    result = site.services.reports.exports.export(actor=site.lead, kind=kind, start=DAY, end=DAY, out=out)
    assert result.format == "xlsx" and result.path == out
    _header, rows, ws = _rows(out)
    assert ws["A2"].value == "le 06/01/2026"
    assert ws.freeze_panes == f"A{ws.max_row - len(rows) + 1}" if rows else ws.freeze_panes
    assert len(rows) == result.rows
    assert all(ws.column_dimensions[c].width >= 6 for c in "ABC")


def test_attendance_workbook_cells_match_the_database(site: TestSite, zeros: str, tmp_path: Path) -> None:
    out = tmp_path / "presences.xlsx"
    site.services.reports.exports.export(actor=site.lead, kind="attendance", start=DAY, end=DAY, out=out)
    header, rows, _ = _rows(out)
    appt = site.services.booking.get(zeros)
    (row,) = [r for r in rows if r[header.index("Nom")].value == "Zéro"]
    cell = {h: c for h, c in zip(header, row, strict=True)}
    assert cell["N° dossier"].data_type == "s" and cell["N° dossier"].value == "00123451"
    assert cell["Date"].is_date and cell["Date"].value == datetime(2026, 1, 6)
    assert cell["Heure"].value == time(9, 0) == appt.start.time()
    assert appt.arrived_at is not None
    assert cell["Arrivée"].value == local_now(appt.arrived_at, "Europe/Paris").time() == time(8, 53)
    assert cell["Présence"].value == "venu"


def test_stats_workbook_has_numbers_and_a_rate(site: TestSite, zeros: str, tmp_path: Path) -> None:
    site.clock.advance(timedelta(hours=1))
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=zeros, status="seen")
    out = tmp_path / "stats.xlsx"
    site.services.reports.exports.export(actor=site.lead, kind="stats", start=DAY, end=DAY, out=out)
    header, rows, _ = _rows(out)
    cell = {h: c for h, c in zip(header, rows[0], strict=True)}
    assert cell["Mois"].value == "janvier 2026"
    assert (cell["Rendez-vous pris"].data_type, cell["Rendez-vous pris"].value) == ("n", 1)
    assert cell["Taux de présence (%)"].value == 1.0 and cell["Taux de présence (%)"].number_format == "0.0%"


def test_csv_export_is_unchanged_for_other_programs(site: TestSite, zeros: str, tmp_path: Path) -> None:
    out = tmp_path / "presences.csv"
    result = site.services.reports.exports.export(
        actor=site.lead, kind="attendance", start=DAY, end=DAY, out=out
    )
    assert result.format == "csv"
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert [(r["N° dossier"], r["Date"], r["Heure"], r["Arrivée"]) for r in rows] == [
        ("00123451", "06/01/2026", "09:00", "08:53")
    ]


def test_an_export_is_audited(site: TestSite, zeros: str, tmp_path: Path) -> None:
    site.services.reports.exports.export(
        actor=site.lead, kind="appointments", start=DAY, end=DAY, out=tmp_path / "rdv.xlsx"
    )
    page = site.services.audit_log.entries(actor=site.lead, action="export")
    assert [(r.actor_name, r.entity_id) for r in page.rows] == [("Bernard Lemoine", "appointments")]


@pytest.mark.parametrize("name", ["rdv.pdf", "rdv", "missing/rdv.xlsx"])
def test_a_wrong_file_name_is_refused_and_nothing_is_written(
    site: TestSite, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InputError):
        site.services.reports.exports.export(
            actor=site.lead, kind="appointments", start=DAY, end=DAY, out=folder / name
        )
    assert list(folder.iterdir()) == []


def test_the_old_entry_point_writes_the_same_export(site: TestSite, zeros: str, tmp_path: Path) -> None:
    out = tmp_path / "rdv.xlsx"
    result = site.services.import_export.export(
        actor=site.lead, kind="appointments", start=DAY, end=DAY, out=out
    )
    assert result.rows == 1 and out.exists()


def test_wall_start_is_used_for_the_period(site: TestSite, zeros: str, tmp_path: Path) -> None:
    """An appointment at 00:30 on the 7th is not in the export of the 6th (wall-clock days)."""
    site.clock.at = paris_clock(DAY).at
    site.book("kevin", "2026-01-06 17:00")
    out = tmp_path / "rdv.xlsx"
    site.services.reports.exports.export(actor=site.lead, kind="appointments", start=DAY, end=DAY, out=out)
    _, rows, _ = _rows(out)
    assert sorted(r[1].value for r in rows) == [wall("2026-01-06 00:00")] * 2
