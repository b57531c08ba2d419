"""One day's hours as people type them, in a spreadsheet cell or a settings line (`domain.hours.read_day`)."""

from __future__ import annotations

import pytest

from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours, read_day, word_hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-12:30, 13:30-17:30", [["09:00", "12:30"], ["13:30", "17:30"]]),
        ("9h-12h30 13h30-17h", [["09:00", "12:30"], ["13:30", "17:00"]]),
        ("9h à 12h / 14h à 16h", [["09:00", "12:00"], ["14:00", "16:00"]]),
        ("8:30 - 12 et 13 - 16:15", [["08:30", "12:00"], ["13:00", "16:15"]]),
        ("9h-12h 14h-16h30", [["09:00", "12:00"], ["14:00", "16:30"]]),  # not 12:14
        ("9 h-12 h", [["09:00", "12:00"]]),
        ("", []),
        ("  ", []),
        ("Fermé", []),
        ("ne travaille pas", []),
        ("Journée", "day"),
        ("MATIN", "morning"),
        ("après-midi", "afternoon"),
        ("9h-midi", None),
        ("le matin", None),
        ("09:00", None),
        ("-", None),
        ("٠٩:٠٠-١٢:٠٠", None),  # Arabic-Indic digits: not what a time is typed with here
    ],
)
def test_read_day(text: str, expected: object) -> None:
    assert read_day(text) == expected


@pytest.mark.parametrize("text", ["14h-12h", "25:00-26:00", "9h-9h"])
def test_impossible_spans_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        read_day(text)


def test_words_follow_the_sites_hours_that_day() -> None:
    site = WeeklyHours.from_mapping(
        {"0": [["09:00", "12:30"], ["13:30", "17:30"]], "2": [["08:30", "14:00"]]}
    )
    assert word_hours(site, 0, "day") == [["09:00", "12:30"], ["13:30", "17:30"]]
    assert word_hours(site, 0, "morning") == [["09:00", "12:30"]]
    assert word_hours(site, 0, "afternoon") == [["13:30", "17:30"]]
    assert word_hours(site, 2, "morning") == [["08:30", "13:00"]]
    assert word_hours(site, 2, "afternoon") == [["13:00", "14:00"]]
    assert word_hours(site, 6, "day") == []  # closed on Sunday: nothing to work
