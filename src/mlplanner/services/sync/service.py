"""Sync between sites through a shared folder: export this site's changes, apply the others' change sets.

One call, `SyncService.sync(...)`, does a whole sync under the site's lock; the GUI runs it from a worker
thread with a progress callback, the CLI from a scheduled task. Order: export first (so a local edit that
loses to a remote one has already left for the other sites), then apply every pending change set of the
other sites, one transaction each. Faults leave the database as it was: a damaged, incomplete, forged,
out-of-bounds or too-new change set is refused with a French message saying what to do, reported once
(`quarantine`), and the others keep flowing; a damaged or missing one is asked again from its origin
site through the folder (`sync.resend`), and this site writes again those the others ask of it.
"""

from __future__ import annotations

import errno
import functools
import gc
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from operator import eq, itemgetter, lt
from pathlib import Path
from typing import Any

from sqlalchemy import String, delete, type_coerce, update
from sqlmodel import col, or_, select

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.hlc import Stamp
from mlplanner.domain.models import Change, Changes
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SYSTEM_ACTOR, Actor, ServiceContext, local_site_codes
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import columns
from mlplanner.services.sync import report as rp
from mlplanner.services.sync.apply import Deferred, apply_decoded, decode_change_set, merge_decoded
from mlplanner.services.sync.bulk import insert_for
from mlplanner.services.sync.export import (
    collect_changes,
    covered_ranges,
    load_cursors,
    save_cursors,
    site_suffix,
)
from mlplanner.services.sync.quarantine import Refusals, gaps, missing_message
from mlplanner.services.sync.report import RefusedChangeSet, ResentChangeSet, SyncReport
from mlplanner.services.sync.view import TABLES_FR, ChangeSetView, show_change_set
from mlplanner.storage.migrate import head_revision, known_revisions
from mlplanner.storage.sync_tables import SyncApplied, SyncConflict, SyncPeer, SyncSent
from mlplanner.storage.tables import Appointment, Meta, Room, Site, Staff, Youth, table_of
from mlplanner.sync.changeset import (
    FINGERPRINT_MISSING,
    SITE_CODE,
    ChangeSetRef,
    cleanup_temporaries,
    existing_seqs,
    fingerprint,
    list_change_sets,
    read_change_set,
    site_dir,
    write_change_set,
)
from mlplanner.sync.errors import ChangeSetRefused
from mlplanner.sync.lock import folder_error, site_lock
from mlplanner.sync.resend import ResendRequest, read_requests, write_requests

__all__ = ["RefusedChangeSet", "ResentChangeSet", "SyncReport", "SyncService"]

log = logging.getLogger(__name__)

NEXT_SEQ_KEY = "sync.next_seq"
LAST_REPORT_KEY = "sync.last_report"
Progress = Callable[[str, int, int], None]
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


@dataclass
class _Incoming:
    """What applying the other sites' change sets did (within one sync)."""

    refusals: Refusals
    applied: list[tuple[str, int, int]] = field(default_factory=list)
    refused: list[RefusedChangeSet] = field(default_factory=list)
    waiting: list[RefusedChangeSet] = field(default_factory=list)
    notices: list[RefusedChangeSet] = field(default_factory=list)
    conflicts: int = 0
    tables: set[str] = field(default_factory=set)


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


def _next_seq(s: Any, site: str) -> int:
    """The number of `site`'s next change set (its own key on a server holding several sites)."""
    meta = s.get(Meta, NEXT_SEQ_KEY + site_suffix(s, site))
    return int(meta.value) if meta else 1


@functools.cache
def _schema_revisions() -> tuple[str, frozenset[str]]:
    """(head, known): read once per process (Alembic compiles the migration scripts to walk them)."""
    return head_revision(), frozenset(known_revisions())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused, then resumed (if it ran before). A sync makes hundreds of thousands
    of rows, fields and values, short-lived and without cycles, and each 700 of them started a collection
    that walked the young objects, every tenth one the older ones, every hundredth all the process's
    (SQLAlchemy's and the app's): 4 % of an export's instructions and 3.5 % of an apply's at the large
    site. The garbage of the sync's own cycles (sessions, ORM states) waits until it ends."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_KEY_START, _KEY_END = itemgetter(0, 1), itemgetter(0, 2)


