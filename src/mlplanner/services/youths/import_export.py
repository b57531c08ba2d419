"""Youth import from spreadsheet / national-system files, and CSV exports for a French spreadsheet.

Import: the file is read and validated (`sync.youth_import`), then each line is matched with the youths
already known (same external id, else same name and birth date): a new youth is created, a known one only
gets its empty fields filled in (a re-import of the same file changes nothing), and every line gets an
action or an error in the preview. `dry_run=True` writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Programme, Status
from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.labels import MODE_FR, MONTHS_FR, REFERRAL_FR, STATUS_FR
from mlplanner.domain.models import Changes
from mlplanner.domain.text import digits, fold
from mlplanner.domain.wallclock import local_now
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import columns
from mlplanner.services.youths.service import reindex
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession
from mlplanner.sync.excel import Cell, write_excel_csv
from mlplanner.sync.spreadsheet import id_key
from mlplanner.sync.youth_import import YouthFile, YouthRecord, read_youth_file

_CIVILITIES = {"m", "mme", "mlle", "mr", "monsieur", "madame", "mademoiselle"}
_FILLABLE = ("birth_date", "phone", "email", "external_id", "referent_id", "programme_start", "programme_end")
ACTIONS_FR = {
    "new": "nouveau",
    "fill": "complété",
    "same": "déjà présent",
    "duplicate": "doublon dans le fichier",
    "error": "erreur",
}


@dataclass(frozen=True)
class ImportLine:
    line: int
    action: str  # new | fill | same | duplicate | error
    name: str
    message: str = ""
    youth_id: str | None = None


@dataclass(frozen=True)
class ImportPreview:
    encoding: str
    delimiter: str
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    lines: tuple[ImportLine, ...]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(line.action for line in self.lines))

    @property
    def errors(self) -> tuple[ImportLine, ...]:
        return tuple(line for line in self.lines if line.action == "error")


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    written: bool
    created: int
    updated: int
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


@dataclass
class _Plan:
    record: YouthRecord
    action: str
    message: str = ""
    existing: Youth | None = None
    values: dict[str, Any] = field(default_factory=dict)


def _same_person(first: YouthRecord, fold_name: str, birth: date | None) -> bool:
    """Two lines of one file carrying the same i-milo number describe one person only if the names
    match and the birth dates do not contradict each other."""
    same_name = fold(f"{first.last_name} {first.first_name}") == fold_name
    return same_name and (first.birth_date is None or birth is None or first.birth_date == birth)


def _same_youth(row: Youth, fold_name: str, birth: date | None) -> bool:
    return row.fold_name == fold_name and (row.birth_date is None or birth is None or row.birth_date == birth)


def _who(rec: YouthRecord) -> str:
    return f"{rec.last_name.upper()} {rec.first_name}"


def _referent_key(text: str) -> str:
    words = [w for w in fold(text).replace(".", " ").split() if w not in _CIVILITIES]
    return " ".join(words)


@checked_dates
class ImportExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- youth import -----------------------------------------------------------------------------
    def import_youths(
        self, *, actor: Actor, path: Path | None = None, data: bytes | None = None, dry_run: bool = False
    ) -> ImportResult:
        """Preview (dry_run) or import a youth list. Lines in error are skipped and listed."""
        require(actor, Perm.EDIT_YOUTH)
        if data is None:
            if path is None:
                raise InputError("no_file", "Indiquez le fichier à importer.")
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InputError(
                    "unreadable_file", f"Impossible de lire « {path} » : {exc.strerror}."
                ) from exc
        yf = read_youth_file(data, this_year=self.ctx.clock.now_utc().year)
        with self.ctx.read() if dry_run else self.ctx.write() as s:
            plans = self._plan(s, yf)
            created = updated = 0
            if not dry_run:
                created, updated = self._write(s, actor, plans, Path(path).name if path else "")
            lines = self._lines(yf, plans)
        preview = ImportPreview(yf.encoding, yf.delimiter, yf.columns, yf.ignored_columns, lines)
        changes = Changes.of("youths") if created or updated else Changes()
        return ImportResult(preview, not dry_run, created, updated, changes)

    def _plan(self, s: Session, yf: YouthFile) -> list[_Plan]:
        """Each line's action. A line is the same person as a known youth (or an earlier line) when
        their i-milo numbers match (leading zeros aside) AND their names match; the same number on
        someone with another name is a conflict, never "the same person"; so is a known name and
        birth date under another number."""
        today = self.ctx.clock.now_utc().date()
        site = self.ctx.site_row(s)
        rows = list(s.exec(select(Youth).where(Youth.deleted == False)))
        by_ext = {id_key(r.external_id): r for r in rows if r.external_id}
        by_name = {(r.fold_name, r.birth_date): r for r in rows if r.birth_date}
        staff = list(s.exec(select(Staff).where(Staff.deleted == False)))
        staff_by_last: dict[str, list[Staff]] = {}
        for st in staff:
            staff_by_last.setdefault(fold(st.last_name), []).append(st)
        seen_ext: dict[str, YouthRecord] = {}  # i-milo number -> first line carrying it
        seen_name: dict[tuple[str, date], YouthRecord] = {}  # (name, birth date) -> first line
        plans = []
        for rec in yf.records:
            fold_name = fold(f"{rec.last_name} {rec.first_name}")
            ext = id_key(rec.external_id) if rec.external_id else ""
            if rec.birth_date and not date(1900, 1, 1) < rec.birth_date <= today:
                plans.append(_Plan(rec, "error", f"date de naissance impossible ({rec.birth_date:%d/%m/%Y})"))
                continue
            first = seen_ext.get(ext) if ext else None
            if first is not None:
                if _same_person(first, fold_name, rec.birth_date):
                    plans.append(_Plan(rec, "duplicate", f"même personne que la ligne {first.line}"))
                else:
                    plans.append(
                        _Plan(
                            rec,
                            "error",
                            f"le n° de dossier {rec.external_id} est déjà celui de {_who(first)} "
                            f"(ligne {first.line})",
                        )
                    )
                continue
            twin = seen_name.get((fold_name, rec.birth_date)) if rec.birth_date else None
            if twin is not None:
                if ext and twin.external_id and id_key(twin.external_id) != ext:
                    plans.append(
                        _Plan(
                            rec,
                            "error",
                            f"même nom et même date de naissance que la ligne {twin.line}, "
                            f"mais un autre n° de dossier ({twin.external_id})",
                        )
                    )
                else:
                    plans.append(_Plan(rec, "duplicate", f"même personne que la ligne {twin.line}"))
                continue
            if ext:
                seen_ext[ext] = rec
            if rec.birth_date:
                seen_name[(fold_name, rec.birth_date)] = rec
            values: dict[str, Any] = {
                "first_name": rec.first_name,
                "last_name": rec.last_name,
                "birth_date": rec.birth_date,
                "phone": rec.phone,
                "phone_digits": digits(rec.phone),
                "email": rec.email,
                "external_id": rec.external_id,
                "programme": rec.programme.value,
                "programme_start": rec.programme_start,
                "programme_end": rec.programme_end,
                "sms_consent": rec.sms_consent,
                "fold_name": fold_name,
                "referent_id": None,
            }
            message = ""
            if rec.referent:
                candidates = staff_by_last.get(_referent_key(rec.referent), [])
                local = [c for c in candidates if c.site_id == site.id] or candidates
                if len(local) == 1:
                    values["referent_id"] = local[0].id
                else:
                    message = f"référent « {rec.referent} » {'ambigu' if local else 'inconnu'} : laissé vide"
            holder = by_ext.get(ext) if ext else None
            if holder is not None and not _same_youth(holder, fold_name, rec.birth_date):
                born = (
                    f", né(e) le {holder.birth_date:%d/%m/%Y}"
                    if holder.fold_name == fold_name and holder.birth_date
                    else ""
                )
                plans.append(
                    _Plan(
                        rec,
                        "error",
                        f"le n° de dossier {rec.external_id} est déjà celui de "
                        f"{holder.last_name.upper()} {holder.first_name}{born}",
                    )
                )
                continue
            existing = holder or (by_name.get((fold_name, rec.birth_date)) if rec.birth_date else None)
            if existing is None:
                plans.append(_Plan(rec, "new", message, None, values))
                continue
            if ext and existing.external_id and id_key(existing.external_id) != ext:
                plans.append(
                    _Plan(
                        rec,
                        "error",
                        f"{existing.last_name.upper()} {existing.first_name}, même nom et même date de "
                        f"naissance, a le n° de dossier {existing.external_id} : vérifiez le numéro",
                    )
                )
                continue
            fill = {k: values[k] for k in _FILLABLE if values[k] and not getattr(existing, k)}
            if "phone" in fill:
                fill["phone_digits"] = values["phone_digits"]
            if existing.programme == Programme.NONE.value and rec.programme is not Programme.NONE:
                fill["programme"] = rec.programme.value
            plans.append(_Plan(rec, "fill" if fill else "same", message, existing, fill))
        return plans

    def _write(self, s: Session, actor: Actor, plans: list[_Plan], filename: str) -> tuple[int, int]:
        site = self.ctx.site_row(s)
        now = self.ctx.clock.now_utc()
        touched: list[Youth] = []
        for plan in plans:
            if plan.action == "new":
                row = Youth(site_id=site.id, created_at=now, **plan.values)
                s.add(row)
                plan.existing = row
                touched.append(row)
            elif plan.action == "fill" and plan.existing is not None:
                for k, v in plan.values.items():
                    setattr(plan.existing, k, v)
                s.add(plan.existing)
                touched.append(plan.existing)
        s.flush()
        reindex(s, touched)
        created = sum(1 for p in plans if p.action == "new")
        updated = sum(1 for p in plans if p.action == "fill")
        if touched:
            audit.record(
                s,
                self.ctx,
                actor,
                action="import",
                entity="youth",
                after={"file": filename, "created": created, "updated": updated},
            )
        return created, updated

    @staticmethod
    def _lines(yf: YouthFile, plans: list[_Plan]) -> tuple[ImportLine, ...]:
        lines = [ImportLine(p.line, "error", p.name, p.message) for p in yf.problems]
        for p in plans:
            name = f"{p.record.last_name.upper()} {p.record.first_name}"
            lines.append(
                ImportLine(
                    p.record.line,
                    p.action,
                    name,
                    p.message,
                    p.existing.id if p.existing is not None else None,
                )
            )
        return tuple(sorted(lines, key=lambda line: line.line))

    # --- exports for a spreadsheet ---------------------------------------------------------------------
    def export(self, *, actor: Actor, kind: str, start: date, end: date, out: Path) -> ExportResult:
        """kind: appointments | attendance | registrations | stats. Dates inclusive."""
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
        lo, hi = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
        with self.ctx.read() as s:
            header, rows = makers[kind](s, lo, hi)
        if not Path(out).parent.is_dir():
            raise InputError("no_folder", f"Le dossier « {Path(out).parent} » n'existe pas.")
        if Path(out).is_dir():
            raise InputError("out_is_folder", f"« {out} » est un dossier : indiquez un nom de fichier CSV.")
        try:
            n = write_excel_csv(Path(out), header, rows)
        except OSError as exc:
            raise StorageError(
                "export_unwritable", f"Impossible d'écrire « {out} » : {exc.strerror}."
            ) from exc
        return ExportResult(Path(out), n)

    def _appointment_rows(self, s: Session, lo: datetime, hi: datetime) -> list[tuple]:
        q = (
            select(
                *columns(
                    Appointment, Youth, Staff, Room.name, AppointmentType.label, Site.code, Site.timezone
                )
            )
            .join(Youth, col(Youth.id) == Appointment.youth_id)
            .join(Staff, col(Staff.id) == Appointment.counsellor_id)
            .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
            .join(Site, col(Site.id) == Appointment.site_id)
            .outerjoin(Room, col(Room.id) == Appointment.room_id)
            .where(Appointment.start >= lo, Appointment.start < hi, Appointment.deleted == False)
            .order_by(col(Appointment.start), col(Site.code))
        )
        return list(s.execute(q).tuples())

    def _appointments(self, s: Session, lo: datetime, hi: datetime) -> tuple[list[str], list[list[Cell]]]:
        header = [
            "Site",
            "Date",
            "Début",
            "Fin",
            "Nom",
            "Prénom",
            "N° dossier",
            "Conseiller",
            "Salle",
            "Type",
            "Mode",
            "Statut",
            "Orienté par",
            "Motif d'annulation",
        ]
        rows: list[list[Cell]] = []
        for a, y, st, room, label, site, _tz in self._appointment_rows(s, lo, hi):
            rows.append(
                [
                    site,
                    a.start.date(),
                    f"{a.start:%H:%M}",
                    f"{a.end:%H:%M}",
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
                ]
            )
        return header, rows

    def _attendance(self, s: Session, lo: datetime, hi: datetime) -> tuple[list[str], list[list[Cell]]]:
        header = [
            "Site",
            "Date",
            "Heure",
            "Nom",
            "Prénom",
            "N° dossier",
            "Activité",
            "Conseiller ou atelier",
            "Présence",
            "Arrivée",
        ]
        now = self.ctx.now_local(self.ctx.site().timezone)
        rows: list[list[Cell]] = []
        for a, y, st, _room, label, site, tz in self._appointment_rows(s, lo, hi):
            status = Status(a.status)
            if status.is_cancelled:
                continue
            presence = {
                Status.SEEN: "venu",
                Status.ARRIVED: "venu",
                Status.NO_SHOW: "absent",
                Status.EXCUSED: "excusé",
            }.get(status, "à saisir" if a.start < now else "prévu")
            # an instant (UTC): written as the wall clock of the appointment's site, never the PC's zone
            arrived = f"{local_now(a.arrived_at, tz):%H:%M}" if a.arrived_at else ""
            rows.append(
                [
                    site,
                    a.start.date(),
                    f"{a.start:%H:%M}",
                    y.last_name,
                    y.first_name,
                    y.external_id,
                    f"Rendez-vous : {label}",
                    f"{st.first_name} {st.last_name}",
                    presence,
                    arrived,
                ]
            )
        for reg, ses, series, y, site in self._registration_rows(s, lo, hi):
            if reg.status != "confirmed" or ses.status == "cancelled":
                continue
            presence = _ATTENDANCE_FR.get(reg.attendance, "") or ("à saisir" if ses.start < now else "prévu")
            rows.append(
                [
                    site,
                    ses.start.date(),
                    f"{ses.start:%H:%M}",
                    y.last_name,
                    y.first_name,
                    y.external_id,
                    "Atelier",
                    series.title,
                    presence,
                    "",
                ]
            )
        rows.sort(key=lambda r: (r[1], r[2], r[0]))
        return header, rows

    def _registration_rows(self, s: Session, lo: datetime, hi: datetime) -> list[tuple]:
        q = (
            select(*columns(WorkshopRegistration, WorkshopSession, WorkshopSeries, Youth, Site.code))
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .join(WorkshopSeries, col(WorkshopSeries.id) == WorkshopSession.series_id)
            .join(Youth, col(Youth.id) == WorkshopRegistration.youth_id)
            .join(Site, col(Site.id) == WorkshopSession.site_id)
            .where(
                WorkshopSession.start >= lo,
                WorkshopSession.start < hi,
                WorkshopRegistration.deleted == False,
                WorkshopSession.deleted == False,
            )
            .order_by(col(WorkshopSession.start), col(WorkshopRegistration.queue_no))
        )
        return list(s.execute(q).tuples())

    def _registrations(self, s: Session, lo: datetime, hi: datetime) -> tuple[list[str], list[list[Cell]]]:
        header = [
            "Site",
            "Date",
            "Heure",
            "Atelier",
            "Nom",
            "Prénom",
            "N° dossier",
            "Inscription",
            "Orientation",
            "Présence",
        ]
        rows: list[list[Cell]] = []
        for reg, ses, series, y, site in self._registration_rows(s, lo, hi):
            rows.append(
                [
                    site,
                    ses.start.date(),
                    f"{ses.start:%H:%M}",
                    series.title,
                    y.last_name,
                    y.first_name,
                    y.external_id,
                    _REG_STATUS_FR.get(reg.status, reg.status),
                    "prescrit" if reg.referral == "prescribed" else "spontané",
                    _ATTENDANCE_FR.get(reg.attendance, ""),
                ]
            )
        return header, rows

    def _stats(self, s: Session, lo: datetime, hi: datetime) -> tuple[list[str], list[list[Cell]]]:
        header = [
            "Mois",
            "Site",
            "Rendez-vous pris",
            "Reçus",
            "Absents",
            "Excusés",
            "Annulés",
            "Taux de présence (%)",
            "Jeunes reçus",
            "Séances d'atelier",
            "Inscriptions confirmées",
            "Présents en atelier",
        ]
        stats: dict[tuple[str, str], Counter] = {}
        youths: dict[tuple[str, str], set[str]] = {}
        for a, y, _st, _room, _label, site, _tz in self._appointment_rows(s, lo, hi):
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
        for reg, ses, _series, _y, site in self._registration_rows(s, lo, hi):
            key = (f"{ses.start:%Y-%m}", site)
            c = stats.setdefault(key, Counter())
            if ses.status != "cancelled":
                sessions.setdefault(key, set()).add(ses.id)
            if reg.status == "confirmed":
                c["registered"] += 1
                c["present"] += reg.attendance in ("present", "late")
        rows: list[list[Cell]] = []
        for (month, site), c in sorted(stats.items()):
            year, mo = month.split("-")
            done = c["seen"] + c["no_show"]
            rate = round(100.0 * c["seen"] / done, 1) if done else None
            rows.append(
                [
                    f"{MONTHS_FR[int(mo) - 1]} {year}",
                    site,
                    c["booked"],
                    c["seen"],
                    c["no_show"],
                    c["excused"],
                    c["cancelled"],
                    rate,
                    len(youths.get((month, site), ())),
                    len(sessions.get((month, site), ())),
                    c["registered"],
                    c["present"],
                ]
            )
        return header, rows


_ATTENDANCE_FR = {"present": "présent", "absent": "absent", "excused": "excusé", "late": "en retard"}
_REG_STATUS_FR = {"confirmed": "inscrit", "waitlisted": "liste d'attente", "cancelled": "annulé"}


def _label(labels: dict, value: str) -> str:
    for k, v in labels.items():
        if k.value == value:
            return v
    return value


def _referral(value: str) -> str:
    return _label(REFERRAL_FR, value) if value else ""
