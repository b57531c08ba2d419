"""Layout rules of the time grid: lanes for overlaps, bounds, and how columns spread over pages."""

from __future__ import annotations

from datetime import time

from mlplanner.printing.day_schedule import column_chunks
from mlplanner.printing.model import GridBlock
from mlplanner.printing.timegrid import assign_lanes, grid_bounds


def _b(start: tuple[int, int], end: tuple[int, int], title: str) -> GridBlock:
    return GridBlock(0, time(*start), time(*end), title)


def _lanes(blocks: list[GridBlock]) -> dict[str, tuple[int, int]]:
    return {b.title: (lane, lanes) for b, lane, lanes in assign_lanes(blocks)}


def test_blocks_that_do_not_overlap_take_the_full_width() -> None:
    blocks = [_b((9, 0), (9, 45), "a"), _b((9, 45), (10, 30), "b"), _b((14, 0), (15, 0), "c")]
    assert _lanes(blocks) == {"a": (0, 1), "b": (0, 1), "c": (0, 1)}


def test_overlapping_blocks_sit_side_by_side_and_reuse_free_lanes() -> None:
    blocks = [
        _b((10, 0), (11, 0), "long"),
        _b((10, 30), (11, 0), "double"),
        _b((9, 0), (9, 30), "alone"),
        _b((10, 45), (11, 30), "third"),
    ]
    lanes = _lanes(blocks)
    assert lanes["alone"] == (0, 1)
    assert lanes["long"][1] == lanes["double"][1] == lanes["third"][1] == 3
    assert len({lanes["long"][0], lanes["double"][0], lanes["third"][0]}) == 3


def test_chained_overlaps_reuse_the_first_lane() -> None:
    blocks = [_b((9, 0), (10, 0), "a"), _b((9, 30), (10, 30), "b"), _b((10, 0), (11, 0), "c")]
    lanes = _lanes(blocks)
    assert lanes == {"a": (0, 2), "b": (1, 2), "c": (0, 2)}


def test_grid_widens_to_whole_hours_around_blocks_outside_opening_hours() -> None:
    assert grid_bounds(time(8, 30), time(18), []) == (510, 1080)
    early_late = [_b((7, 45), (8, 15), "early"), _b((18, 0), (19, 10), "late")]
    assert grid_bounds(time(8, 30), time(18), early_late) == (420, 1200)


def test_columns_spread_evenly_over_as_few_pages_as_possible() -> None:
    assert [len(c) for c in column_chunks(12)] == [12]
    assert [len(c) for c in column_chunks(15)] == [8, 7]
    assert [len(c) for c in column_chunks(25)] == [9, 9, 7]
    assert [list(c) for c in column_chunks(0)] == [[]]
    assert [i for chunk in column_chunks(25) for i in chunk] == list(range(25))
