"""The interactive operations, through the services, each with its floor in raw `sqlite3`.

A floor is the same data work done the most direct way, on the same file with the same indexes: what
no layer above SQLite can beat. Its ratio shows what the services' layers cost.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from mlplanner.bench.model import Site
from mlplanner.bench.report import Budget, Row, measure
from mlplanner.domain.calendar_fr import is_public_holiday
from mlplanner.domain.enums import OCCUPYING_STATUSES, Role
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.models import Slot
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.youths.service import MAX_CANDIDATES, _query_words
from mlplanner.storage.db import PAGE_CACHE_KIB

DAY_VIEW = Budget("< 50 ms", limit=0.050)
SLOTS = Budget("< 50 ms", limit=0.050)
SEARCH = Budget("< 20 ms", limit=0.020)
BOOK = Budget("< 15 ms", limit=0.015)
TYPED = "diallo mam"  # a receptionist types a name: every prefix is one keystroke's search
OCCUPYING_SQL = ",".join(f"'{s}'" for s in OCCUPYING_STATUSES)


def ts(dt: datetime) -> str:
    """A wall-clock datetime as SQLAlchemy stores it in SQLite (text order = time order)."""
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def raw(path: str) -> sqlite3.Connection:
    """A plain driver connection with the app's pragmas (WAL, NORMAL sync, busy timeout, page cache)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return conn


def open_day(site: Site) -> date:
    """The latest open weekday up to today: a full day of the site (the day view's usual content)."""
    day = site.today
    while day.weekday() >= 5 or is_public_holiday(day):
        day -= timedelta(days=1)
    return day


# --- day view ------------------------------------------------------------------------------------------

DAY_SQL = """
SELECT a.id, a.youth_id, a.counsellor_id, a.room_id, a.start, a."end", a.mode, a.status, a.cancel_reason,
       a.referred_by, a.notes, a.arrived_at, a.buffer_min, a.forced_reason, y.first_name, y.last_name,
       s.first_name, s.last_name, r.name, t.code, t.label, t.colour
FROM appointment a
JOIN youth y ON y.id = a.youth_id
JOIN staff s ON s.id = a.counsellor_id
JOIN appointment_type t ON t.id = a.type_id
LEFT JOIN room r ON r.id = a.room_id
WHERE a.deleted = 0 AND a.start >= ? AND a.start < ?
ORDER BY a.start, s.last_name
"""


def day_view_op(sv: Services, site: Site) -> tuple[Callable[[int], object], str]:
    """The UI's own loader and Qt model when `ui.dayview` is there; the booking service alone if not."""
    day = open_day(site)
    try:
        from mlplanner.ui.dayview.data import load_day
        from mlplanner.ui.dayview.model import DayModel
    except ImportError:
        return (lambda _i: sv.booking.day(day)), "services.booking.day only (no ui.dayview yet)"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the model only: no window is shown
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(["mlplanner-bench"])
    frame = sv.schedule.frame()  # read once by the page, refreshed on configuration changes
    model = DayModel()

    def op(_i: int) -> None:
        model.set_grid(load_day(sv, frame, day, "counsellor"))

    return op, f"{day:%a %d/%m}: ui.dayview load_day (booking.day + grid) + DayModel.set_grid"


def day_view(sv: Services, site: Site, repeat: int) -> Row:
    row = Row(f"build the site day view model, {site.counts['counsellors']} counsellors", DAY_VIEW)
    op, row.note = day_view_op(sv, site)
    row.take(measure(op, repeat=repeat))
    day = open_day(site)
    conn = raw(site.path)
    lo, hi = ts(datetime.combine(day, time.min)), ts(datetime.combine(day + timedelta(days=1), time.min))
    n = len(sv.booking.day(day))
    row.floor = measure(lambda _i: conn.execute(DAY_SQL, (lo, hi)).fetchall(), repeat=repeat).median
    conn.close()
    row.note += f", {n} appointments"
    return row


# --- free-slot search ----------------------------------------------------------------------------------

WEEK_SQL = f"""
SELECT start, "end", buffer_min, counsellor_id, room_id, youth_id FROM appointment
WHERE site_id = ? AND start >= ? AND start < ? AND status IN ({OCCUPYING_SQL}) AND deleted = 0
"""


