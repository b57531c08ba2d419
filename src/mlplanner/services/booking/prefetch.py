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
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ARRAY, DateTime, Integer, String, any_, bindparam, func, literal_column, text
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import Session, col, select

from mlplanner.domain.enums import OCCUPYING_STATUSES
from mlplanner.services import audit
from mlplanner.services.booking.availability import MAX_SPAN, calendar_read, keyed_for, keyed_rows_read
from mlplanner.services.context import ServiceContext
from mlplanner.services.directory.service import type_read
from mlplanner.storage.pg_reads import keyed_split
from mlplanner.storage.tables import Absence, AppointmentType, Room, Site, SiteClosure, Staff, Youth

_KEPT = "mlplanner_read_ahead"
PLAN_MODE = "plan_cache_mode"
# The read-ahead's parameters make the server plan it anew at each booking (a custom plan): ~4 ms of
# planning (the 23 tables of the highest stamp, the subqueries) for ~1 ms of work, measured on the
# network site. A generic plan, made once per connection when the driver prepares the statement (its
# fifth use), runs as fast (~0.5 ms): asked for this statement only, transaction-local.
_GENERIC = (
    "SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', 'force_generic_plan', true)"
)


def _calendar_columns() -> list[Any]:
    """The day's closures of the site and absences of the staff asked, as `load_calendar` reads them
    (the same conditions), each as one JSON array (NULL when none)."""
    C, A = SiteClosure, Absence
    closures = select(func.json_agg(func.json_build_array(C.id, C.start_date, C.end_date, C.reason))).where(
        C.site_id == Site.id,
        col(C.deleted) == False,
        col(C.start_date) <= bindparam("day"),
        col(C.end_date) >= bindparam("day"),
    )
    absences = select(func.json_agg(func.json_build_array(A.staff_id, A.start, A.end, A.reason))).where(
        col(A.deleted) == False,
        col(A.start) < bindparam("day_end"),
        col(A.end) > bindparam("day_start"),
        col(A.staff_id) == any_(bindparam("staff", type_=ARRAY(String))),
    )
    return [closures.scalar_subquery(), absences.scalar_subquery()]


