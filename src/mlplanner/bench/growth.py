"""`python -m mlplanner.bench.growth small.json large.json network.json`: how each operation's cost grows.

Reads the `--json` files of one benchmark run per size and prints one Markdown table: per operation,
the median at each size (with its CPU time when the machine was shared) and the factor from each size
to the next: of the CPU times when both are known (on a shared machine, waiting does not grow with the
data), else of the medians. Operations are matched by name with their numbers left out ("day view model, 40
counsellors" and "…, 80 counsellors" are one row).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

NUMBER = re.compile(r"\d[\d,]*")


def key(operation: str) -> str:
    return NUMBER.sub("N", operation)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def growth_table(runs: list[dict[str, Any]]) -> str:
    names = [r["meta"]["size"] for r in runs]
    order: list[str] = []
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    labels: dict[str, str] = {}
    for run in runs:
        for row in run["rows"]:
            k = key(row["operation"])
            if k not in cells:
                order.append(k)
                cells[k] = {}
                labels[k] = NUMBER.sub("…", row["operation"])
            cells[k][run["meta"]["size"]] = row
    head = ["operation", *names, *(f"{a} → {b}" for a, b in itertools.pairwise(names))]
    lines = [head]
    for k in order:
        line = [labels[k]]
        for n in names:
            row = cells[k].get(n)
            if row is None or row["median"] is None:
                line.append("—")
                continue
            text = _fmt(row["median"], row["unit"])
            if row["unit"] == "ms" and row.get("cpu") is not None and row["cpu"] < 0.8 * row["median"]:
                text += f" (CPU {_fmt(row['cpu'], 'ms')})"
            line.append(text)
        for a, b in itertools.pairwise(names):
            line.append(_factor(cells[k].get(a), cells[k].get(b)))
        lines.append(line)
    counts = ["what", *(_counts(r["meta"]) for r in runs), *([""] * (len(names) - 1))]
    widths = [max(len(str(line[i])) for line in [*lines, counts]) for i in range(len(head))]

    def fmt(line: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"

    out = [fmt(head), "| " + " | ".join("-" * w for w in widths) + " |", fmt(counts)]
    out += [fmt(line) for line in lines[1:]]
    loads = ", ".join(f"{r['meta']['size']} {r['meta']['machine'].get('load_average', '?')}" for r in runs)
    out.append("")
    out.append(f"Load average at the end of each run (1, 5, 15 min): {loads}.")
    return "\n".join(out)


def _factor(first: dict[str, Any] | None, last: dict[str, Any] | None) -> str:
    """CPU over CPU when both are known (on a shared machine, waiting does not grow with the data)."""
    if first and last and first.get("cpu") and last.get("cpu"):
        return f"{last['cpu'] / first['cpu']:.1f}× (CPU)"
    if first and last and first["median"] and last["median"]:
        return f"{last['median'] / first['median']:.1f}×"
    return "—"


def _counts(meta: dict[str, Any]) -> str:
    c = meta.get("counts", {})
    return (
        f"{c.get('counsellors', '?')} counsellors, {c.get('youths', 0):,} youths, "
        f"{c.get('appointments', 0):,} appointments"
    )


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if len(paths) < 2:
        sys.stderr.write("usage: python -m mlplanner.bench.growth SMALL.json LARGE.json [NETWORK.json]\n")
        return 2
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    print(growth_table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
