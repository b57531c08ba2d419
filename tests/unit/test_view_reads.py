"""A day's appointment views read straight from the SQLite driver (`storage.view_reads`, the day view's
read at network size) are the very views SQLAlchemy's statement gives: names, rooms or none, a second
person, statuses, the aware arrival instant, the order, each filter."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.services import queries

if TYPE_CHECKING:
    from support import TestSite

pytestmark = pytest.mark.sqlite_only  # elsewhere both readings are SQLAlchemy's

wall = datetime.fromisoformat
DAY = wall("2026-01-05 00:00")


def _both(
    site: TestSite, monkeypatch: pytest.MonkeyPatch, *, on_driver: bool = True, **filters: object
) -> tuple[list, list]:
    read = queries.sqlite_day_rows
    answered: list[object] = []

    def spy(*args: object, **kwargs: object) -> object:
        answered.append(rows := read(*args, **kwargs))  # type: ignore[arg-type]
        return rows

    with monkeypatch.context() as m:
        m.setattr(queries, "sqlite_day_rows", spy)
        with site.services.ctx.read() as s:
            direct = queries.appointment_views(s, start=DAY, end=DAY + timedelta(days=1), **filters)  # type: ignore[arg-type]
    assert (bool(answered) and answered[0] is not None) is on_driver  # the driver's reading, or not
    with monkeypatch.context() as m:
        m.setattr(queries, "sqlite_day_rows", lambda *a, **k: None)
        with site.services.ctx.read() as s:
            through = queries.appointment_views(s, start=DAY, end=DAY + timedelta(days=1), **filters)  # type: ignore[arg-type]
    return direct, through


def test_the_driver_reads_the_views_sqlalchemy_reads(site: TestSite, monkeypatch: pytest.MonkeyPatch) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    site.book("eloise", "2026-01-05 10:00", counsellor="mamadou", second_staff=site.staff["sophie"].id)
    site.book("aissatou", "2026-01-05 11:00", type_code="TEL")  # by phone: no room
    late = site.book("jp", "2026-01-05 15:00", counsellor="mamadou")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)  # an aware instant
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=late.id, by_youth=True)

    direct, through = _both(site, monkeypatch)
    assert direct == through and len(direct) == 4
    assert [v.start for v in direct] == sorted(v.start for v in direct)
    arrived = next(v for v in direct if v.id == a.id)
    assert arrived.arrived_at is not None and arrived.arrived_at.utcoffset() == timedelta(0)
    assert any(v.second_staff_name == "Sophie Martin" for v in direct)
    assert any(v.room_id is None and v.room_name is None for v in direct)

    for filters in (
        {"statuses": OCCUPYING_STATUSES},
        {"statuses": ()},
        {"counsellor_id": site.staff["sophie"].id},  # as the second person
        {"room_id": site.rooms["b1"].id, "statuses": OCCUPYING_STATUSES},
    ):
        direct, through = _both(site, monkeypatch, **filters)
        assert direct == through, filters
    direct, through = _both(site, monkeypatch, on_driver=False, include_cancelled=False)  # SQLAlchemy's
    assert direct == through and len(direct) == 3
    assert len(_both(site, monkeypatch, statuses=OCCUPYING_STATUSES)[0]) == 3
    assert _both(site, monkeypatch, statuses=())[0] == []
    assert len(_both(site, monkeypatch, counsellor_id=site.staff["sophie"].id)[0]) == 1


def test_views_read_back_by_id_on_the_driver_are_sqlalchemys(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The appointments a booking, a move or a check-in read back by id (`sqlite_view_rows`): the views
    SQLAlchemy's statement gives, in its order; a deleted one is not read; many ids take the statement."""
    a = site.book("kevin", "2026-01-05 10:00")
    b = site.book("eloise", "2026-01-05 09:00", counsellor="mamadou", second_staff=site.staff["sophie"].id)
    c = site.book("aissatou", "2026-01-06 11:00", type_code="TEL")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=c.id, by_youth=True)
    with site.services.ctx.write() as s:
        s.execute(text("UPDATE appointment SET deleted = 1 WHERE id = :i"), {"i": c.id})
    ids = [a.id, c.id, b.id, "nothing"]
    read = queries.sqlite_view_rows
    answered: list[object] = []
    monkeypatch.setattr(queries, "sqlite_view_rows", lambda *x: answered.append(read(*x)) or answered[-1])
    with site.services.ctx.read() as s:
        direct = queries.appointment_views(s, ids=ids)
        assert answered and answered[0] is not None
        assert len(queries.appointment_views(s, ids=[f"x{i}" for i in range(queries._FEW + 1)])) == 0
        assert len(answered) == 1  # more than a few ids: the statement
    monkeypatch.setattr(queries, "sqlite_view_rows", lambda *x: None)
    with site.services.ctx.read() as s:
        through = queries.appointment_views(s, ids=ids)
    assert direct == through
    assert [v.id for v in direct] == [b.id, a.id]  # by start; the deleted one left out
    assert direct[1].arrived_at is not None and direct[1].arrived_at.utcoffset() == timedelta(0)
