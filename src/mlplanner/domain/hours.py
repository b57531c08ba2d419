"""Weekly hours: a site's opening hours or a counsellor's working pattern.

Stored as JSON `{"0": [["09:00", "12:30"], ["13:30", "17:30"]], ...}` (0 = Monday). A lunch break is
simply the gap between two intervals. Missing weekdays are closed / not worked.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from mlplanner.domain.errors import InputError
from mlplanner.domain.intervals import Interval, intersect_all
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import parse_time


@dataclass(frozen=True)
class WeeklyHours:
    days: tuple[tuple[tuple[time, time], ...], ...]  # 7 entries, Monday first

    @staticmethod
    def from_mapping(data: Mapping[str, Iterable[Iterable[str]]] | None) -> WeeklyHours:
        days: list[tuple[tuple[time, time], ...]] = []
        data = data or {}
        for wd in range(7):
            spans = []
            for pair in data.get(str(wd), []) or []:
                start_s, end_s = list(pair)
                start, end = parse_time(start_s), parse_time(end_s)
                if end <= start:
                    raise InputError(
                        "bad_hours",
                        f"Horaires du {WEEKDAYS_FR[wd]} : la fin ({end_s}) doit suivre le début ({start_s}).",
                        weekday=wd,
                        start=start,
                        end=end,
                    )
                spans.append((start, end))
            spans.sort()
            for (_, a_end), (b_start, _) in itertools.pairwise(spans):
                if b_start < a_end:
                    raise InputError(
                        "bad_hours",
                        f"Horaires du {WEEKDAYS_FR[wd]} : deux plages se chevauchent.",
                        weekday=wd,
                    )
            days.append(tuple(spans))
        return WeeklyHours(tuple(days))

    @staticmethod
    @functools.lru_cache(maxsize=512)
    def from_json(text: str | None) -> WeeklyHours:
        """Read once per distinct text: a site's frame reads every counsellor's pattern at each day
        shown, and most share a handful of them (80 at network size; the value is immutable)."""
        try:
            return WeeklyHours.from_mapping(json.loads(text) if text else {})
        except (ValueError, TypeError) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError("bad_hours", "Horaires illisibles.") from exc

    def to_mapping(self) -> dict[str, list[list[str]]]:
        return {
            str(wd): [[f"{s:%H:%M}", f"{e:%H:%M}"] for s, e in spans]
            for wd, spans in enumerate(self.days)
            if spans
        }

    def to_json(self) -> str:
        return json.dumps(self.to_mapping(), sort_keys=True)

    def intervals_on(self, day: date) -> list[Interval]:
        return [
            Interval(datetime.combine(day, s), datetime.combine(day, e)) for s, e in self.days[day.weekday()]
        ]

    def contains(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) lies inside one interval of that day."""
        if start.date() != end.date() and end.time() != time(0):
            return False
        return any(iv.start <= start and end <= iv.end for iv in self.intervals_on(start.date()))

    def bounds(self) -> tuple[time, time] | None:
        """Earliest start and latest end across the week (for a day view's time axis)."""
        spans = [span for day in self.days for span in day]
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)

    def describe_fr(self) -> str:
        parts = []
        for wd, spans in enumerate(self.days):
            if spans:
                txt = ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in spans)
                parts.append(f"{WEEKDAYS_FR[wd]} {txt}")
        return " ; ".join(parts) or "aucun horaire"


def available_on(day: date, *patterns: WeeklyHours) -> list[Interval]:
    """Intervals of `day` inside every pattern (site hours ∩ counsellor pattern)."""
    return intersect_all([p.intervals_on(day) for p in patterns])


# --- one day's hours as people type them ------------------------------------------------------------
# A spreadsheet cell, a settings line: "09:00-12:30, 13:30-17:30", "9h-12h30 13h30-17h", "9h à 12h",
# a word meaning the site's hours ("journée", "matin", "après-midi"), or nothing (closed / not worked).
DAY_WORDS = {
    "journee": "day",
    "jour": "day",
    "oui": "day",
    "x": "day",
    "matin": "morning",
    "apres midi": "afternoon",
    "aprem": "afternoon",
}
OFF_WORDS = frozenset({"", "non", "repos", "off", "absent", "absente", "ferme", "ne travaille pas"})
NOON = time(13, 0)  # "matin" ends and "après-midi" starts here, within the site's own hours
# minutes stick to their "h" or ":" ("12h 14h" is two times, not 12:14)
_TIME_TEXT = r"[0-9]{1,2}(?:\s*[:hH][0-9]{0,2})?"  # ASCII digits only, as `parse_time` reads them
_SPAN = re.compile(rf"({_TIME_TEXT})\s*(?:-|–|à|a)\s*({_TIME_TEXT})")


def _key(text: str) -> str:
    return " ".join(re.split(r"[^0-9a-z]+", fold(text))).strip()


def _clock(text: str) -> str:
    """ "9h", "9h30", "09:00", "9" → "9:00", "9:30"... (what `parse_time` reads)."""
    t = re.sub(r"\s+", "", text).lower().replace("h", ":")
    if ":" not in t:
        t += ":00"
    if t.endswith(":"):
        t += "00"
    return t


def read_day(text: str) -> list[list[str]] | str | None:
    """One day typed by a person: `[[start, end], ...]` ("HH:MM"), a word of `DAY_WORDS` ("day",
    "morning", "afternoon": the site's hours decide), `[]` for not worked, or None if unreadable.
    Raises `InputError` for a span that ends before it starts or a time that does not exist."""
    key = _key(text)
    if not text.strip() or (key and key in OFF_WORDS):  # a lone "-" is no word: unreadable
        return []
    if key in DAY_WORDS:
        return DAY_WORDS[key]
    spans = _SPAN.findall(text)
    leftover = _SPAN.sub("", text)
    if not spans or re.sub(r"\s|,|;|/|\+|\bet\b", "", leftover):
        return None
    out = []
    for a, b in spans:
        start, end = parse_time(_clock(a)), parse_time(_clock(b))
        if end <= start:
            raise InputError("bad_day", f"la fin ({end:%H:%M}) doit suivre le début ({start:%H:%M}).")
        out.append([f"{start:%H:%M}", f"{end:%H:%M}"])
    return out


def word_hours(site_hours: WeeklyHours, weekday: int, word: str) -> list[list[str]]:
    """What a word means on that weekday: the site's hours ("day"), before 13:00 ("morning"), after."""
    spans = site_hours.days[weekday]
    if word == "morning":
        spans = tuple((a, min(b, NOON)) for a, b in spans if a < NOON)
    elif word == "afternoon":
        spans = tuple((max(a, NOON), b) for a, b in spans if b > NOON)
    return [[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in spans]
