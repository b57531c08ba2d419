"""Bounds of what people type and what files bring, checked in one place.

Numbers (durations, capacities, years) and dates: the services, the import readers and the sync's
checks of arriving change sets read them here, so the UI, the CLI and a file all meet the same French
refusal.
"""

from __future__ import annotations

from datetime import date

from mlplanner.domain.errors import InputError

#: Dates people give (a day to show, a start to book, a period to export) lie within these years: beyond
#: them date arithmetic (`+ timedelta(days=1)`, time zones) overflows Python's calendar, which ends in 9999.
FIRST_YEAR, LAST_YEAR = 1900, 2200

# (minimum, maximum), inclusive
DURATION_MIN = (5, 480)
BUFFER_MIN = (0, 120)
ROOM_CAPACITY = (1, 200)
FREE_TEXT_MAX = 4000  # a note, a description: the longest free text kept anywhere


def check_date(value: date, what: str = "") -> None:
    """Refuse a date (or datetime) outside FIRST_YEAR..LAST_YEAR with a French sentence; `what` names
    it ("première séance")."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            "date_out_of_range",
            f"Date hors limites{f' ({what})' if what else ''} : {value.day:02d}/{value.month:02d}/{value.year} "
            f"(années {FIRST_YEAR} à {LAST_YEAR}).",
            value=value,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )


def check_duration(minutes: int) -> int:
    """An appointment or type lasts 5 minutes to 8 hours."""
    if not DURATION_MIN[0] <= minutes <= DURATION_MIN[1]:
        raise InputError("bad_duration", "La durée doit être comprise entre 5 minutes et 8 heures.")
    return minutes


def check_buffer(minutes: int) -> int:
    """The counsellor's time after an appointment: 0 to 2 hours."""
    if not BUFFER_MIN[0] <= minutes <= BUFFER_MIN[1]:
        raise InputError("bad_buffer", "Le battement doit être compris entre 0 et 120 minutes.")
    return minutes


def check_room_capacity(people: int) -> int:
    if not ROOM_CAPACITY[0] <= people <= ROOM_CAPACITY[1]:
        raise InputError("bad_capacity", "La capacité d'une salle va de 1 à 200 personnes.")
    return people
