"""Live refresh across workstations: what another process writes shows up in an open view within 2 s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from mlplanner.domain.calendar_fr import is_public_holiday
from mlplanner.domain.enums import Role
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.changes import FileWatch
from mlplanner.ui.shell.live_refresh import LiveRefresh


def _future_weekday(after: date) -> date:
    """A Tuesday after `after` that is not a public holiday (the CLI books with the real clock)."""
    day = after + timedelta(days=7)
    while day.weekday() != 1 or is_public_holiday(day):
        day += timedelta(days=1)
    return day


@pytest.mark.slow
@pytest.mark.both_engines  # on a server, through LISTEN/NOTIFY
def test_a_booking_from_another_process_appears_in_the_day_view(demo, core_window, staff_actor, qtbot):
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST), live_refresh=True)
    window.show()
    page = core.day
    day = _future_weekday(max(window.now().date(), date.today()))
    page.set_day(day)
    youth = demo.youths.search("ma", limit=1)[0]
    code = next(t.code for t in demo.directory.types() if t.code == "SUIVI")
    slot = demo.slots.find(type_code=code, youth_id=youth.id, start=day, count=1)[0]
    assert slot.start.date() == day
    # the receptionist is looking at another cell: it must stay selected, and the scroll must not move
    grid = page.model.grid
    cell = next(
        (r, c)
        for c in range(len(grid.columns))
        for r in range(grid.rows)
        if grid.block_at(r, c) is None and grid.row_start(r, c) != slot.start
    )
    page.table.setCurrentIndex(page.model.index(*cell))
    scroll = page.table.verticalScrollBar().value()

    env = {**os.environ, "MLPLANNER_NO_USER_SETTINGS": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mlplanner",
            "book",
            "--db",
            str(demo.ctx.db.location),
            "--json",
            "--youth",
            youth.id,
            "--type",
            code,
            "--start",
            f"{slot.start:%Y-%m-%d %H:%M}",
            "--counsellor",
            slot.counsellor_id,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    booked_id = json.loads(done.stdout)["id"]
    t0 = time.monotonic()
    qtbot.waitUntil(lambda: page.model.grid.find(booked_id) is not None, timeout=2000)
    elapsed = time.monotonic() - t0
    assert elapsed < 2.0
    block = page.model.grid.find(booked_id)
    assert block.appointment.youth_id == youth.id
    assert page.model.grid.columns[block.col].resource_id == slot.counsellor_id
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == cell
    assert page.table.verticalScrollBar().value() == scroll


def test_poll_sees_other_connections_and_survives_a_missing_file(demo, bus, qtbot, tmp_path):
    live = LiveRefresh(demo.watch_changes(), bus)
    live.start()
    live.timer.stop()  # polled by hand here
    assert live.poll() is False
    youth = demo.youths.search("ma", limit=1)[0]
    with qtbot.waitSignal(bus.changed):
        demo.youths.update(
            actor=SYSTEM_ACTOR,
            youth_id=youth.id,
            draft=YouthDraft(first_name=youth.first_name, last_name=youth.last_name, phone="06 11 22 33 44"),
        )
        assert live.poll() is True
    assert live.poll() is False

    gone = LiveRefresh(FileWatch(tmp_path / "absent.sqlite3"), bus)
    states: list[tuple[bool, str]] = []
    gone.stateChanged.connect(lambda ok, text: states.append((ok, text)))
    assert gone.poll() is False
    assert states == [(False, "Base de données inaccessible : nouvel essai en cours…")]
    live.stop()


def test_a_closed_window_polls_no_more(demo, core_window, staff_actor, qtbot):  # type: ignore[no-untyped-def]
    """A closed window may live on until Qt deletes it: its live refresh stopped with it."""
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST), live_refresh=True)
    assert core.live is not None and core.live.timer.isActive()
    window.close()
    assert not core.live.timer.isActive()
