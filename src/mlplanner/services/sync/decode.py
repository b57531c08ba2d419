"""Reading an arriving change set into typed rows, checked before anything is written.

Every field is decoded (a value that does not read back as its column's type refuses the whole change
set), column by column: a month of a large site is a few hundred thousand fields; then checked
(`sync_validate`: stamps, lengths, characters, vocabularies, bounds).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Any

from mlplanner.services.sync.schema import BASE_COLUMN, SyncedTable, by_name, synced_tables
from mlplanner.services.sync.validate import Context, Invalid, check_bases, check_rows
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


def _refusal(label: str, m: object, table: str, exc: Invalid) -> ChangeSetRefused:
    site, seq = m.site, m.seq  # type: ignore[attr-defined]
    if exc.ahead_ms:
        days = exc.ahead_ms / 86_400_000
        ahead = f"{days:.0f} jour(s)" if days >= 2 else f"{exc.ahead_ms / 3_600_000:.0f} heure(s)"
        return ChangeSetRefused(
            "cs_future",
            f"{label} : il contient des modifications datées de {ahead} dans le futur par rapport à "
            f"l'horloge de ce poste. L'horloge d'un poste du site {site} (ou celle de ce poste) est "
            "fausse : faites-la régler. Rien n'en a été appliqué ; il sera repris à chaque "
            "synchronisation.",
            site=site,
            seq=seq,
            ahead_ms=exc.ahead_ms,
        )
    return ChangeSetRefused(
        "cs_invalid",
        f"{label} : valeur refusée dans « {table} », colonne « {exc.column} », ligne {exc.index + 2} "
        f"({exc.why}).",
        site=site,
        seq=seq,
    )


def decode_change_set(cs: ChangeSet, *, now_ms: int) -> list[Decoded]:
    """Typed and checked rows per table in foreign-key order; ChangeSetRefused if anything is malformed
    or out of bounds. `now_ms`: this PC's clock, which bounds how far ahead a stamp may be."""
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
        if set(map(len, data.rows)) != {len(header)}:  # C-level: no Python code per line
            raise ChangeSetRefused(
                "cs_damaged", f"{label} : lignes incomplètes dans « {spec.name} ».", site=m.site, seq=m.seq
            )
        fields = list(zip(*data.rows, strict=True))  # column-wise: no Python call per field
        try:
            values = [decode_column(fields[p], specs[c]) for c, p in zip(cols, positions, strict=True)]
            if set(values[cols.index("origin_site")]) != {m.site}:
                raise BadValue("origin_site")
            ctx = Context(spec.name, m.site, now_ms)
            check_rows(spec, ctx, cols, values)
            if base_pos is not None:
                check_bases(fields[base_pos], ctx)
        except Invalid as exc:
            raise _refusal(label, m, spec.name, exc) from exc
        except BadValue as exc:
            raise ChangeSetRefused(
                "cs_damaged",
                f"{label} : valeur illisible dans « {spec.name} » ({exc}).",
                site=m.site,
                seq=m.seq,
            ) from exc
        rows = list(map(dict, map(zip, repeat(cols), zip(*values, strict=True))))  # no Python code per row
        bases = list(fields[base_pos]) if base_pos is not None else [""] * len(rows)
        result.append(Decoded(spec, cols, rows, data.rows, positions, bases))
    return result


def merge_decoded(parts: list[list[Decoded]]) -> list[Decoded]:
    """Change sets of one site applied together (each waits for rows of another): per table and row,
    the newest version, in foreign-key order. Two change sets of one site can need each other when
    one was written again after later ones (a re-send covers only its own stamps)."""
    by_table: dict[str, list[Decoded]] = {}
    for decoded in parts:
        for d in decoded:
            by_table.setdefault(d.spec.name, []).append(d)
    result = []
    for spec in synced_tables():
        found = by_table.get(spec.name)
        if not found:
            continue
        columns = found[0].columns
        best: dict[str, tuple[Decoded, int]] = {}
        for d in found:
            for i, row in enumerate(d.rows):
                held = best.get(row["id"])
                if held is None or row["hlc"] > held[0].rows[held[1]]["hlc"]:
                    best[row["id"]] = (d, i)
        picks = sorted(best.values(), key=lambda di: di[0].rows[di[1]]["hlc"])
        rows = [{c: d.rows[i][c] for c in columns} for d, i in picks]
        lines = [[d.lines[i][d.positions[d.columns.index(c)]] for c in columns] for d, i in picks]
        bases = [d.bases[i] for d, i in picks]
        result.append(Decoded(spec, columns, rows, lines, list(range(len(columns))), bases))
    return result
