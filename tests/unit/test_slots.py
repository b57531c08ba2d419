"""The free-slot finder: names counsellor, room and start; referent first; honours every booking rule,
so that every slot it offers is accepted by the booking service and every start it leaves out is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from mlplanner.domain.errors import DomainError, InputError, NotFound

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def hm(slots) -> list[str]:
    return [f"{s.start:%d %H:%M}" for s in slots]


def test_slots_name_counsellor_room_and_start_in_order(site: TestSite) -> None:
    slots = site.services.slots.find(type_code="SUIVI", count=5)
    assert len(slots) == 5
    assert slots[0].start == wall("2026-01-05 09:00")  # today, from now (08:00)
    assert [s.start for s in slots] == sorted(s.start for s in slots)
    assert len({s.start for s in slots}) == 5  # one slot per start time
    for s in slots:
        assert s.counsellor_id and s.counsellor_name and s.room_id and s.room_name
        assert s.end - s.start == timedelta(minutes=30)


def test_count_and_from_date(site: TestSite) -> None:
    slots = site.services.slots.find(type_code="SUIVI", start=date(2026, 1, 7), count=3)
    assert hm(slots) == ["07 09:00", "07 09:15", "07 09:30"]
    # Wednesday: Mamadou and Sophie do not work, so it is Claire
    assert {s.counsellor_name for s in slots} == {"Claire Lefèvre"}
    assert len(site.services.slots.find(type_code="SUIVI", count=200)) == 200
    for bad in (0, 201):
        with pytest.raises(InputError):
            site.services.slots.find(type_code="SUIVI", count=bad)


def test_from_a_datetime_in_the_past_starts_now(site: TestSite) -> None:
    site.clock.advance(timedelta(hours=2, minutes=5))  # 10:05
    slots = site.services.slots.find(type_code="SUIVI", start=wall("2026-01-01 00:00"), count=1)
    assert slots[0].start == wall("2026-01-05 10:15")


def test_a_given_counsellor(site: TestSite) -> None:
    slots = site.services.slots.find(type_code="SUIVI", counsellor="Diallo", start=date(2026, 1, 7), count=2)
    assert hm(slots) == ["08 09:00", "08 09:15"]  # not on Wednesday
    assert {(s.counsellor_name, s.room_name) for s in slots} == {("Mamadou Diallo", "Bureau 2")}


def test_part_timer_gets_mornings_only(site: TestSite) -> None:
    slots = site.services.slots.find(
        type_code="SUIVI", counsellor="sophie martin", start=date(2026, 1, 5), count=200
    )
    assert {s.start.weekday() for s in slots} == {0, 1, 3}
    assert max(f"{s.start:%H:%M}" for s in slots) == "12:00"


def test_referent_first_then_the_least_loaded(site: TestSite) -> None:
    eloise = site.youths["eloise"].id  # referent: Mamadou
    slots = site.services.slots.find(type_code="SUIVI", youth_id=eloise, start=date(2026, 1, 6), count=3)
    assert {s.counsellor_name for s in slots} == {"Mamadou Diallo"}
    site.book("kevin", "2026-01-06 09:00", counsellor="mamadou")
    slots = site.services.slots.find(type_code="SUIVI", youth_id=eloise, start=date(2026, 1, 6), count=8)
    by_start = {f"{s.start:%H:%M}": s.counsellor_name for s in slots}
    assert by_start["09:00"] != "Mamadou Diallo"  # referent busy: someone else
    assert by_start["09:30"] == "Mamadou Diallo"  # free again: the referent


def test_any_counsellor_vs_a_given_one(site: TestSite) -> None:
    site.book("kevin", "2026-01-06 09:00", counsellor="claire")
    anyone = site.services.slots.find(type_code="SUIVI", start=date(2026, 1, 6), count=1)
    claire = site.services.slots.find(
        type_code="SUIVI", counsellor="lefevre", start=date(2026, 1, 6), count=1
    )
    assert anyone[0].start == wall("2026-01-06 09:00") and anyone[0].counsellor_name != "Claire Lefèvre"
    assert claire[0].start == wall("2026-01-06 09:30")


def test_the_youths_own_appointments_are_avoided(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 09:00", counsellor="claire", type_code="ACC")  # 09:00–09:45 (+15 buffer)
    slots = site.services.slots.find(
        type_code="SUIVI", youth_id=site.youths["eloise"].id, start=date(2026, 1, 6), count=3
    )
    assert hm(slots) == ["06 09:45", "06 10:00", "06 10:15"]  # free again at 09:45: the buffer is Claire's


def test_holidays_closures_absences_and_lunch_are_skipped(site: TestSite) -> None:
    site.clock.at = datetime(2027, 5, 3, 7, 0, tzinfo=site.clock.at.tzinfo)
    d = site.services.directory
    d.add_closure(actor=site.lead, start=date(2027, 5, 4), end=date(2027, 5, 4), reason="séminaire")
    d.add_absence(
        actor=site.admin,
        staff_id=site.staff["claire"].id,
        start=wall("2027-05-05 09:00"),
        end=wall("2027-05-05 11:00"),
    )
    slots = site.services.slots.find(
        type_code="LONG", counsellor="lefevre", start=date(2027, 5, 4), count=200
    )
    days = sorted({s.start.date() for s in slots})
    assert date(2027, 5, 4) not in days  # closure
    assert date(2027, 5, 6) not in days  # Ascension
    assert date(2027, 5, 8) not in days  # Saturday (8 May is also a holiday)
    assert days[:2] == [date(2027, 5, 5), date(2027, 5, 7)]
    wednesday = [f"{s.start:%H:%M}" for s in slots if s.start.date() == date(2027, 5, 5)]
    assert wednesday[0] == "11:00"  # after the absence
    assert "11:30" in wednesday and "11:45" not in wednesday  # 60 min must end by the lunch break
    assert "13:30" in wednesday and "16:30" in wednesday and "16:45" not in wednesday


def test_accessibility_and_capacity_choose_the_room(site: TestSite) -> None:
    aissatou = site.youths["aissatou"].id
    slots = site.services.slots.find(
        type_code="SUIVI", counsellor="sophie martin", youth_id=aissatou, start=date(2026, 1, 6), count=5
    )
    assert slots and all(s.room_name in ("Bureau 1", "Bureau 2") for s in slots)
    kevin = site.services.slots.find(
        type_code="SUIVI", counsellor="sophie martin", start=date(2026, 1, 6), count=1
    )
    assert kevin[0].room_name == "Bureau 3"


def test_no_slot_when_every_office_is_taken(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 09:00", counsellor="mamadou", room=site.rooms["b1"].id)
    site.book("kevin", "2026-01-06 09:00", counsellor="sophie", room=site.rooms["b2"].id)
    site.book("jp", "2026-01-06 09:00", counsellor="bernard", room=site.rooms["b3"].id)
    slots = site.services.slots.find(type_code="SUIVI", counsellor="lefevre", start=date(2026, 1, 6), count=1)
    assert slots[0].start == wall("2026-01-06 09:30")
    tel = site.services.slots.find(type_code="TEL", counsellor="lefevre", start=date(2026, 1, 6), count=1)
    assert tel[0].start == wall("2026-01-06 09:00") and tel[0].room_id is None  # by phone: no office needed


def test_unknown_type_or_counsellor(site: TestSite) -> None:
    with pytest.raises(NotFound):
        site.services.slots.find(type_code="NOPE")
    with pytest.raises(NotFound):
        site.services.slots.find(type_code="SUIVI", counsellor="Personne")
    with pytest.raises(InputError, match="ne reçoit pas"):
        site.services.slots.find(type_code="SUIVI", counsellor="Karima Haddou")


@pytest.mark.parametrize(
    ("type_code", "youth"), [("ACC", "kevin"), ("SUIVI", "aissatou"), ("LONG", "eloise")]
)
def test_offered_starts_are_exactly_the_bookable_ones(site: TestSite, type_code: str, youth: str) -> None:
    """On a busy Tuesday, try every quarter hour with Claire: offered by the finder ⇔ accepted by booking."""
    day = "2026-01-06"
    site.book("jp", f"{day} 10:00", type_code="ACC")  # Claire 10:00–10:45 + 15 min buffer
    site.book("kevin", f"{day} 14:00", counsellor="mamadou", room=site.rooms["b1"].id)  # her office taken
    site.book("eloise", f"{day} 11:30", counsellor="mamadou")  # the youth busy elsewhere
    site.book("aissatou", f"{day} 15:00", counsellor="mamadou", type_code="TEL")
    site.services.directory.add_absence(
        actor=site.admin,
        staff_id=site.staff["claire"].id,
        start=wall(f"{day} 16:00"),
        end=wall(f"{day} 16:30"),
    )
    found = site.services.slots.find(
        type_code=type_code,
        counsellor="lefevre",
        youth_id=site.youths[youth].id,
        start=date(2026, 1, 6),
        count=60,
    )
    offered = {f"{s.start:%H:%M}": s for s in found if s.start.date() == date(2026, 1, 6)}
    assert offered, "some slots that day"
    bookable = set()
    t = wall(f"{day} 08:00")
    while t < wall(f"{day} 18:00"):
        try:
            a = site.book(youth, f"{t:%Y-%m-%d %H:%M}", type_code=type_code)
        except DomainError:
            pass
        else:
            bookable.add(f"{t:%H:%M}")
            if f"{t:%H:%M}" in offered:
                assert a.room_id == offered[f"{t:%H:%M}"].room_id
            site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)
        t += timedelta(minutes=15)
    assert set(offered) == bookable


def test_no_slot_with_a_counsellor_who_left(site: TestSite) -> None:
    site.services.directory.update_staff(actor=site.admin, staff_id=site.staff["sophie"].id, active=False)
    with pytest.raises(InputError, match="Sophie Martin ne reçoit pas"):
        site.services.slots.find(type_code="SUIVI", counsellor=site.staff["sophie"].id)
    anyone = site.services.slots.find(type_code="SUIVI", start=date(2026, 1, 5), count=200)
    assert "Sophie Martin" not in {s.counsellor_name for s in anyone}


def _store_office_rows(site: TestSite, rows: list[tuple[str, str, str, int]]) -> None:
    """Appointments of the site lead written as stored rows (not through the rules), one per (office,
    start, end, buffer): the counsellors stay free, the offices do not."""
    from mlplanner.storage.tables import Appointment

    with site.services.ctx.write() as session:
        for room, start, end, buffer in rows:
            session.add(
                Appointment(
                    site_id=site.site.id,
                    youth_id=site.youths["kevin"].id,
                    counsellor_id=site.staff["bernard"].id,
                    room_id=site.rooms[room].id,
                    type_id=site.types["SUIVI"].id,
                    start=wall(start),
                    end=wall(end),
                    buffer_min=buffer,
                    status="booked",
                )
            )


def test_a_day_whose_offices_are_full_but_for_one_gap_offers_that_gap(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every office taken on Tuesday 06/01 except Bureau 3 from 10:15 to 10:45 (after a buffer): exactly
    a 30-minute interview. Bureau 2's gap is one microsecond short of it; an appointment of the day
    before runs past midnight into Bureau 1's morning. The offices' busy starts are computed straight
    from their rows on SQLite and by the server on PostgreSQL (`storage.pg_busy`): the same slots as
    filing each span per day (the reading kept on other engines)."""
    _store_office_rows(
        site,
        [
            ("b1", "2026-01-05 22:00", "2026-01-06 08:59:59.999999", 1),
            ("b1", "2026-01-06 09:00", "2026-01-06 12:00:00.000001", 0),
            ("b1", "2026-01-06 12:00:00.000001", "2026-01-06 18:00", 0),
            ("b2", "2026-01-06 08:00", "2026-01-06 14:30:00.000001", 0),
            ("b2", "2026-01-06 15:00:00", "2026-01-06 19:00", 0),
            ("b3", "2026-01-06 08:00", "2026-01-06 10:00", 15),
            ("b3", "2026-01-06 10:45", "2026-01-06 17:59:59", 0),
        ],
    )

    def find() -> list[str]:
        found = site.services.slots.find(type_code="SUIVI", start=date(2026, 1, 6), count=3)
        return [f"{s.start:%d %H:%M} {s.room_name}" for s in found]

    new = find()
    assert new == ["06 10:15 Bureau 3", "07 09:00 Bureau 1", "07 09:15 Bureau 1"]
    from mlplanner.services.booking import slots as finder

    monkeypatch.setattr(finder, "sqlite_spans", lambda *a, **k: None)  # every span filed
    monkeypatch.setattr(finder, "pg_busy_starts", lambda *a, **k: None)  # on the server too
    assert find() == new
    # one more second taken: the day has no slot left
    _store_office_rows(site, [("b3", "2026-01-06 10:44:59", "2026-01-06 10:45", 0)])
    assert not find()[0].startswith("06")


