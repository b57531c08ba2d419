"""Recurrence of workshop sessions: RFC 5545 rules read by dateutil, expanded on wall-clock times.

Why wall clock: a weekly 10:00 workshop must stay at 10:00 local time across the DST change. Rules are
expanded on *naive* datetimes (local time at the site), so dateutil never adds or removes an hour.

A rule is stored as its RRULE text only (no DTSTART line); the series keeps its first start apart.
A series must be bounded (COUNT or UNTIL), has at most `MAX_OCCURRENCES` dates and at most one session
a day (sessions are identified by their original date in series edits).

Dates that fall on a public holiday, a site closure, a day the site does not open, outside its opening
hours or on a time skipped by the spring DST change are set aside with a French reason (`Skipped`);
clashes are added by the services, which see the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice

from dateutil.rrule import rrule, rrulestr

from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.wallclock import exists_locally, format_date_fr, zone

MAX_OCCURRENCES = 200
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UNTIL_UTC = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


@dataclass(frozen=True)
class Skipped:
    """A date of the rule that gets no session, and why (reason code + French sentence)."""

    start: datetime
    code: str  # "holiday" | "closure" | "closed_day" | "dst_gap" | "outside_hours" | "clash"
    reason: str


@dataclass(frozen=True)
class Expansion:
    """What a rule gives from a first start: the dates kept and the dates set aside."""

    starts: tuple[datetime, ...]
    skipped: tuple[Skipped, ...]


# --- reading a rule -------------------------------------------------------------------------------


def normalize_rule(text: str, tz: str | None = None) -> str:
    """Upper-case RRULE text without the "RRULE:" prefix; a UTC UNTIL becomes local wall-clock time."""
    rule = (text or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:].strip()
    if not rule:
        raise InputError("empty_rule", "Indiquez une règle de récurrence (par exemple FREQ=WEEKLY;COUNT=10).")
    if "\n" in rule or "DTSTART" in rule.upper():
        raise InputError(
            "rule_with_start",
            "La règle ne doit pas contenir DTSTART : la date de la première séance se donne à part.",
        )
    rule = rule.upper().rstrip(";")

    def _local_until(m: re.Match[str]) -> str:
        instant = datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        local = instant.astimezone(zone(tz)) if tz else instant
        return f"UNTIL={local:%Y%m%dT%H%M%S}"

    return _UNTIL_UTC.sub(_local_until, rule)


def parse_rule(text: str, dtstart: datetime, tz: str | None = None) -> rrule:
    """The dateutil rule for `text` starting at `dtstart` (naive wall clock). Bounded rules only."""
    if dtstart.tzinfo is not None:
        raise ValueError("dtstart must be a naive wall-clock datetime")
    rule_text = normalize_rule(text, tz)
    parts = rule_parts(rule_text)
    if "FREQ" not in parts:
        raise InputError("bad_rule", f"Règle de récurrence illisible : « {text} » (FREQ manquant).")
    if parts["FREQ"] in ("SECONDLY", "MINUTELY", "HOURLY"):
        raise InputError(
            "bad_rule", "Un atelier se répète au plus une fois par jour (FREQ=DAILY au minimum)."
        )
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise InputError(
            "unbounded_rule",
            "La règle doit s'arrêter : ajoutez un nombre de séances (COUNT=…) ou une date de fin (UNTIL=…).",
        )
    try:
        rule = rrulestr(rule_text, dtstart=dtstart)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise InputError("bad_rule", f"Règle de récurrence illisible : « {text} » ({exc}).") from exc
    if not isinstance(rule, rrule):  # pragma: no cover - rrulestr gives an rruleset only for multi-line
        raise InputError("bad_rule", f"Règle de récurrence illisible : « {text} ».")
    return rule


def rule_parts(rule_text: str) -> dict[str, str]:
    """`FREQ=WEEKLY;BYDAY=TU,TH` → {"FREQ": "WEEKLY", "BYDAY": "TU,TH"} (no validation)."""
    parts: dict[str, str] = {}
    for chunk in normalize_rule(rule_text).split(";"):
        if "=" in chunk:
            k, v = chunk.split("=", 1)
            parts[k.strip()] = v.strip()
    return parts


def occurrences(text: str, dtstart: datetime, tz: str | None = None) -> list[datetime]:
    """Every start of the rule (before any holiday skipping). Refuses empty, huge or twice-a-day rules."""
    rule = parse_rule(text, dtstart, tz)
    starts = list(islice(iter(rule), MAX_OCCURRENCES + 1))
    if not starts:
        raise InputError(
            "no_date",
            f"La règle « {normalize_rule(text)} » ne produit aucune date à partir du "
            f"{format_date_fr(dtstart.date())} : vérifiez la date de fin et les jours choisis.",
        )
    if len(starts) > MAX_OCCURRENCES:
        raise InputError(
            "too_many_dates", f"Une série compte au plus {MAX_OCCURRENCES} séances : réduisez COUNT ou UNTIL."
        )
    days = [s.date() for s in starts]
    if len(set(days)) != len(days):
        raise InputError("twice_a_day", "Une série compte au plus une séance par jour.")
    return starts


# --- setting dates aside ---------------------------------------------------------------------------


def skip_reason(
    start: datetime,
    *,
    holidays: Mapping[date, str],
    closures: Iterable[tuple[date, date, str]],
    tz: str,
    hours: WeeklyHours | None = None,
    end: datetime | None = None,
) -> Skipped | None:
    """Why no session can take place at `start` on the site's calendar (None if it can).

    With the site's weekly `hours`: a day the site does not open (a Saturday, a Sunday) is set aside,
    and so is a session (`start` to `end`) outside that day's opening span, first opening to last
    closing (a workshop may run over the lunch break, not at 02:30 or after closing).
    """
    day = start.date()
    label = f"{WEEKDAYS_FR[day.weekday()]} {format_date_fr(day)}"
    if day in holidays:
        return Skipped(start, "holiday", f"{label} : jour férié ({holidays[day]})")
    for first, last, reason in closures:
        if first <= day <= last:
            why = f" ({reason})" if reason else ""
            return Skipped(start, "closure", f"{label} : site fermé{why}")
    spans = hours.days[day.weekday()] if hours is not None else ()
    if hours is not None and not spans:
        return Skipped(start, "closed_day", f"{label} : le site est fermé le {WEEKDAYS_FR[day.weekday()]}")
    if not exists_locally(start, tz):
        return Skipped(start, "dst_gap", f"{label} : {start:%H:%M} n'existe pas (passage à l'heure d'été)")
    if spans:
        opens, closes = min(s for s, _ in spans), max(e for _, e in spans)
        finish = end or start
        if start.time() < opens or finish.date() != day or finish.time() > closes:
            opening = ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in spans)
            return Skipped(
                start,
                "outside_hours",
                f"{label} : {start:%H:%M}–{finish:%H:%M} en dehors des horaires d'ouverture ({opening})",
            )
    return None


def expand(
    text: str,
    dtstart: datetime,
    *,
    tz: str,
    holidays: Mapping[date, str],
    closures: Sequence[tuple[date, date, str]] = (),
) -> Expansion:
    """The dates of a rule, split into kept starts and dates set aside (holiday, closure, DST gap)."""
    kept: list[datetime] = []
    skipped: list[Skipped] = []
    for start in occurrences(text, dtstart, tz):
        why = skip_reason(start, holidays=holidays, closures=closures, tz=tz)
        if why is None:
            kept.append(start)
        else:
            skipped.append(why)
    return Expansion(tuple(kept), tuple(skipped))


# --- editing a rule ----------------------------------------------------------------------------------


def format_rule(parts: Mapping[str, str]) -> str:
    """Parts back to text, FREQ first, in RFC 5545's usual order."""
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "COUNT", "UNTIL", "WKST"]
    keys = [k for k in order if k in parts] + sorted(k for k in parts if k not in order)
    return ";".join(f"{k}={parts[k]}" for k in keys)