def _overlaps_column(room: bool) -> Any:
    """The occupying appointments of the counsellor (as counsellor or second person), the second
    person, the office and the youth in the rule check's window, as `pg_keyed_rows` reads them (with
    the youth's names, in `(start, place)` order), as one JSON array (NULL when none). The window's end
    is the booking's end with the type's buffer, as `check_overlaps` computes it."""
    until = (
        "CAST(:ov_start AS timestamp) + make_interval(mins => "
        "coalesce(CAST(:ov_duration AS integer), appointment_type.duration_min) + appointment_type.buffer_min)"
    )
    keys = "a.counsellor_id = ANY(:ov_staff) OR a.second_staff_id = ANY(:ov_staff)"
    keys += " OR a.room_id = ANY(:ov_rooms)" if room else ""
    keys += " OR a.youth_id = ANY(:ov_youths)"
    sql = (
        "(SELECT json_agg(json_build_array(a.id, a.youth_id, a.counsellor_id, a.room_id, a.start, "
        'a."end", a.buffer_min, a.second_staff_id, y.last_name, y.first_name) ORDER BY a.start, a.ctid) '
        "FROM appointment a JOIN youth y ON y.id = a.youth_id "
        f"WHERE a.start < {until} AND a.start >= :ov_since AND a.status = ANY(:ov_statuses) "
        f"AND NOT a.deleted AND ({keys}))"
    )
    binds: list[BindParameter[Any]] = [
        bindparam("ov_start", type_=DateTime()),
        bindparam("ov_duration", type_=Integer()),
        bindparam("ov_since", type_=DateTime()),
        bindparam("ov_statuses", type_=ARRAY(String)),
        bindparam("ov_staff", type_=ARRAY(String)),
        bindparam("ov_youths", type_=ARRAY(String)),
    ]
    if room:
        binds.append(bindparam("ov_rooms", type_=ARRAY(String)))
    return text(sql).bindparams(*binds)


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
    if counsellor:  # the calendar of the day for the staff `_place` will check, and their overlaps
        read += [*_calendar_columns(), _overlaps_column(room)]
    # last: the server's own plan choice given back for the rest of the transaction (see `read_ahead`)
    read.append(func.set_config(PLAN_MODE, bindparam("plan_mode", type_=String()), True))
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
    start: datetime,
    duration_min: int | None,
) -> None:
    """Read what `BookingService.book` reads first, in one statement, on a server (nothing on
    SQLite, whose reads cost no round trip). Call it right after the write transaction's locks."""
    if session.get_bind().dialect.name != "postgresql":
        return
    code = ctx.site_code(session)
    wanted = (type_code or "").strip().upper()
    params: dict[str, Any] = {"site": code, "youth": youth_id, "type": wanted}
    # find_staff and find_room first look their key up as an id: the identity map answers then
    optional = {
        "counsellor": (counsellor or "").strip(),
        "second": (second_staff or "").strip(),
        "room": room,
    }
    params |= {key: value for key, value in optional.items() if value}
    staff_ids = [params[k] for k in ("counsellor", "second") if k in params]
    rooms = [params["room"]] if "room" in params else None
    keyed = keyed_for(staff_ids, rooms, [youth_id])
    if "counsellor" in params:  # `_place` checks the calendar of that day for them, and overlaps
        day = datetime.combine(start.date(), time.min)
        params |= {
            "day": day.date(),
            "day_start": day,
            "day_end": day + timedelta(days=1),
            "staff": staff_ids,
            "ov_start": start,
            "ov_duration": duration_min,
            "ov_since": start - MAX_SPAN,
            "ov_statuses": list(OCCUPYING_STATUSES),
            "ov_staff": staff_ids,
            "ov_youths": [youth_id],
        }
        if rooms is not None:
            params["ov_rooms"] = rooms
    q = _statement("counsellor" in params, "second" in params, "room" in params, ctx.top_stamp_sql())
    mode = session.connection().exec_driver_sql(_GENERIC).scalar_one()
    found = session.execute(q, params | {"plan_mode": mode}).first()
    if found is None:  # no such site: `site_row` says so, as before
        session.connection().exec_driver_sql(f"SELECT set_config('{PLAN_MODE}', %(m)s, true)", {"m": mode})
        return
    row = tuple(found)[:-1]  # without the plan choice given back
    session.info[_KEPT] = row  # the identity map holds its rows weakly: kept for the transaction
    overlaps: Any = None
    if "counsellor" in params:
        _calendar_read(session, row[0].id, day.date(), staff_ids, *row[-3:-1])
        overlaps, row = row[-1], row[:-3]
    site, _youth, atype, *_rows, top, last = row
    if "counsellor" in params and atype is not None:  # the window `check_overlaps` will ask for
        until = start + timedelta(minutes=(duration_min or atype.duration_min) + atype.buffer_min)
        rows = [
            (aid, yid, cid, rid, datetime.fromisoformat(a0), datetime.fromisoformat(a1), buf, other, *names)
            for aid, yid, cid, rid, a0, a1, buf, other, *names in overlaps or ()
        ]
        per_key = keyed_split(rows, keyed)
        keyed_rows_read(session, since=start - MAX_SPAN, until=until, keyed=keyed, per_key=per_key)
    ctx.site_row_read(session, site)
    type_read(session, wanted, atype)
    ctx.top_stamp_read(session, top)
    audit.seq_read(session, last)


def _calendar_read(
    session: Session, site_id: str, day: date, staff_ids: list[str], closures: Any, absences: Any
) -> None:
    """The JSON arrays of `_calendar_columns` as `load_calendar` reads them: closures as rows of the
    table (transient: read only), absences as (staff_id, start, end, reason) with the stored times."""
    kept = [
        SiteClosure(
            id=cid,
            site_id=site_id,
            start_date=date.fromisoformat(c0),
            end_date=date.fromisoformat(c1),
            reason=why,
        )
        for cid, c0, c1, why in closures or ()
    ]
    rows = [
        (staff_id, datetime.fromisoformat(a0), datetime.fromisoformat(a1), why)
        for staff_id, a0, a1, why in absences or ()
    ]
    calendar_read(session, site_id, day, staff_ids, kept, rows)
