"""Booking at another site of a network that syncs through a folder: the free-slot finder searches the
caller's site first, then the others; a booking there is a request that holds nothing until the owning
site's next sync confirms it (or refuses it with the reason); the slip is printable once confirmed;
nothing ends up double-booked, whatever the order syncs run in."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.domain.errors import RuleViolation
from support import wall

from .network import build_network

TUESDAY = date(2026, 1, 6)


@pytest.fixture
def net(tmp_path, clock):  # type: ignore[no-untyped-def]
    nodes, folder = build_network(tmp_path, clock)
    yield nodes, folder
    for n in nodes:
        n.services.close()


@pytest.fixture
def net3(tmp_path, clock):  # type: ignore[no-untyped-def]
    nodes, folder = build_network(tmp_path, clock, three=True)
    yield nodes, folder
    for n in nodes:
        n.services.close()


def _appointments_at(node, start) -> list[tuple]:  # type: ignore[no-untyped-def]
    """(id, youth, counsellor, status) of every appointment starting then, as that site stores them."""
    return [
        (x.id, x.youth_id, x.counsellor_id, x.status.value)
        for x in node.services.booking.day(start.date())
        if x.start == start
    ]


def test_the_finder_searches_my_site_first_then_the_others(net) -> None:  # type: ignore[no-untyped-def]
    (a, _b), _folder = net
    slots = a.services.slots
    youth = a.youths["eloise"].id
    found = slots.find_across(sites="all", type_code="SUIVI", youth_id=youth, start=TUESDAY, count=2)
    assert [s.site_code for s in found] == ["TEST01", "TEST01", "TEST02", "TEST02"]
    assert found[2].counsellor_name == "Inès Garnier" and found[2].room_name == "Bureau TEST02-1"
    only_b = slots.find_across(sites="TEST02", type_code="SUIVI", youth_id=youth, start=TUESDAY, count=1)
    assert [s.site_code for s in only_b] == ["TEST02"]
    # this site's neighbours, nearest first, set by the site lead, order "all"
    three_sites = slots.site_order("all")
    assert [c for c, _ in three_sites] == ["TEST01", "TEST02"]
    with pytest.raises(Exception):  # noqa: B017 - an unknown code is bad input
        slots.find_across(sites="NOWHERE", type_code="SUIVI", start=TUESDAY)


def test_a_request_is_confirmed_by_the_owning_site_at_its_sync(net) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder = net
    youth = a.youths["eloise"].id
    result = a.services.requests.book_anywhere(
        actor=a.actor("karima"), site="TEST02", youth_id=youth, type_code="SUIVI",
        start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id,
    )  # fmt: skip
    req = result.request
    assert result.appointment is None and req is not None
    assert req.state_fr == "en attente de confirmation"
    with pytest.raises(RuleViolation) as err:  # no slip while not confirmed
        a.services.requests.appointment_of(req.id)
    assert err.value.code == "not_confirmed"
    assert _appointments_at(b, wall("2026-01-06 10:00")) == []  # it holds nothing yet
    a.sync(folder)
    assert _appointments_at(b, wall("2026-01-06 10:00")) == []  # nothing until B syncs
    report = b.sync(folder)  # B applies the request, books it, answers in the same sync
    (booked,) = _appointments_at(b, wall("2026-01-06 10:00"))
    assert booked[1] == youth and booked[2] == b.staff["counsellor"].id
    assert report.exported_rows > 0
    assert a.services.requests.get(req.id).state == "pending"  # A learns at its next sync
    a.sync(folder)
    done = a.services.requests.get(req.id)
    assert done.state == "confirmed" and done.appointment_id == booked[0]
    appt = a.services.requests.appointment_of(req.id, viewer=a.actor("karima"))
    assert appt.start == wall("2026-01-06 10:00") and appt.counsellor_name == "Inès Garnier"
    slip = a.services.printing.slip_document(actor=a.actor("karima"), appointment_id=appt.id)
    assert slip.doc.header.address.startswith("1 rue du site TEST02")  # where the young person goes
    assert "Belleville" in slip.doc.header.site_name


def test_a_slot_taken_meanwhile_is_refused_with_the_reason(net) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder = net
    req = a.services.requests.send(
        actor=a.actor("karima"), site="TEST02", youth_id=a.youths["eloise"].id, type_code="SUIVI",
        start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id,
    ).request  # fmt: skip
    a.sync(folder)
    # meanwhile, Belleville's own desk gives that slot to someone of theirs
    b.services.booking.book(
        actor=b.actor("desk"), youth_id=a.youths["kevin"].id, type_code="SUIVI",
        start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id,
    )  # fmt: skip
    b.sync(folder)
    a.sync(folder)
    done = a.services.requests.get(req.id)
    assert done.state == "refused" and done.appointment_id is None
    assert "Inès Garnier a déjà un rendez-vous de 10:00 à 10:30" in done.state_fr
    assert len(_appointments_at(b, wall("2026-01-06 10:00"))) == 1  # never double-booked


def test_a_visibly_taken_slot_is_refused_before_sending(net) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder = net
    b.services.booking.book(
        actor=b.actor("desk"), youth_id=a.youths["kevin"].id, type_code="SUIVI",
        start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id,
    )  # fmt: skip
    b.sync(folder)
    a.sync(folder)  # A's copy of Belleville now shows the slot taken
    with pytest.raises(RuleViolation) as err:
        a.services.requests.send(
            actor=a.actor("karima"), site="TEST02", youth_id=a.youths["eloise"].id, type_code="SUIVI",
            start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id,
        )  # fmt: skip
    assert err.value.code == "counsellor_overlap"
    assert a.services.requests.sent() == []


def test_two_desks_race_for_the_last_slot_at_another_site(net3) -> None:  # type: ignore[no-untyped-def]
    """Tolbiac and Bastille both ask Belleville for 10:00 with Inès: one confirmed, one refused."""
    (a, b, c), folder = net3
    ask = dict(type_code="SUIVI", start=wall("2026-01-06 10:00"), counsellor=b.staff["counsellor"].id)
    r1 = a.services.requests.send(
        actor=a.actor("karima"), site="TEST02", youth_id=a.youths["eloise"].id, **ask
    )
    r2 = c.services.requests.send(actor=c.actor("desk"), site="TEST02", youth_id=a.youths["kevin"].id, **ask)
    c.sync(folder)
    a.sync(folder)
    b.sync(folder)
    for n in (a, c):
        n.sync(folder)
    states = sorted(
        [a.services.requests.get(r1.request.id).state, c.services.requests.get(r2.request.id).state]
    )
    assert states == ["confirmed", "refused"]
    assert len(_appointments_at(b, wall("2026-01-06 10:00"))) == 1


def test_syncs_in_any_order_converge(net3) -> None:  # type: ignore[no-untyped-def]
    """Bastille may read Belleville's answer before Tolbiac's request (it waits for it), and every site
    ends with the same request, answer and appointment."""
    (a, b, c), folder = net3
    req = a.services.requests.send(
        actor=a.actor("karima"), site="TEST02", youth_id=a.youths["jp"].id, type_code="SUIVI",
        start=wall("2026-01-07 14:00"),
    ).request  # fmt: skip
    a.sync(folder)
    b.sync(folder)  # Belleville answers
    c.sync(folder)  # Bastille sees the request and the answer (in whichever order it reads them)
    a.sync(folder)
    views = [n.services.requests.get(req.id) for n in (a, b, c)]
    assert {v.state for v in views} == {"confirmed"}
    assert len({v.appointment_id for v in views}) == 1


def test_withdrawn_before_or_after_the_answer(net) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder = net
    send = a.services.requests.send
    early = send(actor=a.actor("karima"), site="TEST02", youth_id=a.youths["eloise"].id, type_code="SUIVI",
                 start=wall("2026-01-06 11:00")).request  # fmt: skip
    a.services.requests.withdraw(actor=a.actor("karima"), request_id=early.id)
    late = send(actor=a.actor("karima"), site="TEST02", youth_id=a.youths["kevin"].id, type_code="SUIVI",
                start=wall("2026-01-06 14:00")).request  # fmt: skip
    a.sync(folder)
    b.sync(folder)
    a.sync(folder)
    assert _appointments_at(b, wall("2026-01-06 11:00")) == []  # withdrawn in time: never booked
    assert a.services.requests.get(late.id).state == "confirmed"
    a.services.requests.withdraw(actor=a.actor("karima"), request_id=late.id)
    a.sync(folder)
    b.sync(folder)
    a.sync(folder)
    ((_id, _y, _c, status),) = _appointments_at(b, wall("2026-01-06 14:00"))
    assert status == "cancelled_youth"
    assert a.services.requests.get(late.id).state == "cancelled"


def test_a_new_youth_travels_with_the_request(net) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.services.youths.service import YouthDraft

    (a, b), folder = net
    new = a.services.youths.add(
        actor=a.actor("karima"), draft=YouthDraft(first_name="Sarah", last_name="Benali")
    ).youth
    req = a.services.requests.send(
        actor=a.actor("karima"),
        site="TEST02",
        youth_id=new.id,
        type_code="SUIVI",
        start=wall("2026-01-08 09:00"),
    ).request
    a.sync(folder)
    b.sync(folder)
    a.sync(folder)
    assert a.services.requests.get(req.id).state == "confirmed"
    assert b.services.youths.get(new.id).last_name == "Benali"


def test_a_request_to_this_very_site_is_refused(net) -> None:  # type: ignore[no-untyped-def]
    (a, _b), _folder = net
    with pytest.raises(RuleViolation):
        a.services.requests.send(
            actor=a.actor("karima"), site="TEST01", youth_id=a.youths["eloise"].id, type_code="SUIVI",
            start=wall("2026-01-06 10:00"),
        )  # fmt: skip
    # book_anywhere books here directly
    done = a.services.requests.book_anywhere(
        actor=a.actor("karima"), site="TEST01", youth_id=a.youths["eloise"].id, type_code="SUIVI",
        start=wall("2026-01-06 10:00"),
    )  # fmt: skip
    assert done.appointment is not None and done.request is None


def test_erasing_the_youth_blanks_the_note_of_a_request(net) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    (a, _b), _folder = net
    req = a.services.requests.send(
        actor=a.actor("karima"), site="TEST02", youth_id=a.youths["eloise"].id, type_code="SUIVI",
        start=wall("2026-01-06 10:00"), notes="rappeler sa mère au 06 00 00 00 00",
    ).request  # fmt: skip
    a.services.privacy.erase(
        actor=a.actor("bernard"), youth_id=a.youths["eloise"].id, reason="demande de la personne"
    )
    with a.services.ctx.db.engine.connect() as conn:
        note = conn.execute(text("SELECT notes FROM booking_request WHERE id = :i"), {"i": req.id}).scalar()
    assert note == ""
