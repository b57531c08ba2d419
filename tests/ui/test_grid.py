"""The schedule grid (no Qt): placing blocks, double bookings, the time axis, why a cell is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.intervals import Interval
from mlplanner.domain.models import AppointmentView
from mlplanner.ui.dayview.grid import COUNSELLOR, ROOM, Column, Overlay, build_grid

DAY = date(2027, 3, 2)


def at(hm: str) -> datetime:
    return datetime.combine(DAY, time.fromisoformat(hm))


def appt(aid: str, start: str, end: str, counsellor: str = "c1", room: str | None = "r1") -> AppointmentView:
    return AppointmentView(
        id=aid,
        youth_id=f"y{aid}",
        youth_name=f"NOM{aid} Prénom",
        counsellor_id=counsellor,
        counsellor_name="Claire",
        room_id=room,
        room_name="Bureau 1" if room else None,
        type_code="SUIVI",
        type_label="Entretien de suivi",
        colour="#4A90D9",
        start=at(start),
        end=at(end),
        mode=Mode.ON_SITE,
        status=Status.BOOKED,
    )


def column(kind: str = COUNSELLOR, rid: str = "c1", **kw) -> Column:  # type: ignore[no-untyped-def]
    site = (Interval(at("09:00"), at("12:30")), Interval(at("13:30"), at("17:30")))
    kw.setdefault("open", site)
    return Column(day=DAY, kind=kind, resource_id=rid, title=rid, site_open=site, **kw)


def placed(columns: list[Column], appointments: list[AppointmentView]) -> list[tuple[int, AppointmentView]]:
    """Each appointment in the column of its counsellor or room (what the schedule read model decides)."""
    index = {c.key: i for i, c in enumerate(columns)}
    out = []
    for a in appointments:
        for kind, rid in ((COUNSELLOR, a.counsellor_id), (ROOM, a.room_id)):
            key = f"{a.start.date().isoformat()}|{kind}|{rid}"
            if key in index:
                out.append((index[key], a))
    return out


def grid_of(columns: list[Column], appointments: list[AppointmentView], **kw):  # type: ignore[no-untyped-def]
    return build_grid(columns, placed(columns, appointments), **kw)


def test_blocks_span_their_rows_in_their_column():
    grid = grid_of(
        [column(rid="c1"), column(rid="c2")],
        [appt("a", "09:30", "10:15"), appt("b", "10:00", "10:20", counsellor="c2")],
        first=time(9),
        last=time(17, 30),
    )
    assert grid.rows == 34  # 09:00 → 17:30 in 15-minute rows
    a = grid.top_at(2, 0)
    assert a is not None and a.appointment.id == "a" and a.rows == 3
    assert grid.block_at(4, 0) is a and grid.block_at(5, 0) is None
    b = grid.top_at(4, 1)
    assert b is not None and b.rows == 2  # 20 minutes still take two rows
    assert grid.find("b") is b
    assert grid.row_start(4, 1) == at("10:00")


def test_a_double_booking_is_listed_on_the_first_block():
    grid = grid_of(
        [column()],
        [appt("a", "10:00", "10:30"), appt("b", "10:15", "10:45")],
        first=time(9),
        last=time(12),
    )
    assert len(grid.blocks) == 1
    assert [x.id for x in grid.blocks[0].also] == ["b"]


def test_time_axis_grows_to_show_an_early_appointment():
    grid = grid_of([column()], [appt("a", "08:10", "08:40")], first=time(9), last=time(12))
    assert grid.first == time(8, 0)
    assert grid.top_at(0, 0).appointment.id == "a"


def test_room_columns_and_overlays():
    overlay = Overlay(at("14:00"), at("16:00"), "Atelier CV")
    columns = [column(ROOM, "r1"), column(ROOM, "r2")]
    grid = build_grid(
        columns,
        [*placed(columns, [appt("a", "09:00", "09:30", room="r2")]), (0, overlay)],
        first=time(9),
        last=time(17, 30),
    )
    assert grid.top_at(0, 1).appointment.id == "a"
    workshop = grid.top_at(20, 0)
    assert workshop.overlay is overlay and workshop.rows == 8


def test_shade_reasons_site_closed_not_working_absent():
    working = (Interval(at("09:00"), at("12:30")),)  # a part-timer: mornings only
    absence = ((Interval(at("10:00"), at("11:00")), "Absent(e) : formation"),)
    grid = grid_of([column(open=working, absences=absence)], [], first=time(9), last=time(17, 30))
    assert grid.shade_at(0, 0) is None  # 09:00 open
    assert grid.shade_at(4, 0) == "Absent(e) : formation"  # 10:00
    assert grid.shade_at(14, 0) == "Fermé"  # 12:30 lunch: the site is closed
    assert grid.shade_at(20, 0) == "Non travaillé"  # 14:00: open site, not working


def test_same_shape_compares_columns_and_rows():
    a = grid_of([column()], [], first=time(9), last=time(12))
    b = grid_of([column()], [appt("a", "09:00", "09:30")], first=time(9), last=time(12))
    c = grid_of([column(rid="c2")], [], first=time(9), last=time(12))
    assert a.same_shape(b) and not a.same_shape(c)


def _cells_placement(items, *, first: time, step=None):  # type: ignore[no-untyped-def]
    """Where `build_grid` put blocks before it kept only each column's latest block: every cell of
    every block placed, and the first cell already taken makes a clash (the reference)."""
    import math as _math
    from datetime import timedelta

    step = step or timedelta(minutes=15)
    placed = sorted(((c, a.start, a.end, a) for c, a in items), key=lambda p: (p[0], p[1], p[2]))
    lo = first
    for _c, s, _e, _a in placed:
        lo = min(lo, s.time())
    minutes = lo.hour * 60 + lo.minute
    lo = time((minutes - minutes % 15) // 60, (minutes - minutes % 15) % 60)
    out: list[list] = []  # [row, col, rows, id, also ids]
    occupied: dict[tuple[int, int], int] = {}
    for col, s, e, a in placed:
        base = datetime.combine(s.date(), lo)
        row = int((s - base) // step)
        nrows = max(1, _math.ceil((e - base) / step) - row)
        clash = next((occupied[(r, col)] for r in range(row, row + nrows) if (r, col) in occupied), None)
        if clash is not None:
            out[clash][4].append(a.id)
            continue
        out.append([row, col, nrows, a.id, []])
        for r in range(row, row + nrows):
            occupied[(r, col)] = len(out) - 1
    return [(r, c, n, i, tuple(also)) for r, c, n, i, also in out]


def test_blocks_and_double_bookings_are_those_of_the_cells_test() -> None:
    """Random appointments (odd minutes and seconds, overlapping, nested, of no length, several days
    in one column, across midnight): the same blocks and double bookings as testing every cell."""
    from datetime import timedelta

    from hypothesis import given, settings
    from hypothesis import strategies as st

    spans = st.tuples(
        st.integers(0, 2),  # column
        st.integers(0, 1),  # day
        st.integers(7 * 60, 19 * 60),  # start minute
        st.integers(0, 59),  # second
        st.integers(0, 240),  # length in minutes (0: no length; long ones pass midnight late)
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(spans, max_size=25), st.sampled_from(["09:00", "08:00", "07:00"]))
    def check(drawn: list[tuple[int, int, int, int, int]], first: str) -> None:
        items = []
        for n, (col, day, minute, second, length) in enumerate(drawn):
            start = datetime.combine(DAY + timedelta(days=day), time()) + timedelta(
                minutes=minute, seconds=second
            )
            a = appt(str(n), "09:00", "09:30")
            items.append((col, replace(a, start=start, end=start + timedelta(minutes=length * 3))))
        grid = build_grid([column()] * 3, items, first=time.fromisoformat(first), last=time(17, 30))
        got = [
            (b.row, b.col, b.rows, b.appointment.id, tuple(x.id for x in b.also))
            for b in grid.blocks
            if b.appointment is not None
        ]
        assert got == _cells_placement(items, first=time.fromisoformat(first))

    check()
