"""The same migrations give the same schema on both engines: every table, column (type, nullability,
default), primary key, foreign key, index and unique constraint, compared through SQLAlchemy's reflection.

What only a server has is listed here and nowhere else (the no-overlap exclusion constraints and the
extension they use): a migration that forgets PostgreSQL, or does something only one engine sees, fails
this test. The comparison is driven by what is reflected, not by a list of tables, so the tables other
areas add are compared too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, String, Text, create_engine, inspect
from sqlalchemy.engine import Engine

from mlplanner.services.container import Services
from mlplanner.storage.db import server_url
from mlplanner.storage.migrate import EXCLUSION_CONSTRAINTS, head_revision

pytestmark = pytest.mark.postgresql_only

SERVER_ONLY_INDEXES = set(EXCLUSION_CONSTRAINTS)  # the exclusion constraints' own gist indexes


def _type(t: Any) -> str:
    for cls, name in (
        (Boolean, "bool"),
        (DateTime, "datetime"),
        (Date, "date"),
        (Integer, "int"),
        (Float, "float"),
        (Numeric, "numeric"),
    ):
        if isinstance(t, cls):
            return name
    if isinstance(t, String):  # VARCHAR(n) and TEXT; the server's columns also carry COLLATE "C"
        return "text" if isinstance(t, Text) or t.length is None else f"varchar({t.length})"
    return type(t).__name__.lower()


def _default(value: Any) -> bool:
    """Whether a column has a server default; an integer key numbered by the database (PostgreSQL's
    `nextval(...)`, SQLite's rowid) is not one."""
    return value is not None and not str(value).startswith("nextval(")


def schema(engine: Engine) -> dict[str, Any]:
    insp = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        cols = {
            c["name"]: (_type(c["type"]), bool(c["nullable"]), _default(c.get("default")))
            for c in insp.get_columns(table)
        }
        pk = tuple(insp.get_pk_constraint(table)["constrained_columns"])
        fks = sorted(
            (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
            for f in insp.get_foreign_keys(table)
        )
        indexes = sorted(
            (i["name"], tuple(i["column_names"]), bool(i["unique"]))
            for i in insp.get_indexes(table)
            if i["name"] not in SERVER_ONLY_INDEXES and not i.get("duplicates_constraint")
        )
        uniques = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table))
        out[table] = {"columns": cols, "pk": pk, "fks": fks, "indexes": indexes, "uniques": uniques}
    return out


def test_both_engines_have_the_same_schema(new_database: Callable[[], str], tmp_path: Path) -> None:
    url = new_database()
    Services.open(url, create=True).close()
    path = tmp_path / "site.sqlite3"
    Services.open(path).close()
    lite, pg = create_engine(f"sqlite:///{path}"), create_engine(server_url(url))
    try:
        a, b = schema(lite), schema(pg)
        assert set(a) == set(b), ("tables", set(a) ^ set(b))
        for table in sorted(a):
            for part in ("columns", "pk", "fks", "indexes", "uniques"):
                assert a[table][part] == b[table][part], (table, part, a[table][part], b[table][part])
        with pg.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            found = {
                r[0] for r in conn.exec_driver_sql("SELECT conname FROM pg_constraint WHERE contype = 'x'")
            }
        assert found == set(EXCLUSION_CONSTRAINTS)
    finally:
        lite.dispose()
        pg.dispose()


def test_the_comparison_sees_a_migration_that_forgets_one_engine(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    """The checker itself can fail: a column only one engine got is a difference."""
    url = new_database()
    Services.open(url, create=True).close()
    path = tmp_path / "site.sqlite3"
    Services.open(path).close()
    lite, pg = create_engine(f"sqlite:///{path}"), create_engine(server_url(url))
    try:
        with pg.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE youth ADD COLUMN nickname varchar(40)")
            conn.exec_driver_sql("CREATE INDEX ix_youth_nickname ON youth (nickname)")
        a, b = schema(lite), schema(pg)
        assert a["youth"]["columns"] != b["youth"]["columns"]
        assert a["youth"]["indexes"] != b["youth"]["indexes"]
    finally:
        lite.dispose()
        pg.dispose()
