"""Daylight-saving weeks (29 March 2026, 28 March 2027, and the autumn changes): wall-clock times stay put,
instants are right, the spring gap is refused, free slots are the same shape either side."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest

from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.wallclock import to_utc
from mlplanner.services.container import Services

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat
TZ = "Europe/Paris"


@pytest.mark.parametrize(
    ("before", "after", "utc_before", "utc_after"),
    [
        ("2026-03-27 10:00", "2026-03-30 10:00", "09:00", "08:00"),  # spring 2026 (Sunday 29 March)
        (
            "2027-03-26 10:00",
            "2027-03-30 10:00",
            "09:00",
            "08:00",
        ),  # spring 2027 (Sunday 28; Monday 29 is Easter Monday)
        ("2026-10-23 10:00", "2026-10-26 10:00", "08:00", "09:00"),  # autumn 2026 (Sunday 25 October)
        (
            "2027-10-29 10:00",
            "2027-11-02 10:00",
            "08:00",
            "09:00",
        ),  # autumn 2027 (Sunday 31; 1 November is a holiday)
    ],
)
def test_a_ten_oclock_appointment_stays_at_ten_across_the_change(
    site: TestSite, db_path, before: str, after: str, utc_before: str, utc_after: str
) -> None:
    a = site.book("kevin", before)
    b = site.book("kevin", after)
    # read back through a new connection: what is stored is the wall clock
    site.services.close()
    again = Services.open(db_path, clock=site.clock)
    try:
        for appt, text, utc in ((a, before, utc_before), (b, after, utc_after)):
            stored = again.booking.get(appt.id)
            assert stored.start == wall(text) and stored.start.tzinfo is None
            assert f"{stored.start:%H:%M}" == "10:00"
            assert to_utc(stored.start, TZ) == wall(f"{text[:10]} {utc}").replace(tzinfo=UTC)
    finally:
        again.close()


@pytest.mark.parametrize(
    "start", ["2026-03-29 02:30", "2027-03-28 02:30", "2027-03-28 02:00", "2026-03-29 02:45"]
)
def test_a_time_inside_the_spring_gap_is_refused(site: TestSite, start: str) -> None:
    with pytest.raises(InputError) as err:
        site.book("kevin", start)
    assert err.value.code == "dst_gap"
    assert err.value.message == f"L'heure {start[-5:]} n'existe pas ce jour-là (passage à l'heure d'été)."


def test_the_repeated_autumn_hour_is_not_a_gap(site: TestSite) -> None:
    with pytest.raises(RuleViolation) as err:  # a Sunday: closed, but the time itself exists
        site.book("kevin", "2026-10-25 02:30")
    assert err.value.code == "outside_opening_hours"


def test_now_is_read_in_summer_time_after_the_change(site: TestSite) -> None:
    site.clock.at = datetime(2026, 3, 30, 7, 30, tzinfo=UTC)  # 09:30 in Paris (UTC+2)
    with pytest.raises(RuleViolation) as err:
        site.book("kevin", "2026-03-30 09:00")
    assert err.value.code == "in_past"
    assert site.book("kevin", "2026-03-30 09:30").start == wall("2026-03-30 09:30")
    site.clock.at = datetime(2026, 3, 27, 7, 30, tzinfo=UTC)  # same UTC time in winter: 08:30 in Paris
    assert site.book("eloise", "2026-03-27 09:00").start == wall("2026-03-27 09:00")


def test_check_in_uses_the_local_day(site: TestSite) -> None:
    a = site.book("kevin", "2026-03-30 10:00")
    site.clock.at = datetime(
        2026, 3, 29, 22, 30, tzinfo=UTC
    )  # still the 29th in UTC, 00:30 on the 30th in Paris
    assert site.services.appointments.check_in(
        actor=site.receptionist, appointment_id=a.id
    ).appointment.arrived_at


def _per_day(slots) -> Counter:
    return Counter(s.start.date() for s in slots)


@pytest.mark.parametrize(
    ("start", "days"),
    [
        (date(2026, 3, 26), [date(2026, 3, 26), date(2026, 3, 27), date(2026, 3, 30), date(2026, 3, 31)]),
        (date(2027, 3, 25), [date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 30), date(2027, 3, 31)]),
        (
            date(2026, 10, 22),
            [date(2026, 10, 22), date(2026, 10, 23), date(2026, 10, 26), date(2026, 10, 27)],
        ),
    ],
)
def test_free_slots_across_a_dst_week(site: TestSite, start: date, days: list[date]) -> None:
    slots = site.services.slots.find(
        type_code="SUIVI", counsellor="claire lefèvre", start=start, count=4 * 28
    )
    per_day = _per_day(slots)
    # Claire, full time: 09:00–12:00 (13 starts) + 13:30–17:00 (15 starts) every working day, both sides of
    # the change; the weekend (and Easter Monday 29 March 2027) has none.
    assert list(per_day) == days
    assert set(per_day.values()) == {28}
    for s in slots:
        assert s.counsellor_name == "Claire Lefèvre" and s.room_name == "Bureau 1"
        assert "09:00" <= f"{s.start:%H:%M}" <= "17:00"
        assert not ("12:00" < f"{s.start:%H:%M}" < "13:30")
        assert (s.end - s.start).seconds == 30 * 60
    firsts = {d: min(s.start for s in slots if s.start.date() == d) for d in days}
    assert all(f"{t:%H:%M}" == "09:00" for t in firsts.values())


def test_slots_from_now_on_the_morning_after_the_change(site: TestSite) -> None:
    site.clock.at = datetime(2026, 3, 30, 8, 5, tzinfo=UTC)  # 10:05 in Paris, summer time
    first = site.services.slots.find(type_code="SUIVI", counsellor="claire lefèvre", count=1)[0]
    assert first.start == wall("2026-03-30 10:15")
