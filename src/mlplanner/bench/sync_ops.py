"""Sync: export a month of this site's changes, apply them at another site.

Set-up, outside the timings: this site's export cursors are put where an export 30 days ago left them
(`meta` `sync.cursor.<table>`), so the export holds a month of changes; the other site is a backup copy
of this file under another site code, which adopted this site's older rows from earlier change sets
(`sync_row`) and in which the month's rows are put back to an older version (same data, older HLC
stamp), so applying the change set updates every one of them, as after a month without sync.

Measured: `Services.sync.sync`, as the app and `mlplanner sync` run it, with the container's hooks:
before applying, the other site copies its whole file if no copy of today exists (`before_apply`; the
app takes the daily copy when it starts, so at a sync every 15 minutes the copy is there: it is taken
once in the set-up, timed apart and reported in the note), the apply journals what it overwrites
(`sync_undo`), and the youths received are followed up (`after_apply`). The floor exports the same rows
with the `csv` module and upserts them with `sqlite3.executemany` in one transaction (no journal, no
copy: the budget, 2 × floor, leaves room for them).
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

from mlplanner.bench.model import Site
from mlplanner.bench.ops import raw
from mlplanner.bench.report import Budget, Row
from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.services.sync.export import CURSOR_PREFIX
from mlplanner.services.sync.service import NEXT_SEQ_KEY
from mlplanner.storage.backup import backup_file

SYNC = Budget("≤ 2 × floor", factor=2.0)
OTHER_SITE = "PARIS20"
NULL = "\\N"


def _tables() -> list[tuple[str, tuple[str, ...]]]:
    from mlplanner.services.sync.schema import synced_tables

    return [(t.name, t.columns) for t in synced_tables()]


class SyncBench:
    def __init__(self, site: Site, workdir: Path) -> None:
        self.site = site
        self.a = Path(site.path)
        self.b = workdir / "other-site.sqlite3"
        self.floor_cpu = 0.0
        self.folder = workdir / "sync-folder"
        self.floor_dir = workdir / "sync-floor"
        cut_ms = int((site.now - timedelta(days=30)).timestamp() * 1000)
        self.cut = f"{cut_ms:015d}"
        self.aged = f"{cut_ms - 86_400_000:015d}"  # a day before the cut: an older version
        self.tables = _tables()

    # --- set-up --------------------------------------------------------------------------------------
    def prepare(self) -> int:
        """Set A's cursors a month back, build B; returns the number of rows in the month's export.

        A work folder kept from an earlier run (`--workdir`) holds that run's change sets and A's
        numbering after them, while B is built afresh: A numbers from 1 again in an empty folder, or B
        would find lots missing before the first one it is sent."""
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.floor_dir, ignore_errors=True)
        conn = raw(str(self.a))
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM meta WHERE key LIKE ?", (NEXT_SEQ_KEY + "%",))
        self._month_ago_cursors(conn)
        conn.execute(
            "INSERT OR IGNORE INTO sync_peer (code, added_at) VALUES (?, '2024-01-01 00:00:00')",
            (OTHER_SITE,),
        )
        conn.execute("COMMIT")
        pending = sum(
            conn.execute(
                f"SELECT count(*) FROM {name} WHERE origin_site = ? AND hlc >= ?", (self.site.code, self.cut)
            ).fetchone()[0]
            for name, _ in self.tables
        )
        conn.close()
        backup_file(self.a, self.b)
        conn = raw(str(self.b))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'site_code'", (OTHER_SITE,))
        cols = [r[1] for r in conn.execute("PRAGMA table_info(site)")]
        row = dict(zip(cols, conn.execute("SELECT * FROM site").fetchone(), strict=True))
        row |= {
            "id": "00000000-0000-4000-8000-00000000b020",
            "code": OTHER_SITE,
            "name": "Mission Locale de Paris — site Paris 20",
            "origin_site": OTHER_SITE,
            "hlc": f"{self.aged}.00000.{OTHER_SITE}",
        }
        conn.execute(
            f"INSERT INTO site ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
        )
        # what B adopted from A's earlier change sets (everything older than the month)
        for name, _cols in self.tables:
            conn.execute(
                "INSERT OR REPLACE INTO sync_row (tbl, row_id, sent_hlc, adopted_hlc, adopted_base) "
                f"SELECT ?, id, '', hlc, '' FROM {name} WHERE origin_site = ? AND hlc < ?",
                (name, self.site.code, self.cut),
            )
        conn.execute("DELETE FROM sync_peer")
        conn.execute(
            "INSERT INTO sync_peer (code, added_at) VALUES (?, '2024-01-01 00:00:00')", (self.site.code,)
        )
        conn.execute("COMMIT")
        conn.close()
        self._age_b()
        self.day_copy_s = self._day_copy()
        return pending

    def _day_copy(self) -> float:
        """B's copy of the day, as its app's start takes it (outside the timings; its time is noted)."""
        import time

        from mlplanner.services.backups import DAILY

        sv = Services.open(self.b, FixedClock(self.site.now))
        try:
            t0 = time.perf_counter()
            sv.backups.backup_now(DAILY)
            return time.perf_counter() - t0
        finally:
            sv.close()

    def _month_ago_cursors(self, conn: sqlite3.Connection) -> None:
        """The cursors an export 30 days ago would have left: each table's highest stamp then."""
        conn.execute("DELETE FROM meta WHERE key LIKE ?", (CURSOR_PREFIX + "%",))
        for name, _cols in self.tables:
            top = conn.execute(f"SELECT max(hlc) FROM {name} WHERE hlc < ?", (self.cut,)).fetchone()[0]
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (CURSOR_PREFIX + name, top or ""))

    def _age_b(self) -> None:
        """Put the month's rows of A back to an older version in B (same data, older stamp); B's own
        cursors at its highest stamps (nothing of B's to export, as in the month before)."""
        conn = raw(str(self.b))
        conn.execute("BEGIN IMMEDIATE")
        for name, _cols in self.tables:
            conn.execute(
                f"UPDATE {name} SET hlc = ? || substr(hlc, 16) WHERE origin_site = ? AND hlc >= ?",
                (self.aged, self.site.code, self.cut),
            )
        conn.execute("DELETE FROM meta WHERE key LIKE ?", (CURSOR_PREFIX + "%",))
        for name, _cols in self.tables:
            top = conn.execute(f"SELECT max(hlc) FROM {name}").fetchone()[0]
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (CURSOR_PREFIX + name, top or ""))
        conn.execute("COMMIT")
        conn.close()

    def _reset(self) -> None:
        """Make the month unsent again in A (its next export is a new change set), and old again in B.
        B keeps its copy of the day, as in a working day, and the journal of the runs before (a month of
        journal, as a site holds)."""
        conn = raw(str(self.a))
        conn.execute("BEGIN IMMEDIATE")
        self._month_ago_cursors(conn)
        conn.execute("COMMIT")
        conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.floor_dir, ignore_errors=True)
        self._age_b()

    # --- the service -----------------------------------------------------------------------------------
    def run_services(self) -> tuple[float, float, float, int, int, float]:
        """(export s, apply s, of which B's backup s, rows exported, rows applied, CPU s of both syncs)."""
        import time

        self.folder.mkdir(parents=True, exist_ok=True)
        clock = FixedClock(self.site.now)
        sv_a, sv_b = Services.open(self.a, clock), Services.open(self.b, clock)
        backup_s = 0.0
        take_backup = sv_b.sync.before_apply

        def timed_backup() -> object:
            nonlocal backup_s
            t = time.perf_counter()
            result = take_backup() if take_backup else None
            backup_s += time.perf_counter() - t
            return result

        sv_b.sync.before_apply = timed_backup
        try:
            c0, t0 = time.process_time(), time.perf_counter()
            report_a = sv_a.sync.sync(folder=self.folder)
            t1 = time.perf_counter()
            report_b = sv_b.sync.sync(folder=self.folder)
            t2, c2 = time.perf_counter(), time.process_time()
        finally:
            sv_a.close()
            sv_b.close()
        applied = sum(r for _s, _q, r in report_b.applied)
        if report_b.refused:
            raise RuntimeError(report_b.refused[0].message)
        return t1 - t0, t2 - t1, backup_s, report_a.exported_rows, applied, c2 - c0

    # --- the floor -------------------------------------------------------------------------------------
    def run_floor(self) -> tuple[float, float, int]:
        import time

        self.floor_dir.mkdir(parents=True, exist_ok=True)
        c0 = time.process_time()
        t0 = time.perf_counter()
        conn = raw(str(self.a))
        rows = 0
        for name, cols in self.tables:
            cur = conn.execute(
                f"SELECT {', '.join(cols)} FROM {name} WHERE origin_site = ? AND hlc >= ?",
                (self.site.code, self.cut),
            )
            with (self.floor_dir / f"{name}.csv").open("w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh, delimiter=";")
                w.writerow(cols)
                for r in cur:
                    w.writerow([NULL if v is None else v for v in r])
                    rows += 1
        conn.close()
        t1 = time.perf_counter()
        conn = raw(str(self.b))
        conn.execute("BEGIN IMMEDIATE")
        for name, _cols in self.tables:
            with (self.floor_dir / f"{name}.csv").open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.reader(fh, delimiter=";")
                head = next(reader)
                sets = ", ".join(f'"{c}" = excluded."{c}"' for c in head if c != "id")
                names = ", ".join(f'"{c}"' for c in head)
                sql = (
                    f"INSERT INTO {name} ({names}) "
                    f"VALUES ({', '.join('?' * len(head))}) ON CONFLICT(id) DO UPDATE SET {sets}"
                )
                conn.executemany(sql, ([None if v == NULL else v for v in r] for r in reader))
        conn.execute("COMMIT")
        conn.close()
        self.floor_cpu = time.process_time() - c0
        return t1 - t0, time.perf_counter() - t1, rows


def sync(site: Site, workdir: Path, repeat: int, note: Callable[[str], None]) -> Row:
    row = Row("sync: export a month of changes + apply at another site", SYNC)
    if find_spec("mlplanner.services.sync.service") is None:
        return row
    bench = SyncBench(site, workdir)
    pending = bench.prepare()
    totals, floors, split, cpus, floor_cpus = [], [], [], [], []
    exported = applied = 0
    for i in range(repeat):
        note(f"sync: run {i + 1}/{repeat} ({pending:,} rows)")
        fe, fa, _n = bench.run_floor()
        floor_cpus.append(bench.floor_cpu)
        bench._age_b()
        e, a, b, exported, applied, cpu = bench.run_services()
        totals.append(e + a)
        cpus.append(cpu)
        floors.append(fe + fa)
        split.append((e, a, b, fe, fa))
        bench._reset()
    k = sorted(range(repeat), key=lambda j: totals[j])[repeat // 2]
    e, a, b, fe, fa = split[k]
    row.median, row.floor, row.runs, row.samples = totals[k], sorted(floors)[repeat // 2], repeat, totals
    row.cpu = sorted(cpus)[repeat // 2]
    floor_cpu = sorted(floor_cpus)[repeat // 2]
    row.note = (
        f"{exported:,} rows exported, {applied:,} applied; export {e * 1000:.0f} ms + apply {a * 1000:.0f} ms, "
        f"of which {b * 1000:.0f} ms is the check for today's copy of the file "
        f"(the first apply of a day without one copies the whole file: {bench.day_copy_s:.2f} s) "
        f"(floor {fe * 1000:.0f} + {fa * 1000:.0f} ms, csv + sqlite3.executemany); CPU {row.cpu:.2f} s "
        f"against the floor's {floor_cpu:.2f} s ({row.cpu / max(floor_cpu, 1e-9):.1f}×: the ratio to read on a shared "
        "machine, where waiting inflates both wall times)"
    )
    return row
