"""Real child processes on one site file: a sender killed mid-batch (before and while handing a message
over), two senders started at once, and a stalled sender whose claim was taken over. Every message
reaches the relay at most once; the ones that certainly did not leave are sent by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mlplanner.services.youths.service import YouthDraft
from support import TestSite

from .helpers import rows, use_relay
from .servers import SmtpRelay

pytestmark = pytest.mark.slow


def book_five(site: TestSite, relay: SmtpRelay) -> None:
    service = use_relay(site, relay)
    service.set_setting(actor=site.admin, key="smtp.timeout", value="120")  # a held message stays held
    for i in range(5):
        y = site.services.youths.add(
            actor=site.admin,
            draft=YouthDraft(
                first_name=f"Jeune{chr(65 + i)}",
                last_name="Test",
                email=f"j{i}@example.org",
                email_consent=True,
            ),
        ).youth
        site.services.booking.book(
            actor=site.receptionist,
            youth_id=y.id,
            type_code="SUIVI",
            start=datetime(2026, 1, 7, 9, 0) + timedelta(minutes=30 * i),
            counsellor=site.staff["claire"].id,
        )


def sender(db: Path, now: str) -> subprocess.Popen[str]:
    env = dict(os.environ, MLPLANNER_NOW=now)
    return subprocess.Popen(
        [sys.executable, "-m", "mlplanner", "reminders", "send", "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def received(relay: SmtpRelay) -> Counter[str]:
    with relay.lock:
        return Counter(r.rcpt_tos[0] for r in relay.received)


@pytest.mark.parametrize("stage", ["mail", "data"])
def test_a_sender_killed_mid_batch(site: TestSite, db_path: Path, relay: SmtpRelay, stage: str) -> None:
    book_five(site, relay)
    relay.behaviour.block_at, relay.behaviour.block_stage = 3, stage
    child = sender(db_path, "2026-01-06T10:00")
    assert relay.behaviour.blocked.wait(60), child.communicate()
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    relay.behaviour.release.set()  # the relay finishes whatever it had (DATA: it now holds message 3)
    by_status = Counter(r.status for r in rows(site))
    assert by_status == {"sent": 2, "sending" if stage == "mail" else "committing": 1, "pending": 2}
    again = sender(db_path, "2026-01-06T10:06")  # the dead sender's lease (5 minutes) has run out
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    counts = received(relay)
    assert max(counts.values()) == 1  # never twice
    final = Counter(r.status for r in rows(site))
    if stage == "mail":  # it certainly did not leave: sent by the next run
        assert final == {"sent": 5} and len(counts) == 5
    else:  # it may have left: "perhaps received", never resent (here the relay dropped it with the line)
        assert final == {"sent": 4, "uncertain": 1}
        (row,) = [r for r in rows(site) if r.status == "uncertain"]
        assert "peut-être" in row.error
        assert row.recipient not in counts and len(counts) == 4


def test_two_senders_at_once(site: TestSite, db_path: Path, relay: SmtpRelay) -> None:
    book_five(site, relay)
    relay.behaviour.block_at, relay.behaviour.block_stage = 1, "data"  # the first holds the lease, busy
    first = sender(db_path, "2026-01-06T10:00")
    assert relay.behaviour.blocked.wait(60), first.communicate()
    second = sender(db_path, "2026-01-06T10:00")
    out2, err2 = second.communicate(timeout=120)
    assert second.returncode == 0, err2
    assert "Un autre poste envoie déjà" in out2
    relay.behaviour.release.set()
    out1, err1 = first.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert "5 envoyé" in out1
    assert received(relay) == Counter(f"j{i}@example.org" for i in range(5))


def test_a_stalled_sender_backs_out_when_its_claim_was_taken_over(site: TestSite, relay: SmtpRelay) -> None:
    """Sender A claims a message and stalls past its lease; sender B recovers the claim and sends it;
    A wakes up: its commit is refused, it sends nothing."""
    from mlplanner.domain.messaging.kinds import Channel
    from mlplanner.messaging.transport import NotSent, Outgoing
    from mlplanner.services.reminders import lease, outbox
    from mlplanner.services.reminders.sender import moment
    from mlplanner.services.reminders.settings import load

    from .helpers import reach_by_email, set_clock

    service = use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    service.send()
    set_clock(site, "2026-01-06 10:00")
    ctx = site.services.ctx
    a = service.sender(holder="poste A")
    with ctx.write() as s:
        m = moment(ctx, s)
        assert lease.acquire(s, token=a.token, holder=a.holder, now=m.clock).held
        (row_id,) = outbox.due_ids(s, site_id=site.site.id, now=m.clock, guard=m.guard, limit=10)
        claimed = outbox.claim(
            s, row_id, token=a.token, holder=a.holder, now=m.clock, guard=m.guard, until=m.clock + lease.TTL,
            site=ctx.site_row(s), settings=load(s), channels=frozenset({Channel.EMAIL}),
        )  # fmt: skip
    assert claimed is not None
    site.clock.advance(timedelta(minutes=6))  # A stalls past its lease and its claim
    assert service.send().sent == 1  # B: recovers A's claim, sends it
    transport = a.kit.build(load_settings(site), a.secrets, "site")[Channel.EMAIL]

    def commit() -> bool:
        with ctx.write() as s:
            return outbox.commit(s, claimed.id, token=claimed.token, until=ctx.clock.now_utc())

    with pytest.raises(NotSent):
        transport.send(
            Outgoing(claimed.id, Channel.EMAIL, claimed.recipient, claimed.body, claimed.title), commit
        )  # type: ignore[union-attr]
    assert len(relay.received) == 1
    assert [r.status for r in rows(site)] == ["sent"]


def load_settings(site: TestSite):  # type: ignore[no-untyped-def]
    from mlplanner.services.reminders.settings import load

    with site.services.ctx.read() as s:
        return load(s)
