"""Helpers of the printing wiring tests: the day shown, actors, audit entries, PDF text, a workshop.

(Not in `conftest.py`: a test module importing `from support import ...` would get whichever
directory's conftest was loaded last.) The demo's clock stands at 08:00 on Monday 1 March 2027.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.workshops.service import SeriesDraft
from mlplanner.storage.tables import AuditEntry, Youth

#: Tuesday 2 March 2027: an ordinary open day of the demo, the day after the clock's.
DAY = date(2027, 3, 2)


def actor(services: Services, role: Role, index: int = 0) -> Actor:
    staff = services.directory.staff(role=role)[index]
    return Actor(staff.id, staff.display_name, staff.role)


def pdf_text(path: Path | bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    return [page.extract_text() or "" for page in reader.pages]


def prints(services: Services) -> list[AuditEntry]:
    """The audit log's print entries, oldest first."""
    with services.ctx.read() as s:
        q = select(AuditEntry).where(AuditEntry.action == "print").order_by(AuditEntry.id)
        return list(s.exec(q).scalars())


@dataclass(frozen=True)
class Workshop:
    session_id: str
    title: str
    registered: tuple[str, ...]  # youth ids


def make_workshop(
    services: Services, *, participants: int, capacity: int = 14, with_room: bool = True
) -> Workshop:
    """ "Atelier CV" on Tuesday 2 March 14:00–16:00 run by the site lead, with `participants` youths."""
    lead = actor(services, Role.SITE_LEAD)
    room = next(r for r in services.directory.rooms() if r.kind.value == "workshop") if with_room else None
    result = services.workshops.create_series(
        actor=lead,
        draft=SeriesDraft(
            title="Atelier CV et lettre de motivation",
            start=datetime(2027, 3, 2, 14, 0),
            duration_min=120,
            capacity=capacity,
            room=room.id if room else None,
            facilitator=lead.id,
        ),
    )
    session_id = result.sessions[0].id
    registered: list[str] = []
    with services.ctx.read() as s:
        youth_ids = list(s.exec(select(Youth.id).order_by(Youth.fold_name)).scalars())
    for youth_id in youth_ids:
        if len(registered) == participants:
            break
        try:
            services.registrations.register(actor=lead, session_id=session_id, youth_id=youth_id)
        except DomainError:
            continue  # busy at that time
        registered.append(youth_id)
    assert len(registered) == participants
    return Workshop(session_id, result.series.title, tuple(registered))
