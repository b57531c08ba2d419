"""Workshop vocabulary: stored statuses, the lifecycle shown to people, attendance, French labels.

The session's lifecycle is partly stored (planned / cancelled / closed) and partly derived from the
clock and the attendance recorded: upcoming → to close (it has started) → signed (every registered
youth has an attendance) → closed (locked by a site lead). Nothing is ever marked absent by itself.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class SessionStatus(StrEnum):
    """What is stored; the state shown to people is `SessionState`."""

    PLANNED = "planned"
    CANCELLED = "cancelled"
    CLOSED = "closed"


class SessionState(StrEnum):
    UPCOMING = "upcoming"
    TO_CLOSE = "to_close"
    SIGNED = "signed"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Attendance(StrEnum):
    NONE = ""
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    LATE = "late"

    @property
    def attended(self) -> bool:
        return self in (Attendance.PRESENT, Attendance.LATE)


class ReferralKind(StrEnum):
    PRESCRIBED = "prescribed"  # a counsellor prescribed the workshop
    SELF = "self"  # the youth registered on their own


class EditScope(StrEnum):
    THIS = "this"
    FOLLOWING = "following"
    SERIES = "series"


SESSION_STATE_FR = {
    SessionState.UPCOMING: "à venir",
    SessionState.TO_CLOSE: "à émarger",
    SessionState.SIGNED: "émargée",
    SessionState.CLOSED: "clôturée",
    SessionState.CANCELLED: "annulée",
}
REGISTRATION_FR = {
    RegistrationStatus.CONFIRMED: "inscrit(e)",
    RegistrationStatus.WAITLISTED: "liste d'attente",
    RegistrationStatus.CANCELLED: "inscription annulée",
}
ATTENDANCE_FR = {
    Attendance.NONE: "non saisi",
    Attendance.PRESENT: "présent(e)",
    Attendance.ABSENT: "absent(e)",
    Attendance.EXCUSED: "excusé(e)",
    Attendance.LATE: "en retard",
}
REFERRAL_KIND_FR = {ReferralKind.PRESCRIBED: "prescription", ReferralKind.SELF: "spontanée"}
SCOPE_FR = {
    EditScope.THIS: "cette séance",
    EditScope.FOLLOWING: "cette séance et les suivantes",
    EditScope.SERIES: "toute la série",
}
ACTIVE_REGISTRATIONS = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITLISTED.value)


def session_state(status: str, start: datetime, now: datetime, confirmed: int, recorded: int) -> SessionState:
    if status == SessionStatus.CANCELLED:
        return SessionState.CANCELLED
    if status == SessionStatus.CLOSED:
        return SessionState.CLOSED
    if start > now:
        return SessionState.UPCOMING
    return SessionState.SIGNED if recorded >= confirmed else SessionState.TO_CLOSE


# --- views --------------------------------------------------------------------------------------------
