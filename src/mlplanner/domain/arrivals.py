"""The waiting room: after the check-in, a young person is waiting, then called in, then in interview,
until the counsellor records the outcome. The status stays "arrived" throughout (statistics and the
lifecycle are unchanged); the steps are two instants on the appointment, so the waiting room list
holds only the people really waiting, and the waiting time stops when they are called in.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.models import AppointmentView


class Step(StrEnum):
    WAITING = "waiting"  # checked in, in the waiting room
    CALLED = "called"  # called in by the counsellor, on their way
    IN_INTERVIEW = "in_interview"


STEP_FR = {Step.WAITING: "en salle d'attente", Step.CALLED: "appelé(e)", Step.IN_INTERVIEW: "en entretien"}


def step_of(a: AppointmentView) -> Step | None:
    """Where an arrived young person is; None when not checked in (or the outcome is recorded)."""
    if a.status is not Status.ARRIVED:
        return None
    if a.interview_at is not None:
        return Step.IN_INTERVIEW
    if a.called_at is not None:
        return Step.CALLED
    return Step.WAITING


def waited_minutes(a: AppointmentView, now_utc: datetime) -> int | None:
    """Minutes spent in the waiting room: from the check-in to being called in (or to now)."""
    if a.arrived_at is None:
        return None
    until = a.called_at or a.interview_at or now_utc
    return max(0, int((until - a.arrived_at).total_seconds() // 60))


def check_step(a_status: Status, target: Step) -> None:
    if a_status is not Status.ARRIVED:
        raise RuleViolation("not_arrived", "Ce jeune n'est pas pointé arrivé : pointez d'abord son arrivée.")
    if target not in Step:
        raise RuleViolation("bad_step", "Étape inconnue.")
