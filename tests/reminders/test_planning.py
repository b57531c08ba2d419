"""What the outbox plans from the data: confirmation, reminder, move and cancellation notices,
workshop cancellations and promotions; consent; expiry. Through the services, with a local relay."""

from __future__ import annotations

from datetime import datetime

from mlplanner.domain.enums import Status
from mlplanner.services.youths.service import YouthDraft
from support import TestSite, wall

from .helpers import advance, reach_by_email, rows, set_clock, statuses, use_relay
from .servers import SmtpRelay


def test_a_move_replaces_the_pending_reminder_and_sends_a_notice(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    appt = site.book("eloise", "2026-01-07 10:00")
    service.send()
    assert statuses(site) == [("reminder", "pending")]
    advance(site, hours=2)  # Monday 10:00: the Mission Locale moves it to Thursday
    site.services.booking.move(
        actor=site.receptionist, appointment_id=appt.id, start=wall("2026-01-08 14:00")
    )
    service.send()  # the notice waits 5 minutes (a move undone at once sends nothing)
    advance(site, minutes=5)
    report = service.send()
    assert report.sent == 1
    assert sorted(statuses(site)) == [("moved", "sent"), ("reminder", "pending"), ("reminder", "superseded")]
    (notice,) = relay.received
    assert "jeudi 08/01 à 14h" in notice.text
    set_clock(site, "2026-01-06 10:00")  # Tuesday: no reminder for the old Wednesday time
    assert service.send().sent == 0
    set_clock(site, "2026-01-07 10:00")  # Wednesday: the reminder of the new time
    assert service.send().sent == 1
    assert "jeudi 08/01 à 14h" in relay.received[1].text
    old = [r for r in rows(site) if r.kind == "reminder" and r.status == "superseded"]
    assert old and old[0].version.startswith("2026-01-07T10:00")


def test_a_move_right_after_a_send_gets_its_notice(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    appt = site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1  # the reminder of Wednesday 10:00
    site.services.booking.move(
        actor=site.receptionist, appointment_id=appt.id, start=wall("2026-01-07 11:00")
    )
    advance(site, minutes=5)
    assert service.send().sent == 1
    assert "à 11h" in relay.received[1].text and "a changé" in relay.received[1].message["Subject"]
    assert service.send().sent == 0


def test_cancellation_by_the_mission_locale_is_told_not_by_the_youth(
    site: TestSite, relay: SmtpRelay
) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    reach_by_email(site, "aissatou", "aissatou@example.org")
    a = site.book("eloise", "2026-01-07 10:00")
    b = site.book("aissatou", "2026-01-07 11:00")
    service.send()
    advance(site, hours=1)
    site.services.appointments.cancel(
        actor=site.receptionist, appointment_id=a.id, by_youth=False, reason="conseillère malade"
    )
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=b.id, by_youth=True)
    advance(site, minutes=6)
    assert service.send().sent == 1
    (mail,) = relay.received
    assert mail.rcpt_tos == ["eloise@example.org"] and "annul" in mail.message["Subject"]
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 0  # no reminder for either


def test_a_booking_undone_at_once_sends_nothing(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    service.set_setting(actor=site.admin, key="reminders.confirm.SUIVI", value="oui")
    reach_by_email(site, "eloise", "eloise@example.org")
    service.send()  # switched on before the booking
    advance(site, minutes=1)
    a = site.book("eloise", "2026-01-07 10:00")
    service.send()  # the planner sees the booking: a confirmation, due in 5 minutes
    site.services.appointments.cancel(
        actor=site.receptionist, appointment_id=a.id, by_youth=False, reason="saisie annulée (Ctrl+Z)"
    )
    advance(site, minutes=10)
    assert service.send().sent == 0
    assert relay.received == []


def test_confirmation_for_types_that_ask_for_it_only(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    service.set_setting(actor=site.admin, key="reminders.confirm.acc", value="oui")
    service.send()
    advance(site, minutes=1)
    reach_by_email(site, "eloise", "eloise@example.org")
    reach_by_email(site, "aissatou", "aissatou@example.org")
    site.book("eloise", "2026-01-09 10:00", type_code="ACC")
    site.book("aissatou", "2026-01-09 14:00")
    service.send()
    advance(site, minutes=5)
    assert service.send().sent == 1
    (mail,) = relay.received
    assert mail.rcpt_tos == ["eloise@example.org"] and "confirmé" in mail.message["Subject"]
    assert "Justificatif de domicile" in mail.text  # ACC's own list of what to bring


def test_no_message_without_consent_and_consent_withdrawn_before_sending(
    site: TestSite, relay: SmtpRelay
) -> None:
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    site.book("kevin", "2026-01-07 11:00")  # no consent at all: never queued (he is on the call list)
    service.send()
    assert statuses(site) == [("reminder", "pending")]
    site.services.reminders.set_consent(
        actor=site.receptionist, youth_id=site.youths["eloise"].id, channel="email", granted=False
    )
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and report.skipped == 1
    (row,) = rows(site)
    assert row.status == "skipped" and "accord" in row.error
    assert relay.received == []


def test_the_reminder_day_is_the_previous_open_day(site: TestSite, relay: SmtpRelay) -> None:
    """Monday's reminder goes on Saturday (the test site opens Saturday mornings); with Saturday closed
    by a closure, on Friday; with a rule of 2 days, on Saturday again (calendar days)."""
    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-12 10:00")
    service.send()
    (row,) = rows(site)
    assert row.due_at.replace(tzinfo=None) == datetime(2026, 1, 10, 9, 0)  # Saturday 10:00 Paris = 09:00 UTC
    saturday = datetime(2026, 1, 10).date()
    site.services.directory.add_closure(actor=site.admin, start=saturday, end=saturday, reason="inventaire")
    service.send()
    (row,) = [r for r in rows(site) if r.status == "pending"]
    assert row.due_at.replace(tzinfo=None) == datetime(2026, 1, 9, 9, 0)  # Friday


def test_workshop_session_cancelled_and_promotion(site: TestSite, relay: SmtpRelay) -> None:
    from .workshop_helpers import one_session

    service = use_relay(site, relay)
    service.send()
    advance(site, minutes=1)
    reach_by_email(site, "eloise", "eloise@example.org")
    reach_by_email(site, "aissatou", "aissatou@example.org")
    session_id = one_session(site, capacity=1, start="2026-01-08 14:00")
    sessions = site.services.sessions
    registrations = site.services.registrations
    first = registrations.register(
        actor=site.receptionist, session_id=session_id, youth_id=site.youths["eloise"].id
    )
    registrations.register(
        actor=site.receptionist, session_id=session_id, youth_id=site.youths["aissatou"].id, waitlist_ok=True
    )
    service.send()
    registrations.cancel_registration(actor=site.receptionist, registration_id=first.registrations[0].id)
    advance(site, minutes=6)
    assert service.send().sent == 1
    (promoted,) = relay.received
    assert (
        promoted.rcpt_tos == ["aissatou@example.org"] and "place s'est libérée" in promoted.message["Subject"]
    )
    sessions.cancel_session(actor=site.lead, session_id=session_id, reason="animatrice absente")
    advance(site, minutes=6)
    assert service.send().sent == 1
    assert relay.received[1].rcpt_tos == ["aissatou@example.org"]
    assert "annulé" in relay.received[1].message["Subject"]


def test_a_youth_without_a_mobile_is_not_texted(site: TestSite, relay: SmtpRelay) -> None:
    from .helpers import outbox_service

    service = outbox_service(site)
    service.set_setting(actor=site.admin, key="reminders.enabled", value="oui")
    service.set_setting(actor=site.admin, key="reminders.sms_route", value="csv")
    y = site.services.youths.add(
        actor=site.admin,
        draft=YouthDraft(first_name="Lina", last_name="Fixe", phone="01 45 83 00 00", sms_consent=True),
    ).youth
    site.services.booking.book(
        actor=site.receptionist,
        youth_id=y.id,
        type_code="SUIVI",
        start=wall("2026-01-07 10:00"),
        counsellor=site.staff["claire"].id,
    )
    preview = service.preview(datetime(2026, 1, 6).date())
    (item,) = preview.items
    assert not item.sendable and "non mobile" in item.why_not
    assert Status  # imported for readers: statuses come from domain.enums
