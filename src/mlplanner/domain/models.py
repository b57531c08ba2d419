"""Frozen views returned by services: plain data, safe to keep in a Qt model after the session closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from mlplanner.domain.enums import Mode, Programme, Role, RoomKind, Status


@dataclass(frozen=True)
class SiteView:
    id: str
    code: str
    name: str
    address: str
    phone: str
    timezone: str
    holiday_subdivision: str | None
    opening_hours_json: str
    demo: bool = False  # a demonstration file (fictitious data): marked in the file itself


@dataclass(frozen=True)
class RoomView:
    id: str
    name: str
    kind: RoomKind
    capacity: int
    accessible: bool
    active: bool


@dataclass(frozen=True)
class StaffView:
    id: str
    first_name: str
    last_name: str
    role: Role
    active: bool
    working_pattern_json: str
    default_room_id: str | None
    can_log_in: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def bookable(self) -> bool:
        """Can be booked now: a role that receives young people (`Role.bookable`), and still active."""
        return self.role.bookable and self.active


@dataclass(frozen=True)
class AppointmentTypeView:
    id: str
    code: str
    label: str
    duration_min: int
    buffer_min: int
    colour: str
    needs_room: bool
    mode: Mode
    active: bool = True
    confidential: bool = False  # health, violence, housing emergency: reception sees no type nor notes


@dataclass(frozen=True)
class YouthView:
    id: str
    first_name: str
    last_name: str
    birth_date: date | None
    phone: str
    email: str
    external_id: str
    referent_id: str | None
    programme: Programme
    programme_start: date | None
    programme_end: date | None
    sms_consent: bool
    needs_accessible_room: bool = False
    email_consent: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"


@dataclass(frozen=True)
class AppointmentView:
    id: str
    youth_id: str
    youth_name: str
    counsellor_id: str
    counsellor_name: str
    room_id: str | None
    room_name: str | None
    type_code: str
    type_label: str
    colour: str
    start: datetime
    end: datetime
    mode: Mode
    status: Status
    cancel_reason: str = ""
    referred_by: str = ""
    notes: str = ""
    arrived_at: datetime | None = None
    buffer_min: int = 0
    forced_reason: str = ""
    confidential: bool = False  # the type is confidential (see `domain.confidentiality`)
    redacted: bool = False  # type, colour and notes hidden from this viewer
    second_staff_id: str | None = None  # a second person on it (a partner's advisor, a second counsellor)
    second_staff_name: str = ""
    called_at: datetime | None = None  # UTC: called in from the waiting room
    interview_at: datetime | None = None  # UTC: the interview started

    @property
    def staff_ids(self) -> tuple[str, ...]:
        """The staff members holding this appointment (the counsellor, and a second person if any)."""
        if self.second_staff_id:
            return (self.counsellor_id, self.second_staff_id)
        return (self.counsellor_id,)

    @property
    def staff_names(self) -> str:
        """ "Claire Lefèvre" or "Claire Lefèvre et Nadia Ferhat"."""
        if self.second_staff_id:
            return f"{self.counsellor_name} et {self.second_staff_name}"
        return self.counsellor_name


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    counsellor_id: str
    counsellor_name: str
    room_id: str | None
    room_name: str | None
    second_staff_id: str | None = None  # asked for with the search: free at the same time
    second_staff_name: str = ""
    site_code: str = ""  # the site the slot is at (a search across sites)
    site_name: str = ""


class Change(StrEnum):
    """A kind of data a service call can change; each view refreshes when a kind it shows changed.

    A closed set: `Changes.of` refuses a kind not listed here, so a service cannot emit one that no view
    (nor the live refresh, which announces them all) knows of."""

    APPOINTMENTS = "appointments"
    YOUTHS = "youths"
    STAFF = "staff"  # people, their patterns, absences and logins
    CONFIG = "config"  # the site, its rooms, appointment types, closures, settings
    WORKSHOPS = "workshops"
    SYNC = "sync"  # sync state, conflicts and clashes to review
    CALLS = "calls"  # reminder-call ticks
    MESSAGES = "messages"  # the outbox: messages to young people queued, sent, expired
    IMILO = "imilo"  # "keyed in i-milo" ticks
    REQUESTS = "requests"  # booking requests to and from other sites, and their answers
    WISHES = "wishes"  # "plus tôt si possible" wishes and the freed slots proposed to them


@dataclass(frozen=True)
class Changes:
    """What a service call changed, so each open view refreshes only what concerns it."""

    kinds: frozenset[Change] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)

    @staticmethod
    def of(*kinds: Change | str, ids: tuple[str, ...] = ()) -> Changes:
        """`kinds`: `Change` members (or their values; anything else is a programming error)."""
        return Changes(frozenset(Change(k) for k in kinds), frozenset(ids))

    @staticmethod
    def everything() -> Changes:
        """Every kind: what a restore or another workstation's write may have changed."""
        return Changes(frozenset(Change))

    def __bool__(self) -> bool:
        return bool(self.kinds)
