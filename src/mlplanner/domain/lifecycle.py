"""Appointment lifecycle: which status may follow which.

booked → arrived → seen | no_show; booked → no_show | excused | cancelled (by youth / by ML);
arrived → seen (or back to booked if checked in by mistake). Outcomes can be corrected between
seen / no_show / excused by the counsellor (a mistaken click must be fixable); a cancelled
appointment is final (book again instead).
"""

from __future__ import annotations

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.labels import STATUS_FR

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.BOOKED: frozenset(
        {
            Status.ARRIVED,
            Status.SEEN,
            Status.NO_SHOW,
            Status.EXCUSED,
            Status.CANCELLED_BY_YOUTH,
            Status.CANCELLED_BY_ML,
        }
    ),
    Status.ARRIVED: frozenset({Status.SEEN, Status.BOOKED, Status.NO_SHOW}),
    Status.SEEN: frozenset({Status.NO_SHOW, Status.EXCUSED, Status.ARRIVED}),
    Status.NO_SHOW: frozenset({Status.SEEN, Status.EXCUSED}),
    Status.EXCUSED: frozenset({Status.SEEN, Status.NO_SHOW}),
    Status.CANCELLED_BY_YOUTH: frozenset(),
    Status.CANCELLED_BY_ML: frozenset(),
}

OUTCOMES = frozenset({Status.SEEN, Status.NO_SHOW, Status.EXCUSED})


def check_transition(current: Status, new: Status) -> None:
    if new == current:
        raise RuleViolation(
            "same_status", f"Le rendez-vous est déjà « {STATUS_FR[current]} ».", current=current
        )
    if new not in ALLOWED[current]:
        raise RuleViolation(
            "illegal_transition",
            f"Impossible de passer un rendez-vous « {STATUS_FR[current]} » à « {STATUS_FR[new]} ».",
            current=current,
            new=new,
        )


def is_to_fill_in(status: Status, end_is_past: bool) -> bool:
    """A past appointment still booked (or arrived) awaits its outcome from the counsellor."""
    return end_is_past and status in (Status.BOOKED, Status.ARRIVED)
