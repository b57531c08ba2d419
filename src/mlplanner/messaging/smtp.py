"""E-mail through the site's SMTP relay (smtplib), and SMS through the provider's e-mail-to-SMS address.

One connection serves a whole batch: it is opened on the first message and reopened once if the relay
dropped it between two messages. The point of no return is the DATA command: a refusal of MAIL FROM or
RCPT TO, or a connection lost before DATA, leaves the message unsent (retried later); a connection lost
during DATA leaves it "perhaps sent" (never resent); a 4xx or 5xx answer to DATA means refused.

Security: `starttls` (port 587) upgrades the plain connection before logging in and refuses to log in
if the relay does not offer STARTTLS; `tls` (port 465) speaks TLS from the first byte; `none` is for a
relay on the local network that takes plain SMTP without login. Certificates are checked against the
system's authorities (tests pass their own context).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid

from mlplanner.domain.messaging.kinds import Channel, SmtpSecurity
from mlplanner.messaging.transport import (
    ABORTED,
    Accepted,
    ChannelDown,
    Commit,
    MaybeSent,
    NotSent,
    Outgoing,
)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: SmtpSecurity
    sender: str  # From: address
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0
    sender_name: str = ""  # "Mission Locale de Paris — site Paris 13"


def _refusal(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {text}".strip()[:200]


class SmtpTransport:
    """E-mails through one relay, one connection per batch."""

    def __init__(self, config: SmtpConfig, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self.ssl_context = ssl_context or ssl.create_default_context()
        self._smtp: smtplib.SMTP | None = None

    # --- connection ---------------------------------------------------------------------------
    def _where(self) -> str:
        return f"{self.config.host}:{self.config.port}"

    def open(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        c = self.config
        try:
            if c.security is SmtpSecurity.TLS:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    c.host, c.port, timeout=c.timeout, context=self.ssl_context
                )
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            try:
                smtp.ehlo()
                if c.security is SmtpSecurity.STARTTLS:
                    if not smtp.has_extn("starttls"):
                        raise ChannelDown(
                            f"Le relais {self._where()} ne propose pas STARTTLS : rien n'est envoyé en clair."
                        )
                    smtp.starttls(context=self.ssl_context)
                    smtp.ehlo()
                if c.user:
                    if c.security is SmtpSecurity.NONE:
                        raise ChannelDown(
                            "Identifiant SMTP sans chiffrement : choisissez STARTTLS ou TLS pour ne pas "
                            "envoyer le mot de passe en clair."
                        )
                    smtp.login(c.user, c.password)
            except BaseException:
                smtp.close()
                raise
        except ChannelDown:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise ChannelDown(
                f"Le relais {self._where()} refuse l'identifiant ou le mot de passe SMTP."
            ) from exc
        except ssl.SSLError as exc:
            raise ChannelDown(
                f"Connexion chiffrée impossible avec {self._where()} : {exc.reason or exc}."
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelDown(f"Relais SMTP injoignable ({self._where()}) : {_why(exc)}.") from exc
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    # --- sending --------------------------------------------------------------------------------
    def build(self, message: Outgoing, to: str, subject: str) -> EmailMessage:
        c = self.config
        mail = EmailMessage(policy=SMTP_POLICY)  # CRLF line ends: smtplib sends bytes as they are
        mail["From"] = f"{c.sender_name} <{c.sender}>" if c.sender_name else c.sender
        mail["To"] = to
        mail["Subject"] = subject
        mail["Date"] = formatdate(localtime=False)
        domain = c.sender.rpartition("@")[2] or "mlplanner.invalid"
        mail["Message-ID"] = make_msgid(idstring=message.ref, domain=domain)
        mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a reminder
        mail.set_content(message.text)
        return mail

    def deliver(self, mail: EmailMessage, to: str, commit: Commit) -> Accepted:
        """MAIL, RCPT, then DATA after `commit()`. Reconnects once if the relay dropped the line."""
        for attempt in (1, 2):
            smtp = self.open()
            try:
                code, reply = smtp.mail(self.config.sender)
                if code != 250:
                    smtp.rset()
                    raise NotSent(
                        f"Expéditeur refusé par le relais : {_refusal(code, reply)}.", permanent=code >= 500
                    )
                code, reply = smtp.rcpt(to)
                if code not in (250, 251):
                    smtp.rset()
                    raise NotSent(f"Destinataire refusé : {_refusal(code, reply)}.", permanent=code >= 500)
                break
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                self._drop()
                if attempt == 2:
                    raise ChannelDown(
                        f"Le relais {self._where()} a coupé la connexion : {_why(exc)}."
                    ) from exc
            except smtplib.SMTPException as exc:
                self._drop()
                raise ChannelDown(f"Erreur du relais {self._where()} : {_why(exc)}.") from exc
        if not commit():
            self._reset()
            raise NotSent(ABORTED)
        answer: bytes | str
        try:
            code, answer = smtp.data(mail.as_bytes())
        except smtplib.SMTPDataError as exc:  # the relay answered DATA with a refusal: not accepted
            code, answer = exc.smtp_code, exc.smtp_error
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise MaybeSent(
                f"Connexion perdue pendant la transmission au relais ({_why(exc)}) : le message a peut-être été "
                "reçu ; il ne sera pas renvoyé."
            ) from exc
        if code != 250:  # a refusal of the message itself: certainly not accepted
            self._reset()
            raise NotSent(f"Message refusé par le relais : {_refusal(code, answer)}.", permanent=code >= 500)
        return Accepted(f"SMTP {self._where()} : {_refusal(code, answer)}")

    def _reset(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def send(self, message: Outgoing, commit: Commit) -> Accepted:
        if message.channel is not Channel.EMAIL:
            raise NotSent("Ce relais n'envoie que des e-mails.", permanent=True)
        return self.deliver(
            self.build(message, message.recipient, message.subject), message.recipient, commit
        )


class EmailToSmsTransport:
    """SMS through the provider's e-mail-to-SMS gateway, on the site's relay.

    The gateway's address and subject are templates set by the site: `{msisdn}` is the international
    number without "+" (33612345678), `{numero}` the national one (0612345678). The body is the SMS.
    """

    def __init__(self, smtp: SmtpTransport, *, address: str, subject: str = "") -> None:
        self.smtp = smtp
        self.address = address
        self.subject = subject

    def recipient(self, message: Outgoing) -> str:
        national = message.national.replace(" ", "")
        return self.address.replace("{msisdn}", message.recipient).replace("{numero}", national)

    def send(self, message: Outgoing, commit: Commit) -> Accepted:
        if message.channel is not Channel.SMS:
            raise NotSent("La passerelle e-mail vers SMS n'envoie que des SMS.", permanent=True)
        to = self.recipient(message)
        subject = self.subject.replace("{msisdn}", message.recipient).replace(
            "{numero}", message.national.replace(" ", "")
        )
        accepted = self.smtp.deliver(self.smtp.build(message, to, subject), to, commit)
        return Accepted(f"passerelle SMS {to} ; {accepted.receipt}")

    def close(self) -> None:
        self.smtp.close()


def _why(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "délai dépassé"
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(exc, socket.gaierror):
        return "nom de serveur inconnu"
    if isinstance(exc, smtplib.SMTPResponseException):
        return _refusal(exc.smtp_code, exc.smtp_error)
    text = str(exc).strip()
    return text[:150] or exc.__class__.__name__
