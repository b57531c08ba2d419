"""The "plus tôt si possible" list on screen: the appointment menu opens the dialog, the desk sees one
proposal at a time at the top of the window when a slot frees (and a screen reader hears it), and the
three answers do what they say."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.app import build_window
from mlplanner.ui.reception.install import open_wish_dialog
from mlplanner.ui.widgets.announce import announcer
from support import TestSite, wall

TUESDAY = date(2026, 1, 6)


@pytest.fixture
def desk(site: TestSite, qtbot, prompt):  # type: ignore[no-untyped-def]
    site.kevin = site.book("kevin", "2026-01-06 10:00")  # type: ignore[attr-defined]
    site.eloise = site.book("eloise", "2026-01-09 16:00")  # type: ignore[attr-defined]
    window = build_window(site.services, site.receptionist, prompt=prompt, live_refresh=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    site.window = window  # type: ignore[attr-defined]
    return site


def test_the_menu_opens_the_dialog_and_saves_the_days(desk) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    menu = window.core.actions.context_menu(desk.eloise, window)
    earlier = next(a for a in menu.actions() if a.objectName() == "earlier")
    assert earlier.isEnabled()
    earlier.trigger()
    dialog = window._wish_dialog
    dialog.boxes[(1, "am")].setChecked(True)  # Tuesday morning
    dialog.boxes[(2, "am")].setChecked(True)  # Wednesday morning
    assert dialog.save()
    (wish,) = desk.services.wishes.waiting()
    assert wish.availability_fr == "mardi matin ; mercredi matin"
    assert "plus tôt si possible" in announcer(window).history[-1]


def test_a_freed_slot_is_proposed_at_the_top_and_accepted(desk) -> None:  # type: ignore[no-untyped-def]
    window, w = desk.window, desk.services.wishes
    w.add(actor=desk.receptionist, appointment_id=desk.eloise.id, when="mar, mer matin")
    bar = window.reception_bar
    bar.refresh()
    assert not bar.isVisibleTo(window)  # nothing freed yet: nothing shown
    window.ops.run(
        lambda: desk.services.appointments.cancel(
            actor=desk.receptionist, appointment_id=desk.kevin.id, by_youth=True
        )
    )
    banner = bar.wishes
    assert bar.isVisibleTo(window) and banner.proposal is not None
    assert "LŒUVRE Éloïse" in banner.text.text() and "06 12 34 56 78" in banner.text.text()
    assert "Créneau libéré" in announcer(window).history[-1]  # said aloud, not only shown
    assert banner.accept()
    assert desk.services.booking.get(desk.eloise.id).start == wall("2026-01-06 10:00")
    assert not bar.isVisibleTo(window)


def test_a_refusal_passes_to_the_next_and_counsellors_are_not_bothered(desk, qtbot, prompt) -> None:  # type: ignore[no-untyped-def]
    w = desk.services.wishes
    w.add(actor=desk.receptionist, appointment_id=desk.eloise.id)
    jp = desk.book("jp", "2026-01-09 15:00")
    w.add(actor=desk.receptionist, appointment_id=jp.id)
    desk.window.ops.run(
        lambda: desk.services.appointments.cancel(
            actor=desk.receptionist, appointment_id=desk.kevin.id, by_youth=True
        )
    )
    banner = desk.window.reception_bar.wishes
    assert banner.proposal.wish.youth_name == "LŒUVRE Éloïse"
    assert banner.decline()
    assert banner.proposal.wish.youth_name == "MARTIN Jean-Pierre"
    # a counsellor's window shows no proposals (they are the desk's work)
    other = build_window(desk.services, desk.counsellor, prompt=prompt, live_refresh=False)
    qtbot.addWidget(other)
    assert other.reception_bar.wishes.proposal is None
    assert banner.dismiss()
    assert banner.proposal is None


def test_the_wishes_page_lists_and_withdraws(desk) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    open_wish_dialog(window, desk.eloise).save()
    page = window.show_page("wishes")
    assert [x.youth_name for x in page.model.rows()] == ["LŒUVRE Éloïse"]
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.withdraw()
    assert page.model.rows() == [] and desk.services.wishes.waiting() == []
