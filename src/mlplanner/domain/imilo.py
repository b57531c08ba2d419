"""i-milo's own words, so that a counsellor re-keying an appointment or a workshop line into i-milo (the
national case-management system of the Missions Locales) copies what they read.

Appointments (i-milo "événements"): Planifié / Présent / Absent / Annulé / Reporté / Non précisé.
- booked and still ahead: Planifié; booked and past with no outcome: Non précisé;
- arrived or seen: Présent; no-show: Absent;
- excused or cancelled (by the youth or the Mission Locale): Reporté when the young person has another
  appointment booked since (a new date was set), else Annulé.

Workshop registrations: Inscrit / Présent / Refus jeune / Refus tiers.
- registered (attendance not recorded yet): Inscrit; present or late: Présent;
- absent, excused, or registration cancelled: Refus jeune (the young person did not take it up);
- session cancelled by the Mission Locale: Refus tiers.
Waiting-list places are not registrations in i-milo and are not exported.

Workshop sessions: À venir / À clôturer / Émargée / Clôturée (and Annulée for a cancelled session).
"""

from __future__ import annotations

from enum import StrEnum

from mlplanner.domain.enums import Status


class ImiloStatus(StrEnum):
    PLANNED = "Planifié"
    PRESENT = "Présent"
    ABSENT = "Absent"
    CANCELLED = "Annulé"
    POSTPONED = "Reporté"
    UNKNOWN = "Non précisé"


class ImiloRegistration(StrEnum):
    REGISTERED = "Inscrit"
    PRESENT = "Présent"
    YOUTH_REFUSED = "Refus jeune"
    THIRD_PARTY_REFUSED = "Refus tiers"


class ImiloSession(StrEnum):
    UPCOMING = "À venir"
    TO_CLOSE = "À clôturer"
    SIGNED = "Émargée"
    CLOSED = "Clôturée"
    CANCELLED = "Annulée"


def appointment_word(status: Status, *, past: bool, rebooked: bool) -> ImiloStatus:
    """`past`: the appointment has ended; `rebooked`: another appointment was booked for the young person
    after this one was cancelled or excused."""
    if status in (Status.ARRIVED, Status.SEEN):
        return ImiloStatus.PRESENT
    if status is Status.NO_SHOW:
        return ImiloStatus.ABSENT
    if status is Status.BOOKED:
        return ImiloStatus.UNKNOWN if past else ImiloStatus.PLANNED
    return ImiloStatus.POSTPONED if rebooked else ImiloStatus.CANCELLED


def registration_word(
    *, registration_status: str, attendance: str, session_cancelled: bool
) -> ImiloRegistration | None:
    """None for a place on the waiting list (not a registration in i-milo)."""
    if session_cancelled:
        return ImiloRegistration.THIRD_PARTY_REFUSED
    if registration_status == "waitlisted":
        return None
    if registration_status == "cancelled" or attendance in ("absent", "excused"):
        return ImiloRegistration.YOUTH_REFUSED
    if attendance in ("present", "late"):
        return ImiloRegistration.PRESENT
    return ImiloRegistration.REGISTERED


SESSION_WORDS = {
    "upcoming": ImiloSession.UPCOMING,
    "to_close": ImiloSession.TO_CLOSE,
    "signed": ImiloSession.SIGNED,
    "closed": ImiloSession.CLOSED,
    "cancelled": ImiloSession.CANCELLED,
}
