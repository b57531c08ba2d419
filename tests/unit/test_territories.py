"""Every French department and overseas territory, its zone and its holiday calendar; codes checked exactly."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.domain.errors import InputError
from mlplanner.domain.territories import (
    BY_CODE,
    TERRITORIES,
    TIME_ZONES,
    check_holiday_code,
    check_timezone,
    default_zone,
    holiday_label,
    holiday_subdivision,
)


def test_every_department_and_territory_is_listed_once() -> None:
    codes = [t.code for t in TERRITORIES]
    assert len(codes) == len(set(codes)) == 96 + 12  # 01-95 with 2A/2B (no 20), 5 DROM + 7 COM
    assert {"2A", "2B", "57", "67", "68", "75", "971", "972", "973", "974", "976"} <= set(codes)
    assert "20" not in codes


def test_every_zone_exists_and_every_territory_has_one_of_them() -> None:
    zones = {z for z, _label in TIME_ZONES}
    for zone in zones:
        ZoneInfo(zone)
    assert {t.timezone for t in TERRITORIES} <= zones
    assert default_zone("974") == "Indian/Reunion" and default_zone("75") == "Europe/Paris"


def test_every_calendar_is_one_the_holidays_package_knows() -> None:
    for t in TERRITORIES:
        holiday_name(date(2027, 1, 1), t.code)  # raises for an unknown subdivision


@pytest.mark.parametrize(
    ("code", "day", "name"),
    [
        ("974", date(2027, 12, 20), "Abolition de l'esclavage"),
        ("971", date(2027, 5, 27), "Abolition de l'esclavage"),
        ("67", date(2027, 3, 26), "Vendredi saint"),
        ("57", date(2027, 12, 26), "Saint-Étienne"),
        ("75", date(2027, 7, 14), "Fête nationale"),
    ],
)
def test_the_territorys_own_days(code: str, day: date, name: str) -> None:
    assert holiday_name(day, code) == name


def test_paris_has_no_overseas_or_alsace_day() -> None:
    assert holiday_name(date(2027, 12, 20), "75") is None
    assert holiday_name(date(2027, 3, 26), "75") is None


@pytest.mark.parametrize("code", ["2a", "re", "RE", "FR", "99", "", " 75", "6AE"])
def test_holiday_codes_are_checked_exactly(code: str) -> None:
    with pytest.raises(InputError):
        check_holiday_code(code)


@pytest.mark.parametrize("zone", ["indian/reunion", "Europe/London", "UTC", "", "Europe/Paris "])
def test_zones_are_checked_exactly(zone: str) -> None:
    with pytest.raises(InputError):
        check_timezone(zone)


def test_codes_of_older_files_are_still_read_but_an_unknown_one_raises() -> None:
    assert holiday_subdivision("RE") == "RE" and holiday_subdivision(None) is None
    assert holiday_name(date(2027, 12, 20), "RE") is not None
    with pytest.raises(InputError):
        holiday_name(date(2027, 12, 20), "XX")  # never silently the national calendar
    assert (
        holiday_label(None) == "France (calendrier national)" and holiday_label("974") == "974 — La Réunion"
    )
    assert BY_CODE["988"].name == "Nouvelle-Calédonie"


def test_alsace_moselle_is_named_in_its_departments_labels() -> None:
    """A site lead typing "alsace" in the wizard's list finds the three departments with its days."""
    found = {t.code for t in TERRITORIES if "alsace" in t.label.lower()}
    assert found == {"57", "67", "68"}
