"""The text form of column values in change-set CSVs: exact, so every site reads back the same value.

- NULL is written `\\N` (as in PostgreSQL's and MySQL's text formats); a text value that starts with a
  backslash gets one more, so "" (empty text) and NULL stay distinct;
- a text value that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab
  or a carriage return) gets a backslash too: a change set opened in a spreadsheet shows
  `\\=HYPERLINK(...)` as text instead of a live link (change sets written before read back the same);
- booleans are `1`/`0`, dates `YYYY-MM-DD`, wall-clock times `YYYY-MM-DDTHH:MM:SS[.ffffff]`, instants ISO
  8601 in UTC with `+00:00`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import repeat
from operator import attrgetter
from typing import Any, Literal

NULL = "\\N"
Kind = Literal["str", "int", "bool", "date", "datetime", "instant"]
KINDS: tuple[str, ...] = ("str", "int", "bool", "date", "datetime", "instant")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: Kind
    nullable: bool = False


class BadValue(ValueError):
    """A field that cannot be read back as its column's type."""


# first characters that get a backslash: the escape itself, and what starts a spreadsheet formula
ESCAPED_FIRST = frozenset("\\=+-@\t\r")
_TZINFO = attrgetter("tzinfo")
_ESCAPED_PREFIXES = tuple(ESCAPED_FIRST)
_BOOL_TEXT = {0: "0", 1: "1"}  # also False and True (equal keys)


def _enc_str(v: Any) -> str:
    s = str(v)
    return "\\" + s if s[:1] in ESCAPED_FIRST else s


def _enc_instant(v: datetime) -> str:
    if v.tzinfo is None:
        v = v.replace(tzinfo=UTC)  # stored instants are UTC; a naive one read back from SQLite is UTC
    return v.astimezone(UTC).isoformat()


_ENCODERS: dict[str, Callable[[Any], str]] = {
    "str": _enc_str,
    "int": lambda v: str(int(v)),
    "bool": lambda v: "1" if v else "0",
    "date": lambda v: v.isoformat(),
    "datetime": lambda v: v.replace(tzinfo=None).isoformat(),
    "instant": _enc_instant,
}


def _dec_str(s: str) -> str:
    return s[1:] if s[:1] == "\\" and s[1:2] in ESCAPED_FIRST else s


def _dec_bool(s: str) -> bool:
    if s == "1":
        return True
    if s == "0":
        return False
    raise BadValue(s)


def _dec_instant(s: str) -> datetime:
    v = datetime.fromisoformat(s)
    if v.tzinfo is None:
        raise BadValue(s)
    return v.astimezone(UTC)


def _dec_datetime(s: str) -> datetime:
    v = datetime.fromisoformat(s)
    if v.tzinfo is not None:
        raise BadValue(s)
    return v


_DECODERS: dict[str, Callable[[str], Any]] = {
    "str": _dec_str,
    "int": int,
    "bool": _dec_bool,
    "date": date.fromisoformat,
    "datetime": _dec_datetime,
    "instant": _dec_instant,
}


def encode(value: Any, kind: str) -> str:
    if value is None:
        return NULL
    return _ENCODERS[kind](value)


def encoder_for(spec: ColumnSpec) -> Callable[[Any], str]:
    enc = _ENCODERS[spec.kind]
    return lambda v: NULL if v is None else enc(v)


def decoder_for(spec: ColumnSpec) -> Callable[[str], Any]:
    """A fast decoder for one column; raises BadValue for a field of the wrong shape."""
    dec = _DECODERS[spec.kind]
    nullable, name = spec.nullable, spec.name

    def decode(text: str) -> Any:
        if text == NULL:
            if not nullable:
                raise BadValue(f"{name}: NULL")
            return None
        try:
            return dec(text)
        except (ValueError, TypeError) as exc:
            raise BadValue(f"{name}: {text[:40]!r}") from exc

    return decode


def decode(text: str, spec: ColumnSpec) -> Any:
    return decoder_for(spec)(text)


# --- whole columns at once (sync moves tens of thousands of rows: no call per value) -------------------


def once_each(convert: Callable[[Sequence[Any]], list[Any]], values: Sequence[Any]) -> list[Any]:
    """`convert(values)`, computed once per distinct value when values repeat (a month's 18,000
    appointments start at a thousand different times), looked up at C speed. `convert` must give equal
    values the same result (datetimes to text: `isoformat` takes 7,000 instructions a value)."""
    distinct = list(set(values))
    if 2 * len(distinct) > len(values):
        return convert(values)
    return list(map(dict(zip(distinct, convert(distinct), strict=True)).__getitem__, values))


