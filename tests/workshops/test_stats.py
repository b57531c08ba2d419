"""Statistics per month and per workshop, appointment outcomes, and the rows behind the CSV exports."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError
from mlplanner.services.workshops.terms import Attendance

from .helpers import make_series, register, set_clock


def test_monthly_and_series_stats(site):
    _ws, stats = site.services.workshops, site.services.stats
    res = make_series(site, capacity=4, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=4")  # 16, 23, 30/03, 06/04
    s1, s2, s3, s4 = (s.id for s in res.sessions)
    a = [register(site, s1, y).registration for y in ("kevin", "eloise", "jp")]
    b = [register(site, s2, y).registration for y in ("kevin", "aissatou")]
    register(site, s4, "kevin")
    site.services.sessions.cancel_session(actor=site.lead, session_id=s3, reason="grève")
    set_clock(site, "2027-04-06 10:30")  # s4 has started too
    site.services.registrations.set_attendances(
        actor=site.receptionist,
        marks={
            a[0].id: Attendance.PRESENT,
            a[1].id: Attendance.LATE,
            a[2].id: Attendance.ABSENT,
            b[0].id: Attendance.EXCUSED,
            b[1].id: Attendance.PRESENT,
        },
    )
    march, april, may = stats.monthly_stats(date(2027, 3, 1), date(2027, 5, 31))
    assert (march.label, march.sessions_held, march.seats, march.registrations) == ("mars 2027", 2, 8, 5)
    assert (march.present, march.late, march.absent, march.excused, march.recorded) == (3, 1, 1, 1, 5)
    assert march.attendance_rate == 0.6 and march.no_show_rate == 0.2 and march.fill_rate == 0.625
    assert (april.sessions_held, april.registrations, april.recorded, april.attendance_rate) == (
        1,
        1,
        0,
        None,
    )
    assert may.sessions_held == 0 and may.fill_rate is None
    (per_series,) = stats.series_stats(date(2027, 3, 1), date(2027, 5, 31))
    assert (per_series.label, per_series.sessions_held, per_series.registrations) == ("Atelier CV", 3, 6)
    total = stats.total_stats(date(2027, 3, 1), date(2027, 5, 31))
    assert total.sessions_held == 3 and total.present == 3
    rows = stats.attendance_rows(date(2027, 3, 1), date(2027, 3, 31))
    assert [(r.day.day, r.last_name, r.attendance) for r in rows] == [
        (16, "Koné", "présent(e)"),
        (16, "Lœuvre", "en retard"),
        (16, "Martin", "absent(e)"),
        (23, "Koné", "excusé(e)"),
        (23, "N'Diaye", "présent(e)"),
    ]
    regs = stats.registration_rows(date(2027, 3, 1), date(2027, 4, 30))
    assert len(regs) == 6 and {r.session_status for r in regs} == {"prévue"}


def test_counsellor_outcomes(site):
    seen = site.book("kevin", "2027-03-16 09:00")
    missed = site.book("eloise", "2027-03-16 09:30")
    site.book("jp", "2027-03-16 14:00")
    later = site.book("aissatou", "2027-03-18 09:00", counsellor="mamadou")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=later.id, by_youth=True)
    set_clock(site, "2027-03-16 16:00")
    site.services.appointments.set_outcome(actor=site.counsellor, appointment_id=seen.id, status=Status.SEEN)
    site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=missed.id, status=Status.NO_SHOW
    )
    claire, mamadou = site.services.stats.counsellor_outcomes(date(2027, 3, 1), date(2027, 3, 31))
    assert (claire.counsellor_name, claire.total, claire.seen, claire.no_show, claire.to_fill_in) == (
        "Claire Lefèvre",
        3,
        1,
        1,
        1,
    )
    assert claire.no_show_rate == 0.5
    assert (mamadou.total, mamadou.cancelled_by_youth, mamadou.no_show_rate) == (1, 1, None)


def test_period_must_be_in_order(site):
    with pytest.raises(InputError) as err:
        site.services.stats.monthly_stats(date(2027, 4, 1), date(2027, 3, 1))
    assert err.value.message == "La fin de la période doit suivre son début."


def test_demo_workshops_go_through_the_services(site):
    from mlplanner.services.workshops.demo import build_demo_workshops
    from mlplanner.services.workshops.terms import SessionState

    counts = build_demo_workshops(site.services, today=date(2026, 1, 5), seed=2)
    assert counts["series"] == 4 and counts["sessions"] > 20 and counts["registrations"] > 0
    states = {s.state for s in site.services.workshops.sessions_between(date(2025, 12, 1), date(2026, 6, 30))}
    assert {SessionState.CLOSED, SessionState.UPCOMING} <= states
    stats = site.services.stats.total_stats(date(2025, 12, 1), date(2026, 1, 4))
    assert stats.sessions_held > 0 and stats.recorded > 0
