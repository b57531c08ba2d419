"""The i-milo re-entry list (issue #16): i-milo's own words, the file number first, the "keyed in i-milo"
tick per line, and the workbook read back against the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, PermissionDenied
from mlplanner.domain.imilo import ImiloRegistration, ImiloStatus, appointment_word, registration_word
from mlplanner.domain.periods import Period
from mlplanner.services.reports.tables import report_tables
from support import TestSite

from .helpers import at, cej_youth, mark, register, session

DAY = Period(date(2026, 1, 13), date(2026, 1, 13))


@pytest.mark.parametrize(
    ("status", "past", "rebooked", "word"),
    [
        (Status.BOOKED, False, False, ImiloStatus.PLANNED),
        (Status.BOOKED, True, False, ImiloStatus.UNKNOWN),
        (Status.ARRIVED, True, False, ImiloStatus.PRESENT),
        (Status.SEEN, True, False, ImiloStatus.PRESENT),
        (Status.NO_SHOW, True, False, ImiloStatus.ABSENT),
        (Status.EXCUSED, True, False, ImiloStatus.CANCELLED),
        (Status.EXCUSED, True, True, ImiloStatus.POSTPONED),
        (Status.CANCELLED_BY_YOUTH, False, False, ImiloStatus.CANCELLED),
        (Status.CANCELLED_BY_ML, False, True, ImiloStatus.POSTPONED),
    ],
)
def test_appointment_words(status: Status, past: bool, rebooked: bool, word: ImiloStatus) -> None:
    assert appointment_word(status, past=past, rebooked=rebooked) is word


@pytest.mark.parametrize(
    ("status", "attendance", "cancelled", "word"),
    [
        ("confirmed", "", False, ImiloRegistration.REGISTERED),
        ("confirmed", "present", False, ImiloRegistration.PRESENT),
        ("confirmed", "late", False, ImiloRegistration.PRESENT),
        ("confirmed", "absent", False, ImiloRegistration.YOUTH_REFUSED),
        ("confirmed", "excused", False, ImiloRegistration.YOUTH_REFUSED),
        ("cancelled", "", False, ImiloRegistration.YOUTH_REFUSED),
        ("confirmed", "", True, ImiloRegistration.THIRD_PARTY_REFUSED),
        ("waitlisted", "", False, None),
    ],
)
def test_registration_words(
    status: str, attendance: str, cancelled: bool, word: ImiloRegistration | None
) -> None:
    assert (
        registration_word(registration_status=status, attendance=attendance, session_cancelled=cancelled)
        == word
    )


@pytest.fixture
def day(site: TestSite) -> TestSite:
    """Tuesday 13 January 2026 for Claire: a seen appointment, a no-show, one cancelled by the youth then
    booked again, one ahead; her young person Zoé at a workshop Mamadou runs (present)."""
    cej_youth(site, "zoe", "Zoé", "Zéro", referent="claire", external_id="00123451")
    at(site, "2026-01-12 08:00")
    seen = site.book("kevin", "2026-01-13 09:00")
    missed = site.book("jp", "2026-01-13 10:00")
    moved = site.book("aissatou", "2026-01-13 11:00")
    site.book("zoe", "2026-01-13 16:00")
    ws = session(site, "2026-01-13 14:00", facilitator="mamadou")
    reg = register(site, ws.id, "zoe")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=moved.id, by_youth=True)
    site.book("aissatou", "2026-01-20 11:00")
    at(site, "2026-01-13 15:00")
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=seen.id, status=Status.SEEN)
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=missed.id, status=Status.NO_SHOW)
    mark(site, reg, "present")
    return site


def test_a_counsellors_day_in_imilo_words(day: TestSite) -> None:
    report = day.services.reports.imilo.lines(actor=day.lead, period=DAY, counsellor="Claire Lefèvre")
    got = [(ln.last_name, ln.start.hour, ln.status, ln.session_state) for ln in report.lines]
    assert got == [
        ("Koné", 9, "Présent", ""),
        ("Martin", 10, "Absent", ""),
        ("N'Diaye", 11, "Reporté", ""),
        ("Zéro", 14, "Présent", "Émargée"),
        ("Zéro", 16, "Planifié", ""),
    ]
    assert report.lines[3].external_id == "00123451" and report.lines[3].activity == "Atelier – Atelier CV"
    assert report.left_to_key == 5


def test_the_workshop_line_is_the_referents_not_the_facilitators(day: TestSite) -> None:
    report = day.services.reports.imilo.lines(actor=day.lead, period=DAY, counsellor="Mamadou Diallo")
    assert report.lines == ()


def test_ticks_are_kept_and_counted_and_can_be_undone(day: TestSite) -> None:
    imilo = day.services.reports.imilo
    report = imilo.lines(actor=day.counsellor, period=DAY, counsellor=day.staff["claire"].id)
    imilo.tick(actor=day.counsellor, item_ids=[report.lines[0].item_id, report.lines[3].item_id])
    again = imilo.lines(actor=day.counsellor, period=DAY, counsellor=day.staff["claire"].id)
    assert [ln.keyed for ln in again.lines] == [True, False, False, True, False]
    assert again.left_to_key == 3
    assert again.lines[0].keyed_by == "Claire Lefèvre"
    assert again.lines[0].keyed_at is not None and again.lines[0].keyed_at.strftime("%H:%M") == "15:00"
    imilo.tick(actor=day.counsellor, item_ids=[report.lines[0].item_id], keyed=False)
    assert imilo.lines(actor=day.lead, period=DAY).left_to_key == 4
    audit = day.services.audit_log.entries(actor=day.lead, action="imilo_keyed")
    assert audit.total == 2


def test_a_receptionist_may_not_tick_nor_read_others_lists(day: TestSite) -> None:
    imilo = day.services.reports.imilo
    with pytest.raises(PermissionDenied):
        imilo.tick(actor=day.receptionist, item_ids=["x"])
    with pytest.raises(PermissionDenied):
        imilo.lines(actor=day.counsellor, period=DAY, counsellor="Mamadou Diallo")
    with pytest.raises(InputError):
        imilo.lines(actor=day.lead, period=Period(date(2026, 1, 1), date(2026, 6, 1)))


def test_imilo_workbook_has_the_number_first_as_text(day: TestSite, tmp_path: Path) -> None:
    imilo = day.services.reports.imilo
    report = imilo.lines(actor=day.lead, period=DAY, counsellor="Claire Lefèvre")
    imilo.tick(actor=day.counsellor, item_ids=[report.lines[3].item_id])
    report = imilo.lines(actor=day.lead, period=DAY, counsellor="Claire Lefèvre")
    out = tmp_path / "imilo.xlsx"
    day.services.reports.files.write(actor=day.lead, kind="imilo", tables=report_tables(report), out=out)
    ws = openpyxl.load_workbook(out).active
    header_row = int(ws.freeze_panes[1:]) - 1
    header = [c.value for c in ws[header_row]]
    assert header[0] == "N° i-milo"
    rows = list(ws.iter_rows(min_row=header_row + 1))
    assert len(rows) == len(report.lines)
    zoe = rows[3]
    assert (zoe[0].value, zoe[0].data_type) == ("00123451", "s")
    assert zoe[header.index("Statut i-milo")].value == "Présent"
    assert zoe[header.index("État de la session")].value == "Émargée"
    assert zoe[header.index("Saisi dans i-milo")].value == "oui"
    assert zoe[header.index("Date")].is_date
    assert zoe[header.index("Référence mlplanner")].value == report.lines[3].item_id