def _may_overlap(spans: list[tuple[Any, Any, Any]]) -> bool:
    """Whether two of these (key, start, end) with the same key may overlap: one starts before the latest
    end of those sorted before it, or both start at the same time (C-level passes over the sorted list)."""
    spans.sort()
    starts = list(map(_KEY_START, spans))
    reach = list(accumulate(map(_KEY_END, spans), max))  # (key, latest end so far): the keys are sorted
    return any(map(lt, starts[1:], reach)) or any(map(eq, starts[1:], starts))


def _stamp_time(stamp: str) -> datetime | None:
    parsed = Stamp.parse_lenient(stamp)
    return parsed.instant if parsed else None


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
                conn = s.connection()
                ins = insert_for(conn.dialect)(table_of(SyncPeer)).on_conflict_do_nothing()
                conn.execute(ins, [{"code": c, "added_at": self.ctx.clock.now_utc()} for c in clean])
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
        """Export, answer the other sites' re-send requests, apply everything pending, publish this
        site's own requests. Safe to call from a worker thread.

        `awaiting`: sites that asked to join the network and that no site lead accepted yet: their change
        sets wait, neither applied nor refused (the network service reports them as requests).

        Python's cycle collector is paused meanwhile (`collector_paused`)."""
        with collector_paused():
            return self._sync(
                folder=folder, passphrase=passphrase, actor=actor, progress=progress, awaiting=awaiting
            )

    def _sync(
        self,
        *,
        folder: Path | str,
        passphrase: str | None,
        actor: Actor,
        progress: Progress | None,
        awaiting: frozenset[str],
    ) -> SyncReport:
        require(actor, Perm.SYNC)
        self.ctx.db.writes.wait()  # a file whose site moved to a server writes no change set (site_moved)
        folder = Path(folder)
        started = self.ctx.clock.now_utc()
        with self.ctx.read() as s:
            me = self.ctx.site_code(s)
            # A server holding several sites is several members of the network: each of its sites writes
            # its own change sets in its own folder, and the others' are applied once for all of them.
            local = local_site_codes(s) or [me]
        if not folder.is_dir():
            raise folder_error(FileNotFoundError(errno.ENOENT, "missing"), folder)
        try:
            for code in local:
                site_dir(folder, code).mkdir(exist_ok=True)
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        with ExitStack() as held:
            for code in sorted(local):
                held.enter_context(site_lock(site_dir(folder, code), code))
            own_from: dict[str, int] = {}
            with self.ctx.read() as s:  # own change sets from these numbers on: written after this
                for code in local:  # database's state (a restore)
                    own_from[code] = _next_seq(s, code)
            seq, rows, not_shared, just_written = None, 0, 0, {}
            resent: list[ResentChangeSet] = []
            for code in local:
                cleanup_temporaries(folder, code)
                one_seq, one_rows, one_not_shared = self._export(folder, code, passphrase, progress)
                if one_seq is not None:
                    just_written[code] = one_seq
                    seq = one_seq if code == me or seq is None else seq
                rows += one_rows
                not_shared += one_not_shared
                resent += self._answer_requests(folder, code, passphrase)
            incoming = self._apply_pending(
                folder, local, passphrase, progress, awaiting, own_from=own_from, just_written=just_written
            )
            self._publish_requests(folder, local[0], incoming.refusals)
            if self.answer is not None and self.answer():  # the answers leave now, not at the next sync
                for code in local:
                    more_seq, more_rows, _ = self._export(folder, code, passphrase, progress)
                    if more_seq is not None and (code == me or seq is None):
                        seq = more_seq
                    rows += more_rows
        clashes = self.clash_count(since=self.ctx.today())
        kinds = {_CHANGE_KINDS.get(t, Change.CONFIG) for t in incoming.tables}
        report = SyncReport(
            me,
            started,
            self.ctx.clock.now_utc(),
            seq,
            rows,
            tuple(incoming.applied),
            tuple(incoming.refused),
            incoming.conflicts,
            clashes,
            not_shared,
            Changes.of(*kinds) if kinds else Changes(),
            waiting=tuple(incoming.waiting),
            notices=tuple(incoming.notices),
            resent=tuple(resent),
        )
        self._save_report(report)
        return report

    def _now_ms(self) -> int:
        return int(self.ctx.clock.now_utc().timestamp() * 1000)

    def _tz(self) -> str:
        try:
            return self.ctx.site().timezone
        except StorageError:
            return "Europe/Paris"

    # --- sending ---------------------------------------------------------------------------------
    def _export(self, folder: Path, me: str, passphrase: str | None, progress: Progress | None) -> tuple:
        """Write site `me`'s row versions not sent yet as its next change set. On a server, read while
        holding `me`'s lock (`quiet_read`): none of its writers is half-way, so the cursors never pass an
        edit stamped but not yet committed (see `sync.export`)."""
        if progress:
            progress("préparation des modifications locales", 0, 1)
        with self.ctx.db.quiet_read(lock=me) as s:
            suffix = site_suffix(s, me)
            before = load_cursors(s, suffix)
            batch = collect_changes(s, me)
            next_seq = _next_seq(s, me)
        if not batch.rows:
            if batch.cursors_moved:  # only other sites' rows (or none) above the cursors: skip them next time
                with self.ctx.db.write(lock=me) as s:
                    save_cursors(s, batch.cursors, suffix)
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
        with self.ctx.db.write(lock=me) as s:
            save_cursors(s, batch.cursors, suffix)
            s.merge(Meta(key=NEXT_SEQ_KEY + suffix, value=str(seq + 1)))
            ranges = covered_ranges(before, batch.cursors)
            s.merge(
                SyncSent(
                    site=me,
                    seq=seq,
                    ranges=json.dumps(ranges),
                    rows=batch.rows,
                    written_at=self.ctx.clock.now_utc(),
                )
            )
        if progress:
            progress(f"lot n° {seq} écrit ({batch.rows} lignes)", 1, 1)
        return seq, batch.rows, batch.not_shared

    def _answer_requests(self, folder: Path, me: str, passphrase: str | None) -> list[ResentChangeSet]:
        """Write again the change sets of this site that others found damaged or missing."""
        by_seq: dict[int, list[ResendRequest]] = {}
        for r in read_requests(folder, for_site=me):
            by_seq.setdefault(r.seq, []).append(r)
        if not by_seq:
            return []
        written = set(existing_seqs(folder, me))
        with self.ctx.read() as s:
            next_seq = _next_seq(s, me)
        resent: list[ResentChangeSet] = []
        for seq, asks in sorted(by_seq.items()):
            if seq >= max(next_seq, max(written, default=0) + 1):
                continue  # never written by this site: nothing to send again
            current = fingerprint(site_dir(folder, me) / f"{seq:08d}")
            if current not in {a.fingerprint for a in asks}:
                continue  # already re-sent (or repaired) since the asker looked
            self._resend(folder, me, seq, passphrase)
            resent.append(ResentChangeSet(seq, tuple(sorted({a.asker for a in asks}))))
        return resent

    def _resend(self, folder: Path, me: str, seq: int, passphrase: str | None) -> None:
        """Write change set `seq` again from the rows it covered (those edited since left later)."""
        with self.ctx.db.quiet_read(lock=me) as s:
            sent = s.get(SyncSent, (me, seq))
            if sent is not None:
                ranges = {k: (str(v[0]), str(v[1])) for k, v in json.loads(sent.ranges).items()}
            else:  # written before this file kept track (or before a restore): everything up to now
                ranges = {name: ("", upper) for name, upper in collect_changes(s, me).cursors.items()}
            batch = collect_changes(s, me, ranges=ranges)
        try:
            write_change_set(
                folder,
                site=me,
                seq=seq,
                schema=_schema_revisions()[0],
                created_at=self.ctx.clock.now_utc().isoformat(),
                tables=batch.tables,
                max_hlc=batch.max_hlc,
                passphrase=passphrase,
                replace=True,
            )
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        with self.ctx.db.write(lock=me) as s:
            row = s.get(SyncSent, (me, seq)) or SyncSent(
                site=me, seq=seq, ranges=json.dumps(ranges), rows=batch.rows
            )
            row.resent_at = self.ctx.clock.now_utc()
            s.add(row)
        log.info("change set %s re-sent on request", seq)

    def _publish_requests(self, folder: Path, me: str, refusals: Refusals) -> None:
        try:
            write_requests(folder, me, refusals.resend_requests(me, self.ctx.clock.now_utc()))
        except OSError as exc:
            raise folder_error(exc, folder) from exc

    # --- receiving -------------------------------------------------------------------------------
    def _refusal(self, refusals: Refusals, ref: ChangeSetRef, code: str, message: str) -> RefusedChangeSet:
        tail = rp.advice(code, ref.site)
        fp = "" if code == rp.UNKNOWN_SITE else fingerprint(ref.path)
        return refusals.note(ref.site, ref.seq, code, f"{message} {tail}".strip(), fp)

    def _apply_pending(
        self,
        folder: Path,
        local: list[str],
        passphrase: str | None,
        progress: Progress | None,
        awaiting: frozenset[str] = frozenset(),
        *,
        own_from: dict[str, int] | None = None,
        just_written: dict[str, int] | None = None,
    ) -> _Incoming:
        """Apply the other sites' pending change sets — and this database's own sites' from `own_from`
        on, but the ones just written: after a restore, the database lacks what it sent since the
        backup, and every other site has it (an erasure among them); without them it would disagree
        forever. `local`: the sites that live in this database (a server may hold several)."""
        own_from, just_written = own_from or {}, just_written or {}
        with self.ctx.read() as s:
            done = set(s.exec(select(SyncApplied.site, SyncApplied.seq)).all())
            peers = set(s.exec(select(SyncPeer.code)))
            refusals = Refusals(s)
        try:
            every = list_change_sets(folder)
        except OSError as exc:
            raise folder_error(exc, folder) from exc
        own = [
            r
            for r in every
            if r.site in own_from and r.seq >= own_from[r.site] and r.seq != just_written.get(r.site)
        ]
        every = [r for r in every if r.site not in local]
        refs = [r for r in [*own, *every] if (r.site, r.seq) not in done]
        result = _Incoming(refusals)
        present: dict[str, list[int]] = {}
        for r in every:
            present.setdefault(r.site, []).append(r.seq)
        applied_by_site: dict[str, set[int]] = {}
        for site, seq in done:
            applied_by_site.setdefault(site, set()).add(seq)
        for site, seq in gaps({k: v for k, v in present.items() if k in peers}, applied_by_site):
            message = f"{missing_message(site, seq)} {rp.advice(rp.MISSING, site)}"
            result.refused.append(refusals.note(site, seq, rp.MISSING, message, FINGERPRINT_MISSING))
        schemas = _schema_revisions()[1]
        waiting: list[tuple[ChangeSetRef, Any, Any]] = []
        for i, ref in enumerate(refs, start=1):
            if progress:
                progress(f"lecture du {ref.label}", i, len(refs))
            if ref.site not in peers and ref.site in awaiting:
                continue  # a join request: its sets wait for a site lead's acceptance
            if ref.site not in peers and ref.site not in local:
                message = (
                    f"Le {ref.label} est refusé : le site {ref.site} n'est pas dans la liste des sites du "
                    "réseau (un responsable peut l'y ajouter)."
                )
                result.refused.append(refusals.note(ref.site, ref.seq, rp.UNKNOWN_SITE, message, ""))
                continue
            known = refusals.skip(ref)
            if known is not None:
                result.refused.append(known)
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
                waiting.append((ref, cs, decode_change_set(cs, now_ms=self._now_ms())))
            except ChangeSetRefused as exc:
                result.refused.append(self._refusal(refusals, ref, exc.code, exc.message))
        if waiting and self.before_apply is not None:
            self.before_apply()
        received_youths: list[str] = []
        progressed = True
        while waiting and progressed:  # a set waiting for another site's rows is retried after the others
            progressed, still = False, []
            for item in waiting:
                done_now = self._apply_one(local, [item], refusals, result, received_youths, progress)
                if done_now is None:
                    still.append(item)
                progressed = progressed or done_now is not None
            waiting = still
            if waiting and not progressed:  # sets of one site that need each other: together
                by_site: dict[str, list[tuple[ChangeSetRef, Any, Any]]] = {}
                for item in waiting:
                    by_site.setdefault(item[0].site, []).append(item)
                for group in by_site.values():
                    if len(group) > 1 and self._apply_one(
                        local, group, refusals, result, received_youths, progress
                    ):
                        waiting = [w for w in waiting if w not in group]
                        progressed = True
        if received_youths and self.after_apply is not None:
            self.after_apply(received_youths)
        for ref, _cs, _d in waiting:
            message = (
                f"Le {ref.label} attend des données d'un autre lot pas encore reçu (d'un autre site, ou "
                "mis de côté) ; il sera repris à chaque synchronisation."
            )
            result.waiting.append(refusals.note(ref.site, ref.seq, rp.WAITING, message, ""))
        with self.ctx.db.write() as s:
            refusals.save(s, self.ctx.clock.now_utc())
        return result

    def _apply_one(
        self,
        local: list[str],
        items: list[tuple[ChangeSetRef, Any, Any]],
        refusals: Refusals,
        result: _Incoming,
        received_youths: list[str],
        progress: Progress | None,
    ) -> bool | None:
        """Apply one change set (or several of one site, merged) in one transaction. None: it waits for
        rows not received yet; False: refused; True: applied. On a server, every local site's writers
        wait meanwhile (the rows are decided, then written, with none of them in flight)."""
        ref, cs, decoded = items[0]
        if len(items) > 1:
            decoded = merge_decoded([d for _r, _c, d in items])
        together = tuple(r.seq for r, _c, _d in items[1:])
        try:
            with self.ctx.db.write(lock=local) as s:
                out = apply_decoded(
                    s, self.ctx, me=local, cs=cs, decoded=decoded, progress=progress, together=together
                )
        except Deferred:
            return None
        except ChangeSetRefused as exc:
            for r, _c, _d in items:
                result.refused.append(self._refusal(refusals, r, exc.code, exc.message))
            return False
        except StorageError as exc:
            if exc.code in ("db_locked", "db_readonly", "db_unreachable", "db_corrupt"):
                raise
            for r, _c, _d in items:
                message = (
                    f"Le {r.label} n'a pas pu être appliqué ({exc.message}) ; rien n'en a été appliqué, "
                    "il sera repris à la prochaine synchronisation."
                )
                result.refused.append(refusals.note(r.site, r.seq, exc.code, message, ""))
            return False
        received_youths.extend(str(row["id"]) for d in decoded if d.spec.name == "youth" for row in d.rows)
        for r, _c, _d in items:
            result.applied.append((r.site, r.seq, out.written if r is ref else 0))
        result.conflicts += out.conflicts
        result.tables |= out.tables
        if out.nothing_new:
            message = (
                f"Le {ref.label} ne contient que des modifications déjà reçues (ou déjà remplacées) : rien "
                "n'a changé. "
                f"C'est normal juste après une restauration de sauvegarde au site {ref.site} ; "
                "sinon, c'est la copie d'un ancien lot sous un nouveau numéro : vérifiez qui écrit "
                "dans le dossier de synchronisation."
            )
            result.notices.append(RefusedChangeSet(ref.site, ref.seq, rp.REPLAY, message))
        return True

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

    def show(self, *, actor: Actor, path: Path | str, passphrase: str | None = None) -> ChangeSetView:
        """A readable view of one change set of the folder (site leads audit what travelled)."""
        require(actor, Perm.VIEW_AUDIT)
        return show_change_set(Path(path), passphrase=passphrase)

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

    def clash_count(self, *, since: date) -> int:
        """`len(clashes(since=since))`, for the sync's report: the usual answer, none, from one read of the
        appointments from the day before `since` on, instead of six joins (0.1 s at a large site).

        Per kind (staff as counsellor or second person, room, youth), the appointments that could clash
        are sorted by (who, start): two of them overlap only if one starts before the latest end of the
        earlier ones with the same key, or both start together. Any such pair (or an appointment that
        has the same person twice) is counted by `clashes` itself, so the count is always its."""
        t = table_of(Appointment)
        q = select(
            *columns(
                t.c.counsellor_id,
                t.c.second_staff_id,
                t.c.room_id,
                t.c.youth_id,
                type_coerce(t.c.start, String),  # as the driver returns them: compared, never shown
                type_coerce(t.c.end, String),
                t.c.forced_reason,
            )
        ).where(
            t.c.deleted == False,
            t.c.status.in_(OCCUPYING_STATUSES),
            t.c.start >= datetime.combine(since - timedelta(days=1), datetime.min.time()),
        )
        with self.ctx.read() as s:
            rows = s.execute(q).all()
        staff = [(w, a, b) for c, x, _r, _y, a, b, f in rows if f == "" for w in (c, x) if w is not None]
        rooms = [(r, a, b) for _c, _x, r, _y, a, b, _f in rows if r is not None]
        youths = [(y, a, b) for _c, _x, _r, y, a, b, _f in rows if y is not None]
        if any(map(_may_overlap, (staff, rooms, youths))):
            return len(self.clashes(actor=SYSTEM_ACTOR, since=since))
        return 0

    @staticmethod
    def _who(s: Any, kind: str, key: str) -> str:
        model = {"counsellor": Staff, "room": Room, "youth": Youth}[kind]
        row = s.get(model, key)
        if row is None:
            return key
        if kind == "room":
            return row.name
        return f"{row.first_name} {row.last_name}"
