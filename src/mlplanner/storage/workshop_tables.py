"""Workshop tables: a series (the rule), one row per session (occurrence), one row per registration.

All three travel between sites (`Synced`). Sessions keep `original_start`, the date the rule gave
them: series edits match sessions by it, so a cancelled date is never brought back and a session
edited on its own (`detached`) keeps its own time, room and facilitators. Times are naive wall-clock
datetimes in the site's zone (see `tables.wall_clock`).

No unique constraint on (session, youth): two sites could register the same youth offline and the
sync must be able to apply both rows; the service refuses a second active registration instead.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field

from mlplanner.storage.tables import Synced, utcnow, wall_clock


class WorkshopSeries(Synced, table=True):
    __tablename__ = "workshop_series"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    title: str = Field(max_length=120)
    description: str = Field(default="", sa_type=Text)
    audience: str = Field(default="", max_length=200)  # "CEJ", "16-18 ans", ...
    rrule: str = Field(default="", max_length=300)  # RFC 5545 RRULE text, no DTSTART line
    first_start: datetime = wall_clock()  # the rule's DTSTART (wall clock)
    duration_min: int = Field(default=120)
    capacity: int = Field(default=12)
    room_id: str | None = Field(default=None, foreign_key="room.id", max_length=36)
    facilitator_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    co_facilitator_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    registration_close_min: int = Field(default=0)  # registrations close this long before the start
    colour: str = Field(default="#2E8B6E", max_length=9)
    # a "this and following" edit that moves sessions splits a series in two: both keep the first
    # part's id here, so statistics and lists still see one workshop
    root_id: str = Field(default="", max_length=36, index=True)
    kind_code: str = Field(default="ATELIER", max_length=16)  # workshop kind (CEJ scale, FSE+ operation)
    created_by: str = Field(default="", max_length=36)
    created_at: datetime = Field(default_factory=utcnow)


class WorkshopSession(Synced, table=True):
    __tablename__ = "workshop_session"
    __table_args__ = (
        Index("ix_workshop_session_site_start", "site_id", "start"),
        Index("ix_workshop_session_series_original", "series_id", "original_start"),
        Index("ix_workshop_session_room_start", "room_id", "start"),
        Index("ix_workshop_session_facilitator_start", "facilitator_id", "start"),
        # with the two above, a "facilitator OR co-facilitator OR room" busy-time query is three index
        # searches instead of a scan of every session (issue 19: every booking and free-slot search)
        Index("ix_workshop_session_co_facilitator_start", "co_facilitator_id", "start"),
    )
    site_id: str = Field(foreign_key="site.id", max_length=36)
    series_id: str = Field(foreign_key="workshop_series.id", max_length=36)
    original_start: datetime = wall_clock()  # the occurrence of the rule this session stands for
    start: datetime = wall_clock()
    end: datetime = wall_clock()
    room_id: str | None = Field(default=None, foreign_key="room.id", max_length=36)
    facilitator_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    co_facilitator_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    capacity: int = Field(default=12)
    status: str = Field(default="planned", max_length=16)  # planned | cancelled | closed
    detached: bool = Field(default=False)  # edited on its own: series edits leave its schedule alone
    cancel_reason: str = Field(default="", max_length=300)
    note: str = Field(default="", sa_type=Text)
    closed_by: str = Field(default="", max_length=36)
    closed_at: datetime | None = None
    updated_by: str = Field(default="", max_length=36)


class WorkshopRegistration(Synced, table=True):
    __tablename__ = "workshop_registration"
    __table_args__ = (
        Index("ix_workshop_registration_session", "session_id", "status"),
        Index("ix_workshop_registration_youth", "youth_id"),
    )
    session_id: str = Field(foreign_key="workshop_session.id", max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    status: str = Field(default="confirmed", max_length=16)  # confirmed | waitlisted | cancelled
    queue_no: int = Field(default=0)  # order of arrival in the session (waiting list order)
    referral: str = Field(default="self", max_length=16)  # prescribed | self
    prescriber_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    attendance: str = Field(default="", max_length=16)  # "" | present | absent | excused | late
    attendance_by: str = Field(default="", max_length=36)
    back_office: bool = Field(default=False)
    cancel_reason: str = Field(default="", max_length=300)
    promoted_at: datetime | None = None
    created_by: str = Field(default="", max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=36)


WORKSHOP_TABLES = (WorkshopSeries, WorkshopSession, WorkshopRegistration)
