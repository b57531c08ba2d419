"""Sync between sites through a shared folder: export this site's changes, apply the others' change sets.

One call, `SyncService.sync(...)`, does a whole sync under the site's lock; the GUI runs it from a worker
thread with a progress callback, the CLI from a scheduled task. Order: export first (so a local edit that
loses to a remote one has already left for the other sites), then apply every pending change set of the
other sites, one transaction each. Faults leave the database as it was: a damaged, incomplete, forged or
too-new change set is refused with a French message and retried at the next sync.
"""

from __future__ import annotations

import errno
import functools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, or_, select

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.hlc import Stamp
from mlplanner.domain.models import Change, Changes
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SYSTEM_ACTOR, Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import columns
from mlplanner.services.sync.apply import Deferred, apply_decoded, decode_change_set
from mlplanner.services.sync.export import collect_changes, save_cursors
from mlplanner.storage.migrate import head_revision, known_revisions
from mlplanner.storage.sync_tables import SyncApplied, SyncConflict, SyncPeer
from mlplanner.storage.tables import Appointment, Meta, Room, Site, Staff, Youth, table_of
from mlplanner.sync.changeset import (
    SITE_CODE,
    ChangeSetRef,
    cleanup_temporaries,
    existing_seqs,
    list_change_sets,
    read_change_set,
    site_dir,
    write_change_set,
)
from mlplanner.sync.errors import ChangeSetRefused
from mlplanner.sync.lock import folder_error, site_lock

NEXT_SEQ_KEY = "sync.next_seq"
LAST_REPORT_KEY = "sync.last_report"
Progress = Callable[[str, int, int], None]
TABLES_FR = {
    "site": "site",
    "site_closure": "fermeture",
    "room": "salle",
    "staff": "personnel",
    "absence": "absence",
    "youth": "jeune",
    "appointment_type": "type de rendez-vous",
    "appointment": "rendez-vous",
}
# What a received table changes for the views (the site's own reference data otherwise: config).
_CHANGE_KINDS = {
    "youth": Change.YOUTHS,
    "appointment": Change.APPOINTMENTS,
    "staff": Change.STAFF,
    "absence": Change.STAFF,
    "workshop_series": Change.WORKSHOPS,
    "workshop_session": Change.WORKSHOPS,
    "workshop_registration": Change.WORKSHOPS,
    "booking_request": Change.REQUESTS,
    "booking_answer": Change.REQUESTS,
    "earlier_wish": Change.WISHES,
}


@dataclass(frozen=True)
class RefusedChangeSet:
    site: str
    seq: int
    code: str
    message: str


@dataclass(frozen=True)
class SyncReport:
    site: str
    started_at: datetime
    finished_at: datetime
    exported_seq: int | None
    exported_rows: int
    applied: tuple[tuple[str, int, int], ...]  # (site, seq, rows written)
    refused: tuple[RefusedChangeSet, ...]
    new_conflicts: int
    clashes: int
    not_shared: int
    changes: Changes = field(default_factory=Changes)

    @property
    def ok(self) -> bool:
        return not self.refused

    def summary_fr(self) -> str:
        parts = [f"{self.exported_rows} modification(s) envoyée(s)"]
        rows = sum(r for _s, _q, r in self.applied)
        parts.append(f"{len(self.applied)} lot(s) reçu(s), {rows} ligne(s) appliquée(s)")
        if self.new_conflicts:
            parts.append(f"{self.new_conflicts} conflit(s) à examiner")
        if self.clashes:
            parts.append(f"{self.clashes} double(s) réservation(s) à régler")
        if self.not_shared:
            parts.append(f"{self.not_shared} modification(s) de données d'un autre site non partagée(s)")
        if self.refused:
            parts.append(f"{len(self.refused)} lot(s) refusé(s)")
        return "Synchronisation " + ("réussie" if self.ok else "incomplète") + " : " + ", ".join(parts) + "."


