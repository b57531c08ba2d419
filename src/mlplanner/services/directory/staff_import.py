"""Staff on day one: import a spreadsheet of staff (preview first), each new account with a one-time PIN.

The file is read by `sync.staff_import`; here each line is matched with the site's staff (same first and
last name, accents and case aside: "already there", never a second account) and turned into a working
pattern against the site's opening hours ("journée" = the site's hours that day, "matin" / "après-midi" =
its intervals before / after 13:00). `dry_run=True` writes nothing. A real import creates the staff in
one transaction and returns each new person's one-time PIN, once: the administrator hands them over,
and each person chooses their own code at their first login.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError, InputError, os_reason_fr
from mlplanner.domain.hours import WeeklyHours, word_hours
from mlplanner.domain.labels import ROLE_FR
from mlplanner.domain.models import Changes
from mlplanner.domain.text import fold
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.pins import hash_secret, one_time_pin
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Credential, Room, Staff
from mlplanner.sync.staff_import import StaffFile, StaffRecord, read_staff_file

ACTIONS_FR = {
    "new": "nouveau",
    "same": "déjà présent",
    "duplicate": "doublon dans le fichier",
    "error": "erreur",
}


@dataclass(frozen=True)
class StaffLine:
    line: int
    action: str  # new | same | duplicate | error
    name: str
    role: str = ""  # French label
    hours: str = ""  # "lundi 09:00–12:30, ..." as stored
    message: str = ""
    remarks: tuple[DomainError, ...] = ()  # `message` as codes and details, for the UI's language
    pattern: WeeklyHours | None = None  # `hours` as hours, for the UI's language


@dataclass(frozen=True)
class NewAccount:
    """A person created by the import, with the one-time PIN to hand over (empty for partners)."""

    staff_id: str
    name: str
    role: str
    one_time_pin: str


@dataclass(frozen=True)
class StaffImportResult:
    kind: str  # "classeur Excel (.xlsx)" or "CSV, encodage ..., séparateur ..."
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    lines: tuple[StaffLine, ...]
    written: bool
    accounts: tuple[NewAccount, ...] = ()
    changes: Changes = field(default_factory=Changes)

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(line.action for line in self.lines))

    @property
    def errors(self) -> tuple[StaffLine, ...]:
        return tuple(line for line in self.lines if line.action == "error")


@dataclass
class _Plan:
    record: StaffRecord
    action: str
    remarks: tuple[DomainError, ...] = ()
    pattern: WeeklyHours | None = None
    room_id: str | None = None


def pattern_for(record: StaffRecord, site_hours: WeeklyHours) -> WeeklyHours:
    if record.week is None:
        return site_hours
    mapping: dict[str, list[list[str]]] = {}
    for weekday, value in record.week.items():
        spans = word_hours(site_hours, weekday, value) if isinstance(value, str) else value
        if spans:
            mapping[str(weekday)] = spans
    return WeeklyHours.from_mapping(mapping)


@checked_dates
class StaffImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def import_staff(
        self, *, actor: Actor, path: Path | None = None, data: bytes | None = None, dry_run: bool = False
    ) -> StaffImportResult:
        require(actor, Perm.MANAGE_STAFF)
        if data is None:
            if path is None:
                raise InputError("no_file", "Indiquez le fichier à importer.")
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InputError(
                    "unreadable_file", f"Impossible de lire « {path} » : {os_reason_fr(exc)}."
                ) from exc
        sf = read_staff_file(data)
        accounts: list[NewAccount] = []
        with self.ctx.read() if dry_run else self.ctx.write() as s:
            plans = self._plan(s, sf)
            if not dry_run:
                accounts = self._write(s, actor, plans, Path(path).name if path else "")
        lines = self._lines(sf, plans)
        kind = (
            "classeur Excel (.xlsx)"
            if sf.encoding == "xlsx"
            else f"CSV, encodage {sf.encoding}, séparateur « {sf.delimiter} »"
        )
        changes = Changes.of("staff") if accounts else Changes()
        return StaffImportResult(
            kind, sf.columns, sf.ignored_columns, lines, not dry_run, tuple(accounts), changes
        )

    def _plan(self, s: Session, sf: StaffFile) -> list[_Plan]:
        site = self.ctx.site_row(s)
        hours = WeeklyHours.from_json(site.opening_hours)
        here = s.exec(select(Staff).where(Staff.site_id == site.id, Staff.deleted == False))
        known = {fold(f"{r.first_name} {r.last_name}") for r in here}
        rooms = {
            fold(r.name): r.id
            for r in s.exec(select(Room).where(Room.site_id == site.id, Room.deleted == False))
        }
        seen: dict[str, int] = {}
        plans = []
        for rec in sf.records:
            key = fold(f"{rec.first_name} {rec.last_name}")
            if key in seen:
                same = DomainError("same_as_line", f"même personne que la ligne {seen[key]}", line=seen[key])
                plans.append(_Plan(rec, "duplicate", (same,)))
                continue
            seen[key] = rec.line
            if key in known:
                known_one = DomainError("already_staff", "déjà dans le personnel du site : inchangé")
                plans.append(_Plan(rec, "same", (known_one,)))
                continue
            try:
                pattern = pattern_for(rec, hours)
            except InputError as exc:
                plans.append(_Plan(rec, "error", (exc,)))
                continue
            remarks: list[DomainError] = []
            room_id = None
            if rec.room:
                room_id = rooms.get(fold(rec.room))
                if room_id is None:
                    remarks.append(
                        DomainError(
                            "room_unknown", f"bureau « {rec.room} » inconnu : laissé vide", room=rec.room
                        )
                    )
            if rec.role in (Role.COUNSELLOR, Role.PARTNER) and not any(pattern.days):
                remarks.append(
                    DomainError("no_working_day", "aucun jour travaillé : pas de rendez-vous possible")
                )
            plans.append(_Plan(rec, "new", tuple(remarks), pattern, room_id))
        return plans

    def _write(self, s: Session, actor: Actor, plans: list[_Plan], filename: str) -> list[NewAccount]:
        site = self.ctx.site_row(s)
        now = self.ctx.clock.now_utc()
        accounts = []
        for plan in plans:
            if plan.action != "new":
                continue
            rec = plan.record
            assert plan.pattern is not None
            row = Staff(
                site_id=site.id,
                first_name=rec.first_name,
                last_name=rec.last_name,
                role=rec.role.value,
                working_pattern=plan.pattern.to_json(),
                default_room_id=plan.room_id,
            )
            s.add(row)
            s.flush()
            pin = ""
            if rec.role is not Role.PARTNER:
                pin = one_time_pin()
                s.add(
                    Credential(
                        staff_id=row.id, secret_hash=hash_secret(pin), must_change=True, updated_at=now
                    )
                )
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="staff",
                entity_id=row.id,
                after=audit.snapshot(row),
            )
            accounts.append(NewAccount(row.id, f"{rec.first_name} {rec.last_name}", ROLE_FR[rec.role], pin))
        if accounts:
            audit.record(
                s,
                self.ctx,
                actor,
                action="import",
                entity="staff",
                after={"file": filename, "created": len(accounts)},
            )
        return accounts

    @staticmethod
    def _lines(sf: StaffFile, plans: list[_Plan]) -> tuple[StaffLine, ...]:
        lines = [
            StaffLine(p.line, "error", p.name, message=p.message, remarks=(p.error,) if p.error else ())
            for p in sf.problems
        ]
        for p in plans:
            rec = p.record
            lines.append(
                StaffLine(
                    rec.line,
                    p.action,
                    f"{rec.last_name.upper()} {rec.first_name}",
                    ROLE_FR[rec.role],
                    p.pattern.describe_fr() if p.pattern is not None else "",
                    " ; ".join(r.message for r in p.remarks),
                    p.remarks,
                    p.pattern,
                )
            )
        return tuple(sorted(lines, key=lambda line: line.line))
