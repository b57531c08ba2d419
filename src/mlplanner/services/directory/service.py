"""The site's reference data: site, rooms, staff, appointment types; lookups by id or by name.

Settings edits (hours, closures, rooms, staff, types, absences) live here too: each one validated,
permission-checked and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from mlplanner.domain import fields
from mlplanner.domain.enums import Mode, Role, RoomKind
from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.ids import appointment_type_id
from mlplanner.domain.limits import check_buffer, check_duration, check_room_capacity
from mlplanner.domain.models import AppointmentTypeView, Changes, RoomView, SiteView, StaffView
from mlplanner.domain.pins import check_pin
from mlplanner.domain.text import clean_name, fold, normalize_phone
from mlplanner.domain.wallclock import DEFAULT_TZ, format_date_fr, zone
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import (
    LOCAL_SITES_KEY,
    SITE_CODE_KEY,
    Actor,
    ServiceContext,
    local_site_codes,
    site_view,
)
from mlplanner.services.directory.edits import DirectoryEdits
from mlplanner.services.directory.pins import PinPolicy, hash_secret, verify_secret
from mlplanner.services.permissions import Perm, require
from mlplanner.services.views import room_view, staff_view, type_view
from mlplanner.storage.db import GLOBAL_LOCK
from mlplanner.storage.tables import (
    Absence,
    AppointmentType,
    Credential,
    Meta,
    Room,
    Site,
    SiteClosure,
    Staff,
)

_CIVILITIES = ("m.", "mme", "mlle", "mr", "monsieur", "madame")


# --- lookups used inside other services' transactions -----------------------------------------


def claim_site_code(s: Session, ctx: ServiceContext, code: str, *, file_taken: str) -> None:
    """Record in the database that site `code` is written here (in the caller's write transaction, under
    the global lock). A file belongs to one site (`file_taken` refuses a second); a server holds many,
    and refuses only a code already there. A process that adds a site to a server works for it."""
    if not ctx.db.is_server:
        if s.get(Meta, SITE_CODE_KEY) is not None:
            raise RuleViolation("site_exists", file_taken)
        s.add(Meta(key=SITE_CODE_KEY, value=code))
        s.flush()
        return
    if s.exec(select(Site.id).where(Site.code == code)).first() is not None:
        raise RuleViolation("site_exists", f"La base contient déjà un site {code} : rien n'a été créé.")
    local = local_site_codes(s)
    if not local:
        s.add(Meta(key=SITE_CODE_KEY, value=code))
    s.merge(Meta(key=LOCAL_SITES_KEY, value=" ".join([*local, code])))
    s.flush()
    if ctx.acting_site is None and local:
        ctx.work_for(code)


def find_staff(session: Session, key: str) -> Staff:
    """A staff member by id, or by name ("Garnier", "M. Garnier", "Paul Garnier"): unambiguous only."""
    key = (key or "").strip()
    if not key:
        raise InputError("empty_staff", "Indiquez un membre du personnel.")
    row = session.get(Staff, key)
    if row is not None and not row.deleted:
        return row
    words = [w for w in fold(key).replace(".", ". ").split() if w not in _CIVILITIES]
    wanted = " ".join(words)
    rows = session.exec(select(Staff).where(Staff.deleted == False)).all()
    exact = [
        r
        for r in rows
        if wanted
        in (fold(r.last_name), fold(f"{r.first_name} {r.last_name}"), fold(f"{r.last_name} {r.first_name}"))
    ]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        names = ", ".join(f"{r.first_name} {r.last_name}" for r in exact)
        raise InputError(
            "ambiguous_staff", f"« {key} » désigne plusieurs personnes : {names}.", key=key, names=names
        )
    raise NotFound("unknown_staff", f"Aucun membre du personnel ne s'appelle « {key} ».", key=key)


def find_room(session: Session, key: str) -> Room:
    row = session.get(Room, key)
    if row is not None and not row.deleted:
        return row
    rows = [r for r in session.exec(select(Room).where(Room.deleted == False)) if fold(r.name) == fold(key)]
    if len(rows) == 1:
        return rows[0]
    raise NotFound("unknown_room", f"Aucune salle ne s'appelle « {key} ».", key=key)


_TYPES_READ = "mlplanner_types_read"  # `session.info`: types read by code in this transaction


def type_read(session: Session, code: str, row: AppointmentType | None) -> None:
    """The type whose code is `code` (`find_type`'s first reading), read with other rows in this
    transaction: `find_type` does not read it again. `None` (no such code): it reads as usual."""
    if row is not None:
        session.info.setdefault(_TYPES_READ, {})[code] = row


def find_type(session: Session, key: str) -> AppointmentType:
    code = (key or "").strip().upper()
    row = session.info.get(_TYPES_READ, {}).get(code)
    if row is None:
        row = session.exec(select(AppointmentType).where(AppointmentType.code == code)).first()
    if row is None:
        row = session.get(AppointmentType, key)
    if row is None or row.deleted:
        raise NotFound("unknown_type", f"Type de rendez-vous inconnu : « {key} ».", key=key)
    return row


def has_credential(session: Session, staff_id: str) -> bool:
    return session.get(Credential, staff_id) is not None


def check_secret(secret: str, *, demo: bool = False) -> None:
    """A personal code that the site's PIN policy accepts (`domain.pins`: 6 to 12 digits on a real
    site), or a French `InputError` (forms check it before saving anything)."""
    check_pin(secret, demo=demo)


@dataclass(frozen=True)
class SiteSetup:
    code: str
    name: str
    address: str = ""
    phone: str = ""
    timezone: str = DEFAULT_TZ
    holiday_subdivision: str | None = None
    opening_hours: dict | None = None


@checked_dates
class DirectoryService(DirectoryEdits, PinPolicy):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------------------
    def site(self) -> SiteView:
        return self.ctx.site()

    def rooms(self, *, include_inactive: bool = False) -> list[RoomView]:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = select(Room).where(Room.site_id == site.id, Room.deleted == False)
            rows = s.exec(q.order_by(col(Room.name))).all()
            return [room_view(r) for r in rows if include_inactive or r.active]

    def staff(self, *, role: Role | None = None, include_inactive: bool = False) -> list[StaffView]:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = select(Staff).where(Staff.site_id == site.id, Staff.deleted == False)
            if role is not None:
                q = q.where(Staff.role == role.value)
            rows = s.exec(q.order_by(col(Staff.last_name), col(Staff.first_name))).all()
            creds = set(s.exec(select(Credential.staff_id)))
            return [staff_view(r, r.id in creds) for r in rows if include_inactive or r.active]

    def bookable_staff(self) -> list[StaffView]:
        """Who can be booked (see `Role.bookable`): the diaries of the booking dialog and the day view."""
        return [s for s in self.staff() if s.bookable]

    def counsellors(self) -> list[StaffView]:
        return self.staff(role=Role.COUNSELLOR)

    def types(self) -> list[AppointmentTypeView]:
        with self.ctx.read() as s:
            q = select(AppointmentType).where(AppointmentType.deleted == False)
            return [type_view(r) for r in s.exec(q.order_by(col(AppointmentType.label)))]

    def staff_member(self, key: str) -> StaffView:
        with self.ctx.read() as s:
            row = find_staff(s, key)
            return staff_view(row, has_credential(s, row.id))

    def closures(self) -> list[tuple[date, date, str]]:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            q = select(SiteClosure).where(SiteClosure.site_id == site.id, SiteClosure.deleted == False)
            return [
                (c.start_date, c.end_date, c.reason) for c in s.exec(q.order_by(col(SiteClosure.start_date)))
            ]

    def absences(self, staff_id: str) -> list[tuple[str, datetime, datetime, str]]:
        with self.ctx.read() as s:
            q = select(Absence).where(Absence.staff_id == staff_id, Absence.deleted == False)
            return [(a.id, a.start, a.end, a.reason) for a in s.exec(q.order_by(col(Absence.start)))]

    # --- login: see `PinPolicy` (services/directory/pins.py) -------------------------------------
    def set_secret(self, *, actor: Actor, staff_id: str, secret: str) -> Changes:
        if actor.id != staff_id:
            require(actor, Perm.MANAGE_STAFF)
        with self.ctx.write() as s:
            check_secret(secret, demo=self.ctx.is_demo(s))
            row = s.get(Staff, staff_id)
            if row is None:
                raise NotFound("unknown_staff", "Membre du personnel introuvable.")
            cred = s.get(Credential, staff_id) or Credential(staff_id=staff_id, secret_hash="")
            own = actor.id == staff_id
            if own and cred.must_change and verify_secret(secret, cred.secret_hash):
                raise InputError("same_pin", "Choisissez un code différent du code provisoire.")
            cred.secret_hash = hash_secret(secret)
            cred.must_change = not own  # set by an administrator: the person chooses their own next time
            cred.failures, cred.locked_until = 0, None
            cred.updated_at = self.ctx.clock.now_utc()
            s.add(cred)
            audit.record(s, self.ctx, actor, action="set_secret", entity="staff", entity_id=staff_id)
        return Changes.of("staff", ids=(staff_id,))

    # --- setup and settings --------------------------------------------------------------------
    def create_site(self, setup: SiteSetup) -> SiteView:
        """First run of a file: the site it belongs to. Refused if the file already has one."""
        zone(setup.timezone)
        hours = WeeklyHours.from_mapping(setup.opening_hours or {})
        code = setup.code.strip().upper()
        if not code.isalnum() or len(code) > 16:
            raise InputError(
                "bad_site_code",
                f"Code de site invalide : « {setup.code} » (lettres et chiffres).",
                value=setup.code,
            )
        with self.ctx.db.write(lock=GLOBAL_LOCK) as s:
            claim_site_code(s, self.ctx, code, file_taken="Cette base appartient déjà à un site.")
            s.info["stamper"] = self.ctx
            site = Site(
                code=code,
                name=setup.name.strip(),
                address=setup.address,
                phone=setup.phone,
                timezone=setup.timezone,
                holiday_subdivision=setup.holiday_subdivision,
                opening_hours=hours.to_json(),
            )
            s.add(site)
            s.flush()
            return site_view(site)

    def update_site(
        self,
        *,
        actor: Actor,
        name: str | None = None,
        address: str | None = None,
        phone: str | None = None,
        opening_hours: dict | None = None,
    ) -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            before = audit.snapshot(site)
            if name is not None:
                site.name = clean_name(name, "nom du site", fields.SITE_NAME)
            if address is not None:
                site.address = address.strip()
            if phone is not None:
                site.phone = normalize_phone(phone)
            if opening_hours is not None:
                site.opening_hours = WeeklyHours.from_mapping(opening_hours).to_json()
            s.add(site)
            audit.record_update(s, self.ctx, actor, entity="site", row=site, before=before)
        return Changes.of("config")

    def add_closure(self, *, actor: Actor, start: date, end: date, reason: str = "") -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        if end < start:
            raise InputError("end_before_start", "La fin de la fermeture doit suivre son début.")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            row = SiteClosure(site_id=site.id, start_date=start, end_date=end, reason=reason.strip())
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="site_closure",
                entity_id=row.id,
                after={"from": format_date_fr(start), "to": format_date_fr(end), "reason": reason},
            )
        return Changes.of("config")

    def add_room(
        self,
        *,
        actor: Actor,
        name: str,
        kind: RoomKind = RoomKind.OFFICE,
        capacity: int = 3,
        accessible: bool = True,
    ) -> RoomView:
        require(actor, Perm.CONFIGURE_SITE)
        name = clean_name(name, "nom de la salle", fields.ROOM_NAME)
        check_room_capacity(capacity)
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            if any(fold(r.name) == fold(name) for r in s.exec(select(Room).where(Room.site_id == site.id))):
                raise InputError("duplicate_room", f"Une salle s'appelle déjà « {name} ».", name=name)
            row = Room(site_id=site.id, name=name, kind=kind.value, capacity=capacity, accessible=accessible)
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="room",
                entity_id=row.id,
                after=audit.snapshot(row),
            )
            return room_view(row)

    def add_staff(
        self,
        *,
        actor: Actor,
        first_name: str,
        last_name: str,
        role: Role,
        working_pattern: dict | None = None,
        default_room_id: str | None = None,
        secret: str | None = None,
    ) -> StaffView:
        require(actor, Perm.MANAGE_STAFF)
        pattern = WeeklyHours.from_mapping(working_pattern or {})
        with self.ctx.write() as s:
            if secret:
                check_secret(secret, demo=self.ctx.is_demo(s))
            site = self.ctx.site_row(s)
            row = Staff(
                site_id=site.id,
                first_name=clean_name(first_name, "prénom", fields.STAFF_FIRST_NAME),
                last_name=clean_name(last_name, "nom", fields.STAFF_LAST_NAME),
                role=Role(role).value,
                working_pattern=pattern.to_json(),
                default_room_id=default_room_id,
            )
            s.add(row)
            if secret:  # chosen by an administrator: a one-time code, changed at the first login
                s.flush()
                s.add(Credential(staff_id=row.id, secret_hash=hash_secret(secret), must_change=True))
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="staff",
                entity_id=row.id,
                after=audit.snapshot(row),
            )
            return staff_view(row, bool(secret))

    def update_staff(
        self,
        *,
        actor: Actor,
        staff_id: str,
        working_pattern: dict | None = None,
        role: Role | None = None,
        active: bool | None = None,
        default_room_id: str | None = None,
    ) -> Changes:
        require(actor, Perm.MANAGE_STAFF if role is not None or active is not None else Perm.CONFIGURE_SITE)
        with self.ctx.write() as s:
            row = find_staff(s, staff_id)
            if row.site_id != self.ctx.site_row(s).id:
                raise RuleViolation(
                    "other_site",
                    f"{row.first_name} {row.last_name} dépend d'un autre site : seul ce site peut modifier sa fiche.",
                )
            before = audit.snapshot(row)
            if working_pattern is not None:
                row.working_pattern = WeeklyHours.from_mapping(working_pattern).to_json()
            if role is not None:
                row.role = Role(role).value
            if active is not None:
                row.active = active
            if default_room_id is not None:
                row.default_room_id = find_room(s, default_room_id).id if default_room_id else None
            s.add(row)
            audit.record_update(s, self.ctx, actor, entity="staff", row=row, before=before)
        return Changes.of("staff", ids=(staff_id,))

    def add_absence(
        self, *, actor: Actor, staff_id: str, start: datetime, end: datetime, reason: str = ""
    ) -> Changes:
        if actor.id != staff_id:
            require(actor, Perm.CONFIGURE_SITE)
        if end <= start:
            raise InputError("end_before_start", "La fin de l'absence doit suivre son début.")
        with self.ctx.write() as s:
            staff = find_staff(s, staff_id)
            row = Absence(staff_id=staff.id, start=start, end=end, reason=reason.strip())
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="absence",
                entity_id=row.id,
                after={"staff_id": staff.id, "start": start.isoformat(), "end": end.isoformat()},
            )
        return Changes.of("staff", "appointments")

    def add_type(
        self,
        *,
        actor: Actor,
        code: str,
        label: str,
        duration_min: int,
        buffer_min: int = 0,
        colour: str = "#4A90D9",
        needs_room: bool = True,
        mode: Mode = Mode.ON_SITE,
        confidential: bool = False,
    ) -> AppointmentTypeView:
        require(actor, Perm.CONFIGURE_SITE)
        code = code.strip().upper()
        if not code or len(code) > 16:
            raise InputError("bad_type_code", "Le code du type doit comporter de 1 à 16 caractères.")
        check_duration(duration_min)
        check_buffer(buffer_min)
        with self.ctx.write() as s:
            if s.exec(select(AppointmentType).where(AppointmentType.code == code)).first():
                raise InputError("duplicate_type", f"Le code « {code} » existe déjà.", value=code)
            row = AppointmentType(
                id=appointment_type_id(code),
                code=code,
                label=label.strip() or code,
                duration_min=duration_min,
                buffer_min=buffer_min,
                colour=colour,
                needs_room=needs_room,
                mode=Mode(mode).value,
                confidential=bool(confidential),
            )
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="create",
                entity="appointment_type",
                entity_id=row.id,
                after=audit.snapshot(row),
            )
            return type_view(row)