def free_slots(sv: Services, site: Site, repeat: int) -> list[Row]:
    """An on-site interview (needs one of the offices, the scarce resource of this site) and a phone
    interview (no office), for any counsellor, from a week ahead: 10 slots each."""
    start = site.today + timedelta(days=7)
    conn = raw(site.path)
    args = (
        site.site_id,
        ts(datetime.combine(start - timedelta(days=1), time.min)),
        ts(datetime.combine(start + timedelta(days=7), time.min)),
    )
    floor = measure(lambda _i: conn.execute(WEEK_SQL, args).fetchall(), repeat=repeat).median
    conn.close()
    rows = []
    for code, label, what in (
        ("SUIVI", "free-slot search, any counsellor, a week ahead", "SUIVI, 30 min, needs an office"),
        ("TEL", "free-slot search by phone (no office), a week ahead", "TEL, 20 min, no room"),
    ):
        row = Row(label, SLOTS)

        def find(_i: int, c: str = code) -> object:
            return sv.slots.find(type_code=c, start=start)

        row.take(measure(find, repeat=repeat))
        found = sv.slots.find(type_code=code, start=start)
        row.floor = floor
        first = f"{found[0].start:%d/%m %H:%M}" if found else "none"
        row.note = (
            f"{what}, from {start:%d/%m}: first of 10 slots {first}; floor = reading that week's busy spans"
        )
        rows.append(row)
    return rows


# --- youth search --------------------------------------------------------------------------------------


def _floor_search(conn: sqlite3.Connection, query: str) -> list[tuple]:
    ids: set[str] | None = None
    for w in sorted(_query_words(query), key=len, reverse=True):
        found = {
            r[0]
            for r in conn.execute(
                "SELECT youth_id FROM youth_token WHERE token >= ? AND token < ? LIMIT ?",
                (w, w + "\uffff", MAX_CANDIDATES * 4),
            )
        }
        ids = found if ids is None else ids & found
        if not ids:
            return []
    marks = ",".join("?" * len(ids or ()))
    rows = conn.execute(
        f"SELECT id, last_name, first_name, fold_name, phone FROM youth WHERE id IN ({marks}) AND deleted = 0",
        list(ids or ()),
    ).fetchall()
    return sorted(rows, key=lambda r: r[3])[:20]


