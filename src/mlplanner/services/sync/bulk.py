"""Bulk statements of the sync: compiled once by SQLAlchemy, run by the driver's `executemany` on tuples.

Sync moves tens of thousands of rows per change set. Passing dicts to `Connection.execute` makes
SQLAlchemy rebuild and type-process every parameter set (about a second for a month of a large site);
here each column's bind processor is looked up once and applied column by column, and the statement
text is the one SQLAlchemy compiled for this dialect (SQLite and PostgreSQL both have
`INSERT ... ON CONFLICT DO UPDATE`), so storage formats and quoting stay SQLAlchemy's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from functools import partial
from itertools import repeat
from operator import attrgetter, getitem, methodcaller
from typing import Any

from sqlalchemy import Column, Select, Table, bindparam, update
from sqlalchemy.engine import Connection, Dialect
from sqlmodel import select

from mlplanner.sync.codec import ColumnSpec, once_each

Processor = Callable[[Any], Any] | None


def insert_for(dialect: Dialect) -> Callable[[Table], Any]:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if dialect.name == "postgresql" else sqlite.insert


# A few datetimes to check a fast conversion against SQLAlchemy's before using it.
_SAMPLES = (
    datetime(2026, 3, 29, 2, 30),
    datetime(1999, 12, 31, 23, 59, 59, 999_999),
    datetime(2027, 1, 1, 0, 0, 0, 1),
    datetime(5, 1, 2, 3, 4, 5),
)
_PARIS_SUMMER = timezone(timedelta(hours=2))


def _store_naive(v: datetime | None) -> str | None:
    return None if v is None else v.isoformat(" ", "microseconds")


def _store_instant(v: datetime | None) -> str | None:
    if v is None:
        return None
    if v.tzinfo is not UTC:
        v = v.astimezone(UTC)
    return v.isoformat(" ", "microseconds")[:26]  # without "+00:00": stored naive, as UTC


def _read_datetime(v: str | None) -> datetime | None:
    return None if v is None else datetime.fromisoformat(v)


def _read_utc(v: str | None) -> datetime | None:
    return None if v is None else datetime.fromisoformat(v).replace(tzinfo=UTC)


def _same(fast: Callable[[Any], Any], slow: Callable[[Any], Any], samples: Sequence[Any]) -> bool:
    try:
        return all(fast(x) == slow(x) for x in samples)
    except (TypeError, ValueError):
        return False


def _same_typed(fast: Callable[[Any], Any], slow: Callable[[Any], Any], samples: Sequence[Any]) -> bool:
    """`_same`, the results' types too (1 and True are equal, and bind differently on a server)."""
    try:
        return all(type(fast(x)) is type(slow(x)) and fast(x) == slow(x) for x in samples)
    except (TypeError, ValueError):
        return False


def _store_bool_int(v: bool | None) -> int | None:
    if v is None:
        return None
    if v is not True and v is not False:
        raise TypeError(f"not a boolean: {v!r}")  # as SQLAlchemy's strict check
    return int(v)


def _store_bool_native(v: bool | None) -> bool | None:
    if v is not None and v is not True and v is not False:
        raise TypeError(f"not a boolean: {v!r}")
    return v


def _store_date(v: date | None) -> str | None:
    return None if v is None else v.isoformat()


_DATE_SAMPLES = (date(2026, 3, 29), date(1999, 12, 31), date(5, 1, 2), date(2200, 1, 1))


def bind_processors(dialect: Dialect, table: Table, specs: Sequence[ColumnSpec]) -> list[Processor]:
    """Per column, the function turning a Python value into what the driver stores (None: as is).

    SQLAlchemy's own, except for SQLite datetimes, booleans and dates, where an equivalent converted a
    whole column at C speed (`process_columns`) is used once it has been seen to give SQLAlchemy's values
    on sample values (about 2 µs less per value: a month of a large site sets 35,000 booleans)."""
    procs: list[Processor] = []
    for spec in specs:
        proc: Processor = table.c[spec.name].type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None and dialect.name == "sqlite" and spec.kind in ("datetime", "instant"):
            if spec.kind == "datetime" and _same(_store_naive, proc, _SAMPLES):
                proc = _store_naive
            elif spec.kind == "instant":
                aware = [x.replace(tzinfo=tz) for x in _SAMPLES[:3] for tz in (UTC, _PARIS_SUMMER)]
                if _same(_store_instant, proc, aware):
                    proc = _store_instant
        elif proc is not None and spec.kind == "bool":
            fast = _store_bool_native if dialect.supports_native_boolean else _store_bool_int
            proc = fast if _same_typed(fast, proc, (True, False, None)) else proc
        elif proc is not None and spec.kind == "date" and _same(_store_date, proc, _DATE_SAMPLES):
            proc = _store_date
        procs.append(proc)
    return procs


