"""Wall-clock times in a site's zone.

Decision (see README): appointments are stored as *naive* wall-clock datetimes meaning "local time at
the site", next to the site's IANA zone. A 10:00 appointment stays at 10:00 across a DST change, which
is what people expect of a diary. Instants that must be compared across sites (sync, audit) are UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mlplanner.domain.errors import InputError

DEFAULT_TZ = "Europe/Paris"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError("bad_timezone", f"Fuseau horaire inconnu : « {name} ».", value=name) from exc


def local_now(now_utc: datetime, tz_name: str) -> datetime:
    """The site's wall clock now, as a naive datetime."""
    return now_utc.astimezone(zone(tz_name)).replace(tzinfo=None)


def to_utc(wall: datetime, tz_name: str) -> datetime:
    """The instant of a wall-clock time; in the autumn overlap the first (summer-time) occurrence."""
    return wall.replace(tzinfo=zone(tz_name), fold=0).astimezone(UTC)


def exists_locally(wall: datetime, tz_name: str) -> bool:
    """False for times skipped by the spring DST change (e.g. 02:30 on 28 March 2027 in Paris)."""
    tz = zone(tz_name)
    aware = wall.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return round_trip == wall


_DATE_FR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:hH](\d{2})?\s*$")


def parse_date(text: str) -> date:
    """Accept dd/mm/yyyy (French) or yyyy-mm-dd; refuse impossible dates with a French message."""
    m = _DATE_FR.match(text or "")
    if m:
        d, mo, y = (int(g) for g in m.groups())
    else:
        m = _DATE_ISO.match(text or "")
        if not m:
            raise InputError("bad_date", f"Date illisible : « {text} » (attendu jj/mm/aaaa).", value=text)
        y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError as exc:
        raise InputError(
            "bad_date", f"Cette date n'existe pas : « {text.strip()} ».", value=text.strip(), exists=False
        ) from exc


def parse_time(text: str) -> time:
    m = _TIME.match(text or "")
    if not m:
        raise InputError("bad_time", f"Heure illisible : « {text} » (attendu hh:mm).", value=text)
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if not (0 <= h < 24 and 0 <= mi < 60):
        raise InputError(
            "bad_time", f"Cette heure n'existe pas : « {text.strip()} ».", value=text.strip(), exists=False
        )
    return time(h, mi)


def parse_datetime(text: str) -> datetime:
    """'YYYY-MM-DD HH:MM' or 'dd/mm/yyyy HH:MM' → naive wall-clock datetime."""
    parts = (text or "").strip().replace("T", " ").split()
    if len(parts) != 2:
        raise InputError(
            "bad_datetime",
            f"Date et heure illisibles : « {text} » (attendu « AAAA-MM-JJ HH:MM »).",
            value=text,
        )
    return datetime.combine(parse_date(parts[0]), parse_time(parts[1]))


def format_date_fr(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def week_start(d: date) -> date:
    """Monday of the week (French weeks start on Monday)."""
    return d - timedelta(days=d.weekday())
