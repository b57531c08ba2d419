"""The schedule read model (`services.schedule`): which columns a site's day or a person's week has, when
each is open, and what sits in which column. The day view and the printed schedules both read it
(tests/printing_service/test_screen_and_paper.py checks that they show the same columns).

The test site (tests/support.py): Claire full time, Mamadou every day but Wednesday, Sophie Monday,
Tuesday and Thursday mornings, Bernard site lead, Karima receptionist; open Monday to Friday with a
lunch break, and Saturday morning.
"""

from __future__ import annotations

from datetime import date, datetime, time

from mlplanner.domain.intervals import Interval
from mlplanner.services.schedule.model import ColumnKind
from mlplanner.services.workshops.service import SeriesDraft
from support import TestSite, wall

MONDAY = date(2026, 1, 12)
WEDNESDAY = date(2026, 1, 14)


def titles(schedule) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.title for c in schedule.columns]


def test_a_day_shows_who_works_and_not_the_site_lead_with_an_empty_diary(site: TestSite) -> None:
    sv = site.services
    assert titles(sv.schedule.day(MONDAY)) == ["Mamadou Diallo", "Claire Lefèvre", "Sophie Martin"]
    assert titles(sv.schedule.day(WEDNESDAY)) == ["Claire Lefèvre"]  # Mamadou and Sophie do not work
    site.book("kevin", "2026-01-14 10:00", counsellor="bernard")  # the site lead receives someone
    sv.workshops.create_series(  # and Mamadou runs a workshop on his day off
        actor=site.lead,
        draft=SeriesDraft(
            title="Atelier CV",
            start=wall("2026-01-14 14:00"),
            duration_min=60,
            capacity=10,
            rrule="FREQ=WEEKLY;COUNT=1",
            room=site.rooms["atelier"].id,
            facilitator=site.staff["mamadou"].id,
        ),
    )
    day = sv.schedule.day(WEDNESDAY)
    assert titles(day) == ["Mamadou Diallo", "Claire Lefèvre", "Bernard Lemoine"]
    mamadou = day.columns[0]
    assert not mamadou.works and mamadou.open == () and mamadou.site_open  # shown, but shaded
    assert {day.columns[i.column].title for i in day.items} == {"Bernard Lemoine", "Mamadou Diallo"}


def test_a_column_is_open_when_the_person_works_and_is_not_absent(site: TestSite) -> None:
    sv = site.services
    sv.directory.add_absence(
        actor=site.lead,
        staff_id=site.staff["claire"].id,
        start=wall("2026-01-12 14:00"),
        end=wall("2026-01-12 16:00"),
        reason="formation",
    )
    day = sv.schedule.day(MONDAY)
    claire = next(c for c in day.columns if c.title == "Claire Lefèvre")
    sophie = next(c for c in day.columns if c.title == "Sophie Martin")
    at = lambda hm: datetime.combine(MONDAY, time.fromisoformat(hm))  # noqa: E731
    assert claire.open == (
        Interval(at("09:00"), at("12:30")),
        Interval(at("13:30"), at("14:00")),
        Interval(at("16:00"), at("17:30")),
    )
    assert claire.absences == ((Interval(at("14:00"), at("16:00")), "formation"),)
    assert sophie.open == (Interval(at("09:00"), at("12:30")),)  # mornings only
    assert claire.subtitle == "Bureau 1" and day.window() == (time(9), time(17, 30))


def test_on_a_public_holiday_the_counsellors_are_shown_closed(site: TestSite) -> None:
    day = site.services.schedule.day(date(2026, 5, 1))
    assert titles(day) == ["Mamadou Diallo", "Claire Lefèvre", "Sophie Martin"]
    assert all(c.closed and c.closed.holiday == "Fête du Travail" and not c.open for c in day.columns)
    site.services.directory.add_closure(
        actor=site.lead, start=date(2026, 1, 19), end=date(2026, 1, 19), reason="inventaire"
    )
    closed = site.services.schedule.day(date(2026, 1, 19)).columns[0].closed
    assert closed is not None and closed.closure == "inventaire" and closed.holiday is None


def test_by_room_what_holds_no_room_gets_its_own_column(site: TestSite) -> None:
    sv = site.services
    day = sv.schedule.day(MONDAY, ColumnKind.ROOM)
    assert titles(day) == ["Bureau 1", "Bureau 2", "Bureau 3", "Salle d'atelier"]  # nothing without a room
    assert [c.subtitle for c in day.columns] == ["3 places", "3 places", "2 places", "12 places"]
    call = site.book("kevin", "2026-01-12 10:00", type_code="TEL")
    visit = site.book("eloise", "2026-01-12 10:00", counsellor="mamadou")
    day = sv.schedule.day(MONDAY, ColumnKind.ROOM)
    assert titles(day)[-1] == "Sans salle" and day.columns[-1].kind is ColumnKind.NO_ROOM
    where = {i.appointment.id: day.columns[i.column].title for i in day.items if i.appointment}
    assert where == {call.id: "Sans salle", visit.id: "Bureau 2"}


