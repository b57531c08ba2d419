"""Creating series: holidays and closures skipped, clashes listed or skipped, sessions as busy time."""

from __future__ import annotations

from datetime import date, time

import pytest

from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.domain.wallclock import to_utc
from mlplanner.services.workshops.service import SeriesDraft
from support import wall

from .helpers import draft, make_series


def test_weekly_series_across_dst_keeps_ten_o_clock(site):
    res = make_series(site, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    assert [s.start.date().day for s in res.sessions] == [16, 23, 30, 6]
    assert {s.start.time() for s in res.sessions} == {time(10, 0)}
    assert {s.end.time() for s in res.sessions} == {time(12, 0)}
    assert [to_utc(s.start, "Europe/Paris").hour for s in res.sessions] == [9, 9, 8, 8]
    stored = site.services.workshops.sessions_between(date(2027, 3, 29), date(2027, 4, 4))
    assert [s.start for s in stored] == [wall("2027-03-30 10:00")]


def test_holiday_skipping_2027_lists_each_date(site):
    res = make_series(
        site,
        start="2027-03-22 14:00",
        rrule="FREQ=WEEKLY;BYDAY=MO,WE,TH;UNTIL=20271112",
        title="Coaching recherche d'emploi",
    )
    skipped = {k.start.date(): k.reason for k in res.skipped}
    assert set(skipped) == {
        date(2027, 3, 29),
        date(2027, 5, 6),
        date(2027, 5, 17),
        date(2027, 7, 14),
        date(2027, 11, 1),
        date(2027, 11, 11),
    }
    assert "Lundi de Pentecôte" in skipped[date(2027, 5, 17)]
    assert "Fête nationale" in skipped[date(2027, 7, 14)]
    days = {s.start.date() for s in res.sessions}
    assert not days & set(skipped)
    assert len(res.sessions) == len(site.services.workshops.series_sessions(res.series.id))


def test_site_closure_is_skipped(site):
    site.services.directory.add_closure(
        actor=site.admin, start=date(2027, 3, 22), end=date(2027, 3, 26), reason="déménagement"
    )
    res = make_series(site)
    assert [k.code for k in res.skipped] == ["closure"]
    assert "déménagement" in res.skipped[0].reason
    assert len(res.sessions) == 3


def test_clash_with_an_appointment_refuses_then_skips(site):
    site.book("kevin", "2027-03-23 10:30", counsellor="claire")
    with pytest.raises(RuleViolation) as err:
        make_series(site)
    assert err.value.code == "workshop_clash"
    assert "mardi 23/03/2027" in err.value.message and "Claire Lefèvre" in err.value.message
    assert "Rien n'a été modifié" in err.value.message
    assert site.services.workshops.series_list() == []
    res = make_series(site, skip_clashes=True)
    assert [s.start.day for s in res.sessions] == [16, 30, 6]
    assert [(k.code, k.start.day) for k in res.skipped] == [("clash", 23)]
    assert "rendez-vous de 10:30 à 11:00" in res.skipped[0].reason


def test_room_clash_with_another_workshop_and_absence(site):
    make_series(site)
    with pytest.raises(RuleViolation) as err:
        make_series(site, title="Numérique", facilitator=site.staff["mamadou"].id, rrule="FREQ=DAILY;COUNT=1")
    assert "la salle « Salle d'atelier » est prise par l'atelier « Atelier CV »" in err.value.message
    site.services.directory.add_absence(
        actor=site.admin,
        staff_id=site.staff["mamadou"].id,
        start=wall("2027-03-17 08:00"),
        end=wall("2027-03-17 18:00"),
    )
    with pytest.raises(RuleViolation) as err:
        make_series(
            site,
            title="Numérique",
            start="2027-03-17 10:00",
            rrule="FREQ=DAILY;COUNT=1",
            room=None,
            facilitator=site.staff["mamadou"].id,
        )
    assert "Mamadou Diallo est absent(e)" in err.value.message


def test_sessions_are_busy_time_for_booking_and_free_slots(site):
    make_series(site, rrule="FREQ=DAILY;COUNT=1")
    with pytest.raises(RuleViolation) as err:
        site.book("kevin", "2027-03-16 11:00", counsellor="claire")
    assert err.value.code == "counsellor_overlap" and "Atelier CV" in err.value.message
    slots = site.services.slots.find(
        type_code="SUIVI", counsellor=site.staff["claire"].id, start=wall("2027-03-16 09:00"), count=8
    )
    starts = [s.start for s in slots]
    assert wall("2027-03-16 09:30") in starts
    assert not any(wall("2027-03-16 09:31") <= s < wall("2027-03-16 12:00") for s in starts)
    assert wall("2027-03-16 12:00") in starts


def test_registered_youth_is_busy_for_the_slot_finder(site):
    res = make_series(site, rrule="FREQ=DAILY;COUNT=1", facilitator=site.staff["mamadou"].id)
    site.services.registrations.register(
        actor=site.receptionist, session_id=res.sessions[0].id, youth_id=site.youths["kevin"].id
    )
    slots = site.services.slots.find(
        type_code="SUIVI",
        counsellor=site.staff["claire"].id,
        youth_id=site.youths["kevin"].id,
        start=wall("2027-03-16 09:00"),
        count=6,
    )
    assert not any(wall("2027-03-16 09:31") <= s.start < wall("2027-03-16 12:00") for s in slots)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"rrule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301"}, "no_date"),  # the rule ends before it starts
        ({"duration_min": 0}, "bad_duration"),
        ({"title": "  "}, "empty_title"),
        ({"capacity": 0}, "bad_capacity"),
        ({"capacity": 30}, "room_capacity"),
        ({"start": "2027-03-16 23:00"}, "multi_day"),
        ({"start": "2025-03-16 10:00"}, "in_past"),
    ],
)
def test_bad_series_input_changes_nothing(site, changes, code):
    with pytest.raises((InputError, RuleViolation)) as err:
        make_series(site, **changes)
    assert err.value.code == code
    assert err.value.message and err.value.message[0].isupper()
    assert site.services.workshops.series_list() == []