@dataclass(frozen=True)
class ConflictView:
    id: int
    detected_at: datetime
    table: str
    table_fr: str
    row_id: str
    label: str
    reason: str
    winner_site: str
    winner_at: datetime | None
    loser_site: str
    loser_at: datetime | None
    loser_data: dict[str, str]
    reviewed: bool


@dataclass(frozen=True)
class Clash:
    kind: str  # counsellor | room | youth
    who: str
    first_id: str
    second_id: str
    first_start: datetime
    first_end: datetime
    second_start: datetime
    second_end: datetime
    first_site: str
    second_site: str

    def sentence_fr(self) -> str:
        what = {"counsellor": "Le conseiller", "room": "La salle", "youth": "Le jeune"}[self.kind]
        return (
            f"{what} {self.who} a deux rendez-vous qui se chevauchent le {self.first_start:%d/%m/%Y} : "
            f"{self.first_start:%H:%M}–{self.first_end:%H:%M} ({self.first_site}) et "
            f"{self.second_start:%H:%M}–{self.second_end:%H:%M} ({self.second_site})."
        )


@functools.cache
def _schema_revisions() -> tuple[str, frozenset[str]]:
    """(head, known): read once per process (Alembic compiles the migration scripts to walk them)."""
    return head_revision(), frozenset(known_revisions())


def _stamp_time(stamp: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Stamp.parse(stamp).physical_ms / 1000, UTC)
    except (ValueError, TypeError):
        return None


