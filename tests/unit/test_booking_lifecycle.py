"""Lifecycle through the booking service: check-in, outcomes, cancellations, "to fill in", remote switch,
and who may do what (clock: Monday 5 January 2026, 08:00 in Paris)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from mlplanner.domain.enums import Mode, Role, Status
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.tables import AuditEntry

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def status_of(t: TestSite, appointment_id: str) -> Status:
    return t.services.booking.get(appointment_id).status


def test_check_in_then_seen_by_its_counsellor(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    arrived = site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id).appointment
    assert arrived.status is Status.ARRIVED
    assert arrived.arrived_at is not None
    assert arrived.arrived_at.replace(tzinfo=site.clock.now_utc().tzinfo) == site.clock.now_utc()
    # here two hours early: no "absent" before the time booked...
    with pytest.raises(RuleViolation, match="pas encore commencé"):
        site.services.appointments.set_outcome(
            actor=site.counsellor, appointment_id=a.id, status=Status.NO_SHOW
        )
    site.clock.advance(timedelta(hours=2, minutes=30))  # 10:30
    seen = site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=a.id, status=Status.SEEN, note="CV revu"
    )
    assert seen.appointment.status is Status.SEEN and seen.appointment.notes == "CV revu"
    # a mistaken click can be corrected
    assert site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=a.id, status=Status.NO_SHOW
    ).appointment.status is (Status.NO_SHOW)


def test_an_early_arrival_is_received_before_the_time_booked(site: TestSite) -> None:
    """Arrived at 08:00 for 10:00, received at 08:10: the outcome is recorded then (issue 13)."""
    a = site.book("kevin", "2026-01-05 10:00")
    b = site.services.appointments
    b.check_in(actor=site.receptionist, appointment_id=a.id)
    site.clock.advance(timedelta(minutes=10))
    seen = b.set_outcome(actor=site.counsellor, appointment_id=a.id, status=Status.SEEN, note="reçu tôt")
    assert seen.appointment.status is Status.SEEN
    # not arrived: nobody is "seen" before the time booked
    c = site.book("jp", "2026-01-05 11:00")
    with pytest.raises(RuleViolation, match="pas encore commencé"):
        b.set_outcome(actor=site.counsellor, appointment_id=c.id, status=Status.SEEN)


def test_check_in_only_on_the_day(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    with pytest.raises(RuleViolation, match="le jour du rendez-vous"):
        site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)
    assert status_of(site, a.id) is Status.BOOKED


def test_undo_check_in(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)
    undone = site.services.appointments.undo_check_in(
        actor=site.receptionist, appointment_id=a.id
    ).appointment
    assert undone.status is Status.BOOKED and undone.arrived_at is None


def test_cancellation_rules(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    with pytest.raises(InputError, match="motif"):
        site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=False)
    c = site.services.appointments.cancel(
        actor=site.receptionist, appointment_id=a.id, by_youth=False, reason="conseillère malade"
    )
    assert c.appointment.status is Status.CANCELLED_BY_ML
    assert c.appointment.cancel_reason == "conseillère malade"
    with pytest.raises(RuleViolation) as err:  # final
        site.services.appointments.check_in(actor=site.receptionist, appointment_id=a.id)
    assert err.value.code == "illegal_transition"
    with pytest.raises(RuleViolation):
        site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)


def test_a_seen_appointment_cannot_be_cancelled(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    site.clock.advance(timedelta(hours=3))
    site.services.appointments.set_outcome(actor=site.counsellor, appointment_id=a.id, status=Status.SEEN)
    with pytest.raises(RuleViolation, match="« reçu » à « annulé par le jeune »"):
        site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)


def test_excused_may_be_recorded_ahead(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    out = site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=a.id, status=Status.EXCUSED
    )
    assert out.appointment.status is Status.EXCUSED


def test_set_outcome_refuses_a_non_outcome(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    with pytest.raises(InputError, match="reçu, absent ou excusé"):
        site.services.appointments.set_outcome(
            actor=site.counsellor, appointment_id=a.id, status=Status.CANCELLED_BY_YOUTH
        )


def test_restore_status_takes_the_slot_back_only_if_still_free(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)
    assert site.services.appointments.restore_status(
        actor=site.receptionist, appointment_id=a.id, status=Status.BOOKED
    ).appointment.status is (Status.BOOKED)
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)
    site.book("eloise", "2026-01-06 10:00")  # the slot was given away
    with pytest.raises(RuleViolation) as err:
        site.services.appointments.restore_status(
            actor=site.receptionist, appointment_id=a.id, status=Status.BOOKED
        )
    assert err.value.code in ("counsellor_overlap", "room_overlap")
    assert status_of(site, a.id) is Status.CANCELLED_BY_YOUTH


# --- permissions through the services -------------------------------------------------------------------
def test_receptionist_cannot_record_outcomes(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")
    site.clock.advance(timedelta(hours=3))
    with pytest.raises(PermissionDenied) as err:
        site.services.appointments.set_outcome(
            actor=site.receptionist, appointment_id=a.id, status=Status.SEEN
        )
    assert "Karima Haddou" in err.value.message and "issue" in err.value.message
    with pytest.raises(PermissionDenied):
        site.services.appointments.set_notes(actor=site.receptionist, appointment_id=a.id, notes="x")
    assert status_of(site, a.id) is Status.BOOKED


def test_counsellor_cannot_record_outcomes_for_a_colleague(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-05 10:00")  # Claire's
    site.clock.advance(timedelta(hours=3))
    with pytest.raises(RuleViolation) as err:
        site.services.appointments.set_outcome(
            actor=site.colleague, appointment_id=a.id, status=Status.NO_SHOW
        )
    assert err.value.code == "not_own_appointment"
    with pytest.raises(RuleViolation):
        site.services.appointments.set_notes(actor=site.colleague, appointment_id=a.id, notes="x")
    assert status_of(site, a.id) is Status.BOOKED
    # the site lead may record anyone's outcome
    assert site.services.appointments.set_outcome(
        actor=site.lead, appointment_id=a.id, status=Status.NO_SHOW
    ).appointment.status is (Status.NO_SHOW)


def test_receptionist_cannot_add_staff_or_configure(site: TestSite) -> None:
    d = site.services.directory
    with pytest.raises(PermissionDenied, match="gérer les comptes du personnel"):
        d.add_staff(actor=site.receptionist, first_name="Léo", last_name="Roux", role=Role.COUNSELLOR)
    with pytest.raises(PermissionDenied):  # a site lead cannot either: accounts are the admin's
        d.add_staff(actor=site.lead, first_name="Léo", last_name="Roux", role=Role.COUNSELLOR)
    with pytest.raises(PermissionDenied, match="configuration du site"):
        d.add_room(actor=site.receptionist, name="Bureau 9")
    with pytest.raises(PermissionDenied):
        d.add_closure(actor=site.counsellor, start=date(2026, 2, 2), end=date(2026, 2, 2))
    with pytest.raises(PermissionDenied):  # someone else's absence
        d.add_absence(
            actor=site.counsellor,
            staff_id=site.staff["mamadou"].id,
            start=wall("2026-02-02 09:00"),
            end=wall("2026-02-02 12:00"),
        )
    assert {s.last_name for s in d.staff()} == {
        "Informatique",
        "Lefèvre",
        "Diallo",
        "Martin",
        "Haddou",
        "Lemoine",
    }
    assert d.add_staff(actor=site.admin, first_name="Léo", last_name="Roux", role=Role.COUNSELLOR).active


def test_counsellor_cannot_merge_or_switch(site: TestSite) -> None:
    with pytest.raises(PermissionDenied):
        site.services.youths.merge(
            actor=site.counsellor, keep_id=site.youths["kevin"].id, drop_id=site.youths["jp"].id
        )
    with pytest.raises(PermissionDenied):
        site.services.booking.switch_mode(
            actor=site.receptionist, start=date(2026, 1, 6), end=date(2026, 1, 9), mode=Mode.PHONE
        )


def test_partner_without_login_can_do_nothing(site: TestSite) -> None:
    from mlplanner.services.context import Actor

    partner = Actor(id="x", name="Marc Aubry", role=Role.PARTNER)
    with pytest.raises(PermissionDenied):
        site.book("kevin", "2026-01-06 10:00", actor=partner)
    with pytest.raises(PermissionDenied):
        site.services.youths.add(actor=partner, draft=YouthDraft(first_name="Léa", last_name="Roux"))


# --- to fill in -------------------------------------------------------------------------------------------
def test_to_fill_in_lists_past_booked_or_arrived_appointments_of_the_counsellor(site: TestSite) -> None:
    b = site.services.booking
    past_booked = site.book("kevin", "2026-01-05 09:00")
    past_arrived = site.book("eloise", "2026-01-05 09:30")
    past_seen = site.book("jp", "2026-01-05 10:00")
    colleague = site.book("aissatou", "2026-01-05 09:00", counsellor="mamadou")
    running = site.book("kevin", "2026-01-05 11:00")
    future = site.book("kevin", "2026-01-06 09:00")
    cancelled = site.book("jp", "2026-01-05 11:30")
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=past_arrived.id)
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=cancelled.id, by_youth=True)
    site.clock.at = site.clock.at.replace(hour=10, minute=15)  # 11:15 in Paris
    site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=past_seen.id, status=Status.SEEN
    )
    assert [a.id for a in b.to_fill_in(counsellor=site.staff["claire"].id)] == [
        past_booked.id,
        past_arrived.id,
    ]
    assert [a.id for a in b.to_fill_in(counsellor="Mamadou Diallo")] == [colleague.id]
    everyone = {a.id for a in b.to_fill_in()}
    assert everyone == {past_booked.id, past_arrived.id, colleague.id}
    assert running.id not in everyone and future.id not in everyone
    site.services.appointments.set_outcome(
        actor=site.counsellor, appointment_id=past_booked.id, status=Status.NO_SHOW
    )
    assert [a.id for a in b.to_fill_in(counsellor="claire lefèvre")] == [past_arrived.id]


# --- switch to remote -----------------------------------------------------------------------------------------
def test_switch_mode_over_a_date_range_for_one_counsellor(site: TestSite) -> None:
    b = site.services.booking
    today = site.book("kevin", "2026-01-05 10:00")
    inside = [site.book("kevin", "2026-01-06 10:00"), site.book("eloise", "2026-01-08 14:00")]
    cancelled = site.book("jp", "2026-01-07 10:00")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=cancelled.id, by_youth=True)
    phone = site.book("jp", "2026-01-07 11:00", type_code="TEL")
    colleague = site.book("aissatou", "2026-01-06 10:00", counsellor="mamadou")
    after = site.book("kevin", "2026-01-12 10:00")
    res = b.switch_mode(
        actor=site.lead,
        start=date(2026, 1, 6),
        end=date(2026, 1, 9),
        mode=Mode.VIDEO,
        counsellor="claire lefèvre",
    )
    assert res.switched == 2
    assert set(res.changes.ids) == {a.id for a in inside}
    for a in inside:
        v = b.get(a.id)
        assert v.mode is Mode.VIDEO and v.room_id is None and v.status is Status.BOOKED
    for a, mode in (
        (today, Mode.ON_SITE),
        (cancelled, Mode.ON_SITE),
        (phone, Mode.PHONE),
        (colleague, Mode.ON_SITE),
        (after, Mode.ON_SITE),
    ):
        assert b.get(a.id).mode is mode
    assert b.get(colleague.id).room_id is not None
    # the freed office can be booked by someone else
    site.book("kevin", "2026-01-08 14:00", counsellor="mamadou", room=site.rooms["b1"].id)
    with site.services.ctx.read() as s:
        rows = list(s.exec(select(AuditEntry).where(AuditEntry.action == "switch_mode")).scalars())
    assert sorted(r.entity_id for r in rows) == sorted(a.id for a in inside)
    assert all(r.actor_id == site.lead.id and r.reason == "bascule visio" for r in rows)


def test_switch_mode_for_the_whole_site_skips_the_past(site: TestSite) -> None:
    b = site.services.booking
    past = site.book("kevin", "2026-01-05 09:00")
    later = [
        site.book("eloise", "2026-01-05 10:00", counsellor="mamadou"),
        site.book("jp", "2026-01-05 11:00", counsellor="sophie"),
    ]
    site.clock.advance(timedelta(hours=1, minutes=30))  # 09:30
    res = b.switch_mode(actor=site.lead, start=date(2026, 1, 5), end=date(2026, 1, 5), mode=Mode.PHONE)
    assert res.switched == 2
    assert {b.get(a.id).mode for a in later} == {Mode.PHONE}
    assert b.get(past.id).mode is Mode.ON_SITE


@pytest.mark.parametrize(
    ("start", "end", "mode"),
    [(date(2026, 1, 9), date(2026, 1, 6), Mode.PHONE), (date(2026, 1, 6), date(2026, 1, 9), Mode.ON_SITE)],
)
def test_switch_mode_bad_input(site: TestSite, start: date, end: date, mode: Mode) -> None:
    a = site.book("kevin", "2026-01-06 10:00")
    with pytest.raises(InputError):
        site.services.booking.switch_mode(actor=site.lead, start=start, end=end, mode=mode)
    assert site.services.booking.get(a.id).mode is Mode.ON_SITE
