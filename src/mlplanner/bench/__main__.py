"""`python -m mlplanner.bench [--size small|large|network] [--json FILE]`: generate a site, time every
operation.

The table (Markdown) goes to stdout, progress to stderr. With `--workdir`, a site generated there earlier
(same size) is reused, to profile quickly. The `large` and `network` sites are also kept in a cache folder
(default: `mlplanner-bench-cache` in the system's temporary folder; `--no-cache` to skip it), keyed by
size, seed, day and the generator's own source: a later run copies the file instead of generating it
again (the network site takes minutes to build on a loaded machine, seconds to copy).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
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

from mlplanner.bench import contention, postgres
from mlplanner.bench.generate import generate
from mlplanner.bench.model import Site
from mlplanner.bench.progress import Progress
from mlplanner.bench.report import Budget, Row, table, write_json
from mlplanner.bench.sizes import SIZES
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import DomainError
from mlplanner.services.container import Services
from mlplanner.storage.db import is_server_url

OPERATIONS = ("startup", "day", "slots", "search", "book", "pdf", "sync", "contention")

# At network size, the headroom (issue 19): stricter budgets than the large site's, so that a
# network's server or a big site after years still answers as the large site did.
HEADROOM: dict[str, Budget] = {
    "free-slot search, any counsellor": Budget("< 30 ms", limit=0.030),
    "youth search, slowest keystroke": Budget("< 15 ms", limit=0.015),
    "build the site day view model": Budget("< 30 ms", limit=0.030),
    "site day schedule PDF": Budget("< 250 ms", limit=0.250),
    "book one appointment": Budget("< 10 ms", limit=0.010),
    "cold start to the site day view": Budget("< 1 s", limit=1.0),
}


def _headroom(row: Row) -> Row:
    for prefix, budget in HEADROOM.items():
        if row.operation.startswith(prefix):
            row.budget = budget
    return row


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
    p.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="folder of generated sites kept between runs (default for large and network: "
        "mlplanner-bench-cache in the temporary folder)",
    )
    p.add_argument("--no-cache", action="store_true", help="generate the site even if a cached copy exists")
    p.add_argument(
        "--engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="postgresql: also run the in-process operations on a local throwaway PostgreSQL server "
        "(the site imported with `server import`), next to the SQLite figures of the same run",
    )
    p.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="with --engine postgresql: a database of a running server, instead of starting a throwaway "
        "local server: empty, the site is imported into it; holding the site already (imported by an "
        "earlier run), it is measured again without a new import, on a copy made for the run",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=40,
        help="with --engine postgresql: workstation processes of the contention row (default 40)",
    )
    p.add_argument(
        "--contention-seconds",
        type=float,
        default=60.0,
        help="with --engine postgresql: how long the workstations book (default 60)",
    )
    args = p.parse_args(argv)
    if not 1 <= args.workers <= 45 or not 0 < args.contention_seconds <= 3600:
        p.error(
            "--workers takes 1 to 45 (the throwaway server accepts 50 connections), --contention-seconds 1 to 3600"
        )
    if args.db is not None and (args.engine != "postgresql" or not is_server_url(args.db)):
        p.error("--db takes a server address (postgresql+psycopg://…) and goes with --engine postgresql")
    return args


CACHED_SIZES = ("large", "network")
GENERATOR_SOURCES = ("generate.py", "schedule.py", "workshops.py", "sizes.py", "model.py")


def _cache_dir(args: argparse.Namespace) -> Path | None:
    if args.no_cache:
        return None
    if args.cache is not None:
        return Path(args.cache)
    return Path(tempfile.gettempdir()) / "mlplanner-bench-cache" if args.size in CACHED_SIZES else None


def _cache_key(args: argparse.Namespace, today: date) -> str:
    """Size, seed, day, and a digest of what decides the generated rows (the generator, the demo names)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in GENERATOR_SOURCES:
        digest.update((here / name).read_bytes())
    spec = find_spec("mlplanner.services.demo")
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).read_bytes())
    return f"{args.size}-seed{args.seed}-{today.isoformat()}-{digest.hexdigest()[:10]}"


