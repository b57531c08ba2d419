"""Bounds of the numbers people type in settings and bookings, checked in one place."""

from __future__ import annotations

from mlplanner.domain.errors import InputError


def check_duration(minutes: int) -> int:
    """An appointment or type lasts 5 minutes to 8 hours."""
    if not 5 <= minutes <= 480:
        raise InputError("bad_duration", "La durée doit être comprise entre 5 minutes et 8 heures.")
    return minutes


def check_buffer(minutes: int) -> int:
    """The counsellor's time after an appointment: 0 to 2 hours."""
    if not 0 <= minutes <= 120:
        raise InputError("bad_buffer", "Le battement doit être compris entre 0 et 120 minutes.")
    return minutes


def check_room_capacity(people: int) -> int:
    if not 1 <= people <= 200:
        raise InputError("bad_capacity", "La capacité d'une salle va de 1 à 200 personnes.")
    return people
