"""Accompanied young people, the remote share, orientations and the facilitators' timesheet (issue #16),
each checked against what was recorded, and read back from the workbook."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.domain.followup_periods import Outcome, PartnerKind
from mlplanner.domain.periods import Period, parse_month
from mlplanner.services.reports.tables import report_tables
from support import TestSite

from .helpers import at, mark, register, session

JANUARY = parse_month("2026-01")


@pytest.fixture
def january(site: TestSite) -> TestSite:
    """Claire sees Kévin (on site, 13/01) and Jean-Pierre (by phone, 14/01); Mamadou sees Kévin too
    (15/01) and Éloïse misses hers; Éloïse and Kévin attend Claire's workshop (Mamadou co-facilitates);
    Aïssatou was seen in December (not new in January) and again on 16/01 by Mamadou."""
    at(site, "2025-12-01 08:00")
    old = site.book("aissatou", "2025-12-02 10:00", counsellor="mamadou")
    at(site, "2025-12-02 11:00")
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=old.id, status=Status.SEEN)
    at(site, "2026-01-12 08:00")
    appts = [
        site.book("kevin", "2026-01-13 09:00", counsellor="claire"),
        site.book("jp", "2026-01-14 09:00", counsellor="claire", type_code="TEL"),
        site.book("kevin", "2026-01-15 09:00", counsellor="mamadou"),
        site.book("eloise", "2026-01-15 10:00", counsellor="mamadou"),
        site.book("aissatou", "2026-01-16 09:00", counsellor="mamadou"),
    ]
    ws = session(site, "2026-01-13 14:00", facilitator="claire", co_facilitator="mamadou", minutes=150)
    regs = [register(site, ws.id, k) for k in ("eloise", "kevin")]
    at(site, "2026-01-16 18:00")
    for a, status in zip(
        appts, (Status.SEEN, Status.SEEN, Status.SEEN, Status.NO_SHOW, Status.SEEN), strict=True
    ):
        site.services.appointments.set_outcome(actor=site.lead, appointment_id=a.id, status=status)
    for r in regs:
        mark(site, r, "present")
    return site


def test_accompanied_per_counsellor_site_and_new(january: TestSite) -> None:
    report = january.services.reports.activity.accompanied(actor=january.lead, period=JANUARY)
    rows = {r.counsellor_name: r for r in report.rows}
    claire, mamadou, total = rows["Claire Lefèvre"], rows["Mamadou Diallo"], rows["Total TEST01"]
    assert (claire.accompanied, claire.with_interview, claire.with_session, claire.interviews) == (3, 2, 2, 2)
    assert claire.participations == 2
    assert (mamadou.accompanied, mamadou.with_interview, mamadou.with_session) == (3, 2, 2)  # Kévin twice
    # site total: Kévin, Jean-Pierre, Éloïse, Aïssatou, each once
    assert (total.accompanied, total.with_interview, total.with_session, total.interviews) == (4, 3, 2, 4)
    assert total.new == 3  # Aïssatou was first seen in December
    assert claire.new == 3  # Kévin (13/01, her), Jean-Pierre, Éloïse (workshop 13/01, hers too)
    assert rows["Mamadou Diallo"].new == 1  # Éloïse's first contact was his co-facilitated workshop
    assert [r.counsellor_name for r in report.rows][-1] == "Total TEST01"


def test_remote_share_per_month(january: TestSite) -> None:
    report = january.services.reports.activity.accompanied(
        actor=january.lead, period=Period(date(2025, 12, 1), date(2026, 1, 31))
    )
    december, jan = report.modes
    assert (december.on_site, december.total) == (1, 1)
    assert (jan.on_site, jan.phone, jan.video, jan.total) == (3, 1, 0, 4)
    assert jan.share(Mode.ON_SITE) == 0.75 and jan.share(Mode.PHONE) == 0.25


def test_accompanied_workbook(january: TestSite, tmp_path: Path) -> None:
    report = january.services.reports.activity.accompanied(actor=january.lead, period=JANUARY)
    out = tmp_path / "accompagnes.xlsx"
    january.services.reports.files.write(
        actor=january.lead, kind="accompanied", tables=report_tables(report), out=out
    )
    wb = openpyxl.load_workbook(out)
    ws = wb["Accompagnés"]
    header_row = int(ws.freeze_panes[1:]) - 1
    header = [c.value for c in ws[header_row]]
    total = next(r for r in ws.iter_rows(min_row=header_row + 1) if r[1].value == "Total TEST01")
    assert (total[header.index("Jeunes accompagnés")].value, total[2].data_type) == (4, "n")
    modes = wb["Présentiel et distance"]
    mh = int(modes.freeze_panes[1:]) - 1
    jan = next(modes.iter_rows(min_row=mh + 1))
    assert jan[0].value == "janvier 2026" and jan[6].value == 0.75 and jan[6].number_format == "0.0%"


def test_orientations_and_their_counts(january: TestSite) -> None:
    sv = january.services
    kevin, jp = january.youths["kevin"].id, january.youths["jp"].id
    a = sv.orientations.record(
        actor=january.counsellor,
        youth_id=kevin,
        partner_kind=PartnerKind.HEALTH_INSURANCE,
        partner_name="CPAM 75",
    )
    sv.orientations.record(actor=january.counsellor, youth_id=kevin, partner_kind="social_services")
    sv.orientations.record(actor=january.counsellor, youth_id=jp, partner_kind="health_insurance")
    sv.orientations.set_outcome(actor=january.counsellor, orientation_id=a.id, outcome=Outcome.RIGHTS_OPENED)
    report = sv.reports.activity.orientations(actor=january.lead, period=JANUARY)
    got = [(c.partner_kind, c.total, c.youths, c.by_outcome) for c in report.counts]
    assert got == [
        (PartnerKind.SOCIAL_SERVICES, 1, 1, {"pending": 1}),
        (PartnerKind.HEALTH_INSURANCE, 2, 2, {"rights_opened": 1, "pending": 1}),
    ]
    assert report.outcome_total(Outcome.RIGHTS_OPENED) == 1
    assert [o.partner_name for o in sv.orientations.of_youth(kevin)] in (["CPAM 75", ""], ["", "CPAM 75"])
    with pytest.raises(InputError):
        sv.orientations.record(actor=january.counsellor, youth_id=kevin, partner_kind="astrologer")
    with pytest.raises(PermissionDenied):
        sv.orientations.record(actor=january.receptionist, youth_id=kevin, partner_kind="housing")
    with pytest.raises(InputError) as future:  # an answer is noted once it is known
        sv.orientations.set_outcome(
            actor=january.counsellor, orientation_id=a.id, outcome=Outcome.REFUSED, on=date(2027, 1, 1)
        )
    assert future.value.code == "outcome_future"


def test_orientation_outcome_of_another_site_is_refused(january: TestSite) -> None:
    from mlplanner.storage.followup_tables import Orientation
    from mlplanner.storage.tables import Site

    sv = january.services
    o = sv.orientations.record(
        actor=january.counsellor, youth_id=january.youths["kevin"].id, partner_kind="housing"
    )
    with sv.ctx.write() as s:
        other = Site(code="LYON", name="Lyon")
        s.add(other)
        s.flush()
        row = s.get(Orientation, o.id)
        assert row is not None
        row.site_id = other.id
        s.add(row)
    with pytest.raises(RuleViolation):
        sv.orientations.set_outcome(actor=january.counsellor, orientation_id=o.id, outcome="refused")


def test_timesheet_counts_funded_sessions_for_both_facilitators(january: TestSite) -> None:
    sv = january.services
    assert sv.reports.activity.timesheet(actor=january.lead, period=JANUARY).lines == ()  # nothing funded yet
    sv.reports.kinds.save_kind(
        actor=january.lead,
        code="ATELIER",
        label="Atelier collectif",
        cej_minutes=240,
        funded_operation="FSE+ 2026",
    )
    report = sv.reports.activity.timesheet(actor=january.lead, period=JANUARY)
    got = [
        (ln.facilitator_name, ln.role, ln.start, ln.minutes, ln.present, ln.operation) for ln in report.lines
    ]
    assert got == [
        ("Claire Lefèvre", "animation", time(14, 0), 150, 2, "FSE+ 2026"),
        ("Mamadou Diallo", "co-animation", time(14, 0), 150, 2, "FSE+ 2026"),
    ]
    tables = report_tables(report)
    assert tables[1].rows == (("Claire Lefèvre", 1, 2.5), ("Mamadou Diallo", 1, 2.5))
    with pytest.raises(PermissionDenied):
        sv.reports.activity.timesheet(actor=january.counsellor, period=JANUARY)


@pytest.mark.sqlite_only  # reads or copies the site file itself
def test_the_demo_follow_up_shows_in_every_report(demo_template: Path, tmp_path: Path) -> None:
    """The demo's follow-up data (built after its workshops, from the seed and the day) gives every
    report something to show: CEJ weeks over and under 15 h, orientations, follow-ups ending soon, FSE+
    participants, keyed i-milo lines."""
    from mlplanner.services.container import Services
    from mlplanner.services.context import SYSTEM_ACTOR
    from mlplanner.services.workshops.demo import build_demo_workshops
    from mlplanner.storage.backup import backup_file
    from support import DEMO_TODAY, paris_clock

    path = tmp_path / "demo.sqlite3"
    backup_file(demo_template, path)
    sv = Services.open(path, clock=paris_clock(DEMO_TODAY))
    try:
        counts = build_demo_workshops(sv, today=DEMO_TODAY, seed=3)
        period = Period(DEMO_TODAY - timedelta(days=60), DEMO_TODAY)
        r = sv.reports
        cej = r.cej.week(actor=SYSTEM_ACTOR, period=Period(DEMO_TODAY, DEMO_TODAY + timedelta(days=6)))
        fse = r.fse.participants(actor=SYSTEM_ACTOR, operation="Parcours emploi FSE+ Paris", period=period)
        orientations = r.activity.orientations(actor=SYSTEM_ACTOR, period=period)
        assert counts["actions"] > 0 and counts["ticks"] > 0
        assert any(ln.week.declared_minutes >= 15 * 60 for ln in cej.lines)
        assert any(ln.week.declared_minutes < 15 * 60 for ln in cej.lines)
        assert orientations.counts and sv.periods.ending_soon()
        answered = [o for o in orientations.rows if o.outcome_on is not None]
        assert answered and all(o.oriented_on < o.outcome_on <= DEMO_TODAY for o in answered)
        assert len({o.outcome_on for o in answered}) > 1  # partners answer on their own days
        assert fse.participants and fse.incomplete < len(fse.participants)
    finally:
        sv.close()
