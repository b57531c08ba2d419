"""The e-mail-to-SMS gateway on the relay, a PC whose clock runs slow near the start, and the no-show
statistics with and without a reminder."""

from __future__ import annotations

from datetime import date, timedelta

from mlplanner.domain.enums import Status
from support import TestSite, wall

from .helpers import advance, reach_by_email, reach_by_sms, rows, set_clock, statuses, use_relay
from .servers import SmtpRelay


def test_sms_through_the_providers_email_gateway(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    service.secrets.set("sms.gateway_secret", "pass-gw")
    for key, value in {
        "reminders.email_route": "none",
        "reminders.sms_route": "email-gateway",
        "sms.gateway_address": "{msisdn}@sms.fournisseur.test",
        "sms.gateway_subject": "compte-ml:{secret}",
    }.items():
        service.set_setting(actor=site.admin, key=key, value=value)
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1
    (mail,) = relay.received
    assert mail.rcpt_tos == ["33612345678@sms.fournisseur.test"]
    assert mail.message["Subject"] == "compte-ml:pass-gw"
    assert mail.text.startswith("Rappel : Éloise, RDV Mission Locale le mercredi 07/01 à 10h")
    (row,) = rows(site)
    assert row.channel == "sms" and row.recipient == "06 12 34 56 78"
    assert row.receipt.startswith("passerelle SMS 33612345678@sms.fournisseur.test ; SMTP")
    assert "pass-gw" not in row.receipt and "pass-gw" not in row.body


def test_a_slow_clock_near_the_start_still_expires_in_time(site: TestSite, relay: SmtpRelay) -> None:
    """Another workstation wrote at 09:45 (its clock is right); this PC's clock says 09:25. The reminder
    of the 10:00 appointment is not sent: the file's latest stamp says it is already past 09:30."""
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    service.send()  # queued on Monday, due on Tuesday 10:00; the relay was down on Tuesday
    set_clock(site, "2026-01-07 09:45")
    site.book("kevin", "2026-01-07 15:00")  # stamped 09:45 by the workstation with the right clock
    set_clock(site, "2026-01-07 09:25")  # this PC runs 20 minutes slow
    report = service.send()
    assert report.sent == 0 and report.expired == 1
    assert relay.received == [] and statuses(site) == [("reminder", "expired")]


def test_a_fast_clock_elsewhere_does_not_make_this_pc_send_early(site: TestSite, relay: SmtpRelay) -> None:
    """A stamp from a PC 40 minutes ahead moves the expiry guard, never what is due: at 09:50 by this PC
    the reminder due at 10:00 waits."""
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:30")
    site.book("kevin", "2026-01-07 15:00")
    set_clock(site, "2026-01-06 09:50")
    assert service.send().sent == 0
    assert statuses(site) == [("reminder", "pending")]
    advance(site, minutes=10)
    assert service.send().sent == 1


def test_no_show_rate_with_and_without_a_reminder(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    reach_by_email(site, "aissatou", "aissatou@example.org")
    a = site.book("eloise", "2026-01-07 10:00")  # reminded, came
    b = site.book("aissatou", "2026-01-07 11:00")  # reminded, did not come
    c = site.book("kevin", "2026-01-07 14:00")  # no consent: no reminder, did not come
    d = site.book("jp", "2026-01-07 15:00", type_code="ACC")  # no reminder, excused: not counted
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 2
    set_clock(site, "2026-01-07 17:45")
    booking = site.services.appointments
    booking.set_outcome(actor=site.lead, appointment_id=a.id, status=Status.SEEN)
    booking.set_outcome(actor=site.lead, appointment_id=b.id, status=Status.NO_SHOW)
    booking.set_outcome(actor=site.lead, appointment_id=c.id, status=Status.NO_SHOW)
    booking.set_outcome(actor=site.lead, appointment_id=d.id, status=Status.EXCUSED)
    (row,) = service.no_show_stats(date(2026, 1, 1), date(2026, 1, 31))
    assert (row.month, row.type_code) == ("2026-01", "SUIVI")
    assert (row.with_reminder.appointments, row.with_reminder.no_shows) == (2, 1)
    assert (row.without_reminder.appointments, row.without_reminder.no_shows) == (1, 1)
    assert row.with_reminder.rate == 0.5 and row.without_reminder.rate == 1.0
    assert service.no_show_stats(date(2026, 2, 1), date(2026, 2, 28)) == []


def test_a_reminder_for_a_time_it_was_moved_from_does_not_count(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    a = site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1  # reminder for Wednesday 10:00
    site.services.booking.move(actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-07 16:00"))
    advance(site, minutes=10)
    service.send()  # the notice of the move (not a reminder)
    set_clock(site, "2026-01-07 17:00")
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=a.id, status=Status.NO_SHOW)
    (row,) = service.no_show_stats(date(2026, 1, 7), date(2026, 1, 7))
    assert row.with_reminder.appointments == 0 and row.without_reminder.no_shows == 1
    assert timedelta  # (imported for readers of the dates above)