def test_only_site_leads_manage_workshops(site):
    with pytest.raises(PermissionDenied):
        site.services.workshops.create_series(actor=site.receptionist, draft=draft(site))
    preview = site.services.workshops.preview_series(draft(site, rrule="FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4"))
    assert len(preview.starts) == 4 and preview.rule_fr == "chaque semaine le mardi et le jeudi, 4 séances"
    assert site.services.workshops.series_list() == []


def test_series_info_edit_is_audited(site):
    res = make_series(site)
    out = site.services.workshops.update_series_info(
        actor=site.lead, series_id=res.series.id, title="Atelier CV et lettre"
    )
    assert out.series.title == "Atelier CV et lettre"
    assert {
        s.title for s in site.services.workshops.sessions_between(date(2027, 3, 1), date(2027, 4, 30))
    } == {"Atelier CV et lettre"}


def test_draft_defaults_to_a_one_off_workshop(site):
    res = site.services.workshops.create_series(
        actor=site.lead,
        draft=SeriesDraft(title="Info santé", start=wall("2027-03-18 14:00"), duration_min=90, capacity=8),
    )
    assert len(res.sessions) == 1 and res.sessions[0].room_id is None


def test_daily_series_skips_the_days_the_site_is_closed_and_says_why(site):
    """Issue #13: the test site opens Monday–Saturday morning; a daily series from Friday 19 March 2027
    gets Friday, Saturday (10:00 is inside Saturday's 09:00–12:00), and Monday — never Sunday."""
    res = make_series(site, start="2027-03-19 10:00", duration_min=90, rrule="FREQ=DAILY;COUNT=4")
    assert [s.start.day for s in res.sessions] == [19, 20, 22]
    assert [(k.code, k.start.day) for k in res.skipped] == [("closed_day", 21)]
    assert res.skipped[0].reason == "dimanche 21/03/2027 : le site est fermé le dimanche"


def test_series_outside_opening_hours_skips_those_dates_and_says_why(site):
    """An afternoon series reaching Saturday: the site closes at noon on Saturdays."""
    res = make_series(site, start="2027-03-19 14:00", rrule="FREQ=DAILY;COUNT=3")
    assert [s.start.day for s in res.sessions] == [19]
    assert [(k.code, k.start.day) for k in res.skipped] == [("outside_hours", 20), ("closed_day", 21)]
    assert "14:00–16:00 en dehors des horaires d'ouverture (09:00–12:00)" in res.skipped[0].reason


def test_series_at_night_creates_nothing_and_says_why(site):
    with pytest.raises(RuleViolation) as err:
        make_series(site, start="2027-03-16 02:30", rrule="FREQ=DAILY;COUNT=3")
    assert err.value.code == "no_session_left"
    assert "02:30–04:30 en dehors des horaires d'ouverture" in err.value.message
    assert site.services.workshops.series_list() == []


def test_a_workshop_may_run_over_the_lunch_break(site):
    res = make_series(site, start="2027-03-16 11:30", rrule="FREQ=DAILY;COUNT=1")
    assert [s.start.hour for s in res.sessions] == [11]
