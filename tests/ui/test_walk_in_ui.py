"""The walk-in panel: who and when before confirming, "come back at", another day, an offer gone
meanwhile, an appointment already expected today (small test site: Monday 5 January 2026)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mlplanner.domain.enums import Status
from support import TestSite, wall


@pytest.fixture
def desk(site: TestSite, core_window):  # type: ignore[no-untyped-def]
    site.clock.advance(timedelta(hours=3))  # 11:00
    window, core = core_window(site.services, site.receptionist)
    core.arrivals.open_walk_in()
    return site, window, core.arrivals.walk_in


def _everyone_away_until_half_past_one(t: TestSite) -> None:
    for key in ("claire", "mamadou", "sophie"):
        t.services.directory.add_absence(
            actor=t.lead,
            staff_id=t.staff[key].id,
            start=wall("2026-01-05 10:45"),
            end=wall("2026-01-05 13:30"),
        )


def test_a_long_wait_is_shown_and_come_back_later_books_without_checking_in(desk):  # type: ignore[no-untyped-def]
    t, window, panel = desk
    _everyone_away_until_half_past_one(t)
    panel.picker.set_youth(t.youths["kevin"])
    offer = panel.propose()
    assert offer is not None and f"{offer.start:%H:%M}" == "13:30"
    text = panel.offer_label.text()
    assert offer.counsellor_name in text and "13:30" in text and "2 h 30" in text
    assert panel.later_btn.isVisibleTo(panel) and "13:30" in panel.later_btn.text()
    assert panel.later_btn.isDefault() and not panel.confirm_btn.isDefault()  # Enter: come back later
    assert t.services.booking.between(date(2026, 1, 5), date(2026, 1, 5)) == []  # nothing stored yet
    a = panel.come_back_later()
    assert a is not None
    stored = t.services.booking.get(a.id)
    assert (stored.status, stored.start, stored.arrived_at) == (Status.BOOKED, wall("2026-01-05 13:30"), None)
    window.undo_stack.undo()
    assert t.services.booking.get(a.id).status is Status.CANCELLED_BY_ML


def test_confirming_books_with_the_counsellor_shown_and_undo_is_one_step(desk):  # type: ignore[no-untyped-def]
    t, window, panel = desk
    panel.picker.set_youth(t.youths["eloise"])
    offer = panel.propose()
    assert offer is not None and not panel.later_btn.isVisibleTo(panel)  # no wait: nothing to come back for
    assert panel.confirm_btn.isDefault()
    a = panel.confirm()
    assert a is not None and (a.counsellor_id, a.start) == (offer.counsellor_id, offer.start)
    assert t.services.booking.get(a.id).status is Status.ARRIVED
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert t.services.booking.get(a.id).status is Status.CANCELLED_BY_ML
    window.undo_stack.redo()
    assert t.services.booking.get(a.id).status is Status.ARRIVED


def test_an_offer_gone_meanwhile_is_said_and_offered_again(desk):  # type: ignore[no-untyped-def]
    t, _window, panel = desk
    panel.picker.set_youth(t.youths["eloise"])
    first = panel.propose()
    assert first is not None
    t.services.booking.book(  # another desk, meanwhile
        actor=t.receptionist,
        youth_id=t.youths["kevin"].id,
        type_code="SUIVI",
        start=first.start,
        counsellor=first.counsellor_id,
    )
    assert panel.confirm() is None
    assert panel.error.isVisibleTo(panel) and "vient d'être pris" in panel.error.text()
    again = panel.offer
    assert again is not None and (again.start, again.counsellor_id) != (first.start, first.counsellor_id)
    assert not t.services.booking.between(date(2026, 1, 5), date(2026, 1, 5), youth_id=t.youths["eloise"].id)


def test_nobody_on_duty_offers_another_day(desk, qtbot):  # type: ignore[no-untyped-def]
    t, window, panel = desk
    t.clock.advance(timedelta(hours=6, minutes=25))  # 17:25
    panel.picker.set_youth(t.youths["kevin"])
    assert panel.propose() is None
    assert "Aucun conseiller n'est disponible" in panel.error.text()
    assert "Prochain créneau libre" in panel.error.text()
    assert panel.other_day_btn.isVisibleTo(panel)
    with qtbot.waitSignal(window.bookingRequested) as asked:
        panel.other_day_btn.click()
    prefill = asked.args[0]
    assert prefill["youth_id"] == t.youths["kevin"].id and prefill["type_code"] == "SUIVI"
    assert prefill["from"] > date(2026, 1, 5)
    dialog = window.core.booking
    assert dialog.youth is not None and dialog.youth.id == t.youths["kevin"].id
    assert dialog.from_date.date().toPython() == prefill["from"]


def test_someone_already_expected_today_is_checked_in_instead(desk):  # type: ignore[no-untyped-def]
    t, _window, panel = desk
    a = t.book("kevin", "2026-01-05 15:00")
    panel.picker.set_youth(t.youths["kevin"])
    assert panel.propose() is not None
    assert panel.expected_btn.isVisibleTo(panel) and "15:00" in panel.expected_btn.text()
    assert panel.check_in_expected()
    assert t.services.booking.get(a.id).status is Status.ARRIVED
    assert len(t.services.booking.between(date(2026, 1, 5), date(2026, 1, 5))) == 1


def test_a_refusal_goes_when_the_type_changes(desk):  # type: ignore[no-untyped-def]
    t, _window, panel = desk
    assert panel.propose() is None  # no youth yet
    assert panel.error.isVisibleTo(panel)
    panel.picker.set_youth(t.youths["kevin"])
    assert not panel.error.isVisibleTo(panel)
    t.clock.advance(timedelta(hours=6, minutes=25))
    assert panel.propose() is None and panel.error.isVisibleTo(panel)
    panel.type_box.setCurrentIndex((panel.type_box.currentIndex() + 1) % panel.type_box.count())
    assert not panel.error.isVisibleTo(panel) and not panel.offer_label.isVisibleTo(panel)
