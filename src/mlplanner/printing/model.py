"""What each printed document needs, as plain frozen data: services fill these, renderers only read them.

Times inside a day are naive wall-clock ``time`` values of the site (like appointment times).
Nothing here knows about the database or Qt, so a document can be rendered from a test or a script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.labels import MODE_FR
from mlplanner.domain.models import AppointmentView
from mlplanner.domain.text import fold


@dataclass(frozen=True)
class SiteHeader:
    """Who prints: the top of every page, the PDF author and the traceability line of the footer."""

    organisation: str  # "Mission Locale du Pays de Brocéliande"
    site_name: str  # "Antenne de Montfort"
    address: str = ""
    phone: str = ""
    logo: Path | None = None  # the Mission Locale's own logo, top left
    funder_logos: tuple[Path, ...] = ()  # printed on sign-in sheets (FSE+, Region, State...)
    printed_by: str = ""
    printed_at: datetime | None = None  # wall-clock time of the print, from the service's clock


@dataclass(frozen=True)
class TimeRange:
    start: time
    end: time


@dataclass(frozen=True)
class GridBlock:
    """One appointment (or workshop) drawn as a coloured box in a column of a time grid."""

    column: int  # index into the grid's columns
    start: time
    end: time
    title: str  # the young person's name
    subtitle: str = ""  # type, room or counsellor, mode
    colour: str = "#4A90D9"  # the appointment type's colour
    kind: str = ""  # legend label of the colour (the type's label)
    status: Status = Status.BOOKED


@dataclass(frozen=True)
class GridColumn:
    label: str  # counsellor's name, room name or day
    sublabel: str = ""  # default room, capacity...
    unavailable: tuple[TimeRange, ...] = ()  # absence, not working: hatched
    note: str = ""  # e.g. "Absent(e)" or "Férié : lundi de Pâques", printed across the column


class Grouping(StrEnum):
    COUNSELLOR = "counsellor"
    ROOM = "room"


@dataclass(frozen=True)
class DayGrid:
    """The site's day schedule: one column per counsellor (or room), opening to closing time."""

    header: SiteHeader
    day: date
    columns: tuple[GridColumn, ...]
    start: time  # opening
    end: time  # closing
    blocks: tuple[GridBlock, ...] = ()
    grouping: Grouping = Grouping.COUNSELLOR
    closed: tuple[TimeRange, ...] = ()  # site closed for everyone (lunch break)


@dataclass(frozen=True)
class WeekDoc:
    """A counsellor's week on one page: one column per day, blocks' ``column`` is the day index."""

    header: SiteHeader
    counsellor_name: str
    days: tuple[date, ...]  # usually Monday to Friday (or Saturday)
    start: time
    end: time
    blocks: tuple[GridBlock, ...] = ()
    day_notes: tuple[str, ...] = ()  # per day, e.g. "Férié" or "Congé"; "" for a normal day
    unavailable: tuple[tuple[TimeRange, ...], ...] = ()  # per day: not working, absent
    closed: tuple[TimeRange, ...] = ()


@dataclass(frozen=True)
class CounsellorDayRow:
    start: time
    end: time
    youth_name: str
    phone: str = ""
    type_label: str = ""
    mode: Mode = Mode.ON_SITE
    room_name: str = ""
    status: Status = Status.BOOKED
    notes: str = ""
    with_whom: str = ""  # the other staff member of a two-person appointment


@dataclass(frozen=True)
class CounsellorDayDoc:
    header: SiteHeader
    day: date
    counsellor_name: str
    rows: tuple[CounsellorDayRow, ...]


@dataclass(frozen=True)
class Participant:
    last_name: str
    first_name: str


@dataclass(frozen=True)
class HalfDay:
    day: date
    afternoon: bool


@dataclass(frozen=True)
class RosterDoc:
    """A workshop's sign-in sheet (feuille d'émargement), the evidence funders audit."""

    header: SiteHeader
    title: str
    day: date  # first day
    start: time
    end: time
    room: str
    facilitators: tuple[str, ...]
    participants: tuple[Participant, ...]
    half_days: tuple[HalfDay, ...] = ()  # empty: derived from day/start/end
    blank_rows: int = 5  # for walk-ins
    end_day: date | None = None  # last day of a multi-day workshop
    funding_note: str = ""  # e.g. "Action cofinancée par le Fonds social européen plus (FSE+)"


@dataclass(frozen=True)
class SlipDoc:
    """The confirmation slip handed to (or e-mailed to) the young person."""

    header: SiteHeader
    youth_name: str
    start: datetime
    end: datetime
    counsellor_name: str
    type_label: str = ""
    mode: Mode = Mode.ON_SITE
    room_name: str = ""
    what_to_bring: tuple[str, ...] = ()
    how_to_cancel: str = ""  # empty: a default sentence using the site's phone


@dataclass(frozen=True)
class CallRow:
    start: time
    youth_name: str
    phone: str
    counsellor_name: str
    type_label: str = ""
    mode: Mode = Mode.ON_SITE


@dataclass(frozen=True)
class CallListDoc:
    """Reminder calls to make today for the appointments of ``day`` (usually the day after tomorrow)."""

    header: SiteHeader
    day: date
    rows: tuple[CallRow, ...]


# --- Adapters from the services' views (so the wiring stays a one-liner) ---------------------------


def block_from_appointment(
    a: AppointmentView, column: int, *, show: Grouping = Grouping.COUNSELLOR
) -> GridBlock:
    """A grid block for an appointment: in a counsellor's column show the room, in a room's the counsellor
    (both people of a two-person appointment)."""
    where = a.staff_names if show is Grouping.ROOM else (a.room_name or "")
    parts = [a.type_label]
    if a.mode is not Mode.ON_SITE:
        parts.append(MODE_FR[a.mode])
    elif where:
        parts.append(where)
    if a.second_staff_id and show is not Grouping.ROOM:
        parts.append(a.staff_names)
    return GridBlock(
        column=column,
        start=a.start.time(),
        end=a.end.time(),
        title=a.youth_name,
        subtitle=" · ".join(p for p in parts if p),
        colour=a.colour,
        kind=a.type_label,
        status=a.status,
    )


def day_row_from_appointment(a: AppointmentView, phone: str = "", *, sheet_of: str = "") -> CounsellorDayRow:
    """A line of the day sheet of the person `sheet_of` (staff id): on a two-person appointment, the
    other person is named."""
    other = ""
    if a.second_staff_id:
        other = a.second_staff_name if sheet_of == a.counsellor_id else a.counsellor_name
    return CounsellorDayRow(
        start=a.start.time(),
        end=a.end.time(),
        youth_name=a.youth_name,
        phone=phone,
        type_label=a.type_label,
        mode=a.mode,
        room_name=a.room_name or "",
        status=a.status,
        notes=a.notes,
        with_whom=other,
    )


def call_row_from_appointment(a: AppointmentView, phone: str) -> CallRow:
    return CallRow(
        start=a.start.time(),
        youth_name=a.youth_name,
        phone=phone,
        counsellor_name=a.counsellor_name,
        type_label=a.type_label,
        mode=a.mode,
    )


def participants(names: Sequence[tuple[str, str]]) -> tuple[Participant, ...]:
    """Participants from (last, first) pairs in sign-in order: last then first name, accents ignored."""
    people = [Participant(last, first) for last, first in names]
    return tuple(sorted(people, key=lambda p: (fold(p.last_name), fold(p.first_name))))
