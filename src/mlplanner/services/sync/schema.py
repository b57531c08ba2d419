"""What travels between sites, described from the table definitions (data-driven, no list to maintain).

Every table deriving from `Synced` travels, in foreign-key order (`SQLModel.metadata.sorted_tables`), so a
workshop module that adds synced tables is picked up without touching the sync code. Local tables
(credentials, search tokens, audit, meta, sync bookkeeping) never do.

Who may edit what (enforced on export and on apply):
- `site` rows belong to the site itself; rows with a `site_id` (rooms, staff, closures, appointments,
  workshop sessions...) belong to that site; rows without one belong to the site of their first parent
  that has one (an absence → its staff member's site; a registration → its session's site);
- `youth` and `appointment_type` are shared: any site may edit them (young people move between sites).
A version written by a site for a row it does not own is refused and kept in the conflicts table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, Table
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel, select

# Every module of synced tables, imported here: a table exists for SQLModel (and so for the sync) only
# once its module is imported, and the container builds services (and imports their modules) on first
# use, so a process that syncs without having used the workshops, follow-ups or reception (the
# scheduled `mlplanner sync`) would otherwise send and accept none of their rows.
from mlplanner.storage import followup_tables, reception_tables, workshop_tables  # noqa: F401
from mlplanner.storage.tables import LOCAL_COLUMN, Synced
from mlplanner.sync.codec import ColumnSpec, Kind, encoder_for

SHARED_TABLES = frozenset({"youth", "appointment_type"})
BASE_COLUMN = "_base"  # extra CSV column: the remote version the writer had adopted before its edit
META_COLUMNS = frozenset({"id", "updated_at", "origin_site", "hlc"})
CHUNK = 500


def _kind(col: Column[Any]) -> Kind:
    t = col.type
    if type(t).__name__ == "UTCDateTime":  # SQLModel's aware-UTC decorator over DateTime
        return "instant"
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, DateTime):
        return "instant" if getattr(t, "timezone", False) or type(t).__name__ == "UTCDateTime" else "datetime"
    if isinstance(t, Date):
        return "date"
    try:
        py = t.python_type
    except NotImplementedError:
        py = str
    kinds: dict[type, Kind] = {bool: "bool", int: "int", datetime: "datetime", date: "date"}
    return kinds.get(py, "str")


@dataclass(frozen=True)
class SyncedTable:
    name: str
    table: Table
    model: type[Synced]
    specs: tuple[ColumnSpec, ...]
    parents: dict[str, str]  # fk column -> parent table name
    unique: tuple[str, ...]  # single-column unique constraints other than id

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.specs)

    def encoders(self) -> list[Callable[[Any], str]]:
        return [encoder_for(s) for s in self.specs]


@cache
def synced_tables() -> tuple[SyncedTable, ...]:
    """Synced tables in an order where every parent comes before its children."""
    models: dict[str, type[Synced]] = {}
    stack = list(Synced.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if getattr(cls, "__table__", None) is not None:
            models[str(cls.__tablename__)] = cls
    result = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in models:
            continue
        specs = tuple(
            ColumnSpec(c.name, _kind(c), bool(c.nullable))
            for c in table.columns
            if not c.info.get(LOCAL_COLUMN)  # local bookkeeping (`appointment.slot_checked`)
        )
        parents = {  # in column order: the first owned parent decides a row's owner (see `Owners.rule`)
            col.name: fk.column.table.name
            for col in table.columns
            for fk in col.foreign_keys
            if fk.column.table.name in models
        }
        unique = tuple(c.name for c in table.columns if c.unique and not c.primary_key)
        result.append(SyncedTable(table.name, table, models[table.name], specs, parents, unique))
    return tuple(result)


def by_name() -> dict[str, SyncedTable]:
    return {t.name: t for t in synced_tables()}


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Owners:
    """Which site owns a row (None = shared), from the database plus rows about to be written."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables = by_name()
        site = self.tables["site"].table
        self.site_code: dict[str, str] = {i: code for i, code in conn.execute(select(site.c.id, site.c.code))}
        self._site_of: dict[str, dict[str, str | None]] = {}

    def note(self, tbl: str, rows: Iterable[dict]) -> None:
        """Rows being applied in the same change set: their ownership facts count before they are stored."""
        if tbl == "site":
            self.site_code.update({r["id"]: r["code"] for r in rows})
        elif "site_id" in self.tables[tbl].columns:
            self._site_of.setdefault(tbl, {}).update({r["id"]: r["site_id"] for r in rows})

    def _parent_site(self, tbl: str, ids: set[str]) -> dict[str, str | None]:
        known = self._site_of.setdefault(tbl, {})
        missing = [i for i in ids if i not in known]
        t = self.tables[tbl].table
        for part in chunks(missing):
            q = select(t.c.id, t.c.site_id).where(t.c.id.in_(part))
            known.update({i: site_id for i, site_id in self.conn.execute(q)})
        return known

    def rule(self, tbl: str) -> tuple[str, str | None]:
        """('self'|'site_id'|'parent'|'shared', fk column or parent table)."""
        if tbl == "site":
            return "self", None
        if tbl in SHARED_TABLES:
            return "shared", None
        spec = self.tables[tbl]
        if "site_id" in spec.columns:
            return "site_id", None
        for col, parent in spec.parents.items():
            if parent not in SHARED_TABLES and parent != "site" and "site_id" in self.tables[parent].columns:
                return "parent", col
        return "shared", None

    def needs(self, tbl: str) -> tuple[str, ...]:
        """The columns `owners` reads from each row of this table."""
        kind, col = self.rule(tbl)
        return {"self": ("code",), "site_id": ("site_id",), "parent": (col or "",)}.get(kind, ())

    def owners_of_columns(self, tbl: str, columns: dict[str, Sequence[Any]], n: int) -> list[str | None]:
        """`owners` of `n` rows given as the columns `needs(tbl)` names (values as `owners` reads them)."""
        kind, col = self.rule(tbl)
        if kind == "self":
            return list(columns["code"])
        if kind == "site_id":
            return list(map(self.site_code.get, columns["site_id"]))
        if kind == "parent":
            assert col is not None
            values = columns[col]
            sites = self._parent_site(self.tables[tbl].parents[col], {v for v in values if v})
            return [self.site_code.get(sites.get(v) or "") for v in values]
        return [None] * n

    def owners(self, tbl: str, rows: list[dict]) -> list[str | None]:
        kind, col = self.rule(tbl)
        if kind == "self":
            return [r["code"] for r in rows]
        if kind == "site_id":
            return [self.site_code.get(r["site_id"]) for r in rows]
        if kind == "parent":
            assert col is not None
            parent = self.tables[tbl].parents[col]
            sites = self._parent_site(parent, {r[col] for r in rows if r[col]})
            return [self.site_code.get(sites.get(r[col]) or "") for r in rows]
        return [None] * len(rows)
