"""The vocabulary of the outbox: what a message is about, how it travels, where it stands."""

from __future__ import annotations

from enum import StrEnum


class MessageKind(StrEnum):
    CONFIRMATION = "confirmation"  # at booking (per appointment type)
    REMINDER = "reminder"  # N days before, or on the previous open day
    MOVED = "moved"  # the appointment (or workshop session) changed time or place
    CANCELLED = "cancelled"  # cancelled by the Mission Locale
    SESSION_CANCELLED = "session_cancelled"  # a workshop session the youth registered for
    PROMOTED = "promoted"  # a seat freed up: off the waiting list

    @property
    def is_cancellation(self) -> bool:
        return self in (MessageKind.CANCELLED, MessageKind.SESSION_CANCELLED)

    @property
    def is_notice(self) -> bool:
        """Notices tell of a change; a second change may need a second notice of the same kind."""
        return self in (MessageKind.MOVED, MessageKind.CANCELLED, MessageKind.SESSION_CANCELLED)


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"


class SmsRoute(StrEnum):
    """How a site's SMS leave: not at all, through the provider's e-mail-to-SMS address on the SMTP
    relay, through the provider's HTTP API, or as a CSV file a person uploads on the provider's page."""

    NONE = "none"
    EMAIL_GATEWAY = "email-gateway"
    HTTP = "http"
    CSV = "csv"


class EmailRoute(StrEnum):
    NONE = "none"
    SMTP = "smtp"


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"  # port 587: plain connection upgraded before login
    TLS = "tls"  # port 465: TLS from the first byte
    NONE = "none"  # a relay on the local network that accepts plain SMTP (no login then)


class MessageStatus(StrEnum):
    PENDING = "pending"  # waiting for its time, or for the network
    SENDING = "sending"  # claimed by a sender, nothing sent yet
    COMMITTING = "committing"  # handed to the relay or provider: past this point it may have left
    SENT = "sent"  # accepted by the relay or provider (the receipt says by whom)
    EXPORTED = "exported"  # written to a CSV batch for the provider's upload page
    UNCERTAIN = "uncertain"  # the sender stopped while handing it over: perhaps sent, never resent
    FAILED = "failed"  # refused for good (bad number, refused address)
    EXPIRED = "expired"  # not sent before the appointment's start: dropped
    SUPERSEDED = "superseded"  # replaced (moved or cancelled before it left)
    SKIPPED = "skipped"  # no consent or no address any more when its turn came

    @property
    def is_live(self) -> bool:
        """Still to be sent."""
        return self is MessageStatus.PENDING

    @property
    def may_have_left(self) -> bool:
        """The young person may have it (or is about to): never sent again, counts as told."""
        return self in _MAY_HAVE_LEFT


_MAY_HAVE_LEFT = frozenset(
    {
        MessageStatus.SENDING,
        MessageStatus.COMMITTING,
        MessageStatus.SENT,
        MessageStatus.EXPORTED,
        MessageStatus.UNCERTAIN,
    }
)

KIND_FR: dict[MessageKind, str] = {
    MessageKind.CONFIRMATION: "confirmation",
    MessageKind.REMINDER: "rappel",
    MessageKind.MOVED: "rendez-vous déplacé",
    MessageKind.CANCELLED: "rendez-vous annulé",
    MessageKind.SESSION_CANCELLED: "séance d'atelier annulée",
    MessageKind.PROMOTED: "place libérée (liste d'attente)",
}

CHANNEL_FR: dict[Channel, str] = {Channel.SMS: "SMS", Channel.EMAIL: "e-mail"}

STATUS_FR: dict[MessageStatus, str] = {
    MessageStatus.PENDING: "en attente",
    MessageStatus.SENDING: "en cours d'envoi",
    MessageStatus.COMMITTING: "en cours d'envoi",
    MessageStatus.SENT: "envoyé",
    MessageStatus.EXPORTED: "exporté (fichier CSV)",
    MessageStatus.UNCERTAIN: "envoi interrompu (peut-être reçu)",
    MessageStatus.FAILED: "échec",
    MessageStatus.EXPIRED: "expiré (non envoyé avant le rendez-vous)",
    MessageStatus.SUPERSEDED: "remplacé",
    MessageStatus.SKIPPED: "non envoyé",
}

SMS_ROUTE_FR: dict[SmsRoute, str] = {
    SmsRoute.NONE: "aucun envoi de SMS",
    SmsRoute.EMAIL_GATEWAY: "passerelle e-mail vers SMS du fournisseur (par le relais SMTP)",
    SmsRoute.HTTP: "API HTTP du fournisseur (SMSFactor)",
    SmsRoute.CSV: "fichier CSV à déposer sur le site du fournisseur",
}

EMAIL_ROUTE_FR: dict[EmailRoute, str] = {
    EmailRoute.NONE: "aucun envoi d'e-mail",
    EmailRoute.SMTP: "relais SMTP du site",
}
