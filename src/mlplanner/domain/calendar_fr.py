"""French public holidays, through the maintained `holidays` package (never Easter by hand).

Overseas departments and Alsace-Moselle have extra days; a site names its department or territory
("974" for La Réunion, "971" for Guadeloupe, "57" for Moselle, "67" for Bas-Rhin: see
`domain.territories`) and gets them. An unknown code raises: it is never replaced by the national
calendar.

`holidays` is imported on first use, not with this module: importing it costs ~55 ms, and the first
French calendar ~60 ms more, because `holidays.countries` imports all of its ~200 countries (version
0.109 offers no way to load France alone: `holidays.countries.france` and `country_holidays("FR")`
both go through that package). A process pays it when it first needs a holiday, not when it starts;
and the app computes a year's calendar once per version of the package: it keeps what a run computed
(`computed`) and gives it to the next run (`give`, see `mlplanner.calendar_cache`), which then does not
import the package at all to show its day (issue 19: ~0.15 s of a cold start).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from mlplanner.domain.territories import holiday_subdivision

# `holidays` names its French holidays in these languages; the UI's English asks for "en_US"
NAME_LANGUAGES = {"fr": "fr", "en": "en_US"}

# (territory code, year, language) → the holidays of that year: computed here or given
CalendarKey = tuple[str | None, int, str]
_calendars: dict[CalendarKey, dict[date, str]] = {}
_computed: set[CalendarKey] = set()


def _calendar(code: str | None, year: int, language: str = "fr") -> dict[date, str]:
    key = (code, year, language)
    found = _calendars.get(key)
    if found is None:
        import holidays  # here, not at the top: see the module docstring

        subdivision = holiday_subdivision(code)  # InputError for an unknown code
        found = dict(holidays.country_holidays("FR", subdiv=subdivision, years=year, language=language))
        _calendars[key] = found
        _computed.add(key)
    return found


def computed() -> dict[CalendarKey, dict[date, str]]:
    """The calendars this process computed with the `holidays` package (not those it was given)."""
    return {key: dict(_calendars[key]) for key in list(_computed)}


def give(calendars: Mapping[CalendarKey, Mapping[date, str]]) -> None:
    """Calendars the `holidays` package computed in an earlier run of the same version, used as if
    computed here (a key already known keeps its days); an unknown territory code raises InputError."""
    for code, _year, _language in calendars:  # all checked before any is used
        holiday_subdivision(code)
    for key, days in calendars.items():
        _calendars.setdefault(key, dict(days))


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
