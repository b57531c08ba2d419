"""Walk-ins as one service call: who is on duty, booked and checked in in one transaction, permissions
checked, a confirmed offer honoured or refused, "come back at" (clock: Monday 5 January 2026)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.services.booking.walk_in import WALK_IN_NOTE
from mlplanner.services.context import Actor
from mlplanner.storage.tables import Appointment, AuditEntry

if TYPE_CHECKING:
    from support import TestSite


def count(t: TestSite, table) -> int:  # type: ignore[no-untyped-def]
    with t.services.ctx.read() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def at_ten(site: TestSite) -> TestSite:
    site.clock.advance(timedelta(hours=2))  # 10:00
    return site


def test_offer_then_walk_in_books_and_checks_in_with_the_referent_first(at_ten: TestSite) -> None:
    t = at_ten
    w = t.services.walk_ins
    before = count(t, Appointment)
    offer = w.offer(youth_id=t.youths["eloise"].id, type_code="SUIVI")
    assert offer.counsellor_id == t.staff["mamadou"].id  # her referent, free now
    assert offer.start.date() == offer.now.date() and offer.start >= offer.now
    assert count(t, Appointment) == before  # an offer stores nothing
    done = w.walk_in(
        actor=t.receptionist,
        youth_id=t.youths["eloise"].id,
        type_code="SUIVI",
        expect_start=offer.start,
        expect_counsellor=offer.counsellor_id,
    )
    a = done.appointment
    assert (a.status, a.counsellor_id, a.start, a.notes) == (
        Status.ARRIVED,
        offer.counsellor_id,
        offer.start,
        WALK_IN_NOTE,
    )
    assert a.arrived_at is not None and done.checked_in and done.wait_min == offer.wait_min
    with t.services.ctx.read() as s:
        actions = (
            s.execute(select(AuditEntry.action).where(AuditEntry.entity_id == a.id).order_by(AuditEntry.at))
            .scalars()
            .all()
        )
    assert actions == ["book", "check_in"]


def test_a_busy_referent_gives_way_to_the_least_busy_counsellor(at_ten: TestSite) -> None:
    t = at_ten
    t.book("kevin", "2026-01-05 10:00", counsellor="mamadou")
    t.book("jp", "2026-01-05 10:30", counsellor="mamadou")
    offer = t.services.walk_ins.offer(youth_id=t.youths["eloise"].id, type_code="SUIVI")
    assert offer.counsellor_id != t.staff["mamadou"].id
    assert offer.start == offer.now.replace(minute=0, second=0, microsecond=0)  # someone is free at 10:00


def test_an_offer_taken_meanwhile_is_refused_not_silently_changed(at_ten: TestSite) -> None:
    t = at_ten
    w = t.services.walk_ins
    offer = w.offer(youth_id=t.youths["eloise"].id, type_code="SUIVI")
    # another desk books Mamadou at that very time for someone else
    t.book("kevin", f"2026-01-05 {offer.start:%H:%M}", counsellor="mamadou")
    before = count(t, Appointment)
    with pytest.raises(RuleViolation) as refused:
        w.walk_in(
            actor=t.receptionist,
            youth_id=t.youths["eloise"].id,
            type_code="SUIVI",
            expect_start=offer.start,
            expect_counsellor=offer.counsellor_id,
        )
    assert refused.value.code == "walk_in_changed"
    assert {"start", "counsellor", "youth"} <= set(refused.value.details)
    assert count(t, Appointment) == before


def test_nobody_on_duty_before_closing_is_refused_with_the_next_free_slot(site: TestSite) -> None:
    t = site
    t.clock.advance(timedelta(hours=9, minutes=25))  # 17:25, closing at 17:30
    before = (count(t, Appointment), count(t, AuditEntry))
    with pytest.raises(RuleViolation) as refused:
        t.services.walk_ins.walk_in(actor=t.receptionist, youth_id=t.youths["kevin"].id, type_code="SUIVI")
    assert refused.value.code == "nobody_on_duty"
    nxt = refused.value.details["next_start"]
    assert nxt is not None and nxt.date() > t.clock.now_utc().date()
    assert (count(t, Appointment), count(t, AuditEntry)) == before


def test_permissions_and_remote_types(at_ten: TestSite) -> None:
    t = at_ten
    partner = Actor(id="p", name="Partenaire", role=Role.PARTNER)
    with pytest.raises(PermissionDenied):
        t.services.walk_ins.walk_in(actor=partner, youth_id=t.youths["kevin"].id, type_code="SUIVI")
    with pytest.raises(InputError) as remote:
        t.services.walk_ins.walk_in(actor=t.receptionist, youth_id=t.youths["kevin"].id, type_code="TEL")
    assert remote.value.code == "walk_in_remote"
    assert count(t, Appointment) == 0


def test_come_back_later_books_without_checking_in(at_ten: TestSite) -> None:
    t = at_ten
    done = t.services.walk_ins.walk_in(
        actor=t.receptionist, youth_id=t.youths["kevin"].id, type_code="SUIVI", check_in=False
    )
    assert done.appointment.status is Status.BOOKED and done.appointment.arrived_at is None
    assert not done.checked_in


def test_booking_and_check_in_are_one_transaction(at_ten: TestSite, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = at_ten

    def broken(**_kw):  # type: ignore[no-untyped-def]
        raise RuleViolation("not_today", "On ne peut pointer l'arrivée que le jour du rendez-vous.")

    monkeypatch.setattr(t.services.appointments, "check_in", broken)
    with pytest.raises(RuleViolation):
        t.services.walk_ins.walk_in(actor=t.receptionist, youth_id=t.youths["kevin"].id, type_code="SUIVI")
    assert count(t, Appointment) == 0  # the booking rolled back with the failed check-in


def test_the_offer_names_an_appointment_already_expected_today(at_ten: TestSite) -> None:
    t = at_ten
    a = t.book("kevin", "2026-01-05 15:00")
    offer = t.services.walk_ins.offer(youth_id=t.youths["kevin"].id, type_code="SUIVI")
    assert offer.expected_today is not None and offer.expected_today.id == a.id
