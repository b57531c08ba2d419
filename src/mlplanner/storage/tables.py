"""SQLModel tables of one site's database.

Every row that travels between sites (see the sync issue) derives from `Synced`: a UUID text key, an
`updated_at` instant in UTC, the site that last wrote it, a hybrid-logical-clock stamp `hlc` for
conflict resolution, and a `deleted` tombstone instead of a hard delete. Local-only tables (credentials,
search tokens, metadata) do not.

Appointment times are naive wall-clock datetimes in the site's zone (plain `DateTime`, not SQLModel's
UTC type); instants (`updated_at`, `created_at`, `arrived_at`, audit) are aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import DateTime, Index, Table, Text, false
from sqlmodel import Field, SQLModel

from mlplanner.domain.ids import new_id

LOCAL_COLUMN = "mlplanner_local"  # Column.info flag: this column of a synced table never travels


def utcnow() -> datetime:
    return datetime.now(UTC)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for bulk statements (`insert(table_of(Youth))` runs on the
    driver's executemany, where the ORM's bulk insert would go through the mapper)."""
    return model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass


def wall_clock(**kw: Any) -> Any:
    """A naive wall-clock datetime column (local time at the site)."""
    return Field(sa_type=DateTime(timezone=False), **kw)


class Synced(SQLModel):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    updated_at: datetime = Field(default_factory=utcnow)
    origin_site: str = Field(default="", max_length=16)
    hlc: str = Field(default="", max_length=40, index=True)
    deleted: bool = Field(default=False)


