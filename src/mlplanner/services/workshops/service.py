"""Workshops (ateliers): series created from an RFC 5545 rule, their sessions, and the reading side.

A series stores its rule and first start; each occurrence is one session row with its
`original_start`. Generated sessions skip public holidays, site closures and (if asked) dates where the
facilitator or the room is taken by an appointment, another session or an absence; every skipped date is
listed with its reason. Edits live in `workshop_edits`, registrations in `workshop_registrations`.

What workshops add to other use cases is passed to them by the composition root
(`Services.for_database`): sessions as busy time (`clashes.workshop_spans`), the youth-merge hook that
moves registrations (`registrations.merge_registrations`) and the registrations as history items of
the youth file (`history.workshop_activities`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.cej import WORKSHOP
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.limits import check_date
from mlplanner.domain.models import Changes
from mlplanner.domain.recurrence import Skipped, describe_rule, normalize_rule, occurrences
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor
from mlplanner.services.directory.service import find_room, find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.services.workshops.clashes import Placement, check_placements, clash_message
from mlplanner.services.workshops.common import KEEP, WorkshopCore
from mlplanner.services.workshops.kinds import check_kind_code
from mlplanner.services.workshops.registrations import active_count
from mlplanner.services.workshops.terms import EditScope, SessionState, SessionStatus
from mlplanner.services.workshops.views import (
    RosterView,
    SeriesPreview,
    SeriesResult,
    SeriesView,
    SessionView,
    YouthWorkshopView,
    get_series,
    get_session,
    registration_views,
    series_view,
    session_views,
    when_fr,
)
from mlplanner.storage.tables import Room, Site, Staff
from mlplanner.storage.workshop_tables import WorkshopSeries, WorkshopSession

DEFAULT_COLOUR = "#2E8B6E"
MAX_CLOSE_MIN = 30 * 24 * 60  # registrations close at most a month before a session


def _close_min(minutes: int) -> int:
    """Minutes before the start when registrations close: negative means 0, beyond a month is refused
    (a huge number would overflow the date arithmetic and the database's integer)."""
    if minutes > MAX_CLOSE_MIN:
        raise InputError(
            "bad_close", "La fin des inscriptions se règle au plus 30 jours (43 200 minutes) avant la séance."
        )
    return max(minutes, 0)


@dataclass(frozen=True)
class SeriesDraft:
    """What the series dialog (or `workshop create`) asks. A one-off workshop is `FREQ=DAILY;COUNT=1`."""

    title: str
    start: datetime
    duration_min: int
    capacity: int
    rrule: str = "FREQ=DAILY;COUNT=1"
    room: str | None = None
    facilitator: str | None = None
    co_facilitator: str | None = None
    description: str = ""
    audience: str = ""
    registration_close_min: int = 0
    colour: str = DEFAULT_COLOUR
    kind_code: str = WORKSHOP.code  # the kind of action: CEJ hours scale, funded operation


def _fac_ids(*rows: Staff | None) -> tuple[str, ...]:
    return tuple(r.id for r in rows if r is not None)


@checked_dates
class WorkshopService(WorkshopCore):
    """Workshop series: created from a rule, given a new rule, described; and the reading side (sessions,
    rosters). A session's own life is `SessionService`'s, registrations `RegistrationService`'s."""

    def _plan(
        self, s: Session, site: Site, draft: SeriesDraft
    ) -> tuple[list[Placement], list[Skipped], Room | None, Staff | None, Staff | None]:
        self._check_numbers(title=draft.title, duration_min=draft.duration_min, capacity=draft.capacity)
        check_date(draft.start, "première séance")
        self._check_same_day(draft.start, draft.duration_min)
        room, fac, co = self._resolve(
            s,
            room=draft.room,
            facilitator=draft.facilitator,
            co_facilitator=draft.co_facilitator,
            capacity=draft.capacity,
        )
        starts = occurrences(draft.rrule, draft.start, site.timezone)
        duration = timedelta(minutes=draft.duration_min)
        props = [
            Placement(
                st, st + duration, room.id if room else None, room.name if room else None, _fac_ids(fac, co)
            )
            for st in starts
        ]
        verdicts = check_placements(s, site, self.busy, [(p, None) for p in props])
        ok = [p for p, why in zip(props, verdicts, strict=True) if why is None]
        return ok, [why for why in verdicts if why is not None], room, fac, co

    def preview_series(self, draft: SeriesDraft) -> SeriesPreview:
        """The dates a draft would give and the dates it would set aside (nothing is written)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            ok, skipped, *_ = self._plan(s, site, draft)
        return SeriesPreview(tuple(p.start for p in ok), tuple(skipped), describe_rule(draft.rrule))

    def create_series(
        self, *, actor: Actor, draft: SeriesDraft, skip_clashes: bool = False, back_office: bool = False
    ) -> SeriesResult:
        """Create a series and its sessions. Holidays and closures are skipped and listed; clashing
        dates refuse the whole series unless `skip_clashes` (then they are listed too)."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        if back_office:
            require(actor, Perm.BACK_OFFICE)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            ok, skipped, room, fac, co = self._plan(s, site, draft)
            first = min([p.start for p in ok] + [k.start for k in skipped])
            if first < self._now(site) and not back_office:
                raise RuleViolation(
                    "in_past",
                    f"La première séance ({format_date_fr(first.date())} à {first:%H:%M}) est déjà passée : "
                    "seule une saisie a posteriori (back-office) le permet.",
                )
            clashes = [k for k in skipped if k.code == "clash"]
            if clashes and not skip_clashes:
                raise RuleViolation("workshop_clash", clash_message(clashes), clashes=tuple(clashes))
            if not ok:
                reasons = "; ".join(k.reason for k in skipped[:4])
                raise RuleViolation("no_session_left", f"Aucune séance ne peut être créée : {reasons}.")
            series = WorkshopSeries(
                site_id=site.id,
                title=draft.title.strip(),
                description=draft.description.strip(),
                audience=draft.audience.strip(),
                rrule=normalize_rule(draft.rrule, site.timezone),
                first_start=draft.start,
                duration_min=draft.duration_min,
                capacity=draft.capacity,
                room_id=room.id if room else None,
                facilitator_id=fac.id if fac else None,
                co_facilitator_id=co.id if co else None,
                registration_close_min=_close_min(draft.registration_close_min),
                colour=draft.colour or DEFAULT_COLOUR,
                kind_code=check_kind_code(s, draft.kind_code),
                created_by=actor.id,
                created_at=self.ctx.clock.now_utc(),
            )
            series.root_id = series.id
            s.add(series)
            s.flush()
            rows = [self._new_session(site, series, p) for p in ok]
            s.add_all(rows)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="create_series",
                entity="workshop_series",
                entity_id=series.id,
                after=audit.snapshot(
                    series, ("title", "rrule", "first_start", "capacity", "room_id", "facilitator_id")
                )
                | {"sessions": len(rows), "skipped": [k.start for k in skipped]},
            )
            views = self._views(s, site, [r.id for r in rows])
            sv = series_view(s, series)
        return SeriesResult(
            sv, views, tuple(skipped), Changes.of("workshops", ids=(sv.id, *[v.id for v in views]))
        )

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

    def update_series_info(
        self,
        *,
        actor: Actor,
        series_id: str,
        title: str | None = None,
        description: str | None = None,
        audience: str | None = None,
        registration_close_min: int | None = None,
        colour: str | None = None,
        kind_code: str | None = None,
    ) -> SeriesResult:
        """Title, description, audience, registration deadline, colour, kind of action: no date moves."""
        require(actor, Perm.MANAGE_WORKSHOPS)
        self._check_numbers(title=title, duration_min=None, capacity=None)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            series = get_series(s, series_id)
            before = audit.snapshot(series, ("title", "audience", "registration_close_min", "kind_code"))
            parts = [series]
            if title is not None or kind_code is not None:  # a split series is still one workshop
                parts = list(
                    s.exec(select(WorkshopSeries).where(WorkshopSeries.root_id == series.root_id))
                ) or [series]
            code = check_kind_code(s, kind_code) if kind_code is not None else None
            for row in parts:
                if title is not None:
                    row.title = title.strip()
                if code is not None:
                    row.kind_code = code
            if description is not None:
                series.description = description.strip()
            if audience is not None:
                series.audience = audience.strip()
            if registration_close_min is not None:
                series.registration_close_min = _close_min(registration_close_min)
            if colour:
                series.colour = colour
            s.add_all(parts)
            s.flush()
            audit.record(
                s,
                self.ctx,
                actor,
                action="edit_series",
                entity="workshop_series",
                entity_id=series.id,
                before=before,
                after=audit.snapshot(series, ("title", "audience", "registration_close_min", "kind_code")),
            )
            ids = [r.id for r in self._series_sessions(s, series.id)]
            result = SeriesResult(
                series_view(s, series), self._views(s, site, ids), (), Changes.of("workshops")
            )
        return result

    def session(self, session_id: str) -> SessionView:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            get_session(s, session_id)
            return self._views(s, site, [session_id])[0]

    def sessions_between(
        self,
        start: date | datetime,
        end: date | datetime,
        *,
        room: str | None = None,
        facilitator: str | None = None,
        include_cancelled: bool = True,
    ) -> list[SessionView]:
        """Sessions overlapping the period: dates are inclusive days, datetimes a half-open [start, end).
        `room` / `facilitator`: an id or a name (the day view's room column, a facilitator's day)."""
        lo = start if isinstance(start, datetime) else datetime.combine(start, time.min)
        hi = end if isinstance(end, datetime) else datetime.combine(end + timedelta(days=1), time.min)
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            return session_views(
                s,
                now=self._now(site),
                site_id=site.id,
                start=lo,
                end=hi,
                room_id=find_room(s, room).id if room else None,
                facilitator_id=find_staff(s, facilitator).id if facilitator else None,
                include_cancelled=include_cancelled,
            )

    def to_close(self) -> list[SessionView]:
        """Sessions that happened and are not closed yet (attendance to record, or ready to close)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self._now(site)
            rows = session_views(s, now=now, site_id=site.id, end=now, include_cancelled=False)
            return [r for r in rows if r.state in (SessionState.TO_CLOSE, SessionState.SIGNED)]

    def series(self, series_id: str) -> SeriesView:
        with self.ctx.read() as s:
            return series_view(s, get_series(s, series_id))

    def series_list(self) -> list[SeriesView]:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = select(WorkshopSeries).where(
                WorkshopSeries.site_id == site.id, WorkshopSeries.deleted == False
            )
            return [
                series_view(s, r)
                for r in s.exec(q.order_by(col(WorkshopSeries.title), col(WorkshopSeries.first_start)))
            ]

    def series_sessions(self, series_id: str, *, whole_workshop: bool = True) -> list[SessionView]:
        """Sessions of a series (with `whole_workshop`, of every part of a split series too)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            series = get_series(s, series_id)
            ids = [series.id]
            if whole_workshop and series.root_id:
                ids = list(s.exec(select(WorkshopSeries.id).where(WorkshopSeries.root_id == series.root_id)))
            out: list[SessionView] = []
            for sid in ids:
                out += session_views(s, now=self._now(site), series_id=sid)
            return sorted(out, key=lambda v: v.start)

    def roster(self, session_id: str) -> RosterView:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            get_session(s, session_id)
            (view,) = self._views(s, site, [session_id])
            regs = registration_views(s, session_id=session_id)
        registered = tuple(sorted((r for r in regs if r.status == "confirmed"), key=lambda r: r.youth_name))
        waitlist = tuple(sorted((r for r in regs if r.status == "waitlisted"), key=lambda r: r.waitlist_rank))
        cancelled = tuple(r for r in regs if r.status == "cancelled")
        return RosterView(view, registered, waitlist, cancelled)

    def youth_registrations(self, youth_id: str) -> list[YouthWorkshopView]:
        """A youth's workshops, latest first: for the youth file (attendance included)."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            regs = registration_views(s, youth_id=youth_id)
            views = {v.id: v for v in self._views(s, site, sorted({r.session_id for r in regs}))}
        out = [YouthWorkshopView(r, views[r.session_id]) for r in regs if r.session_id in views]
        return sorted(out, key=lambda x: x.session.start, reverse=True)


__all__ = ["KEEP", "EditScope", "SeriesDraft", "WorkshopService"]
