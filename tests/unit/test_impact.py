"""Appointments left in the way by an absence, a closure or a holiday (clock: Monday 5 January 2026)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import update

from mlplanner.domain.enums import Mode, Role, Status
from mlplanner.domain.errors import PermissionDenied
from mlplanner.domain.impact import Cause, why_unavailable
from mlplanner.services.context import Actor
from mlplanner.storage.tables import Appointment

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


@pytest.mark.parametrize(
    ("mode", "absence", "closure", "holiday", "expected"),
    [
        (Mode.ON_SITE, None, None, None, None),
        (Mode.ON_SITE, ("2026-01-06 09:00", "2026-01-06 12:30"), None, None, Cause.ABSENCE),
        (Mode.PHONE, ("2026-01-06 09:00", "2026-01-06 12:30"), None, None, Cause.ABSENCE),  # absent is absent
        (Mode.ON_SITE, ("2026-01-06 10:30", "2026-01-06 12:30"), None, None, None),  # touching ends
        (Mode.ON_SITE, None, "travaux", None, Cause.CLOSURE),
        (Mode.PHONE, None, "travaux", None, None),  # the counsellor calls from elsewhere
        (Mode.PHONE, None, None, "Noël", Cause.HOLIDAY),
    ],
)
def test_why_unavailable(mode, absence, closure, holiday, expected):  # type: ignore[no-untyped-def]
    why = why_unavailable(
        start=wall("2026-01-06 10:00"),
        end=wall("2026-01-06 10:30"),
        mode=mode,
        status=Status.BOOKED,
        absences=[(wall(absence[0]), wall(absence[1]), "congé")] if absence else [],
        closure=closure,
        holiday=holiday,
    )
    assert (why.cause if why else None) is expected


def test_an_absence_lists_its_appointments_and_each_way_out_clears_it(site: TestSite) -> None:
    t = site
    imp = t.services.impact
    a = t.book("kevin", "2026-01-06 10:00")  # Claire
    b = t.book("jp", "2026-01-06 11:00")  # Claire
    c = t.book("aissatou", "2026-01-06 14:00")  # Claire, the afternoon
    t.book("eloise", "2026-01-06 10:00", counsellor="mamadou")
    assert imp.affected() == []
    t.services.directory.add_absence(
        actor=t.lead, staff_id=t.staff["claire"].id, start=wall("2026-01-06 09:00"), end=wall("2026-01-06 12:30"),
        reason="formation",
    )  # fmt: skip
    found = imp.affected(counsellor=t.staff["claire"].id)
    assert [x.appointment.id for x in found] == [a.id, b.id]
    assert found[0].why.cause is Cause.ABSENCE and found[0].why.detail == "formation"
    assert found[0].why.who == "Claire Lefèvre" and not found[0].why.remote_ok
    assert found[0].phone == "" and found[1].phone == t.youths["jp"].phone
    # moved to the afternoon: no longer in the way
    t.services.booking.move(actor=t.receptionist, appointment_id=a.id, start=wall("2026-01-06 15:00"))
    # put on the call list: dealt with (reception calls), still listed with the sign
    imp.add_to_call_list(actor=t.receptionist, appointment_ids=[b.id], reason="absence de Claire")
    (left,) = imp.affected()
    assert left.appointment.id == b.id and left.on_call_list and left.dealt_with and left.called_by == ""
    imp.mark_called(actor=t.receptionist, appointment_id=b.id)
    assert imp.call_notices()[0].called_by == t.receptionist.name
    # cancelled: gone from the call list too
    t.services.appointments.cancel(
        actor=t.receptionist, appointment_id=b.id, by_youth=False, reason="absence"
    )
    assert imp.affected() == [] and imp.call_notices() == []
    assert c.id not in {x.appointment.id for x in imp.affected()}


def test_a_closure_is_dealt_with_by_the_phone_and_a_holiday_is_listed(site: TestSite) -> None:
    t = site
    imp = t.services.impact
    on_site = t.book("kevin", "2026-01-07 10:00")
    phone = t.book("jp", "2026-01-07 11:00", type_code="TEL")
    t.services.directory.add_closure(
        actor=t.lead, start=date(2026, 1, 7), end=date(2026, 1, 7), reason="travaux"
    )
    (x,) = imp.affected()
    assert x.appointment.id == on_site.id and x.why.cause is Cause.CLOSURE and x.why.remote_ok
    assert phone.id not in {y.appointment.id for y in imp.affected()}
    done = imp.switch_to_remote(actor=t.receptionist, appointment_id=on_site.id)
    assert done.appointment.mode is Mode.PHONE and done.appointment.room_id is None
    assert imp.affected() == []
    # a holiday that appears (a sync, a new subdivision): listed, whatever the mode
    h = t.book("eloise", "2026-12-24 10:00", counsellor="mamadou")
    with t.services.ctx.write() as s:
        s.execute(
            update(Appointment)
            .where(Appointment.id == h.id)
            .values(start=wall("2026-12-25 10:00"), end=wall("2026-12-25 10:30"))
        )
    (hol,) = imp.affected(end=date(2026, 12, 31))  # beyond the default three months
    assert hol.why.cause is Cause.HOLIDAY and hol.why.detail == "Noël"


def test_past_appointments_and_permissions(site: TestSite) -> None:
    t = site
    a = t.book("kevin", "2026-01-05 10:00")
    t.services.directory.add_absence(
        actor=t.lead, staff_id=t.staff["claire"].id, start=wall("2026-01-05 09:00"), end=wall("2026-01-05 18:00")
    )  # fmt: skip
    assert [x.appointment.id for x in t.services.impact.affected()] == [a.id]
    t.clock.advance(timedelta(hours=3))  # 11:00: it is over
    assert t.services.impact.affected() == []
    partner = Actor("p", "Partenaire", Role.PARTNER)
    with pytest.raises(PermissionDenied):
        t.services.impact.add_to_call_list(actor=partner, appointment_ids=[a.id])


def test_the_appointments_a_day_view_already_read_are_checked_as_if_read_again(site: TestSite) -> None:
    """The day view hands its schedule's appointments (issue 19: it read its day twice): the same
    appointments come out, past ones, cancelled ones and other days left out alike."""
    t = site
    sv, imp, day = t.services, t.services.impact, date(2026, 1, 6)
    t.book("kevin", "2026-01-06 10:00")  # Claire, in the absence
    called = t.book("jp", "2026-01-06 11:00")  # Claire, in the absence, then on the call list
    gone = t.book("aissatou", "2026-01-06 11:30")  # Claire, in the absence, then cancelled
    t.book("eloise", "2026-01-06 10:00", counsellor="mamadou")  # not absent
    t.book("kevin", "2026-01-07 10:00")  # Claire, the next day
    sv.directory.add_absence(
        actor=t.lead, staff_id=t.staff["claire"].id, start=wall("2026-01-06 09:00"), end=wall("2026-01-07 12:30"),
        reason="formation",
    )  # fmt: skip
    imp.add_to_call_list(actor=t.receptionist, appointment_ids=[called.id])
    sv.appointments.cancel(actor=t.receptionist, appointment_id=gone.id, by_youth=False, reason="absence")

    def seen(found):  # type: ignore[no-untyped-def]
        return [(x.appointment.id, x.why, x.on_call_list, x.phone) for x in found]

    for first, last in ((day, day), (day, day + timedelta(days=1))):
        shown = sv.schedule.day(first) if first == last else None
        among = (
            shown.appointments
            if shown
            else [*sv.schedule.day(first).appointments, *sv.schedule.day(last).appointments]
        )
        assert seen(imp.affected(start=first, end=last, among=among)) == seen(
            imp.affected(start=first, end=last)
        )
        assert len(imp.affected(start=first, end=last, among=among)) == (2 if first == last else 3)
    # the clock moves past 10:30: the 10:00 appointment is over, from either source
    t.clock.advance(timedelta(days=1, hours=3))
    among = sv.schedule.day(day + timedelta(days=1)).appointments
    later = day + timedelta(days=1)
    assert seen(imp.affected(start=later, end=later, among=among)) == seen(
        imp.affected(start=later, end=later)
    )


def test_an_empty_call_list_is_answered_without_reading_the_appointments(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: the call list page asks at every start; with nobody on the list, three months of
    appointments (a million-row history at network size) need not be read to say so."""
    from mlplanner.services.booking import impact

    t = site
    b = t.book("jp", "2026-01-06 11:00")  # Claire
    t.services.directory.add_absence(
        actor=t.lead, staff_id=t.staff["claire"].id, start=wall("2026-01-06 09:00"), end=wall("2026-01-06 12:30"),
        reason="formation",
    )  # fmt: skip
    reads: list[int] = []
    real = impact.appointment_views

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(impact, "appointment_views", counted)
    assert t.services.impact.call_notices() == [] and reads == []
    assert [x.appointment.id for x in t.services.impact.affected()] == [b.id]  # affected, not on the list
    t.services.impact.add_to_call_list(actor=t.receptionist, appointment_ids=[b.id], reason="absence")
    (notice,) = t.services.impact.call_notices()
    assert notice.appointment.id == b.id and notice.on_call_list


def test_a_day_without_marks_asks_for_no_phone_numbers(site: TestSite) -> None:
    """Issue 19: the day view checks its appointments at every refresh; on a day that nothing
    threatens (most days), no statement is sent for the phones of nobody (a round trip on a server)."""
    from sqlalchemy import event

    t = site
    t.book("kevin", "2026-01-06 10:00")
    sent: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    engine = t.services.ctx.db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        assert t.services.impact.affected(start=date(2026, 1, 6), end=date(2026, 1, 6)) == []
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert sent and not [q for q in sent if "youth.phone" in q]
