"""Weekly hours: a site's opening hours or a counsellor's working pattern.

Stored as JSON `{"0": [["09:00", "12:30"], ["13:30", "17:30"]], ...}` (0 = Monday). A lunch break is
simply the gap between two intervals. Missing weekdays are closed / not worked.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from mlplanner.domain.errors import InputError
from mlplanner.domain.intervals import Interval, intersect_all
from mlplanner.domain.labels import WEEKDAYS_FR
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
                    )
                spans.append((start, end))
            spans.sort()
            for (_, a_end), (b_start, _) in itertools.pairwise(spans):
                if b_start < a_end:
                    raise InputError(
                        "bad_hours", f"Horaires du {WEEKDAYS_FR[wd]} : deux plages se chevauchent."
                    )
            days.append(tuple(spans))
        return WeeklyHours(tuple(days))

    @staticmethod
    def from_json(text: str | None) -> WeeklyHours:
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
