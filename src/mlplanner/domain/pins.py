"""Personal codes (PINs): what a code must look like, and how wrong codes slow an account down.

- A real site has no default code: each person chooses theirs (or gets a one-time code to change at
  first login). A code is 6 to 12 digits, and not one a neighbour would guess first (000000, 123456,
  654321...). The demo keeps its 4-digit code 1234, shown on its login window.
- Wrong codes in a row lock the account for a while, longer each time (`lock_after`); the count and
  the lock are stored in the site file, so they hold across restarts and across the workstations that
  share it. A good code, or an administrator resetting the code, ends it.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from mlplanner.domain.errors import InputError

MIN_DIGITS = 6
MAX_DIGITS = 12
DEMO_MIN_DIGITS = 4
FREE_FAILURES = 3  # wrong codes allowed before the first lock
LOCKS = (  # after the 3rd wrong code in a row, then the 4th, 5th, 6th and beyond
    timedelta(seconds=30),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
)


def check_pin(pin: str, *, demo: bool = False) -> str:
    """The code if it is acceptable, else an InputError saying what a code must be."""
    minimum = DEMO_MIN_DIGITS if demo else MIN_DIGITS
    if not pin.isascii() or not pin.isdigit() or not minimum <= len(pin) <= MAX_DIGITS:
        raise InputError(
            "bad_pin",
            f"Le code personnel doit comporter de {minimum} à {MAX_DIGITS} chiffres (rien d'autre).",
        )
    if not demo and _guessable(pin):
        raise InputError(
            "weak_pin",
            "Ce code est trop facile à deviner (chiffres tous identiques ou qui se suivent) : "
            "choisissez-en un autre.",
        )
    return pin


def _guessable(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return len(steps) == 1 and steps <= {0, 1, 9}  # 000000, 123456, 890123, 654321


def lock_after(failures: int) -> timedelta | None:
    """How long the account stays locked after this many wrong codes in a row (None: not locked)."""
    if failures < FREE_FAILURES:
        return None
    return LOCKS[min(failures - FREE_FAILURES, len(LOCKS) - 1)]
