"""Undoing a change set applied here: its rows put back as they were, from the sync's undo journal.

This is the protection the copy of the whole file taken before every apply used to give (a change set
that turns out wrong can be taken back), at a cost that follows the change set: the apply journals the
rows it overwrites (`storage.undo_journal`), for `UNDO_DAYS` days. Undoing is local, as restoring that
copy was: rows go back to their earlier versions (and stamps) here; the change set stays marked as
applied, so the next sync does not bring it back. Unlike a restore, nothing else is lost: rows edited
since the change set (here, or by a later change set) are left as they are and listed, and every other
table and row keeps today's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.models import Change, Changes
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.sync.schema import by_name, synced_tables
from mlplanner.services.sync.service import _CHANGE_KINDS
from mlplanner.services.youths.service import reindex
from mlplanner.storage import undo_journal
from mlplanner.storage.tables import Youth, YouthToken


@dataclass(frozen=True)
class UndoableChangeSet:
    site: str
    seq: int
    rows: int


@dataclass(frozen=True)
class UndoResult:
    site: str
    seq: int
    restored: int  # rows put back to the version they had before the change set
    removed: int  # rows the change set had created
    edited_since: tuple[tuple[str, str], ...] = ()  # (table, id) left alone: written again since
    changes: Changes = field(default_factory=Changes)

    def summary_fr(self) -> str:
        text = (
            f"Lot n° {self.seq} du site {self.site} annulé : {self.restored} ligne(s) remise(s) dans leur "
            f"état précédent, {self.removed} ligne(s) créée(s) par ce lot retirée(s)."
        )
        if self.edited_since:
            text += f" {len(self.edited_since)} ligne(s) modifiée(s) depuis ce lot ont été laissées telles quelles."
        return text


@checked_dates
class SyncUndoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def undoable(self, *, actor: Actor) -> list[UndoableChangeSet]:
        """The change sets applied here that can still be undone (oldest first)."""
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.read() as s:
            return [UndoableChangeSet(*r) for r in undo_journal.journaled(s.connection())]

    def undo(self, *, actor: Actor, site: str, seq: int) -> UndoResult:
        """Put back what change set (`site`, `seq`) overwrote, in one transaction."""
        require(actor, Perm.CONFIGURE_SITE)
        site = site.strip().upper()
        tables = by_name()
        try:
            with self.ctx.db.write() as s:
                conn = s.connection()
                if conn.dialect.name == "sqlite":  # checked at commit: rows go back table by table
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                present = set(undo_journal.tables_of(conn, site=site, seq=seq))
                if not present:
                    raise InputError(
                        "nothing_to_undo",
                        f"Le lot n° {seq} du site {site} ne peut pas être annulé : il n'a pas été appliqué ici, "
                        f"ou il l'a été il y a plus de {_days()} jours, ou il a déjà été annulé.",
                    )
                restored = removed = 0
                edited: list[tuple[str, str]] = []
                youths_back: list[str] = []
                kinds: set[Change] = {Change.SYNC}
                # children first, so that a row the change set created goes after the rows that use it
                for spec in reversed(synced_tables()):
                    if spec.name not in present:
                        continue
                    table = tables[spec.name].table
                    back, gone, since = undo_journal.untouched(conn, site=site, seq=seq, table=table)
                    edited += [(spec.name, r) for r in since]
                    if spec.name == Youth.__tablename__:
                        youths_back = back
                        if gone:
                            s.execute(delete(YouthToken).where(col(YouthToken.youth_id).in_(gone)))
                    undo_journal.restore(conn, site=site, seq=seq, table=table, columns=spec.columns)
                    restored += len(back)
                    removed += len(gone)
                    if back or gone:
                        kinds.add(_CHANGE_KINDS.get(spec.name, Change.CONFIG))
                for i in range(0, len(youths_back), 500):
                    part = youths_back[i : i + 500]
                    reindex(s, list(s.exec(select(Youth).where(col(Youth.id).in_(part)))))
                undo_journal.forget(conn, site=site, seq=seq)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="sync_undo",
                    entity="change_set",
                    entity_id=f"{site}/{seq}"[:36],
                    reason=f"{restored} remises, {removed} retirées, {len(edited)} modifiées depuis",
                )
        except (IntegrityError, StorageError) as exc:
            if not isinstance(exc, IntegrityError) and not isinstance(exc.__cause__, IntegrityError):
                raise
            raise InputError(
                "undo_in_use",
                f"Le lot n° {seq} du site {site} ne peut pas être annulé : des données enregistrées ici depuis "
                "utilisent des lignes qu'il a créées (par exemple un rendez-vous avec un jeune reçu par ce lot). "
                "Rien n'a été modifié.",
            ) from exc
        return UndoResult(site, seq, restored, removed, tuple(edited), Changes.of(*kinds))


def _days() -> int:
    from mlplanner.services.sync.apply import UNDO_DAYS

    return UNDO_DAYS
