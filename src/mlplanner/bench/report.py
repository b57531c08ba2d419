"""Timing (median after a warm-up), budgets, and the result table (text and JSON).

Budgets are checked on wall time, as a user feels it. The CPU column is the measured process's own CPU
time: on a shared machine (other processes running) wall time exceeds it, and the gap is waiting.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Budget:
    """`value < limit` (if any) and `value <= factor × floor + plus` (if a factor is given)."""

    text: str
    limit: float | None = None
    factor: float | None = None
    plus: float = 0.0

    def check(self, value: float, floor: float | None) -> bool:
        ok = self.limit is None or value < self.limit
        if self.factor is not None:
            ok = ok and floor is not None and value <= self.factor * floor + self.plus
        return ok


@dataclass
class Row:
    operation: str
    budget: Budget
    unit: str = "ms"  # "ms" (values in seconds, shown in ms) or "MB"
    median: float | None = None
    floor: float | None = None
    runs: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list)
    cpu: float | None = None  # median CPU time of the measured process, when known

    def take(self, timing: Timing) -> None:
        self.median, self.samples, self.cpu, self.runs = (
            timing.median,
            timing.samples,
            timing.cpu,
            len(timing.samples),
        )

    @property
    def measured(self) -> bool:
        return self.median is not None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor

    @property
    def passed(self) -> bool | None:
        return None if self.median is None else self.budget.check(self.median, self.floor)

    def to_json(self) -> dict[str, Any]:
        scale = 1000 if self.unit == "ms" else 1
        return {
            "operation": self.operation,
            "unit": self.unit,
            "median": None if self.median is None else round(self.median * scale, 3),
            "floor": None if self.floor is None else round(self.floor * scale, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "budget": self.budget.text,
            "pass": self.passed,
            "runs": self.runs,
            "cpu": None if self.cpu is None else round(self.cpu * (1000 if self.unit == "ms" else 1), 3),
            "note": self.note,
        }


@dataclass(frozen=True)
class Timing:
    median: float  # wall seconds
    samples: list[float]
    cpu: float  # median CPU seconds of this process (the machine may be shared: wall ≫ CPU then)


def measure(fn: Callable[[int], object], *, repeat: int, warmup: int = 2) -> Timing:
    """Median wall time (s) of `fn(i)` over `repeat` runs, after `warmup` untimed runs."""
    for i in range(warmup):
        fn(-1 - i)
    gc.collect()
    samples, cpu = [], []
    for i in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return Timing(statistics.median(samples), samples, statistics.median(cpu))


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    ms = value * 1000
    if ms >= 1000:
        return f"{value:.2f} s"
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def table(rows: list[Row], *, reference: str = "floor") -> str:
    """A Markdown table (pastes as is into the README); `reference` names the column each median is
    compared with (the floor, or another engine's median)."""
    head = ("operation", "median", reference, "ratio", "budget", "result", "CPU")
    lines = [head]
    for r in rows:
        result = "not measured yet" if r.passed is None else ("pass" if r.passed else "FAIL")
        ratio = "—" if r.ratio is None else f"{r.ratio:.1f}×"
        cpu = _fmt(r.cpu, r.unit) if r.unit == "ms" else "—"
        lines.append(
            (r.operation, _fmt(r.median, r.unit), _fmt(r.floor, r.unit), ratio, r.budget.text, result, cpu)
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]

    def fmt(line: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"

    out = [fmt(lines[0]), "| " + " | ".join("-" * w for w in widths) + " |"]
    out += [fmt(line) for line in lines[1:]]
    notes = [f"- {r.operation}: {r.note}" for r in rows if r.note]
    return "\n".join(out + (["", *notes] if notes else []))


def write_json(path: Path, rows: list[Row], meta: dict[str, Any]) -> None:
    data = {"meta": meta, "rows": [r.to_json() for r in rows]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
