"""Every field of an arriving change set checked before anything is written.

The codec already refuses a value that does not read back as its column's type. This adds what a
well-typed value may still get wrong, and what would otherwise stop the receiving site later (a day
view that cannot draw a status it does not know, opening hours that do not parse, a date the calendar
arithmetic overflows on, a stamp that drags the clock out of range...):

- stamps (`hlc`, `_base`) of exactly the stamp shape, written by the sending site, not further ahead
  of this PC's clock than `hlc.MAX_AHEAD_MS` (refused with its own code: the sender's clock is wrong);
- ids and references: 1–36 letters, digits and dashes;
- text: at most the column's length (a free-text column: `TEXT_MAX`), no control characters (line
  breaks only in free-text columns), no Unicode non-characters;
- closed vocabularies (statuses, modes, roles...) from the enums the services use;
- dates within 1900–2200, whole numbers within their bounds (`domain.limits`), colours `#RRGGBB`,
  opening hours and working patterns that parse, time zones that exist, recurrence rules that parse.

Checks run column by column (a month of a large site is a few hundred thousand fields).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Text

from mlplanner.domain import limits
from mlplanner.domain.enums import Mode, Programme, Referral, Role, RoomKind, Status
from mlplanner.domain.errors import InputError
from mlplanner.domain.hlc import MAX_AHEAD_MS, SITE_PART, BadStamp, Stamp
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.recurrence import parse_rule
from mlplanner.domain.wallclock import zone
from mlplanner.services.sync.schema import SyncedTable
from mlplanner.services.workshops.terms import Attendance, ReferralKind, RegistrationStatus, SessionStatus

# free-text columns have no length in the schema: typed text is bounded by `limits.FREE_TEXT_MAX`, and a
# row written by an older version is still received up to this length
TEXT_MAX = 100_000
YEARS = (limits.FIRST_YEAR, limits.LAST_YEAR)
_ID = re.compile(r"[0-9A-Za-z-]{1,36}")
_ACTOR_ID = re.compile(r"[0-9A-Za-z-]{0,36}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# control characters (C0 but tab and line breaks, DEL, C1), non-characters, lone surrogates
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
_YEAR = attrgetter("year")

ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("room", "kind"): frozenset(RoomKind),
    ("staff", "role"): frozenset(Role),
    ("youth", "programme"): frozenset(Programme),
    ("appointment_type", "mode"): frozenset(Mode),
    ("appointment", "mode"): frozenset(Mode),
    ("appointment", "status"): frozenset(Status),
    ("appointment", "referred_by"): frozenset({"", *Referral}),
    ("workshop_session", "status"): frozenset(SessionStatus),
    ("workshop_registration", "status"): frozenset(RegistrationStatus),
    ("workshop_registration", "referral"): frozenset(ReferralKind),
    ("workshop_registration", "attendance"): frozenset(Attendance),
}
# whole numbers: (minimum, maximum); columns not listed get GENERIC_INT
INT_BOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("room", "capacity"): limits.ROOM_CAPACITY,
    ("appointment_type", "duration_min"): limits.DURATION_MIN,
    ("appointment_type", "buffer_min"): limits.BUFFER_MIN,
    ("appointment", "buffer_min"): limits.BUFFER_MIN,
}
GENERIC_INT = (0, 1_000_000)


class Invalid(ValueError):
    """A field refused: which column, which row (0-based), why (French)."""

    def __init__(self, column: str, index: int, why: str, *, ahead_ms: int = 0) -> None:
        super().__init__(f"{column}: {why}")
        self.column, self.index, self.why, self.ahead_ms = column, index, why, ahead_ms


Check = Callable[[Sequence[Any]], None]  # raises Invalid


@dataclass(frozen=True)
class Context:
    table: str
    sender: str
    now_ms: int


def _first(values: Sequence[Any], bad: Callable[[Any], bool]) -> int | None:
    for i, v in enumerate(values):
        if v is not None and bad(v):
            return i
    return None


def _raise_if(column: str, values: Sequence[Any], bad: Callable[[Any], bool], why: str) -> None:
    i = _first(values, bad)
    if i is not None:
        raise Invalid(column, i, why)


def _present(values: Sequence[Any]) -> Sequence[Any]:
    return [v for v in values if v is not None] if None in values else values


def _text_check(column: str, max_len: int, multi_line: bool) -> Check:
    def check(values: Sequence[Any]) -> None:
        texts = _present(values)
        if not texts:
            return
        if max(map(len, texts)) > max_len:
            _raise_if(column, values, lambda v: len(v) > max_len, f"texte de plus de {max_len} caractères")
        # one character class searched over the whole column (joined without a separator: a line break
        # between fields would be found by the line-break check, and every field checked one by one)
        joined = "".join(texts)
        if joined.isprintable():  # every control, line break and non-character is unprintable
            return
        if _BAD_TEXT.search(joined):
            _raise_if(column, values, lambda v: bool(_BAD_TEXT.search(v)), "caractère de contrôle")
        if not multi_line and _LINE_BREAKS.search(joined):
            _raise_if(column, values, lambda v: bool(_LINE_BREAKS.search(v)), "retour à la ligne")

    return check


# the id patterns, checked on a whole column by string methods (each a C loop over the joined column)
_ID_LENGTHS = {_ID: (1, 36), _ACTOR_ID: (0, 36)}


def _ids_fine(texts: Sequence[Any], shortest: int, longest: int) -> bool:
    """Whether every value is ASCII letters, digits and hyphens, `shortest` to `longest` long (False: maybe
    not, check value by value)."""
    try:
        joined = "".join(texts)
    except TypeError:
        return False
    letters = joined.replace("-", "")
    return (
        joined.isascii()
        and (letters.isalnum() or not letters)
        and min(map(len, texts)) >= shortest
        and max(map(len, texts)) <= longest
    )


def _pattern_check(column: str, pattern: re.Pattern[str], why: str) -> Check:
    lengths = _ID_LENGTHS.get(pattern)

    def check(values: Sequence[Any]) -> None:
        present = _present(values)
        if not present or (lengths is not None and _ids_fine(present, *lengths)):
            return
        if all(map(pattern.fullmatch, present)):  # C-level: no Python code per field
            return
        _raise_if(column, values, lambda v: not pattern.fullmatch(v), why)

    return check


def _enum_check(column: str, allowed: frozenset[str]) -> Check:
    def check(values: Sequence[Any]) -> None:
        if not set(values) - allowed - {None}:
            return
        _raise_if(column, values, lambda v: v not in allowed, "valeur inconnue")

    return check


def _int_check(column: str, bounds: tuple[int, int]) -> Check:
    low, high = bounds

    def check(values: Sequence[Any]) -> None:
        present = _present(values)
        if not present or (low <= min(present) and max(present) <= high):
            return
        _raise_if(column, values, lambda v: not low <= v <= high, f"nombre hors de {low}–{high}")

    return check


def _year_check(column: str) -> Check:
    low, high = YEARS

    def year(v: date | datetime) -> int:
        return v.year

    def check(values: Sequence[Any]) -> None:
        years = list(map(_YEAR, _present(values)))  # C-level: no Python code per field
        if not years or (low <= min(years) and max(years) <= high):
            return
        _raise_if(column, values, lambda v: not low <= year(v) <= high, f"date hors des années {low}–{high}")

    return check


def _parses(column: str, parse: Callable[[Any], object], why: str) -> Check:
    def bad(v: Any) -> bool:
        try:
            parse(v)
        except Exception:  # any failure to read it back is a refusal, never an error of this site
            return True
        return False

    return lambda values: _raise_if(column, values, bad, why)


def _hours(text: str) -> None:
    data = json.loads(text) if text else {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(p, list) for p in v)
        for k, v in data.items()
    ):
        raise ValueError("shape")
    WeeklyHours.from_mapping(data)


def _zone(text: str) -> None:
    try:
        zone(text)
    except InputError as exc:
        raise ValueError(text) from exc


def _stamp_check(column: str, ctx: Context, *, optional: bool) -> Check:
    limit = ctx.now_ms + MAX_AHEAD_MS
    # the whole column at once: the stamp's shape (and, for `hlc`, the sender's code) in one C-level pass
    shape = re.compile(rf"\d{{15}}\.\d{{5}}\.{re.escape(ctx.sender) if column == 'hlc' else SITE_PART}")

    def fine(values: Sequence[Any]) -> bool:
        texts = [v for v in values if v != ""] if optional else values
        if not texts:
            return True
        try:
            if not all(map(shape.fullmatch, texts)):
                return False
        except TypeError:  # not text: one at a time
            return False
        top = max(texts)  # 15 ASCII digits first: text order is the order of the physical times
        return "".join(texts).isascii() and int(top[:15]) <= limit

    def check(values: Sequence[Any]) -> None:
        if fine(values):
            return
        for i, v in enumerate(values):
            if optional and v == "":
                continue
            try:
                stamp = Stamp.parse(v)
            except BadStamp:
                raise Invalid(column, i, "estampille mal formée") from None
            if column == "hlc" and stamp.site != ctx.sender:
                raise Invalid(column, i, "estampille d'un autre site")
            if stamp.physical_ms > limit:
                raise Invalid(column, i, "estampille dans le futur", ahead_ms=stamp.physical_ms - ctx.now_ms)

    return check


def column_checks(spec: SyncedTable, ctx: Context) -> dict[str, Check]:
    """The checks of each column of one synced table (computed per change set: they hold its clock)."""
    checks: dict[str, Check] = {}
    table = spec.table
    for cs in spec.specs:
        name, col = cs.name, table.c[cs.name]
        found: list[Check] = []
        if name == "hlc":
            found.append(_stamp_check(name, ctx, optional=False))
        elif name == "id" or col.foreign_keys:
            found.append(_pattern_check(name, _ID, "identifiant mal formé"))
        elif name.endswith("_by") and getattr(col.type, "length", None) == 36:  # an actor's id (or "")
            found.append(_pattern_check(name, _ACTOR_ID, "identifiant mal formé"))
        if cs.kind == "str":
            multi_line = isinstance(col.type, Text)
            length = getattr(col.type, "length", None)  # String(n) or SQLModel's AutoString(n)
            found.append(_text_check(name, min(length or TEXT_MAX, TEXT_MAX), multi_line))
            if (table.name, name) in ENUMS:
                found.append(_enum_check(name, ENUMS[(table.name, name)]))
            if name == "colour":
                found.append(_pattern_check(name, _COLOUR, "couleur mal formée"))
            if name in ("opening_hours", "working_pattern"):
                found.append(_parses(name, _hours, "horaires illisibles"))
            if name == "timezone":
                found.append(_parses(name, _zone, "fuseau horaire inconnu"))
        elif cs.kind == "int":
            found.append(_int_check(name, INT_BOUNDS.get((table.name, name), GENERIC_INT)))
        elif cs.kind in ("date", "datetime", "instant"):
            found.append(_year_check(name))
        if found:
            checks[name] = _all(found)
    return checks


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def run(values: Sequence[Any]) -> None:
        for c in checks:
            c(values)

    return run


def check_rows(
    spec: SyncedTable, ctx: Context, columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    """Raise Invalid for the first bad field of these decoded columns (`values[i]` holds `columns[i]`)."""
    checks = column_checks(spec, ctx)
    for name, col_values in zip(columns, values, strict=True):
        check = checks.get(name)
        if check is not None:
            check(col_values)
    if spec.name == "workshop_series" and "rrule" in columns and "first_start" in columns:
        rules = values[list(columns).index("rrule")]
        starts = values[list(columns).index("first_start")]
        for i, (rule, start) in enumerate(zip(rules, starts, strict=True)):
            if rule:
                try:
                    parse_rule(rule, start)
                except Exception:  # unreadable rule: refused, as any other bad field
                    raise Invalid("rrule", i, "règle de récurrence illisible") from None


def check_bases(bases: Sequence[str], ctx: Context) -> None:
    """The `_base` column: empty, or a stamp (of any site) not ahead of the clock bound."""
    _stamp_check("_base", ctx, optional=True)(bases)
