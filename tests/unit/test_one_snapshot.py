"""`ServiceContext.one_snapshot`: the reads of a view that asks several services share one read
transaction (issue 19: on a server each transaction costs its round trips), and see one state of the
data; a write in the block stays its own transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import event

from mlplanner.ui.dayview.data import load_day

if TYPE_CHECKING:
    from support import TestSite

DAY = date(2026, 1, 6)


@contextmanager
def transactions(site: TestSite) -> Iterator[list[object]]:
    begun: list[object] = []
    engine = site.services.ctx.db.engine

    def note(conn: object) -> None:
        begun.append(conn)

    event.listen(engine, "begin", note)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", note)


def test_the_day_view_reads_in_one_transaction(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 09:00")
    sv = site.services
    frame = sv.schedule.frame()
    alone = load_day(sv, frame, DAY, "counsellor")
    with transactions(site) as begun:
        grid = load_day(sv, frame, DAY, "counsellor")
    assert len(begun) == 1  # the schedule and the attention marks were two
    assert grid == alone


def test_the_printed_day_reads_in_one_transaction_then_records_the_print(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 09:00")
    first = site.services.printing.day(actor=site.receptionist, day=DAY)
    with transactions(site) as begun:
        again = site.services.printing.day(actor=site.receptionist, day=DAY)
    assert len(begun) == 2  # the reads (three before), then the audit entry's write
    assert again.pages == first.pages


def test_reads_in_the_block_share_one_snapshot_and_writes_stay_their_own(site: TestSite) -> None:
    ctx = site.services.ctx
    with ctx.one_snapshot():
        with ctx.read() as first, ctx.read() as second:
            assert first is second
        with ctx.one_snapshot(), ctx.read() as nested:  # nested: the outer block's transaction
            assert nested is first
        with ctx.write() as w:
            assert w is not first
    with ctx.read() as after:
        assert after is not first
