"""A safe, readable view of one change set, instead of opening its raw files in a spreadsheet.

Opening a change set's CSV in a spreadsheet turns some cells into live formulas and dates into the
spreadsheet's own format; saving it back damages the change set. `show_change_set` reads and verifies
a change set exactly as the sync would (checksums, every field, the passphrase) and returns, per
table, a short French line per row (who, what, when written, deleted or not): what a site lead needs
to audit what travelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mlplanner.domain.errors import InputError
from mlplanner.domain.hlc import PHYSICAL_MAX, Stamp
from mlplanner.services.sync.decode import decode_change_set
from mlplanner.sync.changeset import SITE_CODE, ChangeSetRef, read_change_set
from mlplanner.sync.errors import ChangeSetRefused

TABLES_FR = {
    "site": "site",
    "site_closure": "fermeture",
    "room": "salle",
    "staff": "personnel",
    "absence": "absence",
    "youth": "jeune",
    "appointment_type": "type de rendez-vous",
    "appointment": "rendez-vous",
    "workshop_series": "atelier",
    "workshop_session": "séance d'atelier",
    "workshop_registration": "inscription à un atelier",
}
_SEQ = re.compile(r"\d{8}")


@dataclass(frozen=True)
class RowView:
    id: str
    label: str
    written_at: datetime | None
    deleted: bool


@dataclass(frozen=True)
class TableView:
    name: str
    name_fr: str
    rows: tuple[RowView, ...]


@dataclass(frozen=True)
class ChangeSetView:
    site: str
    seq: int
    created_at: datetime | None  # aware UTC (None if the manifest's text is no instant)
    schema: str
    tables: tuple[TableView, ...]

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def _label(row: dict[str, Any]) -> str:
    if row.get("last_name") is not None:
        return f"{str(row['last_name']).upper()} {row.get('first_name') or ''}".strip()
    for key in ("name", "title", "label"):
        if row.get(key):
            code = f"{row['code']} — " if row.get("code") else ""
            return f"{code}{row[key]}"
    if isinstance(row.get("start"), datetime):
        end = row.get("end")
        tail = f"–{end:%H:%M}" if isinstance(end, datetime) else ""
        return f"{row['start']:%d/%m/%Y %H:%M}{tail}" + (f" ({row['status']})" if row.get("status") else "")
    if row.get("start_date"):
        return f"du {row['start_date']:%d/%m/%Y} au {row['end_date']:%d/%m/%Y}"
    return str(row.get("code") or row.get("status") or "")


def change_set_ref(path: Path) -> ChangeSetRef:
    """The change set in folder `path` (`<sync folder>/<SITE>/<number>`), or an InputError."""
    path = Path(path)
    if not _SEQ.fullmatch(path.name) or not SITE_CODE.fullmatch(path.parent.name):
        raise InputError(
            "bad_change_set_path",
            f"« {path} » n'est pas le dossier d'un lot (attendu : <dossier partagé>/<SITE>/<numéro à 8 chiffres>).",
        )
    if not path.is_dir():
        raise InputError("no_change_set", f"Lot introuvable : « {path} ».")
    return ChangeSetRef(path.parent.name, int(path.name), path)


def show_change_set(path: Path, *, passphrase: str | None) -> ChangeSetView:
    """Read and verify the change set in `path`; a damaged one is an InputError saying why. Stamps
    ahead of this PC's clock are shown (the sync refuses them; a view helps see why)."""
    ref = change_set_ref(path)
    try:
        cs = read_change_set(ref, passphrase=passphrase)
        decoded = decode_change_set(cs, now_ms=PHYSICAL_MAX)
    except ChangeSetRefused as exc:
        raise InputError(exc.code, exc.message) from exc
    tables = []
    for d in decoded:
        rows = []
        for r in d.rows:
            stamp = Stamp.parse_lenient(r["hlc"])
            rows.append(RowView(r["id"], _label(r), stamp.instant if stamp else None, bool(r["deleted"])))
        tables.append(TableView(d.spec.name, TABLES_FR.get(d.spec.name, d.spec.name), tuple(rows)))
    m = cs.manifest
    try:
        created: datetime | None = datetime.fromisoformat(m.created_at)
    except ValueError:
        created = None
    if created is not None and created.tzinfo is None:
        created = None
    return ChangeSetView(m.site, m.seq, created, m.schema, tuple(tables))
