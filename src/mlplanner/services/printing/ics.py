"""iCalendar (RFC 5545) text written by hand: escaping, 75-octet line folding, CRLF, time zones.

No SQL and no Qt: plain events in, text out. Times are wall-clock times of the site's zone. For
Europe/* zones following the EU summer-time rule the file carries a VTIMEZONE and `TZID=` times; zones
with a fixed offset (overseas departments) get a one-line VTIMEZONE; anything else is written in UTC,
which every calendar reads correctly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from mlplanner.domain.wallclock import to_utc, zone

PRODID = "-//Mission Locale//mlplanner//FR"
CRLF = "\r\n"


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    start: datetime  # naive wall clock in the calendar's zone
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    cancelled: bool = False


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    out = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """Split a content line into chunks of at most `limit` octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        budget = limit if not parts else limit - 1  # continuation lines start with one space
        if size + n > budget:
            parts.append(current)
            current, size = "", 0
        current += ch
        size += n
    parts.append(current)
    return (CRLF + " ").join(parts)


def _offset(td: timedelta | None) -> str:
    minutes = int((td or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return d - timedelta(days=(d.weekday() - 6) % 7)


def _follows_eu_rule(tz_name: str, years: Iterable[int]) -> bool:
    """Summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October."""
    tz = zone(tz_name)
    for y in years:
        for month in (3, 10):
            switch = datetime.combine(_last_sunday(y, month), datetime.min.time(), UTC) + timedelta(hours=1)
            before = (switch - timedelta(minutes=1)).astimezone(tz).utcoffset()
            after = switch.astimezone(tz).utcoffset()
            if before == after:
                return False
    return True


def timezone_block(tz_name: str, years: Iterable[int]) -> list[str] | None:
    """VTIMEZONE lines for the zone over these years, or None when times should be written in UTC."""
    years = list(years)
    tz = zone(tz_name)
    winter = datetime(years[0], 1, 15, 12, tzinfo=UTC).astimezone(tz)
    summer = datetime(years[0], 7, 15, 12, tzinfo=UTC).astimezone(tz)
    std, dst = winter.utcoffset(), summer.utcoffset()
    if std == dst and all(
        datetime(y, m, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset() == std for y in years for m in (1, 7)
    ):
        return [
            "BEGIN:VTIMEZONE",
            f"TZID:{tz_name}",
            "BEGIN:STANDARD",
            f"TZOFFSETFROM:{_offset(std)}",
            f"TZOFFSETTO:{_offset(std)}",
            f"TZNAME:{winter.tzname()}",
            "DTSTART:19700101T000000",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    if not tz_name.startswith("Europe/") or not _follows_eu_rule(tz_name, years):
        return None
    # local time of the switches: 01:00 UTC + standard offset (spring) / + summer offset (autumn)
    spring = (datetime(1970, 1, 1, 1) + std).strftime("%H%M%S")  # type: ignore[operator]
    autumn = (datetime(1970, 1, 1, 1) + dst).strftime("%H%M%S")  # type: ignore[operator]
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{tz_name}",
        "BEGIN:DAYLIGHT",
        f"TZOFFSETFROM:{_offset(std)}",
        f"TZOFFSETTO:{_offset(dst)}",
        f"TZNAME:{summer.tzname()}",
        f"DTSTART:19700329T{spring}",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        f"TZOFFSETFROM:{_offset(dst)}",
        f"TZOFFSETTO:{_offset(std)}",
        f"TZNAME:{winter.tzname()}",
        f"DTSTART:19701025T{autumn}",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def _utc_stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(*, name: str, tz_name: str, events: list[IcsEvent], now_utc: datetime) -> str:
    """A complete VCALENDAR: CRLF line ends, folded lines, escaped text."""
    years = sorted({e.start.year for e in events} | {e.end.year for e in events}) or [now_utc.year]
    tz_lines = timezone_block(tz_name, range(years[0], years[-1] + 1))

    def when(prop: str, wall: datetime) -> str:
        if tz_lines is None:
            return f"{prop}:{_utc_stamp(to_utc(wall, tz_name))}"
        return f"{prop};TZID={tz_name}:{wall:%Y%m%dT%H%M%S}"

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    if tz_lines is not None:  # calendar properties come before every component (RFC 5545 §3.4)
        lines.append(f"X-WR-TIMEZONE:{tz_name}")
        lines += tz_lines
    stamp = _utc_stamp(now_utc)
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(e.uid)}",
            f"DTSTAMP:{stamp}",
            when("DTSTART", e.start),
            when("DTEND", e.end),
            f"SUMMARY:{escape_text(e.summary)}",
        ]
        if e.location:
            lines.append(f"LOCATION:{escape_text(e.location)}")
        if e.description:
            lines.append(f"DESCRIPTION:{escape_text(e.description)}")
        lines += [
            f"STATUS:{'CANCELLED' if e.cancelled else 'CONFIRMED'}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
