"""Property test: random sequences of book / move / cancel / send / crash / time passing, against a real
relay on localhost. Whatever the sequence:

- no (appointment, kind, version) is ever delivered twice (one row per key, each row at most once);
- a message reaches the relay only for the appointment as it stands when it leaves: never a reminder or
  a confirmation for a cancelled appointment or a time it was moved from, never a cancellation notice
  for a booked one;
- nothing about an appointment leaves later than 30 minutes before its start.

A crash is injected inside the transport at one of three points (before the point of no return, just
after it, after the relay accepted the message): the run stops there, as if the process were killed,
and the next run comes after the lease has expired.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engines import Templates
from mlplanner.domain.errors import DomainError
from mlplanner.domain.messaging.kinds import MessageKind
from mlplanner.domain.messaging.plan import base_version, version_of
from mlplanner.domain.wallclock import to_utc
from mlplanner.messaging.transport import Accepted, Commit, Outgoing, Transport
from mlplanner.services.container import Services
from mlplanner.services.reminders.sender import TransportKit
from mlplanner.services.reminders.service import RemindersService
from mlplanner.services.reminders.settings import MemorySecrets, ReminderSettings, SecretStore
from mlplanner.storage.tables import Appointment
from support import TestSite

from .helpers import reach_by_email, rows
from .servers import SmtpRelay

pytestmark = pytest.mark.slow


class Crash(BaseException):
    """The process dies here (not an Exception: nothing in the sender catches it)."""


@dataclass
class Delivery:
    row_id: str
    kind: MessageKind
    version: str
    appointment_id: str
    status: str  # the appointment when it left
    current_version: str
    start: datetime
    at: datetime


@dataclass
class Harness:
    site: TestSite
    crash_at: str = ""  # "", "before_commit", "after_commit", "after_delivery"
    deliveries: list[Delivery] = field(default_factory=list)


class Watching:
    """Wraps the real SMTP transport: checks the appointment at the moment a message leaves, and dies on
    request at one of three points."""

    def __init__(self, inner: Transport, h: Harness) -> None:
        self.inner, self.h = inner, h

    def send(self, message: Outgoing, commit: Commit) -> Accepted:
        h = self.h
        if h.crash_at == "before_commit":
            h.crash_at = ""
            raise Crash
        crash_after = h.crash_at

        def guarded() -> bool:
            ok = commit()
            if ok and crash_after == "after_commit":
                h.crash_at = ""
                raise Crash
            if ok:
                self._record(message.ref)
            return ok

        accepted = self.inner.send(message, guarded)
        if crash_after == "after_delivery":
            h.crash_at = ""
            raise Crash
        return accepted

    def _record(self, row_id: str) -> None:
        ctx = self.h.site.services.ctx
        with ctx.read() as s:
            from mlplanner.storage.message_tables import OutboxMessage

            row = s.get(OutboxMessage, row_id)
            assert row is not None and row.appointment_id
            a = s.get(Appointment, row.appointment_id)
            assert a is not None
            self.h.deliveries.append(
                Delivery(
                    row_id,
                    MessageKind(row.kind),
                    row.version,
                    a.id,
                    a.status,
                    version_of(a.start, a.mode),
                    a.start,
                    ctx.clock.now_utc(),
                )
            )

    def close(self) -> None:
        self.inner.close()


class WatchingKit(TransportKit):
    def __init__(self, h: Harness) -> None:
        super().__init__()
        self.h = h

    def build(self, settings: ReminderSettings, secrets: SecretStore, site_name: str) -> dict:  # type: ignore[override]
        return {
            ch: (t if isinstance(t, str) else Watching(t, self.h))
            for ch, t in super().build(settings, secrets, site_name).items()
        }


SLOTS = [f"{h:02d}:{m:02d}" for h in (9, 10, 11, 14, 15, 16) for m in (0, 30)]
YOUTHS = ("eloise", "aissatou", "kevin", "jp")

op = st.one_of(
    st.tuples(st.just("book"), st.integers(0, 3), st.integers(1, 4), st.integers(0, len(SLOTS) - 1)),
    st.tuples(st.just("move"), st.integers(0, 9), st.integers(1, 4), st.integers(0, len(SLOTS) - 1)),
    st.tuples(st.just("cancel"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("wait"), st.sampled_from([5, 30, 180, 600, 1440])),
    st.tuples(st.just("send")),
    st.tuples(st.just("crash"), st.sampled_from(["before_commit", "after_commit", "after_delivery"])),
)


def fresh(
    template: tuple[Path | str, TestSite], folder: Path, relay: SmtpRelay, copy: Callable[[Path], Path | str]
) -> Harness:
    """A copy of the small site (`copy(dest)`: a file, or a database on the test server) set up to send."""
    from dataclasses import replace

    from mlplanner.domain.clock import FixedClock
    from support import CLOCK_START

    _where, built = template
    folder.mkdir(parents=True, exist_ok=True)
    db = copy(folder / "site.sqlite3")
    clock = FixedClock(CLOCK_START)
    sv = Services.open(db, clock=clock)
    site = replace(built, services=sv, clock=clock, youths=dict(built.youths))
    h = Harness(site)
    sv.reminders = RemindersService(sv.ctx, secrets=MemorySecrets(), environ={}, transports=WatchingKit(h))
    for key, value in {
        "reminders.enabled": "oui",
        "reminders.email_route": "smtp",
        "reminders.confirm.SUIVI": "oui",
        "reminders.window": "00:00-23:59",
        "smtp.host": "127.0.0.1",
        "smtp.port": str(relay.port),
        "smtp.security": "none",
        "smtp.from": "rappels@ml-test.fr",
    }.items():
        sv.reminders.set_setting(actor=site.admin, key=key, value=value)
    for y in YOUTHS:
        reach_by_email(site, y, f"{y}@example.org")
    return h


def run_ops(h: Harness, ops: list[tuple]) -> list[str]:
    site = h.site
    booked: list[str] = []
    start_day = datetime(2026, 1, 5)
    for o in ops:
        try:
            if o[0] == "book":
                _, y, day, slot = o
                start = datetime.combine(
                    (start_day + timedelta(days=day)).date(), datetime.strptime(SLOTS[slot], "%H:%M").time()
                )
                booked.append(site.book(YOUTHS[y], f"{start:%Y-%m-%d %H:%M}", counsellor=None).id)
            elif o[0] == "move" and booked:
                _, i, day, slot = o
                start = datetime.combine(
                    (start_day + timedelta(days=day)).date(), datetime.strptime(SLOTS[slot], "%H:%M").time()
                )
                site.services.booking.move(
                    actor=site.receptionist, appointment_id=booked[i % len(booked)], start=start
                )
            elif o[0] == "cancel" and booked:
                _, i, by_ml = o
                site.services.appointments.cancel(
                    actor=site.receptionist,
                    appointment_id=booked[i % len(booked)],
                    by_youth=not by_ml,
                    reason="motif",
                )
        except DomainError:
            pass  # a rule said no (overlap, in the past, not movable...): the data did not change
        if o[0] == "wait":
            site.clock.advance(timedelta(minutes=o[1]))
        elif o[0] == "send":
            site.services.reminders.send()
        elif o[0] == "crash":
            h.crash_at = o[1]
            with contextlib.suppress(Crash):
                site.services.reminders.send()
            h.crash_at = ""
            site.clock.advance(timedelta(minutes=6))  # the dead sender's lease and claims run out
    for day in range(6):  # then time passes and the outbox settles: twice a day until Saturday
        for hour, minute in ((10, 5), (16, 0)):
            target = to_utc(datetime(2026, 1, 5 + day, hour, minute), "Europe/Paris")
            if site.clock.now_utc() < target:
                site.clock.at = target
                site.services.reminders.send()
    return booked


def check(h: Harness, relay: SmtpRelay) -> None:
    delivered = Counter(d.row_id for d in h.deliveries)
    assert all(n == 1 for n in delivered.values()), delivered
    keys = Counter((r.subject, r.kind, r.version) for r in rows(h.site))
    assert all(n == 1 for n in keys.values())
    for d in h.deliveries:
        tz = "Europe/Paris"
        assert d.at <= to_utc(d.start, tz) - timedelta(minutes=30), d
        if d.kind in (MessageKind.REMINDER, MessageKind.CONFIRMATION, MessageKind.MOVED):
            assert d.status == "booked" and base_version(d.version) == d.current_version, d
        if d.kind is MessageKind.CANCELLED:
            assert d.status == "cancelled_ml", d
    by_status = Counter(r.status for r in rows(h.site))
    assert by_status["sending"] == by_status["committing"] == 0  # nothing left half-way once it settles
    ids = {r.id for r in rows(h.site) if r.status == "sent"}
    assert ids <= set(delivered)  # "sent" means the relay accepted it...
    in_relay = Counter(
        re.search(r"\.([0-9a-f-]{36})@", r.message["Message-ID"]).group(1) for r in relay.received
    )  # type: ignore[union-attr]
    assert all(n == 1 for n in in_relay.values())  # ...and the relay never saw one twice


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(op, min_size=3, max_size=14))
def test_random_sequences_never_send_twice_or_late(
    ops: list[tuple],
    site_template: tuple[Path | str, TestSite],
    relay: SmtpRelay,
    tmp_path_factory: pytest.TempPathFactory,
    engine: str,
    templates: Templates,
) -> None:
    copies: list[Path | str] = []

    def copy(dest: Path) -> Path | str:
        copies.append(templates.copy(engine, "site", dest))
        return copies[-1]

    h = fresh(site_template, tmp_path_factory.mktemp("prop"), relay, copy)
    try:
        run_ops(h, ops)
        check(h, relay)
    finally:
        h.site.services.close()
        for made in copies:
            templates.drop(made)