@checked_dates
class SyncService:
    """`before_apply()` runs once before any change set is applied (the container passes a backup);
    `after_apply(youth_ids)` receives the youths that arrived (the container passes the privacy
    service's follow-up, which cleans this site's copies of youths erased or anonymised elsewhere)."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        before_apply: Callable[[], object] | None = None,
        after_apply: Callable[[list[str]], object] | None = None,
        answer: Callable[[], int] | None = None,
    ) -> None:
        self.ctx = ctx
        self.before_apply = before_apply
        self.after_apply = after_apply
        # `answer()`: after applying, what this site must answer in writing (booking requests other
        # sites sent it); how many rows it wrote, which leave in a second change set of the same sync
        self.answer = answer

    # --- the network's list of sites ---------------------------------------------------------------
    def peers(self) -> list[str]:
        with self.ctx.read() as s:
            return sorted(s.exec(select(SyncPeer.code)))

    def allow_sites(self, *, actor: Actor, codes: list[str]) -> list[str]:
        require(actor, Perm.CONFIGURE_SITE)
        clean = [c.strip().upper() for c in codes if c.strip()]
        bad = [c for c in clean if not SITE_CODE.match(c)]
        if bad:
            raise InputError("bad_site_code", f"Code de site invalide : « {bad[0]} ».")
        with self.ctx.db.write() as s:
            if clean:
                ins = sqlite_insert(table_of(SyncPeer)).on_conflict_do_nothing()
                s.connection().execute(
                    ins, [{"code": c, "added_at": self.ctx.clock.now_utc()} for c in clean]
                )
        return self.peers()

    def remove_site(self, *, actor: Actor, code: str) -> list[str]:
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.db.write() as s:
            s.execute(delete(SyncPeer).where(col(SyncPeer.code) == code.strip().upper()))
        return self.peers()

    # --- one sync ------------------------------------------------------------------------------------
    def sync(
        self,
        *,
        folder: Path | str,
        passphrase: str | None = None,
        actor: Actor = SYSTEM_ACTOR,
        progress: Progress | None = None,
        awaiting: frozenset[str] = frozenset(),
    ) -> SyncReport:
        """Export, then apply everything pending. Safe to call from a worker thread.

        `awaiting`: sites that asked to join the network and that no site lead accepted yet: their change
        sets wait, neither applied nor refused (the network service reports them as requests)."""
        require(actor, Perm.SYNC)
        folder = Path(folder)
        started = self.ctx.clock.now_utc()
        with self.ctx.read() as s:
            me = self.ctx.site_code(s)
        if not folder.is_dir():
            raise folder_error(FileNotFoundError(errno.ENOENT, "missing"), folder)
        sdir = site_dir(folder, me)
        try:
            sdir.mkdir(exist_ok=True)
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        with site_lock(sdir, me):
            cleanup_temporaries(folder, me)
            seq, rows, not_shared = self._export(folder, me, passphrase, progress)
            applied, refused, conflicts, tables = self._apply_pending(
                folder, me, passphrase, progress, awaiting
            )
            if self.answer is not None and self.answer():  # the answers leave now, not at the next sync
                more_seq, more_rows, _ = self._export(folder, me, passphrase, progress)
                seq, rows = more_seq or seq, rows + more_rows
        clashes = len(self.clashes(actor=SYSTEM_ACTOR, since=self.ctx.today()))
        kinds = {_CHANGE_KINDS.get(t, Change.CONFIG) for t in tables}
        report = SyncReport(
            me,
            started,
            self.ctx.clock.now_utc(),
            seq,
            rows,
            tuple(applied),
            tuple(refused),
            conflicts,
            clashes,
            not_shared,
            Changes.of(*kinds) if kinds else Changes(),
        )
        self._save_report(report)
        return report

    def _tz(self) -> str:
        try:
            return self.ctx.site().timezone
        except StorageError:
            return "Europe/Paris"

    def _export(self, folder: Path, me: str, passphrase: str | None, progress: Progress | None) -> tuple:
        if progress:
            progress("préparation des modifications locales", 0, 1)
        with self.ctx.read() as s:
            batch = collect_changes(s, me)
            meta = s.get(Meta, NEXT_SEQ_KEY)
            next_seq = int(meta.value) if meta else 1
        if not batch.rows:
            if batch.cursors_moved:  # only other sites' rows (or none) above the cursors: skip them next time
                with self.ctx.db.write() as s:
                    save_cursors(s, batch.cursors)
            return None, 0, batch.not_shared
        try:
            seq = max([next_seq, *(q + 1 for q in existing_seqs(folder, me))])
            write_change_set(
                folder,
                site=me,
                seq=seq,
                schema=_schema_revisions()[0],
                created_at=self.ctx.clock.now_utc().isoformat(),
                tables=batch.tables,
                max_hlc=batch.max_hlc,
                passphrase=passphrase,
            )
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        with self.ctx.db.write() as s:
            save_cursors(s, batch.cursors)
            s.merge(Meta(key=NEXT_SEQ_KEY, value=str(seq + 1)))
        if progress:
            progress(f"lot n° {seq} écrit ({batch.rows} lignes)", 1, 1)
        return seq, batch.rows, batch.not_shared

    def _apply_pending(
        self,
        folder: Path,
        me: str,
        passphrase: str | None,
        progress: Progress | None,
        awaiting: frozenset[str] = frozenset(),
    ) -> tuple:
        with self.ctx.read() as s:
            done = set(s.exec(select(SyncApplied.site, SyncApplied.seq)).all())
            peers = set(s.exec(select(SyncPeer.code)))
        try:
            refs = [r for r in list_change_sets(folder, exclude_site=me) if (r.site, r.seq) not in done]
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        schemas = _schema_revisions()[1]
        applied: list[tuple[str, int, int]] = []
        refused: list[RefusedChangeSet] = []
        conflicts, tables = 0, set()
        waiting: list[tuple[ChangeSetRef, Any, Any]] = []
        for i, ref in enumerate(refs, start=1):
            if progress:
                progress(f"lecture du {ref.label}", i, len(refs))
            if ref.site not in peers and ref.site in awaiting:
                continue  # a join request: its sets wait for a site lead's acceptance
            if ref.site not in peers:
                refused.append(
                    RefusedChangeSet(
                        ref.site,
                        ref.seq,
                        "cs_unknown_site",
                        (
                            f"Le {ref.label} est refusé : le site {ref.site} n'est pas dans la liste des sites du réseau "
                            "(un responsable peut l'y ajouter)."
                        ),
                    )
                )
                continue
            try:
                cs = read_change_set(ref, passphrase=passphrase)
                if cs.manifest.schema not in schemas:
                    raise ChangeSetRefused(
                        "cs_too_new",
                        (
                            f"Le {ref.label} est refusé : il vient d'une version plus récente de mlplanner "
                            f"(schéma {cs.manifest.schema}) ; mettez ce poste à jour."
                        ),
                    )
                waiting.append((ref, cs, decode_change_set(cs)))
            except ChangeSetRefused as exc:
                refused.append(RefusedChangeSet(ref.site, ref.seq, exc.code, exc.message))
        if waiting and self.before_apply is not None:
            self.before_apply()
        received_youths: list[str] = []
        progressed = True
        while waiting and progressed:  # a set waiting for another site's rows is retried after the others
            progressed, still = False, []
            for ref, cs, decoded in waiting:
                try:
                    with self.ctx.db.write() as s:
                        out = apply_decoded(s, self.ctx, me=me, cs=cs, decoded=decoded, progress=progress)
                except Deferred:
                    still.append((ref, cs, decoded))
                    continue
                except ChangeSetRefused as exc:
                    refused.append(RefusedChangeSet(ref.site, ref.seq, exc.code, exc.message))
                    continue
                except StorageError as exc:
                    if exc.code in ("db_locked", "db_readonly", "db_unreachable"):
                        raise
                    refused.append(
                        RefusedChangeSet(
                            ref.site,
                            ref.seq,
                            exc.code,
                            (
                                f"Le {ref.label} n'a pas pu être appliqué ({exc.message}) ; rien n'en a été appliqué, "
                                "il sera repris à la prochaine synchronisation."
                            ),
                        )
                    )
                    continue
                progressed = True
                received_youths.extend(
                    str(row["id"]) for d in decoded if d.spec.name == "youth" for row in d.rows
                )
                applied.append((ref.site, ref.seq, out.written))
                conflicts += out.conflicts
                tables |= out.tables
            waiting = still
        if received_youths and self.after_apply is not None:
            self.after_apply(received_youths)
        for ref, _cs, _d in waiting:
            refused.append(
                RefusedChangeSet(
                    ref.site,
                    ref.seq,
                    "cs_waiting",
                    (
                        f"Le {ref.label} attend des données d'un autre site pas encore reçues ; "
                        "il sera repris à la prochaine synchronisation."
                    ),
                )
            )
        return applied, refused, conflicts, tables

    def remember(self, report: SyncReport) -> None:
        """Keep `report` as the last sync's (the network service merges two passes into one)."""
        self._save_report(report)

    def _save_report(self, report: SyncReport) -> None:
        data = asdict(report)
        data["summary"] = report.summary_fr()
        data.pop("changes", None)
        with self.ctx.db.write() as s:
            s.merge(Meta(key=LAST_REPORT_KEY, value=json.dumps(data, default=str, ensure_ascii=False)))

    def last_report(self) -> dict[str, Any] | None:
        """The last sync's result as saved (for the status indicator): keys finished_at, ok, summary..."""
        with self.ctx.read() as s:
            meta = s.get(Meta, LAST_REPORT_KEY)
        if meta is None:
            return None
        data = json.loads(meta.value)
        data["ok"] = not data.get("refused")
        return data

    # --- review: conflicts and clashes ------------------------------------------------------------------
    def conflicts(self, *, actor: Actor, include_reviewed: bool = False) -> list[ConflictView]:
        require(actor, Perm.VIEW_AUDIT)
        with self.ctx.read() as s:
            q = select(SyncConflict).order_by(col(SyncConflict.id).desc())
            if not include_reviewed:
                q = q.where(col(SyncConflict.reviewed_at).is_(None))
            rows = list(s.exec(q))
        views = []
        for r in rows:
            data = json.loads(r.loser_data or "{}")
            label = " ".join(
                v
                for v in (
                    data.get("last_name", "").upper(),
                    data.get("first_name", ""),
                    data.get("code", ""),
                    data.get("name", ""),
                )
                if v and v != "\\N"
            )
            views.append(
                ConflictView(
                    r.id or 0,
                    r.detected_at,
                    r.tbl,
                    TABLES_FR.get(r.tbl, r.tbl),
                    r.row_id,
                    label or r.row_id,
                    "modification concurrente" if r.reason == "concurrent" else "modification non autorisée",
                    r.winner_site,
                    _stamp_time(r.winner_hlc),
                    r.loser_site,
                    _stamp_time(r.loser_hlc),
                    data,
                    r.reviewed_at is not None,
                )
            )
        return views

    def mark_reviewed(self, *, actor: Actor, conflict_id: int) -> None:
        require(actor, Perm.VIEW_AUDIT)
        with self.ctx.db.write() as s:
            s.execute(
                update(SyncConflict)
                .where(col(SyncConflict.id) == conflict_id)
                .values(reviewed_at=self.ctx.clock.now_utc(), reviewed_by=actor.name)
            )

    def clashes(self, *, actor: Actor, since: date | None = None) -> list[Clash]:
        """Double bookings that sites made offline (found after merging): listed, never dropped."""
        require(actor, Perm.VIEW_AUDIT)
        t = table_of(Appointment)
        a, b = t.alias("a"), t.alias("b")
        found: list[Clash] = []
        with self.ctx.read() as s:
            sites = {i: code for i, code in s.execute(select(Site.id, Site.code))}
            # a staff member is busy as the counsellor or as the second person of an appointment
            staff = ("counsellor_id", "second_staff_id")
            pairs = [("counsellor", x, y) for x in staff for y in staff]
            for kind, col, other in (
                *pairs,
                ("room", "room_id", "room_id"),
                ("youth", "youth_id", "youth_id"),
            ):
                q = select(
                    *columns(
                        a.c.id,
                        b.c.id,
                        a.c[col],
                        a.c.start,
                        a.c.end,
                        b.c.start,
                        b.c.end,
                        a.c.site_id,
                        b.c.site_id,
                    )
                ).where(
                    a.c[col] == b.c[other],
                    # b starts within a: an index range on (col, start); equal starts ordered by id
                    b.c.start >= a.c.start,
                    b.c.start < a.c.end,
                    or_(b.c.start > a.c.start, a.c.id < b.c.id),
                    a.c.deleted == False,
                    b.c.deleted == False,
                    a.c.status.in_(OCCUPYING_STATUSES),
                    b.c.status.in_(OCCUPYING_STATUSES),
                )
                if since is not None:  # appointments last under a day: the bound on `start` uses its index
                    q = q.where(
                        a.c.end >= datetime.combine(since, datetime.min.time()),
                        a.c.start >= datetime.combine(since - timedelta(days=1), datetime.min.time()),
                    )
                if kind == "counsellor":
                    q = q.where(a.c.forced_reason == "", b.c.forced_reason == "")
                for aid, bid, who, s1, e1, s2, e2, site1, site2 in s.execute(q).all():
                    found.append(
                        Clash(
                            kind,
                            self._who(s, kind, who),
                            aid,
                            bid,
                            s1,
                            e1,
                            s2,
                            e2,
                            sites.get(site1, "?"),
                            sites.get(site2, "?"),
                        )
                    )
        return sorted(found, key=lambda c: (c.first_start, c.kind))

    @staticmethod
    def _who(s: Any, kind: str, key: str) -> str:
        model = {"counsellor": Staff, "room": Room, "youth": Youth}[kind]
        row = s.get(model, key)
        if row is None:
            return key
        if kind == "room":
            return row.name
        return f"{row.first_name} {row.last_name}"
