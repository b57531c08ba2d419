"""Measure the two ways issue 12 named to keep a site's booking rules whole under concurrency on a server:
a per-site advisory lock (READ COMMITTED) or SERIALIZABLE transactions retried on a serialization failure.

A throwaway local cluster (`storage.pg_local`), an `appointment`-like table with the room exclusion
constraint, and N worker processes that each book M times at random slots of one site, the way the
booking service does: read what is busy for the counsellor, the room and the young person around the
slot, decide, insert. Reports bookings per second, latency percentiles, retries, and the overlaps found
by SQL afterwards (must be 0 for a counsellor: the constraint covers rooms and young people only, the
counsellor rule is the transaction's).

    uv run python tools/server_locking.py --workers 20 --bookings 60
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import time
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg import errors

from mlplanner.storage.pg_local import LocalCluster, start_cluster

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE appt (
    id serial PRIMARY KEY, site text NOT NULL, counsellor int NOT NULL, room int NOT NULL,
    youth int NOT NULL, start timestamp NOT NULL, "end" timestamp NOT NULL,
    EXCLUDE USING gist (room WITH =, tsrange(start, "end", '[)') WITH &&),
    EXCLUDE USING gist (youth WITH =, tsrange(start, "end", '[)') WITH &&)
);
CREATE INDEX ON appt (counsellor, start);
"""
DAY = datetime(2027, 3, 1, 9, 0)
SLOTS = 32  # a day of 15-minute starts
COUNSELLORS, ROOMS, YOUTHS = 10, 6, 400


def book_once(conn: psycopg.Connection[Any], mode: str, rng: random.Random) -> tuple[str, int]:
    """One booking attempt as the service makes it; returns (outcome, retries)."""
    c, r, y = rng.randrange(COUNSELLORS), rng.randrange(ROOMS), rng.randrange(YOUTHS)
    start = DAY + timedelta(minutes=15 * rng.randrange(SLOTS))
    end = start + timedelta(minutes=30)
    retries = 0
    while True:
        try:
            with conn.transaction():
                if mode == "advisory":
                    conn.execute("SELECT pg_advisory_xact_lock(1, hashtext('PARIS13'))")
                busy = conn.execute(
                    "SELECT count(*) FROM appt WHERE (counsellor = %s OR room = %s OR youth = %s) "
                    'AND start < %s AND "end" > %s',
                    (c, r, y, end, start),
                ).fetchone()
                if busy and busy[0]:
                    return "refused", retries
                conn.execute(
                    'INSERT INTO appt (site, counsellor, room, youth, start, "end") '
                    "VALUES ('PARIS13', %s, %s, %s, %s, %s)",
                    (c, r, y, start, end),
                )
            return "booked", retries
        except errors.SerializationFailure:
            retries += 1
        except errors.ExclusionViolation:
            return "constraint", retries


def worker(args: tuple[str, str, int, int, Any]) -> list[tuple[float, str, int]]:
    conninfo, mode, seed, bookings, barrier = args
    rng = random.Random(seed)
    out = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if mode == "serializable":
            conn.execute("SET default_transaction_isolation = 'serializable'")
        barrier.wait()
        for _ in range(bookings):
            t = time.perf_counter()
            outcome, retries = book_once(conn, mode, rng)
            out.append((time.perf_counter() - t, outcome, retries))
    return out


def run(cluster: LocalCluster, mode: str, workers: int, bookings: int) -> dict[str, Any]:
    cluster.psql(f"DROP DATABASE IF EXISTS lock_{mode}")
    cluster.psql(f"CREATE DATABASE lock_{mode}")
    cluster.psql(SCHEMA, dbname=f"lock_{mode}")
    conninfo = f"host={cluster.socket_dir} port={cluster.port} user=postgres dbname=lock_{mode}"
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(workers)
        with ctx.Pool(workers) as pool:
            t0 = time.perf_counter()
            results = pool.map(worker, [(conninfo, mode, i, bookings, barrier) for i in range(workers)])
            wall = time.perf_counter() - t0
    flat = [x for r in results for x in r]
    lat = sorted(x[0] * 1000 for x in flat)
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(
            "SELECT count(*) FROM appt a JOIN appt b ON a.id < b.id AND a.counsellor = b.counsellor "
            'AND a.start < b."end" AND b.start < a."end"'
        ).fetchone()
    overlaps = row[0] if row else -1
    q = statistics.quantiles(lat, n=100)
    return {
        "mode": mode,
        "attempts_per_s": len(flat) / wall,
        "booked": sum(1 for x in flat if x[1] == "booked"),
        "refused": sum(1 for x in flat if x[1] == "refused"),
        "constraint": sum(1 for x in flat if x[1] == "constraint"),
        "retries": sum(x[2] for x in flat),
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "counsellor_overlaps": overlaps,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=60)
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        for mode in ("advisory", "serializable"):
            r = run(cluster, mode, args.workers, args.bookings)
            print(
                f"{r['mode']:<13} {r['attempts_per_s']:7.1f} attempts/s  booked {r['booked']:4d}  "
                f"refused by rules {r['refused']:4d}  by constraint {r['constraint']:3d}  "
                f"retries {r['retries']:4d}  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  counsellor overlaps {r['counsellor_overlaps']}",
                flush=True,
            )
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
