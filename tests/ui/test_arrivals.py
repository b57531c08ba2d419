"""Reception arrivals panel and walk-ins; the counsellor's day and its "to fill in" banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.text import fold
from mlplanner.ui.reception.walk_in import WALK_IN_NOTE


@pytest.fixture
def at_ten(demo):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=2))  # 10:00 on the demo Monday
    return demo


def test_arrivals_list_waiting_times_and_accent_insensitive_filter(
    at_ten, core_window, staff_actor, qtbot, qtmodeltester
):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    page = core.arrivals
    qtmodeltester.check(page.proxy)
    rows = page.model.rows()
    assert rows and all(a.status in (Status.BOOKED, Status.ARRIVED) for a in rows)
    assert all(a.start.date() == window.now().date() for a in rows)
    a = next(x for x in rows if x.status is Status.BOOKED and x.start > window.now())
    # an accented name found without its accents
    page.filter.setText(fold(a.youth_name.split()[0]).lower()[:4])
    assert a.id in [
        page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).id for r in range(page.proxy.rowCount())
    ]
    assert page.select(a.id)
    assert page.check_in()
    stored = demo.booking.get(a.id)
    assert stored.status is Status.ARRIVED
    # 12 minutes later the waiting time says so, and the arrived person is listed first
    demo.ctx.clock.advance(timedelta(minutes=12))
    page._tick()
    row = page.model.row_of_key(a.id)
    assert all(x.status is Status.ARRIVED for x in page.model.rows()[: row + 1])  # the waiting room first
    assert page.model.index(row, 6).data() == "12 min"
    assert page.model.index(row, 5).data() == f"arrivé(e) à {window.now() - timedelta(minutes=12):%H:%M}"
    assert "en salle d'attente" in page.summary.text()


def test_walk_in_joins_the_queue_with_the_counsellor_on_duty_and_undoes_in_one_step(
    at_ten, core_window, staff_actor, activate, qtbot
):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    activate(window)
    qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    panel = core.arrivals.walk_in
    assert window.current_page_key() == "arrivals" and panel.isVisible()
    youth = next(
        y
        for y in demo.youths.search("le", limit=40)
        if not demo.booking.between(window.now().date(), window.now().date(), youth_id=y.id)
    )
    qtbot.keyClicks(panel.picker.search, fold(youth.last_name)[:5] + " " + fold(youth.first_name)[:3])
    qtbot.keyClick(panel.picker.search, Qt.Key.Key_Return)
    assert panel.youth == youth
    qtbot.keyClick(panel.type_box, Qt.Key.Key_Return)
    # who and when, shown before anything is stored
    offer = panel.offer
    assert offer is not None and panel.offer_label.isVisibleTo(panel)
    assert offer.counsellor_name in panel.offer_label.text()
    assert f"{offer.start:%H:%M}" in panel.offer_label.text()
    assert not demo.booking.between(window.now().date(), window.now().date(), youth_id=youth.id)
    assert panel.confirm_btn.hasFocus()
    qtbot.keyClick(panel.confirm_btn, Qt.Key.Key_Return)
    today = demo.booking.between(window.now().date(), window.now().date(), youth_id=youth.id)
    assert len(today) == 1
    walk_in = today[0]
    assert (walk_in.counsellor_id, walk_in.start) == (offer.counsellor_id, offer.start)  # as shown
    expected = demo.slots.find(
        type_code=panel.type_box.currentData(), youth_id=youth.id, start=window.now(), count=1
    )
    assert walk_in.status is Status.ARRIVED and walk_in.notes == WALK_IN_NOTE
    assert walk_in.start >= window.now() and walk_in.start.date() == window.now().date()
    assert not panel.isVisible()
    assert core.arrivals.model.row_of_key(walk_in.id) >= 0
    assert expected == [] or expected[0].start >= walk_in.start  # nobody was free earlier
    # one Ctrl+Z undoes the whole walk-in (check-in and booking)
    window.undo_stack.undo()
    assert demo.booking.get(walk_in.id).status.is_cancelled


def test_walk_in_refused_when_nobody_is_free_before_closing(at_ten, core_window, staff_actor):
    demo = at_ten
    demo.ctx.clock.advance(timedelta(hours=7, minutes=25))  # 17:25, the site closes at 17:30
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    panel = core.arrivals.walk_in
    panel.start()
    panel.picker.set_youth(demo.youths.search("ma", limit=1)[0])
    assert panel.add() is None
    assert panel.error.isVisibleTo(panel) and "Aucun conseiller n'est disponible" in panel.error.text()
    assert window.undo_stack.count() == 0


def test_my_day_outcome_banner_and_roles(at_ten, core_window, staff_actor, qtbot, qtmodeltester):
    demo = at_ten
    counsellor = staff_actor(demo, Role.COUNSELLOR)
    window, core = core_window(demo, counsellor)
    page = core.my_day
    qtmodeltester.check(page.model)
    assert not page.who.isEnabled()  # a counsellor sees their own day
    rows = page.model.rows()
    assert rows and all(a.counsellor_id == counsellor.id for a in rows)
    to_fill = demo.booking.to_fill_in(counsellor=counsellor.id)
    assert page.banner.isVisibleTo(page) == bool(to_fill)
    if to_fill:
        assert f"{len(to_fill)} rendez-vous passé(s)" in page.banner_text.text()
        page.banner_btn.click()
        assert {a.id for a in page.model.rows()} == {a.id for a in to_fill}
        page.table.setCurrentIndex(page.model.index(0, 2))
        first = page.selected_appointment()
        page.note.setPlainText("absent sans prévenir")
        assert page.record(Status.NO_SHOW)
        stored = demo.booking.get(first.id)
        assert stored.status is Status.NO_SHOW and stored.notes == "absent sans prévenir"
        assert first.id not in {a.id for a in page.model.rows()}  # filled in: off the list

    # a colleague's appointment: the buttons are greyed out, and the service refuses anyway
    colleague = staff_actor(demo, Role.COUNSELLOR, 1)
    theirs = next(a for a in demo.booking.to_fill_in(counsellor=colleague.id))
    assert not core.actions.can_status(theirs, Status.SEEN)
    with pytest.raises(RuleViolation):
        demo.appointments.set_outcome(actor=counsellor, appointment_id=theirs.id, status=Status.SEEN)
    # the receptionist cannot record outcomes at all, but picks whose day to look at
    window.set_actor(staff_actor(demo, Role.RECEPTIONIST))
    assert page.who.isEnabled()
    page.table.setCurrentIndex(page.model.index(0, 2))
    assert not page.seen_btn.isEnabled() and page.note.isReadOnly()


def test_a_hidden_page_reloads_when_shown_not_before(at_ten, core_window, staff_actor, qtbot, qtmodeltester):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.show()
    qtbot.waitExposed(window)
    window.show_page("day")
    page = core.arrivals
    a = next(x for x in page.model.rows() if x.status is Status.BOOKED)
    calls: list[int] = []
    original = page.reload
    page.reload = lambda: (calls.append(1), original())  # type: ignore[method-assign]
    demo.appointments.check_in(actor=window.actor, appointment_id=a.id)  # another workstation
    window.bus.publish_external()
    assert calls == [] and page.model.rows()[page.model.row_of_key(a.id)].status is Status.BOOKED
    window.show_page("arrivals")
    assert calls == [1]
    assert page.model.rows()[page.model.row_of_key(a.id)].status is Status.ARRIVED
    # and the youth search list of the walk-in panel is a sound model too
    page.walk_in.picker.search.setText("ma")
    page.walk_in.picker.run_search()
    qtmodeltester.check(page.walk_in.picker.results_model)


def test_phone_and_video_appointments_never_wait_at_the_desk(at_ten, core_window, staff_actor):
    from mlplanner.domain.enums import Mode

    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    now = window.now()
    today = [a for a in demo.booking.day(now.date()) if not a.status.is_cancelled]
    remote = [a for a in today if a.mode is not Mode.ON_SITE and a.status is Status.BOOKED]
    assert remote, "the demo day has phone or video appointments"
    page = core.arrivals
    page.reload()
    listed = {a.id for a in page.model.rows()}
    assert not listed & {a.id for a in remote}
    expected = sum(1 for a in today if a.mode is Mode.ON_SITE and a.status is Status.BOOKED)
    assert f"· {expected} attendu(s) ·" in page.summary.text()
    # a late phone appointment is not "en retard" at reception either
    page.show_done.setChecked(True)
    assert not {a.id for a in page.model.rows()} & {a.id for a in remote}
