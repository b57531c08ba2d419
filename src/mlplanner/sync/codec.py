"""The text form of column values in change-set CSVs: exact, so every site reads back the same value.

- NULL is written `\\N` (as in PostgreSQL's and MySQL's text formats); a text value that starts with a
  backslash gets one more, so "" (empty text) and NULL stay distinct;
- booleans are `1`/`0`, dates `YYYY-MM-DD`, wall-clock times `YYYY-MM-DDTHH:MM:SS[.ffffff]`, instants ISO
  8601 in UTC with `+00:00`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
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


def _enc_str(v: Any) -> str:
    s = str(v)
    return "\\" + s if s.startswith("\\") else s


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
    return s[1:] if s.startswith("\\\\") else s


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
