"""Reading an arriving change set into typed rows, checked before anything is written.

Every field is decoded (a value that does not read back as its column's type refuses the whole change
set), column by column: a month of a large site is a few hundred thousand fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlplanner.services.sync.schema import BASE_COLUMN, SyncedTable, by_name, synced_tables
from mlplanner.sync.changeset import ChangeSet
from mlplanner.sync.codec import BadValue, decode_column
from mlplanner.sync.errors import ChangeSetRefused


@dataclass
class Decoded:
    spec: SyncedTable
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    lines: list[list[str]]  # the CSV fields as received (for the conflicts table)
    positions: list[int]  # where each of `columns` is in a line
    bases: list[str]

    def text(self, i: int) -> dict[str, str]:
        line = self.lines[i]
        return {c: line[p] for c, p in zip(self.columns, self.positions, strict=True)}


def decode_change_set(cs: ChangeSet) -> list[Decoded]:
    """Typed rows per table in foreign-key order; ChangeSetRefused if anything is malformed."""
    m = cs.manifest
    label = f"Le lot n° {m.seq} du site {m.site} est refusé"
    tables = by_name()
    unknown = sorted(set(cs.tables) - set(tables))
    if unknown:
        raise ChangeSetRefused(
            "cs_too_new",
            f"{label} : tables inconnues ({', '.join(unknown)}) ; mettez ce poste à jour.",
            site=m.site,
            seq=m.seq,
        )
    result = []
    for spec in synced_tables():
        data = cs.tables.get(spec.name)
        if data is None or not data.rows:
            continue
        header = data.columns
        cols = tuple(c for c in header if c != BASE_COLUMN)
        missing, extra = set(spec.columns) - set(cols), set(cols) - set(spec.columns)
        if missing or extra:
            raise ChangeSetRefused(
                "cs_too_new" if extra else "cs_damaged",
                f"{label} : colonnes de « {spec.name} » différentes de celles de ce poste "
                f"({', '.join(sorted(missing | extra))}).",
                site=m.site,
                seq=m.seq,
            )
        positions = [header.index(c) for c in cols]
        base_pos = header.index(BASE_COLUMN) if BASE_COLUMN in header else None
        specs = {c.name: c for c in spec.specs}
        if any(len(line) != len(header) for line in data.rows):
            raise ChangeSetRefused(
                "cs_damaged", f"{label} : lignes incomplètes dans « {spec.name} ».", site=m.site, seq=m.seq
            )
        fields = list(zip(*data.rows, strict=True))  # column-wise: no Python call per field
        try:
            values = [decode_column(fields[p], specs[c]) for c, p in zip(cols, positions, strict=True)]
            if any(o != m.site for o in values[cols.index("origin_site")]):
                raise BadValue("origin_site")
        except BadValue as exc:
            raise ChangeSetRefused(
                "cs_damaged",
                f"{label} : valeur illisible dans « {spec.name} » ({exc}).",
                site=m.site,
                seq=m.seq,
            ) from exc
        rows = [dict(zip(cols, v, strict=True)) for v in zip(*values, strict=True)]
        bases = list(fields[base_pos]) if base_pos is not None else [""] * len(rows)
        result.append(Decoded(spec, cols, rows, data.rows, positions, bases))
    return result
