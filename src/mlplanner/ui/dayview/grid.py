"""A schedule as a plain grid: columns (a resource on a day), rows (15-minute steps), blocks, shading.

No Qt here: the Qt model only reads a `Grid`. One grid shape serves both the site day view
(columns = counsellors or rooms on one day) and the week view (columns = days of one resource).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from mlplanner.domain.intervals import Interval
from mlplanner.domain.models import AppointmentView

STEP = timedelta(minutes=15)
COUNSELLOR = "counsellor"
ROOM = "room"


@dataclass(frozen=True)
class Column:
    day: date
    kind: str  # COUNSELLOR or ROOM
    resource_id: str
    title: str
    #: open intervals of this column (site hours ∩ working pattern − absences), for shading
    open: tuple[Interval, ...] = ()
    #: when the site itself is open that day (empty on a holiday or closure)
    site_open: tuple[Interval, ...] = ()
    #: why the site is closed outside `site_open` ("Fermé", "Jour férié : Pâques"...)
    site_closed_reason: str = "Fermé"
    #: why open site hours are still closed in this column (a counsellor not working then)
    closed_reason: str = "Non travaillé"
    #: (interval, reason) of absences, shaded with their own reason
    absences: tuple[tuple[Interval, str], ...] = ()

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}|{self.kind}|{self.resource_id}"


@dataclass(frozen=True)
class Overlay:
    """A busy block that is not an appointment (a workshop session holding a room or a counsellor)."""

    start: datetime
    end: datetime
    label: str


@dataclass(frozen=True)
class Block:
    row: int
    col: int
    rows: int
    appointment: AppointmentView | None = None
    overlay: Overlay | None = None
    #: other appointments overlapping this one in the same column (a forced double booking)
    also: tuple[AppointmentView, ...] = ()
    #: an absence, closure or holiday leaves it in the way: "todo" (not dealt with yet) or "call"
    #: (on the call list), with the words to show
    attention: str = ""
    attention_text: str = ""


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...] = ()
    first: time = time(9, 0)
    rows: int = 0
    step: timedelta = STEP
    blocks: tuple[Block, ...] = ()
    _top: dict[tuple[int, int], Block] = field(default_factory=dict, repr=False, compare=False)
    _cover: dict[tuple[int, int], Block] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for b in self.blocks:
            self._top[(b.row, b.col)] = b
            for r in range(b.row, b.row + b.rows):
                self._cover.setdefault((r, b.col), b)

    # --- geometry ------------------------------------------------------------------------------
    def row_start(self, row: int, col: int | None = None) -> datetime:
        """Start of a row on the day of `col` (or a dummy day when only the time matters)."""
        day = self.columns[col].day if col is not None else date(2000, 1, 3)
        return datetime.combine(day, self.first) + row * self.step

    def row_time(self, row: int) -> time:
        return self.row_start(row).time()

    def row_of(self, moment: datetime) -> float:
        """Fractional row of a time of day (for the "now" line)."""
        base = datetime.combine(moment.date(), self.first)
        return (moment - base) / self.step

    # --- content -------------------------------------------------------------------------------
    def block_at(self, row: int, col: int) -> Block | None:
        """The block covering this cell (its top cell or any cell below)."""
        return self._cover.get((row, col))

    def top_at(self, row: int, col: int) -> Block | None:
        return self._top.get((row, col))

    def shade_at(self, row: int, col: int) -> str | None:
        """Why this cell cannot be booked (closed, absent, not working), or None when it is open."""
        column = self.columns[col]
        start = self.row_start(row, col)
        cell = Interval(start, start + self.step)
        for span, reason in column.absences:
            if span.overlaps(cell):
                return reason
        if any(iv.contains(cell) for iv in column.open):
            return None
        if not any(iv.contains(cell) for iv in column.site_open):
            return column.site_closed_reason
        return column.closed_reason

    def find(self, appointment_id: str) -> Block | None:
        return next(
            (b for b in self.blocks if b.appointment is not None and b.appointment.id == appointment_id),
            None,
        )

    def column_index(self, day: date, kind: str, resource_id: str) -> int | None:
        key = f"{day.isoformat()}|{kind}|{resource_id}"
        return next((i for i, c in enumerate(self.columns) if c.key == key), None)

    def same_shape(self, other: Grid) -> bool:
        return (
            self.rows == other.rows
            and self.first == other.first
            and [c.key for c in self.columns] == [c.key for c in other.columns]
        )


def _floor(t: time, step: timedelta) -> time:
    minutes = t.hour * 60 + t.minute
    s = int(step.total_seconds() // 60)
    minutes -= minutes % s
    return time(minutes // 60, minutes % 60)


def build_grid(
    columns: Iterable[Column],
    items: Iterable[tuple[int, AppointmentView | Overlay]],
    *,
    first: time,
    last: time,
    step: timedelta = STEP,
    attention: Mapping[str, tuple[str, str]] | None = None,
) -> Grid:
    """Place each (column index, appointment or overlay) in its column (the schedule read model decided
    which column); the time axis grows to show all of them. `attention`: appointment id → (kind, text)
    of those an unavailability leaves in the way."""
    attention = attention or {}
    cols = tuple(columns)
    placed: list[tuple[int, datetime, datetime, AppointmentView | None, Overlay | None]] = [
        (col, item.start, item.end, item, None)
        if isinstance(item, AppointmentView)
        else (col, item.start, item.end, None, item)
        for col, item in items
    ]
    lo, hi = first, last
    for _, s, e, _, _ in placed:
        lo = min(lo, s.time())
        hi = max(hi, e.time() if e.date() == s.date() else time(23, 59))
    lo = _floor(lo, step)
    span = datetime.combine(date.min, hi) - datetime.combine(date.min, lo)
    rows = max(1, math.ceil(span / step))
    base_first = lo

    blocks: list[Block] = []
    in_column: dict[int, list[int]] = {}  # column -> indexes in blocks of those placed there
    latest: dict[int, tuple[date, int, int]] = {}  # column -> (day, end row, index) of its last block
    mixed: set[int] = set()  # columns holding blocks of several days
    bases: dict[date, datetime] = {}  # each day's first row (a day view has one day, a week seven)
    for col, s, e, appt, over in sorted(placed, key=lambda p: (p[0], p[1], p[2])):
        day = s.date()
        base = bases.get(day)
        if base is None:
            base = bases[day] = datetime.combine(day, base_first)
        row = int((s - base) // step)
        nrows = max(1, math.ceil((e - base) / step) - row)
        clash = None
        before = latest.get(col)
        if before is None:
            pass  # nothing placed in this column yet
        elif before[0] == day and col not in mixed:
            # items come by start: the blocks of a column and day hold disjoint runs of rows in order,
            # so only the latest can reach this one's first row (the cells' test, without the cells)
            if before[1] > row:
                clash = before[2]
        else:  # another day in the same column (not in a day or week view): each cell tested
            clash = next(
                (
                    i
                    for r in range(row, row + nrows)
                    for i in in_column[col]
                    if blocks[i].row <= r < blocks[i].row + blocks[i].rows
                ),
                None,
            )
        if clash is not None:
            if appt is not None:  # a double booking: listed on the block already there
                old = blocks[clash]
                blocks[clash] = Block(
                    old.row,
                    old.col,
                    old.rows,
                    old.appointment,
                    old.overlay,
                    (*old.also, appt),
                    old.attention,
                    old.attention_text,
                )
            continue
        kind, text = attention.get(appt.id, ("", "")) if appt is not None else ("", "")
        blocks.append(Block(row, col, nrows, appt, over, attention=kind, attention_text=text))
        in_column.setdefault(col, []).append(len(blocks) - 1)
        if before is not None and before[0] != day:
            mixed.add(col)
        latest[col] = (day, row + nrows, len(blocks) - 1)
    return Grid(columns=cols, first=base_first, rows=rows, step=step, blocks=tuple(blocks))
