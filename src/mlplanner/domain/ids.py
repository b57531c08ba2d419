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
