"""Closed vocabularies shared by every layer. Values are stored in the database and CSV files."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    COUNSELLOR = "counsellor"
    SITE_LEAD = "site_lead"
    ADMIN = "admin"
    PARTNER = "partner"  # holds a weekly desk (health insurance, housing...), no login

    @property
    def bookable(self) -> bool:
        """Whether people in this role receive young people in appointments (have a diary): counsellors,
        site leads and partner desks. The one definition of "who can be booked"."""
        return self in (Role.COUNSELLOR, Role.SITE_LEAD, Role.PARTNER)


class RoomKind(StrEnum):
    OFFICE = "office"
    WORKSHOP = "workshop"


class Mode(StrEnum):
    ON_SITE = "on_site"
    PHONE = "phone"
    VIDEO = "video"
    OUTSIDE = "outside"  # outside the premises (home visit, partner's office)

    @property
    def needs_room(self) -> bool:
        return self is Mode.ON_SITE


class Status(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    SEEN = "seen"
    NO_SHOW = "no_show"
    EXCUSED = "excused"
    CANCELLED_BY_YOUTH = "cancelled_youth"
    CANCELLED_BY_ML = "cancelled_ml"

    @property
    def occupies_slot(self) -> bool:
        """Whether the appointment still holds its counsellor, room and youth for its time."""
        return self in (Status.BOOKED, Status.ARRIVED, Status.SEEN, Status.NO_SHOW)

    @property
    def is_cancelled(self) -> bool:
        return self in (Status.CANCELLED_BY_YOUTH, Status.CANCELLED_BY_ML)


OCCUPYING_STATUSES: tuple[str, ...] = tuple(s.value for s in Status if s.occupies_slot)


class Programme(StrEnum):
    NONE = "none"
    CEJ = "CEJ"  # Contrat d'engagement jeune
    PACEA = "PACEA"


class Referral(StrEnum):
    SELF = "self"
    SCHOOL = "school"
    FRANCE_TRAVAIL = "france_travail"
    SOCIAL_SERVICES = "social_services"
    HEALTH_INSURANCE = "health_insurance"
    JUSTICE = "justice"
    OTHER = "other"
