"""Column-at-a-time conversions (sync's fast paths) give exactly what the value-at-a-time ones give."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from mlplanner.services.sync.bulk import bind_processors, process_columns, read_processors
from mlplanner.services.sync.schema import by_name
from mlplanner.storage.undo_journal import _pairs_json
from mlplanner.sync.codec import BadValue, ColumnSpec, decode_column, decoder_for, encode, encode_column

PARIS = timezone(timedelta(hours=2))
VALUES = {
    "str": ["", "a", "\\N", "\\", "\\\\x", 'é;"x"\n', None],
    "int": [0, -3, 120, None],
    "bool": [True, False, None],
    "date": [date(2027, 3, 1), date(5, 1, 2), None],
    "datetime": [datetime(2027, 3, 1, 8), datetime(2027, 3, 1, 8, 0, 0, 5), None],
    "instant": [datetime(2027, 3, 1, 8, tzinfo=UTC), datetime(2027, 3, 1, 10, 0, 1, 7, tzinfo=PARIS), None],
}


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_encode_and_decode_columns_match_one_value_at_a_time(kind: str) -> None:
    spec = ColumnSpec("c", kind, nullable=True)  # type: ignore[arg-type]
    texts = encode_column(VALUES[kind], spec)
    assert texts == [encode(v, kind) for v in VALUES[kind]]
    repeated = VALUES[kind][:-1] * 5  # values that repeat are converted once each
    assert encode_column(repeated, spec) == [encode(v, kind) for v in repeated]
    if kind == "instant":
        naive = [datetime(2027, 3, 1, 8), datetime(2027, 3, 1, 8, 0, 0, 5)] * 5
        assert encode_column(naive, spec) == [encode(v.replace(tzinfo=UTC), kind) for v in naive]
    one = decoder_for(spec)
    assert decode_column(texts, spec) == [one(t) for t in texts]
    if kind == "instant":  # a naive instant read back from SQLite is UTC, as for SQLAlchemy
        assert encode_column([datetime(2027, 3, 1, 8)], spec) == [encode(VALUES[kind][0], kind)]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("str", "\\N"),
        ("int", "x"),
        ("bool", "2"),
        ("date", "2027-13-01"),
        ("datetime", "2027-03-01T08:00:00+00:00"),
        ("instant", "2027-03-01T08:00:00"),
    ],
)
def test_a_bad_field_is_named_as_one_value_at_a_time(kind: str, text: str) -> None:
    spec = ColumnSpec("champ", kind)  # type: ignore[arg-type]
    with pytest.raises(BadValue) as one:
        decoder_for(spec)(text)
    with pytest.raises(BadValue) as column:
        decode_column(["\\\\ok" if kind == "str" else encode(VALUES[kind][0], kind), text], spec)
    assert str(column.value) == str(one.value)


@pytest.mark.parametrize("table", ["appointment", "youth", "absence"])
def test_fast_sqlite_conversions_store_and_read_what_sqlalchemy_does(table: str) -> None:
    dialect = sqlite.dialect()
    spec = by_name()[table]
    for col, fast in zip(spec.specs, bind_processors(dialect, spec.table, spec.specs), strict=True):
        slow = spec.table.c[col.name].type.dialect_impl(dialect).bind_processor(dialect)
        for value in VALUES[col.kind][:-1]:
            if col.kind in ("datetime", "instant"):
                assert fast is not slow, f"{table}.{col.name}: no fast path"
            stored = fast(value) if fast else value
            assert stored == (slow(value) if slow else value), f"{table}.{col.name}"
            reader = read_processors(dialect, spec.table, [col])[0]
            exact = spec.table.c[col.name].type.dialect_impl(dialect).result_processor(dialect, None)
            as_read = reader(stored) if reader else stored
            as_sqlalchemy = exact(stored) if exact else stored
            assert encode_column([as_read], col) == encode_column([as_sqlalchemy], col), f"{table}.{col.name}"


@pytest.mark.parametrize(
    "dialect", [sqlite.dialect(), postgresql.psycopg.dialect()], ids=["sqlite", "postgresql"]
)
@pytest.mark.parametrize("table", ["appointment", "youth", "absence"])
def test_column_wise_conversions_bind_what_sqlalchemy_binds(dialect: Dialect, table: str) -> None:
    """A whole column converted at once (booleans, dates, datetimes) gives SQLAlchemy's values, of its
    types (a boolean stored as 1 on SQLite, as True on the server), with or without NULLs."""
    spec = by_name()[table]
    for col, fast in zip(spec.specs, bind_processors(dialect, spec.table, spec.specs), strict=True):
        slow = spec.table.c[col.name].type.dialect_impl(dialect).bind_processor(dialect)
        if col.kind in ("bool", "date") and slow is not None:
            assert fast is not slow, f"{table}.{col.name}: no fast path"
        for values in (VALUES[col.kind], VALUES[col.kind][:-1], VALUES[col.kind][:-1] * 5):  # repeated too
            (stored,) = process_columns([values], [fast])
            exact = [slow(v) if slow else v for v in values]
            assert list(stored) == exact, f"{table}.{col.name}"
            assert list(map(type, stored)) == list(map(type, exact)), f"{table}.{col.name}"


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=5))
def test_the_journal_pairs_are_the_json_of_json_dumps(pairs: list[tuple[str, str]]) -> None:
    """The ids and versions an apply journals travel to the engine as JSON joined at C speed when no
    character needs escaping: the same text as `json.dumps`, whatever the characters."""
    plain = [("a1b2-c3", "001803888000000.00001.PARIS13")] * 3
    for rows in (pairs, plain, plain + pairs):
        assert _pairs_json(rows) == json.dumps([list(r) for r in rows])
