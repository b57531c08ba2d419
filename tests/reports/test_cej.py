"""CEJ hours the way the CEJ counts them (issue #16): the scale per type and kind, declared and validated
hours, the young person's own actions, the week against 15 h, the lists under 15 h and at 0 h."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mlplanner.domain.cej import Level, Theme
from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, PermissionDenied
from mlplanner.domain.periods import parse_week
from support import TestSite

from .helpers import at, cej_youth, mark, register, session

WEEK = parse_week("2026-W03")  # Monday 12 to Sunday 18 January 2026


@pytest.fixture
def week(site: TestSite) -> TestSite:
    """Éloïse (CEJ, Mamadou): a seen follow-up, a no-show, a follow-up still ahead, a workshop attended,
    an information session ahead, her job search (3 h by default) and housing (2 h); Kévin (CEJ, Claire):
    nothing; Yasmine: CEJ ended in December; Jean-Pierre: no CEJ."""
    eloise = cej_youth(site, "eloise_cej", "Éloïse", "Lemaire", referent="mamadou", external_id="00123451")
    cej_youth(site, "kevin_cej", "Kévin", "Traoré", referent="claire", external_id="0456")
    cej_youth(site, "yasmine", "Yasmine", "Ended", end=date(2025, 12, 31))
    at(site, "2026-01-12 08:00")
    seen = site.book("eloise_cej", "2026-01-12 09:00", counsellor="mamadou")
    missed = site.book("eloise_cej", "2026-01-12 10:00", counsellor="mamadou")
    site.book("eloise_cej", "2026-01-15 09:00", counsellor="mamadou")
    workshop = session(site, "2026-01-13 10:00", kind="ATELIER")
    info = session(site, "2026-01-15 14:00", kind="INFO_COLL", title="Information collective CEJ")
    came = register(site, workshop.id, "eloise_cej")
    register(site, info.id, "eloise_cej")
    at(site, "2026-01-14 10:00")
    for appt, status in ((seen, Status.SEEN), (missed, Status.NO_SHOW)):
        site.services.appointments.set_outcome(actor=site.lead, appointment_id=appt.id, status=status)
    mark(site, came, "present")
    cej = site.services.reports.cej
    cej.record_action(actor=site.counsellor, youth_id=eloise.id, week=WEEK.start, theme=Theme.JOB_SEARCH)
    cej.record_action(
        actor=site.counsellor, youth_id=eloise.id, week=date(2026, 1, 14), theme="housing", minutes=120
    )
    return site


def _line(report, key: str, site: TestSite):  # type: ignore[no-untyped-def]
    return next(ln for ln in report.lines if ln.youth_id == site.youths[key].id)


def test_declared_and_validated_hours_on_the_cej_scale(week: TestSite) -> None:
    report = week.services.reports.cej.week(actor=week.lead, period=WEEK)
    eloise = _line(report, "eloise_cej", week).week
    assert eloise.minutes_of("appointment") == 2 * 60  # seen + ahead; the no-show does not count
    assert eloise.minutes_of("workshop") == 4 * 60 + 3 * 60  # workshop 4 h, information session 3 h
    assert eloise.minutes_of("action") == 3 * 60 + 2 * 60
    assert eloise.declared_hours == 14.0 and eloise.level is Level.ALERT
    assert eloise.validated_hours == 1 + 4 + 5  # seen, present, her actions
    assert {ln.youth_id for ln in report.lines} == {week.youths[k].id for k in ("eloise_cej", "kevin_cej")}


def test_lists_under_15_h_and_at_0_h_per_counsellor(week: TestSite) -> None:
    report = week.services.reports.cej.week(actor=week.lead, period=WEEK)
    by = {c.counsellor_name: c for c in report.counsellors}
    assert [ln.last_name for ln in by["Mamadou Diallo"].under_commitment] == ["Lemaire"]
    assert by["Mamadou Diallo"].at_zero == ()
    assert [ln.last_name for ln in by["Claire Lefèvre"].at_zero] == ["Traoré"]
    assert by["Claire Lefèvre"].under_commitment[0].week.level is Level.WARNING


def test_the_scale_is_a_setting_per_type_and_per_kind(week: TestSite) -> None:
    cej = week.services.reports.cej
    cej.set_type_scale(actor=week.lead, type_code="SUIVI", cej_minutes=90)
    week.services.reports.kinds.save_kind(
        actor=week.lead, code="INFO_COLL", label="Information collective", cej_minutes=120
    )
    eloise = _line(cej.week(actor=week.lead, period=WEEK), "eloise_cej", week).week
    assert eloise.minutes_of("appointment") == 2 * 90
    assert eloise.minutes_of("workshop") == 4 * 60 + 2 * 60
    assert eloise.declared_hours == 14.0
    with pytest.raises(PermissionDenied):
        cej.set_type_scale(actor=week.counsellor, type_code="SUIVI", cej_minutes=60)


def test_actions_default_hours_edit_and_clear(week: TestSite) -> None:
    cej, eloise = week.services.reports.cej, week.youths["eloise_cej"].id
    assert [(a.theme, a.minutes) for a in cej.actions(eloise, WEEK.start)] == [
        (Theme.JOB_SEARCH, 180),
        (Theme.HOUSING, 120),
    ]
    cej.record_action(actor=week.counsellor, youth_id=eloise, week=WEEK.end, theme="housing", minutes=0)
    assert [a.theme for a in cej.actions(eloise, WEEK.start)] == [Theme.JOB_SEARCH]
    with pytest.raises(InputError):
        cej.record_action(actor=week.counsellor, youth_id=eloise, week=WEEK.start, theme="sleep")
    with pytest.raises(InputError):
        cej.record_action(
            actor=week.counsellor, youth_id=eloise, week=WEEK.start, theme="health", minutes=-60
        )
    with pytest.raises(PermissionDenied):
        cej.record_action(actor=week.receptionist, youth_id=eloise, week=WEEK.start, theme="health")


def test_the_youth_file_weeks(week: TestSite) -> None:
    weeks = week.services.reports.cej.youth_weeks(week.youths["eloise_cej"].id, last_week=date(2026, 1, 14))
    assert [w.week for w in weeks] == [
        date(2025, 12, 22),
        date(2025, 12, 29),
        date(2026, 1, 5),
        date(2026, 1, 12),
    ]
    assert [w.declared_hours for w in weeks] == [0, 0, 0, 14.0]


def test_a_counsellor_sees_their_own_list_only(week: TestSite) -> None:
    cej = week.services.reports.cej
    mine = cej.week(actor=week.colleague, period=WEEK, counsellor=week.staff["mamadou"].id)
    assert [ln.last_name for ln in mine.lines] == ["Lemaire"]
    assert cej.week(actor=week.colleague, period=WEEK).lines == mine.lines  # naming nobody: their own
    with pytest.raises(PermissionDenied):
        cej.week(actor=week.colleague, period=WEEK, counsellor=week.staff["claire"].id)
    with pytest.raises(PermissionDenied):
        cej.week(actor=week.receptionist, period=WEEK)


def test_cej_workbook_matches_the_report(week: TestSite, tmp_path: Path) -> None:
    from mlplanner.services.reports.tables import report_tables

    report = week.services.reports.cej.week(actor=week.lead, period=WEEK)
    out = tmp_path / "cej.xlsx"
    week.services.reports.files.write(
        actor=week.lead, kind="cej-hours", tables=report_tables(report), out=out
    )
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Heures CEJ", "Par conseiller", "Sous 15 h"]
    ws = wb["Heures CEJ"]
    header_row = int(ws.freeze_panes[1:]) - 1
    header = [c.value for c in ws[header_row]]
    rows = {r[header.index("Nom")].value: r for r in ws.iter_rows(min_row=header_row + 1)}
    eloise = rows["Lemaire"]
    assert eloise[header.index("N° i-milo")].value == "00123451"
    assert eloise[header.index("N° i-milo")].data_type == "s"
    assert eloise[header.index("Heures déclarées")].value == 14
    assert eloise[header.index("Heures validées")].value == 10
    assert rows["Traoré"][header.index("Semaine")].value == "0 h"
    assert (
        ws["A1"].value == "Heures CEJ – semaine 2026-W03" and ws["A2"].value == "du 12/01/2026 au 18/01/2026"
    )


def test_a_report_week_must_be_monday_to_sunday(week: TestSite) -> None:
    from mlplanner.domain.periods import Period

    with pytest.raises(InputError):
        week.services.reports.cej.week(actor=week.lead, period=Period(date(2026, 1, 13), date(2026, 1, 19)))