def rule_until(text: str, last: datetime) -> str:
    """The same rule stopped at `last` (inclusive): COUNT is replaced by UNTIL."""
    parts = rule_parts(text)
    parts.pop("COUNT", None)
    parts["UNTIL"] = f"{last:%Y%m%dT%H%M%S}"
    return format_rule(parts)


def build_rule(
    *,
    freq: str,
    interval: int = 1,
    weekdays: Sequence[int] = (),
    nth: int | None = None,
    count: int | None = None,
    until: date | None = None,
) -> str:
    """A rule from the series dialog's choices. `nth` with MONTHLY: "the nth weekday of the month"."""
    freq = freq.upper()
    if freq not in ("DAILY", "WEEKLY", "MONTHLY"):
        raise InputError("bad_rule", "Fréquence possible : tous les jours, chaque semaine ou chaque mois.")
    parts: dict[str, str] = {"FREQ": freq}
    if interval > 1:
        parts["INTERVAL"] = str(interval)
    if weekdays:
        codes = [WEEKDAY_CODES[d] for d in sorted(set(weekdays))]
        if freq == "MONTHLY" and nth:
            codes = [f"{nth}{c}" for c in codes]
        parts["BYDAY"] = ",".join(codes)
    if count is not None:
        if count < 1:
            raise InputError("no_date", "Le nombre de séances doit être d'au moins 1.")
        parts["COUNT"] = str(count)
    elif until is not None:
        parts["UNTIL"] = f"{until:%Y%m%d}T235959"
    return format_rule(parts)