def _from_cache(args: argparse.Namespace, workdir: Path, today: date, progress: Progress) -> bool:
    """Copy a cached site into the work folder (the measurements change it: the cache stays as built)."""
    cache = _cache_dir(args)
    if cache is None:
        return False
    key = _cache_key(args, today)
    db, meta = cache / f"{key}.sqlite3", cache / f"{key}.json"
    if not (db.is_file() and meta.is_file()):
        return False
    for stale in workdir.glob("site.sqlite3*"):
        stale.unlink()
    shutil.copyfile(db, workdir / "site.sqlite3")
    data = json.loads(meta.read_text())
    data["path"] = str(workdir / "site.sqlite3")
    (workdir / "site.json").write_text(json.dumps(data))
    progress.note(f"site copié depuis le cache : {db}")
    return True


def _to_cache(args: argparse.Namespace, workdir: Path, today: date, progress: Progress) -> None:
    """Keep the freshly generated (checkpointed) site; older cached sites of the same size go."""
    cache = _cache_dir(args)
    if cache is None:
        return
    key = _cache_key(args, today)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"{args.size}-*"):
            old.unlink()
        tmp = cache / f".{key}.sqlite3.tmp"
        shutil.copyfile(workdir / "site.sqlite3", tmp)
        tmp.rename(cache / f"{key}.sqlite3")
        (cache / f"{key}.json").write_text((workdir / "site.json").read_text())
        progress.note(f"site gardé dans le cache : {cache / key}.sqlite3")
    except OSError as exc:  # a full disk costs the next run a generation, nothing else
        progress.note(f"cache non écrit : {exc}")


def _load_or_generate(
    args: argparse.Namespace, workdir: Path, progress: Progress
) -> tuple[Services, Site, float]:
    size = SIZES[args.size]
    path = workdir / "site.sqlite3"
    saved = workdir / "site.json"
    today = args.today or date.today()
    reuse = saved.exists() and path.exists() and json.loads(saved.read_text()).get("size") == size.name
    if not reuse:
        _from_cache(args, workdir, today, progress)
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
    now = datetime.combine(today, dtime(8), ZoneInfo("Europe/Paris"))
    sv = Services.open(path, FixedClock(now))
    t0 = time.perf_counter()
    site = generate(sv, size, today=today, seed=args.seed, progress=progress)
    elapsed = time.perf_counter() - t0
    data = asdict(site) | {"size": size.name, "sessions": []}
    saved.write_text(json.dumps(data, default=str))
    with sqlite3.connect(path) as conn:  # the app opens a checkpointed file, as after a night
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _to_cache(args, workdir, today, progress)
    return sv, site, elapsed


def run(args: argparse.Namespace, workdir: Path) -> tuple[list[Row], dict]:
    from mlplanner.bench import startup, sync_ops

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
    pg: dict[str, object] = {}
    pg_rows: list[Row] = []
    with contextlib.ExitStack() as stack:
        pg_sv = None
        if args.engine == "postgresql":
            pg_sv = _on_server(stack, args.db, site, progress, pg)
        try:
            if "startup" in only:
                progress.note("démarrage de l'application (processus séparés)…")
                rows += startup.startup(Path(site.path), workdir, size.startup_runs, progress.note)
            rows += _in_process(sv, site, size.repeat, only, progress)
        finally:
            sv.close()
        if pg_sv is not None:
            progress.note("mesures sur PostgreSQL…")
            measured = _in_process(pg_sv, site, size.repeat, only, progress)
            if "contention" in only:
                progress.note("mesure : postes en concurrence…")
                measured.append(
                    contention.contention(
                        pg_sv, str(pg["url"]), site, args.workers, args.contention_seconds, progress.note
                    )
                )
            headroom = HEADROOM if size.name == "network" else {}
            pg_rows = postgres.next_to_sqlite(measured, rows, headroom)
    if "sync" in only:
        progress.note("mesure : synchronisation…")
        rows.append(sync_ops.sync(site, workdir, 3 if size.name == "large" else 2, progress.note))
    rows = _ordered(rows)
    if size.name == "network":
        rows = [_headroom(r) for r in rows]
    if args.engine == "postgresql":
        rows += pg_rows
    meta = {
        "size": size.name,
        "today": site.today.isoformat(),
        "counts": site.counts,
        "generation_s": round(gen_s, 1),
        "total_s": round(time.perf_counter() - started, 1),
        "machine": machine(),
        "engine": args.engine,
    }
    if pg:
        meta["postgresql"] = {k: v for k, v in pg.items() if k != "url"}  # a URL may hold a password
    return rows, meta


