"""Which messages an appointment or a workshop registration calls for, derived from the data.

The planner does not hook into booking, moving or cancelling: it compares what a *subject* (an
appointment, or a registration to a workshop session) is now with what it remembers of it (a `Watch`)
and with the messages already queued or sent for it. So bookings made on another workstation, on the
server, or at another site and received by sync are seen like local ones.

A subject has a *version*: what the young person must know to come (the start and the mode). Every
message is keyed by (subject, kind, version); the outbox refuses a second row with the same key, so a
message is never queued twice. What the young person knows ("told") is the version of the last message
that may have reached them, or, before any message, the version the planner first saw (the booking
itself told them: the desk, the slip, the phone call).

Rules, for a subject whose start (less the last call) is still ahead:
- booked, type with confirmation, booked recently and after the outbox was switched on, never confirmed
  → a confirmation of the current version;
- booked, and told another version (moved, or told it was cancelled and it is booked again) → a notice
  of the current version (unless a confirmation still to be sent says it already);
- booked, reminder due at some instant, and the current version was known before that instant
  (otherwise the booking or the notice just served as a reminder) → a reminder of the current version;
- cancelled by the Mission Locale (or its workshop session cancelled) and the young person knew of it
  → a cancellation notice;
- anything still waiting that the rules no longer call for (the reminder of the old time after a move,
  everything after a cancellation) is superseded: replaced, never sent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from mlplanner.domain.messaging.kinds import MessageKind, MessageStatus
from mlplanner.domain.messaging.timing import FRESH, SETTLE

CANCELLED_MARK = "×"  # "told" value: the young person was told it is cancelled
SUFFIX = "~"  # a second notice of one kind for one version: "<version>~2"


class Family(StrEnum):
    APPOINTMENT = "appointment"
    WORKSHOP = "workshop"


class State(StrEnum):
    BOOKED = "booked"  # appointment booked, or workshop seat confirmed
    WAITING = "waiting"  # on a workshop waiting list
    CANCELLED_ML = "cancelled_ml"  # cancelled by the Mission Locale
    SESSION_CANCELLED = "session_cancelled"
    DROPPED = "dropped"  # cancelled by the young person, registration withdrawn
    OVER = "over"  # arrived, seen, no-show, excused, erased: nothing more to say


@dataclass(frozen=True)
class Subject:
    key: str  # "a:<appointment id>" or "r:<registration id>"
    family: Family
    site_id: str
    youth_id: str
    state: State
    version: str
    expires_at: datetime  # UTC: nothing is sent after this instant
    created_at: datetime  # UTC: booked or registered at
    changed_at: datetime  # UTC: last edit of the row (or of its session)
    confirm: bool = False  # the appointment type asks for a confirmation
    reminder_at: datetime | None = None  # UTC instant the reminder of this version is due
    promoted_at: datetime | None = None  # UTC: off the waiting list at
    quiet: bool = False  # a booking undone at once (Ctrl+Z): no cancellation notice


@dataclass(frozen=True)
class Watch:
    """What the planner remembers of a subject."""

    baseline: str  # the version the young person learned without a message ("" if none)
    version: str
    state: State
    seen_at: datetime  # when the planner first saw this version and state


@dataclass(frozen=True)
class Existing:
    id: str
    kind: MessageKind
    version: str
    status: MessageStatus
    created_at: datetime
    sent_at: datetime | None = None


@dataclass(frozen=True)
class Want:
    kind: MessageKind
    version: str
    due_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Decision:
    watch: Watch
    create: tuple[Want, ...] = ()
    revive: tuple[tuple[str, Want], ...] = ()  # superseded rows of the same key called for again
    reschedule: tuple[tuple[str, Want], ...] = ()  # pending rows whose due time changed
    supersede: tuple[str, ...] = ()


def base_version(version: str) -> str:
    return version.split(SUFFIX, 1)[0]


def told(existing: list[Existing], baseline: str) -> str:
    """The version the young person last heard of (CANCELLED_MARK for a cancellation)."""
    reached = [e for e in existing if e.status.may_have_left]
    if not reached:
        return baseline
    last = max(reached, key=lambda e: (e.sent_at or e.created_at, e.created_at))
    return CANCELLED_MARK if last.kind.is_cancellation else base_version(last.version)


def _first_baseline(s: Subject, activated_at: datetime) -> str:
    if s.state in (State.BOOKED, State.WAITING):
        return s.version
    # first seen already cancelled: the young person knew of it if it had stood for a while, and it
    # was cancelled after the outbox was switched on (no flood of old news)
    if (
        s.state in (State.CANCELLED_ML, State.SESSION_CANCELLED)
        and s.changed_at >= activated_at
        and s.changed_at - s.created_at >= SETTLE
    ):
        return s.version
    return ""


def decide(
    s: Subject,
    watch: Watch | None,
    existing: list[Existing],
    *,
    now: datetime,
    activated_at: datetime,
) -> Decision:
    """What to queue, revive, reschedule and supersede for one subject, and what to remember of it."""
    if watch is None:
        w = Watch(_first_baseline(s, activated_at), s.version, s.state, now)
    elif (watch.version, watch.state) != (s.version, s.state):
        w = replace(watch, version=s.version, state=s.state, seen_at=now)
    else:
        w = watch
    if now >= s.expires_at:
        return Decision(w)  # too late for anything: what still waits is expired by the outbox, not replaced
    return _reconcile(w, existing, _wants(s, w, existing, now=now, activated_at=activated_at))


def _known_since(s: Subject, w: Watch, existing: list[Existing]) -> datetime:
    """When the young person learned of the current version."""
    told_it = [
        e.sent_at or e.created_at
        for e in existing
        if e.status.may_have_left and base_version(e.version) == s.version and not e.kind.is_cancellation
    ]
    if told_it:
        return min(told_it)
    if s.version == w.baseline:
        return s.created_at
    return w.seen_at


def _wants(
    s: Subject, w: Watch, existing: list[Existing], *, now: datetime, activated_at: datetime
) -> list[Want]:
    knows = told(existing, w.baseline)
    notice_due = max(s.changed_at + SETTLE, s.created_at + SETTLE)
    wants: list[Want] = []
    if s.state is State.BOOKED:
        confirmed = any(e.kind is MessageKind.CONFIRMATION and e.status.may_have_left for e in existing)
        confirm = (
            s.family is Family.APPOINTMENT
            and s.confirm
            and not confirmed
            and s.created_at >= activated_at
            and now - s.created_at <= FRESH
        )
        if confirm:
            wants.append(Want(MessageKind.CONFIRMATION, s.version, notice_due, s.expires_at))
        if knows not in ("", s.version) and not confirm:
            wants.append(Want(MessageKind.MOVED, s.version, notice_due, s.expires_at))
        if (
            s.family is Family.WORKSHOP
            and s.promoted_at is not None
            and s.promoted_at >= activated_at
            and now - s.promoted_at <= FRESH
        ):
            wants.append(Want(MessageKind.PROMOTED, s.version, s.promoted_at + SETTLE, s.expires_at))
        if (
            s.reminder_at is not None
            and s.reminder_at < s.expires_at
            and _known_since(s, w, existing) < s.reminder_at
        ):
            wants.append(Want(MessageKind.REMINDER, s.version, s.reminder_at, s.expires_at))
    elif (
        s.state in (State.CANCELLED_ML, State.SESSION_CANCELLED)
        and not s.quiet
        and knows not in ("", CANCELLED_MARK)
    ):
        kind = MessageKind.CANCELLED if s.state is State.CANCELLED_ML else MessageKind.SESSION_CANCELLED
        wants.append(Want(kind, s.version, notice_due, s.expires_at))
    return wants


def _reconcile(w: Watch, existing: list[Existing], wants: list[Want]) -> Decision:
    create: list[Want] = []
    revive: list[tuple[str, Want]] = []
    reschedule: list[tuple[str, Want]] = []
    keep: set[str] = set()
    for want in wants:
        same = [e for e in existing if e.kind is want.kind and base_version(e.version) == want.version]
        pending = next((e for e in same if e.status.is_live), None)
        if pending is not None:
            keep.add(pending.id)
            if pending.kind is MessageKind.REMINDER:
                reschedule.append((pending.id, want))  # the site's sending hour or rule may have changed
            continue
        reached = [e for e in same if e.status.may_have_left]
        if reached and not want.kind.is_notice:
            continue  # already reminded / confirmed / promoted for this version
        if any(e.status is MessageStatus.FAILED for e in same) and not reached:
            continue  # refused for good (a bad address): a copy would fare no better
        if reached:  # a second notice of the same kind for this version (cancelled, restored, cancelled)
            used = {e.version for e in existing if e.kind is want.kind}
            n = 2
            while f"{want.version}{SUFFIX}{n}" in used:
                n += 1
            create.append(replace(want, version=f"{want.version}{SUFFIX}{n}"))
            continue
        dormant = next(
            (e for e in same if e.status in (MessageStatus.SUPERSEDED, MessageStatus.SKIPPED)), None
        )
        if dormant is not None and dormant.version == want.version:
            revive.append((dormant.id, want))  # moved away and back, or consent given again, before it left
            keep.add(dormant.id)
            continue
        if any(e.version == want.version for e in same):
            continue  # expired: its time is gone
        create.append(want)
    supersede = tuple(e.id for e in existing if e.status.is_live and e.id not in keep)
    return Decision(w, tuple(create), tuple(revive), tuple(reschedule), supersede)


def version_of(start: datetime, mode: str) -> str:
    """An appointment's version: what the young person needs to know to come."""
    return f"{start:%Y-%m-%dT%H:%M}/{mode}"
