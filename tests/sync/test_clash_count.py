"""The sync's report counts the double bookings from today on (`SyncService.clash_count`) without the six
joins of `clashes`, but always as many as `clashes` lists: appointments of the same counsellor (as the
counsellor or the second person), room or youth that overlap, start together, touch, last no time, are
cancelled, deleted, forced, or started the day before."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.storage.tables import Appointment, Room, Staff, Youth, table_of

from .conftest import TODAY, Site

T = table_of(Appointment)
DAY = datetime.combine(TODAY, datetime.min.time())

appointment = st.fixed_dictionaries(
    {
        "day": st.sampled_from([-2, -1, 0, 1]),
        "slot": st.integers(0, 5),  # 9:00, 9:30 ... 11:30
        "minutes": st.sampled_from([0, 30, 60, 90]),
        "counsellor": st.integers(0, 1),
        "second": st.sampled_from([None, 0, 1]),
        "room": st.sampled_from([None, 0, 1]),
        "youth": st.integers(0, 1),
        "status": st.sampled_from(["booked", "seen", "arrived", "cancelled_youth"]),
        "deleted": st.booleans(),
        "forced": st.sampled_from(["", "", "urgence"]),
    }
)


def _people(site: Site) -> tuple[dict[str, Any], list[str], list[str], list[str]]:
    with site.services.ctx.db.engine.connect() as conn:
        template = dict(conn.execute(select(T).order_by(T.c.id).limit(1)).mappings().one())
        staff = list(
            conn.execute(select(table_of(Staff).c.id).order_by(table_of(Staff).c.id).limit(2)).scalars()
        )
        rooms = list(
            conn.execute(select(table_of(Room).c.id).order_by(table_of(Room).c.id).limit(2)).scalars()
        )
        youths = list(
            conn.execute(select(table_of(Youth).c.id).order_by(table_of(Youth).c.id).limit(2)).scalars()
        )
    return template, staff, rooms, youths


def _rows(site: Site, drawn: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # read once per site: the first example removes the site's own appointments
    if "clash_people" not in vars(site):
        vars(site)["clash_people"] = _people(site)
    template, staff, rooms, youths = vars(site)["clash_people"]
    rows = []
    for i, a in enumerate(drawn):
        start = DAY + timedelta(days=a["day"], hours=9, minutes=30 * a["slot"])
        rows.append(
            template
            | {
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "start": start,
                "end": start + timedelta(minutes=a["minutes"]),
                "counsellor_id": staff[a["counsellor"]],
                "second_staff_id": None if a["second"] is None else staff[a["second"]],
                "room_id": None if a["room"] is None else rooms[a["room"]],
                "youth_id": youths[a["youth"]],
                "status": a["status"],
                "deleted": a["deleted"],
                "forced_reason": a["forced"],
                "slot_checked": False,  # as an appointment received from another site (no server constraint)
            }
        )
    return rows


def _count_both(site: Site, rows: list[dict[str, Any]]) -> tuple[int, int]:
    with site.services.ctx.db.engine.begin() as conn:
        conn.execute(delete(T))
        if rows:
            conn.execute(insert(T), rows)
    return site.sync.clash_count(since=TODAY), len(site.sync.clashes(actor=SYSTEM_ACTOR, since=TODAY))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=st.lists(appointment, max_size=8))
def test_the_count_is_the_number_of_clashes(sites: dict[str, Site], drawn: list[dict[str, Any]]) -> None:
    count, listed = _count_both(sites["PARIS13"], _rows(sites["PARIS13"], drawn))
    assert count == listed


BASE = {
    "day": 0,
    "counsellor": 0,
    "second": None,
    "room": None,
    "youth": 0,
    "status": "booked",
    "deleted": False,
    "forced": "",
}


@pytest.mark.parametrize(
    ("first", "second", "clashes"),
    [
        ({"slot": 0, "minutes": 60}, {"slot": 1, "minutes": 60, "youth": 1}, 1),  # same counsellor, overlap
        ({"slot": 0, "minutes": 30}, {"slot": 1, "minutes": 30, "youth": 1}, 0),  # back to back
        ({"slot": 0, "minutes": 60, "counsellor": 1}, {"slot": 1, "minutes": 30, "second": 1, "youth": 1}, 1),
        ({"slot": 0, "minutes": 60}, {"slot": 1, "minutes": 30, "counsellor": 1, "youth": 1}, 0),
        (
            {"slot": 0, "minutes": 60, "room": 0},
            {"slot": 0, "minutes": 0, "counsellor": 1, "room": 0, "youth": 1},
            1,
        ),
        ({"slot": 0, "minutes": 60, "forced": "urgence"}, {"slot": 1, "minutes": 30, "youth": 1}, 0),
        ({"slot": 0, "minutes": 60, "counsellor": 1}, {"slot": 1, "minutes": 30}, 1),  # the same youth
        ({"slot": 0, "minutes": 60, "day": -2}, {"slot": 1, "minutes": 30, "day": -2, "youth": 1}, 0),
    ],
)
def test_examples(
    sites: dict[str, Site], first: dict[str, Any], second: dict[str, Any], clashes: int
) -> None:
    site = sites["PARIS13"]
    count, listed = _count_both(site, _rows(site, [BASE | first, BASE | second]))
    assert (count, listed) == (clashes, clashes)
