"""Earlier-slot wishes ("plus tôt si possible"): when a young person can come, and whether a freed slot
suits them. Pure rules; the services store wishes and check the booking rules.

Availability is a `WeeklyHours` (the days and times the young person can come); an empty one means
"whenever the site is open". People say it in words: `parse_when("lun, mar matin; jeu 14:00-17:00")`.
"""

from __future__ import annotations

from datetime import date, datetime

from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import parse_time

ANYTIME = WeeklyHours.from_mapping({})
MORNING = ("00:00", "13:00")
AFTERNOON = ("13:00", "23:59")
_DAYS = {
    **{fold(name): i for i, name in enumerate(WEEKDAYS_FR)},
    **{fold(name)[:3]: i for i, name in enumerate(WEEKDAYS_FR)},
    "tous": -1,
    "tlj": -1,
}
_PARTS = {"matin": MORNING, "matins": MORNING, "apres-midi": AFTERNOON, "aprem": AFTERNOON, "journee": None}


def parse_when(text: str) -> WeeklyHours:
    """ "lun, mar matin ; jeu 14:00-17:00 ; ven" → those days and times (a day alone: all day).

    Groups are separated by ";" (or a new line); each names days (lundi or lun., "tous" for every day)
    then, optionally, "matin", "après-midi" or a time range. "" means whenever the site is open.
    """
    days: dict[str, list[list[str]]] = {}
    for group in (g.strip() for g in text.replace("\n", ";").split(";")):
        if not group:
            continue
        words = fold(group).replace(",", " ").replace("–", "-").split()
        which: list[int] = []
        spans: list[tuple[str, str] | None] = []
        for w in words:
            w = w.rstrip(".")
            if w in _DAYS:
                which += list(range(7)) if _DAYS[w] < 0 else [_DAYS[w]]
            elif w in _PARTS:
                spans.append(_PARTS[w])
            elif "-" in w and w.count("-") == 1 and w[0].isdigit():
                start, end = w.split("-")
                try:
                    t0, t1 = parse_time(start), parse_time(end)
                except InputError:
                    raise InputError("bad_when", f"Horaire illisible : « {w} » (ex. 14:00-17:00).") from None
                if t1 <= t0:
                    raise InputError("bad_when", f"« {w} » : la fin doit suivre le début.")
                spans.append((f"{t0:%H:%M}", f"{t1:%H:%M}"))
            else:
                raise InputError(
                    "bad_when",
                    f"« {w} » n'est ni un jour (lundi, lun…), ni « matin », « après-midi » ou un horaire "
                    "comme 14:00-17:00.",
                )
        if not which:
            raise InputError("bad_when", f"« {group} » : indiquez au moins un jour (ex. « mar matin »).")
        ranges = [s for s in spans if s is not None] or [("00:00", "23:59")]
        for d in which:
            days.setdefault(str(d), [])
            for r in ranges:
                if list(r) not in days[str(d)]:
                    days[str(d)].append(list(r))
    return WeeklyHours.from_mapping(_merged(days))


def _merged(days: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """Overlapping ranges of a day joined (so that "lun matin; lun 10:00-15:00" is one range)."""
    out: dict[str, list[list[str]]] = {}
    for d, ranges in days.items():
        merged: list[list[str]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out[d] = merged
    return out


def is_anytime(when: WeeklyHours) -> bool:
    return not any(when.days)


def suits(when: WeeklyHours, start: datetime, end: datetime) -> bool:
    """Whether a slot lies within the young person's availability (anytime when none was given)."""
    return is_anytime(when) or when.contains(start, end)


def describe_fr(when: WeeklyHours) -> str:
    if is_anytime(when):
        return "n'importe quand"
    parts = []
    for wd, spans in enumerate(when.days):
        if not spans:
            continue
        texts = []
        for s, e in spans:
            if (f"{s:%H:%M}", f"{e:%H:%M}") == MORNING:
                texts.append("matin")
            elif (f"{s:%H:%M}", f"{e:%H:%M}") == AFTERNOON:
                texts.append("après-midi")
            elif (f"{s:%H:%M}", f"{e:%H:%M}") == ("00:00", "23:59"):
                texts.append("toute la journée")
            else:
                texts.append(f"{s:%H:%M}–{e:%H:%M}")
        parts.append(f"{WEEKDAYS_FR[wd]} {', '.join(texts)}")
    return " ; ".join(parts)


def expired(appointment_start: datetime, today: date) -> bool:
    """A wish ends on the day of the appointment it wants to bring forward."""
    return appointment_start.date() <= today


def slot_key(start: datetime, counsellor_id: str) -> str:
    """How a declined slot is remembered on a wish (never proposed to that young person again)."""
    return f"{start:%Y-%m-%dT%H:%M}|{counsellor_id}"
