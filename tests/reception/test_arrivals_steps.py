"""Arrivals: a check-in reaches the counsellor's screen at once through the live-refresh path (another
process writes, this window's bus carries it), with the waiting time; "called in" and "in interview" keep
the waiting room list true."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, time, timedelta

import pytest

from mlplanner.domain.arrivals import Step, step_of, waited_minutes
from mlplanner.domain.enums import Status
from mlplanner.domain.errors import RuleViolation
from mlplanner.services.container import Services
from mlplanner.ui.reception.install import ReceptionBar
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.live_refresh import LiveRefresh
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.announce import announcer
from support import TestSite, cli_pins, paris_clock

TUESDAY = date(2026, 1, 6)


@pytest.fixture
def morning(site: TestSite) -> TestSite:
    site.a = site.book("eloise", "2026-01-06 10:00")  # type: ignore[attr-defined]  # with Claire
    site.b = site.book("kevin", "2026-01-06 10:30")  # type: ignore[attr-defined]
    site.clock.at = paris_clock(TUESDAY, time(9, 52)).at
    return site


def test_the_steps_and_the_waiting_time(morning: TestSite) -> None:
    b, clock = morning.services.appointments, morning.clock
    a = morning.a  # type: ignore[attr-defined]
    with pytest.raises(RuleViolation) as err:  # not checked in yet
        b.call_in(actor=morning.counsellor, appointment_id=a.id)
    assert err.value.code == "not_arrived"
    arrived = b.check_in(actor=morning.receptionist, appointment_id=a.id).appointment
    assert step_of(arrived) is Step.WAITING
    clock.advance(timedelta(minutes=11))
    called = b.call_in(actor=morning.counsellor, appointment_id=a.id).appointment
    assert step_of(called) is Step.CALLED and called.status is Status.ARRIVED
    clock.advance(timedelta(minutes=20))
    assert waited_minutes(called, clock.now_utc()) == 11  # the wait stopped when called in
    inside = b.start_interview(actor=morning.counsellor, appointment_id=a.id).appointment
    assert step_of(inside) is Step.IN_INTERVIEW
    # a mistaken click is put right; undoing the check-in clears every step
    back = b.set_step(actor=morning.counsellor, appointment_id=a.id, step="waiting").appointment
    assert step_of(back) is Step.WAITING and back.called_at is None
    b.call_in(actor=morning.counsellor, appointment_id=a.id)
    undone = b.undo_check_in(actor=morning.receptionist, appointment_id=a.id).appointment
    assert undone.status is Status.BOOKED and undone.called_at is None and undone.interview_at is None
    seen = b.check_in(actor=morning.receptionist, appointment_id=a.id).appointment
    done = b.set_outcome(actor=morning.counsellor, appointment_id=seen.id, status=Status.SEEN).appointment
    assert step_of(done) is None  # out of the waiting room for good


def _window(services: Services, actor, qtbot, bus, prompt) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, bus, prompt=prompt)
    qtbot.addWidget(window)
    install_core(window, live_refresh=False)
    window.resize(1366, 768)
    return window


def test_arrivals_page_lists_the_waiting_room_first(morning: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    b = morning.services.appointments
    window = _window(morning.services, morning.receptionist, qtbot, bus, prompt)
    page = window.show_page("arrivals")
    a, k = morning.a, morning.b  # type: ignore[attr-defined]
    window.ops.run(lambda: b.check_in(actor=morning.receptionist, appointment_id=a.id))
    morning.clock.advance(timedelta(minutes=3))
    window.ops.run(lambda: b.check_in(actor=morning.receptionist, appointment_id=k.id))
    window.ops.run(lambda: b.call_in(actor=morning.counsellor, appointment_id=a.id))
    rows = page.model.rows()
    assert [r.id for r in rows[:2]] == [k.id, a.id]  # the one still waiting comes first
    assert page.model.index(1, 5).data().startswith("appelé(e) à 09:55")
    assert page.model.index(1, 6).data() == "3 min"  # the wait stopped when called in
    assert page.summary.text().startswith("1 en salle d'attente · 1 en entretien")


def test_a_check_in_by_another_process_reaches_the_counsellor_at_once(
    morning: TestSite, qtbot, bus, prompt, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """The desk is another workstation (a real process on the same file); the counsellor's window learns
    it through live refresh and shows the notice with the waiting time, and says it aloud."""
    window = _window(morning.services, morning.counsellor, qtbot, bus, prompt)
    bar = ReceptionBar(window)
    window.addToolBar(bar)
    window.show()
    assert not bar.arrivals.isVisibleTo(window)
    live = LiveRefresh(morning.services.watch_changes(), bus, window)
    live.start()
    env = os.environ | {
        "MLPLANNER_NOW": "2026-01-06T09:52",
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "MLPLANNER_NO_USER_SETTINGS": "1",
        **cli_pins(morning, "karima"),  # `--as` proves who acts with a PIN
    }
    env.pop("MLPLANNER_DB", None)
    a = morning.a  # type: ignore[attr-defined]
    done = subprocess.run(
        [sys.executable, "-m", "mlplanner", "check-in", "--appointment", a.id, "--as", "Karima Haddou",
         "--db", str(morning.services.ctx.db.path)],
        capture_output=True, text=True, env=env, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert live.poll()  # the poll the timer runs anyway: nothing faster
    notice = bar.arrivals
    assert notice.isVisibleTo(window)
    assert "LŒUVRE Éloïse est arrivé(e) à 09:52" in notice.text.text()
    assert "attend depuis 0 min" in notice.text.text()
    assert "LŒUVRE Éloïse" in announcer(window).history[-1]
    morning.clock.advance(timedelta(minutes=7))
    notice._paint()  # the 30-second repaint: the waiting time moves on without reading anything
    assert "attend depuis 7 min" in notice.text.text()
    assert notice.call_in()
    assert not notice.isVisibleTo(window)  # called in: out of the waiting room
    assert step_of(morning.services.booking.get(a.id)) is Step.CALLED
    live.stop()


def test_other_counsellors_are_not_told(morning: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window = _window(morning.services, morning.colleague, qtbot, bus, prompt)
    bar = ReceptionBar(window)
    a = morning.a  # type: ignore[attr-defined]
    window.ops.run(
        lambda: morning.services.appointments.check_in(actor=morning.receptionist, appointment_id=a.id)
    )
    assert bar.arrivals.waiting == []


def test_my_day_buttons(morning: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window = _window(morning.services, morning.counsellor, qtbot, bus, prompt)
    page = window.show_page("my_day")
    a = morning.a  # type: ignore[attr-defined]
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(a.id), 2))
    assert not page.call_btn.isEnabled()  # not arrived yet
    window.ops.run(
        lambda: morning.services.appointments.check_in(actor=morning.receptionist, appointment_id=a.id)
    )
    page.table.setCurrentIndex(page.model.index(page.model.row_of_key(a.id), 2))
    assert page.call_btn.isEnabled()
    page.call_btn.click()
    assert "appelé(e) à 09:52" in page.model.index(page.model.row_of_key(a.id), 4).data()
    page.interview_btn.click()
    assert step_of(morning.services.booking.get(a.id)) is Step.IN_INTERVIEW
