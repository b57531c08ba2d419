"""The network's settings: the few preferences every site of a Mission Locale shares.

The organisation's printed name and funding sentence, the RGPD retention durations and the follow-up
rule are the structure's, not one site's. They stay where every reader finds them (the file's `meta`
table), and each change of one of them is also written to the synced `network_setting` table (one row
per key, the same id at every site), which carries it to the other sites; after a sync the table's
winning values are copied back into `meta` (`adopt`). A site that joins receives them before its first
day.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from mlplanner.storage.tables import Meta, NetworkSetting

NETWORK_KEYS = frozenset(
    {
        "print.organisation",
        "print.funding_note",
        "privacy.inactive_months",
        "privacy.funder_evidence_years",
        "followup.no_contact_weeks",
    }
)
_NAMESPACE = uuid.UUID("6f1c2a0e-3c1b-4a59-9d0e-6a9d5e0a4c11")


def setting_id(key: str) -> str:
    """The same row id at every site, so two sites setting one key offline meet on one row."""
    return str(uuid.uuid5(_NAMESPACE, f"network_setting:{key}"))


def share(session: Session, key: str, value: str | None) -> None:
    """In the caller's write transaction (stamped by the session's stamper): the value for the network.
    `None` (back to the default) shares an empty value."""
    if key not in NETWORK_KEYS:
        return
    row = session.get(NetworkSetting, setting_id(key))
    if row is None:
        row = NetworkSetting(id=setting_id(key), key=key, value=value or "")
    elif row.value == (value or "") and not row.deleted:
        return
    row.value, row.deleted = value or "", False
    session.add(row)


def adopt(session: Session) -> int:
    """Copy the network's values into this file's `meta` (an empty value removes the local one, so the
    default applies). Returns how many changed."""
    changed = 0
    for row in session.exec(select(NetworkSetting).where(NetworkSetting.deleted == False)):
        if row.key not in NETWORK_KEYS:
            continue
        meta = session.get(Meta, row.key)
        if not row.value:
            if meta is not None:
                session.delete(meta)
                changed += 1
            continue
        if meta is None or meta.value != row.value:
            session.merge(Meta(key=row.key, value=row.value))
            changed += 1
    return changed
