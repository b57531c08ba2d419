"""Editing sessions: this one / this and following / the whole series, new rules, cancel, close, reopen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.services.workshops.terms import Attendance, EditScope, SessionState
from mlplanner.storage.tables import AuditEntry
from mlplanner.storage.workshop_tables import WorkshopSeries
from support import wall

from .helpers import make_series, register, set_clock

SIX_TUESDAYS = "FREQ=WEEKLY;BYDAY=TU;COUNT=6"  # 16/03 .. 20/04/2027


def _series_rows(t):
    with t.services.ctx.read() as s:
        return list(s.exec(select(WorkshopSeries).order_by(WorkshopSeries.first_start)).scalars())


def test_this_and_following_edit_keeps_registrations(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site, rrule=SIX_TUESDAYS)
    s1, s2, s3, s4, s5, s6 = res.sessions
    r3 = register(site, s3.id, "kevin").registration
    r5 = register(site, s5.id, "eloise", prescriber=site.staff["mamadou"].id).registration
    sessions.edit_session(actor=site.lead, session_id=s4.id, start=wall("2027-04-06 14:00"))  # s4 on its own
    sessions.cancel_session(actor=site.lead, session_id=s6.id, reason="formateur indisponible")
    out = sessions.edit_session(
        actor=site.lead, session_id=s3.id, scope=EditScope.FOLLOWING, start=wall("2027-03-31 09:30")
    )
    assert any("Prévenez les 2 jeune(s)" in n for n in out.notices)
    after = {v.id: v for v in ws.series_sessions(res.series.id)}
    assert after[s1.id].start == wall("2027-03-16 10:00") and after[s2.id].start == wall("2027-03-23 10:00")
    assert after[s3.id].start == wall("2027-03-31 09:30")  # Wednesday, new time
    assert after[s5.id].start == wall("2027-04-14 09:30")
    assert after[s4.id].start == wall("2027-04-06 14:00")  # edited on its own: left alone
    assert after[s6.id].state is SessionState.CANCELLED
    assert [r.id for r in ws.roster(s3.id).registered] == [r3.id]
    assert [r.id for r in ws.roster(s5.id).registered] == [r5.id]
    assert ws.roster(s5.id).registered[0].prescriber_name == "Mamadou Diallo"
    # the series is split: the first part stops before 31/03, the second one starts there (same root)
    first, second = _series_rows(site)
    assert first.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270323T100000"
    assert second.first_start == wall("2027-03-31 09:30") and second.root_id == first.id
    assert second.rrule == "FREQ=WEEKLY;BYDAY=TU;COUNT=4"
    assert after[s6.id].series_id == second.id
    # a new rule for the second part (one more date) does not bring back the cancelled 21/04
    grown = ws.change_rule(actor=site.lead, series_id=second.id, rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=5")
    dates = {v.original_start.date(): v.state for v in grown.sessions}
    assert dates[date(2027, 4, 21)] is SessionState.CANCELLED
    assert dates[date(2027, 4, 28)] is SessionState.UPCOMING
    assert len(ws.series_sessions(res.series.id)) == 7
    assert {s.title for s in ws.series_sessions(second.id)} == {"Atelier CV"}


def test_whole_series_time_change_without_past_sessions_moves_the_rule(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site)
    sessions.edit_session(
        actor=site.lead, session_id=res.sessions[1].id, scope=EditScope.SERIES, start=wall("2027-03-23 14:00")
    )
    assert [v.start.hour for v in ws.series_sessions(res.series.id)] == [14, 14, 14, 14]
    (row,) = _series_rows(site)
    assert row.first_start == wall("2027-03-16 14:00") and row.rrule == "FREQ=WEEKLY;BYDAY=TU;COUNT=4"


def test_series_edit_spares_past_sessions(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site)
    set_clock(site, "2027-03-20 09:00")
    out = sessions.edit_session(
        actor=site.lead, session_id=res.sessions[2].id, scope=EditScope.SERIES, start=wall("2027-03-30 11:00")
    )
    assert [v.start for v in out.sessions] == [
        wall("2027-03-23 11:00"),
        wall("2027-03-30 11:00"),
        wall("2027-04-06 11:00"),
    ]
    assert ws.session(res.sessions[0].id).start == wall("2027-03-16 10:00")


def test_moving_one_session_checks_clashes_and_can_skip_nothing_silently(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site)
    site.book("kevin", "2027-03-24 10:00", counsellor="claire")
    with pytest.raises(RuleViolation) as err:
        sessions.edit_session(actor=site.lead, session_id=res.sessions[1].id, start=wall("2027-03-24 10:00"))
    assert "mercredi 24/03/2027" in err.value.message
    assert ws.session(res.sessions[1].id).start == wall("2027-03-23 10:00")
    with pytest.raises(RuleViolation) as err:
        sessions.edit_session(actor=site.lead, session_id=res.sessions[1].id, start=wall("2027-03-29 10:00"))
    assert "Lundi de Pâques" in err.value.message


def test_following_edit_with_skip_clashes_leaves_the_clashing_session(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site)
    site.book("kevin", "2027-03-30 14:30", counsellor="claire")
    out = sessions.edit_session(
        actor=site.lead,
        session_id=res.sessions[0].id,
        scope=EditScope.FOLLOWING,
        start=wall("2027-03-16 14:00"),
        skip_clashes=True,
    )
    assert [k.start.date() for k in out.skipped] == [date(2027, 3, 30)]
    starts = {v.id: v.start for v in out.sessions}
    assert starts[res.sessions[2].id] == wall("2027-03-30 10:00")
    assert starts[res.sessions[3].id] == wall("2027-04-06 14:00")
    assert ws.session(res.sessions[2].id).detached


def test_capacity_below_registrations_is_refused(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site, capacity=3)
    sid = res.sessions[0].id
    for y in ("kevin", "eloise"):
        register(site, sid, y)
    with pytest.raises(InputError) as err:
        sessions.edit_session(actor=site.lead, session_id=sid, scope=EditScope.SERIES, capacity=1)
    assert err.value.code == "capacity_below_registrations"
    assert "compte déjà 2 inscrits" in err.value.message
    assert {v.capacity for v in ws.series_sessions(res.series.id)} == {3}


def test_capacity_increase_promotes_the_waiting_list(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site, capacity=1)
    sid = res.sessions[0].id
    register(site, sid, "kevin")
    register(site, sid, "eloise", waitlist_ok=True)
    out = sessions.edit_session(actor=site.lead, session_id=sid, capacity=2)
    assert any("LŒUVRE Éloïse" in n for n in out.notices)
    assert ws.session(sid).confirmed == 2


def test_change_rule_keeps_sessions_with_registrants_or_own_edits(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    res = make_series(site, rrule=SIX_TUESDAYS)
    register(site, res.sessions[3].id, "kevin")  # 06/04
    sessions.edit_session(
        actor=site.lead,
        session_id=res.sessions[4].id,
        note="salle à préparer",
        start=wall("2027-04-13 11:00"),
    )
    out = ws.change_rule(actor=site.lead, series_id=res.series.id, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    remaining = [v.start.date() for v in ws.series_sessions(res.series.id)]
    assert remaining == [
        date(2027, 3, 16),
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 6),
        date(2027, 4, 13),
    ]
    assert any("conservée (1 inscrit(s))" in n for n in out.notices)
    assert any("modifiée à part" in n for n in out.notices)
    assert any("1 séance(s) sans inscrit retirée(s)" in n for n in out.notices)


def test_cancel_close_reopen_lifecycle(site):
    ws = site.services.workshops
    sessions = site.services.sessions
    registrations = site.services.registrations
    res = make_series(site, capacity=2)
    sid = res.sessions[0].id
    rk = register(site, sid, "kevin").registration
    with pytest.raises(InputError):
        sessions.cancel_session(actor=site.lead, session_id=res.sessions[1].id, reason=" ")
    out = sessions.cancel_session(actor=site.lead, session_id=res.sessions[1].id, reason="grève")
    assert out.sessions[0].state is SessionState.CANCELLED
    with pytest.raises(RuleViolation) as err:
        sessions.close_session(actor=site.lead, session_id=sid)
    assert err.value.code == "not_yet"
    set_clock(site, "2027-03-16 12:30")
    assert ws.session(sid).state is SessionState.TO_CLOSE
    assert [v.id for v in ws.to_close()] == [sid]
    with pytest.raises(RuleViolation) as err:
        sessions.close_session(actor=site.lead, session_id=sid)
    assert "la présence de 1 jeune(s) n'est pas saisie" in err.value.message
    registrations.set_attendance(actor=site.receptionist, registration_id=rk.id, attendance=Attendance.LATE)
    assert ws.session(sid).state is SessionState.SIGNED
    assert sessions.close_session(actor=site.lead, session_id=sid).sessions[0].state is SessionState.CLOSED
    with pytest.raises(RuleViolation) as err:
        registrations.set_attendance(
            actor=site.receptionist, registration_id=rk.id, attendance=Attendance.PRESENT
        )
    assert err.value.code == "session_closed"
    with pytest.raises(RuleViolation):
        sessions.reopen_session(actor=site.receptionist, session_id=sid, reason="erreur")
    sessions.reopen_session(actor=site.lead, session_id=sid, reason="présence corrigée")
    registrations.set_attendance(
        actor=site.receptionist, registration_id=rk.id, attendance=Attendance.PRESENT
    )
    with site.services.ctx.read() as s:
        actions = [a.action for a in s.exec(select(AuditEntry).order_by(AuditEntry.at)).scalars()]
        reopen = s.exec(select(AuditEntry).where(AuditEntry.action == "reopen_session")).scalars().one()
    assert {"create_series", "cancel_session", "close_session", "reopen_session", "attendance"} <= set(
        actions
    )
    assert reopen.reason == "présence corrigée" and reopen.actor_id == site.lead.id


def test_past_sessions_cannot_be_edited(site):
    sessions = site.services.sessions
    res = make_series(site)
    site.clock.advance(timedelta(days=800))
    with pytest.raises(RuleViolation) as err:
        sessions.edit_session(actor=site.lead, session_id=res.sessions[0].id, capacity=4)
    assert err.value.code == "session_past"


def test_an_edit_with_nothing_to_change_is_refused(site):
    res = make_series(site)
    with pytest.raises(InputError) as err:
        site.services.sessions.edit_session(actor=site.lead, session_id=res.sessions[0].id)
    assert err.value.code == "nothing_to_change"
