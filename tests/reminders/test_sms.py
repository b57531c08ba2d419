"""SMS through SMSFactor's HTTP API (a local server speaking its documented format), and the CSV batch
for its upload page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mlplanner.domain.errors import InputError, RuleViolation
from support import TestSite

from .helpers import advance, outbox_service, reach_by_sms, rows, set_clock, statuses, use_smsfactor
from .servers import SmsFactorServer, Tls


def test_a_reminder_by_sms_through_the_api(site: TestSite, smsfactor: SmsFactorServer) -> None:
    service = use_smsfactor(site, smsfactor)
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1
    (request,) = smsfactor.requests
    message = request["sms"]["message"]
    assert message["pushtype"] == "alert" and message["unicode"] == 0 and message["sender"] == "MISSIONLOC"
    (gsm,) = request["sms"]["recipients"]["gsm"]
    assert gsm["value"] == "33612345678"
    (row,) = rows(site)
    assert gsm["gsmsmsid"] == row.id
    assert smsfactor.headers[0]["Authorization"] == "Bearer test-token"
    assert message["text"].startswith("Rappel : Éloise, RDV Mission Locale le mercredi 07/01 à 10h")
    assert "ç" not in message["text"] and "ê" not in message["text"]
    assert row.status == "sent" and row.receipt == "SMSFactor ticket 14672469" and row.parts == 2
    assert row.recipient == "06 12 34 56 78"
    assert service.send().sent == 0 and len(smsfactor.requests) == 1


def test_https_with_the_provider_certificate(
    site: TestSite, smsfactor_https: SmsFactorServer, tls: Tls
) -> None:
    service = use_smsfactor(site, smsfactor_https, tls=tls)
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().sent == 1


def test_a_number_the_provider_refuses_fails_for_good(site: TestSite, smsfactor: SmsFactorServer) -> None:
    service = use_smsfactor(site, smsfactor)
    reach_by_sms(site, "eloise")
    smsfactor.behaviour.blacklisted.add("33612345678")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    assert service.send().failed == 1
    (row,) = rows(site)
    assert row.status == "failed" and "STOP" in row.error


def test_a_refused_token_stops_the_channel_and_keeps_the_messages(
    site: TestSite, smsfactor: SmsFactorServer
) -> None:
    service = use_smsfactor(site, smsfactor)
    reach_by_sms(site, "eloise")
    reach_by_sms(site, "aissatou")
    site.book("eloise", "2026-01-07 10:00")
    site.book("aissatou", "2026-01-07 11:00")
    smsfactor.behaviour.token = "another"
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and "jeton" in report.problems["sms"]
    assert statuses(site) == [("reminder", "pending"), ("reminder", "pending")]
    assert len(smsfactor.requests) == 0  # the first refusal stopped the run: no second attempt
    smsfactor.behaviour.token = "test-token"
    assert service.send().sent == 2


def test_an_unavailable_provider_is_retried_and_a_lost_answer_is_never_resent(
    site: TestSite, smsfactor: SmsFactorServer
) -> None:
    service = use_smsfactor(site, smsfactor)
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    smsfactor.behaviour.http_status = 503
    assert service.send().retry == 1
    smsfactor.behaviour.http_status = 200
    smsfactor.behaviour.drop = True  # the request arrives, the answer never comes back
    advance(site, minutes=1)
    assert service.send().uncertain == 1
    smsfactor.behaviour.drop = False
    advance(site, hours=1)
    assert service.send().sent == 0
    assert len(smsfactor.requests) == 1 and "dropped" in smsfactor.requests[0]
    assert statuses(site) == [("reminder", "uncertain")]


def test_delivery_report_is_read_from_the_campaign(smsfactor: SmsFactorServer) -> None:
    from mlplanner.domain.messaging.kinds import Channel
    from mlplanner.messaging.smsfactor import SmsFactorConfig, SmsFactorTransport
    from mlplanner.messaging.transport import Outgoing

    t = SmsFactorTransport(SmsFactorConfig(token="test-token", base_url=smsfactor.url))
    accepted = t.send(Outgoing("ref1", Channel.SMS, "33612345678", "Bonjour"), lambda: True)
    assert t.delivery(accepted.receipt) == "delivered"
    assert t.delivery("SMSFactor ticket 999") is None


def csv_site(site: TestSite) -> None:
    service = outbox_service(site)
    service.set_setting(actor=site.admin, key="reminders.enabled", value="oui")
    service.set_setting(actor=site.admin, key="reminders.sms_route", value="csv")
    reach_by_sms(site, "eloise")
    reach_by_sms(site, "jp")


def test_the_csv_batch_for_the_upload_page(site: TestSite, tmp_path: Path) -> None:
    csv_site(site)
    service = site.services.reminders
    site.book("eloise", "2026-01-07 10:00")
    site.book("jp", "2026-01-07 11:00")
    assert service.send().sent == 0
    out = tmp_path / "sms.csv"
    assert service.export_sms(actor=site.receptionist, path=out).messages == 0
    assert not out.exists()  # nothing due yet: no empty file
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 0 and report.waiting_csv == 2
    result = service.export_sms(actor=site.receptionist, path=out)
    assert result.messages == 2 and result.parts == 4
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:2] == ["Téléphone", "Message"]
    assert sorted(r[0] for r in table[1:]) == ["06 12 34 56 78", "06 98 76 54 32"]
    assert all(r[1].startswith("Rappel : ") for r in table[1:])
    assert statuses(site) == [("reminder", "exported"), ("reminder", "exported")]
    again = tmp_path / "sms2.csv"
    assert service.export_sms(actor=site.receptionist, path=again).messages == 0  # never exported twice
    with pytest.raises(InputError, match="existe déjà"):
        service.export_sms(actor=site.receptionist, path=out)


def test_export_refused_when_sms_do_not_go_by_csv(
    site: TestSite, tmp_path: Path, smsfactor: SmsFactorServer
) -> None:
    use_smsfactor(site, smsfactor)
    out = tmp_path / "lots"
    out.mkdir()
    with pytest.raises(RuleViolation, match="CSV"):
        site.services.reminders.export_sms(actor=site.receptionist, path=out / "x.csv")
    assert list(out.iterdir()) == []


def test_a_csv_batch_leaves_out_what_could_arrive_after_the_start(site: TestSite, tmp_path: Path) -> None:
    """A batch is uploaded by hand, some time after the export: a reminder for an appointment less than
    two hours away stays out of it (and expires), never uploaded too late."""
    csv_site(site)
    site.book("eloise", "2026-01-06 11:30")  # reminder due Monday 10:00, nobody exported on Monday
    site.book("jp", "2026-01-07 10:00")  # reminder due Tuesday 10:00
    set_clock(site, "2026-01-06 10:00")
    result = site.services.reminders.export_sms(actor=site.receptionist, path=tmp_path / "lot.csv")
    assert result.messages == 1
    assert "06 98 76 54 32" in (tmp_path / "lot.csv").read_text(encoding="utf-8-sig")
    set_clock(site, "2026-01-06 11:10")
    site.services.reminders.send()
    assert sorted(statuses(site)) == [("reminder", "expired"), ("reminder", "exported")]


def test_the_providers_delivery_report_reaches_the_youth_file(
    site: TestSite, smsfactor: SmsFactorServer
) -> None:
    service = use_smsfactor(site, smsfactor)
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    set_clock(site, "2026-01-06 10:00")
    report = service.send()
    assert report.sent == 1 and report.delivered == 1  # asked after the batch
    (row,) = rows(site)
    assert row.delivery == "delivered" and row.delivery_at is not None
    advance(site, minutes=5)
    (view,) = service.history(site.youths["eloise"].id)
    assert view.delivery == "delivered"
    assert service.send().delivered == 0  # asked once