def _in_process(sv: Services, site: Site, repeat: int, only: set[str], progress: Progress) -> list[Row]:
    """The operations timed inside this process, through the services (either engine)."""
    from mlplanner.bench import ops, pdf_ops

    steps = [
        ("day", "vue du jour", lambda: [ops.day_view(sv, site, repeat)]),
        ("slots", "recherche de créneaux", lambda: ops.free_slots(sv, site, repeat)),
        ("search", "recherche de jeunes", lambda: ops.youth_search(sv, site, repeat)),
        ("book", "prise de rendez-vous", lambda: [ops.book(sv, site, repeat)]),
        ("pdf", "impressions PDF", lambda: pdf_ops.pdfs(sv, site, repeat)),
    ]
    rows: list[Row] = []
    for key, label, step in steps:
        if key in only:
            progress.note(f"mesure : {label}…")
            rows += step()
    return rows


def _on_server(
    stack: contextlib.ExitStack, url: str | None, site: Site, progress: Progress, info: dict[str, object]
) -> Services:
    """Start the throwaway server (unless `url` names a database of a running one), import the site
    (before any measurement changes the file; not again if an earlier run imported it there), and
    return its services; the stack stops the server after. A database lent by `url` is measured on a
    copy made for the run, so that it stays as imported and the next run measures the same data."""
    lent = url is not None
    if url is None:
        url = stack.enter_context(postgres.local_server(progress.note))
    if lent and postgres.imported_before(url, site):  # measured again: no second 27-minute import
        progress.note("site déjà importé sur ce serveur : pas de nouvel import")
        info["import_s"] = info["rows_imported"] = None
    else:
        pg_sv, elapsed, written = postgres.import_site(url, site, progress.note)
        info["import_s"] = round(elapsed, 1)
        info["rows_imported"] = written
        if not lent:
            stack.callback(pg_sv.close)
            info["url"] = url
            return _server_version(pg_sv, info)
        pg_sv.close()
    url = stack.enter_context(postgres.measured_copy(url, progress.note))
    postgres.brought_to_head(url, progress.note)
    pg_sv = Services.open(url, FixedClock(site.now), site=site.code)
    stack.callback(pg_sv.close)
    info["url"] = url
    return _server_version(pg_sv, info)


def _server_version(pg_sv: Services, info: dict[str, object]) -> Services:
    with pg_sv.ctx.db.engine.connect() as conn:
        info["server_version"] = conn.exec_driver_sql("SHOW server_version").scalar()
    return pg_sv


def _ordered(rows: list[Row]) -> list[Row]:
    """Startup first and memory last, as in the issue's table."""
    memory = [r for r in rows if r.unit == "MB"]
    return [r for r in rows if r.unit != "MB"] + memory


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            rows, meta = run(args, args.workdir)
        else:
            with tempfile.TemporaryDirectory(prefix="mlplanner-bench-") as tmp:
                rows, meta = run(args, Path(tmp))
    except DomainError as exc:  # a server that cannot be reached or used: said plainly, as the CLI does
        print(f"python -m mlplanner.bench : {exc}", file=sys.stderr)
        return exc.exit_code
    m = meta["machine"]
    print(
        f"mlplanner benchmark, size {meta['size']} ({meta['counts']}), generated in {meta['generation_s']} s, "
        f"total {meta['total_s']} s\nmachine: {m['cpu']}, {m['cores']} cores, {m['memory']}, "
        f"Python {m['python']}, SQLite {m['sqlite']}, load average at the end {m['load_average']}\n"
    )
    local = [r for r in rows if not r.operation.endswith(postgres.SUFFIX)]
    print(table(local))
    served = [r for r in rows if r.operation.endswith(postgres.SUFFIX)]
    if served:
        pg = meta["postgresql"]
        moved = (
            f"the site moved there by `server import` in {pg['import_s']} s, {pg['rows_imported']:,} rows"
            if pg["import_s"] is not None
            else "the site imported by an earlier run, measured on a copy"
        )
        print(
            f"\nOn PostgreSQL {pg['server_version']} (local server, same machine; {moved}), each operation "
            "next to its SQLite median of this run (CPU: this client process only, not the server's):\n"
        )
        print(table(served, reference="SQLite"))
    if args.json:
        write_json(args.json, rows, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
