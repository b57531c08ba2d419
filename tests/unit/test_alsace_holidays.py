"""Alsace-Moselle sites get Good Friday and 26 December, whichever code the site lead typed."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.domain.calendar_fr import holiday_name


@pytest.mark.parametrize("subdivision", ["57", "67", "68", "6AE"])
def test_alsace_moselle_extra_days(subdivision: str) -> None:
    assert holiday_name(date(2027, 3, 26), subdivision) is not None  # Vendredi saint
    assert holiday_name(date(2027, 12, 26), subdivision) is not None  # Saint-Étienne


def test_paris_has_neither() -> None:
    assert holiday_name(date(2027, 3, 26)) is None
    assert holiday_name(date(2027, 12, 26)) is None
