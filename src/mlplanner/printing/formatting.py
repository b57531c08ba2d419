"""French wording of dates and times as printed: "mardi 6 avril 2027", "9 h 30", "jeudi 1er avril"."""

from __future__ import annotations

from datetime import date, datetime, time

from mlplanner.domain.labels import MONTHS_FR, WEEKDAYS_FR
from mlplanner.printing.model import HalfDay, SiteHeader

NOON = time(13, 0)  # a workshop starting before 13:00 has a morning half-day


def _day_number(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def long_date(d: date) -> str:
    """ "mardi 6 avril 2027" (French writes "1er" for the first of the month)."""
    return f"{WEEKDAYS_FR[d.weekday()]} {_day_number(d)} {MONTHS_FR[d.month - 1]} {d.year}"


def day_month(d: date) -> str:
    """ "mardi 6 avril": column headers of a week."""
    return f"{WEEKDAYS_FR[d.weekday()]} {_day_number(d)} {MONTHS_FR[d.month - 1]}"


def hm(t: time) -> str:
    """ "09:30": compact and aligned, for tables and grids."""
    return f"{t:%H:%M}"


def _initials(first: str) -> str:
    """ "Jean-Marc" → "J.-M.", "Éloïse" → "É."."""
    parts = [w for w in first.split("-") if w]
    return "-".join(f"{w[0].upper()}." for w in parts)


def short_name(name: str) -> str:
    """ "BELKACEM Yanis" → "BELKACEM Y.": a person's name as printed ("LAST First") with the first names
    cut to their initials, so two BELKACEM in a narrow box can still be told apart. Text that does not
    read as "LAST First" (no capitalised last name, or nothing after it) is returned unchanged."""
    words = name.split()
    last = []
    for w in words:
        if w != w.upper() or not any(ch.isalpha() for ch in w):
            break
        last.append(w)
    first = words[len(last) :]
    if not last or not first or any(not w[:1].isalpha() for w in first):
        return name
    return " ".join([*last, *(_initials(w) for w in first)])


def spoken_time(t: time) -> str:
    """ "9 h 30", "14 h": French typography for sentences."""
    return f"{t.hour} h" if t.minute == 0 else f"{t.hour} h {t.minute:02d}"


def time_span(start: time, end: time) -> str:
    return f"{spoken_time(start)} – {spoken_time(end)}"


def week_title(days: tuple[date, ...]) -> str:
    """ "du lundi 5 au vendredi 9 avril 2027" (months and years only where they change)."""
    first, last = days[0], days[-1]
    if first.year != last.year:
        return f"du {long_date(first)} au {long_date(last)}"
    if first.month != last.month:
        return f"du {day_month(first)} au {long_date(last)}"
    return f"du {WEEKDAYS_FR[first.weekday()]} {_day_number(first)} au {long_date(last)}"


def half_days_between(first: date, last: date, start: time, end: time) -> tuple[HalfDay, ...]:
    """The half-days to sign for a workshop running each day from ``start`` to ``end``."""
    out: list[HalfDay] = []
    d = first
    while d <= last:
        if start < NOON:
            out.append(HalfDay(d, afternoon=False))
        if end > NOON:
            out.append(HalfDay(d, afternoon=True))
        d = date.fromordinal(d.toordinal() + 1)
    return tuple(out)


def half_day_label(h: HalfDay, *, with_date: bool) -> str:
    part = "Après-midi" if h.afternoon else "Matin"
    if not with_date:
        return part
    return f"{WEEKDAYS_FR[h.day.weekday()][:3]}. {h.day:%d/%m}\n{part.lower()}"


def printed_line(header: SiteHeader) -> str:
    """Footer traceability: when and by whom a document holding personal data was printed."""
    if header.printed_at is None:
        return ""
    when: datetime = header.printed_at
    who = f" par {header.printed_by}" if header.printed_by else ""
    return f"Imprimé le {when:%d/%m/%Y} à {when:%H:%M}{who}"


def author(header: SiteHeader) -> str:
    """PDF author metadata: the organisation, and the person who printed when known."""
    org = f"{header.organisation} – {header.site_name}" if header.site_name else header.organisation
    return f"{header.printed_by} ({org})" if header.printed_by else org
