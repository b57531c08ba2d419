"""French labels of the outbox's vocabulary, marked for the English translation."""

from __future__ import annotations

from mlplanner.domain.messaging.kinds import Channel, MessageKind, MessageStatus, SmsRoute
from mlplanner.ui.i18n import tr, tr_noop

KIND: dict[MessageKind, str] = {
    MessageKind.CONFIRMATION: tr_noop("confirmation"),
    MessageKind.REMINDER: tr_noop("rappel"),
    MessageKind.MOVED: tr_noop("rendez-vous déplacé"),
    MessageKind.CANCELLED: tr_noop("rendez-vous annulé"),
    MessageKind.SESSION_CANCELLED: tr_noop("séance d'atelier annulée"),
    MessageKind.PROMOTED: tr_noop("place libérée (liste d'attente)"),
}
CHANNEL: dict[Channel, str] = {Channel.SMS: tr_noop("SMS"), Channel.EMAIL: tr_noop("e-mail")}
STATUS: dict[MessageStatus, str] = {
    MessageStatus.PENDING: tr_noop("en attente"),
    MessageStatus.SENDING: tr_noop("en cours d'envoi"),
    MessageStatus.COMMITTING: tr_noop("en cours d'envoi"),
    MessageStatus.SENT: tr_noop("envoyé"),
    MessageStatus.EXPORTED: tr_noop("exporté (fichier CSV)"),
    MessageStatus.UNCERTAIN: tr_noop("envoi interrompu (peut-être reçu)"),
    MessageStatus.FAILED: tr_noop("échec"),
    MessageStatus.EXPIRED: tr_noop("expiré (non envoyé avant le rendez-vous)"),
    MessageStatus.SUPERSEDED: tr_noop("remplacé"),
    MessageStatus.SKIPPED: tr_noop("non envoyé"),
}
SMS_ROUTE: dict[SmsRoute, str] = {
    SmsRoute.NONE: tr_noop("Pas de SMS"),
    SmsRoute.EMAIL_GATEWAY: tr_noop("Passerelle e-mail vers SMS du fournisseur (par le relais SMTP)"),
    SmsRoute.HTTP: tr_noop("API SMSFactor (HTTP)"),
    SmsRoute.CSV: tr_noop("Fichier CSV à déposer sur le site du fournisseur"),
}
# colours of the status cell: green when it left, amber while it waits, red when it needs a look
STATUS_COLOUR: dict[MessageStatus, str] = {
    MessageStatus.SENT: "#DFF2E1",
    MessageStatus.EXPORTED: "#DFF2E1",
    MessageStatus.PENDING: "#FFF4D6",
    MessageStatus.SENDING: "#FFF4D6",
    MessageStatus.COMMITTING: "#FFF4D6",
    MessageStatus.UNCERTAIN: "#F8D7DA",
    MessageStatus.FAILED: "#F8D7DA",
}


def kind(k: MessageKind) -> str:
    return tr(KIND[k])


def status(s: MessageStatus) -> str:
    return tr(STATUS[s])


def channel(c: str) -> str:
    return tr(CHANNEL[Channel(c)]) if c else ""
