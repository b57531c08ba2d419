"""Printed documents (reportlab, A4, French): plain frozen data in, PDF out. No Qt, no SQL.

Each ``render_*`` writes to a path or a binary file object and returns the number of pages.
Fonts (DejaVu Sans, embedded) and logos come from ``resources/`` through ``mlplanner.paths``.
"""

from __future__ import annotations

from mlplanner.printing.call_list import render_call_list
from mlplanner.printing.day_schedule import COLUMNS_PER_PAGE, render_day_schedule
from mlplanner.printing.day_sheet import render_counsellor_day
from mlplanner.printing.formatting import half_days_between, long_date
from mlplanner.printing.model import (
    CallListDoc,
    CallRow,
    CounsellorDayDoc,
    CounsellorDayRow,
    DayGrid,
    GridBlock,
    GridColumn,
    Grouping,
    HalfDay,
    Participant,
    RosterDoc,
    SiteHeader,
    SlipDoc,
    TimeRange,
    WeekDoc,
    block_from_appointment,
    call_row_from_appointment,
    day_row_from_appointment,
    participants,
)
from mlplanner.printing.roster import render_roster
from mlplanner.printing.slip import render_slip
from mlplanner.printing.week import render_week

__all__ = [
    "COLUMNS_PER_PAGE",
    "CallListDoc",
    "CallRow",
    "CounsellorDayDoc",
    "CounsellorDayRow",
    "DayGrid",
    "GridBlock",
    "GridColumn",
    "Grouping",
    "HalfDay",
    "Participant",
    "RosterDoc",
    "SiteHeader",
    "SlipDoc",
    "TimeRange",
    "WeekDoc",
    "block_from_appointment",
    "call_row_from_appointment",
    "day_row_from_appointment",
    "half_days_between",
    "long_date",
    "participants",
    "render_call_list",
    "render_counsellor_day",
    "render_day_schedule",
    "render_roster",
    "render_slip",
    "render_week",
]