# --- French description --------------------------------------------------------------------------------

_NTH_FR = {1: "1er", 2: "2e", 3: "3e", 4: "4e", 5: "5e", -1: "dernier"}


def _join_fr(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def describe_rule(text: str) -> str:
    """ "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10" → "chaque semaine le mardi et le jeudi, 10 séances".

    Shown while the user types a rule: an unreadable value (COUNT=abc, UNTIL=31/12/2027) gives the text
    back as typed; `parse_rule` says what is wrong."""
    try:
        return _describe_rule(text)
    except ValueError:
        return text


def _describe_rule(text: str) -> str:
    try:
        parts = rule_parts(text)
    except InputError:
        return text
    interval = int(parts.get("INTERVAL", "1") or 1)
    freq = parts.get("FREQ", "")
    days: list[str] = []
    for code in filter(None, parts.get("BYDAY", "").split(",")):
        m = re.fullmatch(r"([+-]?\d+)?([A-Z]{2})", code)
        if not m or m.group(2) not in WEEKDAY_CODES:
            return text
        name = WEEKDAYS_FR[WEEKDAY_CODES.index(m.group(2))]
        days.append(f"le {_NTH_FR.get(int(m.group(1)), m.group(1) + 'e')} {name}" if m.group(1) else name)
    if freq == "DAILY":
        out = "tous les jours" if interval == 1 else f"tous les {interval} jours"
        if days:
            out += " (" + _join_fr(days) + ")"
    elif freq == "WEEKLY":
        out = "chaque semaine" if interval == 1 else f"toutes les {interval} semaines"
        if days:
            out += " " + _join_fr([d if d.startswith("le ") else f"le {d}" for d in days])
    elif freq == "MONTHLY":
        out = "chaque mois" if interval == 1 else f"tous les {interval} mois"
        if days:
            out += ", " + _join_fr(days)
    else:
        out = text
    if "COUNT" in parts:
        n = int(parts["COUNT"])
        out += f", {n} séance{'s' if n > 1 else ''}"
    elif "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        out += f", jusqu'au {format_date_fr(until)}"
    return out


def shift(starts: Iterable[datetime], delta: timedelta) -> list[datetime]:
    return [s + delta for s in starts]
