"""French public holidays, through the maintained `holidays` package (never Easter by hand).

Overseas departments and Alsace-Moselle have extra days; a site names its subdivision
(e.g. "RE" for La Réunion, "GP" for Guadeloupe, "57" for Moselle) and gets them.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _calendar(subdivision: str | None, year: int) -> dict[date, str]:
    kwargs = {"years": year, "language": "fr"}
    if subdivision:
        kwargs["subdiv"] = subdivision
    try:
        cal = holidays.country_holidays("FR", **kwargs)
    except NotImplementedError:  # unknown subdivision: national holidays only
        cal = holidays.country_holidays("FR", years=year, language="fr")
    return dict(cal)


def holiday_name(day: date, subdivision: str | None = None) -> str | None:
    """The holiday's French name, or None on a working day."""
    return _calendar(subdivision or None, day.year).get(day)


def is_public_holiday(day: date, subdivision: str | None = None) -> bool:
    return holiday_name(day, subdivision) is not None


def holidays_between(start: date, end: date, subdivision: str | None = None) -> dict[date, str]:
    out: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for d, name in _calendar(subdivision or None, year).items():
            if start <= d <= end:
                out[d] = name
    return out
