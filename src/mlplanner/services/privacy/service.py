"""RGPD tools: retention of young people's data, erasure on request, and the record of both.

Retention, each period configurable in the `meta` table (settings page or `mlplanner privacy settings`):
- a youth with no activity (appointment, workshop, programme end, creation) for `privacy.inactive_months`
  (default 36) is **anonymised**: name replaced by "Anonyme n° <id>", birth date kept as a year, contact,
  external id, accessibility need and every free text removed; appointments and registrations stay with
  their statuses, so the statistics (counts, outcomes, attendance) do not move;
- funder evidence (workshop participant lists and signed attendance) is kept for
  `privacy.funder_evidence_years` (default 5) after the session: an inactive youth who attended a workshop
  in that period is **reduced** instead (name kept for the sign-in sheet, everything else the funder does
  not need removed) and anonymised once the period is over.
`apply_retention(dry_run=True)` lists what would happen; the real run writes one audit entry per youth.

Erasure on request turns the youth into a tombstone (`deleted` set, personal fields blank) through
`ctx.write()`, so the row's HLC is bumped and the sync carries it to every site; this site's future
appointments are cancelled. A site only edits the rows it owns (the sync refuses the others), so every
receiving site cleans its own appointments and registrations in `follow_received()`, which the sync
apply calls with the youths that arrived erased or anonymised. Every action is audited without personal data, and the file is compacted afterwards so the old
text does not linger in free pages or the WAL. Backups still hold it until rotation removes them (14 days
by default); a restore re-applies the erasures recorded since (`carry_over_erasures`, a restore hook).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.models import Changes
from mlplanner.domain.wallclock import format_date_fr, local_now
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SYSTEM_ACTOR, Actor, ServiceContext
from mlplanner.services.directory.site_settings import IntSetting, SiteSettingsService
from mlplanner.services.permissions import Perm, require
from mlplanner.services.privacy import scrub
from mlplanner.services.youths.service import reindex
from mlplanner.storage.backup import compact_file
from mlplanner.storage.pg_backup import compact_server
from mlplanner.storage.tables import Appointment, AuditEntry, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSession

if TYPE_CHECKING:
    from mlplanner.services.privacy.access import AccessExport

log = logging.getLogger(__name__)

INACTIVE_MONTHS = IntSetting(
    key="privacy.inactive_months",
    label="Anonymiser un jeune sans activité depuis",
    default=36,
    minimum=6,
    maximum=120,
    unit="mois",
)
FUNDER_EVIDENCE_YEARS = IntSetting(
    key="privacy.funder_evidence_years",
    label="Conserver les preuves pour les financeurs (listes d'émargement) pendant",
    default=5,
    minimum=1,
    maximum=15,
    unit="ans",
)

ANONYMISE, REDUCE, ERASE = "anonymise", "reduce", "erase"
ERASE_CANCEL_REASON = "Données effacées à la demande de la personne (RGPD)"
CHANGED_KINDS = ("youths", "appointments", "workshops")


@dataclass(frozen=True)
class RetentionSettings:
    inactive_months: int
    funder_evidence_years: int


@dataclass(frozen=True)
class RetentionItem:
    youth_id: str
    display_name: str  # shown to the person holding the PRIVACY permission, never logged
    last_activity: date
    action: str  # ANONYMISE | REDUCE
    evidence_until: date | None = None  # REDUCE: the day full anonymisation becomes due


@dataclass(frozen=True)
class RetentionReport:
    today: date
    inactive_before: date
    evidence_after: date
    dry_run: bool
    items: tuple[RetentionItem, ...]
    changes: Changes

    @property
    def to_anonymise(self) -> tuple[RetentionItem, ...]:
        return tuple(i for i in self.items if i.action == ANONYMISE)

    @property
    def to_reduce(self) -> tuple[RetentionItem, ...]:
        return tuple(i for i in self.items if i.action == REDUCE)


@dataclass(frozen=True)
class ErasureResult:
    youth_id: str
    cancelled_appointments: int
    cancelled_registrations: int
    changes: Changes


def _merge_max(target: dict[str, date], rows: Iterable[Any]) -> None:
    for youth_id, when in rows:
        if when is None:
            continue
        d = when.date() if isinstance(when, datetime) else when
        if youth_id not in target or d > target[youth_id]:
            target[youth_id] = d


def last_activity(session: Session) -> dict[str, date]:
    """Per youth, the last day anything happened: creation, appointment, workshop, programme end."""
    found: dict[str, date] = {}
    _merge_max(found, session.execute(select(Youth.id, Youth.created_at)))
    _merge_max(found, session.execute(select(Youth.id, col(Youth.programme_end))))
    _merge_max(
        found,
        session.execute(
            select(Appointment.youth_id, func.max(Appointment.start))
            .where(Appointment.deleted == False)
            .group_by(Appointment.youth_id)
        ),
    )
    _merge_max(
        found,
        session.execute(
            select(WorkshopRegistration.youth_id, func.max(WorkshopSession.start))
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .where(WorkshopRegistration.deleted == False)
            .group_by(WorkshopRegistration.youth_id)
        ),
    )
    return found


def funder_evidence(session: Session) -> dict[str, date]:
    """Per youth, the last workshop session they were on the participant list of (funder evidence)."""
    found: dict[str, date] = {}
    _merge_max(
        found,
        session.execute(
            select(WorkshopRegistration.youth_id, func.max(WorkshopSession.start))
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .where(
                WorkshopRegistration.deleted == False,
                WorkshopRegistration.status == "confirmed",
                WorkshopSession.deleted == False,
                WorkshopSession.status != "cancelled",
            )
            .group_by(WorkshopRegistration.youth_id)
        ),
    )
    return found


def _already_reduced(row: Youth) -> bool:
    born = row.birth_date
    return not (
        row.phone
        or row.email
        or row.external_id
        or row.sms_consent
        or row.email_consent
        or row.needs_accessible_room
    ) and (born is None or (born.month, born.day) == (1, 1))


@checked_dates
class PrivacyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.settings = SiteSettingsService(ctx)

    # --- settings --------------------------------------------------------------------------------
    def retention_settings(self) -> RetentionSettings:
        return RetentionSettings(
            self.settings.get_int(INACTIVE_MONTHS), self.settings.get_int(FUNDER_EVIDENCE_YEARS)
        )

    def set_retention(
        self, *, actor: Actor, inactive_months: int | None = None, funder_evidence_years: int | None = None
    ) -> Changes:
        require(actor, Perm.PRIVACY)
        if inactive_months is not None:
            self.settings.set_int(actor=actor, setting=INACTIVE_MONTHS, value=inactive_months)
        if funder_evidence_years is not None:
            self.settings.set_int(actor=actor, setting=FUNDER_EVIDENCE_YEARS, value=funder_evidence_years)
        return Changes.of("config")

    def _today(self, s: Session) -> date:
        return local_now(self.ctx.clock.now_utc(), self.ctx.site_row(s).timezone).date()

    # --- retention -------------------------------------------------------------------------------
    def apply_retention(self, *, actor: Actor, dry_run: bool = True) -> RetentionReport:
        """Anonymise (or reduce) the youths past their retention period; `dry_run` only lists them."""
        require(actor, Perm.PRIVACY)
        conf = self.retention_settings()
        with self.ctx.read() if dry_run else self.ctx.write() as s:
            today = self._today(s)
            inactive_before = today - relativedelta(months=conf.inactive_months)
            evidence_after = today - relativedelta(years=conf.funder_evidence_years)
            items = self._candidates(s, inactive_before, evidence_after, conf.funder_evidence_years)
            if not dry_run and items:
                self._apply(s, actor, items)
        changes = Changes.of(*CHANGED_KINDS) if items and not dry_run else Changes()
        if changes:
            self._compact()
            log.info("retention applied: %d youths", len(items))
        return RetentionReport(today, inactive_before, evidence_after, dry_run, tuple(items), changes)

    def _candidates(
        self, s: Session, inactive_before: date, evidence_after: date, evidence_years: int
    ) -> list[RetentionItem]:
        active = last_activity(s)
        evidence = funder_evidence(s)
        q = select(Youth).where(Youth.deleted == False).order_by(col(Youth.fold_name))
        items = []
        for row in s.exec(q):
            last = active.get(row.id)
            if last is None or last >= inactive_before or scrub.is_anonymised(row):
                continue
            proof = evidence.get(row.id)
            if proof is not None and proof >= evidence_after:
                if _already_reduced(row):
                    continue
                until = proof + relativedelta(years=evidence_years)
                items.append(
                    RetentionItem(row.id, f"{row.last_name.upper()} {row.first_name}", last, REDUCE, until)
                )
            else:
                items.append(
                    RetentionItem(row.id, f"{row.last_name.upper()} {row.first_name}", last, ANONYMISE)
                )
        return items

    def _apply(self, s: Session, actor: Actor, items: list[RetentionItem]) -> None:
        """Reduce or anonymise the items, a few hundred youths per round of bulk queries."""
        for start in range(0, len(items), 200):
            batch = items[start : start + 200]
            merged = scrub.merged_into(s, [i.youth_id for i in batch])
            ids = [i.youth_id for i in batch] + [m for ms in merged.values() for m in ms]
            rows = {r.id: r for r in s.exec(select(Youth).where(col(Youth.id).in_(ids)))}
            reduced: list[Youth] = []
            for item in batch:
                for youth_id in (item.youth_id, *merged.get(item.youth_id, ())):
                    row = rows.get(youth_id)
                    if row is None:
                        continue
                    (scrub.reduce_youth if item.action == REDUCE else scrub.anonymise_youth)(row)
                    s.add(row)
                    if item.action == REDUCE:
                        reduced.append(row)
            touched = scrub.clear_free_text(s, ids, self.ctx.site_row(s).id)
            s.flush()
            scrub.purge_local_traces(s, ids, touched)
            reindex(s, reduced)  # still found by name while the funder may ask for the sign-in sheet
            for item in batch:
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action=item.action,
                    entity="youth",
                    entity_id=item.youth_id,
                    youth_id=item.youth_id,
                    reason=f"sans activité depuis le {format_date_fr(item.last_activity)}",
                    after={"merged_records": len(merged[item.youth_id])} if item.youth_id in merged else None,
                )

    # --- erasure ---------------------------------------------------------------------------------
    def erase(self, *, actor: Actor, youth_id: str, reason: str) -> ErasureResult:
        """Erase one young person on request: a tombstone that every site receives by sync."""
        require(actor, Perm.PRIVACY)
        reason = " ".join(reason.split())
        if not reason:
            raise InputError(
                "reason_required",
                "Indiquez la demande (date, forme) sans nom, par exemple « courrier du 12/03/2027 ».",
            )
        with self.ctx.write() as s:
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable (déjà effacé ?).")
            now = local_now(self.ctx.clock.now_utc(), self.ctx.site_row(s).timezone)
            n_appts, n_regs = self._erase_rows(s, [youth_id], now)
            audit.record(
                s,
                self.ctx,
                actor,
                action=ERASE,
                entity="youth",
                entity_id=youth_id,
                youth_id=youth_id,
                reason=reason[:300],
                after={"appointments_cancelled": n_appts, "registrations_cancelled": n_regs},
            )
        self._compact()
        log.info("youth %s erased on request", youth_id)
        return ErasureResult(youth_id, n_appts, n_regs, Changes.of(*CHANGED_KINDS, ids=(youth_id,)))

    def _erase_rows(self, s: Session, youth_ids: list[str], now: datetime) -> tuple[int, int]:
        ids = scrub.related_youth_ids(s, youth_ids)
        counts = self._clean_local(s, ids, now, cancel=True)
        for row in (s.get(Youth, i) for i in ids):
            if row is not None:
                scrub.erase_youth(row)
                s.add(row)
        s.flush()
        reindex(s, [r for r in (s.get(Youth, i) for i in ids) if r is not None])
        return counts

    def _clean_local(self, s: Session, ids: list[str], now: datetime, *, cancel: bool) -> tuple[int, int]:
        """This site's rows about these youths: free text blanked, future bookings cancelled, traces purged."""
        site_id = self.ctx.site_row(s).id
        touched = scrub.clear_free_text(s, ids, site_id)
        n_appts = n_regs = 0
        if cancel:
            for a in s.exec(
                select(Appointment).where(
                    col(Appointment.youth_id).in_(ids),
                    Appointment.site_id == site_id,
                    Appointment.start >= now,
                    Appointment.status == Status.BOOKED.value,
                    Appointment.deleted == False,
                )
            ):
                a.status, a.cancel_reason = Status.CANCELLED_BY_ML.value, ERASE_CANCEL_REASON
                s.add(a)
                n_appts += 1
            future = select(WorkshopSession.id).where(
                WorkshopSession.start >= now, WorkshopSession.site_id == site_id
            )
            for r in s.exec(
                select(WorkshopRegistration).where(
                    col(WorkshopRegistration.youth_id).in_(ids),
                    col(WorkshopRegistration.session_id).in_(future),
                    WorkshopRegistration.status != "cancelled",
                )
            ):
                r.status, r.cancel_reason = "cancelled", ERASE_CANCEL_REASON
                s.add(r)
                n_regs += 1
        s.flush()
        scrub.purge_local_traces(s, ids, touched)
        return n_appts, n_regs

    # --- what other sites did --------------------------------------------------------------------
    def follow_received(self, youth_ids: list[str]) -> int:
        """After a sync apply: youths that arrived erased or anonymised get this site's rows cleaned.

        Another site may not edit this site's appointments (the sync refuses it), so the site that erased
        or anonymised a youth cleaned its own rows, and each receiving site cleans its own here: notes
        blanked, future bookings cancelled (erasure), local audit and conflict copies purged, the file
        compacted. Idempotent. Returns how many youths needed something.
        """
        done = 0
        with self.ctx.write() as s:
            now = local_now(self.ctx.clock.now_utc(), self.ctx.site_row(s).timezone)
            for merged in self._merged_into_erased(s, youth_ids):  # merged meanwhile, elsewhere or here
                scrub.erase_youth(merged)
                s.add(merged)
                done += 1
            anonymised = self._anonymised(s, list(dict.fromkeys(youth_ids)))
            # read only when needed: the audit log grows with every action, and most syncs bring nobody anonymised
            erased_here = set(self._erased_ids(s)) if anonymised else set()
            for row in anonymised:
                erased = row.deleted and not row.merged_into_id and scrub.is_anonymised(row)
                if not erased and not (scrub.is_anonymised(row) and not row.deleted):
                    continue
                if erased and row.id in erased_here:
                    continue
                ids = scrub.related_youth_ids(s, [row.id])
                n_appts, _ = self._clean_local(s, ids, now, cancel=erased)
                if erased:
                    audit.record(
                        s,
                        self.ctx,
                        SYSTEM_ACTOR,
                        action=ERASE,
                        entity="youth",
                        entity_id=row.id,
                        youth_id=row.id,
                        reason=f"effacement reçu du site {row.origin_site}",
                        after={"appointments_cancelled": n_appts},
                    )
                done += 1
        if done:
            self._compact()
        return done

    @staticmethod
    def _merged_into_erased(s: Session, ids: list[str]) -> list[Youth]:
        """Records merged into an erased person that still hold a name: received merged into someone
        erased here, or here merged into someone who arrived erased (a merge and an erasure made at two
        sites before they synced). Their tombstones would otherwise keep the person's name."""
        found: dict[str, Youth] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            for q in (
                select(Youth).where(col(Youth.id).in_(part), col(Youth.merged_into_id).is_not(None)),
                select(Youth).where(col(Youth.merged_into_id).in_(part)),
            ):
                found.update((y.id, y) for y in s.exec(q.where(Youth.last_name != scrub.ANON_LAST)))
        erased: list[Youth] = []
        for row in found.values():
            target = s.get(Youth, row.merged_into_id)
            if target is not None and scrub.is_erasure(
                {c: getattr(target, c) for c in scrub.ERASURE_COLUMNS}
            ):
                erased.append(row)
        return erased

    @staticmethod
    def _anonymised(s: Session, ids: list[str]) -> list[Youth]:
        """Those of these youths that may be anonymised (erased or not), in this order, read 500 at a time:
        a sync brings thousands of youths, nearly all of them untouched by privacy."""
        found: dict[str, Youth] = {}
        for i in range(0, len(ids), 500):
            q = select(Youth).where(col(Youth.id).in_(ids[i : i + 500]), Youth.last_name == scrub.ANON_LAST)
            found.update((y.id, y) for y in s.exec(q))
        return [found[i] for i in ids if i in found]

    @staticmethod
    def _erased_ids(s: Session) -> list[str]:
        q = select(AuditEntry.youth_id).where(AuditEntry.action == ERASE, AuditEntry.entity == "youth")
        return [y for y in s.execute(q).scalars() if y]

    # --- right of access -------------------------------------------------------------------------
    def export_access(self, *, actor: Actor, youth_id: str, out_dir: Path) -> AccessExport:
        """PDF + CSV of everything held about one young person (see `privacy_export`)."""
        from mlplanner.services.privacy.access import AccessExportService  # it reads this module's settings

        return AccessExportService(self.ctx).export(actor=actor, youth_id=youth_id, out_dir=out_dir)

    # --- after a restore -------------------------------------------------------------------------
    def recorded_erasures(self) -> list[str]:
        """Ids of every youth whose erasure is recorded in this file, oldest first."""
        with self.ctx.read() as s:
            return self._erased_ids(s)

    def reapply_erasures(self, youth_ids: list[str]) -> int:
        """Erase again the people a restored backup predates the erasure of; returns how many.

        Only erasures: an anonymisation run is a periodic policy (the next run redoes it), and a site
        lead may restore precisely to undo one made with a wrong setting.
        """
        done = 0
        with self.ctx.write() as s:
            now = local_now(self.ctx.clock.now_utc(), self.ctx.site_row(s).timezone)
            for youth_id in dict.fromkeys(youth_ids):
                row = s.get(Youth, youth_id)
                if row is None or row.deleted:
                    continue
                self._erase_rows(s, [youth_id], now)
                audit.record(
                    s,
                    self.ctx,
                    SYSTEM_ACTOR,
                    action=ERASE,
                    entity="youth",
                    entity_id=youth_id,
                    youth_id=youth_id,
                    reason="réappliqué après la restauration d'une sauvegarde",
                )
                done += 1
        if done:
            self._compact()
        return done

    def carry_over_erasures(self) -> Callable[[], object]:
        """A restore hook (`BackupService`): before a restore, remember who was erased; after it, erase
        them again, so that no backup brings an erased person back."""
        erased = self.recorded_erasures()
        return lambda: self.reapply_erasures(erased)

    def _compact(self) -> None:
        """Old versions of the cleaned rows must leave the disk: SQLite rewrites the file (VACUUM); a
        server rewrites the tables that held personal data (VACUUM FULL)."""
        if self.ctx.db.path is not None:
            compact_file(self.ctx.db.path)
        elif self.ctx.db.is_server:
            compact_server(self.ctx.db)
