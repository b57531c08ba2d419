"""What the free-slot finder keeps between searches (`storage.snapshot_memo`: the type, the counsellors,
the offices, the calendar) is never stale: another process's commit, another connection's, this
process's own write, a rolled-back write — the next search reads what a fresh reading gives."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import event, text

from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.storage.snapshot_memo import memoised, snapshot_memo

if TYPE_CHECKING:
    from support import TestSite

DAY = date(2026, 1, 6)  # a Tuesday of the small site (its clock: Monday 05/01 08:00)


def _slots(sv: Services, **kw: object) -> list[tuple[str, str, str, str | None]]:
    return [
        (f"{s.start:%d %H:%M}", f"{s.end:%H:%M}", s.counsellor_name, s.room_name)
        for s in sv.slots.find(type_code="SUIVI", start=DAY, count=40, **kw)  # type: ignore[arg-type]
    ]


def _fresh(site: TestSite) -> list[tuple[str, str, str, str | None]]:
    """The same search through a new engine (new connections: nothing kept)."""
    sv = Services.open(site.services.ctx.db.location, FixedClock(site.clock.at))
    try:
        return _slots(sv)
    finally:
        sv.close()


def _statements(sv: Services) -> list[str]:
    """Every statement SQLAlchemy runs from now on (the finder's bulk reads go past it: only the
    small reads the memo keeps are counted)."""
    seen: list[str] = []
    event.listen(sv.ctx.db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_a_search_after_another_process_commits_reads_the_change(site: TestSite) -> None:
    """A second workstation (another process) lengthens the interview type, sends a counsellor away
    and closes the site for a day: the next search here offers what a fresh reading offers."""
    sv = site.services
    before = _slots(sv)
    seen = _statements(sv)
    assert _slots(sv) == before
    assert not [q for q in seen if "FROM appointment_type" in q]  # the memo is in use (both engines)
    script = textwrap.dedent(
        f"""
        from datetime import date, datetime
        from mlplanner.domain.clock import FixedClock
        from mlplanner.services.container import Services
        from mlplanner.services.context import Actor
        sv = Services.open({str(sv.ctx.db.location)!r}, FixedClock(datetime.fromisoformat({site.clock.at.isoformat()!r})))
        admin = Actor({site.staff["admin"].id!r}, "Admin", "admin")
        sv.directory.update_type(actor=admin, type_id={site.types["SUIVI"].id!r}, duration_min=45)
        sv.directory.add_absence(actor=admin, staff_id={site.staff["claire"].id!r},
            start=datetime(2026, 1, 6, 0, 0), end=datetime(2026, 1, 7, 0, 0), reason="formation")
        sv.directory.add_closure(actor=admin, start=date(2026, 1, 8), end=date(2026, 1, 8), reason="inventaire")
        sv.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    after = _slots(sv)
    assert after == _fresh(site)
    assert after != before
    assert {end for _d, end, _c, _r in after} != {end for _d, end, _c, _r in before}  # 45 minutes now
    assert not [s for s in after if s[0].startswith("06") and s[2] == "Claire Lefèvre"]
    assert not [s for s in after if s[0].startswith("08")]


