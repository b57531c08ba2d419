"""Setting up a test site's outbox against the local servers of `servers.py`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mlplanner.domain.messaging.kinds import Channel, MessageStatus
from mlplanner.services.reminders.sender import TransportKit
from mlplanner.services.reminders.service import RemindersService
from mlplanner.services.reminders.settings import MemorySecrets
from mlplanner.storage.message_tables import OutboxMessage
from support import TestSite

from .servers import SmsFactorServer, SmtpRelay, Tls

PARIS = ZoneInfo("Europe/Paris")


def at_paris(text: str) -> datetime:
    """An aware UTC instant from a Paris wall-clock time "YYYY-MM-DD HH:MM"."""
    return datetime.fromisoformat(text).replace(tzinfo=PARIS).astimezone(UTC)


def set_clock(site: TestSite, text: str) -> None:
    site.clock.at = at_paris(text)


def outbox_service(
    site: TestSite,
    *,
    tls: Tls | None = None,
    secrets: dict[str, str] | None = None,
    environ: dict[str, str] | None = None,
) -> RemindersService:
    service = RemindersService(
        site.services.ctx,
        secrets=MemorySecrets(secrets or {}),
        environ=environ or {},
        transports=TransportKit(ssl_context=tls.client if tls else None),
    )
    site.services.reminders = service
    return service


def configure(site: TestSite, **settings: str) -> None:
    for key, value in settings.items():
        site.services.reminders.set_setting(actor=site.admin, key=key.replace("__", "."), value=value)


def use_relay(
    site: TestSite, relay: SmtpRelay, *, tls: Tls | None = None, user: str = "", password: str = ""
) -> RemindersService:
    secrets = {"smtp.user": user, "smtp.password": password} if user else {}
    service = outbox_service(site, tls=tls, secrets=secrets)
    security = {"plain": "none", "starttls": "starttls", "tls": "tls"}[relay.mode]
    for key, value in {
        "reminders.enabled": "oui",
        "reminders.email_route": "smtp",
        "smtp.host": "127.0.0.1",
        "smtp.port": str(relay.port),
        "smtp.security": security,
        "smtp.from": "rappels@ml-test.fr",
        "smtp.timeout": "5",
    }.items():
        service.set_setting(actor=site.admin, key=key, value=value)
    return service


def use_smsfactor(site: TestSite, server: SmsFactorServer, *, tls: Tls | None = None) -> RemindersService:
    service = outbox_service(site, tls=tls, secrets={"sms.api_token": server.behaviour.token})
    for key, value in {
        "reminders.enabled": "oui",
        "reminders.sms_route": "http",
        "sms.api_url": server.url,
        "sms.sender": "MISSIONLOC",
    }.items():
        service.set_setting(actor=site.admin, key=key, value=value)
    return service


def reach_by_email(site: TestSite, youth: str, address: str) -> None:
    """Give a youth an e-mail address and their consent for e-mails (SMS consent withdrawn)."""
    from mlplanner.services.youths.service import YouthDraft

    y = site.services.youths.get(site.youths[youth].id)
    draft = YouthDraft(
        first_name=y.first_name,
        last_name=y.last_name,
        birth_date=y.birth_date,
        phone=y.phone,
        email=address,
        external_id=y.external_id,
        referent=y.referent_id,
        sms_consent=False,
        email_consent=True,
        needs_accessible_room=y.needs_accessible_room,
    )
    site.youths[youth] = site.services.youths.update(actor=site.admin, youth_id=y.id, draft=draft).youth


def reach_by_sms(site: TestSite, youth: str, phone: str | None = None) -> None:
    from mlplanner.services.youths.service import YouthDraft

    y = site.services.youths.get(site.youths[youth].id)
    draft = YouthDraft(
        first_name=y.first_name,
        last_name=y.last_name,
        birth_date=y.birth_date,
        phone=phone if phone is not None else y.phone,
        email=y.email,
        external_id=y.external_id,
        referent=y.referent_id,
        sms_consent=True,
        email_consent=False,
        needs_accessible_room=y.needs_accessible_room,
    )
    site.youths[youth] = site.services.youths.update(actor=site.admin, youth_id=y.id, draft=draft).youth


def rows(site: TestSite) -> list[OutboxMessage]:
    with site.services.ctx.read() as s:
        from sqlalchemy import select

        return list(s.execute(select(OutboxMessage).order_by(OutboxMessage.created_at)).scalars())


def statuses(site: TestSite) -> list[tuple[str, str]]:
    return [(r.kind, r.status) for r in rows(site)]


def advance(site: TestSite, **delta: float) -> None:
    site.clock.advance(timedelta(**delta))


__all__ = ["Channel", "MessageStatus", "replace"]
