"""CEJ hours the way the CEJ counts them (see `domain.cej`): a young person's week, the site's list of
CEJ young people under 15 h and at 0 h per counsellor, and the young person's own actions of the week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mlplanner.domain import cej
from mlplanner.domain.cej import MAX_ACTION_MINUTES, THEME_DEFAULT_MINUTES, Level, Theme
from mlplanner.domain.enums import Programme, Status
from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.ids import youth_action_id
from mlplanner.domain.models import Changes
from mlplanner.domain.periods import Period, week_code
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import week_start
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.service import find_staff
from mlplanner.services.permissions import Perm, require
from mlplanner.services.reports.common import (
    ReportHeader,
    chunks,
    header,
    own_list,
    require_report,
    staff_names,
)
from mlplanner.services.workshops.kinds import kind_of, workshop_kinds
from mlplanner.storage.followup_tables import YouthAction
from mlplanner.storage.tables import Appointment, AppointmentType, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

DECLARED_STATUSES = (Status.BOOKED.value, Status.ARRIVED.value, Status.SEEN.value)
VALIDATED_STATUSES = (Status.ARRIVED.value, Status.SEEN.value)


@dataclass(frozen=True)
class CejItem:
    """One thing that counts in a CEJ week."""

    day: date
    source: str  # "appointment" | "workshop" | "action"
    label: str  # type, workshop title, or the action's theme
    minutes: int  # on the CEJ scale
    validated: bool  # attended (appointments, workshops) or recorded by a counsellor (actions)
    status: str = ""  # French, for the youth file


@dataclass(frozen=True)
class CejYouthWeek:
    youth_id: str
    week: date  # Monday
    items: tuple[CejItem, ...] = ()

    def _sum(self, source: str | None = None, *, validated: bool = False) -> int:
        return sum(
            i.minutes
            for i in self.items
            if (source is None or i.source == source) and (i.validated or not validated)
        )

    @property
    def declared_minutes(self) -> int:
        return self._sum()

    @property
    def validated_minutes(self) -> int:
        return self._sum(validated=True)

    def minutes_of(self, source: str) -> int:
        return self._sum(source)

    @property
    def declared_hours(self) -> float:
        return round(self.declared_minutes / 60, 2)

    @property
    def validated_hours(self) -> float:
        return round(self.validated_minutes / 60, 2)

    @property
    def level(self) -> Level:
        return cej.level(self.declared_minutes / 60)


@dataclass(frozen=True)
class CejLine:
    """A CEJ young person in the site's weekly list."""

    youth_id: str
    last_name: str
    first_name: str
    external_id: str
    referent_id: str | None
    referent_name: str  # "" when no referent
    week: CejYouthWeek


@dataclass(frozen=True)
class CounsellorCej:
    counsellor_id: str | None
    counsellor_name: str
    youths: int
    under_commitment: tuple[CejLine, ...]  # under 15 h declared, fewest hours first
    at_zero: tuple[CejLine, ...]  # nothing at all this week


