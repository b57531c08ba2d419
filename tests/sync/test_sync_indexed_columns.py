"""An apply updates a row already here without its indexed columns only when they hold exactly what it
would write (SQLite rewrites an index entry for every column an UPDATE sets): a moved appointment
arrives moved, one whose other columns changed keeps its time, and the indexes stay consistent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, text

from mlplanner.domain.enums import Status
from mlplanner.services.sync.decide import indexed_columns
from mlplanner.services.sync.schema import by_name
from mlplanner.storage.tables import Appointment, Youth

from .conftest import Site, shared_state


def _rows(site: Site, table: str) -> dict[str, tuple]:
    return {r[0]: r for r in shared_state(site)[table]}


def test_indexed_columns_are_written_when_they_change_and_only_then(
    sites: dict[str, Site], share: Path
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    assert "start" in indexed_columns(by_name()["appointment"])
    assert {"fold_name", "phone_digits"} <= set(indexed_columns(by_name()["youth"]))
    for _ in range(2):
        for site in (paris, lyon):
            assert site.sync.sync(folder=share).ok
    paris.clock.advance(timedelta(minutes=10))
    with paris.services.ctx.write() as s:
        q = select(Appointment).where(Appointment.origin_site == "PARIS13").order_by(Appointment.id)
        moved, kept = s.exec(q).scalars().all()[:2]
        moved.start += timedelta(days=60)  # a free time (the server refuses overlaps)
        moved.end += timedelta(days=60)
        kept.status, kept.notes = Status.CANCELLED_BY_YOUTH, "annulé par téléphone"
        y = s.exec(select(Youth).where(Youth.origin_site == "PARIS13").order_by(Youth.id)).scalars().first()
        y.phone, y.phone_digits = "06 98 76 54 32", "0698765432"  # an indexed column of a youth
        y.email = "nouveau@exemple.fr"
        s.add_all([moved, kept, y])
        ids = moved.id, kept.id, y.id
    assert paris.sync.sync(folder=share).exported_rows == 3
    assert lyon.sync.sync(folder=share).ok

    here, there = _rows(lyon, "appointment"), _rows(paris, "appointment")
    assert here[ids[0]] == there[ids[0]] and here[ids[1]] == there[ids[1]]
    assert _rows(lyon, "youth")[ids[2]] == _rows(paris, "youth")[ids[2]]
    with lyon.services.ctx.read() as s:
        by_start = (
            s.execute(
                select(Appointment.id).where(
                    Appointment.start == there[ids[0]][list(by_name()["appointment"].columns).index("start")]
                )
            )
            .scalars()
            .all()
        )
        assert ids[0] in by_start  # found through the index on start
        assert s.execute(select(Youth.id).where(Youth.phone_digits == "0698765432")).scalars().all() == [
            ids[2]
        ]
        if s.get_bind().dialect.name == "sqlite":
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