def test_counsellors_busy_starts_read_from_their_rows_give_the_slots_of_the_spans_filed(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counsellors' busy starts (and each day's load, which ranks them) are computed straight from
    their rows on SQLite and by the server on PostgreSQL, as the offices' are: the same slots as filing
    each span per day (the reading kept on other engines), for every kind of search. Rows stored as they are (not
    through the rules): a second person, a buffer, odd seconds, a span of no length, one across
    midnight, the young person's own appointment with someone else, a day loaded for one counsellor."""
    from mlplanner.storage.tables import Appointment

    ids = site.staff
    rows = [
        # (counsellor, second, youth, start, end, buffer)
        ("claire", "mamadou", "eloise", "2026-01-06 09:00", "2026-01-06 09:45", 15),
        ("claire", None, "kevin", "2026-01-05 22:00", "2026-01-06 09:29:59.000001", 0),
        ("mamadou", None, "aissatou", "2026-01-06 10:07:13", "2026-01-06 10:52:01", 5),
        ("mamadou", None, "jp", "2026-01-06 11:00", "2026-01-06 11:00", 0),
        ("sophie", "claire", "kevin", "2026-01-06 11:30", "2026-01-06 12:00", 0),
        ("bernard", None, "kevin", "2026-01-06 14:00", "2026-01-06 14:30", 10),
        *[("claire", None, "jp", f"2026-01-08 {h}:00", f"2026-01-08 {h}:20", 0) for h in (14, 15, 16)],
    ]
    with site.services.ctx.write() as session:
        for who, second, youth, start, end, buffer in rows:
            session.add(
                Appointment(
                    site_id=site.site.id,
                    youth_id=site.youths[youth].id,
                    counsellor_id=ids[who].id,
                    second_staff_id=ids[second].id if second else None,
                    room_id=None,
                    type_id=site.types["TEL"].id,
                    start=wall(start),
                    end=wall(end),
                    buffer_min=buffer,
                    status="booked",
                )
            )

    def searches() -> list[list[str]]:
        out = []
        for kw in (
            {"type_code": "SUIVI"},
            {"type_code": "TEL"},
            {"type_code": "ACC", "youth_id": site.youths["kevin"].id},
            {"type_code": "SUIVI", "youth_id": site.youths["eloise"].id},
            {"type_code": "SUIVI", "second_staff": ids["mamadou"].id},
            {"type_code": "TEL", "counsellor": ids["claire"].id, "youth_id": site.youths["jp"].id},
        ):
            found = site.services.slots.find(start=date(2026, 1, 6), count=60, **kw)  # type: ignore[arg-type]
            out.append([f"{s.start:%d %H:%M} {s.counsellor_name} {s.room_name}" for s in found])
        return out

    new = searches()
    from mlplanner.services.booking import slots as finder

    monkeypatch.setattr(finder, "sqlite_spans", lambda *a, **k: None)  # every span filed
    monkeypatch.setattr(finder, "pg_busy_starts", lambda *a, **k: None)  # on the server too
    assert searches() == new
    assert "06 09:00 Claire Lefèvre Bureau 1" not in new[0]  # busy as the counsellor, then the second
