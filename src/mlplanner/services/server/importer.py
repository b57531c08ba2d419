"""Moving a site from its SQLite file to a server: `mlplanner server import --from site.sqlite3 --db URL`.

Everything is copied: every synced row with its id, stamp and tombstone, and the local tables (PIN hashes,
audit trail, sync bookkeeping, settings). Rows are merged by stamp, as a sync would: a row the server
does not hold is inserted, a row the file holds in a newer version replaces the server's, a row the
server holds in the same or a newer version is left alone. So a server that already received the site's
rows by sync ends up with the same data, and a second run changes nothing.

The whole import is one transaction that holds every site's lock: the server is as it was, or holds the
site. Before committing, it checks itself: every row of the file is on the server in the same version or
a newer one, and the rows in the same version are identical (a checksum per table). The site then lives
on the server (`meta.local_sites`): its workstations point at the server, and the sync folder's change
sets of that site are no longer applied here (the server writes them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, insert, text, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, SQLModel, col, select

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.instance_lock import acquire_instance_lock
from mlplanner.services.booking.availability import MAX_SPAN
from mlplanner.services.context import LOCAL_SITES_KEY, SITE_CODE_KEY, ServiceContext, local_site_codes
from mlplanner.services.sync.bulk import insert_for
from mlplanner.services.youths.service import reindex
from mlplanner.storage.db import GLOBAL_LOCK, Database, lock_names, redact
from mlplanner.storage.migrate import MOVED_KEY, head_revision, open_database
from mlplanner.storage.tables import Appointment, Meta, Synced, Youth, YouthToken, table_of

CHUNK = 2000
# Meta keys that belong to one site's sync (cursors, sequence): on a server they are kept per site
SITE_SYNC_KEYS = ("sync.cursor.", "sync.next_seq")
DERIVED = {YouthToken.__tablename__}  # rebuilt from the youths, not copied


@dataclass(frozen=True)
class TableImport:
    table: str
    file_rows: int
    written: int  # new on the server, or newer in the file
    unchanged: int  # the server already held that version
    newer_here: int  # the server holds a newer version (it stays)


@dataclass(frozen=True)
class ImportReport:
    site: str
    tables: tuple[TableImport, ...]
    checksum: str  # of the file's rows as they are on the server now
    first_site: bool  # the server held no site before
    file_retired: bool = False  # the file now says its site moved (it refuses writes and syncs)

    @property
    def written(self) -> int:
        return sum(t.written for t in self.tables)

    def summary_fr(self) -> str:
        rows = sum(t.file_rows for t in self.tables)
        retired = (
            " Le fichier est marqué « déplacé sur le serveur » : il ne change plus et ne se synchronise "
            "plus ; les postes du site travaillent sur le serveur."
            if self.file_retired
            else ""
        )
        if not self.written:
            return (
                f"Site {self.site} : déjà sur le serveur, rien n'a changé ({rows} lignes vérifiées, "
                f"empreinte {self.checksum[:12]}).{retired}"
            )
        return (
            f"Site {self.site} importé : {self.written} ligne(s) copiée(s) sur {rows}, "
            f"toutes vérifiées sur le serveur (empreinte {self.checksum[:12]}).{retired}"
        )


def _synced_names() -> set[str]:
    names: set[str] = set()
    stack = list(Synced.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if getattr(cls, "__table__", None) is not None:
            names.add(table_of(cls).name)
    return names


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _canonical(row: dict[str, Any], columns: Sequence[str]) -> str:
    """A row's text for checksums: the same on both engines (datetimes in ISO form, booleans as 0/1)."""
    out = []
    for c in columns:
        v = row[c]
        if isinstance(v, bool):
            v = int(v)
        elif hasattr(v, "isoformat"):
            v = v.isoformat()
        out.append(v)
    return json.dumps(out, ensure_ascii=False, default=str)


def _compared_columns(table: Table) -> list[str]:
    """What a row version is: its columns but the server's local bookkeeping (`slot_checked`)."""
    from mlplanner.storage.tables import LOCAL_COLUMN

    return [c.name for c in table.columns if not c.info.get(LOCAL_COLUMN)]