class Meta(SQLModel, table=True):
    """Key/value facts about this file: which site it belongs to, sync cursors..."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", sa_type=Text)


class Site(Synced, table=True):
    code: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=120)
    address: str = Field(default="", max_length=250)
    phone: str = Field(default="", max_length=30)
    timezone: str = Field(default="Europe/Paris", max_length=64)
    holiday_subdivision: str | None = Field(default=None, max_length=8)
    opening_hours: str = Field(default="{}", sa_type=Text)  # WeeklyHours JSON


class SiteClosure(Synced, table=True):
    __tablename__ = "site_closure"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    start_date: date
    end_date: date
    reason: str = Field(default="", max_length=200)


class Room(Synced, table=True):
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    name: str = Field(max_length=80)
    kind: str = Field(default="office", max_length=16)
    capacity: int = Field(default=3)
    accessible: bool = Field(default=True)
    active: bool = Field(default=True)


class Staff(Synced, table=True):
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    role: str = Field(max_length=16)
    working_pattern: str = Field(default="{}", sa_type=Text)  # WeeklyHours JSON
    default_room_id: str | None = Field(default=None, foreign_key="room.id", max_length=36)
    active: bool = Field(default=True)


class Credential(SQLModel, table=True):
    """Login secrets and the wrong-PIN count. Local to the site's file: never exported by sync.

    Stored in the file (not in a workstation's memory) so that a lock holds across restarts and across
    the workstations sharing the file; see `domain.pins`.
    """

    staff_id: str = Field(primary_key=True, foreign_key="staff.id", max_length=36)
    secret_hash: str = Field(max_length=300)
    updated_at: datetime = Field(default_factory=utcnow)
    must_change: bool = Field(default=False)  # a one-time PIN: to be replaced at the first login
    failures: int = Field(default=0)  # wrong PINs in a row
    locked_until: datetime | None = Field(default=None)  # aware UTC


class Absence(Synced, table=True):
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=36)
    start: datetime = wall_clock()
    end: datetime = wall_clock()
    reason: str = Field(default="", max_length=200)


class Youth(Synced, table=True):
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    birth_date: date | None = None
    phone: str = Field(default="", max_length=30)
    phone_digits: str = Field(default="", max_length=20, index=True)
    email: str = Field(default="", max_length=200)
    external_id: str = Field(default="", max_length=40, index=True)
    referent_id: str | None = Field(default=None, foreign_key="staff.id", index=True, max_length=36)
    programme: str = Field(default="none", max_length=8)
    programme_start: date | None = None
    programme_end: date | None = None
    sms_consent: bool = Field(default=False)
    email_consent: bool = Field(default=False)  # reminders and notices by e-mail (see services.reminders)
    needs_accessible_room: bool = Field(default=False)
    merged_into_id: str | None = Field(default=None, max_length=36, index=True)  # sync: merged into whom
    fold_name: str = Field(default="", max_length=170, index=True)  # "last first", accent-folded
    created_at: datetime = Field(default_factory=utcnow)


class YouthToken(SQLModel, table=True):
    """Prefix-search index: one row per folded word of a youth's name, phone digits or external id.

    Derived from `youth`; local (rebuilt when youths arrive by sync or import). Each row also carries
    what the server's ranked search needs of its youth (`storage.pg_search`): the folded name and every
    token of the youth, space-separated, so that a keystroke ranks its 1,600 candidates from one index
    range instead of 1,600 lookups of `youth` and of `(youth_id, token)` (issue 19). Rows exist only
    for live youths (`youths.reindex`, called whenever a name, phone, file number or deletion changes).
    NULL: not known (rows written before 0016 on a site file, or a token holding a space): the search
    then reads the youth and its tokens as before.
    """

    __tablename__ = "youth_token"
    # a youth's tokens by youth, the token in the index itself: a short word after a selective one
    # (« diallo ma ») is read for each candidate from the index alone (issue 19)
    __table_args__ = (Index("ix_youth_token_youth_id_token", "youth_id", "token"),)
    token: str = Field(primary_key=True, max_length=80)
    youth_id: str = Field(primary_key=True, foreign_key="youth.id", max_length=36)
    fold_name: str | None = Field(default=None, max_length=170)  # the youth's `fold_name`
    tokens: str | None = Field(default=None, sa_type=Text)  # all the youth's tokens, space-separated


class AppointmentType(Synced, table=True):
    __tablename__ = "appointment_type"
    code: str = Field(max_length=16, unique=True)
    label: str = Field(max_length=80)
    duration_min: int = Field(default=30)
    buffer_min: int = Field(default=0)
    colour: str = Field(default="#4A90D9", max_length=9)
    needs_room: bool = Field(default=True)
    mode: str = Field(default="on_site", max_length=16)
    active: bool = Field(default=True)
    cej_minutes: int = Field(default=60)  # CEJ hours scale of one appointment of this type, in minutes
    funded_operation: str = Field(default="", max_length=80)  # FSE+ operation name, "" = not funded
    confidential: bool = Field(default=False)  # reception sees "Rendez-vous confidentiel" only


class Appointment(Synced, table=True):
    __table_args__ = (
        Index("ix_appointment_counsellor_start", "counsellor_id", "start"),
        Index("ix_appointment_room_start", "room_id", "start"),
        Index("ix_appointment_youth_start", "youth_id", "start"),
        Index("ix_appointment_site_start", "site_id", "start"),
        Index("ix_appointment_start", "start"),  # day and week views read a time range of every key
        Index("ix_appointment_second_staff_start", "second_staff_id", "start"),
    )
    site_id: str = Field(foreign_key="site.id", max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    counsellor_id: str = Field(foreign_key="staff.id", max_length=36)
    # a second person on the appointment (a partner's advisor, a second counsellor): busy like the first
    second_staff_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    room_id: str | None = Field(default=None, foreign_key="room.id", max_length=36)
    type_id: str = Field(foreign_key="appointment_type.id", max_length=36)
    start: datetime = wall_clock()
    end: datetime = wall_clock()
    buffer_min: int = Field(default=0)  # copied from the type at booking: later type edits move nothing
    mode: str = Field(default="on_site", max_length=16)
    status: str = Field(default="booked", max_length=16)
    cancel_reason: str = Field(default="", max_length=300)
    referred_by: str = Field(default="", max_length=32)
    notes: str = Field(default="", sa_type=Text)
    forced_reason: str = Field(default="", max_length=300)
    arrived_at: datetime | None = None
    called_at: datetime | None = None  # the counsellor called the young person in from the waiting room
    interview_at: datetime | None = None  # the interview started
    created_by: str = Field(default="", max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=36)
    # Local (never synced): the booking rules placed it in its slot here (book, move, un-cancel). On a
    # server, exclusion constraints forbid two checked appointments holding one room or one youth at once.
    slot_checked: bool = Field(
        default=False,
        # no column default on the SQL side but the server's: bulk writes of the synced columns (sync
        # apply) leave it out, so a row arriving from another site is never `slot_checked`
        sa_column_kwargs={"default": None, "server_default": false(), "info": {LOCAL_COLUMN: True}},
    )


class AuditEntry(SQLModel, table=True):
    """Who did what and when. Append-only; `before`/`after` are JSON snapshots (ids, not prose)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_seq", "seq"))
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # writing order (audit.record)
    at: datetime = Field(default_factory=utcnow)
    site_code: str = Field(default="", max_length=16)
    actor_id: str = Field(default="", max_length=36, index=True)
    actor_name: str = Field(default="", max_length=170)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(default="", max_length=36)
    youth_id: str = Field(default="", max_length=36, index=True)
    reason: str = Field(default="", max_length=300)
    before: str = Field(default="", sa_type=Text)
    after: str = Field(default="", sa_type=Text)


class NetworkSite(Synced, table=True):
    """A site accepted into the network by a site lead of one of its sites (one row per site code, the
    same id everywhere). Shared: it travels to every site, which then applies that site's change sets."""

    __tablename__ = "network_site"
    code: str = Field(max_length=16, unique=True)
    name: str = Field(default="", max_length=120)
    approved_by: str = Field(default="", max_length=170)
    approved_at: datetime | None = Field(default=None)


class NetworkSetting(Synced, table=True):
    """A preference of the whole network (organisation name, retention...): mirrored into `meta`."""

    __tablename__ = "network_setting"
    key: str = Field(max_length=64, unique=True)
    value: str = Field(default="", sa_type=Text)


SYNCED_TABLES: tuple[type[Synced], ...] = (
    Site,
    SiteClosure,
    Room,
    Staff,
    Absence,
    Youth,
    AppointmentType,
    Appointment,
    NetworkSite,
    NetworkSetting,
)

# Tables of other areas register on the same metadata (after the core tables they refer to).
