"""Row identities: UUIDs as text, so that rows created offline at two sites never collide."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
