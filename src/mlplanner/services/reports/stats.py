"""Activity statistics for funders and the site lead: workshops per month and per series, attendance,
appointment outcomes per counsellor, and the row-level lists behind them (CSV exports).

Definitions (also shown under the statistics screen):
- a session *held* is a session not cancelled whose start is in the period and already past;
- *registrations* are the seats taken (confirmed registrations) on held sessions;
- *attendance rate* = (present + late) / attendance recorded; *no-show rate* = absent / attendance
  recorded (excused youths are neither); rates are None when nothing was recorded;
- *fill rate* = registrations / seats offered on held sessions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import MONTHS_FR
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import ServiceContext
from mlplanner.services.queries import columns
from mlplanner.services.workshops.terms import (
    ATTENDANCE_FR,
    REFERRAL_KIND_FR,
    REGISTRATION_FR,
    Attendance,
    ReferralKind,
    RegistrationStatus,
    SessionStatus,
)
from mlplanner.storage.tables import Appointment, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession


@dataclass(frozen=True)
class WorkshopStats:
    key: str  # "2027-03" for a month, the series' root id for a series
    label: str  # "mars 2027", or the workshop's title
    sessions_held: int
    seats: int
    registrations: int
    recorded: int
    present: int  # present or late
    late: int
    absent: int
    excused: int
    attendance_rate: float | None
    no_show_rate: float | None
    fill_rate: float | None


@dataclass(frozen=True)
class CounsellorOutcomes:
    counsellor_id: str
    counsellor_name: str
    total: int
    seen: int
    no_show: int
    excused: int
    cancelled_by_youth: int
    cancelled_by_ml: int
    to_fill_in: int  # past, still booked or arrived
    no_show_rate: float | None  # no_show / (seen + no_show)


@dataclass(frozen=True)
class AttendanceRow:
    day: date
    start: str
    end: str
    workshop: str
    session_id: str
    youth_id: str
    last_name: str
    first_name: str
    external_id: str
    attendance: str
    referral: str
    prescriber: str


@dataclass(frozen=True)
class RegistrationRow:
    day: date
    start: str
    workshop: str
    session_id: str
    session_status: str
    registration_id: str
    youth_id: str
    last_name: str
    first_name: str
    external_id: str
    status: str
    queue_no: int
    referral: str
    prescriber: str
    attendance: str
    registered_at: datetime
    cancel_reason: str


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTHS_FR[int(month) - 1]} {year}"


def _check_period(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise InputError("end_before_start", "La fin de la période doit suivre son début.")
    if (end - start).days > 3700:
        raise InputError("period_too_long", "La période est limitée à dix ans.")
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


class _Acc:
    __slots__ = ("absent", "excused", "late", "present", "recorded", "registrations", "seats", "sessions")

    def __init__(self) -> None:
        self.sessions = self.seats = self.registrations = self.recorded = 0
        self.present = self.late = self.absent = self.excused = 0

    def result(self, key: str, label: str) -> WorkshopStats:
        return WorkshopStats(
            key=key,
            label=label,
            sessions_held=self.sessions,
            seats=self.seats,
            registrations=self.registrations,
            recorded=self.recorded,
            present=self.present,
            late=self.late,
            absent=self.absent,
            excused=self.excused,
            attendance_rate=_rate(self.present, self.recorded),
            no_show_rate=_rate(self.absent, self.recorded),
            fill_rate=_rate(self.registrations, self.seats),
        )


@checked_dates
class StatsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _held(self, s: Session, lo: datetime, hi: datetime) -> list:
        """Held sessions of the period with their series' root and title, and per-session counts."""
        site = self.ctx.site_row(s)
        now = self.ctx.now_local(site.timezone)
        S, R = WorkshopSession, WorkshopRegistration
        sessions = s.execute(
            select(
                *columns(
                    S.id,
                    S.start,
                    S.capacity,
                    col(WorkshopSeries.id).label("series_id"),
                    WorkshopSeries.root_id,
                    WorkshopSeries.title,
                )
            )
            .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
            .where(
                S.site_id == site.id,
                S.deleted == False,
                S.status != SessionStatus.CANCELLED.value,
                S.start >= lo,
                S.start < min(hi, now),
            )
        ).all()
        ids = [r.id for r in sessions]
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for i in range(0, len(ids), 500):
            q = (
                select(R.session_id, R.attendance, func.count())
                .where(
                    col(R.session_id).in_(ids[i : i + 500]),
                    R.status == RegistrationStatus.CONFIRMED.value,
                    R.deleted == False,
                )
                .group_by(R.session_id, R.attendance)
            )
            for sid, attendance, n in s.execute(q):
                counts[sid][attendance] += n
        return [(r, counts[r.id]) for r in sessions]

    @staticmethod
    def _add(acc: _Acc, capacity: int, c: dict[str, int]) -> None:
        acc.sessions += 1
        acc.seats += capacity
        acc.registrations += sum(c.values())
        acc.present += c.get(Attendance.PRESENT.value, 0) + c.get(Attendance.LATE.value, 0)
        acc.late += c.get(Attendance.LATE.value, 0)
        acc.absent += c.get(Attendance.ABSENT.value, 0)
        acc.excused += c.get(Attendance.EXCUSED.value, 0)
        acc.recorded += sum(n for k, n in c.items() if k)

    def monthly_stats(self, start: date, end: date) -> list[WorkshopStats]:
        """One line per calendar month of [start, end] (months without sessions included)."""
        lo, hi = _check_period(start, end)
        accs: dict[str, _Acc] = {}
        y, m = start.year, start.month
        while (y, m) <= (end.year, end.month):
            accs[f"{y:04d}-{m:02d}"] = _Acc()
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        with self.ctx.read() as s:
            for row, c in self._held(s, lo, hi):
                self._add(accs[f"{row.start:%Y-%m}"], row.capacity, c)
        return [acc.result(k, month_label(k)) for k, acc in accs.items()]

    def series_stats(self, start: date, end: date) -> list[WorkshopStats]:
        """One line per workshop (a series split by an edit counts once), busiest first."""
        lo, hi = _check_period(start, end)
        accs: dict[str, _Acc] = defaultdict(_Acc)
        titles: dict[str, str] = {}
        with self.ctx.read() as s:
            for row, c in self._held(s, lo, hi):
                key = row.root_id or row.series_id
                titles.setdefault(key, row.title)
                self._add(accs[key], row.capacity, c)
        out = [acc.result(k, titles[k]) for k, acc in accs.items()]
        return sorted(out, key=lambda x: (-x.sessions_held, x.label))

    def total_stats(self, start: date, end: date) -> WorkshopStats:
        lo, hi = _check_period(start, end)
        acc = _Acc()
        with self.ctx.read() as s:
            for row, c in self._held(s, lo, hi):
                self._add(acc, row.capacity, c)
        return acc.result("total", "Total")

    def counsellor_outcomes(self, start: date, end: date) -> list[CounsellorOutcomes]:
        """Appointment outcomes per counsellor over [start, end]."""
        lo, hi = _check_period(start, end)
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            A = Appointment
            # one expression, grouped by its label: PostgreSQL refuses `end < $1` grouped by `end < $2`
            past = (col(A.end) < now).label("past")
            rows = s.execute(
                select(
                    *columns(
                        A.counsellor_id,
                        Staff.first_name,
                        Staff.last_name,
                        A.status,
                        past,
                        func.count(),
                    )
                )
                .join(Staff, col(Staff.id) == A.counsellor_id)
                .where(A.site_id == site.id, A.deleted == False, A.start >= lo, A.start < hi)
                .group_by(A.counsellor_id, Staff.first_name, Staff.last_name, A.status, past)
            ).all()
        per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        names: dict[str, str] = {}
        for cid, first, last, status, past, n in rows:
            names[cid] = f"{first} {last}"
            per[cid][status] += n
            if past and status in (Status.BOOKED.value, Status.ARRIVED.value):
                per[cid]["to_fill_in"] += n
        out = []
        for cid, c in per.items():
            seen, no_show = c[Status.SEEN.value], c[Status.NO_SHOW.value]
            out.append(
                CounsellorOutcomes(
                    counsellor_id=cid,
                    counsellor_name=names[cid],
                    total=sum(v for k, v in c.items() if k != "to_fill_in"),
                    seen=seen,
                    no_show=no_show,
                    excused=c[Status.EXCUSED.value],
                    cancelled_by_youth=c[Status.CANCELLED_BY_YOUTH.value],
                    cancelled_by_ml=c[Status.CANCELLED_BY_ML.value],
                    to_fill_in=c["to_fill_in"],
                    no_show_rate=_rate(no_show, seen + no_show),
                )
            )
        return sorted(out, key=lambda x: x.counsellor_name)

    def _registrations(self, lo: datetime, hi: datetime, *, confirmed_held_only: bool) -> list:
        S, R = WorkshopSession, WorkshopRegistration
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = (
                select(
                    *columns(
                        R,
                        S.start,
                        S.end,
                        col(S.status).label("s_status"),
                        WorkshopSeries.title,
                        Youth.first_name,
                        Youth.last_name,
                        Youth.external_id,
                        col(Staff.first_name).label("p_first"),
                        col(Staff.last_name).label("p_last"),
                    )
                )
                .join(S, col(S.id) == R.session_id)
                .join(WorkshopSeries, col(WorkshopSeries.id) == S.series_id)
                .join(Youth, col(Youth.id) == R.youth_id)
                .outerjoin(Staff, col(Staff.id) == R.prescriber_id)
                .where(
                    S.site_id == site.id, S.deleted == False, R.deleted == False, S.start >= lo, S.start < hi
                )
                .order_by(
                    col(S.start), col(WorkshopSeries.title), col(Youth.last_name), col(Youth.first_name)
                )
            )
            if confirmed_held_only:
                q = q.where(
                    R.status == RegistrationStatus.CONFIRMED.value, S.status != SessionStatus.CANCELLED.value
                )
            return list(s.execute(q))

    def attendance_rows(self, start: date, end: date) -> list[AttendanceRow]:
        """Who was registered to each (not cancelled) session of the period, and their attendance."""
        lo, hi = _check_period(start, end)
        out = []
        for row in self._registrations(lo, hi, confirmed_held_only=True):
            reg: WorkshopRegistration = row[0]
            out.append(
                AttendanceRow(
                    day=row.start.date(),
                    start=f"{row.start:%H:%M}",
                    end=f"{row.end:%H:%M}",
                    workshop=row.title,
                    session_id=reg.session_id,
                    youth_id=reg.youth_id,
                    last_name=row.last_name,
                    first_name=row.first_name,
                    external_id=row.external_id,
                    attendance=ATTENDANCE_FR[Attendance(reg.attendance)],
                    referral=REFERRAL_KIND_FR[ReferralKind(reg.referral)],
                    prescriber=f"{row.p_first} {row.p_last}" if row.p_first else "",
                )
            )
        return out

    def registration_rows(self, start: date, end: date) -> list[RegistrationRow]:
        """Every registration (seats, waiting lists, cancellations) to sessions of the period."""
        lo, hi = _check_period(start, end)
        session_fr = {"planned": "prévue", "cancelled": "annulée", "closed": "clôturée"}
        out = []
        for row in self._registrations(lo, hi, confirmed_held_only=False):
            reg: WorkshopRegistration = row[0]
            out.append(
                RegistrationRow(
                    day=row.start.date(),
                    start=f"{row.start:%H:%M}",
                    workshop=row.title,
                    session_id=reg.session_id,
                    session_status=session_fr.get(row.s_status, row.s_status),
                    registration_id=reg.id,
                    youth_id=reg.youth_id,
                    last_name=row.last_name,
                    first_name=row.first_name,
                    external_id=row.external_id,
                    status=REGISTRATION_FR[RegistrationStatus(reg.status)],
                    queue_no=reg.queue_no,
                    referral=REFERRAL_KIND_FR[ReferralKind(reg.referral)],
                    prescriber=f"{row.p_first} {row.p_last}" if row.p_first else "",
                    attendance=ATTENDANCE_FR[Attendance(reg.attendance)],
                    registered_at=reg.created_at,
                    cancel_reason=reg.cancel_reason,
                )
            )
        return out
