"""Two OS processes (spawned, each with its own engine) race to book the same slot on one file, many times.

Exactly one wins each round; the loser gets the rule refusal, never a crash or a lock error: the rule
check and the insert run in one BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from support import TestSite

ROUNDS = 40


def slots(n: int) -> list[str]:
    """`n` distinct half-hour slots on Tuesday–Friday 6–9 January 2026 (Claire works every day)."""
    out: list[str] = []
    day = datetime(2026, 1, 6)
    while len(out) < n:
        for hm in ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "13:30", "14:00", "14:30",
                   "15:00", "15:30", "16:00", "16:30", "17:00"):  # fmt: skip
            out.append(f"{day:%Y-%m-%d} {hm}")
        day += timedelta(days=1)
    return out[:n]


def racer(
    db: str,
    clock_iso: str,
    youth_id: str,
    counsellor_id: str,
    room_id: str,
    actor: tuple,
    starts: list[str],
    barrier,
    results,
) -> None:
    """One workstation: book every slot in turn, all at the same moment as the other process."""
    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.enums import Role
    from mlplanner.domain.errors import DomainError
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

    sv = Services.open(db, clock=FixedClock(datetime.fromisoformat(clock_iso)))
    who = Actor(id=actor[0], name=actor[1], role=Role(actor[2]))
    try:
        for i, start in enumerate(starts):
            barrier.wait(timeout=60)
            try:
                sv.booking.book(
                    actor=who,
                    youth_id=youth_id,
                    type_code="SUIVI",
                    start=datetime.fromisoformat(start),
                    counsellor=counsellor_id,
                    room=room_id,
                )
                results.put((i, youth_id, "ok", ""))
            except DomainError as exc:
                results.put((i, youth_id, type(exc).__name__, exc.code))
            except Exception as exc:  # a crash is a failure of the test, reported as such
                results.put((i, youth_id, "crash", repr(exc)))
    finally:
        sv.close()


@pytest.mark.slow
def test_two_processes_race_for_the_same_slot(site: TestSite, db_path: Path) -> None:
    starts = slots(ROUNDS)
    site.services.close()  # the parent holds no connection during the race
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    common = (
        str(db_path),
        site.clock.now_utc().astimezone(UTC).isoformat(),
    )
    procs = [
        ctx.Process(
            target=racer,
            args=(
                *common,
                site.youths[youth].id,
                site.staff["claire"].id,
                site.rooms["b1"].id,
                (a.id, a.name, a.role.value),
                starts,
                barrier,
                results,
            ),
        )
        for youth, a in (("kevin", site.receptionist), ("eloise", site.lead))
    ]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    by_round: dict[int, list[tuple]] = {}
    for i, youth_id, outcome, code in got:
        by_round.setdefault(i, []).append((youth_id, outcome, code))
    winners = {site.youths["kevin"].id: 0, site.youths["eloise"].id: 0}
    for i in range(ROUNDS):
        outcomes = sorted(by_round[i], key=lambda r: r[1] != "ok")
        assert [o[1] for o in outcomes] == ["ok", "RuleViolation"], (i, outcomes)
        # the loser is told the slot is taken (the room is checked before the counsellor)
        assert outcomes[1][2] in ("room_overlap", "counsellor_overlap"), outcomes
        winners[outcomes[0][0]] += 1
    # both processes did win some rounds: they really raced (not one always first)
    assert all(w > 0 for w in winners.values()), winners
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT start, youth_id FROM appointment ORDER BY start").fetchall()
    finally:
        conn.close()
    assert [r[0][:16] for r in rows] == starts  # one appointment per slot, nothing else
