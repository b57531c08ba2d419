"""Creating a real site in an empty file, showing what it is, and changing its time zone or holidays.

One call creates everything a site needs before its first day, in one transaction: the site (code,
names, address and phone printed on every document, IANA time zone and holiday calendar checked
against the lists of `domain.territories`), opening hours, rooms, appointment types (sensible defaults,
editable) and the first administrator with the PIN they chose. A real site has no default PIN and is
never marked as a demonstration. The wizard of the app and `mlplanner site init` both call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.domain import fields
from mlplanner.domain.calendar_fr import holidays_between
from mlplanner.domain.enums import OCCUPYING_STATUSES, Mode, Role, RoomKind
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.ids import appointment_type_id
from mlplanner.domain.limits import check_buffer, check_duration, check_room_capacity
from mlplanner.domain.models import Changes, SiteView, StaffView
from mlplanner.domain.pins import check_pin
from mlplanner.domain.territories import (
    ZONE_LABELS,
    check_holiday_code,
    check_timezone,
    holiday_label,
)
from mlplanner.domain.text import clean_name, normalize_phone
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext, site_view
from mlplanner.services.directory.service import claim_site_code, hash_secret
from mlplanner.services.network import settings as network_settings
from mlplanner.services.permissions import Perm, require
from mlplanner.services.views import staff_view
from mlplanner.storage.db import GLOBAL_LOCK
from mlplanner.storage.tables import Appointment, AppointmentType, Credential, Meta, Room, Site, Staff

ORGANISATION_KEY = "print.organisation"  # the organisation's name as printed (printing settings)
SITE_LABEL_KEY = "print.site_label"

DEFAULT_HOURS: dict[str, list[list[str]]] = {
    str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)
}


@dataclass(frozen=True)
class RoomDraft:
    name: str
    kind: RoomKind = RoomKind.OFFICE
    capacity: int = 3
    accessible: bool = True


@dataclass(frozen=True)
class TypeDraft:
    code: str
    label: str
    duration_min: int
    buffer_min: int = 0
    colour: str = "#4A90D9"
    needs_room: bool = True
    mode: Mode = Mode.ON_SITE


DEFAULT_ROOMS: tuple[RoomDraft, ...] = (
    RoomDraft("Bureau 1"),
    RoomDraft("Bureau 2"),
    RoomDraft("Bureau 3"),
    RoomDraft("Salle d'atelier", RoomKind.WORKSHOP, 12),
)
DEFAULT_TYPES: tuple[TypeDraft, ...] = (
    TypeDraft("ACC", "Premier accueil", 45, 15, "#E8A33D"),
    TypeDraft("SUIVI", "Entretien de suivi", 30, 0, "#4A90D9"),
    TypeDraft("CEJ", "Entretien CEJ", 45, 0, "#7B61C9"),
    TypeDraft("TEL", "Entretien téléphonique", 20, 0, "#3FA796", False, Mode.PHONE),
    TypeDraft("VISIO", "Entretien en visio", 30, 0, "#5FA8D3", False, Mode.VIDEO),
)


@dataclass(frozen=True)
class NewSite:
    """What the wizard (or `site init`) collects. The PIN is the administrator's own choice."""

    code: str
    name: str
    organisation: str
    timezone: str
    holidays: str
    admin_first_name: str
    admin_last_name: str
    admin_pin: str
    address: str = ""
    phone: str = ""
    opening_hours: dict[str, list[list[str]]] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    rooms: tuple[RoomDraft, ...] = DEFAULT_ROOMS
    types: tuple[TypeDraft, ...] = DEFAULT_TYPES


@dataclass(frozen=True)
class SiteCreated:
    site: SiteView
    admin: StaffView
    rooms: int
    types: int


@dataclass(frozen=True)
class SiteSummary:
    code: str
    name: str
    organisation: str
    address: str
    phone: str
    timezone: str
    timezone_label: str
    holidays: str  # the stored code ("" for the national calendar of files made before the lists)
    holidays_label: str
    demo: bool
    opening_hours: str  # "lundi 09:00–12:30, 13:30–17:30 ; ..."
    rooms: int
    staff: int
    types: int


@dataclass(frozen=True)
class CalendarChange:
    """What changing the zone or the holidays does: stored wall-clock times do not move."""

    timezone: str
    holidays: str
    future_appointments: int  # booked from today on: they keep their displayed time
    on_new_holidays: tuple[tuple[datetime, str], ...]  # (start, holiday) of those now on a holiday
    warning: str
    changes: Changes = field(default_factory=Changes)


