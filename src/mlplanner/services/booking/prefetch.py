"""On a server, the rows a booking reads first, in one round trip (issue 19).

A booking reads, one statement each, the site's row, the young person, the type, the counsellor and
the room it was given, the file's highest stamp (`ServiceContext.hlc`) and the audit trail's last
number (`audit`). On SQLite each of those is a few microseconds in-process; on a server each is a
round trip (~0.3–0.7 ms of waiting and client work). `read_ahead` reads them all in one statement
just after the transaction's locks, as the same ORM rows, and hands them to the readers that would
have read them (`ctx.site_row_read`, the session's identity map for the rows read by key,
`type_read`, `ctx.top_stamp_read`, `audit.seq_read`): the rules then run on the same rows as before,
read after the same locks in the same transaction, and nothing they would have read is skipped (a
key that is not an id, such as a counsellor's name, or a row that does not exist, is read as usual).
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import bindparam, literal_column
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from mlplanner.services import audit
from mlplanner.services.context import ServiceContext
from mlplanner.services.directory.service import type_read
from mlplanner.storage.tables import AppointmentType, Room, Site, Staff, Youth

_KEPT = "mlplanner_read_ahead"


@functools.lru_cache(maxsize=16)
def _statement(counsellor: bool, second: bool, room: bool, stamp_sql: str) -> Any:
    """The read-ahead of one shape (which keys are given), built once: SQLAlchemy then finds it
    compiled in its cache (a statement built per call, with its aliases, costs ~1 ms of client CPU)."""
    joins: list[tuple[Any, Any]] = [
        (Youth, Youth.id == bindparam("youth")),
        (AppointmentType, AppointmentType.code == bindparam("type")),
    ]
    for given, key, model in (
        (counsellor, "counsellor", Staff),
        (second, "second", Staff),
        (room, "room", Room),
    ):
        if given:
            alias = aliased(model)
            joins.append((alias, alias.id == bindparam(key)))
    read: list[Any] = [Site, *(entity for entity, _on in joins)]
    read += [literal_column(f"({stamp_sql})"), audit.seq_sql()]
    q = select(*read).select_from(Site)
    for entity, on in joins:
        q = q.outerjoin(entity, on)
    return q.where(Site.code == bindparam("site"))


def read_ahead(
    session: Session,
    ctx: ServiceContext,
    *,
    youth_id: str,
    type_code: str,
    counsellor: str | None,
    room: str | None,
    second_staff: str | None,
) -> None:
    """Read what `BookingService.book` reads first, in one statement, on a server (nothing on
    SQLite, whose reads cost no round trip). Call it right after the write transaction's locks."""
    if session.get_bind().dialect.name != "postgresql":
        return
    code = ctx.site_code(session)
    wanted = (type_code or "").strip().upper()
    params = {"site": code, "youth": youth_id, "type": wanted}
    # find_staff and find_room first look their key up as an id: the identity map answers then
    optional = {
        "counsellor": (counsellor or "").strip(),
        "second": (second_staff or "").strip(),
        "room": room,
    }
    params |= {key: value for key, value in optional.items() if value}
    q = _statement("counsellor" in params, "second" in params, "room" in params, ctx.top_stamp_sql())
    row = session.execute(q, params).first()
    if row is None:  # no such site: `site_row` says so, as before
        return
    site, _youth, atype, *_rows, top, last = row
    session.info[_KEPT] = tuple(row)  # the identity map holds its rows weakly: kept for the transaction
    ctx.site_row_read(session, site)
    type_read(session, wanted, atype)
    ctx.top_stamp_read(session, top)
    audit.seq_read(session, last)
