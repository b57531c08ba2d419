"""Earlier-slot wishes: a young person waiting for an earlier slot is proposed a freed one (cancellation,
excused absence, move, no-show policy), one proposal at a time, never booked by itself; a refused slot
is not proposed to them again; a taken slot is refused with the reason; wishes end on the appointment's
day."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.wishes import parse_when
from support import TestSite, paris_clock, wall

MONDAY = date(2026, 1, 5)  # the test clock: Monday 5 January 2026, 08:00


@pytest.fixture
def waiting(site: TestSite) -> TestSite:
    """Kévin has 10:00 on Tuesday with Claire; Éloïse has Friday 16:00 with Claire and wants earlier,
    on Tuesday or Wednesday mornings."""
    site.kevin = site.book("kevin", "2026-01-06 10:00")  # type: ignore[attr-defined]
    site.eloise = site.book("eloise", "2026-01-09 16:00")  # type: ignore[attr-defined]
    site.wish = site.services.wishes.add(  # type: ignore[attr-defined]
        actor=site.receptionist,
        appointment_id=site.eloise.id,
        when="mar, mer matin",  # type: ignore[attr-defined]
    ).wish
    return site


def test_parse_when_understands_the_desk() -> None:
    w = parse_when("lun, mar matin ; jeu 14:00-17:00 ; ven")
    assert w.contains(wall("2026-01-05 09:00"), wall("2026-01-05 09:30"))  # Monday morning
    assert not w.contains(wall("2026-01-05 14:00"), wall("2026-01-05 14:30"))
    assert w.contains(wall("2026-01-08 14:00"), wall("2026-01-08 15:00"))
    assert w.contains(wall("2026-01-09 16:00"), wall("2026-01-09 16:30"))
    for bad in ("matin", "lundi 25:00-26:00", "lun 14:00-12:00", "bientôt"):
        with pytest.raises(InputError):
            parse_when(bad)


def test_nothing_is_proposed_until_a_slot_frees(waiting: TestSite) -> None:
    w = waiting.services.wishes
    assert [x.youth_name for x in w.waiting()] == ["LŒUVRE Éloïse"]
    assert w.waiting()[0].availability_fr == "mardi matin ; mercredi matin"
    assert w.next_proposal() is None  # free slots exist, but none has freed: nothing to propose


def test_a_cancellation_is_proposed_then_accepted(waiting: TestSite) -> None:
    a, b, w = waiting.services.appointments, waiting.services.booking, waiting.services.wishes
    a.cancel(actor=waiting.receptionist, appointment_id=waiting.kevin.id, by_youth=True)
    p = w.next_proposal()
    assert p is not None and p.wish.id == waiting.wish.id
    assert (p.start, p.counsellor_name, p.freed_reason) == (
        wall("2026-01-06 10:00"),
        "Claire Lefèvre",
        "cancelled",
    )
    assert "LŒUVRE Éloïse" in p.sentence_fr()
    assert b.get(waiting.eloise.id).start == wall("2026-01-09 16:00")  # proposing books nothing
    done = w.accept(actor=waiting.receptionist, proposal_id=p.id).appointment
    assert done.start == wall("2026-01-06 10:00") and done.id == waiting.eloise.id
    assert w.waiting() == []  # granted: off the list
    assert w.next_proposal() is None  # and the Friday slot she left has nobody waiting for it


def test_one_proposal_at_a_time_first_asked_first(waiting: TestSite) -> None:
    a, w = waiting.services.appointments, waiting.services.wishes
    jp = waiting.book("jp", "2026-01-09 15:00")
    w.add(actor=waiting.receptionist, appointment_id=jp.id)  # asked second, any time
    a.cancel(actor=waiting.receptionist, appointment_id=waiting.kevin.id, by_youth=True)
    p = w.next_proposal()
    assert p is not None and p.wish.youth_name == "LŒUVRE Éloïse"
    # she refuses it: the next one waiting gets it; she is never offered it again
    w.decline(actor=waiting.receptionist, proposal_id=p.id)
    p2 = w.next_proposal()
    assert p2 is not None and p2.wish.youth_name == "MARTIN Jean-Pierre" and p2.start == p.start
    w.decline(actor=waiting.receptionist, proposal_id=p2.id)
    assert w.next_proposal() is None


def test_availability_and_counsellor_are_respected(waiting: TestSite) -> None:
    a, w = waiting.services.appointments, waiting.services.wishes
    thursday = waiting.book("kevin", "2026-01-08 10:00")  # Thursday: not a day Éloïse can come
    a.cancel(actor=waiting.receptionist, appointment_id=thursday.id, by_youth=True)
    afternoon = waiting.book("jp", "2026-01-06 14:00")  # Tuesday afternoon: not a time she can come
    a.cancel(actor=waiting.receptionist, appointment_id=afternoon.id, by_youth=False, reason="erreur")
    mamadou = waiting.book("aissatou", "2026-01-06 10:30", counsellor="mamadou")
    a.cancel(actor=waiting.receptionist, appointment_id=mamadou.id, by_youth=True)  # another counsellor
    assert w.next_proposal() is None
    # she accepts another counsellor: Mamadou's freed slot is proposed to her
    w.add(
        actor=waiting.receptionist,
        appointment_id=waiting.eloise.id,
        when="mar, mer matin",
        any_counsellor=True,
    )
    p = w.next_proposal()
    assert p is not None and p.counsellor_name == "Mamadou Diallo" and p.start == wall("2026-01-06 10:30")


def test_a_slot_taken_meanwhile_is_refused_with_the_reason(waiting: TestSite) -> None:
    a, b, w = waiting.services.appointments, waiting.services.booking, waiting.services.wishes
    a.cancel(actor=waiting.receptionist, appointment_id=waiting.kevin.id, by_youth=True)
    p = w.next_proposal()
    assert p is not None
    waiting.book("jp", "2026-01-06 10:00")  # another desk books the slot before the call ends
    with pytest.raises(RuleViolation) as err:
        w.accept(actor=waiting.receptionist, proposal_id=p.id)
    assert err.value.code == "slot_gone"
    assert b.get(waiting.eloise.id).start == wall("2026-01-09 16:00")  # nothing moved
    assert w.next_proposal() is None


def test_excused_moved_and_no_show_policy_free_slots(waiting: TestSite) -> None:
    a, b, w, clock = (
        waiting.services.appointments,
        waiting.services.booking,
        waiting.services.wishes,
        waiting.clock,
    )
    # excused (the young person warned they cannot come)
    a.set_outcome(
        actor=waiting.counsellor,
        appointment_id=waiting.kevin.id,
        status=Status.EXCUSED,
    )
    p = w.next_proposal()
    assert p is not None and p.freed_reason == "excused"
    w.dismiss(actor=waiting.receptionist, freed_id=p.id)  # given to a walk-in: proposed to nobody
    assert w.next_proposal() is None
    # moved away
    other = waiting.book("jp", "2026-01-07 09:00")
    b.move(actor=waiting.receptionist, appointment_id=other.id, start=wall("2026-01-12 09:00"))
    p = w.next_proposal()
    assert p is not None and (p.start, p.freed_reason) == (wall("2026-01-07 09:00"), "moved")
    w.dismiss(actor=waiting.receptionist, freed_id=p.id)
    # no-show: without the policy the slot stays held; with it, the rest of the slot is freed
    late = waiting.book("aissatou", "2026-01-07 11:00", type_code="LONG")
    clock.at = paris_clock(date(2026, 1, 7), time(11, 20)).at
    a.set_outcome(actor=waiting.counsellor, appointment_id=late.id, status=Status.NO_SHOW)
    assert w.next_proposal() is None
    a.restore_status(actor=waiting.counsellor, appointment_id=late.id, status=Status.BOOKED)
    settings = waiting.services.settings
    settings.set_int(
        actor=waiting.lead, setting=settings.setting("reception.no_show_frees_after_min"), value=15
    )
    a.set_outcome(actor=waiting.counsellor, appointment_id=late.id, status=Status.NO_SHOW)
    assert b.get(late.id).end == wall("2026-01-07 11:20")  # her busy time ends when marked absent
    p = w.next_proposal()
    assert p is not None and (p.start, p.freed_reason) == (wall("2026-01-07 11:20"), "no_show")


def test_wishes_end_on_the_appointment_day(waiting: TestSite) -> None:
    w = waiting.services.wishes
    waiting.clock.advance(timedelta(days=4))  # Friday 9 January, the appointment's day
    assert w.waiting() == [] and [x.expired for x in w.waiting(include_expired=True)] == [True]
    with pytest.raises(RuleViolation):  # too late to ask
        w.add(actor=waiting.receptionist, appointment_id=waiting.eloise.id)


def test_a_cancelled_appointment_takes_its_wish_away(waiting: TestSite) -> None:
    waiting.services.appointments.cancel(
        actor=waiting.receptionist, appointment_id=waiting.eloise.id, by_youth=True
    )
    assert waiting.services.wishes.waiting() == []


def test_permissions_and_bad_ids(waiting: TestSite) -> None:
    from support import actor_of

    w = waiting.services.wishes
    with pytest.raises(InputError):
        w.accept(actor=waiting.receptionist, proposal_id="nonsense")
    with pytest.raises(InputError):
        w.add(actor=waiting.receptionist, appointment_id=waiting.kevin.id, when="quand il pleut")
    partner = waiting.services.directory.add_staff(
        actor=waiting.admin, first_name="P", last_name="Partenaire", role=Role.PARTNER
    )
    with pytest.raises(RuleViolation):
        w.add(actor=actor_of(partner), appointment_id=waiting.kevin.id)


def test_a_confidential_appointment_stays_redacted_in_the_list(waiting: TestSite) -> None:
    waiting.services.directory.add_type(
        actor=waiting.admin, code="SANTE", label="Point santé", duration_min=30, confidential=True
    )
    a = waiting.book("jp", "2026-01-09 11:00", type_code="SANTE")
    waiting.services.wishes.add(actor=waiting.receptionist, appointment_id=a.id)
    mine = [
        x for x in waiting.services.wishes.waiting(viewer=waiting.receptionist) if x.appointment.id == a.id
    ]
    assert mine[0].appointment.type_label == "Rendez-vous confidentiel"