def _iso_texts(values: Sequence[datetime]) -> list[str]:
    return list(map(datetime.isoformat, values))


def _utc_iso_texts(values: Sequence[datetime]) -> list[str]:
    return list(map(str.__add__, map(datetime.isoformat, values), repeat("+00:00")))


def encode_column(values: Sequence[Any], spec: ColumnSpec) -> list[str]:
    """`[encode(v, spec.kind) for v in values]`, faster: the same text, one comprehension per kind."""
    kind = spec.kind
    if kind == "str":
        if (
            None not in values
            and set(map(type, values)) == {str}
            and not any(map(str.startswith, values, repeat(_ESCAPED_PREFIXES)))
        ):
            return list(values)  # text that needs no backslash is its own form (C-level checks)
        present = [v for v in values if v is not None]
        if set(map(type, present)) <= {str} and not any(
            map(str.startswith, present, repeat(_ESCAPED_PREFIXES))
        ):
            return [NULL if v is None else v for v in values]
        first = ESCAPED_FIRST
        return [
            NULL
            if v is None
            else ("\\" + s if (s := v if v.__class__ is str else str(v))[:1] in first else s)
            for v in values
        ]
    if kind == "bool":
        if set(map(type, values)) <= {bool, int} and set(values) <= {0, 1}:  # False == 0, True == 1
            return list(map(_BOOL_TEXT.__getitem__, values))
        return [NULL if v is None else "1" if v else "0" for v in values]
    if kind == "int" and set(map(type, values)) == {int}:
        return list(map(str, values))  # str(int(v)) of an int is str(v)
    if kind == "datetime":
        if None not in values and set(map(_TZINFO, values)) == {None}:
            return once_each(_iso_texts, values)
        return [
            NULL if v is None else v.isoformat() if v.tzinfo is None else _ENCODERS["datetime"](v)
            for v in values
        ]
    if kind == "instant":
        if None not in values and set(map(_TZINFO, values)) == {None}:  # naive: UTC, as stored
            return once_each(_utc_iso_texts, values)
        return [
            NULL
            if v is None
            else v.isoformat()
            if v.tzinfo is UTC
            else v.isoformat() + "+00:00"  # naive: UTC, as stored
            if v.tzinfo is None
            else _enc_instant(v)
            for v in values
        ]
    enc = _ENCODERS[kind]
    return [NULL if v is None else enc(v) for v in values]


def decode_column(texts: Sequence[str], spec: ColumnSpec) -> list[Any]:
    """`[decoder_for(spec)(t) for t in texts]`, faster when every field is well formed (the usual case);
    otherwise the field-by-field decoder finds the bad one and raises BadValue.

    Columns without NULL are converted by C-level `map` (no Python code per field), after checks on the
    whole column that prove the result is the same: text with no backslash at all is its own value, a
    column of "0"/"1" is its booleans, UTC instants are their own `astimezone(UTC)`."""
    has_null = NULL in texts
    if has_null and not spec.nullable:
        raise BadValue(f"{spec.name}: NULL")
    try:
        kind = spec.kind
        if kind == "str":
            backslashes = "".join(texts).count("\\")
            if not backslashes:
                return list(texts)
            if backslashes == texts.count(NULL):  # every backslash is a NULL field's
                return [None if t == NULL else t for t in texts]
            first = ESCAPED_FIRST
            return [None if t == NULL else t[1:] if t[:1] == "\\" and t[1:2] in first else t for t in texts]
        if kind == "datetime":
            if has_null:
                values = [None if t == NULL else datetime.fromisoformat(t) for t in texts]
            else:
                values = list(map(datetime.fromisoformat, texts))
            present = [v for v in values if v is not None] if has_null else values
            if set(map(_TZINFO, present)) - {None}:
                raise ValueError("aware")
            return values
        if kind == "instant":
            if not has_null:
                values = list(map(datetime.fromisoformat, texts))
                if set(map(_TZINFO, values)) == {UTC}:
                    return values  # already what `_dec_instant` returns (astimezone(UTC) is the value)
            return [None if t == NULL else _dec_instant(t) for t in texts]
        if kind == "bool" and not has_null and set(texts) <= {"0", "1"}:
            return list(map("1".__eq__, texts))
        dec = _DECODERS[kind]
        if not has_null and kind in ("int", "date"):
            return list(map(dec, texts))
        return [None if t == NULL else dec(t) for t in texts]
    except (ValueError, TypeError):
        decode = decoder_for(spec)
        return [decode(t) for t in texts]  # raises BadValue naming the field
