"""Pure domain rules about time: intervals, weekly hours, French holidays, wall clock and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mlplanner.domain.calendar_fr import holiday_name, holidays_between, is_public_holiday
from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.intervals import Interval, overlaps, subtract
from mlplanner.domain.slots import candidate_starts
from mlplanner.domain.wallclock import exists_locally, local_now, parse_date, parse_datetime, to_utc

D = datetime.fromisoformat


# --- overlap: half-open intervals ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("10:00", "10:30"), ("10:30", "11:00"), False),  # touching ends are allowed
        (("10:30", "11:00"), ("10:00", "10:30"), False),
        (("10:00", "10:30"), ("10:29", "11:00"), True),
        (("10:00", "11:00"), ("10:15", "10:45"), True),  # inside
        (("10:15", "10:45"), ("10:00", "11:00"), True),  # around
        (("10:00", "10:30"), ("10:00", "10:30"), True),  # same
        (("09:00", "09:30"), ("10:00", "10:30"), False),
    ],
)
def test_overlap_is_half_open(a: tuple[str, str], b: tuple[str, str], expected: bool) -> None:
    day = "2027-03-02 "
    assert overlaps(D(day + a[0]), D(day + a[1]), D(day + b[0]), D(day + b[1])) is expected
    assert Interval(D(day + a[0]), D(day + a[1])).overlaps(Interval(D(day + b[0]), D(day + b[1]))) is expected


def test_subtract_cuts_busy_spans_out_of_free_time() -> None:
    free = [Interval(D("2027-03-02 09:00"), D("2027-03-02 12:30"))]
    busy = [
        Interval(D("2027-03-02 10:00"), D("2027-03-02 10:30")),
        Interval(D("2027-03-02 12:00"), D("2027-03-02 13:00")),
    ]
    assert subtract(free, busy) == [
        Interval(D("2027-03-02 09:00"), D("2027-03-02 10:00")),
        Interval(D("2027-03-02 10:30"), D("2027-03-02 12:00")),
    ]


# --- weekly hours: opening hours with a lunch break, working patterns ------------------------------
HOURS = WeeklyHours.from_mapping({"1": [["13:30", "17:30"], ["09:00", "12:30"]]})  # Tuesday, unsorted


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        ("09:00", "09:30", True),
        ("12:00", "12:30", True),  # ends exactly at the lunch break
        ("12:15", "12:45", False),  # runs into lunch
        ("12:30", "13:30", False),  # lunch itself
        ("13:30", "14:00", True),
        ("17:15", "17:45", False),  # runs past closing
        ("08:45", "09:15", False),  # starts before opening
        ("11:00", "14:00", False),  # spans the whole lunch break
    ],
)
def test_hours_contain_only_whole_spans(start: str, end: str, inside: bool) -> None:
    tuesday = "2027-03-02 "
    assert HOURS.contains(D(tuesday + start), D(tuesday + end)) is inside


def test_hours_closed_days_and_round_trip() -> None:
    assert HOURS.intervals_on(date(2027, 3, 1)) == []  # Monday: closed
    assert not HOURS.contains(D("2027-03-01 10:00"), D("2027-03-01 10:30"))
    assert WeeklyHours.from_json(HOURS.to_json()) == HOURS
    assert HOURS.describe_fr() == "mardi 09:00–12:30, 13:30–17:30"
    assert HOURS.bounds() == (time(9, 0), time(17, 30))


@pytest.mark.parametrize(
    "bad",
    [
        {"0": [["10:00", "09:00"]]},  # end before start
        {"0": [["09:00", "12:00"], ["11:00", "14:00"]]},  # two spans overlap
        {"0": [["25:00", "26:00"]]},  # impossible time
    ],
)
def test_bad_hours_are_refused_in_french(bad: dict) -> None:
    with pytest.raises(InputError) as err:
        WeeklyHours.from_mapping(bad)
    assert "lundi" in err.value.message or "heure" in err.value.message


def test_available_on_is_site_hours_intersected_with_the_pattern() -> None:
    part_time = WeeklyHours.from_mapping({"1": [["10:00", "16:00"]]})
    assert available_on(date(2027, 3, 2), HOURS, part_time) == [
        Interval(D("2027-03-02 10:00"), D("2027-03-02 12:30")),
        Interval(D("2027-03-02 13:30"), D("2027-03-02 16:00")),
    ]
    assert available_on(date(2027, 3, 3), HOURS, part_time) == []


def test_candidate_starts_keep_the_buffer_free_and_skip_busy_spans() -> None:
    working = [Interval(D("2027-03-02 09:00"), D("2027-03-02 11:00"))]
    busy = [Interval(D("2027-03-02 10:00"), D("2027-03-02 10:30"))]
    starts = list(
        candidate_starts(
            working,
            busy,
            duration=timedelta(minutes=30),
            buffer=timedelta(minutes=15),
            step=timedelta(minutes=15),
        )
    )
    # 09:15 + 30 min + 15 min buffer reaches 10:00 exactly (allowed); 09:30 would eat into 10:00.
    assert [f"{t:%H:%M}" for t in starts] == ["09:00", "09:15", "10:30"]


# --- French public holidays (through the `holidays` package) ---------------------------------------
HOLIDAYS_2027 = {
    date(2027, 1, 1): "jour de l'an",
    date(2027, 3, 29): "pâques",  # Easter Monday
    date(2027, 5, 1): "travail",
    date(2027, 5, 6): "ascension",
    date(2027, 5, 8): "victoire",
    date(2027, 5, 17): "pentecôte",  # Whit Monday
    date(2027, 7, 14): "nationale",
    date(2027, 8, 15): "assomption",
    date(2027, 11, 1): "toussaint",
    date(2027, 11, 11): "armistice",
    date(2027, 12, 25): "noël",
}


@pytest.mark.parametrize(("day", "word"), sorted(HOLIDAYS_2027.items()))
def test_french_public_holidays_2027(day: date, word: str) -> None:
    name = holiday_name(day)
    assert name is not None
    assert word in name.lower()


def test_no_other_holiday_in_2027_and_ordinary_days_are_working_days() -> None:
    assert set(holidays_between(date(2027, 1, 1), date(2027, 12, 31))) == set(HOLIDAYS_2027)
    for day in (date(2027, 3, 30), date(2027, 5, 7), date(2027, 7, 13), date(2027, 11, 2)):
        assert not is_public_holiday(day)


def test_overseas_subdivision_adds_its_own_days() -> None:
    # Abolition of slavery: 20 December in La Réunion, not in mainland France.
    assert is_public_holiday(date(2027, 12, 20), "RE")
    assert not is_public_holiday(date(2027, 12, 20))


# --- wall clock and DST --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("wall", "utc"),
    [
        ("2026-03-27 10:00", "2026-03-27 09:00"),  # Friday before: winter time (UTC+1)
        ("2026-03-30 10:00", "2026-03-30 08:00"),  # Monday after: summer time (UTC+2)
        ("2026-03-29 01:30", "2026-03-29 00:30"),  # just before the gap
        ("2026-03-29 03:00", "2026-03-29 01:00"),  # just after the gap
        ("2027-03-26 10:00", "2027-03-26 09:00"),
        ("2027-03-29 10:00", "2027-03-29 08:00"),
        ("2026-10-23 10:00", "2026-10-23 08:00"),  # autumn: summer time before 25 October 2026
        ("2026-10-26 10:00", "2026-10-26 09:00"),
        ("2026-10-25 02:30", "2026-10-25 00:30"),  # ambiguous hour: the first (summer) occurrence
        ("2027-10-29 10:00", "2027-10-29 08:00"),
        ("2027-11-02 10:00", "2027-11-02 09:00"),  # after 31 October 2027
    ],
)
def test_to_utc_gives_the_right_instant(wall: str, utc: str) -> None:
    assert to_utc(D(wall), "Europe/Paris") == D(utc).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("wall", "exists"),
    [
        ("2026-03-29 02:30", False),  # spring gap 2026
        ("2027-03-28 02:30", False),  # spring gap 2027
        ("2027-03-28 02:00", False),
        ("2027-03-28 03:00", True),
        ("2027-03-28 01:59", True),
        ("2026-10-25 02:30", True),  # the autumn hour happens twice: it exists
        ("2027-03-29 10:00", True),
    ],
)
def test_times_in_the_spring_gap_do_not_exist(wall: str, exists: bool) -> None:
    assert exists_locally(D(wall), "Europe/Paris") is exists


def test_overseas_zone_has_no_dst() -> None:
    assert exists_locally(D("2027-03-28 02:30"), "Indian/Reunion")
    assert to_utc(D("2027-07-01 10:00"), "Indian/Reunion") == datetime(2027, 7, 1, 6, 0, tzinfo=UTC)
    assert local_now(datetime(2027, 7, 1, 6, 0, tzinfo=UTC), "America/Guadeloupe") == D("2027-07-01 02:00")


def test_local_now_follows_dst() -> None:
    assert local_now(datetime(2027, 3, 27, 9, 0, tzinfo=UTC), "Europe/Paris") == D("2027-03-27 10:00")
    assert local_now(datetime(2027, 3, 29, 8, 0, tzinfo=UTC), "Europe/Paris") == D("2027-03-29 10:00")


# --- parsing dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2027-02-30", "30/02/2027", "31/04/2027", "2027-13-01", "29/02/2027"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_date(text)
    assert err.value.code == "bad_date"
    assert "n'existe pas" in err.value.message


@pytest.mark.parametrize("text", ["demain", "2027/03/01", "", "1er mars"])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="illisible"):
        parse_date(text)


def test_parse_accepts_french_and_iso() -> None:
    assert parse_date("01/03/2027") == parse_date("2027-03-01") == date(2027, 3, 1)
    assert parse_date("29/02/2028") == date(2028, 2, 29)
    assert parse_datetime("2027-03-01 9h30") == D("2027-03-01 09:30")
    assert parse_datetime("01/03/2027 14:05") == D("2027-03-01 14:05")
    with pytest.raises(InputError):
        parse_datetime("2027-03-01 24:00")
    with pytest.raises(InputError):
        parse_datetime("2027-03-01")


def test_a_pattern_text_is_read_once_and_a_bad_one_still_refused() -> None:
    """Issue 19: a site's frame reads every counsellor's pattern at each day shown; most share a few."""
    text = HOURS.to_json()
    assert WeeklyHours.from_json(text) is WeeklyHours.from_json(str(text))  # one reading, shared
    for _ in range(2):  # refused every time, not remembered as something else
        with pytest.raises(InputError):
            WeeklyHours.from_json('{"0": [["12:00", "09:00"]]}')