@dataclass(frozen=True)
class CejWeekReport:
    header: ReportHeader
    period: Period
    week_code: str  # "2027-W10"
    lines: tuple[CejLine, ...]  # every CEJ young person, by counsellor then fewest hours first
    counsellors: tuple[CounsellorCej, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class TypeScale:
    """An appointment type's CEJ hours and funded operation (the scale set on the reports page)."""

    code: str
    label: str
    cej_minutes: int
    funded_operation: str
    active: bool


@dataclass(frozen=True)
class ActionView:
    youth_id: str
    week: date
    theme: Theme
    minutes: int
    note: str


def _cej_youths(s: Session, period: Period, *, site_id: str, referent_id: str | None) -> list[Youth]:
    """CEJ young people of the site (home site or referent here) whose contract covers the week."""
    q = select(Youth).where(
        Youth.deleted == False,
        Youth.merged_into_id == None,  # noqa: E711
        Youth.programme == Programme.CEJ.value,
        or_(col(Youth.programme_start).is_(None), col(Youth.programme_start) <= period.end),
        or_(col(Youth.programme_end).is_(None), col(Youth.programme_end) >= period.start),
    )
    if referent_id is not None:
        q = q.where(Youth.referent_id == referent_id)
    else:
        here = select(Staff.id).where(Staff.site_id == site_id)
        q = q.where(or_(col(Youth.site_id) == site_id, col(Youth.referent_id).in_(here)))
    return list(s.exec(q))


def cej_items(s: Session, youth_ids: Sequence[str], period: Period) -> dict[str, list[CejItem]]:
    """What counts for these young people in the period, on the CEJ scale, by youth."""
    out: dict[str, list[CejItem]] = defaultdict(list)
    A = Appointment
    for part in chunks(list(youth_ids)):
        q = (
            sa_select(
                col(A.youth_id),
                col(A.start),
                col(A.status),
                col(AppointmentType.label),
                col(AppointmentType.cej_minutes),
            )
            .join(AppointmentType, col(AppointmentType.id) == col(A.type_id))
            .where(
                col(A.youth_id).in_(part),
                col(A.deleted) == False,
                col(A.start) >= period.lo,
                col(A.start) < period.hi,
                col(A.status).in_(DECLARED_STATUSES),
            )
        )
        for yid, start, status, label, minutes in s.execute(q):
            out[yid].append(
                CejItem(start.date(), "appointment", label, int(minutes), status in VALIDATED_STATUSES)
            )
    kinds = workshop_kinds(s)
    S, R = WorkshopSession, WorkshopRegistration
    for part in chunks(list(youth_ids)):
        q2 = (
            sa_select(
                col(R.youth_id),
                col(S.start),
                col(R.attendance),
                col(WorkshopSeries.title),
                col(WorkshopSeries.kind_code),
            )
            .join(S, col(S.id) == col(R.session_id))
            .join(WorkshopSeries, col(WorkshopSeries.id) == col(S.series_id))
            .where(
                col(R.youth_id).in_(part),
                col(R.deleted) == False,
                col(R.status) == "confirmed",
                col(R.attendance).in_(("", "present", "late")),
                col(S.deleted) == False,
                col(S.status) != "cancelled",
                col(S.start) >= period.lo,
                col(S.start) < period.hi,
            )
        )
        for yid, start, attendance, title, kind_code in s.execute(q2):
            minutes = kind_of(kinds, kind_code).cej_minutes
            out[yid].append(
                CejItem(start.date(), "workshop", title, minutes, attendance in ("present", "late"))
            )
    days = (period.start + timedelta(days=d) for d in range((period.end - period.start).days + 1))
    weeks = [d for d in days if d.weekday() == 0]
    for part in chunks(list(youth_ids)):
        q3 = select(YouthAction).where(
            col(YouthAction.youth_id).in_(part),
            YouthAction.deleted == False,
            YouthAction.minutes > 0,
            col(YouthAction.week).in_(weeks),
        )
        for a in s.exec(q3):
            out[a.youth_id].append(CejItem(a.week, "action", cej.THEME_FR[Theme(a.theme)], a.minutes, True))
    for items in out.values():
        items.sort(key=lambda i: (i.day, i.source, i.label))
    return out


@checked_dates
class CejService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the site's week ------------------------------------------------------------------------------
    def week(self, *, actor: Actor, period: Period, counsellor: str | None = None) -> CejWeekReport:
        """Every CEJ young person's week (Monday to Sunday), with the lists under 15 h and at 0 h."""
        if period.start.weekday() != 0 or (period.end - period.start).days != 6:
            raise InputError("not_a_week", "Le rapport CEJ porte sur une semaine, du lundi au dimanche.")
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            counsellor = own_list(actor, counsellor)
            referent = find_staff(s, counsellor) if counsellor else None
            require_report(actor, counsellor_id=referent.id if referent else None, own_ok=True)
            youths = _cej_youths(s, period, site_id=site.id, referent_id=referent.id if referent else None)
            items = cej_items(s, [y.id for y in youths], period)
            names = staff_names(s, [y.referent_id for y in youths])
            head = header(s, self.ctx, actor)
        lines = [
            CejLine(
                y.id,
                y.last_name,
                y.first_name,
                y.external_id,
                y.referent_id,
                names.get(y.referent_id or "", ""),
                CejYouthWeek(y.id, period.start, tuple(items.get(y.id, ()))),
            )
            for y in youths
        ]
        lines.sort(
            key=lambda ln: (
                fold(ln.referent_name) or "~",
                ln.week.declared_minutes,
                fold(ln.last_name),
                fold(ln.first_name),
            )
        )
        per: dict[str | None, list[CejLine]] = defaultdict(list)
        for ln in lines:
            per[ln.referent_id].append(ln)
        counsellors = tuple(
            CounsellorCej(
                cid,
                group[0].referent_name or "Sans référent",
                len(group),
                tuple(ln for ln in group if ln.week.level is not Level.OK),
                tuple(ln for ln in group if ln.week.declared_minutes == 0),
            )
            for cid, group in per.items()
        )
        return CejWeekReport(head, period, week_code(period.start), tuple(lines), counsellors)

    # --- the scale ------------------------------------------------------------------------------------
    def type_scales(self) -> list[TypeScale]:
        with self.ctx.read() as s:
            rows = s.exec(select(AppointmentType).where(AppointmentType.deleted == False)).all()
            return sorted(
                (TypeScale(r.code, r.label, r.cej_minutes, r.funded_operation, r.active) for r in rows),
                key=lambda t: (not t.active, t.label.casefold()),
            )

    def set_type_scale(
        self, *, actor: Actor, type_code: str, cej_minutes: int, funded_operation: str = ""
    ) -> Changes:
        """An appointment type's CEJ hours (1 h by default) and the funded operation it belongs to."""
        require(actor, Perm.CONFIGURE_SITE)
        operation = " ".join(funded_operation.split())
        if not isinstance(cej_minutes, int) or not 0 <= cej_minutes <= MAX_ACTION_MINUTES:
            raise InputError("bad_hours", f"Heures CEJ : entre 0 et {MAX_ACTION_MINUTES // 60} h.")
        if len(operation) > 80:
            raise InputError("bad_operation", "Nom de l'opération financée : 80 caractères au plus.")
        with self.ctx.write() as s:
            row = s.exec(
                select(AppointmentType).where(
                    AppointmentType.code == type_code.strip().upper(), AppointmentType.deleted == False
                )
            ).first()
            if row is None:
                raise NotFound("unknown_type", f"Type de rendez-vous inconnu : « {type_code} ».")
            before = audit.snapshot(row, ("cej_minutes", "funded_operation"))
            row.cej_minutes, row.funded_operation = cej_minutes, operation
            s.add(row)
            audit.record(
                s, self.ctx, actor, action="update", entity="appointment_type", entity_id=row.id,
                before=before, after=audit.snapshot(row, ("cej_minutes", "funded_operation")),
            )  # fmt: skip
        return Changes.of("config")

    # --- one young person ---------------------------------------------------------------------------
    def youth_weeks(self, youth_id: str, *, last_week: date, weeks: int = 4) -> tuple[CejYouthWeek, ...]:
        """The young person's last `weeks` CEJ weeks up to the one holding `last_week`, oldest first."""
        monday = week_start(last_week)
        first = monday - timedelta(weeks=weeks - 1)
        period = Period(first, monday + timedelta(days=6))
        with self.ctx.read() as s:
            if s.get(Youth, youth_id) is None:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            items = cej_items(s, [youth_id], period).get(youth_id, [])
        return tuple(
            CejYouthWeek(
                youth_id,
                first + timedelta(weeks=i),
                tuple(it for it in items if week_start(it.day) == first + timedelta(weeks=i)),
            )
            for i in range(weeks)
        )

    # --- the young person's own actions ---------------------------------------------------------------
    def actions(self, youth_id: str, week: date) -> tuple[ActionView, ...]:
        monday = week_start(week)
        with self.ctx.read() as s:
            rows = s.exec(
                select(YouthAction).where(
                    YouthAction.youth_id == youth_id, YouthAction.week == monday, YouthAction.deleted == False
                )
            )
            found = {Theme(r.theme): r for r in rows}
        return tuple(
            ActionView(youth_id, monday, t, found[t].minutes, found[t].note)
            for t in Theme
            if t in found and found[t].minutes > 0
        )

    def record_action(
        self,
        *,
        actor: Actor,
        youth_id: str,
        week: date,
        theme: Theme | str,
        minutes: int | None = None,
        note: str = "",
    ) -> Changes:
        """Set a theme's hours for the young person's week (None: the theme's default, 0: none)."""
        require(actor, Perm.FOLLOW_UP)
        try:
            theme = Theme(theme)
        except ValueError:
            raise InputError("bad_theme", f"Thème inconnu : « {theme} ».") from None
        minutes = THEME_DEFAULT_MINUTES[theme] if minutes is None else minutes
        if not isinstance(minutes, int) or not 0 <= minutes <= MAX_ACTION_MINUTES:
            raise InputError(
                "bad_hours", f"{cej.THEME_FR[theme]} : indiquez entre 0 et {MAX_ACTION_MINUTES // 60} heures."
            )
        note = (note or "").strip()
        if len(note) > 300:
            raise InputError("note_too_long", "La note est limitée à 300 caractères.")
        monday = week_start(week)
        with self.ctx.write() as s:
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            rid = youth_action_id(youth.id, monday.isoformat(), theme.value)
            row = s.get(YouthAction, rid)
            before = {"minutes": row.minutes} if row is not None else None
            if row is None:
                row = YouthAction(id=rid, youth_id=youth.id, week=monday, theme=theme.value)
            if (row.minutes, row.note, row.deleted) != (minutes, note, False):
                row.minutes, row.note, row.deleted, row.recorded_by = minutes, note, False, actor.id
                s.add(row)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="cej_action",
                    entity="youth_action",
                    entity_id=rid,
                    youth_id=youth.id,
                    before=before,
                    after={"week": monday.isoformat(), "theme": theme.value, "minutes": minutes},
                )
        return Changes.of("youths", ids=(youth_id,))
