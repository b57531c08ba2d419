"""Row identities: UUIDs as text, so that rows created offline at two sites never collide."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return str(uuid.uuid4())


_NETWORK_NS = uuid.UUID("6f1b7c3e-2a4d-4e59-9a51-3c2d8e7f1a10")


def appointment_type_id(code: str) -> str:
    """Appointment types are shared by the whole network by code: the same code gives the same id at
    every site, so two sites that create "SUIVI" offline merge into one row when they sync."""
    return str(uuid.uuid5(_NETWORK_NS, "appointment-type:" + code.strip().upper()))


def _network_id(kind: str, *parts: str) -> str:
    return str(uuid.uuid5(_NETWORK_NS, ":".join((kind, *parts))))


def workshop_kind_id(code: str) -> str:
    """Workshop kinds are keyed by code network-wide, like appointment types."""
    return _network_id("workshop-kind", code.strip().upper())


def youth_action_id(youth_id: str, week: str, theme: str) -> str:
    """One row per youth, CEJ week (ISO Monday) and theme: two sites recording it write the same row."""
    return _network_id("youth-action", youth_id, week, theme)


def youth_profile_id(youth_id: str) -> str:
    return _network_id("youth-profile", youth_id)


def imilo_tick_id(item_id: str) -> str:
    """The "keyed in i-milo" tick of one appointment or workshop registration."""
    return _network_id("imilo-tick", item_id)
