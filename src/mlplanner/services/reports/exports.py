"""The spreadsheet exports (appointments, attendance, workshop registrations, monthly statistics) and the
writing of every report to a file.

A file's format follows its name: `.xlsx` is the workbook a person opens (typed cells, a title and the
period on top, see `sync.workbook`), `.csv` the plain table for another program. Every file written holds
personal data: it gets an audit entry (what, how many rows, which format), like a printed PDF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.labels import MODE_FR, MONTHS_FR, REFERRAL_FR, STATUS_FR
from mlplanner.domain.periods import Period
from mlplanner.domain.wallclock import local_now
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.reports.common import header
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession
from mlplanner.sync.workbook import Column, Kind, Table, Value, write_table_file

FORMATS = (".xlsx", ".csv")
EXPORT_KINDS: dict[str, str] = {
    "appointments": "Rendez-vous",
    "attendance": "Présences (rendez-vous et ateliers)",
    "registrations": "Inscriptions aux ateliers",
    "stats": "Statistiques mensuelles",
}
_ATTENDANCE_FR = {"present": "présent", "absent": "absent", "excused": "excusé", "late": "en retard"}
_REG_STATUS_FR = {"confirmed": "inscrit", "waitlisted": "liste d'attente", "cancelled": "annulé"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    format: str = "csv"  # "xlsx" | "csv"


def _label(labels: dict[Any, str], value: str) -> str:
    for k, v in labels.items():
        if k.value == value:
            return v
    return value


def _referral(value: str) -> str:
    return _label(REFERRAL_FR, value) if value else ""


def check_target(out: Path) -> Path:
    """A file name the user can write: `.xlsx` or `.csv`, in a folder that exists, not a folder itself."""
    out = Path(out)
    if out.is_dir():
        raise InputError("out_is_folder", f"« {out} » est un dossier : indiquez un nom de fichier.")
    if not out.parent.is_dir():
        raise InputError("no_folder", f"Le dossier « {out.parent} » n'existe pas.")
    if out.suffix.lower() not in FORMATS:
        raise InputError(
            "bad_format",
            f"« {out.name} » : choisissez un fichier .xlsx (tableur) ou .csv (autres logiciels).",
        )
    return out


@checked_dates
class ReportFiles:
    """Writes report tables to a file, with the audit entry."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def write(self, *, actor: Actor, kind: str, tables: Sequence[Table], out: Path) -> ExportResult:
        out = check_target(out)
        try:
            fmt = write_table_file(out, tables)
        except OSError as exc:
            raise StorageError(
                "export_unwritable", f"Impossible d'écrire « {out} » : {exc.strerror}."
            ) from exc
        rows = len(tables[0].rows) if tables else 0
        with self.ctx.write() as s:
            audit.record(
                s,
                self.ctx,
                actor,
                action="export",
                entity="report",
                entity_id=kind,
                after={"file": out.name, "rows": rows, "format": fmt},
            )
        return ExportResult(out, rows, fmt)