class ServerImport:
    """Copy one site file into a server database (see the module docstring)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        if not ctx.db.is_server:
            raise InputError(
                "not_a_server",
                "« server import » copie un fichier de site vers un serveur : --db doit être "
                "une adresse postgresql+psycopg://…",
            )

    def run(self, source: Path) -> ImportReport:
        source = Path(source)
        if not source.is_file():
            raise InputError("bad_path", f"Fichier introuvable : « {source} ».")
        with acquire_instance_lock(source):  # the site's app must not be writing the file meanwhile
            src = open_database(source)
            try:
                report = self._copy(src)
                return replace(report, file_retired=self._retire(src, report.site))
            finally:
                src.dispose()

    def _retire(self, src: Database, code: str) -> bool:
        """Once the server committed the site, mark the file (`MOVED_KEY`): from then on it refuses
        every write and sync, so a forgotten workstation or scheduled sync cannot split the site. A file
        that cannot be written (read-only copy) is left as it is: the server holds the site anyway."""
        with src.engine.connect() as conn:
            tz = conn.execute(text("SELECT timezone FROM site WHERE code = :c"), {"c": code}).scalar()
        try:
            day = self.ctx.clock.now_utc().astimezone(ZoneInfo(tz or "Europe/Paris")).date()
        except (ValueError, ZoneInfoNotFoundError):
            day = self.ctx.clock.now_utc().date()
        facts = json.dumps({"server": redact(self.ctx.db.url or ""), "day": day.isoformat()})
        try:
            with src.engine.begin() as conn:  # past the file's write gate: this is the one write left
                conn.execute(
                    text(
                        "INSERT INTO meta (key, value) VALUES (:k, :v) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    ),
                    {"k": MOVED_KEY, "v": facts},
                )
        except (OperationalError, DBAPIError):
            return False
        return True

    # --- the copy ------------------------------------------------------------------------------------
    def _copy(self, src: Database) -> ImportReport:
        with src.read() as s:
            code_row = s.get(Meta, SITE_CODE_KEY)
            if code_row is None:
                raise InputError("no_site", "Ce fichier ne contient aucun site : il n'y a rien à importer.")
            code = code_row.value
            src_meta: dict[str, str] = {k: v for k, v in s.exec(select(Meta.key, Meta.value))}
        synced = _synced_names()
        tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in DERIVED]
        dst = self.ctx.db
        with dst.read() as s:
            local = local_site_codes(s)
        with dst.write(lock=GLOBAL_LOCK) as session:
            lock_names(session, *local, code)  # no site's workstation writes during the import
            conn = session.connection()
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision != head_revision():
                raise StorageError(
                    "db_not_ready",
                    "La base du serveur n'est pas à jour : lancez d'abord « mlplanner server init --db … ».",
                )
            first_site = not local
            reports: list[TableImport] = []
            touched_youths: list[str] = []
            with src.engine.connect() as sconn:
                for table in tables:
                    if table.name == Meta.__tablename__:
                        continue
                    if table.name in synced:
                        rep, written_ids = self._merge_synced(sconn, conn, table)
                        if table.name == Youth.__tablename__:
                            touched_youths = written_ids
                    else:
                        rep = self._merge_local(sconn, conn, table)
                    reports.append(rep)
            self._merge_meta(session, src_meta, code, local)
            for part in _chunks(touched_youths, 500):
                reindex(session, list(session.exec(select(Youth).where(col(Youth.id).in_(part)))))
            self._check_slots(conn, code)
            checksum = self._verify(src, conn, [t for t in tables if t.name in synced])
        return ImportReport(code, tuple(reports), checksum, first_site)

    def _merge_synced(
        self, sconn: Connection, conn: Connection, table: Table
    ) -> tuple[TableImport, list[str]]:
        rows = [dict(r) for r in sconn.execute(sa_select(table)).mappings()]
        here: dict[str, str] = {}
        for part in _chunks([r["id"] for r in rows]):
            found = conn.execute(sa_select(table.c.id, table.c.hlc).where(table.c.id.in_(part)))
            here.update({rid: hlc for rid, hlc in found})
        newer = [r for r in rows if r["id"] not in here or r["hlc"] > here[r["id"]]]
        same = sum(1 for r in rows if here.get(r["id"]) == r["hlc"])
        if "slot_checked" in table.c:  # decided again below, for the site's appointments
            for r in newer:
                r["slot_checked"] = False
        if newer:
            ins = insert_for(conn.dialect)(table)
            stmt = ins.on_conflict_do_update(
                index_elements=[table.c.id],
                set_={c.name: ins.excluded[c.name] for c in table.columns if c.name != "id"},
            )
            for part in _chunks(newer):
                conn.execute(stmt, list(part))
        report = TableImport(table.name, len(rows), len(newer), same, len(rows) - len(newer) - same)
        return report, [r["id"] for r in newer]

    def _merge_local(self, sconn: Connection, conn: Connection, table: Table) -> TableImport:
        """A local table (PIN hashes, audit, sync bookkeeping, other areas' tables): rows the server lacks.

        Rows are matched on their primary key; a table numbered by the database (an integer key the
        server hands out) is matched on its other columns and gets new numbers here."""
        rows = [dict(r) for r in sconn.execute(sa_select(table)).mappings()]
        pk = [c.name for c in table.primary_key.columns]
        auto = table.autoincrement_column is not None and len(pk) == 1
        if auto:
            cols = [c.name for c in table.columns if c.name not in pk]
            have = {
                _canonical(dict(r), cols)
                for r in conn.execute(sa_select(*(table.c[c] for c in cols))).mappings()
            }
            missing = [{c: r[c] for c in cols} for r in rows if _canonical(r, cols) not in have]
        else:
            have_keys = {tuple(r) for r in conn.execute(sa_select(*(table.c[c] for c in pk))).all()}
            missing = [r for r in rows if tuple(r[c] for c in pk) not in have_keys]
        for part in _chunks(missing):
            conn.execute(insert(table), list(part))
        return TableImport(table.name, len(rows), len(missing), len(rows) - len(missing), 0)

    def _merge_meta(self, session: Session, src_meta: dict[str, str], code: str, local: list[str]) -> None:
        """The file's settings the server lacks; the site's sync cursors under the site's own keys (the
        database's first site keeps the plain keys, as in its file); the site joins `local_sites`."""
        default = session.get(Meta, SITE_CODE_KEY)
        if default is None:
            session.add(Meta(key=SITE_CODE_KEY, value=code))
            session.flush()
        first = default is None or default.value == code
        for key, value in src_meta.items():
            if key in (SITE_CODE_KEY, LOCAL_SITES_KEY):
                continue
            if key.startswith(SITE_SYNC_KEYS):
                target = key if first else f"{key}@{code}"
                session.merge(Meta(key=target, value=value))
            elif session.get(Meta, key) is None:
                session.add(Meta(key=key, value=value))
        codes = [*local, code] if code not in local else local
        session.merge(Meta(key=LOCAL_SITES_KEY, value=" ".join(codes)))

    def _check_slots(self, conn: Connection, code: str) -> None:
        """The site's appointments that hold a slot without clashing become `slot_checked`, as if booked
        here: from now on the server's constraints guard them. A clash the file held (made offline and
        merged) stays listed for the site leads, outside the constraints."""
        a, b = table_of(Appointment), table_of(Appointment).alias("b")
        holding = ("booked", "arrived", "seen", "no_show")
        site_id = conn.execute(text("SELECT id FROM site WHERE code = :c"), {"c": code}).scalar()
        clash = (
            sa_select(b.c.id)
            .where(
                b.c.id != a.c.id,
                b.c.deleted == False,
                b.c.status.in_(holding),
                b.c.youth_id == a.c.youth_id,  # a young person is busy during the appointment itself
                b.c.start < a.c.end,
                a.c.start < b.c.end,
                b.c.start > a.c.start - MAX_SPAN,  # implied (see below): bounds the index range
            )
            .exists()
        )
        room_clash = (
            sa_select(b.c.id)
            .where(
                b.c.id != a.c.id,
                b.c.deleted == False,
                b.c.status.in_(holding),
                b.c.room_id == a.c.room_id,
                b.c.start < a.c.end + text("make_interval(mins => appointment.buffer_min)"),
                a.c.start < b.c.end + text("make_interval(mins => b.buffer_min)"),
                # no appointment lasts a day with its buffer (MAX_SPAN, as the booking checks): with
                # this lower bound the (room, start) index reads a day of the room, not its whole past;
                # without it the import of a large site's 293,000 appointments ran for hours (issue 19)
                b.c.start > a.c.start - MAX_SPAN,
            )
            .exists()
        )
        conn.execute(
            update(a)
            .where(
                a.c.site_id == site_id,
                a.c.deleted == False,
                a.c.status.in_(holding),
                ~clash,
                ~room_clash,
            )
            .values(slot_checked=True)
        )

    def _verify(self, src: Database, conn: Connection, tables: list[Table]) -> str:
        """Every row of the file is here in the same version or a newer one; same versions are identical."""
        total = hashlib.sha256()
        with src.engine.connect() as sconn:
            for table in tables:
                cols = _compared_columns(table)
                mine = {r["id"]: dict(r) for r in sconn.execute(sa_select(table)).mappings()}
                theirs: dict[str, dict[str, Any]] = {}
                for part in _chunks(sorted(mine)):
                    theirs.update(
                        {
                            r["id"]: dict(r)
                            for r in conn.execute(sa_select(table).where(table.c.id.in_(part))).mappings()
                        }
                    )
                h_file, h_here = hashlib.sha256(), hashlib.sha256()
                for rid in sorted(mine):
                    row, got = mine[rid], theirs.get(rid)
                    if got is None or got["hlc"] < row["hlc"]:
                        raise StorageError(
                            "import_check_failed",
                            f"Vérification de l'import en échec ({table.name} {rid}) : rien n'a été importé.",
                        )
                    if got["hlc"] == row["hlc"]:
                        h_file.update(_canonical(row, cols).encode())
                        h_here.update(_canonical(got, cols).encode())
                if h_file.digest() != h_here.digest():
                    raise StorageError(
                        "import_check_failed",
                        f"Vérification de l'import en échec (empreinte de « {table.name} ») : rien n'a été importé.",
                    )
                total.update(table.name.encode() + h_here.digest())
        return total.hexdigest()


__all__ = ["ImportReport", "ServerImport", "TableImport"]
