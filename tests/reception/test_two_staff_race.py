"""Two workstations (real child processes on one file) race for the partner's time: one books her as the
second person of Claire's appointment, the other books her as the counsellor of her own appointment, at
the same moment, many times. Exactly one wins each round: the second person is held by the same write
transaction as the counsellor."""

from __future__ import annotations

import itertools
import multiprocessing as mp
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlplanner.domain.enums import Role
from support import TestSite

ROUNDS = 16
CPAM_DESK = {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)}


def starts(n: int) -> list[str]:
    out: list[str] = []
    day = datetime(2026, 1, 6)
    while len(out) < n:
        for hm in ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00"):
            out.append(f"{day:%Y-%m-%d} {hm}")
        day += timedelta(days=1)
    return out[:n]


def racer(db: str, clock_iso: str, booking: dict, actor: tuple, slots: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.errors import DomainError
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor

    sv = Services.open(db, clock=FixedClock(datetime.fromisoformat(clock_iso)))
    who = Actor(id=actor[0], name=actor[1], role=Role(actor[2]))
    try:
        for i, start in enumerate(slots):
            barrier.wait(timeout=60)
            try:
                sv.booking.book(actor=who, start=datetime.fromisoformat(start), **booking)
                results.put((i, booking["youth_id"], "ok", ""))
            except DomainError as exc:
                results.put((i, booking["youth_id"], type(exc).__name__, exc.code))
            except Exception as exc:  # a crash is a failure of the test
                results.put((i, booking["youth_id"], "crash", repr(exc)))
    finally:
        sv.close()


@pytest.mark.slow
def test_two_desks_race_for_the_partner(site: TestSite, db_path: Path) -> None:
    nadia = site.services.directory.add_staff(
        actor=site.admin, first_name="Nadia", last_name="Ferhat", role=Role.PARTNER, working_pattern=CPAM_DESK
    )
    site.services.close()
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    slots = starts(ROUNDS)
    common = (str(db_path), site.clock.now_utc().astimezone(UTC).isoformat())
    bookings = [
        # Claire's appointment with Nadia as the second person (Claire's own office)
        dict(youth_id=site.youths["kevin"].id, type_code="SUIVI", counsellor=site.staff["claire"].id,
             second_staff=nadia.id, room=site.rooms["b1"].id),
        # Nadia receiving someone herself, in another office
        dict(youth_id=site.youths["eloise"].id, type_code="SUIVI", counsellor=nadia.id,
             room=site.rooms["b2"].id),
    ]  # fmt: skip
    procs = [
        ctx.Process(target=racer, args=(*common, b, (a.id, a.name, a.role.value), slots, barrier, results))
        for b, a in zip(bookings, (site.receptionist, site.lead), strict=True)
    ]
    for p in procs:
        p.start()
    got = [results.get(timeout=180) for _ in range(2 * ROUNDS)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    by_round: dict[int, list[tuple]] = {}
    for i, youth_id, outcome, code in got:
        by_round.setdefault(i, []).append((youth_id, outcome, code))
    wins = {b["youth_id"]: 0 for b in bookings}
    for i in range(ROUNDS):
        outcomes = sorted(by_round[i], key=lambda r: r[1] != "ok")
        assert [o[1] for o in outcomes] == ["ok", "RuleViolation"], (i, outcomes)
        assert outcomes[1][2] == "counsellor_overlap", outcomes
        wins[outcomes[0][0]] += 1
    assert all(w > 0 for w in wins.values()), wins  # they really raced
    # and the file agrees: Nadia is never in two places at once
    from mlplanner.services.container import Services

    sv = Services.open(db_path, clock=site.clock)
    try:
        mine = sv.booking.between(
            datetime(2026, 1, 6).date(), datetime(2026, 1, 31).date(), counsellor=nadia.id
        )
        spans = sorted((a.start, a.end) for a in mine if a.status.occupies_slot)
        assert len(spans) == ROUNDS
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    finally:
        sv.close()
