"""An absence or a closure saved over booked appointments: listed at once, each with move / phone /
cancel / call list, and marked in the day grid until dealt with (small test site, Monday 5 January 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.domain.enums import Mode, Status
from mlplanner.ui.settings.page import SettingsPage
from support import TestSite


@pytest.fixture
def desk(site: TestSite, core_window, qtbot):  # type: ignore[no-untyped-def]
    window, core = core_window(site.services, site.lead)
    settings = SettingsPage(site.services, window.bus, lambda: window.actor, ops=window.ops)
    settings.attentionRequested.connect(window.attentionRequested)
    qtbot.addWidget(settings)
    return site, window, core, settings


def _select(table, row: int) -> None:  # type: ignore[no-untyped-def]
    """Select one row whatever keys an earlier test left pressed (`selectRow` follows the keyboard's
    modifiers: a Ctrl held down turns it into a toggle)."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(row, 0), flags)


def _add_absence(settings: SettingsPage, t: TestSite, start: str, end: str, reason: str) -> None:
    tab = settings.staff
    tab.select_row(next(i for i, s in enumerate(tab.model.rows()) if s.id == t.staff["claire"].id))
    tab.abs_from.setText(start)
    tab.abs_to.setText(end)
    tab.abs_reason.setText(reason)
    assert tab.add_absence()


def test_an_absence_over_appointments_lists_them_at_once(desk):  # type: ignore[no-untyped-def]
    t, window, core, settings = desk
    a = t.book("kevin", "2026-01-06 10:00")
    b = t.book("jp", "2026-01-06 11:00")
    t.book("eloise", "2026-01-06 10:00", counsellor="mamadou")
    _add_absence(settings, t, "06/01/2026 09:00", "06/01/2026 12:30", "formation")
    dialog = core._impact
    assert dialog is not None and dialog.isVisible()
    assert [x.appointment.id for x in dialog.model.rows()] == [a.id, b.id]
    assert "Claire Lefèvre" in dialog.intro.text() and "2 rendez-vous" in dialog.intro.text()
    assert "formation" in dialog.model.index(0, 6).data()
    assert "à déplacer" in window.status.currentMessage()  # not just "Absence enregistrée"
    # a closure-only way out is not offered for an absence
    _select(dialog.table, 0)
    assert not dialog.phone_btn.isEnabled() and dialog.move_btn.isEnabled() and dialog.call_btn.isEnabled()


def test_each_way_out_clears_the_list_and_the_grid_mark(desk, prompt):  # type: ignore[no-untyped-def]
    t, _window, core, settings = desk
    a = t.book("kevin", "2026-01-06 10:00")
    b = t.book("jp", "2026-01-06 11:00")
    c = t.book("aissatou", "2026-01-06 11:30")
    _add_absence(settings, t, "06/01/2026", "06/01/2026", "congé")
    dialog = core._impact
    day = core.day
    day.set_day(date(2026, 1, 6))
    marks = {blk.appointment.id: blk.attention for blk in day.model.grid.blocks if blk.appointment}
    assert marks[a.id] == marks[b.id] == marks[c.id] == "todo"
    assert day.attention.isVisibleTo(day) and "3 rendez-vous" in day.attention_text.text()
    # 1. move: the booking dialog moves it (same young person, same type), to Mamadou
    _select(dialog.table, 0)
    dialog.move_selected()
    booking = core.booking
    assert booking.moving is not None and booking.moving.id == a.id and not booking.type_box.isEnabled()
    target = next(i for i in range(booking.slots.count()) if "Mamadou" in booking.slots.item(i).text())
    booking.slots.setCurrentRow(target)
    moved = booking.book()
    assert moved is not None and moved.id == a.id and moved.counsellor_id == t.staff["mamadou"].id
    assert a.id not in {x.appointment.id for x in dialog.model.rows()}
    # 2. the call list: listed, marked ☎ in the grid, in the call list's notices
    row = next(i for i, x in enumerate(dialog.model.rows()) if x.appointment.id == b.id)
    _select(dialog.table, row)
    assert dialog.call_selected()
    assert t.services.impact.call_notices()[0].appointment.id == b.id
    day.reload()
    marks = {blk.appointment.id: blk.attention for blk in day.model.grid.blocks if blk.appointment}
    assert marks[b.id] == "call" and marks[c.id] == "todo"
    # 3. cancel (by the Mission Locale, the reason offered from the absence)
    row = next(i for i, x in enumerate(dialog.model.rows()) if x.appointment.id == c.id)
    _select(dialog.table, row)
    prompt.queue(1, "absence de Claire Lefèvre (congé)")  # "La Mission Locale", the reason offered
    assert dialog.cancel_selected()
    assert t.services.booking.get(c.id).status is Status.CANCELLED_BY_ML
    day.reload()
    assert not any(blk.attention == "todo" for blk in day.model.grid.blocks)


