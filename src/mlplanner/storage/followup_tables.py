"""What a young person's file holds beyond appointments and workshops: the CEJ actions of the week, the
follow-up periods, orientations to partners, the data funders ask about participants (FSE+), and which
appointments and workshop lines were keyed into i-milo. Every table travels between sites (`Synced`).

Ownership (see `services.sync.schema`): rows with a `site_id` belong to that site (periods, orientations,
i-milo ticks: the site that does the work keys it); rows hanging only on the youth are shared, like the
youth itself (a young person moves between sites; their situation and profile follow them).

Rows that stand for "the value of X for this youth" (a theme's hours in a week, the profile, a line's
tick) have deterministic ids (`domain.ids`): two sites writing the same thing offline write the same row,
and the sync's last-writer-wins keeps one. Clearing a value sets it to zero / `keyed=False` rather than
deleting the row, so a later edit never has to revive a tombstone.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field

from mlplanner.storage.tables import Synced


class WorkshopKind(Synced, table=True):
    """A kind of collective session (workshop, information session...) and how funders count it.

    Built-in kinds (`domain.cej.BUILTIN_KINDS`) need no row; a row with the same code overrides them.
    """

    __tablename__ = "workshop_kind"
    code: str = Field(max_length=16, unique=True)
    label: str = Field(max_length=80)
    cej_minutes: int = Field(default=240)  # CEJ hours scale, in minutes
    funded_operation: str = Field(default="", max_length=80)  # FSE+ operation name, "" = not funded
    active: bool = Field(default=True)


class YouthAction(Synced, table=True):
    """Hours of a young person's own actions in one CEJ week, for one theme (job search, housing...)."""

    __tablename__ = "youth_action"
    __table_args__ = (Index("ix_youth_action_youth_week", "youth_id", "week"),)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    week: date  # the Monday
    theme: str = Field(max_length=16)
    minutes: int = Field(default=0)  # 0: no action of this theme that week
    note: str = Field(default="", max_length=300)
    recorded_by: str = Field(default="", max_length=36)  # staff id (not a key: the row is shared)


class ImiloTick(Synced, table=True):
    """One export line (an appointment or a workshop registration) keyed into i-milo, or not (any more)."""

    __tablename__ = "imilo_tick"
    site_id: str = Field(foreign_key="site.id", index=True, max_length=36)
    item_kind: str = Field(max_length=16)  # "appointment" | "registration"
    item_id: str = Field(max_length=36, index=True)
    keyed: bool = Field(default=True)
    keyed_by: str = Field(default="", max_length=170)
    keyed_at: datetime | None = None  # aware UTC


class YouthProfile(Synced, table=True):
    """What the European Social Fund (FSE+) asks about a participant, beyond the youth's identity.

    The optional items (`disability` ... `homeless`) are collected only where the site lead enabled them
    and only with the young person's consent: each holds "" (not asked), "yes", "no" or "refused".
    """

    __tablename__ = "youth_profile"
    youth_id: str = Field(foreign_key="youth.id", index=True, max_length=36)
    sex: str = Field(default="", max_length=1)  # "F" | "M" | ""
    diploma_level: str = Field(default="", max_length=8)
    disability: str = Field(default="", max_length=8)
    third_country: str = Field(default="", max_length=8)
    foreign_origin: str = Field(default="", max_length=8)
    minority: str = Field(default="", max_length=8)
    homeless: str = Field(default="", max_length=8)
    sensitive_consent: bool = Field(default=False)
    consent_on: date | None = None
    updated_by: str = Field(default="", max_length=36)


class YouthSituation(Synced, table=True):
    """The young person's situation (job seeker, in training, employed...) from a date on."""

    __tablename__ = "youth_situation"
    __table_args__ = (Index("ix_youth_situation_youth_since", "youth_id", "since"),)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    since: date
    situation: str = Field(max_length=24)
    recorded_by: str = Field(default="", max_length=36)


class FollowupPeriod(Synced, table=True):
    """A personal follow-up (6 months, renewable once) or the lighter follow-up that comes after."""

    __tablename__ = "followup_period"
    __table_args__ = (
        Index("ix_followup_period_youth", "youth_id"),
        Index("ix_followup_period_site_end", "site_id", "planned_end"),
    )
    site_id: str = Field(foreign_key="site.id", max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    counsellor_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    kind: str = Field(default="personal", max_length=16)  # "personal" | "light"
    start: date
    planned_end: date
    renewed_on: date | None = None
    ended_on: date | None = None
    end_reason: str = Field(default="", max_length=16)  # "" | "ended" | "light"
    next_contact_on: date | None = None  # the contact planned when a lighter follow-up was proposed
    note: str = Field(default="", max_length=300)
    created_by: str = Field(default="", max_length=36)


class Orientation(Synced, table=True):
    """A young person oriented to a partner (social services, health insurance...), and what came of it."""

    __tablename__ = "orientation"
    __table_args__ = (
        Index("ix_orientation_site_day", "site_id", "oriented_on"),
        Index("ix_orientation_youth", "youth_id"),
    )
    site_id: str = Field(foreign_key="site.id", max_length=36)
    youth_id: str = Field(foreign_key="youth.id", max_length=36)
    staff_id: str | None = Field(default=None, foreign_key="staff.id", max_length=36)
    partner_kind: str = Field(max_length=24)
    partner_name: str = Field(default="", max_length=120)
    oriented_on: date
    outcome: str = Field(default="pending", max_length=24)
    outcome_on: date | None = None
    note: str = Field(default="", max_length=300)


FOLLOWUP_TABLES = (
    WorkshopKind,
    YouthAction,
    ImiloTick,
    YouthProfile,
    YouthSituation,
    FollowupPeriod,
    Orientation,
)