def split_person_name(text: str) -> tuple[str, str]:
    """ "Awa Diop" → ("Awa", "Diop"); "Marie DUPONT DURAND" → ("Marie", "DUPONT DURAND") (the words in
    capitals are the last name); else the last word is the last name."""
    words = text.split()
    if len(words) < 2:
        raise InputError(
            "admin_name",
            f"Indiquez le prénom et le nom de l'administrateur (« Prénom Nom »), pas « {text} ».",
        )
    capitals = [i for i, w in enumerate(words) if w.isupper() and len(w) > 1]
    if capitals and capitals[0] > 0 and capitals == list(range(capitals[0], len(words))):
        cut = capitals[0]
    else:
        cut = len(words) - 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def check_site_code(code: str) -> str:
    clean = code.strip().upper()
    if not clean or not clean.isascii() or not clean.isalnum() or len(clean) > 16:
        raise InputError(
            "bad_site_code",
            f"Code de site invalide : « {code} » (1 à 16 lettres ou chiffres sans espace, ex. PARIS13).",
        )
    return clean


@checked_dates
class SiteSetupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- creating -----------------------------------------------------------------------------------
    @staticmethod
    def check(new: NewSite, *, with_pin: bool = True) -> NewSite:
        """Every field validated and cleaned, without touching any file (the CLI checks before it
        creates one): an InputError names the first problem. `with_pin=False`: all but the PIN (the
        CLI asks for it once the rest is known to be right)."""
        code = check_site_code(new.code)
        name = clean_name(new.name, "nom du site", fields.SITE_NAME)
        organisation = clean_name(new.organisation, "nom de la structure")
        timezone = check_timezone(new.timezone)
        holidays = check_holiday_code(new.holidays)
        first = clean_name(new.admin_first_name, "prénom de l'administrateur", fields.STAFF_FIRST_NAME)
        last = clean_name(new.admin_last_name, "nom de l'administrateur", fields.STAFF_LAST_NAME)
        if with_pin:
            check_pin(new.admin_pin)
        hours = WeeklyHours.from_mapping(new.opening_hours)
        if not any(hours.days):
            raise InputError("no_hours", "Indiquez au moins une plage d'ouverture dans la semaine.")
        return NewSite(
            code=code,
            name=name,
            organisation=organisation,
            timezone=timezone,
            holidays=holidays,
            admin_first_name=first,
            admin_last_name=last,
            admin_pin=new.admin_pin,
            address=" ".join(new.address.split()),
            phone=normalize_phone(new.phone) if new.phone.strip() else "",
            opening_hours=hours.to_mapping(),
            rooms=_check_rooms(new.rooms),
            types=_check_types(new.types),
        )

    def create(self, new: NewSite) -> SiteCreated:
        """The site, its defaults and its first administrator, in one transaction (nothing if refused)."""
        new = self.check(new)
        code, name, organisation = new.code, new.name, new.organisation
        timezone, holidays = new.timezone, new.holidays
        first, last, phone = new.admin_first_name, new.admin_last_name, new.phone
        hours = WeeklyHours.from_mapping(new.opening_hours)
        rooms, types = new.rooms, new.types
        secret = hash_secret(new.admin_pin)
        with self.ctx.db.write(lock=GLOBAL_LOCK) as s:
            if self.ctx.db.is_server and self.ctx.is_demo(s):  # a demo database never gets a real site
                raise RuleViolation(
                    "server_is_demo",
                    "Ce serveur contient la démonstration (données fictives, code 1234) : un site réel "
                    "n'y est jamais créé. Choisissez la base de production du serveur.",
                )
            claim_site_code(
                s, self.ctx, code, file_taken="Ce fichier appartient déjà à un site : rien n'a été créé."
            )
            s.info["stamper"] = self.ctx  # from here on, synced rows get their stamps
            site = Site(
                code=code,
                name=name,
                address=new.address,
                phone=phone,
                timezone=timezone,
                holiday_subdivision=holidays,
                opening_hours=hours.to_json(),
            )
            s.add(site)
            s.flush()
            admin = Staff(
                site_id=site.id,
                first_name=first,
                last_name=last,
                role=Role.ADMIN.value,
                working_pattern=hours.to_json(),
            )
            s.add(admin)
            s.flush()
            s.add(Credential(staff_id=admin.id, secret_hash=secret, updated_at=self.ctx.clock.now_utc()))
            for r in rooms:
                s.add(
                    Room(
                        site_id=site.id,
                        name=r.name,
                        kind=r.kind.value,
                        capacity=r.capacity,
                        accessible=r.accessible,
                    )
                )
            existing = set(s.exec(select(AppointmentType.code)))
            for t in types:
                if t.code in existing:
                    continue
                s.add(
                    AppointmentType(
                        id=appointment_type_id(t.code),
                        code=t.code,
                        label=t.label,
                        duration_min=t.duration_min,
                        buffer_min=t.buffer_min,
                        colour=t.colour,
                        needs_room=t.needs_room,
                        mode=t.mode.value,
                    )
                )
            s.merge(Meta(key=ORGANISATION_KEY, value=organisation))
            network_settings.share(s, ORGANISATION_KEY, organisation)  # sites joining later receive it
            s.merge(Meta(key=SITE_LABEL_KEY, value=name))
            actor = Actor(id=admin.id, name=f"{first} {last}", role=Role.ADMIN)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="site",
                entity_id=site.id,
                after={
                    "code": code,
                    "timezone": timezone,
                    "holidays": holidays,
                    "rooms": len(rooms),
                    "types": len(types),
                },
            )
            s.flush()
            return SiteCreated(site_view(site), staff_view(admin, True), len(rooms), len(types))

    def first_admin(self, *, first_name: str, last_name: str, pin: str) -> Actor:
        """The site's first administrator, for a site where nobody can log in yet (a site that joined
        the network without one). Refused as soon as one person has an account."""
        first = clean_name(first_name, "prénom de l'administrateur", fields.STAFF_FIRST_NAME)
        last = clean_name(last_name, "nom de l'administrateur", fields.STAFF_LAST_NAME)
        check_pin(pin)
        secret = hash_secret(pin)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            if _accounts(s, site.id):
                raise RuleViolation(
                    "has_accounts", "Ce site a déjà des comptes : un administrateur crée les suivants."
                )
            row = Staff(
                site_id=site.id,
                first_name=first,
                last_name=last,
                role=Role.ADMIN.value,
                working_pattern=site.opening_hours,
            )
            s.add(row)
            s.flush()
            s.add(Credential(staff_id=row.id, secret_hash=secret, updated_at=self.ctx.clock.now_utc()))
            actor = Actor(id=row.id, name=f"{first} {last}", role=Role.ADMIN)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="staff",
                entity_id=row.id,
                reason="premier administrateur",
            )
            return actor

    def has_accounts(self) -> bool:
        """Whether someone of this site can log in."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            return bool(_accounts(s, site.id))

    # --- reading --------------------------------------------------------------------------------------
    def summary(self) -> SiteSummary:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            organisation = s.get(Meta, ORGANISATION_KEY)

            def count(model: type, *where: Any) -> int:
                return int(s.execute(select(func.count()).select_from(model).where(*where)).scalar_one())

            return SiteSummary(
                code=site.code,
                name=site.name,
                organisation=organisation.value if organisation else "",
                address=site.address,
                phone=site.phone,
                timezone=site.timezone,
                timezone_label=ZONE_LABELS.get(site.timezone, site.timezone),
                holidays=site.holiday_subdivision or "",
                holidays_label=holiday_label(site.holiday_subdivision),
                demo=self.ctx.is_demo(s),
                opening_hours=WeeklyHours.from_json(site.opening_hours).describe_fr(),
                rooms=count(Room, Room.site_id == site.id, Room.deleted == False, Room.active == True),
                staff=count(Staff, Staff.site_id == site.id, Staff.deleted == False, Staff.active == True),
                types=count(
                    AppointmentType, AppointmentType.deleted == False, AppointmentType.active == True
                ),
            )

    # --- time zone and holidays -------------------------------------------------------------------------
    def preview_calendar(self, *, timezone: str | None = None, holidays: str | None = None) -> CalendarChange:
        """What `set_calendar` would do (nothing written): the warning to show before confirming."""
        return self._calendar_change(timezone, holidays, write=False)

    def set_calendar(
        self, *, actor: Actor, timezone: str | None = None, holidays: str | None = None
    ) -> CalendarChange:
        """Change the site's zone and/or holiday calendar (administrators only). Stored appointments
        keep their wall-clock times: a 10:00 appointment stays at 10:00 in the new zone."""
        require(actor, Perm.SITE_IDENTITY)
        return self._calendar_change(timezone, holidays, write=True, actor=actor)

    def _calendar_change(
        self, timezone: str | None, holidays: str | None, *, write: bool, actor: Actor | None = None
    ) -> CalendarChange:
        if timezone is None and holidays is None:
            raise InputError("nothing_to_change", "Indiquez --timezone et/ou --holidays.")
        if timezone is not None:
            check_timezone(timezone)
        if holidays is not None:
            check_holiday_code(holidays)
        with self.ctx.write() if write else self.ctx.read() as s:
            site = self.ctx.site_row(s)
            new_tz = timezone or site.timezone
            new_hol = holidays if holidays is not None else (site.holiday_subdivision or "")
            today = self.ctx.now_local(site.timezone).date()
            start = datetime.combine(today, time())
            rows = s.execute(
                select(Appointment.start)
                .where(
                    Appointment.site_id == site.id,
                    Appointment.deleted == False,
                    col(Appointment.start) >= start,
                    col(Appointment.status).in_(OCCUPYING_STATUSES),
                )
                .order_by(col(Appointment.start))
            ).all()
            starts = [r[0] for r in rows]
            on_new: list[tuple[datetime, str]] = []
            if starts and new_hol != (site.holiday_subdivision or ""):
                old_days = holidays_between(today, starts[-1].date(), site.holiday_subdivision)
                new_days = holidays_between(today, starts[-1].date(), new_hol or None)
                added = {d: n for d, n in new_days.items() if d not in old_days}
                on_new = [(st, added[st.date()]) for st in starts if st.date() in added]
            warning = _warning(site.timezone, new_tz, len(starts), on_new)
            changes = Changes()
            if write and (new_tz != site.timezone or new_hol != (site.holiday_subdivision or "")):
                assert actor is not None
                before = {"timezone": site.timezone, "holidays": site.holiday_subdivision}
                site.timezone = new_tz
                site.holiday_subdivision = new_hol or None
                s.add(site)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="update",
                    entity="site",
                    entity_id=site.id,
                    before=before,
                    after={"timezone": new_tz, "holidays": new_hol},
                )
                changes = Changes.of("config")
            return CalendarChange(new_tz, new_hol, len(starts), tuple(on_new), warning, changes)


def _accounts(s: Session, site_id: str) -> int:
    """Active staff of the site who can log in."""
    q = (
        select(func.count())
        .select_from(Staff)
        .join(Credential, col(Credential.staff_id) == col(Staff.id))
        .where(Staff.site_id == site_id, Staff.deleted == False, Staff.active == True)
    )
    return int(s.execute(q).scalar_one())


def _warning(old_tz: str, new_tz: str, future: int, on_new: list[tuple[datetime, str]]) -> str:
    parts = []
    if old_tz != new_tz:
        parts.append(
            f"Les heures enregistrées ne bougent pas : un rendez-vous à 10:00 reste à 10:00 dans le "
            f"fuseau {new_tz} ({future} rendez-vous à venir)."
        )
    if on_new:
        listed = ", ".join(f"{st:%d/%m/%Y %H:%M} ({name})" for st, name in on_new[:5])
        more = f" et {len(on_new) - 5} autre(s)" if len(on_new) > 5 else ""
        parts.append(
            f"{len(on_new)} rendez-vous tombent sur un jour désormais férié : {listed}{more}. "
            "Ils ne sont pas déplacés : déplacez-les ou prévenez les jeunes."
        )
    if not parts:
        parts.append("Les rendez-vous déjà enregistrés gardent leur date et leur heure.")
    return " ".join(parts)


def _check_rooms(rooms: tuple[RoomDraft, ...]) -> tuple[RoomDraft, ...]:
    seen: set[str] = set()
    out = []
    for r in rooms:
        name = clean_name(r.name, "nom de la salle", fields.ROOM_NAME)
        if name.casefold() in seen:
            raise InputError("duplicate_room", f"Deux salles s'appellent « {name} ».")
        seen.add(name.casefold())
        check_room_capacity(r.capacity)
        out.append(RoomDraft(name, RoomKind(r.kind), r.capacity, r.accessible))
    return tuple(out)


def _check_types(types: tuple[TypeDraft, ...]) -> tuple[TypeDraft, ...]:
    seen: set[str] = set()
    out = []
    for t in types:
        code = t.code.strip().upper()
        if not code or len(code) > 16 or not code.replace("_", "").isalnum():
            raise InputError(
                "bad_type_code", f"Code de type invalide : « {t.code} » (1 à 16 lettres ou chiffres)."
            )
        if code in seen:
            raise InputError("duplicate_type", f"Deux types de rendez-vous ont le code « {code} ».")
        seen.add(code)
        check_duration(t.duration_min)
        check_buffer(t.buffer_min)
        out.append(
            TypeDraft(
                code,
                t.label.strip() or code,
                t.duration_min,
                t.buffer_min,
                t.colour,
                t.needs_room,
                Mode(t.mode),
            )
        )
    return tuple(out)
