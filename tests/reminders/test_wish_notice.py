"""Issue 18 with the outbox of issue 15: a young person waiting for an earlier slot is told by e-mail
(through a real SMTP relay) once the desk has moved their appointment into a freed slot. The app never
books by itself: nothing is sent until the desk accepts the proposal."""

from __future__ import annotations

from support import TestSite, wall

from .helpers import advance, reach_by_email, use_relay
from .servers import SmtpRelay


def test_a_granted_wish_is_told_to_the_young_person(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    kevin = site.book("kevin", "2026-01-06 10:00")
    eloise = site.book("eloise", "2026-01-09 16:00")
    site.services.wishes.add(actor=site.receptionist, appointment_id=eloise.id, when="mar, mer matin")
    service.send()  # the booking's own messages (if any) leave now
    before = len(relay.received)
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=kevin.id, by_youth=True)
    service.send()
    assert len(relay.received) == before  # a proposal is not a booking: nobody is told anything
    proposal = site.services.wishes.next_proposal()
    assert proposal is not None
    site.services.wishes.accept(actor=site.receptionist, proposal_id=proposal.id)
    assert site.services.booking.get(eloise.id).start == wall("2026-01-06 10:00")
    advance(site, minutes=6)  # the outbox lets a change settle a few minutes (an undo sends nothing)
    service.send()
    (mail,) = relay.received[before:]
    assert mail.rcpt_tos == ["eloise@example.org"]
    assert "mardi 06/01 à 10h" in mail.text
