"""Youth import from spreadsheet / national-system files (the exports live in `services.reports.exports`).

Import: the file is read and validated (`sync.youth_import`), then each line is matched with the youths
already known (same external id, else same name and birth date): a new youth is created, a known one only
gets its empty fields filled in (a re-import of the same file changes nothing), and every line gets an
action or an error in the preview. `dry_run=True` writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from mlplanner.domain.enums import Programme
from mlplanner.domain.errors import DomainError, InputError, os_reason_fr
from mlplanner.domain.models import Changes
from mlplanner.domain.text import digits, fold
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.reports.exports import ExportResult, ExportService
from mlplanner.services.youths.service import reindex
from mlplanner.storage.tables import Staff, Youth
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
    remark: DomainError | None = None  # `message` as a code and details, for the UI's language


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


@dataclass
class _Plan:
    record: YouthRecord
    action: str
    remark: DomainError | None = None
    existing: Youth | None = None
    values: dict[str, Any] = field(default_factory=dict)


def _same_as(first: YouthRecord) -> DomainError:
    """The remark of a line that repeats an earlier line of the same file."""
    return DomainError("same_as_line", f"même personne que la ligne {first.line}", line=first.line)


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
                    "unreadable_file", f"Impossible de lire « {path} » : {os_reason_fr(exc)}."
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
                impossible = DomainError(
                    "impossible_birth_date",
                    f"date de naissance impossible ({rec.birth_date:%d/%m/%Y})",
                    birth=f"{rec.birth_date:%d/%m/%Y}",  # as written, not a weekday's date
                )
                plans.append(_Plan(rec, "error", impossible))
                continue
            first = seen_ext.get(ext) if ext else None
            if first is not None:
                if _same_person(first, fold_name, rec.birth_date):
                    plans.append(_Plan(rec, "duplicate", _same_as(first)))
                else:
                    taken = DomainError(
                        "file_number_on_line",
                        f"le n° de dossier {rec.external_id} est déjà celui de {_who(first)} "
                        f"(ligne {first.line})",
                        number=rec.external_id,
                        person=_who(first),
                        line=first.line,
                    )
                    plans.append(_Plan(rec, "error", taken))
                continue
            twin = seen_name.get((fold_name, rec.birth_date)) if rec.birth_date else None
            if twin is not None:
                if ext and twin.external_id and id_key(twin.external_id) != ext:
                    other = DomainError(
                        "twin_other_number",
                        f"même nom et même date de naissance que la ligne {twin.line}, "
                        f"mais un autre n° de dossier ({twin.external_id})",
                        line=twin.line,
                        number=twin.external_id,
                    )
                    plans.append(_Plan(rec, "error", other))
                else:
                    plans.append(_Plan(rec, "duplicate", _same_as(twin)))
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
            remark: DomainError | None = None
            if rec.referent:
                candidates = staff_by_last.get(_referent_key(rec.referent), [])
                local = [c for c in candidates if c.site_id == site.id] or candidates
                if len(local) == 1:
                    values["referent_id"] = local[0].id
                elif local:
                    remark = DomainError(
                        "referent_ambiguous",
                        f"référent « {rec.referent} » ambigu : laissé vide",
                        referent=rec.referent,
                    )
                else:
                    remark = DomainError(
                        "referent_unknown",
                        f"référent « {rec.referent} » inconnu : laissé vide",
                        referent=rec.referent,
                    )
            holder = by_ext.get(ext) if ext else None
            if holder is not None and not _same_youth(holder, fold_name, rec.birth_date):
                born = holder.birth_date if holder.fold_name == fold_name else None
                person = f"{holder.last_name.upper()} {holder.first_name}"
                said = f", né(e) le {born:%d/%m/%Y}" if born else ""
                taken = DomainError(
                    "file_number_taken",
                    f"le n° de dossier {rec.external_id} est déjà celui de {person}{said}",
                    number=rec.external_id,
                    person=person,
                    born=f"{born:%d/%m/%Y}" if born else None,
                )
                plans.append(_Plan(rec, "error", taken))
                continue
            existing = holder or (by_name.get((fold_name, rec.birth_date)) if rec.birth_date else None)
            if existing is None:
                plans.append(_Plan(rec, "new", remark, None, values))
                continue
            if ext and existing.external_id and id_key(existing.external_id) != ext:
                person = f"{existing.last_name.upper()} {existing.first_name}"
                other = DomainError(
                    "same_person_other_number",
                    f"{person}, même nom et même date de naissance, a le n° de dossier "
                    f"{existing.external_id} : vérifiez le numéro",
                    person=person,
                    number=existing.external_id,
                )
                plans.append(_Plan(rec, "error", other))
                continue
            fill = {k: values[k] for k in _FILLABLE if values[k] and not getattr(existing, k)}
            if "phone" in fill:
                fill["phone_digits"] = values["phone_digits"]
            if existing.programme == Programme.NONE.value and rec.programme is not Programme.NONE:
                fill["programme"] = rec.programme.value
            plans.append(_Plan(rec, "fill" if fill else "same", remark, existing, fill))
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
        lines = [ImportLine(p.line, "error", p.name, p.message, remark=p.error) for p in yf.problems]
        for p in plans:
            name = f"{p.record.last_name.upper()} {p.record.first_name}"
            lines.append(
                ImportLine(
                    p.record.line,
                    p.action,
                    name,
                    p.remark.message if p.remark is not None else "",
                    p.existing.id if p.existing is not None else None,
                    p.remark,
                )
            )
        return tuple(sorted(lines, key=lambda line: line.line))

    # --- exports for a spreadsheet ---------------------------------------------------------------------
    def export(self, *, actor: Actor, kind: str, start: date, end: date, out: Path) -> ExportResult:
        """kind: appointments | attendance | registrations | stats; `.xlsx` or `.csv` (see
        `services.reports.exports`, where the exports live with the other reports)."""
        return ExportService(self.ctx).export(actor=actor, kind=kind, start=start, end=end, out=out)
