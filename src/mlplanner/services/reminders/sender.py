"""A sending run: lease, recovery, planning, expiry, then each due message claimed and handed over.

One run at a time per outbox (the lease). The planning and the bookkeeping of each message are short
write transactions; nothing holds the database while a relay or the provider answers, so the desks keep
booking during a slow run.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from mlplanner.domain.errors import StorageError
from mlplanner.domain.ids import new_id
from mlplanner.domain.messaging.kinds import Channel, EmailRoute, MessageStatus, SmsRoute
from mlplanner.domain.models import Change, Changes
from mlplanner.domain.wallclock import local_now
from mlplanner.messaging.smsfactor import SmsFactorConfig, SmsFactorTransport
from mlplanner.messaging.smtp import EmailToSmsTransport, SmtpConfig, SmtpTransport
from mlplanner.messaging.transport import ChannelDown, MaybeSent, NotSent, Outgoing, Transport
from mlplanner.services.context import ServiceContext
from mlplanner.services.reminders import lease, outbox, planner
from mlplanner.services.reminders.settings import ENABLED_AT, LAST_RUN, ReminderSettings, SecretStore, load
from mlplanner.storage.tables import Meta

MAX_AHEAD = timedelta(hours=1)
POLL_LIMIT = 50  # delivery reports asked per run (one HTTP request each)  # the file's latest stamp is trusted as "now" up to this far ahead


@dataclass(frozen=True)
class Moment:
    """Now, twice: `clock` (this PC) decides what is due — never early; `guard`, the later of the clock
    and the latest stamp any workstation wrote in the file, decides what has expired — never late, even
    on a PC whose clock runs slow."""

    clock: datetime
    guard: datetime


def moment(ctx: ServiceContext, session: Session) -> Moment:
    clock = ctx.clock.now_utc()
    latest = datetime.fromtimestamp(ctx.hlc(session).last.physical_ms / 1000, UTC)
    guard = latest if clock < latest <= clock + MAX_AHEAD else clock
    return Moment(clock, guard)


@dataclass
class TransportKit:
    """Builds the transports from the settings and the secrets. Tests pass a TLS context that trusts
    their local servers' certificate; the app uses the system's authorities."""

    ssl_context: ssl.SSLContext | None = None

    def build(
        self, settings: ReminderSettings, secrets: SecretStore, site_name: str
    ) -> dict[Channel, Transport | str]:
        out: dict[Channel, Transport | str] = {}
        smtp: SmtpTransport | str | None = None
        if settings.email_route is EmailRoute.SMTP or settings.sms_route is SmsRoute.EMAIL_GATEWAY:
            smtp = self._smtp(settings, secrets, site_name)
        if settings.email_route is EmailRoute.SMTP and smtp is not None:
            out[Channel.EMAIL] = smtp
        if settings.sms_route is SmsRoute.EMAIL_GATEWAY and smtp is not None:
            if isinstance(smtp, str):
                out[Channel.SMS] = smtp
            elif not settings.gateway_address:
                out[Channel.SMS] = "adresse de la passerelle SMS non configurée (sms.gateway_address)"
            else:
                subject = settings.gateway_subject
                if "{secret}" in subject:
                    secret = secrets.get("sms.gateway_secret")
                    if not secret:
                        out[Channel.SMS] = (
                            "mot de passe de la passerelle SMS introuvable (variable MLPLANNER_SMS_GATEWAY_SECRET "
                            "ou « mlplanner settings set-secret sms.gateway_secret »)"
                        )
                        return out
                    subject = subject.replace("{secret}", secret)
                out[Channel.SMS] = EmailToSmsTransport(
                    smtp, address=settings.gateway_address, subject=subject
                )
        elif settings.sms_route is SmsRoute.HTTP:
            token = secrets.get("sms.api_token")
            if not token:
                out[Channel.SMS] = (
                    "jeton de l'API SMS introuvable (variable MLPLANNER_SMS_API_TOKEN ou "
                    "« mlplanner settings set-secret sms.api_token »)"
                )
            else:
                try:
                    out[Channel.SMS] = SmsFactorTransport(
                        SmsFactorConfig(token=token, base_url=settings.api_url, sender=settings.sms_sender),
                        ssl_context=self.ssl_context,
                    )
                except ChannelDown as exc:
                    out[Channel.SMS] = exc.message
        return out

    def _smtp(self, settings: ReminderSettings, secrets: SecretStore, site_name: str) -> SmtpTransport | str:
        if not settings.smtp_host:
            return "relais SMTP non configuré (smtp.host ou MLPLANNER_SMTP_HOST)"
        if not settings.smtp_from:
            return "adresse d'expédition non configurée (smtp.from ou MLPLANNER_SMTP_FROM)"
        user = secrets.get("smtp.user") or ""
        password = secrets.get("smtp.password") or ""
        if user and not password:
            return (
                "mot de passe SMTP introuvable (variable MLPLANNER_SMTP_PASSWORD ou "
                "« mlplanner settings set-secret smtp.password »)"
            )
        return SmtpTransport(
            SmtpConfig(
                host=settings.smtp_host,
                port=settings.smtp_port,
                security=settings.smtp_security,
                sender=settings.smtp_from,
                user=user,
                password=password,
                timeout=settings.smtp_timeout,
                sender_name=site_name,
            ),
            ssl_context=self.ssl_context,
        )


@dataclass
class SendReport:
    """What one run did, for the CLI, the status line and the log."""

    ran: bool = False
    disabled: bool = False
    busy_holder: str = ""  # another sender holds the lease
    window_closed: bool = False
    planned: planner.PlanReport = field(default_factory=planner.PlanReport)
    requeued: int = 0
    expired: int = 0
    sent: int = 0
    retry: int = 0
    failed: int = 0
    uncertain: int = 0
    skipped: int = 0
    superseded: int = 0
    waiting_csv: int = 0
    delivered: int = 0  # delivery reports received in this run
    problems: dict[str, str] = field(default_factory=dict)  # channel → why it did not send
    at: str = ""

    @property
    def changes(self) -> Changes:
        """What the open views should refresh (the youth file's messages, the settings tab's state)."""
        touched = (
            self.sent or self.failed or self.uncertain or self.skipped or self.expired or self.planned.created
        )
        return Changes.of(Change.MESSAGES) if touched else Changes()

    def summary(self) -> str:
        if self.disabled:
            return "Envoi des messages désactivé (reminders.enabled = non)."
        if self.busy_holder:
            return f"Un autre poste envoie déjà les messages ({self.busy_holder}) : rien fait ici."
        parts = [f"{self.sent} envoyé(s)"]
        for n, label in (
            (self.retry, "à réessayer"),
            (self.failed, "en échec"),
            (self.uncertain, "interrompu(s)"),
            (self.skipped, "sans destinataire"),
            (self.superseded + self.planned.superseded, "remplacé(s)"),
            (self.expired, "expiré(s)"),
            (self.waiting_csv, "SMS en attente d'export CSV"),
        ):
            if n:
                parts.append(f"{n} {label}")
        text = ", ".join(parts) + "."
        if self.planned.created:
            text = f"{self.planned.created} message(s) planifié(s) ; " + text
        if self.window_closed:
            text += " Hors de la plage d'envoi : les messages attendent."
        for channel, why in self.problems.items():
            text += f" {channel.upper()} : {why}."
        return text


Progress = Callable[[int, int], None]


class Sender:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        secrets: SecretStore,
        environ: Mapping[str, str],
        kit: TransportKit,
        holder: str | None = None,
    ) -> None:
        self.ctx = ctx
        self.secrets = secrets
        self.environ = environ
        self.kit = kit
        self.token = new_id()
        self.holder = holder or f"{socket.gethostname()} (pid {os.getpid()})"

    def run(self, *, limit: int = 1000, progress: Progress | None = None) -> SendReport:
        report = SendReport()
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            settings = load(s, self.environ)
            if not settings.enabled:
                report.disabled = True
                return report
            m = moment(self.ctx, s)
            state = lease.acquire(s, token=self.token, holder=self.holder, now=m.clock)
            if not state.held:
                report.busy_holder = state.holder
                return report
            report.ran = True
            report.requeued, report.uncertain = outbox.recover(s, now=m.clock)
            report.expired = outbox.expire(s, site_id=site.id, guard=m.guard)
            activated = _activation(s, settings, m.clock)
            planned = planner.compute(s, site, settings, now=m.guard, activated_at=activated)
            report.planned = planner.apply(s, site, planned, now=m.clock)
            site_id, tz, site_name = site.id, site.timezone, site.name
        try:
            if not settings.window.allows(local_now(m.clock, tz)):
                report.window_closed = True
                return report
            self._send_due(report, site_id, settings, site_name, limit, progress)
        finally:
            with self.ctx.write() as s:
                lease.release(s, token=self.token, now=self.ctx.clock.now_utc())
                report.at = local_now(self.ctx.clock.now_utc(), tz).isoformat(timespec="minutes")  # site time
                _remember(s, report)
        return report

    def _send_due(
        self,
        report: SendReport,
        site_id: str,
        settings: ReminderSettings,
        site_name: str,
        limit: int,
        progress: Progress | None,
    ) -> None:
        built = self.kit.build(settings, self.secrets, site_name)
        up = {ch for ch, t in built.items() if not isinstance(t, str)}
        report.problems = {ch.value: t for ch, t in built.items() if isinstance(t, str)}
        with self.ctx.read() as s:
            m = moment(self.ctx, s)
            ids = outbox.due_ids(s, site_id=site_id, now=m.clock, guard=m.guard, limit=limit)
        try:
            for n, row_id in enumerate(ids, 1):
                if progress is not None:
                    progress(n, len(ids))
                with self.ctx.write() as s:
                    m = moment(self.ctx, s)
                    if not lease.renew(s, token=self.token, now=m.clock):
                        report.problems["lease"] = "bail d'envoi perdu (un autre poste a repris l'envoi)"
                        return
                    site = self.ctx.site_row(s)
                    claimed = outbox.claim(
                        s,
                        row_id,
                        token=self.token,
                        holder=self.holder,
                        now=m.clock,
                        guard=m.guard,
                        until=m.clock + lease.TTL,
                        site=site,
                        settings=settings,
                        channels=frozenset(up),
                    )
                    outcome = None if claimed is not None else _status(s, row_id)
                if claimed is None:
                    _count(report, outcome, settings)
                    continue
                self._hand_over(report, claimed, built[claimed.channel], up)  # type: ignore[arg-type]
            sms = built.get(Channel.SMS)
            if sms is not None and not isinstance(sms, str) and Channel.SMS in up:
                report.delivered = self._poll_deliveries(site_id, sms)
        finally:
            for transport in {id(t): t for t in built.values() if not isinstance(t, str)}.values():
                transport.close()

    def _poll_deliveries(self, site_id: str, transport: Transport) -> int:
        """Ask the provider what became of the SMS sent in the last two days (those with a ticket)."""
        poll = getattr(transport, "delivery", None)
        if poll is None:
            return 0
        with self.ctx.read() as s:
            since = self.ctx.clock.now_utc() - timedelta(days=2)
            rows = list(
                s.exec(
                    select(outbox.M.id, outbox.M.receipt)
                    .where(
                        col(outbox.M.site_id) == site_id,
                        col(outbox.M.channel) == Channel.SMS.value,
                        col(outbox.M.status) == MessageStatus.SENT.value,
                        col(outbox.M.delivery) == "",
                        col(outbox.M.sent_at) >= since,
                    )
                    .limit(POLL_LIMIT)
                )
            )
        known = 0
        for row_id, receipt in rows:
            state = poll(receipt)
            if state:
                with self.ctx.write() as s:
                    row = s.get(outbox.M, row_id)
                    if row is not None:
                        row.delivery, row.delivery_at = state, self.ctx.clock.now_utc()
                        s.add(row)
                known += 1
        return known

    def _hand_over(
        self, report: SendReport, c: outbox.Claimed, transport: Transport, up: set[Channel]
    ) -> None:
        def commit() -> bool:
            with self.ctx.write() as s:
                return outbox.commit(s, c.id, token=c.token, until=self.ctx.clock.now_utc() + lease.TTL)

        message = Outgoing(c.id, c.channel, c.recipient, c.body, c.title, c.national)
        try:
            accepted = transport.send(message, commit)
        except ChannelDown as exc:
            up.discard(c.channel)
            report.problems[c.channel.value] = exc.message
            self._not_sent(c, exc, counts=False)
            report.retry += 1
        except NotSent as exc:
            status = self._not_sent(c, exc, counts=True)
            if status is MessageStatus.FAILED:
                report.failed += 1
            else:
                report.retry += 1
        except MaybeSent as exc:
            with self.ctx.write() as s:
                outbox.uncertain(s, c.id, token=c.token, error=exc.message)
            report.uncertain += 1
        else:
            with self.ctx.write() as s:
                outbox.sent(s, c.id, token=c.token, receipt=accepted.receipt, now=self.ctx.clock.now_utc())
            report.sent += 1

    def _not_sent(self, c: outbox.Claimed, exc: NotSent, *, counts: bool) -> MessageStatus:
        try:
            with self.ctx.write() as s:
                return outbox.not_sent(
                    s,
                    c.id,
                    token=c.token,
                    error=exc.message,
                    now=self.ctx.clock.now_utc(),
                    permanent=exc.permanent,
                    counts=counts,
                )
        except StorageError:
            return MessageStatus.PENDING  # left claimed: recovered as pending by the next run


def _status(session: Session, row_id: str) -> MessageStatus | None:
    row = session.get(outbox.M, row_id)
    return MessageStatus(row.status) if row is not None else None


def _count(report: SendReport, status: MessageStatus | None, settings: ReminderSettings) -> None:
    if status is MessageStatus.EXPIRED:
        report.expired += 1
    elif status is MessageStatus.SUPERSEDED:
        report.superseded += 1
    elif status is MessageStatus.SKIPPED:
        report.skipped += 1
    elif status is MessageStatus.PENDING and settings.sms_route is SmsRoute.CSV:
        report.waiting_csv += 1


def _activation(session: Session, settings: ReminderSettings, now: datetime) -> datetime:
    """When the outbox was switched on (confirmations are for bookings made after that)."""
    if settings.enabled_at is not None:
        return settings.enabled_at
    session.merge(Meta(key=ENABLED_AT, value=now.isoformat()))
    return now


def _remember(session: Session, report: SendReport) -> None:
    data = {
        "at": report.at,
        "ran": report.ran,
        "sent": report.sent,
        "retry": report.retry,
        "failed": report.failed,
        "uncertain": report.uncertain,
        "expired": report.expired,
        "planned": report.planned.created,
        "problems": report.problems,
        "window_closed": report.window_closed,
        "summary": report.summary(),
    }
    session.merge(Meta(key=LAST_RUN, value=json.dumps(data, ensure_ascii=False)))