@checked_dates
class ExportService:
    """The exports of `EXPORT_KINDS` over a period, as tables or as a file."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = ReportFiles(ctx)

    def tables(self, *, actor: Actor, kind: str, start: date, end: date) -> list[Table]:
        require(actor, Perm.PRINT)
        if end < start:
            raise InputError("end_before_start", "La date de fin doit suivre la date de début.")
        makers = {
            "appointments": self._appointments,
            "attendance": self._attendance,
            "registrations": self._registrations,
            "stats": self._stats,
        }
        if kind not in makers:
            raise InputError("bad_export", f"Export inconnu : « {kind} » ({', '.join(makers)}).")
        period = Period(start, end)
        with self.ctx.read() as s:
            cols, rows = makers[kind](s, period)
            head = header(s, self.ctx, actor, network=True)
        return [
            Table(
                EXPORT_KINDS[kind],
                period.describe_fr(),
                cols,
                tuple(rows),
                EXPORT_KINDS[kind][:31],
                (),
                head.organisation_site,
                head.generated,
            )
        ]

    def export(self, *, actor: Actor, kind: str, start: date, end: date, out: Path) -> ExportResult:
        """kind: appointments | attendance | registrations | stats. Dates inclusive; .xlsx or .csv."""
        check_target(out)
        tables = self.tables(actor=actor, kind=kind, start=start, end=end)
        return self.files.write(actor=actor, kind=kind, tables=tables, out=out)

    # --- the rows -------------------------------------------------------------------------------------
    @staticmethod
    def _appointment_rows(s: Session, period: Period) -> list[tuple[Any, ...]]:
        A = Appointment
        q = (
            sa_select(
                A,
                Youth,
                Staff,
                col(Room.name),
                col(AppointmentType.label),
                col(Site.code),
                col(Site.timezone),
            )
            .join(Youth, col(Youth.id) == col(A.youth_id))
            .join(Staff, col(Staff.id) == col(A.counsellor_id))
            .join(AppointmentType, col(AppointmentType.id) == col(A.type_id))
            .join(Site, col(Site.id) == col(A.site_id))
            .outerjoin(Room, col(Room.id) == col(A.room_id))
            .where(col(A.start) >= period.lo, col(A.start) < period.hi, col(A.deleted) == False)
            .order_by(col(A.start), col(Site.code))
        )
        return list(s.execute(q).tuples())

    def _appointments(self, s: Session, period: Period) -> tuple[tuple[Column, ...], list[tuple[Value, ...]]]:
        cols = (
            Column("Site"),
            Column("Date", Kind.DATE),
            Column("Début", Kind.TIME),
            Column("Fin", Kind.TIME),
            Column("Nom"),
            Column("Prénom"),
            Column("N° dossier", Kind.CODE),
            Column("Conseiller"),
            Column("Salle"),
            Column("Type"),
            Column("Mode"),
            Column("Statut"),
            Column("Orienté par"),
            Column("Motif d'annulation"),
        )
        rows: list[tuple[Value, ...]] = [
            (
                site,
                a.start.date(),
                a.start.time(),
                a.end.time(),
                y.last_name,
                y.first_name,
                y.external_id,
                f"{st.first_name} {st.last_name}",
                room or "",
                label,
                _label(MODE_FR, a.mode),
                _label(STATUS_FR, a.status),
                _referral(a.referred_by),
                a.cancel_reason,
            )
            for a, y, st, room, label, site, _tz in self._appointment_rows(s, period)
        ]
        return cols, rows

    def _attendance(self, s: Session, period: Period) -> tuple[tuple[Column, ...], list[tuple[Value, ...]]]:
        cols = (
            Column("Site"),
            Column("Date", Kind.DATE),
            Column("Heure", Kind.TIME),
            Column("Nom"),
            Column("Prénom"),
            Column("N° dossier", Kind.CODE),
            Column("Activité"),
            Column("Conseiller ou atelier"),
            Column("Présence"),
            Column("Arrivée", Kind.TIME),
        )
        now_utc = self.ctx.clock.now_utc()
        rows: list[tuple[Value, ...]] = []
        for a, y, st, _room, label, site, tz in self._appointment_rows(s, period):
            status = Status(a.status)
            if status.is_cancelled:
                continue
            presence = {
                Status.SEEN: "venu",
                Status.ARRIVED: "venu",
                Status.NO_SHOW: "absent",
                Status.EXCUSED: "excusé",
            }.get(status, "à saisir" if a.start < local_now(now_utc, tz) else "prévu")
            # an instant (UTC): written as the wall clock of the appointment's site, never the PC's zone
            arrived = (
                local_now(a.arrived_at, tz).time().replace(second=0, microsecond=0) if a.arrived_at else None
            )
            rows.append(
                (
                    site,
                    a.start.date(),
                    a.start.time(),
                    y.last_name,
                    y.first_name,
                    y.external_id,
                    f"Rendez-vous : {label}",
                    f"{st.first_name} {st.last_name}",
                    presence,
                    arrived,
                )
            )
        for reg, ses, series, y, site, tz in self._registration_rows(s, period):
            if reg.status != "confirmed" or ses.status == "cancelled":
                continue
            late = ses.start < local_now(now_utc, tz)
            presence = _ATTENDANCE_FR.get(reg.attendance, "") or ("à saisir" if late else "prévu")
            rows.append(
                (
                    site,
                    ses.start.date(),
                    ses.start.time(),
                    y.last_name,
                    y.first_name,
                    y.external_id,
                    "Atelier",
                    series.title,
                    presence,
                    None,
                )
            )
        rows.sort(key=lambda r: (r[1], r[2], r[0]))
        return cols, rows

    @staticmethod
    def _registration_rows(s: Session, period: Period) -> list[tuple[Any, ...]]:
        S, R = WorkshopSession, WorkshopRegistration
        q = (
            sa_select(R, S, WorkshopSeries, Youth, col(Site.code), col(Site.timezone))
            .join(S, col(S.id) == col(R.session_id))
            .join(WorkshopSeries, col(WorkshopSeries.id) == col(S.series_id))
            .join(Youth, col(Youth.id) == col(R.youth_id))
            .join(Site, col(Site.id) == col(S.site_id))
            .where(
                col(S.start) >= period.lo,
                col(S.start) < period.hi,
                col(R.deleted) == False,
                col(S.deleted) == False,
            )
            .order_by(col(S.start), col(R.queue_no))
        )
        return list(s.execute(q).tuples())

    def _registrations(
        self, s: Session, period: Period
    ) -> tuple[tuple[Column, ...], list[tuple[Value, ...]]]:
        cols = (
            Column("Site"),
            Column("Date", Kind.DATE),
            Column("Heure", Kind.TIME),
            Column("Atelier"),
            Column("Nom"),
            Column("Prénom"),
            Column("N° dossier", Kind.CODE),
            Column("Inscription"),
            Column("Orientation"),
            Column("Présence"),
        )
        rows: list[tuple[Value, ...]] = [
            (
                site,
                ses.start.date(),
                ses.start.time(),
                series.title,
                y.last_name,
                y.first_name,
                y.external_id,
                _REG_STATUS_FR.get(reg.status, reg.status),
                "prescrit" if reg.referral == "prescribed" else "spontané",
                _ATTENDANCE_FR.get(reg.attendance, ""),
            )
            for reg, ses, series, y, site, _tz in self._registration_rows(s, period)
        ]
        return cols, rows

    def _stats(self, s: Session, period: Period) -> tuple[tuple[Column, ...], list[tuple[Value, ...]]]:
        cols = (
            Column("Mois"),
            Column("Site"),
            Column("Rendez-vous pris", Kind.INT),
            Column("Reçus", Kind.INT),
            Column("Absents", Kind.INT),
            Column("Excusés", Kind.INT),
            Column("Annulés", Kind.INT),
            Column("Taux de présence (%)", Kind.PERCENT),
            Column("Jeunes reçus", Kind.INT),
            Column("Séances d'atelier", Kind.INT),
            Column("Inscriptions confirmées", Kind.INT),
            Column("Présents en atelier", Kind.INT),
        )
        stats: dict[tuple[str, str], Counter[str]] = {}
        youths: dict[tuple[str, str], set[str]] = {}
        for a, y, _st, _room, _type, site, _tz in self._appointment_rows(s, period):
            key = (f"{a.start:%Y-%m}", site)
            c = stats.setdefault(key, Counter())
            c["booked"] += 1
            st = Status(a.status)
            c[
                {
                    Status.SEEN: "seen",
                    Status.ARRIVED: "seen",
                    Status.NO_SHOW: "no_show",
                    Status.EXCUSED: "excused",
                }.get(st, "cancelled" if st.is_cancelled else "pending")
            ] += 1
            if st in (Status.SEEN, Status.ARRIVED):
                youths.setdefault(key, set()).add(y.id)
        sessions: dict[tuple[str, str], set[str]] = {}
        for reg, ses, _series, _y, site, _tz in self._registration_rows(s, period):
            key = (f"{ses.start:%Y-%m}", site)
            c = stats.setdefault(key, Counter())
            if ses.status != "cancelled":
                sessions.setdefault(key, set()).add(ses.id)
            if reg.status == "confirmed":
                c["registered"] += 1
                c["present"] += reg.attendance in ("present", "late")
        rows: list[tuple[Value, ...]] = []
        for (month, site), c in sorted(stats.items()):
            year, mo = month.split("-")
            done = c["seen"] + c["no_show"]
            rows.append(
                (
                    f"{MONTHS_FR[int(mo) - 1]} {year}",
                    site,
                    c["booked"],
                    c["seen"],
                    c["no_show"],
                    c["excused"],
                    c["cancelled"],
                    round(c["seen"] / done, 4) if done else None,
                    len(youths.get((month, site), ())),
                    len(sessions.get((month, site), ())),
                    c["registered"],
                    c["present"],
                )
            )
        return cols, rows
