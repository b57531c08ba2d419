"""The export's cursors (only rows above them are read) and the apply's bulk paths: nothing is skipped,
nothing travels twice, whatever the workstations' clocks, and references are checked before writing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.storage.tables import Appointment, Meta, Room, Site, Youth

from .conftest import START, open_site, shared_state
from .conftest import Site as SyncSite


def _edit(site: SyncSite, model: type, row_id: str, **fields) -> str:
    with site.services.ctx.write() as s:
        row = s.get(model, row_id)
        for k, v in fields.items():
            setattr(row, k, v)
        s.add(row)
    return row.hlc


def _youth_ids(site: SyncSite, origin: str) -> list[str]:
    with site.services.ctx.read() as s:
        return sorted(s.exec(select(Youth.id).where(Youth.origin_site == origin)).scalars())


def _cursor(site: SyncSite, table: str) -> str:
    with site.services.ctx.read() as s:
        return s.get(Meta, f"sync.cursor.{table}").value


def test_each_version_leaves_once_and_the_cursor_follows(sites: dict[str, SyncSite], share: Path) -> None:
    paris = sites["PARIS13"]
    first = paris.sync.sync(folder=share)
    assert first.exported_rows > 0
    assert paris.sync.sync(folder=share).exported_rows == 0  # nothing new: nothing sent again
    youth = _youth_ids(paris, "PARIS13")[0]
    paris.clock.advance(timedelta(minutes=5))
    stamp = _edit(paris, Youth, youth, email="nouveau@exemple.fr")
    report = paris.sync.sync(folder=share)
    assert report.exported_rows == 1 and report.exported_seq == first.exported_seq + 1
    assert _cursor(paris, "youth") == stamp
    assert paris.sync.sync(folder=share).exported_rows == 0


def test_a_workstation_with_a_clock_behind_cannot_hide_an_edit(
    sites: dict[str, SyncSite], share: Path
) -> None:
    """Two workstations on one file: the one whose PC clock is a day ahead exports; the other then edits
    with its own clock. Its edit still sorts above the export's cursor, so it leaves at the next sync."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    ahead = open_site(paris.path, "PARIS13", FixedClock(START + timedelta(days=1)))
    try:
        first, second, third = _youth_ids(paris, "PARIS13")[:3]
        _edit(paris, Youth, first, email="avant@exemple.fr")  # this workstation's clock starts here
        _edit(ahead, Youth, second, email="en-avance@exemple.fr")
        assert ahead.sync.sync(folder=share).exported_rows > 0
        paris.clock.advance(timedelta(minutes=1))  # still a day behind the other workstation
        late = _edit(paris, Youth, third, email="en-retard@exemple.fr")
        assert late > _cursor(paris, "youth")
        report = paris.sync.sync(folder=share)
        assert report.exported_rows == 1
    finally:
        ahead.close()
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.read() as s:
        assert s.get(Youth, third).email == "en-retard@exemple.fr"
        assert s.get(Youth, second).email == "en-avance@exemple.fr"


@pytest.mark.sqlite_only  # reads or copies the site file itself
def test_a_moved_appointment_arrives_with_its_new_room(sites: dict[str, SyncSite], share: Path) -> None:
    """Rows whose references change take the fully checked path; the others only update their data."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris, lyon):
        site.sync.sync(folder=share)
    with paris.services.ctx.read() as s:
        appt = s.exec(select(Appointment).where(Appointment.room_id.is_not(None))).scalars().first()
        busy = select(Appointment.room_id).where(  # rooms taken at that time: the move must stay legal
            Appointment.room_id.is_not(None),
            Appointment.start < appt.end + timedelta(minutes=appt.buffer_min),
            Appointment.end + timedelta(minutes=60) > appt.start,
        )
        other_room = (
            s.exec(
                select(Room.id).where(
                    Room.site_id == appt.site_id, Room.id != appt.room_id, Room.id.not_in(busy)
                )
            )
            .scalars()
            .first()
        )
        assert other_room is not None
        youth = s.exec(select(Youth.id).where(Youth.origin_site == "PARIS13")).scalars().first()
    paris.clock.advance(timedelta(minutes=5))
    _edit(paris, Appointment, appt.id, room_id=other_room, notes="salle changée")
    _edit(paris, Youth, youth, first_name="Renommée")
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.read() as s:
        moved = s.get(Appointment, appt.id)
        assert (moved.room_id, moved.notes) == (other_room, "salle changée")
    assert lyon.services.youths.search("renommee")  # search tokens rebuilt for the renamed youth
    assert shared_state(paris) == shared_state(lyon)


def test_a_row_pointing_to_a_refused_row_waits_instead_of_dangling(
    sites: dict[str, SyncSite], share: Path, monkeypatch
) -> None:
    """Lyon writes a room for Paris's site (not Lyon's to write) and an appointment in it. Paris refuses
    the room, so the appointment would point to nothing: the change set waits, nothing of it applied."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.sync.sync(folder=share)
    with lyon.services.ctx.write() as s:
        paris_site = s.exec(select(Site).where(Site.code == "PARIS13")).scalars().one()
        appt = s.exec(select(Appointment).where(Appointment.origin_site == "LYON")).scalars().first()
        room = Room(site_id=paris_site.id, name="Salle forgée")
        s.add(room)
        s.flush()
        appt.room_id = room.id
        s.add(appt)
    from mlplanner.services.sync import export as sync_export

    monkeypatch.setattr(sync_export.Owners, "owners_of_columns", lambda self, tbl, columns, n: [None] * n)
    assert lyon.sync.sync(folder=share).exported_rows == 2
    monkeypatch.undo()
    report = paris.sync.sync(folder=share)
    assert report.refused == () and [r.code for r in report.waiting] == ["cs_waiting"]
    assert report.waiting[0].new and not paris.sync.sync(folder=share).waiting[0].new  # reported once
    with paris.services.ctx.read() as s:
        assert s.get(Room, room.id) is None
        assert s.get(Appointment, appt.id).room_id != room.id
