"""The free-slot finder's bulk reads (`availability.appointment_rows`: on SQLite straight from the
driver, `storage.busy_reads`) give the very spans the booking rules read through SQLAlchemy
(`appointment_spans`): window edges, statuses, deleted rows, second staff, buffers, odd seconds."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mlplanner.services.booking.availability import appointment_rows, appointment_spans
from mlplanner.storage.tables import Appointment

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat
START, END = wall("2026-01-06 00:00"), wall("2026-01-08 00:00")


def _add_rows(site: TestSite) -> None:
    """Appointments written as stored rows (not through the rules): every edge a read can get wrong."""
    s, t, y = site.staff, site.types["SUIVI"], site.youths
    rows = [
        # (start, end, buffer, counsellor, second, room, youth, status, deleted)
        ("2026-01-06 09:00", "2026-01-06 09:30", 0, "claire", None, "b1", "kevin", "booked", False),
        ("2026-01-06 09:00", "2026-01-06 09:45", 15, "mamadou", "sophie", "b2", "eloise", "booked", False),
        (
            "2026-01-06 10:00:07.250001",
            "2026-01-06 10:31:00",
            5,
            "claire",
            None,
            None,
            "eloise",
            "seen",
            False,
        ),
        ("2026-01-06 11:00", "2026-01-06 11:30", 0, "claire", None, "b1", "kevin", "cancelled_youth", False),
        ("2026-01-06 12:00", "2026-01-06 12:30", 0, "claire", None, "b1", "kevin", "booked", True),
        ("2026-01-07 23:45", "2026-01-08 00:15", 0, "sophie", None, "b3", "kevin", "booked", False),
        (
            "2026-01-08 00:00",
            "2026-01-08 00:30",
            0,
            "claire",
            None,
            "b1",
            "kevin",
            "booked",
            False,
        ),  # at `end`
        (
            "2026-01-05 00:00",
            "2026-01-05 00:30",
            0,
            "claire",
            None,
            "b1",
            "kevin",
            "booked",
            False,
        ),  # at `since`
        ("2026-01-05 23:30", "2026-01-06 00:00", 10, "mamadou", None, "b2", "eloise", "arrived", False),
        ("2026-01-05 22:00", "2026-01-05 23:00", 0, "mamadou", None, "b2", "eloise", "booked", False),
    ]
    with site.services.ctx.write() as session:
        for start, end, buffer, who, second, room, youth, status, deleted in rows:
            session.add(
                Appointment(
                    site_id=site.site.id,
                    youth_id=y[youth].id,
                    counsellor_id=s[who].id,
                    second_staff_id=s[second].id if second else None,
                    room_id=site.rooms[room].id if room else None,
                    type_id=t.id,
                    start=wall(start),
                    end=wall(end),
                    buffer_min=buffer,
                    status=status,
                    deleted=deleted,
                )
            )


def _reference(site: TestSite, **keys: list[str] | None) -> list[tuple]:
    with site.services.ctx.read() as session:
        spans = appointment_spans(session, START, END, labels=True, **keys)
    return sorted(
        (sp.counsellor_id, sp.youth_id, sp.room_id, sp.interval.start, sp.interval.end, sp.core.end)
        for sp in spans
    )


def _read(site: TestSite, **keys: list[str] | None) -> list[tuple]:
    with site.services.ctx.read() as session:
        return sorted(appointment_rows(session, START, END, **keys))


def test_the_finders_reads_match_the_rules_reads(site: TestSite) -> None:
    _add_rows(site)
    staff = [site.staff[k].id for k in ("claire", "mamadou", "sophie")]
    rooms = [site.rooms[k].id for k in ("b1", "b2", "b3")]
    youth = [site.youths["eloise"].id]

    people = _read(site, counsellor_ids=staff)
    assert sorted((w, a, b, c) for w, _y, _r, a, b, c in people) == sorted(
        (w, a, b, c) for w, _y, _r, a, b, c in _reference(site, counsellor_ids=staff)
    )
    # each person of a shared appointment, its buffer, the odd seconds, the row ending after `END`
    assert len(people) == 6
    assert (site.staff["sophie"].id, wall("2026-01-06 09:00"), wall("2026-01-06 10:00")) in {
        (w, a, b) for w, _y, _r, a, b, _c in people
    }
    assert wall("2026-01-06 10:00:07.250001") in {a for _w, _y, _r, a, _b, _c in people}

    by_room = _read(site, room_ids=rooms)
    assert sorted((r, a, b) for _w, _y, r, a, b, _c in by_room) == sorted(
        (r, a, b) for _w, _y, r, a, b, _c in _reference(site, room_ids=rooms)
    )
    assert len(by_room) == 4

    def no_room(rows: list[tuple]) -> list[tuple]:  # a room not asked for is not read
        return sorted((w, y, a, b, c) for w, y, _r, a, b, c in rows)

    both = _read(site, counsellor_ids=staff, youth_ids=youth)  # each (appointment, person) once
    assert no_room(both) == no_room(_reference(site, counsellor_ids=staff, youth_ids=youth))
    assert len(both) == 6  # her three appointments are her counsellors': none twice

    assert _read(site, counsellor_ids=[]) == [] == _reference(site, counsellor_ids=[])