def read_processors(dialect: Dialect, table: Table, specs: Sequence[ColumnSpec]) -> list[Processor]:
    """Per column, the function turning what the driver returns into a value that `codec.encode_column`
    turns into the same text as the column's Python value (SQLite datetimes: naive, read at C speed;
    a naive instant is UTC to the codec, as to SQLAlchemy)."""
    procs: list[Processor] = []
    for spec in specs:
        proc: Processor = table.c[spec.name].type.dialect_impl(dialect).result_processor(dialect, None)
        if proc is not None and dialect.name == "sqlite" and spec.kind in ("datetime", "instant"):
            stored = [_store_naive(x) for x in _SAMPLES]
            as_read = _read_datetime if spec.kind == "datetime" else _read_utc
            if _same(as_read, proc, stored):
                proc = _read_datetime
        procs.append(proc)
    return procs


_ISO_MICRO = methodcaller("isoformat", " ", "microseconds")
_TZINFO = attrgetter("tzinfo")
_STORED_INSTANT = slice(0, 26)  # without "+00:00"


def _with_nulls(convert: Callable[[Sequence[Any]], list[Any]], values: Sequence[Any]) -> list[Any] | None:
    """`convert` applied to the values that are not None, the None kept in place (None: no None here)."""
    if None not in values:
        return None
    present = [v for v in values if v is not None]
    if not present:
        return list(values)
    converted = iter(convert(present))
    return [None if v is None else next(converted) for v in values]


def _store_naive_column(values: Sequence[datetime | None]) -> list[str | None]:
    with_nulls = _with_nulls(_store_naive_column, values)
    if with_nulls is not None:
        return with_nulls
    return once_each(_naive_texts, values)


def _naive_texts(values: Sequence[datetime]) -> list[str]:
    return list(map(_ISO_MICRO, values))  # C-level: no Python code per value


def _store_instant_column(values: Sequence[datetime | None]) -> list[str | None]:
    with_nulls = _with_nulls(_store_instant_column, values)
    if with_nulls is not None:
        return with_nulls
    if set(map(_TZINFO, values)) == {UTC}:
        return once_each(_utc_texts, values)
    return list(map(_store_instant, values))


def _utc_texts(values: Sequence[datetime]) -> list[str]:
    return list(map(getitem, map(_ISO_MICRO, values), repeat(_STORED_INSTANT)))


def _store_bool_int_column(values: Sequence[Any]) -> list[int | None]:
    if set(map(type, values)) <= {bool}:
        return list(map(int, values))  # C-level: True -> 1, False -> 0
    return list(map(_store_bool_int, values))


def _store_bool_native_column(values: Sequence[Any]) -> list[bool | None]:
    if set(map(type, values)) <= {bool, type(None)}:
        return list(values)
    return list(map(_store_bool_native, values))


def _store_date_column(values: Sequence[Any]) -> list[str | None]:
    if set(map(type, values)) == {date}:
        return list(map(date.isoformat, values))
    return list(map(_store_date, values))


def _read_datetime_column(values: Sequence[Any]) -> list[datetime | None]:
    if None not in values:
        return list(map(datetime.fromisoformat, values))
    return [None if v is None else datetime.fromisoformat(v) for v in values]


# the fast conversions above, a whole column at a time (the same values as one at a time)
_COLUMN_WISE: dict[Callable[[Any], Any], Callable[[Sequence[Any]], list[Any]]] = {
    _store_naive: _store_naive_column,
    _store_instant: _store_instant_column,
    _read_datetime: _read_datetime_column,
    _store_bool_int: _store_bool_int_column,
    _store_bool_native: _store_bool_native_column,
    _store_date: _store_date_column,
}


def process_columns(columns: Sequence[Sequence[Any]], processors: Sequence[Processor]) -> list[Sequence[Any]]:
    """Apply processors column-wise (None values stay None: SQLAlchemy's processors accept them)."""
    return [
        col if proc is None else (_COLUMN_WISE.get(proc) or partial(map_list, proc))(col)
        for col, proc in zip(columns, processors, strict=True)
    ]


