"""Reading the audit trail: who did what and when, filtered by person, young person and date.

Entries are written by `services.audit.record` in the transaction of each change; this module only reads
them (permission `VIEW_AUDIT`) and turns codes into French: action and entity labels, and a one-line
summary of what changed ("statut : réservé → reçu", staff and room ids shown by name).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.domain.wallclock import DEFAULT_TZ, local_now, to_utc
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import AppointmentType, AuditEntry, Room, Staff, Youth

ACTION_FR: dict[str, str] = {
    "create": "création",
    "update": "modification",
    "delete": "suppression",
    "merge": "fusion de deux fiches",
    "book": "rendez-vous pris",
    "book_forced": "rendez-vous forcé (double réservation)",
    "move": "rendez-vous déplacé",
    "move_forced": "déplacement forcé",
    "check_in": "arrivée enregistrée",
    "undo_check_in": "arrivée annulée",
    "cancel": "rendez-vous annulé",
    "outcome": "issue saisie",
    "restore_status": "statut rétabli",
    "notes": "notes modifiées",
    "switch_mode": "passage à distance",
    "set_secret": "code personnel modifié",
    "reset_pin": "code personnel réinitialisé (code provisoire)",
    "lock": "compte verrouillé (codes erronés)",
    "unlock": "compte déverrouillé",
    "import": "import d'une liste",
    "configure": "réglage modifié",
    "restore": "sauvegarde restaurée",
    "anonymise": "anonymisation (durée de conservation)",
    "reduce": "données réduites (preuves financeurs)",
    "erase": "effacement à la demande (RGPD)",
    "export_access": "export du droit d'accès",
    "register": "inscription à un atelier",
    "unregister": "désinscription d'un atelier",
    "attendance": "présence saisie",
    "reminder_call": "appel de rappel passé",
    "reminder_call_undone": "appel de rappel décoché",
}
ENTITY_FR: dict[str, str] = {
    "youth": "jeune",
    "appointment": "rendez-vous",
    "staff": "personnel",
    "site": "site",
    "site_closure": "fermeture du site",
    "room": "salle",
    "appointment_type": "type de rendez-vous",
    "absence": "absence",
    "backup": "sauvegarde",
    "setting": "réglage",
    "workshop_series": "atelier",
    "workshop_session": "séance d'atelier",
    "workshop_registration": "inscription à un atelier",
}
FIELD_FR: dict[str, str] = {
    "status": "statut",
    "start": "début",
    "end": "fin",
    "counsellor_id": "conseiller",
    "room_id": "salle",
    "mode": "mode",
    "type_id": "type",
    "first_name": "prénom",
    "last_name": "nom",
    "birth_date": "naissance",
    "phone": "téléphone",
    "email": "courriel",
    "external_id": "identifiant externe",
    "referent_id": "référent",
    "programme": "programme",
    "sms_consent": "accord SMS",
    "email_consent": "accord e-mail",
    "keep": "nombre conservé",
    "value": "valeur",
    "merged_records": "fiches fusionnées",
    "rows_cleaned": "lignes nettoyées",
    "appointments_cancelled": "rendez-vous annulés",
    "registrations_cancelled": "inscriptions annulées",
    "sections": "rubriques",
    "youths": "jeunes",
    "appointments": "rendez-vous",
}
HIDDEN_KEYS = frozenset({"youth_id", "id", "site_id"})  # shown in their own column, or meaningless
MAX_LIMIT = 1000


@dataclass(frozen=True)
class AuditRow:
    id: str
    at: datetime  # naive wall clock of the site (what a site lead reads)
    actor_id: str
    actor_name: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_id: str
    youth_id: str
    youth_name: str  # "" when none, or the youth was erased
    reason: str
    summary: str  # "statut : réservé → reçu ; salle : Bureau 2 → Bureau 3"


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int  # matching entries, of which `rows` is one page
    offset: int


@dataclass(frozen=True)
class Person:
    """Someone who appears as the author of audit entries (filter choice)."""

    id: str
    name: str


def _fmt(value: Any, names: dict[str, str], tz: str) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        if value in names:
            return names[value]
        try:
            return STATUS_FR[Status(value)]
        except ValueError:
            pass
        try:
            return MODE_FR[Mode(value)]
        except ValueError:
            pass
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            try:
                d = datetime.fromisoformat(value)
                if d.tzinfo is not None:  # an instant (arrival, closing...): the site's wall clock
                    d = local_now(d, tz)
                return (
                    d.strftime("%d/%m/%Y %H:%M") if "T" in value or " " in value else d.strftime("%d/%m/%Y")
                )
            except ValueError:
                return value
        return value[:40]
    if isinstance(value, list | dict):
        return f"{len(value)} élément(s)"
    return str(value)


def summarise(before: str, after: str, names: dict[str, str], tz: str = DEFAULT_TZ) -> str:
    """What changed between two JSON snapshots, in French, on one line (instants in the zone `tz`)."""

    def load(text: str) -> dict[str, Any]:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    b, a = load(before), load(after)
    parts = []
    for key in list(dict.fromkeys([*b, *a])):
        old, new = b.get(key), a.get(key)
        if old == new or key in HIDDEN_KEYS or isinstance(old, dict) or isinstance(new, dict):
            continue
        label = FIELD_FR.get(key, key.replace("_", " "))
        if key in b and key in a:
            parts.append(f"{label} : {_fmt(old, names, tz)} → {_fmt(new, names, tz)}")
        elif key in a:
            parts.append(f"{label} : {_fmt(new, names, tz)}")
    return " ; ".join(parts)


@checked_dates
class AuditLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _tz(self, s: Session) -> str:
        return self.ctx.site_row(s).timezone

    def entries(
        self,
        *,
        actor: Actor,
        person: Person | None = None,
        youth_id: str | None = None,
        start: date | None = None,
        end: date | None = None,
        action: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> AuditPage:
        """Entries newest first; `start`/`end` are local days, both included."""
        require(actor, Perm.VIEW_AUDIT)
        if start is not None and end is not None and end < start:
            raise InputError("bad_range", "La date de fin doit suivre la date de début.")
        limit = max(1, min(limit, MAX_LIMIT))
        with self.ctx.read() as s:
            tz = self._tz(s)
            conds: list[Any] = []  # SQL conditions
            if person is not None:
                conds.append(
                    AuditEntry.actor_id == person.id
                    if person.id
                    else (AuditEntry.actor_id == "") & (AuditEntry.actor_name == person.name)
                )
            if youth_id:
                conds.append(or_(AuditEntry.youth_id == youth_id, AuditEntry.entity_id == youth_id))
            if start is not None:
                conds.append(AuditEntry.at >= to_utc(datetime.combine(start, time()), tz))
            if end is not None:
                conds.append(AuditEntry.at < to_utc(datetime.combine(end + timedelta(days=1), time()), tz))
            if action:
                conds.append(AuditEntry.action == action)
            total = s.execute(select(func.count()).select_from(AuditEntry).where(*conds)).scalar_one()
            q = (
                select(AuditEntry, Youth.first_name, Youth.last_name, Youth.deleted)
                .outerjoin(Youth, col(Youth.id) == AuditEntry.youth_id)
                .where(*conds)
                .order_by(col(AuditEntry.at).desc(), col(AuditEntry.seq).desc())
                .offset(max(0, offset))
                .limit(limit)
            )
            names = self._names(s)
            rows = tuple(
                self._row(e, first, last, deleted, names, tz) for e, first, last, deleted in s.execute(q)
            )
        return AuditPage(rows, int(total), max(0, offset))

    @staticmethod
    def _names(s: Session) -> dict[str, str]:
        names = {i: f"{f} {n}" for i, f, n in s.execute(select(Staff.id, Staff.first_name, Staff.last_name))}
        names.update({i: name for i, name in s.execute(select(Room.id, Room.name))})
        names.update({i: label for i, label in s.execute(select(AppointmentType.id, AppointmentType.label))})
        return names

    @staticmethod
    def _row(
        e: AuditEntry,
        first: str | None,
        last: str | None,
        deleted: bool | None,
        names: dict[str, str],
        tz: str,
    ) -> AuditRow:
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)
        youth_name = (
            f"{last.upper()} {first}" if last is not None and first is not None and not deleted else ""
        )
        return AuditRow(
            id=e.id,
            at=local_now(at, tz),
            actor_id=e.actor_id,
            actor_name=e.actor_name,
            action=e.action,
            action_label=ACTION_FR.get(e.action, e.action),
            entity=e.entity,
            entity_label=ENTITY_FR.get(e.entity, e.entity.replace("_", " ")),
            entity_id=e.entity_id,
            youth_id=e.youth_id,
            youth_name=youth_name,
            reason=e.reason,
            summary=summarise(e.before, e.after, names, tz),
        )

    def people(self, *, actor: Actor) -> list[Person]:
        """Everyone who wrote an audit entry, by name (the person filter's choices)."""
        require(actor, Perm.VIEW_AUDIT)
        with self.ctx.read() as s:
            rows = s.execute(select(AuditEntry.actor_id, AuditEntry.actor_name).distinct()).all()
        seen: dict[tuple[str, str], Person] = {}
        for actor_id, name in rows:
            key = (actor_id, "" if actor_id else name)
            seen.setdefault(key, Person(actor_id, name))
        return sorted(seen.values(), key=lambda p: p.name.lower())

    def actions(self, *, actor: Actor) -> list[tuple[str, str]]:
        """(code, French label) of the actions present in the trail."""
        require(actor, Perm.VIEW_AUDIT)
        with self.ctx.read() as s:
            codes = s.execute(select(AuditEntry.action).distinct()).scalars().all()
        return sorted(((c, ACTION_FR.get(c, c)) for c in codes), key=lambda p: p[1])
