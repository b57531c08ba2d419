"""Bookings that race on a server: the database's last word becomes the rules' own refusal.

On a server, the no-overlap rules for rooms and young people are also exclusion constraints. A
booking that passed the rules in its transaction can still be refused by them at insert time when
another workstation committed a clashing one meanwhile (writers of different sites do not wait for each
other; a young person belongs to no site). The transaction has then rolled back, nothing is changed:
the call is run again, its rules now see the other booking and refuse it in the same French words,
with the same reason code and exit code as on SQLite, or let it through if that booking was cancelled
in between. After a few rounds (never seen), the constraint's own refusal is given, as a rule.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from mlplanner.domain.errors import RuleViolation, StorageError
from mlplanner.storage.db import SLOT_TAKEN

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 3


def rules_have_the_last_word(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a placement again when an exclusion constraint refused it (see the module docstring)."""

    @functools.wraps(fn)
    def placed(*args: P.args, **kwargs: P.kwargs) -> R:
        last: StorageError | None = None
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return fn(*args, **kwargs)
            except StorageError as exc:
                if exc.code != SLOT_TAKEN:
                    raise
                log.info("%s: slot taken by another workstation meanwhile (attempt %d)", fn.__name__, attempt)
                last = exc
        assert last is not None
        raise RuleViolation(SLOT_TAKEN, last.message) from last

    return placed
