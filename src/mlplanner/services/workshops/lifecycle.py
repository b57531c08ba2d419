"""A series' new rule, and the life of a session: cancel, close (locked), reopen (audited).

A new rule never brings back a cancelled date (the cancelled session still stands for it) and never
drops a session edited on its own or holding registrations (kept, and the result says so).
"""

from __future__ import annotations

from datetime import timedelta

from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.models import Changes
from mlplanner.domain.recurrence import normalize_rule, occurrences
from mlplanner.services import audit
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, require
from mlplanner.services.workshops.clashes import Placement, check_placements, clash_message
from mlplanner.services.workshops.common import SESSION_FIELDS, WorkshopCore
from mlplanner.services.workshops.registrations import active_count
from mlplanner.services.workshops.terms import SessionState, SessionStatus
from mlplanner.services.workshops.views import (
    SeriesResult,
    SessionsResult,
    get_series,
    get_session,
    series_view,
    when_fr,
)
from mlplanner.storage.tables import Room
from mlplanner.storage.workshop_tables import WorkshopSession


class LifecycleOps(WorkshopCore):
    """Rule changes and session lifecycle (mixed into `WorkshopService`)."""

    def change_rule(
        self, *, actor: Actor, series_id: str, rrule: str, skip_clashes: bool = False
    ) -> SeriesResult:
        """A new rule for the future of a series. New dates get sessions (holidays, closures and, if
        asked, clashes skipped); sessions the new rule no longer gives are removed unless edited on their
        own or with registrations (kept, and said so); a cancelled date is never brought back."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            now = self._now(site)
            series = get_series(s, series_id)
            occ = occurrences(rrule, series.first_start, site.timezone)
            existing = self._series_sessions(s, series.id)
            by_original = {r.original_start: r for r in existing}
            new_dates = [o for o in occ if o > now and o not in by_original]
            duration = timedelta(minutes=series.duration_min)
            room = s.get(Room, series.room_id) if series.room_id else None
            props = [
                Placement(
                    o,
                    o + duration,
                    series.room_id,
                    room.name if room else None,
                    tuple(f for f in (series.facilitator_id, series.co_facilitator_id) if f),
                )
                for o in new_dates
            ]
            verdicts = check_placements(s, site, self.busy, [(p, None) for p in props])
            skipped = [v for v in verdicts if v is not None]
            clashes = [k for k in skipped if k.code == "clash"]
            if clashes and not skip_clashes:
                raise RuleViolation(
                    "workshop_clash", clash_message(clashes, verb="ajouter"), clashes=tuple(clashes)
                )
            wanted = set(occ)
            notices: list[str] = []
            removed: list[WorkshopSession] = []
            for row in existing:
                if row.original_start in wanted or row.status != SessionStatus.PLANNED or row.start <= now:
                    continue
                n = active_count(s, row.id)
                if row.detached or n:
                    why = f"{n} inscrit(s)" if n else "modifiée à part"
                    notices.append(
                        f"Séance du {when_fr(row)} conservée ({why}) bien qu'hors de la nouvelle règle."
                    )
                    continue
                row.deleted = True
                s.add(row)
                removed.append(row)
            before = series.rrule
            series.rrule = normalize_rule(rrule, site.timezone)
            s.add(series)
            created = [
                self._new_session(site, series, p) for p, v in zip(props, verdicts, strict=True) if v is None
            ]
            s.add_all(created)
            s.flush()
            if created:
                notices.insert(0, f"{len(created)} séance(s) ajoutée(s).")
            if removed:
                notices.insert(0, f"{len(removed)} séance(s) sans inscrit retirée(s).")
            audit.record(
                s,
                self.ctx,
                actor,
                action="change_rule",
                entity="workshop_series",
                entity_id=series.id,
                before={"rrule": before},
                after={
                    "rrule": series.rrule,
                    "added": [r.id for r in created],
                    "removed": [r.id for r in removed],
                    "skipped": [k.start for k in skipped],
                },
            )
            ids = [r.id for r in self._series_sessions(s, series.id)]
            result = SeriesResult(
                series_view(s, series),
                self._views(s, site, ids),
                tuple(skipped),
                Changes.of("workshops", ids=tuple(r.id for r in created + removed)),
                tuple(notices),
            )
        return result

    def cancel_session(self, *, actor: Actor, session_id: str, reason: str) -> SessionsResult:
        """Cancel one session (the date never comes back with a series edit). Registrations are kept
        for the record; the result says how many youths to inform."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        if not (reason or "").strip():
            raise InputError("reason_required", "Indiquez le motif de l'annulation de la séance.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_session(s, session_id)
            self._editable(row, self._now(site))
            before = audit.snapshot(row, SESSION_FIELDS)
            row.status = SessionStatus.CANCELLED.value
            row.cancel_reason = reason.strip()
            row.updated_by = actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="cancel_session",
                entity="workshop_session",
                entity_id=row.id,
                reason=row.cancel_reason,
                before=before,
                after=audit.snapshot(row, SESSION_FIELDS),
            )
            n = active_count(s, row.id)
            notices = (f"Séance annulée : prévenez les {n} jeune(s) inscrit(s) ou en attente.",) if n else ()
            views = self._views(s, site, [row.id])
        return SessionsResult(views, Changes.of("workshops", ids=(row.id,)), notices)

    def close_session(self, *, actor: Actor, session_id: str) -> SessionsResult:
        """Lock a session whose attendance is complete (no edit until a site lead reopens it)."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_session(s, session_id)
            (view,) = self._views(s, site, [row.id])
            if view.state is SessionState.UPCOMING:
                raise RuleViolation("not_yet", f"La séance du {when_fr(row)} n'a pas encore eu lieu.")
            if view.state is SessionState.TO_CLOSE:
                missing = view.confirmed - view.recorded
                raise RuleViolation(
                    "attendance_missing",
                    f"Émargement incomplet : la présence de {missing} jeune(s) n'est pas saisie "
                    "(présent, absent, excusé ou en retard).",
                )
            if view.state is not SessionState.SIGNED:
                raise RuleViolation(
                    "not_closable", f"La séance est {view.state.value} : impossible de la clôturer."
                )
            row.status = SessionStatus.CLOSED.value
            row.closed_by, row.closed_at, row.updated_by = actor.id, self.ctx.clock.now_utc(), actor.id
            s.add(row)
            s.flush()
            audit.record(
                s, self.ctx, actor, action="close_session", entity="workshop_session", entity_id=row.id
            )
            views = self._views(s, site, [row.id])
        return SessionsResult(views, Changes.of("workshops", ids=(row.id,)))

    def reopen_session(self, *, actor: Actor, session_id: str, reason: str) -> SessionsResult:
        """Unlock a closed session (site lead, with a reason kept in the audit log)."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        if not (reason or "").strip():
            raise InputError("reason_required", "Indiquez pourquoi la séance est rouverte.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = get_session(s, session_id)
            if row.status != SessionStatus.CLOSED:
                raise RuleViolation("not_closed", f"La séance du {when_fr(row)} n'est pas clôturée.")
            row.status = SessionStatus.PLANNED.value
            row.closed_by, row.closed_at, row.updated_by = "", None, actor.id
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="reopen_session",
                entity="workshop_session",
                entity_id=row.id,
                reason=reason.strip(),
            )
            views = self._views(s, site, [row.id])
        return SessionsResult(views, Changes.of("workshops", ids=(row.id,)))