def youth_search(sv: Services, site: Site, repeat: int) -> list[Row]:
    keystrokes = [TYPED[:i] for i in range(1, len(TYPED) + 1) if not TYPED[:i].endswith(" ")]
    conn = raw(site.path)
    per_key = []
    for text in keystrokes:

        def search(_i: int, q: str = text) -> object:
            return sv.youths.search(q)

        def search_floor(_i: int, q: str = text) -> object:
            return _floor_search(conn, q)

        timing = measure(search, repeat=repeat)
        floor = measure(search_floor, repeat=repeat).median
        per_key.append((timing.median, floor, text, timing, len(sv.youths.search(text, limit=10_000))))
    conn.close()
    per_key.sort(key=lambda k: k[0])
    mid, worst = per_key[len(per_key) // 2], per_key[-1]
    typical = Row(f"youth search, one keystroke, over {site.counts['youths']:,} youths", SEARCH)
    typical.take(mid[3])
    typical.floor = mid[1]
    typical.note = (
        f"the median keystroke (« {mid[2]} ») of typing « {TYPED} » ({len(keystrokes)} searches); "
        "floor = raw prefix query on youth_token + the candidates' rows, sorted"
    )
    slowest = Row("youth search, slowest keystroke", SEARCH)
    slowest.take(worst[3])
    slowest.floor = worst[1]
    slowest.note = f"« {worst[2]} » ({worst[4]:,} candidates ranked)"
    return [typical, slowest]


# --- booking -------------------------------------------------------------------------------------------


def _non_overlapping(slots: list[Slot], n: int) -> list[Slot]:
    kept: list[Slot] = []
    for s in slots:
        if all(
            not (k.start < s.end and s.start < k.end)
            or (k.counsellor_id != s.counsellor_id and k.room_id != s.room_id)
            for k in kept
        ):
            kept.append(s)
        if len(kept) == n:
            break
    return kept


def _free_youths(conn: sqlite3.Connection, site: Site, day: date, n: int) -> list[str]:
    lo, hi = ts(datetime.combine(day, time.min)), ts(datetime.combine(day + timedelta(days=1), time.min))
    busy = {
        r[0]
        for r in conn.execute("SELECT youth_id FROM appointment WHERE start >= ? AND start < ?", (lo, hi))
    }
    out = []
    for (yid,) in conn.execute(
        "SELECT id FROM youth WHERE deleted = 0 AND needs_accessible_room = 0 ORDER BY id DESC LIMIT ?",
        (n * 3,),
    ):
        if yid not in busy:
            out.append(yid)
    return out[:n]


def _receptionist(sv: Services) -> Actor:
    r = sv.directory.staff(role=Role.RECEPTIONIST)[0]
    return Actor(r.id, r.display_name, r.role)


def book(sv: Services, site: Site, repeat: int) -> Row:
    row = Row("book one appointment, every rule checked", BOOK)
    day = site.today + timedelta(days=14)
    need = repeat + 2
    slots = _non_overlapping(sv.slots.find(type_code="SUIVI", start=day, count=200), need)
    conn = raw(site.path)
    youths = _free_youths(conn, site, day, need)
    if len(slots) < need or len(youths) < need:
        row.note = f"not enough free slots ({len(slots)}) or youths ({len(youths)}) to book {need} times"
        return row
    actor = _receptionist(sv)
    refused: list[str] = []

    def op(i: int) -> None:
        k = i + 2 if i >= 0 else -1 - i  # warm-up runs take slots 0 and 1
        slot = slots[k]
        try:
            sv.booking.book(
                actor=actor,
                youth_id=youths[k],
                type_code="SUIVI",
                start=slot.start,
                counsellor=slot.counsellor_id,
                room=slot.room_id,
            )
        except RuleViolation as exc:
            refused.append(exc.code)

    row.take(measure(op, repeat=repeat))
    row.floor = _floor_book(conn, sv, site, repeat)
    conn.close()
    row.note = "SUIVI with counsellor and office given, as after picking a slot; floor = BEGIN IMMEDIATE, 3 overlap queries, 2 inserts"
    if refused:
        row.note += f"; {len(refused)} refused ({', '.join(sorted(set(refused)))})"
    return row


def _floor_book(conn: sqlite3.Connection, sv: Services, site: Site, repeat: int) -> float:
    """The rule check's queries and the two inserts, in one write transaction, on another day."""
    day = site.today + timedelta(days=21)
    need = repeat + 2
    slots = _non_overlapping(sv.slots.find(type_code="SUIVI", start=day, count=200), need)
    youths = _free_youths(conn, site, day, need)
    type_id = conn.execute("SELECT id FROM appointment_type WHERE code = 'SUIVI'").fetchone()[0]
    created: list[str] = []
    n = min(len(slots), len(youths))

    def op(i: int) -> None:
        k = (i + 2 if i >= 0 else -1 - i) % max(n, 1)
        s, yid = slots[k], youths[k]
        lo, hi, back = ts(s.start), ts(s.end), ts(s.start - timedelta(days=1))
        conn.execute("BEGIN IMMEDIATE")
        for col, key in (("counsellor_id", s.counsellor_id), ("room_id", s.room_id), ("youth_id", yid)):
            conn.execute(
                f'SELECT id, start, "end", buffer_min FROM appointment WHERE {col} = ? AND start < ? '
                f"AND start >= ? AND status IN ({OCCUPYING_SQL}) AND deleted = 0",
                (key, hi, back),
            ).fetchall()
        aid = str(uuid.uuid4())
        now = site.now.strftime("%Y-%m-%d %H:%M:%S.%f")
        conn.execute(
            "INSERT INTO appointment (id, updated_at, origin_site, hlc, deleted, site_id, youth_id, counsellor_id,"
            ' room_id, type_id, start, "end", buffer_min, mode, status, cancel_reason, referred_by, notes,'
            " forced_reason, created_by, created_at, updated_by) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0,"
            " 'on_site', 'booked', '', '', '', '', '', ?, '')",
            (aid, now, site.code, "", site.site_id, yid, s.counsellor_id, s.room_id, type_id, lo, hi, now),
        )
        conn.execute(
            "INSERT INTO audit_entry (id, at, site_code, actor_id, actor_name, action, entity, entity_id, youth_id,"
            " reason, before, after) VALUES (?, ?, ?, '', 'bench', 'book', 'appointment', ?, ?, '', '', '{}')",
            (str(uuid.uuid4()), now, site.code, aid, yid),
        )
        conn.execute("COMMIT")
        created.append(aid)

    median = measure(op, repeat=min(repeat, max(n - 2, 1))).median
    # leave the file as the services left it: the floor's rows are not data
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("DELETE FROM audit_entry WHERE entity_id = ?", [(a,) for a in created])
    conn.executemany("DELETE FROM appointment WHERE id = ?", [(a,) for a in created])
    conn.execute("COMMIT")
    return median
