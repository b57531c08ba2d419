"""Two people on one appointment, on screen: the booking dialog books it (both free), the day grid shows
it in both columns, and Ma journée lists it for the second counsellor."""

from __future__ import annotations

from datetime import date, time

from mlplanner.domain.enums import Role
from mlplanner.ui.dayview.model import APPOINTMENT_ROLE
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.main_window import MainWindow
from support import TestSite, paris_clock, wall

TUESDAY = date(2026, 1, 6)


def _window(site: TestSite, actor, qtbot, bus, prompt):  # type: ignore[no-untyped-def]
    window = MainWindow(site.services, actor, bus, prompt=prompt)
    qtbot.addWidget(window)
    core = install_core(window, live_refresh=False)
    window.resize(1366, 768)
    return window, core


def test_the_booking_dialog_books_two_people(site: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window, core = _window(site, site.receptionist, qtbot, bus, prompt)
    claire, mamadou = site.staff["claire"].id, site.staff["mamadou"].id
    site.book("kevin", "2026-01-05 09:00", counsellor="mamadou")  # Mamadou is busy first thing Monday
    dialog = core.open_booking({"youth_id": site.youths["eloise"].id})
    dialog.who_box.setCurrentIndex(dialog.who_box.findData(claire))
    dialog.second_box.setCurrentIndex(dialog.second_box.findData(mamadou))
    dialog.refresh_slots()
    first = dialog.slots.item(0)
    assert "Claire Lefèvre + Mamadou Diallo" in first.text()
    _kind, start, *_ = first.data(0x0100)
    assert start >= wall("2026-01-05 09:30")  # not while Mamadou is busy
    dialog.slots.setCurrentRow(0)
    a = dialog.book()
    assert a is not None and a.staff_ids == (claire, mamadou)
    assert "Claire Lefèvre et Mamadou Diallo" in window.status.currentMessage()


def test_the_day_grid_shows_it_in_both_columns(site: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    a = site.book("eloise", "2026-01-06 10:00", second_staff=site.staff["mamadou"].id)
    window, core = _window(site, site.lead, qtbot, bus, prompt)
    window.show_page("day")
    core.day.set_day(TUESDAY, force=True)
    model = core.day.model
    columns = {
        model.grid.columns[c].title
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if (x := model.index(r, c).data(APPOINTMENT_ROLE)) is not None and x.id == a.id
    }
    assert columns == {"Claire Lefèvre", "Mamadou Diallo"}


def test_the_second_counsellor_sees_it_in_my_day_and_records_the_outcome(
    site: TestSite, qtbot, bus, prompt
) -> None:  # type: ignore[no-untyped-def]
    a = site.book("eloise", "2026-01-06 10:00", second_staff=site.staff["mamadou"].id)
    site.clock.at = paris_clock(TUESDAY, time(10, 35)).at
    window, core = _window(site, site.colleague, qtbot, bus, prompt)
    assert site.colleague.role is Role.COUNSELLOR
    window.show_page("my_day")
    page = core.my_day
    assert [x.id for x in page.model.rows()] == [a.id]
    page.table.setCurrentIndex(page.model.index(0, 2))
    assert "Claire Lefèvre et Mamadou Diallo" in page.detail.text()
    assert page.seen_btn.isEnabled()
    page.seen_btn.click()
    assert site.services.booking.get(a.id).status.value == "seen"
