"""The change sets of other sites that are not applied yet, remembered between syncs (`sync_refusal`).

- A refusal is reported once: `Refusals.note` says whether it is new (never seen, or its reason or its
  files changed since).
- A damaged change set is quarantined: not read again while its files stay the same (`skip`), so a
  bad file costs one hash per sync, not a failed apply; the others keep flowing.
- A change set missing from the folder while later ones of the same site are there is noted too
  (`gaps`), so that the origin site is asked to send it again.
- What the origin sites should re-send (`resend_requests`) is derived from what is noted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from mlplanner.services.sync.report import INCOMPLETE, MISSING, QUARANTINED, RESEND, RefusedChangeSet
from mlplanner.storage.sync_tables import SyncRefusal
from mlplanner.sync.changeset import FINGERPRINT_MISSING, ChangeSetRef, fingerprint
from mlplanner.sync.resend import ResendRequest

INCOMPLETE_RESEND_AFTER = timedelta(days=1)


@dataclass
class Noted:
    code: str
    message: str
    fingerprint: str
    new: bool


class Refusals:
    """Refusals known from earlier syncs, and those of this sync (saved by `save`)."""

    def __init__(self, session: Session) -> None:
        rows = session.exec(select(SyncRefusal)).all()
        self.known: dict[tuple[str, int], SyncRefusal] = {(r.site, r.seq): r for r in rows}
        self.seen: dict[tuple[str, int], Noted] = {}

    def skip(self, ref: ChangeSetRef) -> RefusedChangeSet | None:
        """A quarantined change set whose files did not change: its refusal again (not new)."""
        prev = self.known.get((ref.site, ref.seq))
        if prev is None or not prev.quarantined:
            return None
        fp = fingerprint(ref.path)
        if fp != prev.fingerprint:
            return None  # re-sent (or rewritten): read it again
        self.seen[(ref.site, ref.seq)] = Noted(prev.code, prev.message, fp, False)
        return RefusedChangeSet(ref.site, ref.seq, prev.code, prev.message, new=False)

    def note(self, site: str, seq: int, code: str, message: str, fp: str) -> RefusedChangeSet:
        prev = self.known.get((site, seq))
        new = prev is None or prev.code != code or (prev.quarantined and prev.fingerprint != fp)
        if prev is not None and not new:
            message = prev.message  # same words as first reported
        self.seen[(site, seq)] = Noted(code, message, fp, new)
        return RefusedChangeSet(site, seq, code, message, new=new)

    def save(self, session: Session, now: datetime) -> None:
        """Keep what this sync saw (first report time kept for refusals already known); forget the
        rest (applied, or gone from the folder)."""
        session.execute(delete(SyncRefusal))
        for (site, seq), n in self.seen.items():
            prev = self.known.get((site, seq))
            first = prev.first_seen if prev is not None and not n.new else now
            session.add(
                SyncRefusal(
                    site=site,
                    seq=seq,
                    code=n.code,
                    message=n.message,
                    fingerprint=n.fingerprint,
                    quarantined=n.code in QUARANTINED,
                    first_seen=first,
                    last_seen=now,
                )
            )

    def resend_requests(self, me: str, now: datetime) -> list[ResendRequest]:
        """The change sets to ask their origin site for again."""
        wanted = []
        for (site, seq), n in sorted(self.seen.items()):
            prev = self.known.get((site, seq))
            first = prev.first_seen if prev is not None and not n.new else now
            stale = n.code == INCOMPLETE and now - _aware(first) >= INCOMPLETE_RESEND_AFTER
            if (n.code in RESEND or stale) and n.fingerprint:
                wanted.append(ResendRequest(me, site, seq, n.fingerprint))
        return wanted


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def gaps(present: dict[str, list[int]], applied: dict[str, set[int]]) -> list[tuple[str, int]]:
    """(site, seq) of change sets absent from the folder although a later one of that site is there,
    and not applied here. A site numbers its change sets from 1 without gaps and never removes one: a
    hole is a folder deleted or moved by hand, and its rows would never arrive."""
    found: list[tuple[str, int]] = []
    for site, seqs in present.items():
        if not seqs:
            continue
        have = set(seqs) | applied.get(site, set())
        found.extend((site, s) for s in range(1, max(seqs)) if s not in have)
    return found


def missing_message(site: str, seq: int) -> str:
    return (
        f"Le lot n° {seq} du site {site} manque dans le dossier de synchronisation alors que les "
        "suivants y sont (supprimé ou déplacé ?)."
    )


__all__ = ["FINGERPRINT_MISSING", "MISSING", "Refusals", "gaps", "missing_message"]
