"""The life of a workshop session (`services.sessions`): edit it (this one, this and the following ones,
or the whole future series), cancel it, close it (locked), reopen it (audited).

Sessions are matched by their original start, so a session edited on its own (`detached`) keeps its
schedule when the series moves, and registrations (attached to session ids) are never lost. A move of
part of a series splits it in two so that each rule still describes its sessions; both parts share a
`root_id` (still one workshop for lists and statistics).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.models import Changes
from mlplanner.domain.recurrence import format_rule, occurrences, rule_parts, rule_until
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, require
from mlplanner.services.rows import referenced
from mlplanner.services.workshops.clashes import Placement, check_placements, clash_message
from mlplanner.services.workshops.common import KEEP, SESSION_FIELDS, WorkshopCore, until_datetime
from mlplanner.services.workshops.registrations import active_count, promote
from mlplanner.services.workshops.terms import EditScope, SessionState, SessionStatus
from mlplanner.services.workshops.views import (
    SessionsResult,
    get_series,
    get_session,
    when_fr,
)
from mlplanner.storage.tables import Room, Staff
from mlplanner.storage.workshop_tables import WorkshopSeries, WorkshopSession


@checked_dates
class SessionService(WorkshopCore):
    """What happens to the sessions of a series after it is created (series themselves and the reading
    side: `WorkshopService`; registrations: `RegistrationService`)."""

    def edit_session(
        self,
        *,
        actor: Actor,
        session_id: str,
        scope: EditScope | str = EditScope.THIS,
        start: datetime | None = None,
        duration_min: int | None = None,
        room: Any = KEEP,
        facilitator: Any = KEEP,
        co_facilitator: Any = KEEP,
        capacity: int | None = None,
        note: str | None = None,
        skip_clashes: bool = False,
    ) -> SessionsResult:
        """Move or change one session, this one and the following ones, or the whole (future) series.

        `start` is the new start of *this* session; the others in scope move by the same amount, except
        sessions edited on their own, which keep their schedule (capacity still applies). Past, closed and
        cancelled sessions are never touched. Registrations stay attached to their sessions. `room`,
        `facilitator`, `co_facilitator`: a key, None to remove, `KEEP` (default) to leave as is.
        """
        require(actor, Perm.MANAGE_WORKSHOPS)
        scope = EditScope(scope)
        self._check_numbers(title=None, duration_min=duration_min, capacity=capacity)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            now = self._now(site)
            anchor = get_session(s, session_id)
            self._editable(anchor, now)
            series = get_series(s, anchor.series_id)
            targets = [anchor] if scope is EditScope.THIS else self._in_scope(s, anchor, scope, now)
            room_row, fac, co = self._resolve(
                s,
                room=None if room is KEEP else room,
                facilitator=None if facilitator is KEEP else facilitator,
                co_facilitator=None if co_facilitator is KEEP else co_facilitator,
                capacity=None,
            )
            delta = (start - anchor.start) if start is not None else timedelta(0)
            changes_schedule = (
                bool(delta)
                or duration_min is not None
                or any(x is not KEEP for x in (room, facilitator, co_facilitator))
            )
            if not changes_schedule and capacity is None and note is None:
                raise InputError("nothing_to_change", "Aucune modification demandée : rien n'a été changé.")
            movers = [t for t in targets if t is anchor or not t.detached] if changes_schedule else []
            plans = [
                self._placement(
                    s, t, delta, duration_min, room, room_row, facilitator, fac, co_facilitator, co, now
                )
                for t in movers
            ]
            verdicts = check_placements(
                s, site, self.busy, [(p, t.id) for t, p in zip(movers, plans, strict=True)]
            )
            skipped = [v for v in verdicts if v is not None]
            if skipped and not skip_clashes:
                raise RuleViolation(
                    "workshop_clash", clash_message(skipped, verb="modifier"), clashes=tuple(skipped)
                )
            self._check_capacities(s, targets, movers, capacity, room_row)
            befores = {t.id: audit.snapshot(t, SESSION_FIELDS) for t in targets}
            moved: list[WorkshopSession] = []
            for t, p, why in zip(movers, plans, verdicts, strict=True):
                if why is not None:
                    t.detached = True  # left where it was: no longer where the rule says
                    continue
                t.start, t.end, t.room_id = p.start, p.end, p.room_id
                if facilitator is not KEEP:
                    t.facilitator_id = fac.id if fac else None
                if co_facilitator is not KEEP:
                    t.co_facilitator_id = co.id if co else None
                if scope is EditScope.THIS:
                    t.detached = True
                moved.append(t)
            for t in targets:
                if capacity is not None:
                    t.capacity = capacity
                if note is not None:
                    t.note = note.strip()
                t.updated_by = actor.id
                s.add(t)
            if scope is not EditScope.THIS and targets:
                self._carry_to_series(
                    s,
                    series,
                    targets[0],
                    delta=delta,
                    duration_min=duration_min,
                    capacity=capacity,
                    room=KEEP if room is KEEP else (room_row.id if room_row else None),
                    facilitator=KEEP if facilitator is KEEP else (fac.id if fac else None),
                    co_facilitator=KEEP if co_facilitator is KEEP else (co.id if co else None),
                )
            s.flush()
            notices: list[str] = []
            for t in targets:
                notices += [text for text, _ in promote(s, self.ctx, actor, t, now=now)]
            informed = sum(active_count(s, t.id) for t in moved)
            if informed:
                notices.append(
                    f"Prévenez les {informed} jeune(s) inscrit(s) du changement (horaire, salle ou animation)."
                )
            for t in targets:
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="edit_session",
                    entity="workshop_session",
                    entity_id=t.id,
                    reason=scope.value,
                    before=befores[t.id],
                    after=audit.snapshot(t, SESSION_FIELDS),
                )
            views = self._views(s, site, [t.id for t in targets])
        return SessionsResult(
            views, Changes.of("workshops", ids=tuple(v.id for v in views)), tuple(notices), tuple(skipped)
        )

    def _in_scope(
        self, s: Session, anchor: WorkshopSession, scope: EditScope, now: datetime
    ) -> list[WorkshopSession]:
        """Future planned sessions of the series (from this one on, for "this and following")."""
        return [
            r
            for r in self._series_sessions(s, anchor.series_id)
            if r.status == SessionStatus.PLANNED
            and r.start > now
            and (scope is EditScope.SERIES or r.original_start >= anchor.original_start)
        ]

    def _placement(
        self,
        s: Session,
        t: WorkshopSession,
        delta: timedelta,
        duration_min: int | None,
        room: Any,
        room_row: Room | None,
        facilitator: Any,
        fac: Staff | None,
        co_facilitator: Any,
        co: Staff | None,
        now: datetime,
    ) -> Placement:
        new_start = t.start + delta
        length = timedelta(minutes=duration_min) if duration_min is not None else t.end - t.start
        self._check_same_day(new_start, int(length.total_seconds() // 60))
        if new_start <= now:
            raise RuleViolation(
                "in_past", f"Le {format_date_fr(new_start.date())} à {new_start:%H:%M} est déjà passé."
            )
        if room is KEEP:
            rid = t.room_id
            rname = referenced(s, Room, rid).name if rid else None
        else:
            rid, rname = (room_row.id, room_row.name) if room_row else (None, None)
        fid = t.facilitator_id if facilitator is KEEP else (fac.id if fac else None)
        cid = t.co_facilitator_id if co_facilitator is KEEP else (co.id if co else None)
        return Placement(new_start, new_start + length, rid, rname, tuple(x for x in (fid, cid) if x))

    def _check_capacities(
        self,
        s: Session,
        targets: list[WorkshopSession],
        movers: list[WorkshopSession],
        capacity: int | None,
        room_row: Room | None,
    ) -> None:
        for t in targets:
            seats = capacity if capacity is not None else t.capacity
            room = (
                room_row
                if (room_row is not None and t in movers)
                else (s.get(Room, t.room_id) if t.room_id else None)
            )
            if room is not None and room.capacity < seats:
                raise RuleViolation(
                    "room_capacity",
                    f"La salle « {room.name} » accueille {room.capacity} personnes au plus "
                    f"(la séance du {when_fr(t)} compte {seats} places).",
                )
            if capacity is not None:
                n = active_count(s, t.id, confirmed_only=True)
                if capacity < n:
                    raise InputError(
                        "capacity_below_registrations",
                        f"La séance du {when_fr(t)} compte déjà {n} inscrits : la capacité ne peut pas "
                        f"descendre sous {n} (annulez d'abord des inscriptions).",
                    )

    def _carry_to_series(
        self,
        s: Session,
        series: WorkshopSeries,
        first: WorkshopSession,
        *,
        delta: timedelta,
        duration_min: int | None,
        capacity: int | None,
        room: Any,
        facilitator: Any,
        co_facilitator: Any,
    ) -> WorkshopSeries:
        """Make the rule describe the edited sessions again. A move of part of the series splits it:
        the earlier part keeps the rule up to the day before, a new series (same root) carries the rest."""
        target = series
        if delta:
            later = [
                r for r in self._series_sessions(s, series.id) if r.original_start >= first.original_start
            ]
            earlier = [
                r for r in self._series_sessions(s, series.id) if r.original_start < first.original_start
            ]
            parts = rule_parts(series.rrule)
            if "UNTIL" in parts:
                parts["UNTIL"] = f"{until_datetime(parts['UNTIL']) + delta:%Y%m%dT%H%M%S}"
            if not earlier:
                series.first_start = series.first_start + delta
                series.rrule = format_rule(parts)
            else:
                occ = occurrences(series.rrule, series.first_start)
                before = [o for o in occ if o < first.original_start]
                after = [o for o in occ if o >= first.original_start]
                if "COUNT" in parts:
                    parts["COUNT"] = str(max(len(after), 1))
                target = WorkshopSeries(
                    **{
                        k: getattr(series, k)
                        for k in (
                            "site_id",
                            "title",
                            "description",
                            "audience",
                            "duration_min",
                            "capacity",
                            "room_id",
                            "facilitator_id",
                            "co_facilitator_id",
                            "registration_close_min",
                            "colour",
                            "kind_code",
                            "created_by",
                            "created_at",
                        )
                    },
                    rrule=format_rule(parts),
                    first_start=first.original_start + delta,
                    root_id=series.root_id or series.id,
                )
                s.add(target)
                s.flush()
                last = before[-1] if before else first.original_start - timedelta(minutes=1)
                series.rrule = rule_until(series.rrule, last)
                s.add(series)
            for r in later:
                r.series_id = target.id
                r.original_start = r.original_start + delta
                s.add(r)
        if duration_min is not None:
            target.duration_min = duration_min
        if capacity is not None:
            target.capacity = capacity
        if room is not KEEP:
            target.room_id = room
        if facilitator is not KEEP:
            target.facilitator_id = facilitator
        if co_facilitator is not KEEP:
            target.co_facilitator_id = co_facilitator
        s.add(target)
        return target

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