def map_list(proc: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    return list(map(proc, values))


def _run(conn: Connection, compiled: Any, names: Sequence[str], processed: Sequence[Sequence[Any]]) -> None:
    """executemany of a compiled statement whose parameters are named `names` (column-wise values)."""
    if compiled.positional:
        order = [list(names).index(name) for name in compiled.positiontup or ()]
        if sorted(order) != list(range(len(names))):
            raise ValueError("the statement does not take exactly the given parameters")
        params: list[Any] = list(zip(*(processed[i] for i in order), strict=True))
    else:  # named parameters (psycopg)
        params = [dict(zip(names, row, strict=True)) for row in zip(*processed, strict=True)]
    conn.exec_driver_sql(str(compiled), params)


# compiled bulk statements, per (kind, table, columns..., dialect): a sync compiles each once per process,
# not once per change set and database
_STATEMENTS: dict[tuple[Any, ...], Any] = {}


def upsert_columns(
    conn: Connection,
    table: Table,
    specs: Sequence[ColumnSpec],
    values: Sequence[Sequence[Any]],
    *,
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert or update (`ON CONFLICT (keys) DO UPDATE SET update = excluded...`), in the caller's
    transaction, rows given column by column: `values[i]` holds the Python values of `specs[i]`."""
    if not values or not values[0]:
        return
    dialect = conn.dialect
    columns = [s.name for s in specs]
    key = ("upsert", table.name, tuple(columns), tuple(keys), tuple(update), dialect.name, dialect.driver)
    compiled = _STATEMENTS.get(key)
    if compiled is None:
        ins = insert_for(dialect)(table)
        stmt = ins.on_conflict_do_update(
            index_elements=[table.c[k] for k in keys], set_={c: ins.excluded[c] for c in update}
        )
        compiled = _STATEMENTS[key] = stmt.compile(dialect=dialect, column_keys=columns)
    _run(conn, compiled, columns, process_columns(values, bind_processors(dialect, table, specs)))


def update_columns(
    conn: Connection,
    table: Table,
    specs: Sequence[ColumnSpec],
    values: Sequence[Sequence[Any]],
    *,
    key: ColumnSpec,
    keys: Sequence[Any],
) -> None:
    """`UPDATE table SET specs... WHERE key = ?` for rows known to exist, given column by column.

    Unlike an upsert that sets every column, the columns left out (references that do not change) cost
    SQLite nothing: no foreign-key lookup, no index entry rewritten."""
    if not keys:
        return
    dialect = conn.dialect
    columns = [s.name for s in specs]
    cache_key = ("update", table.name, tuple(columns), key.name, dialect.name, dialect.driver)
    compiled = _STATEMENTS.get(cache_key)
    if compiled is None:
        stmt = update(table).where(table.c[key.name] == bindparam("key_" + key.name))
        compiled = _STATEMENTS[cache_key] = stmt.compile(dialect=dialect, column_keys=columns)
    processed = process_columns([*values, keys], bind_processors(dialect, table, [*specs, key]))
    _run(conn, compiled, [*columns, "key_" + key.name], processed)


def _raw_rows(conn: Connection, sql: str, params: Any) -> list[tuple[Any, ...]]:
    """The driver's own tuples (no SQLAlchemy row objects: tens of thousands of rows)."""
    result = conn.exec_driver_sql(sql, params)
    try:
        return list(result.cursor.fetchall()) if result.cursor is not None else []
    finally:
        result.close()


_COMPILED: dict[tuple[int, str], Any] = {}


def fetch_columns(
    conn: Connection,
    stmt: Select,
    table: Table,
    specs: Sequence[ColumnSpec],
    params: dict[str, Any] | None = None,
) -> list[Sequence[Any]]:
    """Run a select whose first columns are `specs` of `table` (any further ones are returned as read)
    on the driver, and return its result column by column, read with `read_processors`. Pass a statement
    built once (with `bindparam`s for `params`): its compiled form is kept."""
    dialect = conn.dialect
    key = (id(stmt), dialect.name)
    compiled = _COMPILED.get(key)
    if compiled is None or compiled.statement is not stmt:
        compiled = _COMPILED[key] = stmt.compile(dialect=dialect)
    values = compiled.construct_params(params)
    args: Any = tuple(values[k] for k in compiled.positiontup or ()) if compiled.positional else values
    rows = _raw_rows(conn, str(compiled), args)
    if not rows:
        return []
    columns: list[Sequence[Any]] = [list(c) for c in zip(*rows, strict=True)]
    procs = read_processors(dialect, table, specs)
    return [*process_columns(columns[: len(specs)], procs), *columns[len(specs) :]]


# compiled `rows_by_key` statements, per (columns, key, number of keys, dialect): table columns only
_BY_KEY: dict[tuple[Any, ...], Any] = {}


def rows_by_key(
    conn: Connection, columns: Sequence[Column], key: Column, keys: Sequence[Any], size: int = 500
) -> list[tuple[Any, ...]]:
    """Rows of `columns` whose `key` is one of `keys` (plain text keys), `size` keys per statement, as the
    driver returns them (no type conversion: for columns whose stored value is their value, like ids
    and stamps)."""
    found: list[tuple[Any, ...]] = []
    for i in range(0, len(keys), size):
        part = keys[i : i + size]
        cache_key = (tuple(columns), key, len(part), conn.dialect.name)
        compiled = _BY_KEY.get(cache_key)
        if compiled is None:  # a statement of hundreds of parameters takes milliseconds to compile
            names = [f"k{j}" for j in range(len(part))]
            stmt = select(*columns).where(key.in_([bindparam(n) for n in names]))
            compiled = _BY_KEY[cache_key] = stmt.compile(dialect=conn.dialect)
        if compiled.positional:
            args: Any = tuple(part[int(n[1:])] for n in compiled.positiontup or ())
        else:
            args = {f"k{j}": v for j, v in enumerate(part)}
        found.extend(_raw_rows(conn, str(compiled), args))
    return found
