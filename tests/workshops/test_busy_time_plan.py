"""Workshop sessions as busy time are read by index (issue 19): every booking check and free-slot search
asks for the sessions a counsellor facilitates or co-facilitates, or a room holds. Without an index on
the co-facilitator, SQLite answered that OR by scanning every session (13 ms per query at the network
size's 8,000 sessions). The plan is what SQLite decides from the schema alone (no statistics are kept),
so a small site shows the same plan as a big one."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mlplanner.services.workshops.clashes import workshop_spans
from support import TestSite

pytestmark = pytest.mark.sqlite_only


def test_the_busy_time_of_workshops_is_read_by_index_not_by_a_scan(site: TestSite) -> None:
    sv = site.services
    engine = sv.ctx.db.engine
    seen: list[str] = []

    def keep(statement: str) -> None:
        if "FROM workshop_session" in statement and not statement.startswith("EXPLAIN"):
            seen.append(statement)

    start = datetime(2026, 12, 14, 9, 30)
    with sv.ctx.read() as s:
        # what SQLite itself runs, values in place (the query is bound on the driver, not through
        # SQLAlchemy: `storage.busy_reads`)
        driver = s.connection().connection.driver_connection
        driver.set_trace_callback(keep)  # type: ignore[union-attr]
        try:
            workshop_spans(
                s,
                start,
                start + timedelta(minutes=30),
                counsellor_ids=[site.staff["claire"].id],
                room_ids=[next(iter(site.rooms.values())).id],
                youth_ids=None,
                exclude_id=None,
            )
        finally:
            driver.set_trace_callback(None)  # type: ignore[union-attr]

    assert seen, "the busy-time query was not run"
    with engine.connect() as conn:
        for statement in seen:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}").fetchall()
            steps = [str(row[-1]) for row in plan]
            assert not any(s.startswith("SCAN workshop_session") for s in steps), steps
            assert any("ix_workshop_session_co_facilitator_start" in s for s in steps), steps
