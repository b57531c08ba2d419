"""Half-open time intervals [start, end) and the few operations scheduling needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, order=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two half-open intervals overlap; touching ends (10:00–10:30 then 10:30–11:00) do not."""
    return a_start < b_end and b_start < a_end


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for x in a:
        for y in b:
            s, e = max(x.start, y.start), min(x.end, y.end)
            if s < e:
                out.append(Interval(s, e))
    return sorted(out)


def intersect_all(groups: Sequence[Sequence[Interval]]) -> list[Interval]:
    if not groups:
        return []
    acc = list(groups[0])
    for g in groups[1:]:
        acc = intersect(acc, g)
    return acc


def subtract(free: Sequence[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """`free` minus every busy interval."""
    result = sorted(free)
    for b in sorted(busy):
        nxt: list[Interval] = []
        for f in result:
            if not f.overlaps(b):
                nxt.append(f)
                continue
            if f.start < b.start:
                nxt.append(Interval(f.start, b.start))
            if b.end < f.end:
                nxt.append(Interval(b.end, f.end))
        result = nxt
    return result