def test_a_closure_is_dealt_with_by_the_phone(desk):  # type: ignore[no-untyped-def]
    t, _window, core, settings = desk
    a = t.book("kevin", "2026-01-07 10:00")
    tab = settings.site
    tab.closure_from.setText("07/01/2026")
    tab.closure_reason.setText("travaux")
    assert tab.add_closure()
    dialog = core._impact
    assert [x.appointment.id for x in dialog.model.rows()] == [a.id]
    _select(dialog.table, 0)
    assert dialog.phone_btn.isEnabled()
    assert dialog.phone_selected() == 1
    stored = t.services.booking.get(a.id)
    assert stored.mode is Mode.PHONE and stored.room_id is None
    assert dialog.model.rowCount() == 0 and "Tout est traité" in dialog.intro.text()


def test_nothing_touched_says_so(desk):  # type: ignore[no-untyped-def]
    t, window, core, settings = desk
    _add_absence(settings, t, "08/01/2026", "08/01/2026", "formation")
    assert core._impact is None
    assert "aucun rendez-vous" in window.status.currentMessage()


def test_the_call_list_shows_who_to_tell_about_a_change(desk, qtbot):  # type: ignore[no-untyped-def]
    from mlplanner.ui.reception.call_list import CallListPage

    t, window, core, settings = desk
    t.book("jp", "2026-01-06 11:00")
    page = CallListPage(t.services, window.bus, lambda: window.actor, ops=window.ops)
    qtbot.addWidget(page)
    assert page.notices.isHidden()
    _add_absence(settings, t, "06/01/2026", "06/01/2026", "congé")
    _select(core._impact.table, 0)
    assert core._impact.call_selected()
    assert not page.notices.isHidden() and page.notices_model.rowCount() == 1
    assert "1 jeune(s) à appeler" in page.notices_label.text()
    assert page.notices_model.index(0, 3).data() == t.youths["jp"].phone
    # ticked once called: stays listed (the appointment is still to move), marked done
    page.notices.setCurrentIndex(page.notices_model.index(0, 0))
    page._toggle_notice()
    assert t.services.impact.call_notices()[0].called_by == window.actor.name
    assert "0 jeune(s) à appeler" in page.notices_label.text()


def test_a_new_holiday_calendar_over_appointments_lists_them_at_once(
    site: TestSite, core_window, qtbot, prompt
):  # type: ignore[no-untyped-def]
    """Moselle's calendar makes Good Friday a holiday: the appointment booked that day is listed to be
    dealt with (not only named in the confirmation), and marked in the grid."""
    window, core = core_window(site.services, site.admin)
    settings = SettingsPage(site.services, window.bus, lambda: window.actor, ops=window.ops)
    settings.attentionRequested.connect(window.attentionRequested)
    qtbot.addWidget(settings)
    friday = site.book("eloise", "2026-04-03 10:00")
    site.book("kevin", "2026-04-02 10:00")  # the day before: not a holiday anywhere
    tab = settings.site
    tab.refresh(force=True)
    tab.holidays.setCurrentIndex(tab.holidays.findData("57"))
    prompt.queue(True)
    assert tab.change_calendar()
    dialog = core._impact
    assert dialog is not None and dialog.isVisible()
    assert [x.appointment.id for x in dialog.model.rows()] == [friday.id]
    assert "jours fériés" in dialog.intro.text() and "1 rendez-vous" in dialog.intro.text()
    day = core.day
    day.set_day(date(2026, 4, 3))
    marks = {b.appointment.id: b.attention for b in day.model.grid.blocks if b.appointment}
    assert marks[friday.id] == "todo"


def test_the_call_list_reads_its_notices_once_when_first_shown(
    site: TestSite, core_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 19: at network size one read of the notices costs 0.5–0.9 s of CPU, and installing the call
    list read them twice (the page's own first refresh, then the installer's) before the day showed;
    now the page is built, and reads them once, when first shown."""
    from mlplanner.services.booking.impact import ImpactService
    from mlplanner.ui.reception.install import install

    reads: list[int] = []
    real = ImpactService.call_notices

    def counted(self: ImpactService) -> list:  # type: ignore[type-arg]
        reads.append(1)
        return real(self)

    monkeypatch.setattr(ImpactService, "call_notices", counted)
    window, _core = core_window(site.services, site.lead)
    install(window)
    assert reads == [] and not window.is_built("calls")
    calls = window.show_page("calls")
    assert len(reads) == 1
    assert calls.notices_label.text()  # type: ignore[attr-defined]  # the page shows its notices all the same
