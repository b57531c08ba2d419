"""The bit-mask arithmetic of the free-slot finder gives exactly the starts of `candidate_starts` and
`is_free` (the definitions), on random working times and busy spans, aligned or not."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.domain.intervals import Interval, subtract
from mlplanner.domain.slots import busy_mask, candidate_starts, is_free, mask_starts, start_mask

DAY = datetime(2026, 3, 29)  # a DST Sunday: wall-clock arithmetic must not care
STEP = timedelta(minutes=15)

minutes = st.integers(min_value=-120, max_value=26 * 60)  # a little outside the day too
seconds = st.sampled_from([0, 0, 0, 30, 59])


@st.composite
def spans(draw: st.DrawFn, max_size: int = 8) -> list[Interval]:
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        start = DAY + timedelta(minutes=draw(minutes), seconds=draw(seconds))
        out.append(Interval(start, start + timedelta(minutes=draw(st.integers(1, 300)))))
    return out


@st.composite
def working_day(draw: st.DrawFn) -> list[Interval]:
    """Disjoint intervals within the day (opening hours minus absences, as the finder builds them)."""
    free = [Interval(DAY + timedelta(hours=7), DAY + timedelta(hours=20))]
    cuts = [
        Interval(DAY + timedelta(minutes=m), DAY + timedelta(minutes=m + draw(st.integers(1, 180))))
        for m in draw(st.lists(st.integers(7 * 60, 20 * 60), max_size=4))
    ]
    return subtract(free, cuts)


@settings(max_examples=300, deadline=None)
@given(
    working=working_day(),
    busy=spans(),
    duration=st.sampled_from([20, 30, 45, 60, 90]),
    buffer=st.sampled_from([0, 5, 15]),
    not_before=st.one_of(st.none(), minutes.map(lambda m: DAY + timedelta(minutes=m, seconds=7))),
)
def test_masks_give_the_starts_of_candidate_starts(
    working: list[Interval], busy: list[Interval], duration: int, buffer: int, not_before: datetime | None
) -> None:
    d, b = timedelta(minutes=duration), timedelta(minutes=buffer)
    expected = list(candidate_starts(working, busy, duration=d, buffer=b, step=STEP, not_before=not_before))
    fits = start_mask(working, day_start=DAY, duration=d, step=STEP, not_before=not_before)
    taken = busy_mask([(s.start, s.end) for s in busy], day_start=DAY, length=d + b, step=STEP)
    assert list(mask_starts(fits & ~taken, day_start=DAY, step=STEP)) == expected


@settings(max_examples=300, deadline=None)
@given(busy=spans(), length=st.integers(1, 240))
def test_busy_mask_is_not_is_free_at_every_start(busy: list[Interval], length: int) -> None:
    n = timedelta(minutes=length)
    mask = busy_mask([(s.start, s.end) for s in busy], day_start=DAY, length=n, step=STEP)
    for i in range(96):
        t = DAY + i * STEP
        assert bool(mask >> i & 1) == (not is_free(t, t + n, busy)), t


def test_touching_spans_do_not_block() -> None:
    """10:00–10:30 busy: a 30-minute appointment may end at 10:00 or start at 10:30."""
    busy = [(DAY + timedelta(hours=10), DAY + timedelta(hours=10, minutes=30))]
    mask = busy_mask(busy, day_start=DAY, length=timedelta(minutes=30), step=STEP)
    blocked = [f"{t:%H:%M}" for t in mask_starts(mask, day_start=DAY, step=STEP)]
    assert blocked == ["09:45", "10:00", "10:15"]


# --- the offices' busy starts computed straight from the rows read (services.booking.slots) ------------

FIRST = DAY.date()


@st.composite
def office_rows(draw: st.DrawFn) -> list[tuple]:
    """(room, start, end, buffer) of office rows (`storage.busy_reads.sqlite_room_spans` gives the
    times as stored: text, see the test): from the day before
    `FIRST` (the window's `since`) to the day after, odd seconds and microseconds, buffers, spans of no
    length, a few inverted or across midnight."""
    out = []
    for _ in range(draw(st.integers(0, 12))):
        start = DAY + timedelta(
            minutes=draw(st.integers(-24 * 60, 48 * 60 - 1)),
            seconds=draw(seconds),
            microseconds=draw(st.sampled_from([0, 0, 1, 999_999])),
        )
        end = start + timedelta(
            minutes=draw(st.integers(-10, 300)), microseconds=draw(st.sampled_from([0, 1]))
        )
        room = draw(st.sampled_from(["b1", "b2"]))
        out.append((room, start, end, draw(st.sampled_from([0, 5, 15]))))
    return out


def _filed_masks(spans: list[tuple[str, datetime, datetime]], length: timedelta) -> dict[tuple, int]:
    """What the finder computed before: each span filed under every day it touches from FIRST on
    (`_Finder._add`), then `busy_mask` per (room, day)."""
    from mlplanner.services.booking.slots import _days

    filed: dict[tuple, list] = {}
    for room, start, end in spans:
        for d in _days(start, end):
            if d >= FIRST:
                filed.setdefault((room, d), []).append((start, end))
    masks = {
        key: busy_mask(v, day_start=datetime.combine(key[1], datetime.min.time()), length=length, step=STEP)
        for key, v in filed.items()
    }
    return {k: m for k, m in masks.items() if m}


@settings(max_examples=400, deadline=None)
@given(rows=office_rows(), length=st.sampled_from([20, 30, 45, 60, 75]))
def test_offices_busy_starts_are_the_busy_masks_of_the_rows_filed_per_day(
    rows: list[tuple], length: int
) -> None:
    from mlplanner.services.booking.slots import _busy_starts
    from mlplanner.storage.busy_reads import datetime_bind

    n = timedelta(minutes=length)
    spans = [(room, start, end + timedelta(minutes=buf)) for room, start, end, buf in rows]
    stored = datetime_bind()  # the times as SQLAlchemy writes them in SQLite, as read back
    taken, across = _busy_starts(
        [(room, stored(start), stored(end), buf) for room, start, end, buf in rows], FIRST, n
    )
    # the rows across midnight are filed as before; the others are already bits
    from_rows = _filed_masks([(room, start, end) for _c, _y, room, start, end, _core in across], n)
    merged = dict(taken)
    for key, mask in from_rows.items():
        merged[key] = merged.get(key, 0) | mask
    assert {k: m for k, m in merged.items() if m} == _filed_masks(spans, n)
