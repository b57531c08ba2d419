"""`python -m mlplanner.bench [--size small|large] [--json FILE]`: generate a site, time every operation.

The table (Markdown) goes to stdout, progress to stderr. Nothing is left behind unless `--workdir` is
given; with `--workdir`, a site generated there earlier (same size) is reused, to profile quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date, datetime
from datetime import time as dtime
from importlib.util import find_spec
from pathlib import Path
from zoneinfo import ZoneInfo

from mlplanner.bench.generate import generate
from mlplanner.bench.model import Site
from mlplanner.bench.progress import Progress
from mlplanner.bench.report import Row, table, write_json
from mlplanner.bench.sizes import SIZES
from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services

OPERATIONS = ("startup", "day", "slots", "search", "book", "pdf", "sync")


def machine() -> dict[str, str]:
    """What the numbers were measured on (for the README's Performance section)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m mlplanner.bench", description=__doc__.splitlines()[0])
    p.add_argument("--size", choices=sorted(SIZES), default="large")
    p.add_argument("--json", type=Path, default=None, help="also write the results as JSON to FILE")
    p.add_argument("--today", type=date.fromisoformat, default=None, help="the site's today (default: today)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=None, help="keep (and reuse) the generated site here")
    p.add_argument(
        "--only", default=",".join(OPERATIONS), help=f"comma-separated subset of {','.join(OPERATIONS)}"
    )
    return p.parse_args(argv)


def _load_or_generate(
    args: argparse.Namespace, workdir: Path, progress: Progress
) -> tuple[Services, Site, float]:
    size = SIZES[args.size]
    path = workdir / "site.sqlite3"
    saved = workdir / "site.json"
    if saved.exists() and path.exists():
        data = json.loads(saved.read_text())
        if data.get("size") == size.name:
            data.pop("size")
            site = Site(
                **data
                | {"today": date.fromisoformat(data["today"]), "now": datetime.fromisoformat(data["now"])}
            )
            progress.note(f"site réutilisé : {path}")
            return Services.open(path, FixedClock(site.now)), site, 0.0
    for stale in workdir.glob("site.sqlite3*"):
        stale.unlink()
    today = args.today or date.today()
    now = datetime.combine(today, dtime(8), ZoneInfo("Europe/Paris"))
    sv = Services.open(path, FixedClock(now))
    t0 = time.perf_counter()
    site = generate(sv, size, today=today, seed=args.seed, progress=progress)
    elapsed = time.perf_counter() - t0
    data = asdict(site) | {"size": size.name, "sessions": []}
    saved.write_text(json.dumps(data, default=str))
    with sqlite3.connect(path) as conn:  # the app opens a checkpointed file, as after a night
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sv, site, elapsed


def run(args: argparse.Namespace, workdir: Path) -> tuple[list[Row], dict]:
    from mlplanner.bench import ops, pdf_ops, startup, sync_ops

    if find_spec(
        "mlplanner.services.workshops.service"
    ):  # workshop sessions count as busy time for the rules
        import mlplanner.services.workshops.service  # noqa: F401

    size = SIZES[args.size]
    only = set(args.only.split(","))
    progress = Progress()
    started = time.perf_counter()
    sv, site, gen_s = _load_or_generate(args, workdir, progress)
    progress.note(f"site prêt : {site.counts}")
    rows: list[Row] = []
    try:
        if "startup" in only:
            progress.note("démarrage de l'application (processus séparés)…")
            rows += startup.startup(Path(site.path), workdir, size.startup_runs, progress.note)
        steps = [
            ("day", "vue du jour", lambda: [ops.day_view(sv, site, size.repeat)]),
            ("slots", "recherche de créneaux", lambda: ops.free_slots(sv, site, size.repeat)),
            ("search", "recherche de jeunes", lambda: ops.youth_search(sv, site, size.repeat)),
            ("book", "prise de rendez-vous", lambda: [ops.book(sv, site, size.repeat)]),
            ("pdf", "impressions PDF", lambda: pdf_ops.pdfs(sv, site, size.repeat)),
        ]
        for key, label, step in steps:
            if key in only:
                progress.note(f"mesure : {label}…")
                rows += step()
    finally:
        sv.close()
    if "sync" in only:
        progress.note("mesure : synchronisation…")
        rows.append(sync_ops.sync(site, workdir, 3 if size.name == "large" else 2, progress.note))
    rows = _ordered(rows)
    meta = {
        "size": size.name,
        "today": site.today.isoformat(),
        "counts": site.counts,
        "generation_s": round(gen_s, 1),
        "total_s": round(time.perf_counter() - started, 1),
        "machine": machine(),
    }
    return rows, meta


def _ordered(rows: list[Row]) -> list[Row]:
    """Startup first and memory last, as in the issue's table."""
    memory = [r for r in rows if r.unit == "MB"]
    return [r for r in rows if r.unit != "MB"] + memory


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        rows, meta = run(args, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="mlplanner-bench-") as tmp:
            rows, meta = run(args, Path(tmp))
    m = meta["machine"]
    print(
        f"mlplanner benchmark, size {meta['size']} ({meta['counts']}), generated in {meta['generation_s']} s, "
        f"total {meta['total_s']} s\nmachine: {m['cpu']}, {m['cores']} cores, {m['memory']}, "
        f"Python {m['python']}, SQLite {m['sqlite']}, load average at the end {m['load_average']}\n"
    )
    print(table(rows))
    if args.json:
        write_json(args.json, rows, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