def test_workshop_sessions_sit_in_their_room_and_facilitators_columns(site: TestSite) -> None:
    sv = site.services
    sv.workshops.create_series(
        actor=site.lead,
        draft=SeriesDraft(
            title="Atelier CV",
            start=wall("2026-01-12 14:00"),
            duration_min=90,
            capacity=10,
            rrule="FREQ=WEEKLY;COUNT=1",
            room=site.rooms["atelier"].id,
            facilitator=site.staff["claire"].id,
            co_facilitator=site.staff["karima"].id,  # a receptionist helping: she gets a column that day
        ),
    )
    day = sv.schedule.day(MONDAY)
    holders = sorted(day.columns[i.column].title for i in day.items if i.activity)
    assert holders == ["Claire Lefèvre", "Karima Haddou"]
    rooms = sv.schedule.day(MONDAY, ColumnKind.ROOM)
    assert [rooms.columns[i.column].title for i in rooms.items if i.activity] == ["Salle d'atelier"]
    activity = next(i.activity for i in rooms.items if i.activity)
    assert (activity.title, activity.taken, activity.seats) == ("Atelier CV", 0, 10)


def test_a_week_has_the_days_the_site_opens(site: TestSite) -> None:
    sv = site.services
    sophie = site.staff["sophie"].id
    week = sv.schedule.week(MONDAY, ColumnKind.COUNSELLOR, sophie)
    assert [c.day.weekday() for c in week.columns] == [0, 1, 2, 3, 4, 5]  # Monday to Saturday
    assert [c.works for c in week.columns] == [True, True, False, True, False, False]
    booked = site.book("kevin", "2026-01-13 09:30", counsellor="sophie")
    week = sv.schedule.week(MONDAY, ColumnKind.COUNSELLOR, sophie)
    assert [(week.columns[i.column].day, i.appointment.id) for i in week.items] == [
        (booked.start.date(), booked.id)
    ]
    room = sv.schedule.week(MONDAY, ColumnKind.ROOM, site.rooms["b3"].id)
    assert [i.appointment.id for i in room.items] == [booked.id]  # Sophie's office


def test_a_day_or_week_read_alone_shows_the_same_absences_as_a_whole_frame(site: TestSite) -> None:
    """A print reads its frame for its own days only (issue 19: years of absences on a network site):
    absences that start before the day, end after it, or touch it only at midnight come out the same."""
    sv = site.services
    claire, mamadou = site.staff["claire"].id, site.staff["mamadou"].id
    for who, start, end, reason in (
        (claire, "2026-01-09 14:00", "2026-01-12 11:00", "congé"),  # from the Friday before
        (claire, "2026-01-12 16:00", "2026-01-12 17:00", "réunion"),
        (mamadou, "2026-01-10 09:00", "2026-01-12 00:00", "week-end"),  # ends as Monday begins
        (mamadou, "2026-01-16 15:00", "2026-01-20 12:00", "formation"),  # into the next week
        (mamadou, "2025-06-02 09:00", "2025-06-30 17:00", "maladie"),  # long before
    ):
        sv.directory.add_absence(
            actor=site.lead, staff_id=who, start=wall(start), end=wall(end), reason=reason
        )
    whole = sv.schedule.frame()
    for day in (date(2026, 1, 9), MONDAY, date(2026, 1, 16), date(2026, 1, 19)):
        alone, full = sv.schedule.day(day), sv.schedule.day(day, frame=whole)
        assert [(c.title, c.open, c.absences) for c in alone.columns] == [
            (c.title, c.open, c.absences) for c in full.columns
        ]
    for who in (claire, mamadou):
        for monday in (date(2026, 1, 5), MONDAY, date(2026, 1, 19)):
            alone, full = (
                sv.schedule.week(monday, "counsellor", who),
                sv.schedule.week(monday, "counsellor", who, frame=whole),
            )
            assert [(c.title, c.open, c.absences) for c in alone.columns] == [
                (c.title, c.open, c.absences) for c in full.columns
            ]
    monday_claire = next(c for c in sv.schedule.day(MONDAY).columns if c.title == "Claire Lefèvre")
    assert [r for _iv, r in monday_claire.absences] == ["congé", "réunion"]
    monday_only = sv.schedule.frame(days=(MONDAY, MONDAY)).absences
    assert monday_only.get(mamadou, ()) == ()  # the week-end ends as Monday begins; June is long gone
    assert [r for _s, _e, r in monday_only[claire]] == ["congé", "réunion"]
