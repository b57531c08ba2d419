"""What every transport shares: the message handed over, the outcomes, the point of no return.

Never sending a message twice rests on one distinction: did the failure happen *before* the relay or
provider could have accepted the message (then it is safe to try again later), or *after* it was handed
over (then nobody knows: it is never sent again, and people see "perhaps received")? Each transport
calls `commit()` right before its point of no return — the SMTP DATA command, the HTTP request of the
API — and the outbox records it durably; if `commit()` says no (another sender took the message over),
the transport backs out without sending.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from mlplanner.domain.messaging.kinds import Channel


@dataclass(frozen=True)
class Outgoing:
    ref: str  # the outbox row id: Message-ID of the e-mail, client reference of the SMS
    channel: Channel
    recipient: str  # e-mail address, or international number without "+" ("33612345678")
    text: str
    subject: str = ""
    national: str = ""  # the number as written in France ("06 12 34 56 78"), for e-mail-to-SMS


@dataclass(frozen=True)
class Accepted:
    receipt: str  # the relay's reply ("250 2.0.0 Ok: queued as 4F..."), the provider's ticket


class DeliveryError(Exception):
    """A message did not go through. `message` is a French sentence for the outbox and its readers."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotSent(DeliveryError):
    """Failed before the point of no return: the message certainly did not leave.

    `permanent`: refused for good (unknown address, number refused by the provider): do not retry.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class ChannelDown(NotSent):
    """The relay or provider cannot be used now (unreachable, login refused, no credit): the message did
    not leave, and neither will the next ones on this channel in this run. Waits for the next run."""


class MaybeSent(DeliveryError):
    """Failed after the point of no return: the message may have left. Never sent again."""


Commit = Callable[[], bool]


class Transport(Protocol):
    def send(self, message: Outgoing, commit: Commit) -> Accepted:
        """Send one message; call `commit()` just before the point of no return."""
        ...

    def close(self) -> None: ...


ABORTED = "Envoi abandonné : un autre poste a repris ce message."
