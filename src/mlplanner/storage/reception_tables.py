"""Reception tables of issue 18: earlier-slot wishes and the slots that freed up for them.

`earlier_wish` travels between sites (`Synced`, owned by the appointment's site through `site_id`):
the young person may call any site. `freed_slot` is the desk's queue of slots to propose, local to the
database that freed them (a site file, or the server, keyed by site): it is rebuilt by use, and a
slot freed elsewhere is proposed by that site's desk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from mlplanner.domain.ids import new_id
from mlplanner.storage.tables import Synced, utcnow, wall_clock


class EarlierWish(Synced, table=True):
    """ "Plus tôt si possible": the young person of `appointment_id` would come earlier, when they can."""

    __tablename__ = "earlier_wish"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    appointment_id: str = Field(foreign_key="appointment.id", index=True, max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    availability: str = Field(default="{}", sa_type=Text)  # WeeklyHours JSON; {} = whenever open
    any_counsellor: bool = Field(default=False)  # another counsellor will do
    status: str = Field(default="active", max_length=16)  # active | done | withdrawn
    declined: str = Field(default="[]", sa_type=Text)  # JSON list of slot keys the young person refused
    created_by: str = Field(default="", max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    closed_reason: str = Field(default="", max_length=120)


class FreedSlot(SQLModel, table=True):
    """A slot that stopped being held (cancelled, excused, moved away, no-show policy), to propose to
    the young people waiting for an earlier one. Never synced."""

    __tablename__ = "freed_slot"
    __table_args__ = (Index("ix_freed_slot_site_state", "site_id", "state", "start"),)
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    site_id: str = Field(max_length=36)
    start: datetime = wall_clock()
    end: datetime = wall_clock()
    counsellor_id: str = Field(max_length=36)
    room_id: str | None = Field(default=None, max_length=36)
    type_id: str = Field(default="", max_length=36)
    appointment_id: str = Field(default="", max_length=36)  # the appointment that let it go
    reason: str = Field(default="", max_length=16)  # cancelled | excused | moved | no_show
    freed_at: datetime = Field(default_factory=utcnow)
    state: str = Field(default="open", max_length=16)  # open | taken | dismissed


class BookingRequest(Synced, table=True):
    """A booking asked of another site whose diary this site does not write (sites that sync through
    the folder). Owned by the asking site (`site_id`); it holds nothing: the target site books it, or
    refuses it, at its next sync (`BookingAnswer`)."""

    __tablename__ = "booking_request"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)  # the asking site
    target_site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    type_code: str = Field(max_length=16)
    start: datetime = wall_clock()  # wall clock at the target site
    counsellor_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    mode: str = Field(default="", max_length=16)  # "": the type's mode
    notes: str = Field(default="", sa_type=Text)
    requested_by: str = Field(default="", max_length=36)
    requested_by_name: str = Field(default="", max_length=170)
    created_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="pending", max_length=16)  # pending | withdrawn


class BookingAnswer(Synced, table=True):
    """The target site's answer to a request, written at its sync. Owned by the target site."""

    __tablename__ = "booking_answer"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)  # the answering (target) site
    request_id: str = Field(foreign_key="booking_request.id", index=True, max_length=36)
    outcome: str = Field(max_length=16)  # confirmed | refused | cancelled (withdrawn after confirming)
    appointment_id: str | None = Field(default=None, foreign_key="appointment.id", max_length=36)
    reason_code: str = Field(default="", max_length=40)
    reason: str = Field(default="", max_length=400)
    answered_at: datetime = Field(default_factory=utcnow)
