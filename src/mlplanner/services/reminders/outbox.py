"""The states of one outbox row, each change a conditional update in its own short transaction.

    pending ──claim──▶ sending ──commit──▶ committing ──▶ sent
       ▲                  │                    │
       └── not sent ──────┘                    └──▶ uncertain (stopped while handing over: never resent)

Every transition names the claim token it expects, so a sender that lost its claim (it stalled, the
lease expired, another sender recovered the row) changes nothing: its `commit()` is refused and it backs
out before sending. A claim re-reads the appointment: a reminder whose appointment moved since it was
planned is superseded there and then, never sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Update, update
from sqlmodel import Session, col, or_, select

from mlplanner.domain.messaging.kinds import Channel, MessageKind, MessageStatus, SmsRoute
from mlplanner.domain.messaging.plan import State, base_version
from mlplanner.services.reminders import facts as facts_mod
from mlplanner.services.reminders.settings import ReminderSettings
from mlplanner.services.reminders.subjects import aware, subject_now
from mlplanner.storage.message_tables import OutboxMessage
from mlplanner.storage.tables import Site

M = OutboxMessage


def _count(result: object) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)


MAX_ATTEMPTS = 6  # refusals of one message that may pass (4xx); a channel that is down does not count
_NEEDS: dict[MessageKind, State] = {
    MessageKind.CONFIRMATION: State.BOOKED,
    MessageKind.REMINDER: State.BOOKED,
    MessageKind.MOVED: State.BOOKED,
    MessageKind.PROMOTED: State.BOOKED,
    MessageKind.CANCELLED: State.CANCELLED_ML,
    MessageKind.SESSION_CANCELLED: State.SESSION_CANCELLED,
}

SUPERSEDED_BY_CHANGE = "remplacé : le rendez-vous a changé depuis"
EXPIRED = "non envoyé avant le début du rendez-vous"


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=5) * (2 ** max(attempts - 1, 0)), timedelta(hours=2))


def recover(session: Session, *, now: datetime) -> tuple[int, int]:
    """Rows left by a sender that stopped: claimed but not handed over → pending again; handed over
    but not confirmed → uncertain. Returns (requeued, uncertain)."""
    requeued = session.execute(
        update(M)
        .where(col(M.status) == MessageStatus.SENDING.value, col(M.claimed_until) < now)
        .values(
            status=MessageStatus.PENDING.value,
            claim_token="",
            claimed_until=None,
            error="envoi interrompu avant la transmission : sera réessayé",
        )
    )
    uncertain = session.execute(
        update(M)
        .where(col(M.status) == MessageStatus.COMMITTING.value, col(M.claimed_until) < now)
        .values(
            status=MessageStatus.UNCERTAIN.value,
            error="l'envoi s'est interrompu pendant la transmission : le message a peut-être été reçu ; "
            "il n'est pas renvoyé",
        )
    )
    return _count(requeued), _count(uncertain)


def expire(session: Session, *, site_id: str, guard: datetime) -> int:
    return _count(
        session.execute(
            update(M)
            .where(
                col(M.site_id) == site_id,
                col(M.status) == MessageStatus.PENDING.value,
                col(M.expires_at) <= guard,
            )
            .values(status=MessageStatus.EXPIRED.value, error=EXPIRED)
        )
    )


def due_ids(session: Session, *, site_id: str, now: datetime, guard: datetime, limit: int) -> list[str]:
    q = (
        select(M.id)
        .where(
            col(M.site_id) == site_id,
            col(M.status) == MessageStatus.PENDING.value,
            col(M.due_at) <= now,
            col(M.expires_at) > guard,
            or_(col(M.next_try_at).is_(None), col(M.next_try_at) <= now),
        )
        .order_by(col(M.due_at), col(M.created_at))
        .limit(limit)
    )
    return list(session.exec(q))


@dataclass(frozen=True)
class Claimed:
    id: str
    token: str
    channel: Channel
    recipient: str
    national: str
    title: str
    body: str
    parts: int
    kind: MessageKind


def _finish(row: OutboxMessage, status: MessageStatus, error: str) -> None:
    row.status = status.value
    row.error = error[:300]
    row.claim_token = ""
    row.claimed_until = None


def claim(
    session: Session,
    row_id: str,
    *,
    token: str,
    holder: str,
    now: datetime,
    guard: datetime,
    until: datetime,
    site: Site,
    settings: ReminderSettings,
    channels: frozenset[Channel],
    csv_export: bool = False,
) -> Claimed | None:
    """Take a due message for sending (or for a CSV batch), after checking again that it is still right:
    the appointment unchanged, not expired, the youth still consenting. None: nothing to send now (the
    row says why, or it waits for a channel this sender does not have)."""
    row = session.get(M, row_id)
    if row is None or row.status != MessageStatus.PENDING.value:
        return None
    if aware(row.expires_at) <= guard:
        _finish(row, MessageStatus.EXPIRED, EXPIRED)
        return None
    kind = MessageKind(row.kind)
    subject = subject_now(session, row.subject, site, settings)
    if subject is None or subject.version != base_version(row.version) or subject.state is not _NEEDS[kind]:
        _finish(row, MessageStatus.SUPERSEDED, SUPERSEDED_BY_CHANGE)
        return None
    found = facts_mod.facts_for(session, row.subject, site)
    if found is None:
        _finish(row, MessageStatus.SUPERSEDED, SUPERSEDED_BY_CHANGE)
        return None
    facts, youth = found
    route = facts_mod.route_for(youth, settings)
    if route.channel is None:
        _finish(row, MessageStatus.SKIPPED, f"non envoyé : {route.why_not}")
        return None
    sms_by_csv = route.channel is Channel.SMS and settings.sms_route is SmsRoute.CSV
    if sms_by_csv != csv_export or route.channel not in channels:
        return None  # waits for the CSV export, or for a channel that is down in this run
    text = facts_mod.render(kind, route.channel, facts, settings)
    row.channel, row.recipient = (
        route.channel.value,
        route.recipient if route.channel is Channel.EMAIL else route.national,
    )
    row.title, row.body, row.parts = text.title, text.body, text.parts
    row.status = MessageStatus.SENDING.value
    row.claim_token, row.claimed_by, row.claimed_until = token, holder[:120], until
    row.error = ""
    session.add(row)
    return Claimed(
        row.id, token, route.channel, route.recipient, route.national, text.title, text.body, text.parts, kind
    )


def _guarded(row_id: str, token: str, *statuses: MessageStatus) -> Update:
    return update(M).where(
        col(M.id) == row_id, col(M.claim_token) == token, col(M.status).in_([s.value for s in statuses])
    )


def commit(session: Session, row_id: str, *, token: str, until: datetime) -> bool:
    """The point of no return, recorded before the message is handed over."""
    result = session.execute(
        _guarded(row_id, token, MessageStatus.SENDING).values(
            status=MessageStatus.COMMITTING.value, claimed_until=until
        )
    )
    return bool(_count(result))


def sent(session: Session, row_id: str, *, token: str, receipt: str, now: datetime) -> bool:
    result = session.execute(
        _guarded(row_id, token, MessageStatus.COMMITTING, MessageStatus.UNCERTAIN).values(
            status=MessageStatus.SENT.value, receipt=receipt[:300], sent_at=now, claimed_until=None, error=""
        )
    )
    return bool(_count(result))


def not_sent(
    session: Session, row_id: str, *, token: str, error: str, now: datetime, permanent: bool, counts: bool
) -> MessageStatus:
    """Back to pending (later), or failed for good. `counts`: a refusal of this message (not a channel
    that is down), which uses up one of its attempts."""
    row = session.get(M, row_id)
    if row is None or row.claim_token != token:
        return MessageStatus.PENDING
    attempts = row.attempts + (1 if counts else 0)
    if permanent or attempts >= MAX_ATTEMPTS:
        status = MessageStatus.FAILED
        row.next_try_at = None
    else:
        status = MessageStatus.PENDING
        row.next_try_at = now + backoff(attempts) if counts else None  # a channel down: next run
    row.attempts = attempts
    _finish(row, status, error)
    session.add(row)
    return status


def uncertain(session: Session, row_id: str, *, token: str, error: str) -> None:
    session.execute(
        _guarded(row_id, token, MessageStatus.COMMITTING).values(
            status=MessageStatus.UNCERTAIN.value, error=error[:300], claimed_until=None
        )
    )


def exported(session: Session, row_id: str, *, token: str, batch: str, now: datetime) -> None:
    session.execute(
        _guarded(row_id, token, MessageStatus.SENDING).values(
            status=MessageStatus.EXPORTED.value, batch=batch[:200], sent_at=now, claimed_until=None, error=""
        )
    )
