"""Dates beyond the domain's bounds (`domain.limits`, 1900–2200) refused at every use case's door.

`@checked_dates` on a service class wraps its public methods (those it inherits from its parts too):
any date or datetime argument outside the bounds is refused with an `InputError` before anything runs,
instead of an `OverflowError` from the date arithmetic deep inside. The dates inside a draft (a
dataclass argument) are the service's to check, with a message that names them (a birth date, a
series' first session).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from mlplanner.domain.limits import check_date

C = TypeVar("C", bound=type)


def _check(value: object) -> None:
    if isinstance(value, date):
        check_date(value)


def _checked(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for value in args[1:]:
            _check(value)
        for value in kwargs.values():
            _check(value)
        return fn(*args, **kwargs)

    wrapper.__dates_checked__ = True  # type: ignore[attr-defined]
    return wrapper


def checked_dates(cls: C) -> C:
    """Wrap every public method of `cls` (inherited ones included) with the date-bounds check."""
    for name, fn in inspect.getmembers(cls, inspect.isfunction):
        if name.startswith("_") or getattr(fn, "__dates_checked__", False):
            continue
        if isinstance(inspect.getattr_static(cls, name), staticmethod | classmethod):
            continue
        setattr(cls, name, _checked(fn))
    return cls
