"""French public holidays, through the maintained `holidays` package (never Easter by hand).

Overseas departments and Alsace-Moselle have extra days; a site names its department or territory
("974" for La Réunion, "971" for Guadeloupe, "57" for Moselle, "67" for Bas-Rhin: see
`domain.territories`) and gets them. An unknown code raises: it is never replaced by the national
calendar.

`holidays` is imported on first use, not with this module: importing it costs ~55 ms, and the first
French calendar ~60 ms more, because `holidays.countries` imports all of its ~200 countries (version
0.109 offers no way to load France alone: `holidays.countries.france` and `country_holidays("FR")`
both go through that package). A process pays it when it first needs a holiday, not when it starts.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from mlplanner.domain.territories import holiday_subdivision

# `holidays` names its French holidays in these languages; the UI's English asks for "en_US"
NAME_LANGUAGES = {"fr": "fr", "en": "en_US"}


@lru_cache(maxsize=32)
def _calendar(code: str | None, year: int, language: str = "fr") -> dict[date, str]:
    import holidays  # here, not at the top: see the module docstring

    subdivision = holiday_subdivision(code)  # InputError for an unknown code
    return dict(holidays.country_holidays("FR", subdiv=subdivision, years=year, language=language))


def holiday_name(day: date, subdivision: str | None = None, language: str = "fr") -> str | None:
    """The holiday's name (French, or "en" for the English UI), or None on a working day."""
    return _calendar(subdivision or None, day.year, NAME_LANGUAGES.get(language, "fr")).get(day)


def is_public_holiday(day: date, subdivision: str | None = None) -> bool:
    return holiday_name(day, subdivision) is not None


def holidays_between(start: date, end: date, subdivision: str | None = None) -> dict[date, str]:
    out: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for d, name in _calendar(subdivision or None, year).items():
            if start <= d <= end:
                out[d] = name
    return out
