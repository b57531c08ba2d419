"""Registrations: seats, waiting list order and promotion, window, duplicates, attendance, merge."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.services.workshops.terms import Attendance, ReferralKind, RegistrationStatus
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.workshop_tables import WorkshopRegistration
from support import wall

from .helpers import make_series, register, set_clock


def _count_registrations(t) -> int:
    with t.services.ctx.read() as s:
        return s.execute(select(func.count()).select_from(WorkshopRegistration)).scalar_one()


def test_waiting_list_is_promoted_in_order(site):
    ws = site.services.workshops
    registrations = site.services.registrations
    extra = site.services.youths.add(
        actor=site.admin, draft=YouthDraft(first_name="Léa", last_name="Roux")
    ).youth
    site.youths["lea"] = extra
    sid = make_series(site, capacity=1).sessions[0].id
    first = register(site, sid, "kevin").registration
    assert first.status is RegistrationStatus.CONFIRMED and first.referral is ReferralKind.SELF
    with pytest.raises(RuleViolation) as err:
        register(site, sid, "eloise")
    assert err.value.code == "session_full" and "complète (1/1)" in err.value.message
    waits = [register(site, sid, y, waitlist_ok=True) for y in ("eloise", "jp", "lea")]
    assert [w.registration.waitlist_rank for w in waits] == [1, 2, 3]
    assert "rang 2" in waits[1].notices[0]
    roster = ws.roster(sid)
    assert [r.youth_name for r in roster.waitlist] == ["LŒUVRE Éloïse", "MARTIN Jean-Pierre", "ROUX Léa"]
    # the second in line cancels: nobody moves up a seat, the order closes up
    registrations.cancel_registration(actor=site.receptionist, registration_id=waits[1].registration.id)
    out = registrations.cancel_registration(
        actor=site.receptionist, registration_id=first.id, reason="malade"
    )
    assert [p.youth_name for p in out.promoted] == ["LŒUVRE Éloïse"]
    assert "LŒUVRE Éloïse" in out.notices[0] and "mardi 16/03/2027 à 10:00" in out.notices[0]
    roster = ws.roster(sid)
    assert [r.youth_name for r in roster.registered] == ["LŒUVRE Éloïse"]
    assert [(r.youth_name, r.waitlist_rank) for r in roster.waitlist] == [("ROUX Léa", 1)]
    out = registrations.cancel_registration(actor=site.receptionist, registration_id=roster.registered[0].id)
    assert [p.youth_name for p in out.promoted] == ["ROUX Léa"]
    # cancelling someone waiting frees no seat and promotes no one
    again = register(site, sid, "kevin", waitlist_ok=True).registration
    assert registrations.cancel_registration(actor=site.receptionist, registration_id=again.id).promoted == ()


def test_same_youth_twice_is_refused_and_nothing_changes(site):
    sid = make_series(site).sessions[0].id
    register(site, sid, "kevin")
    before = _count_registrations(site)
    with pytest.raises(RuleViolation) as err:
        register(site, sid, "kevin")
    assert err.value.code == "already_registered"
    assert err.value.message == (
        "KONÉ Kévin figure déjà sur la séance du mardi 16/03/2027 à 10:00 (inscrit(e)) : "
        "une seule inscription par personne."
    )
    assert _count_registrations(site) == before


def test_cancelled_and_past_sessions_refuse_registration(site):
    sessions = site.services.sessions
    res = make_series(site)
    sessions.cancel_session(actor=site.lead, session_id=res.sessions[1].id, reason="grève")
    with pytest.raises(RuleViolation) as err:
        register(site, res.sessions[1].id, "kevin")
    assert err.value.code == "session_cancelled" and "annulée" in err.value.message
    set_clock(site, "2027-03-16 13:00")
    with pytest.raises(RuleViolation) as err:
        register(site, res.sessions[0].id, "kevin")
    assert err.value.code == "session_past" and "back-office" in err.value.message
    with pytest.raises(PermissionDenied):
        register(site, res.sessions[0].id, "kevin", back_office=True)
    assert _count_registrations(site) == 0
    late = register(site, res.sessions[0].id, "kevin", back_office=True, actor=site.lead).registration
    assert late.back_office and late.status is RegistrationStatus.CONFIRMED


def test_registration_window_closes_before_the_start(site):
    ws = site.services.workshops
    res = make_series(site)
    ws.update_series_info(actor=site.lead, series_id=res.series.id, registration_close_min=24 * 60)
    set_clock(site, "2027-03-15 11:00")
    with pytest.raises(RuleViolation) as err:
        register(site, res.sessions[0].id, "kevin")
    assert "closes depuis le 15/03/2027 à 10:00" in err.value.message
    assert register(site, res.sessions[1].id, "kevin").registration.status is RegistrationStatus.CONFIRMED


def test_youth_with_an_appointment_at_that_time_is_refused(site):
    sid = make_series(site, facilitator=site.staff["mamadou"].id).sessions[0].id
    site.book("kevin", "2027-03-16 11:00", counsellor="claire")
    with pytest.raises(RuleViolation) as err:
        register(site, sid, "kevin")
    assert err.value.code == "youth_overlap" and "rendez-vous de 11:00 à 11:30" in err.value.message


def test_bulk_registration_is_all_or_nothing(site):
    registrations = site.services.registrations
    res = make_series(site, capacity=1)
    ids = [s.id for s in res.sessions]
    register(site, ids[2], "eloise")
    with pytest.raises(RuleViolation):
        registrations.register_many(
            actor=site.receptionist, youth_id=site.youths["kevin"].id, session_ids=ids
        )
    assert _count_registrations(site) == 1
    out = registrations.register_many(
        actor=site.receptionist,
        youth_id=site.youths["kevin"].id,
        session_ids=ids,
        waitlist_ok=True,
        prescriber=site.staff["claire"].id,
    )
    assert [r.status for r in out.registrations] == ["confirmed", "confirmed", "waitlisted", "confirmed"]
    assert {r.referral for r in out.registrations} == {ReferralKind.PRESCRIBED}
    assert len(out.notices) == 1 and "30/03/2027" in out.notices[0]


def test_attendance_is_recorded_only_once_started_and_never_by_itself(site):
    ws = site.services.workshops
    registrations = site.services.registrations
    sid = make_series(site).sessions[0].id
    regs = [register(site, sid, y).registration for y in ("kevin", "eloise", "jp")]
    with pytest.raises(RuleViolation) as err:
        registrations.set_attendance(
            actor=site.receptionist, registration_id=regs[0].id, attendance="present"
        )
    assert err.value.code == "not_started"
    set_clock(site, "2027-03-16 10:10")
    with pytest.raises(InputError):
        registrations.set_attendance(
            actor=site.receptionist, registration_id=regs[0].id, attendance="sleeping"
        )
    registrations.set_attendances(
        actor=site.receptionist, marks={regs[0].id: Attendance.PRESENT, regs[1].id: Attendance.EXCUSED}
    )
    set_clock(site, "2027-03-20 10:00")
    roster = ws.roster(sid)
    assert {r.youth_name: r.attendance for r in roster.registered} == {
        "KONÉ Kévin": Attendance.PRESENT,
        "LŒUVRE Éloïse": Attendance.EXCUSED,
        "MARTIN Jean-Pierre": Attendance.NONE,  # days later, still not absent by itself
    }
    assert roster.session.attended == 1 and roster.session.recorded == 2


def test_waiting_youth_cannot_be_marked_present(site):
    registrations = site.services.registrations
    sid = make_series(site, capacity=1).sessions[0].id
    register(site, sid, "kevin")
    waiting = register(site, sid, "eloise", waitlist_ok=True).registration
    set_clock(site, "2027-03-16 10:10")
    with pytest.raises(RuleViolation) as err:
        registrations.set_attendance(
            actor=site.receptionist, registration_id=waiting.id, attendance="present"
        )
    assert "liste d'attente" in err.value.message


def test_merging_youths_moves_registrations(site):
    ws = site.services.workshops
    res = make_series(site, capacity=5)
    s1, s2 = res.sessions[0].id, res.sessions[1].id
    register(site, s1, "jp")
    register(site, s1, "kevin")
    register(site, s2, "jp")
    site.services.youths.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id=site.youths["jp"].id)
    r1, r2 = ws.roster(s1), ws.roster(s2)
    assert [r.youth_name for r in r1.registered] == ["KONÉ Kévin"]
    assert len(r1.cancelled) == 1 and "fusionnées" in r1.cancelled[0].cancel_reason
    assert [r.youth_name for r in r2.registered] == ["KONÉ Kévin"]
    history = ws.youth_registrations(site.youths["kevin"].id)
    assert [h.session.start for h in history if h.registration.status == "confirmed"] == [
        wall("2027-03-23 10:00"),
        wall("2027-03-16 10:00"),
    ]


def test_workshops_show_in_the_youth_file_with_attendance(site):
    registrations = site.services.registrations
    res = make_series(site, capacity=1)
    first, second = res.sessions[0].id, res.sessions[1].id
    reg = register(site, first, "kevin").registration
    register(site, second, "eloise")
    register(site, second, "kevin", waitlist_ok=True)
    set_clock(site, "2027-03-16 10:30")
    registrations.set_attendance(actor=site.receptionist, registration_id=reg.id, attendance="absent")
    summary = site.services.followup.youth_summary(site.youths["kevin"].id)
    workshops = [a for a in summary.history if a.kind == "workshop"]
    assert [(a.start.day, a.status_label, a.attended, a.upcoming) for a in workshops] == [
        (23, "liste d'attente", None, False),  # no seat: neither attended nor planned hours
        (16, "absent(e)", False, False),
    ]
    assert workshops[1].with_whom == "Claire Lefèvre" and workshops[1].place == "Salle d'atelier"
    assert summary.attendance.missed == 1
