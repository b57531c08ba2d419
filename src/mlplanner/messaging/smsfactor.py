"""SMS through SMSFactor's HTTP API (a French provider used by many public bodies).

Wire format, from the provider's documentation (https://dev.smsfactor.com/en/api/sms/send/send-campaign
and https://dev.smsfactor.com/en/api/sms/campaigns/details):

    POST {base}/send                    Authorization: Bearer <token>, Accept: application/json
    {"sms": {"message": {"text": "...", "pushtype": "alert", "sender": "MISSIONLOC", "unicode": 0},
             "recipients": {"gsm": [{"gsmsmsid": "<our reference>", "value": "33612345678"}]}}}
    → {"status": 1, "message": "OK", "ticket": "14672468", "cost": 1, "credits": 642, "total": 1,
       "sent": 1, "blacklisted": 0, "duplicated": 0, "invalid": 0, "npai": 0}

    GET {base}/campaign/{ticket}        → {"status": 1, "campaign": [{"delivered": "1", "error": "0", ...}]}

`pushtype` "alert" is the transactional kind (not bound to the marketing hours); `unicode` 0 because our
texts are already in the GSM alphabet; `gsmsmsid` carries the outbox row id so the provider's reports
can be matched. A number filtered out by the provider (`sent` 0 with `invalid`, `blacklisted` or `npai`)
is a permanent failure; a `status` other than 1 (token refused, no credit) stops the channel for this run.

The point of no return is the POST: a connection refused or a request that could not be written leaves
the message unsent; no answer after the request was written leaves it "perhaps sent". HTTP 502, 503,
504 and 429 come from a proxy or a rate limit before the provider's application: not sent, retried.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mlplanner.domain.errors import InputError
from mlplanner.domain.messaging.kinds import Channel
from mlplanner.messaging.transport import (
    ABORTED,
    Accepted,
    ChannelDown,
    Commit,
    MaybeSent,
    NotSent,
    Outgoing,
)

DEFAULT_URL = "https://api.smsfactor.com"
_SENDER = re.compile(r"^[A-Za-z0-9 ]{3,11}$")
_RETRY_LATER = {429, 502, 503, 504}


@dataclass(frozen=True)
class SmsFactorConfig:
    token: str = field(repr=False)
    base_url: str = DEFAULT_URL
    sender: str = ""  # 3–11 letters or digits, as registered with the provider ("" = provider's default)
    timeout: float = 30.0


def check_sender(text: str) -> str:
    value = (text or "").strip()
    if value and not _SENDER.match(value):
        raise InputError(
            "bad_sender",
            "L'émetteur des SMS compte 3 à 11 lettres ou chiffres, sans accent (ex. MISSIONLOC).",
        )
    return value


class SmsFactorTransport:
    """One HTTPS request per SMS (so that each gets its own ticket and its own delivery report)."""

    def __init__(self, config: SmsFactorConfig, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.config = config
        parts = urlsplit(config.base_url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ChannelDown(f"Adresse de l'API SMS illisible : « {config.base_url} ».")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.path = parts.path.rstrip("/")
        self.ssl_context = ssl_context or ssl.create_default_context()

    def _connection(self) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=self.config.timeout, context=self.ssl_context
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=self.config.timeout)

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.config.token}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        }

    def payload(self, message: Outgoing) -> dict[str, Any]:
        text: dict[str, Any] = {"text": message.text, "pushtype": "alert", "unicode": 0}
        if self.config.sender:
            text["sender"] = self.config.sender
        return {
            "sms": {
                "message": text,
                "recipients": {"gsm": [{"gsmsmsid": message.ref, "value": message.recipient}]},
            }
        }

    def send(self, message: Outgoing, commit: Commit) -> Accepted:
        if message.channel is not Channel.SMS:
            raise NotSent("L'API SMS n'envoie que des SMS.", permanent=True)
        body = json.dumps(self.payload(message), ensure_ascii=False).encode("utf-8")
        conn = self._connection()
        try:
            try:
                conn.connect()
            except (OSError, ssl.SSLError) as exc:
                raise ChannelDown(f"API SMS injoignable ({self.host}) : {_why(exc)}.") from exc
            if not commit():
                raise NotSent(ABORTED)
            try:
                conn.request("POST", f"{self.path}/send", body=body, headers=self._headers())
            except (OSError, http.client.HTTPException) as exc:  # the request was not written whole
                raise ChannelDown(f"Envoi à l'API SMS interrompu ({_why(exc)}) : rien n'est parti.") from exc
            try:
                response = conn.getresponse()
                raw = response.read()
            except (OSError, http.client.HTTPException) as exc:
                raise MaybeSent(
                    f"Pas de réponse de l'API SMS ({_why(exc)}) : le SMS a peut-être été envoyé ; il ne sera "
                    "pas renvoyé."
                ) from exc
        finally:
            conn.close()
        return self._outcome(response.status, raw)

    def _outcome(self, http_status: int, raw: bytes) -> Accepted:
        if http_status in (401, 403):
            raise ChannelDown("L'API SMS refuse le jeton d'accès (vérifiez la clé enregistrée).")
        if http_status in _RETRY_LATER:
            raise ChannelDown(f"L'API SMS est indisponible pour l'instant (HTTP {http_status}).")
        if http_status >= 500:
            raise MaybeSent(
                f"Erreur de l'API SMS (HTTP {http_status}) : le SMS a peut-être été envoyé ; il ne sera pas renvoyé."
            )
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            data = None
        if not isinstance(data, dict):
            if 200 <= http_status < 300:
                raise MaybeSent("Réponse illisible de l'API SMS : le SMS a peut-être été envoyé.")
            raise NotSent(f"L'API SMS refuse la demande (HTTP {http_status}).", permanent=True)
        if http_status >= 400 or _int(data.get("status")) != 1:
            why = str(data.get("message") or data.get("details") or f"HTTP {http_status}")[:150]
            if _looks_like_account_problem(why) or http_status in (402,):
                raise ChannelDown(f"L'API SMS refuse l'envoi : {why}.")
            raise NotSent(f"L'API SMS refuse ce SMS : {why}.", permanent=True)
        if _int(data.get("sent")) < 1:
            reasons = [
                label
                for key, label in (
                    ("invalid", "numéro invalide"),
                    ("blacklisted", "numéro en liste noire (le jeune a répondu STOP)"),
                    ("npai", "numéro inconnu de l'opérateur"),
                    ("duplicated", "doublon"),
                    ("not_allowed", "pays non autorisé"),
                    ("flood", "filtre anti-flood"),
                )
                if _int(data.get(key)) > 0
            ]
            raise NotSent(
                f"Le fournisseur n'a pas envoyé ce SMS : {', '.join(reasons) or 'filtré'}.", permanent=True
            )
        ticket = str(data.get("ticket") or "")
        return Accepted(f"SMSFactor ticket {ticket}" if ticket else "SMSFactor : accepté")

    def delivery(self, receipt: str) -> str | None:
        """The provider's delivery report for a sent SMS: "delivered", "undelivered", or None (unknown)."""
        m = re.search(r"ticket (\S+)", receipt)
        if not m:
            return None
        conn = self._connection()
        try:
            conn.request("GET", f"{self.path}/campaign/{m.group(1)}", headers=self._headers())
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            return None
        finally:
            conn.close()
        if response.status != 200:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            campaign = data["campaign"][0] if isinstance(data.get("campaign"), list) else data["campaign"]
        except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError):
            return None
        if _int(campaign.get("delivered")) > 0:
            return "delivered"
        if any(_int(campaign.get(k)) > 0 for k in ("error", "expired", "network_error", "npai", "stop")):
            return "undelivered"
        return None

    def close(self) -> None:
        return None


def _int(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def _looks_like_account_problem(text: str) -> bool:
    t = text.lower()
    return any(w in t for w in ("token", "auth", "credit", "crédit", "balance", "account", "compte"))


def _why(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "délai dépassé"
    if isinstance(exc, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(exc, socket.gaierror):
        return "nom de serveur inconnu"
    return (str(exc).strip() or exc.__class__.__name__)[:150]
