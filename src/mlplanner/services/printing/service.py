"""Printing use cases: read the site's data, build a document (`mlplanner.printing`), write it, audit it.

Each document has a `*_document` method (permission check, reads, the document's frozen data: what
tests inspect) and a method that renders it and delivers it (`printing_output.emit`): to a file, a
binary stream, or back as bytes. A refused or impossible request writes nothing at all.

Every document here names people (young people, staff), so every one that leaves the app (a file, the
printer) is recorded in the audit log: who, which document, when. An on-screen preview
(`preview=True`) records nothing; the UI records the print or the saved PDF afterwards with
`record_output`, once paper or a file actually exists.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.models import AppointmentView, Changes
from mlplanner.domain.wallclock import week_start
from mlplanner.printing import (
    CallListDoc,
    CallRow,
    CounsellorDayDoc,
    CounsellorDayRow,
    DayGrid,
    Grouping,
    RosterDoc,
    SiteHeader,
    SlipDoc,
    WeekDoc,
    day_row_from_appointment,
    long_date,
    participants,
    render_call_list,
    render_counsellor_day,
    render_day_schedule,
    render_roster,
    render_slip,
    render_week,
)
from mlplanner.printing.formatting import week_title
from mlplanner.services.booking.availability import load_calendar
from mlplanner.services.booking.service import get_appointment
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import DirectoryService
from mlplanner.services.followup.service import FollowupService, open_days_after
from mlplanner.services.permissions import Perm, require
from mlplanner.services.printing.documents import (
    WORKSHOP_KIND,
    column_note,
    column_unavailable,
    grid_blocks,
    grid_columns,
    people_of,
    schedule_breaks,
)
from mlplanner.services.printing.output import (
    KINDS_FR,
    OUTPUTS_FR,
    Document,
    Out,
    PrintResult,
    as_day,
    emit,
    record,
)
from mlplanner.services.printing.settings import PrintSettings, load_settings, set_setting, split_site_name
from mlplanner.services.queries import appointment_views, for_viewer
from mlplanner.services.schedule.model import ColumnKind
from mlplanner.services.schedule.service import ScheduleService
from mlplanner.services.workshops.service import WorkshopService
from mlplanner.services.workshops.terms import SessionState
from mlplanner.storage.tables import Site, Youth

ROSTER_BLANK_ROWS = (3, 10)  # at least 3 lines for walk-ins, at most 10


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


@checked_dates
class PrintingService:
    """Reads through the other services it is given (by the composition root), so a printed page
    shows what the screen shows."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        directory: DirectoryService,
        workshops: WorkshopService,
        followup: FollowupService,
        schedule: ScheduleService,
    ) -> None:
        self.ctx = ctx
        self.directory = directory
        self.workshops = workshops
        self.followup = followup
        self.schedule = schedule

    # --- settings ----------------------------------------------------------------------------------
    def settings(self) -> PrintSettings:
        with self.ctx.read() as s:
            return load_settings(s, self.ctx.site_row(s))

    def set_setting(self, *, actor: Actor, key: str, value: str | None) -> Changes:
        """One printing setting (see `printing_settings.LABELS`); `None` restores its default."""
        return set_setting(self.ctx, actor=actor, key=key, value=value)

    # --- rendering and delivering (files are audited; previews are not) ----------------------------
    def day(
        self, *, actor: Actor, day: date, grouping: Grouping | str = "counsellor", out: Out = None,
        preview: bool = False,
    ) -> PrintResult:  # fmt: skip
        return emit(
            self.ctx, actor, self.day_document(actor=actor, day=day, grouping=grouping), out, preview=preview
        )

    def counsellor_day(
        self, *, actor: Actor, day: date, counsellor: str, out: Out = None, preview: bool = False
    ) -> PrintResult:
        d = self.counsellor_day_document(actor=actor, day=day, counsellor=counsellor)
        return emit(self.ctx, actor, d, out, preview=preview)

    def week(
        self, *, actor: Actor, counsellor: str, day: date, out: Out = None, preview: bool = False
    ) -> PrintResult:
        d = self.week_document(actor=actor, counsellor=counsellor, day=day)
        return emit(self.ctx, actor, d, out, preview=preview)

    def roster(self, *, actor: Actor, session_id: str, out: Out = None, preview: bool = False) -> PrintResult:
        d = self.roster_document(actor=actor, session_id=session_id)
        return emit(self.ctx, actor, d, out, preview=preview)

    def slip(
        self, *, actor: Actor, appointment_id: str, out: Out = None, preview: bool = False
    ) -> PrintResult:
        d = self.slip_document(actor=actor, appointment_id=appointment_id)
        return emit(self.ctx, actor, d, out, preview=preview)

    def calls(
        self, *, actor: Actor, day: date | None = None, appointments_day: date | None = None, out: Out = None,
        preview: bool = False,
    ) -> PrintResult:  # fmt: skip
        """Reminder calls made on `day` (default today) about the second open day after it (see
        `call_day`), or about `appointments_day` when given."""
        d = self.calls_document(actor=actor, day=day, appointments_day=appointments_day)
        return emit(self.ctx, actor, d, out, preview=preview)

    def record_output(
        self, *, actor: Actor, result: PrintResult, output: str, path: Path | None = None
    ) -> None:
        """Audit a previewed document that was then printed (`output="printer"`) or saved (`"pdf"`)."""
        require(actor, Perm.PRINT)
        if output not in OUTPUTS_FR:
            raise InputError("bad_output", f"Sortie inconnue : « {output} ».")
        with self.ctx.write() as s:
            record(s, self.ctx, actor, result, output, path)

    # --- the documents -------------------------------------------------------------------------------
    def day_document(self, *, actor: Actor, day: date, grouping: Grouping | str = "counsellor") -> Document:
        """The site's day schedule, one column per counsellor (or per room): the day view's columns."""
        require(actor, Perm.PRINT)
        day = as_day(day)
        try:
            grouping = Grouping(grouping)
        except ValueError:
            raise InputError(
                "bad_grouping", f"Regroupement inconnu : « {grouping} » (counsellor ou room)."
            ) from None
        # the site's day list is posted and handed around: confidential types are never named on it,
        # whoever prints it (no viewer)
        with self.ctx.one_snapshot():  # the columns, the day and the header: one read transaction
            schedule = self.schedule.day(day, ColumnKind(grouping.value), viewer=None)
            with self.ctx.read() as s:
                header = self._header(s, self.ctx.site_row(s), actor)
        window = schedule.window()
        closed = schedule_breaks(schedule)
        columns = grid_columns(schedule, window, closed)
        blocks = grid_blocks(schedule, grouping)
        doc = DayGrid(header, day, tuple(columns), *window, tuple(blocks), grouping, closed)
        title = f"{KINDS_FR['day']}{' par salle' if grouping is Grouping.ROOM else ''} – {long_date(day)}"
        people = people_of(schedule.appointments)
        return Document("day", title, render_day_schedule, doc, entity_id=day.isoformat(), people=people)

    def counsellor_day_document(self, *, actor: Actor, day: date, counsellor: str) -> Document:
        """A counsellor's list for the day: time, young person, phone, type, place, room for notes."""
        require(actor, Perm.PRINT)
        day = as_day(day)
        person = self.directory.staff_member(counsellor)
        sessions = self.workshops.sessions_between(day, day, facilitator=person.id, include_cancelled=False)
        with self.ctx.read() as s:
            header = self._header(s, self.ctx.site_row(s), actor)
            appts = for_viewer(self._appointments(s, day, day, counsellor_id=person.id), actor)
            phones = {y.id: y.phone for y in self._youths(s, sorted({a.youth_id for a in appts}))}
        rows = [day_row_from_appointment(a, phones.get(a.youth_id, ""), sheet_of=person.id) for a in appts]
        rows += [
            CounsellorDayRow(
                start=w.start.time(),
                end=w.end.time(),
                youth_name=w.title,
                type_label=f"{WORKSHOP_KIND} · {_plural(w.confirmed, 'inscrit')}",
                room_name=w.room_name or "",
            )
            for w in sessions
        ]
        rows.sort(key=lambda r: (r.start, r.end, r.youth_name))
        doc = CounsellorDayDoc(header, day, person.display_name, tuple(rows))
        title = f"{KINDS_FR['counsellor']} – {person.display_name} · {long_date(day)}"
        people = len({a.youth_id for a in appts})
        return Document("counsellor", title, render_counsellor_day, doc, entity_id=person.id, people=people)

    def week_document(self, *, actor: Actor, counsellor: str, day: date) -> Document:
        """A counsellor's week on one landscape page: the week view's days (those the site opens, and any
        with something on)."""
        require(actor, Perm.PRINT)
        monday = week_start(as_day(day))
        person = self.directory.staff_member(counsellor)
        schedule = self.schedule.week(monday, ColumnKind.COUNSELLOR, person.id, viewer=actor)
        with self.ctx.read() as s:
            header = self._header(s, self.ctx.site_row(s), actor)
        days = schedule.days
        window = schedule.window()
        closed = schedule_breaks(schedule)
        shading = [(column_unavailable(c, window, closed), column_note(c)) for c in schedule.columns]
        blocks = grid_blocks(schedule, Grouping.COUNSELLOR)
        appts = schedule.appointments
        doc = WeekDoc(
            header=header,
            counsellor_name=person.display_name,
            days=tuple(days),
            start=window[0],
            end=window[1],
            blocks=tuple(blocks),
            day_notes=tuple(note for _, note in shading),
            unavailable=tuple(grey for grey, _ in shading),
            closed=closed,
        )
        title = f"{KINDS_FR['week']} – {person.display_name} · {week_title(tuple(days))}"
        people = people_of(appts)
        return Document("week", title, render_week, doc, entity_id=person.id, people=people)

    def roster_document(self, *, actor: Actor, session_id: str) -> Document:
        """The sign-in sheet of a workshop session: registered youths by name, blank lines for walk-ins."""
        require(actor, Perm.PRINT)
        view = self.workshops.roster((session_id or "").strip())
        w = view.session
        if w.state is SessionState.CANCELLED:
            raise RuleViolation(
                "session_cancelled", f"La séance « {w.title} » est annulée : pas de feuille d'émargement."
            )
        ids = [r.youth_id for r in view.registered]
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            header = self._header(s, site, actor, funders=True)
            funding = load_settings(s, site).funding_note
            names = {y.id: (y.last_name.upper(), y.first_name) for y in self._youths(s, ids)}
        low, high = ROSTER_BLANK_ROWS
        doc = RosterDoc(
            header=header,
            title=w.title,
            day=w.start.date(),
            start=w.start.time(),
            end=w.end.time(),
            room=w.room_name or "",
            facilitators=w.facilitators,
            participants=participants([names[i] for i in ids if i in names]),
            blank_rows=min(max(w.seats_left, low), high),
            funding_note=funding,
        )
        title = f"{KINDS_FR['roster']} – {long_date(doc.day)} · {w.title}"
        return Document("roster", title, render_roster, doc, entity_id=w.id, people=len(ids))

    def slip_document(self, *, actor: Actor, appointment_id: str) -> Document:
        """The confirmation slip handed to the young person: when, where, with whom, what to bring."""
        require(actor, Perm.PRINT)
        with self.ctx.read() as s:
            row = get_appointment(s, (appointment_id or "").strip())
            (a,) = appointment_views(s, ids=[row.id])
            if a.status.is_cancelled:
                raise RuleViolation(
                    "appointment_cancelled", "Ce rendez-vous est annulé : il n'y a rien à confirmer."
                )
            # the site where the young person goes: another site's, for a booking made there from here
            site = s.get(Site, row.site_id) or self.ctx.site_row(s)
            header = self._header(s, site, actor)
            if site.id != self.ctx.site_row(s).id:  # this site's own label is not the other site's
                header = replace(header, site_name=split_site_name(site.name)[1] or site.name)
            settings = load_settings(s, site)
            youth = s.get(Youth, a.youth_id)
        doc = SlipDoc(
            header=header,
            youth_name=f"{youth.first_name} {youth.last_name.upper()}" if youth else a.youth_name,
            start=a.start,
            end=a.end,
            counsellor_name=a.counsellor_name,
            # the slip goes home with the young person: a confidential type is not written on it
            type_label="" if a.confidential else a.type_label,
            mode=a.mode,
            room_name=a.room_name or "",
            what_to_bring=settings.what_to_bring(a.type_code, a.mode),
            how_to_cancel=settings.how_to_cancel,
        )
        title = f"{KINDS_FR['slip']} – {doc.youth_name} · {long_date(a.start.date())}"
        return Document("slip", title, render_slip, doc, entity_id=a.id, youth_id=a.youth_id, people=1)

    def call_day(self, day: date) -> date:
        """The appointments reception calls about on `day`: the second open day after it.

        As in the call list screen: Thursday's calls are about Monday, Friday's about Tuesday, so every
        open day's appointments are called once, two open days ahead (weekends, holidays and closures
        are skipped). A day the site is closed still gets the list for two open days later.
        """
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            cal = load_calendar(s, site, day, day + timedelta(days=60), staff_ids=[])
        days = open_days_after(cal, day, 2)
        return days[-1] if days else day + timedelta(days=2)

    def calls_document(
        self, *, actor: Actor, day: date | None = None, appointments_day: date | None = None
    ) -> Document:
        """Youths without SMS consent who have a booked appointment on the target day, by time."""
        require(actor, Perm.PRINT)
        if appointments_day is not None:
            target = as_day(appointments_day)
        else:
            target = self.call_day(as_day(day) if day is not None else self._today())
        calls = self.followup.call_list(day=target)
        with self.ctx.read() as s:
            header = self._header(s, self.ctx.site_row(s), actor)
        rows = tuple(
            CallRow(e.start.time(), e.youth_name, e.phone, e.counsellor_name, e.type_label, e.mode)
            for e in calls.entries
        )
        doc = CallListDoc(header, target, rows)
        title = f"{KINDS_FR['calls']} – rendez-vous du {long_date(target)}"
        people = len({e.youth_id for e in calls.entries})
        return Document("calls", title, render_call_list, doc, entity_id=target.isoformat(), people=people)

    # --- plumbing --------------------------------------------------------------------------------
    def _today(self) -> date:
        with self.ctx.read() as s:
            return self.ctx.today(s)

    def _header(self, s: Session, site: Site, actor: Actor, *, funders: bool = False) -> SiteHeader:
        settings = load_settings(s, site)
        return SiteHeader(
            organisation=settings.organisation,
            site_name=settings.site_label,
            address=site.address,
            phone=site.phone,
            logo=settings.logo,
            funder_logos=settings.funder_logos if funders else (),
            printed_by=actor.name,
            printed_at=self.ctx.now_local(site.timezone).replace(second=0, microsecond=0),
        )

    @staticmethod
    def _appointments(
        s: Session, first: date, last: date, *, counsellor_id: str | None = None
    ) -> list[AppointmentView]:
        """Appointments that still hold their slot (cancelled ones would read as double bookings)."""
        return appointment_views(
            s,
            start=datetime.combine(first, time.min),
            end=datetime.combine(last + timedelta(days=1), time.min),
            counsellor_id=counsellor_id,
            statuses=OCCUPYING_STATUSES,
        )

    @staticmethod
    def _youths(s: Session, ids: list[str]) -> list[Youth]:
        out: list[Youth] = []
        for i in range(0, len(ids), 500):
            out += s.exec(select(Youth).where(col(Youth.id).in_(ids[i : i + 500]))).all()
        return out