def test_the_day_view_attention_marks_follow_another_process_absence(site: TestSite) -> None:
    """The impact list keeps the calendar of the days it checks (`ImpactService.affected`, every day
    view refresh): an absence added on another workstation marks the appointment at once."""
    sv = site.services
    a = site.book("kevin", "2026-01-06 10:00")
    assert sv.impact.affected(start=DAY, end=DAY) == []
    assert sv.impact.affected(start=DAY, end=DAY) == []  # kept: nothing changed
    script = textwrap.dedent(
        f"""
        from datetime import datetime
        from mlplanner.domain.clock import FixedClock
        from mlplanner.services.container import Services
        from mlplanner.services.context import Actor
        sv = Services.open({str(sv.ctx.db.location)!r}, FixedClock(datetime.fromisoformat({site.clock.at.isoformat()!r})))
        sv.directory.add_absence(actor=Actor({site.staff["admin"].id!r}, "Admin", "admin"),
            staff_id={site.staff["claire"].id!r}, start=datetime(2026, 1, 6, 9), end=datetime(2026, 1, 6, 12))
        sv.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert [x.appointment.id for x in sv.impact.affected(start=DAY, end=DAY)] == [a.id]


def test_this_process_own_writes_are_seen_by_the_next_search(site: TestSite) -> None:
    sv, admin = site.services, site.admin
    before = _slots(sv)
    sv.directory.update_staff(actor=admin, staff_id=site.staff["claire"].id, active=False)
    after = _slots(sv)
    assert after == _fresh(site)
    assert "Claire Lefèvre" in {c for _d, _e, c, _r in before}
    assert "Claire Lefèvre" not in {c for _d, _e, c, _r in after}
    sv.directory.update_type(actor=admin, type_id=site.types["SUIVI"].id, duration_min=60)
    assert _slots(sv) == _fresh(site)
    assert {e for _d, e, _c, _r in _slots(sv)} != {e for _d, e, _c, _r in after}


def test_values_kept_follow_other_connections_own_writes_and_rollbacks(site: TestSite) -> None:
    db = site.services.ctx.db
    sqlite = db.engine.dialect.name == "sqlite"
    with db.read() as s:
        assert memoised(s, "k", lambda: 1) == 1
        assert snapshot_memo(s) is not None  # a server's read-only snapshot too
    with db.read() as s:
        assert memoised(s, "k", lambda: 2) == 1  # nothing written since
    with pytest.raises(RuntimeError), db.write() as s:
        s.execute(text("UPDATE room SET name = name || ' bis'"))
        assert snapshot_memo(s) is None  # this transaction wrote: nothing served, nothing kept
        assert memoised(s, "k", lambda: 3) == 3
        raise RuntimeError("rolled back")
    with db.read() as s:
        assert memoised(s, "k", lambda: 4) == 4  # the rolled-back write still empties what was kept
    with db.read() as s:
        assert memoised(s, "k", lambda: 5) == 4
    if sqlite:  # another connection (of this process, or any other) commits
        import sqlite3

        other = sqlite3.connect(Path(str(db.location)), isolation_level=None)
        other.execute("UPDATE room SET name = name || ' ter'")
        other.close()
    else:  # on a server: another client's commit (its own engine, as another workstation)
        from sqlalchemy import create_engine

        from mlplanner.storage.db import server_url

        other_engine = create_engine(server_url(str(db.location)))
        with other_engine.begin() as conn:
            conn.execute(text("UPDATE room SET name = name || ' ter'"))
        other_engine.dispose()
    with db.read() as s:
        assert memoised(s, "k", lambda: 6) == 6
    with db.read() as s:
        assert memoised(s, "k", lambda: 7) == 6


def test_a_search_inside_a_write_that_changed_the_staff_sees_the_change(site: TestSite) -> None:
    """`find_in` (a walk-in) searches inside the caller's write transaction: after a write there,
    nothing kept from before is served."""
    from mlplanner.storage.tables import Staff

    sv = site.services
    first = sv.slots.find(type_code="SUIVI", start=DAY, count=40)
    assert "Claire Lefèvre" in {s.counsellor_name for s in first}
    with pytest.raises(RuntimeError), sv.ctx.write() as s:
        row = s.get(Staff, site.staff["claire"].id)
        assert row is not None
        row.active = False
        s.add(row)
        s.flush()
        found = sv.slots.find_in(
            s, type_code="SUIVI", youth_id=None, start=datetime(2026, 1, 6, 9, 0), count=40
        )
        assert found and "Claire Lefèvre" not in {x.counsellor_name for x in found}
        raise RuntimeError("rolled back")
    assert sv.slots.find(type_code="SUIVI", start=DAY, count=40) == first
