"""E-mail reminders through a real SMTP relay on localhost (aiosmtpd): plain, STARTTLS with login, TLS;
a relay that refuses, one that is slow, one that cuts the line after the 3rd message, one that is down.
In every case each message reaches the relay exactly once in the end, and none after its start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from support import TestSite

from .helpers import advance, reach_by_email, rows, set_clock, statuses, use_relay
from .servers import SmtpRelay, Tls


def book_eloise_wednesday(site: TestSite, start: str = "2026-01-07 10:00") -> str:
    reach_by_email(site, "eloise", "eloise@example.org")
    return site.book("eloise", start).id


def test_a_reminder_goes_out_on_the_previous_open_day_once(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    report = service.send()  # Monday 08:00: planned for Tuesday 10:00, nothing due yet
    assert report.planned.created == 1 and report.sent == 0
    assert relay.received == []
    set_clock(site, "2026-01-06 09:59")
    assert service.send().sent == 0
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1
    assert service.send().sent == 0  # never twice
    (mail,) = relay.received
    assert mail.rcpt_tos == ["eloise@example.org"]
    assert mail.mail_from == "rappels@ml-test.fr"
    assert mail.message["Subject"] == "Rappel : votre rendez-vous du mercredi 07/01 à 10h"
    assert "avec Claire Lefèvre le mercredi 07/01 à 10h" in mail.text
    assert "12 rue de Tolbiac, 75013 Paris" in mail.text
    assert "- Pièce d'identité (carte d'identité, passeport ou titre de séjour)" in mail.text
    assert mail.message["Auto-Submitted"] == "auto-generated"
    (row,) = rows(site)
    assert (row.kind, row.status) == ("reminder", "sent")
    assert row.receipt.startswith(f"SMTP 127.0.0.1:{relay.port} : 250")
    assert row.recipient == "eloise@example.org" and row.body == mail.text.strip()


def test_starttls_with_login_from_the_secrets(
    site: TestSite, relay_factory: Callable[..., SmtpRelay], tls: Tls
) -> None:
    relay = relay_factory("starttls", users={"ml-paris13": "s3cret"})
    service = use_relay(site, relay, tls=tls, user="ml-paris13", password="s3cret")
    book_eloise_wednesday(site)
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1
    (mail,) = relay.received
    assert mail.tls and mail.user == "ml-paris13"


def test_a_wrong_password_sends_nothing_and_waits(
    site: TestSite, relay_factory: Callable[..., SmtpRelay], tls: Tls
) -> None:
    relay = relay_factory("starttls", users={"ml-paris13": "s3cret"})
    service = use_relay(site, relay, tls=tls, user="ml-paris13", password="wrong")
    book_eloise_wednesday(site)
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and "mot de passe" in report.problems["email"]
    assert statuses(site) == [("reminder", "pending")]
    assert rows(site)[0].attempts == 0  # the relay refused the login, not the message
    relay.users["ml-paris13"] = "wrong"  # IT fixes the password on the relay side
    assert service.send().sent == 1
    assert len(relay.received) == 1


def test_implicit_tls(site: TestSite, relay_factory: Callable[..., SmtpRelay], tls: Tls) -> None:
    relay = relay_factory("tls")
    service = use_relay(site, relay, tls=tls)
    book_eloise_wednesday(site)
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1
    assert relay.received[0].tls


def test_starttls_refuses_a_relay_without_it(site: TestSite, relay: SmtpRelay, tls: Tls) -> None:
    """A relay that does not offer STARTTLS gets nothing in clear when STARTTLS was asked for."""
    service = use_relay(site, relay, tls=tls)
    service.set_setting(actor=site.admin, key="smtp.security", value="starttls")
    book_eloise_wednesday(site)
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and "STARTTLS" in report.problems["email"]
    assert relay.received == []


def test_a_relay_that_is_down_keeps_the_message_until_it_is_back(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    relay.stop()
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and "injoignable" in report.problems["email"]
    assert statuses(site) == [("reminder", "pending")]
    relay.restart()
    advance(site, minutes=5)
    assert service.send().sent == 1
    assert len(relay.received) == 1


def test_a_refusing_relay_then_a_good_one_sends_exactly_once(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    relay.behaviour.refuse_data = "451 4.3.0 Please try again later"
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.retry == 1 and report.sent == 0
    (row,) = rows(site)
    assert row.status == "pending" and row.attempts == 1 and "451" in row.error
    relay.behaviour.refuse_data = ""
    assert service.send().sent == 0  # waits for its next try (5 minutes later)
    advance(site, minutes=5)
    assert service.send().sent == 1
    assert len(relay.received) == 1


def test_a_permanent_refusal_fails_for_good(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    relay.behaviour.refuse_rcpt["eloise@example.org"] = "550 5.1.1 No such user"
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.failed == 1
    (row,) = rows(site)
    assert row.status == "failed" and "550" in row.error
    advance(site, hours=3)
    assert service.send().sent == 0 and relay.received == []


def book_many(site: TestSite, n: int) -> list[str]:
    """n appointments on Wednesday for n youths reachable by e-mail."""
    from mlplanner.services.youths.service import YouthDraft

    ids = []
    for i in range(n):
        y = site.services.youths.add(
            actor=site.admin,
            draft=YouthDraft(
                first_name=f"Jeune{chr(65 + i)}",
                last_name=f"Test{chr(65 + i)}",
                email=f"jeune{i}@example.org",
                email_consent=True,
            ),
        ).youth
        ids.append(
            site.services.booking.book(
                actor=site.receptionist,
                youth_id=y.id,
                type_code="SUIVI",
                start=datetime(2026, 1, 7, 9, 0) + timedelta(minutes=30 * i),
                counsellor=site.staff["claire"].id,
            ).appointment.id
        )
    return ids


def test_a_relay_that_drops_the_line_after_the_third_message(site: TestSite, relay: SmtpRelay) -> None:
    """The relay accepts 3 messages, then closes the connection when the 4th begins: the sender
    reconnects and goes on; every message arrives exactly once."""
    service = use_relay(site, relay)
    book_many(site, 7)
    relay.behaviour.drop_after = 3
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 7
    assert relay.drops >= 2
    recipients = sorted(r.rcpt_tos[0] for r in relay.received)
    assert recipients == sorted(f"jeune{i}@example.org" for i in range(7))
    assert service.send().sent == 0 and len(relay.received) == 7


def test_a_slow_relay_still_gets_every_message_once(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_many(site, 3)
    relay.behaviour.delay = 0.3  # below the 5 s timeout: slow, not broken
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 3
    assert len(relay.received) == 3


def test_a_relay_too_slow_to_answer_data_is_never_sent_twice(site: TestSite, relay: SmtpRelay) -> None:
    """No answer to DATA within the timeout: the message may have been accepted. It is recorded as
    'perhaps received' and never sent again."""
    service = use_relay(site, relay)
    service.set_setting(actor=site.admin, key="smtp.timeout", value="1")
    book_eloise_wednesday(site)
    relay.behaviour.delay = 2.5
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.uncertain == 1 and report.sent == 0
    relay.behaviour.delay = 0
    advance(site, hours=1)
    assert service.send().sent == 0
    (row,) = rows(site)
    assert row.status == "uncertain" and "peut-être" in row.error


def test_a_line_cut_during_data_is_perhaps_sent_never_resent(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    relay.behaviour.drop_during_data = True
    set_clock(site, "2026-01-06 10:00")
    assert service.send().uncertain == 1
    relay.behaviour.drop_during_data = False
    advance(site, hours=1)
    assert service.send().sent == 0
    assert relay.received == [] and len(relay.dropped_in_data) == 1


@pytest.mark.parametrize("minutes_before", [29, 5, 0])
def test_no_reminder_at_or_after_the_start(site: TestSite, relay: SmtpRelay, minutes_before: int) -> None:
    """The relay was down all day: the reminder is dropped (expired) when the start is near."""
    service = use_relay(site, relay)
    book_eloise_wednesday(site)
    service.send()
    set_clock(site, f"2026-01-07 09:{60 - minutes_before:02d}" if minutes_before else "2026-01-07 10:00")
    report = service.send()
    assert report.sent == 0 and report.expired == 1
    assert statuses(site) == [("reminder", "expired")]
    assert relay.received == []
