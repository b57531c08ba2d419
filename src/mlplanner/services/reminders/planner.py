"""Planning: what the appointments and registrations are now, against what is queued or sent.

Runs in one write transaction at the start of every sending run (and read-only for `preview` and
`send --dry-run`). Every subject of the site from yesterday on is compared (a site's few thousand
future appointments take a few tens of milliseconds): no cursor to keep in step with several writers,
on SQLite or PostgreSQL, and a change arriving by sync is seen at the next run like a local one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from mlplanner.domain.messaging.kinds import MessageKind, MessageStatus
from mlplanner.domain.messaging.plan import Decision, Existing, State, Subject, Watch, decide
from mlplanner.services.reminders.facts import route_for
from mlplanner.services.reminders.settings import ReminderSettings
from mlplanner.services.reminders.subjects import LOOKBACK, aware, load_subjects
from mlplanner.storage.message_tables import MessageWatch, OutboxMessage
from mlplanner.storage.tables import Site, Youth

SUPERSEDED_WHY: dict[State, str] = {
    State.BOOKED: "remplacé : le rendez-vous a été déplacé",
    State.WAITING: "remplacé : inscription en liste d'attente",
    State.CANCELLED_ML: "remplacé : rendez-vous annulé par la Mission Locale",
    State.SESSION_CANCELLED: "remplacé : séance annulée",
    State.DROPPED: "remplacé : annulé par le jeune",
    State.OVER: "remplacé : rendez-vous passé, clôturé ou effacé",
}


@dataclass(frozen=True)
class PlanReport:
    subjects: int = 0
    created: int = 0
    revived: int = 0
    superseded: int = 0


@dataclass(frozen=True)
class Planned:
    subject: Subject
    decision: Decision
    watch_before: Watch | None
    unreachable: str = ""  # why the young person cannot be reached now ("" = they can): nothing is queued


def _existing(row: OutboxMessage) -> Existing:
    return Existing(
        id=row.id,
        kind=MessageKind(row.kind),
        version=row.version,
        status=MessageStatus(row.status),
        created_at=aware(row.created_at),
        sent_at=aware(row.sent_at) if row.sent_at else None,
    )


def _watch(row: MessageWatch) -> Watch:
    return Watch(row.baseline, row.version, State(row.state), aware(row.seen_at))


def compute(
    session: Session, site: Site, settings: ReminderSettings, *, now: datetime, activated_at: datetime
) -> list[Planned]:
    """The decisions for every subject of the site (nothing written)."""
    subjects = load_subjects(session, site, settings, now_utc=now)
    watches = {
        w.subject: _watch(w)
        for w in session.execute(select(MessageWatch).where(MessageWatch.site_id == site.id)).scalars()
    }
    existing: dict[str, list[Existing]] = defaultdict(list)
    horizon = now - LOOKBACK - timedelta(days=1)
    rows = session.execute(
        select(OutboxMessage).where(
            OutboxMessage.site_id == site.id, col(OutboxMessage.expires_at) >= horizon
        )
    ).scalars()
    for row in rows:
        existing[row.subject].append(_existing(row))
    why_not = _reachability(session, settings, {s.youth_id for s in subjects})
    out = []
    for s in subjects:
        before = watches.get(s.key)
        decision = decide(s, before, existing.get(s.key, []), now=now, activated_at=activated_at)
        out.append(Planned(s, decision, before, why_not.get(s.youth_id, "fiche introuvable")))
    return out


def _reachability(session: Session, settings: ReminderSettings, youth_ids: set[str]) -> dict[str, str]:
    """Per youth, why no message can reach them now ("" when one can): no consent, no mobile..."""
    out: dict[str, str] = {}
    ids = sorted(youth_ids)
    for i in range(0, len(ids), 500):
        for y in session.exec(select(Youth).where(col(Youth.id).in_(ids[i : i + 500]))):
            out[y.id] = "fiche effacée" if y.deleted else route_for(y, settings).why_not
    return out


def apply(session: Session, site: Site, planned: list[Planned], *, now: datetime) -> PlanReport:
    """Write the decisions: new rows, revived and rescheduled ones, superseded ones, the watches."""
    created = revived = superseded = 0
    for p in planned:
        s, d = p.subject, p.decision
        if d.watch != p.watch_before:
            session.merge(
                MessageWatch(
                    subject=s.key,
                    site_id=site.id,
                    baseline=d.watch.baseline,
                    version=d.watch.version,
                    state=d.watch.state.value,
                    seen_at=d.watch.seen_at,
                )
            )
        for want in d.create if not p.unreachable else ():  # the call list reaches them
            session.add(
                OutboxMessage(
                    site_id=site.id,
                    subject=s.key,
                    kind=want.kind.value,
                    version=want.version,
                    youth_id=s.youth_id,
                    appointment_id=s.key[2:] if s.key.startswith("a:") else None,
                    status=MessageStatus.PENDING.value,
                    due_at=want.due_at,
                    expires_at=want.expires_at,
                    created_at=now,
                )
            )
            created += 1
        for row_id, want in d.revive if not p.unreachable else ():
            row = session.get(OutboxMessage, row_id)
            if row is not None and row.status in (
                MessageStatus.SUPERSEDED.value,
                MessageStatus.SKIPPED.value,
            ):
                row.status, row.due_at, row.expires_at, row.error = (
                    MessageStatus.PENDING.value,
                    want.due_at,
                    want.expires_at,
                    "",
                )
                revived += 1
        for row_id, want in d.reschedule:
            row = session.get(OutboxMessage, row_id)
            if (
                row is not None
                and row.status == MessageStatus.PENDING.value
                and aware(row.due_at) != want.due_at
            ):
                row.due_at = want.due_at
        for row_id in d.supersede:
            row = session.get(OutboxMessage, row_id)
            if row is not None and row.status == MessageStatus.PENDING.value:
                row.status, row.error = MessageStatus.SUPERSEDED.value, SUPERSEDED_WHY[s.state]
                superseded += 1
    current = {p.subject.key for p in planned}
    stale = [
        key
        for key in session.execute(
            select(MessageWatch.subject).where(MessageWatch.site_id == site.id)
        ).scalars()
        if key not in current
    ]
    for i in range(0, len(stale), 500):
        session.execute(delete(MessageWatch).where(col(MessageWatch.subject).in_(stale[i : i + 500])))
    session.flush()
    return PlanReport(len(planned), created, revived, superseded)
