"""When messages are due, when they expire, and when a site sends at all.

- A reminder goes out on the previous open day of the site (Friday for a Monday appointment, Thursday
  for a Tuesday after Easter Monday when Saturdays are closed), or N calendar days before when the
  appointment type says so, from the site's sending hour (10:00 by default).
- Nothing about an appointment is sent later than `LAST_CALL` before its start: a reminder at 13:55 for
  14:00 helps nobody, and the margin also covers a workstation whose clock runs a little slow and the
  minutes an SMS may wait at the provider. A message not sent by then is expired, never sent.
- Messages leave only inside the site's sending window (08:00–20:00 by default): one due at night waits
  for the morning (if it has not expired by then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mlplanner.domain.errors import InputError
from mlplanner.domain.wallclock import to_utc

LAST_CALL = timedelta(minutes=30)
SETTLE = timedelta(minutes=5)  # a booking typed in error and undone at once sends nothing
FRESH = timedelta(hours=48)  # a confirmation is for a booking made in the last two days
AUTO = "auto"  # the default reminder rule: the previous open day
OFF = "off"
MAX_DAYS_BEFORE = 14
MAX_LOOKBACK = 21  # days searched back for the previous open day (a long closure)


def check_rule(text: str) -> str:
    """A reminder rule as typed: "auto" (previous open day), "off", or a number of days (1–14)."""
    value = (text or "").strip().lower()
    if value in (AUTO, "", "defaut", "défaut", "veille"):
        return AUTO
    if value in (OFF, "non", "aucun", "0"):
        return OFF
    if value.isdigit() and 1 <= int(value) <= MAX_DAYS_BEFORE:
        return str(int(value))
    raise InputError(
        "bad_reminder_rule",
        f"Rappel : « {text} » n'est pas compris. Indiquez « auto » (jour ouvré précédent), « off » "
        f"(pas de rappel) ou un nombre de jours de 1 à {MAX_DAYS_BEFORE}.",
    )


def reminder_day(appointment_day: date, rule: str, is_open: Callable[[date], bool]) -> date | None:
    """The day the reminder goes out, or None (no reminder, or no open day found)."""
    if rule == OFF:
        return None
    if rule == AUTO:
        d = appointment_day
        for _ in range(MAX_LOOKBACK):
            d -= timedelta(days=1)
            if is_open(d):
                return d
        return None
    return appointment_day - timedelta(days=int(rule))


@dataclass(frozen=True)
class SendingWindow:
    """The local hours during which the site sends (start inclusive, end exclusive)."""

    start: time = time(8, 0)
    end: time = time(20, 0)

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise InputError(
                "bad_window", "La plage d'envoi doit commencer avant de finir (ex. 08:00-20:00)."
            )

    def allows(self, wall: datetime) -> bool:
        return self.start <= wall.time() < self.end

    @staticmethod
    def parse(text: str) -> SendingWindow:
        try:
            a, b = (part.strip() for part in (text or "").replace("h", ":").split("-"))
            start, end = time.fromisoformat(_pad(a)), time.fromisoformat(_pad(b))
        except ValueError as exc:
            raise InputError(
                "bad_window", f"Plage d'envoi illisible : « {text} » (attendu par exemple 08:00-20:00)."
            ) from exc
        return SendingWindow(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _pad(text: str) -> str:
    h, _, m = text.partition(":")
    return f"{int(h):02d}:{int(m or 0):02d}"


def parse_hour(text: str) -> time:
    try:
        return time.fromisoformat(_pad((text or "").strip().replace("h", ":")))
    except ValueError as exc:
        raise InputError("bad_hour", f"Heure illisible : « {text} » (attendu par exemple 10:00).") from exc


def expiry(start_wall: datetime, tz: str) -> datetime:
    """The UTC instant after which nothing is sent about something starting at `start_wall`."""
    return to_utc(start_wall, tz) - LAST_CALL


def at(day: date, hour: time, tz: str) -> datetime:
    """A wall-clock time at the site as a UTC instant."""
    return to_utc(datetime.combine(day, hour), tz)
