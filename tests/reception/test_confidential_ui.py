"""Confidential appointments on screen: the arrivals list, the day grid and its tooltip, Ma journée
(whose detail panel audits the opening), the youth file and the settings' type editor."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from mlplanner.storage.tables import AuditEntry
from mlplanner.ui.dayview.model import APPOINTMENT_ROLE, block_tooltip
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.main_window import MainWindow
from support import TestSite, paris_clock

DAY = date(2026, 1, 6)


@pytest.fixture
def health(site: TestSite) -> TestSite:
    site.services.directory.add_type(
        actor=site.admin, code="SANTE", label="Point santé (CPAM)", duration_min=30, confidential=True
    )
    site.book("eloise", "2026-01-06 10:00", type_code="SANTE", notes="suivi addictologie")
    site.clock.at = paris_clock(DAY, time(9, 0)).at
    return site


def _window(site: TestSite, actor, qtbot, bus, prompt):  # type: ignore[no-untyped-def]
    window = MainWindow(site.services, actor, bus, prompt=prompt)
    qtbot.addWidget(window)
    core = install_core(window, live_refresh=False)
    window.resize(1366, 768)
    return window, core


def _texts(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        str(model.index(r, c).data() or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def test_arrivals_show_the_counsellor_not_the_type(health, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window, core = _window(health, health.receptionist, qtbot, bus, prompt)
    window.show_page("arrivals")
    texts = _texts(core.arrivals.model)
    assert "Rendez-vous confidentiel" in texts and "Claire Lefèvre" in texts
    assert not any("santé" in t or "addicto" in t for t in texts)
    # the counsellor logs in at the same desk: the list follows who reads it
    window.set_actor(health.counsellor)
    assert "Point santé (CPAM) (confidentiel)" in _texts(core.arrivals.model)


def test_the_day_grid_hides_type_colour_and_notes_from_reception(health, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window, core = _window(health, health.receptionist, qtbot, bus, prompt)
    window.show_page("day")
    page = core.day
    page.set_day(DAY, force=True)
    model = page.model
    cells = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    (a,) = {
        i.data(APPOINTMENT_ROLE).id: i.data(APPOINTMENT_ROLE) for i in cells if i.data(APPOINTMENT_ROLE)
    }.values()
    assert a.redacted and a.colour == "#B8BCC2"
    texts = [str(i.data() or "") + str(i.data(0x0003) or "") for i in cells]  # display + tooltip
    assert any("Rendez-vous confidentiel" in t for t in texts)
    assert not any("santé" in t or "addicto" in t for t in texts)
    block = page.model.grid.find(a.id)
    assert block is not None and "addicto" not in block_tooltip(block)


def test_my_day_opens_it_for_the_counsellor_and_audits_the_opening(health, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    window, core = _window(health, health.counsellor, qtbot, bus, prompt)
    window.show_page("my_day")
    page = core.my_day
    # the list does not show the note of a confidential appointment; the detail panel does
    assert not any("addicto" in t for t in _texts(page.model))
    page.table.setCurrentIndex(page.model.index(0, 2))
    assert "Point santé" in page.detail.text() and page.note.toPlainText() == "suivi addictologie"
    page.reload()
    page.reload()  # live refreshes re-select it: no second audit entry, and no write at each refresh
    with health.services.ctx.read() as s:
        opened = list(s.exec(select(AuditEntry).where(AuditEntry.action == "open_confidential")).scalars())
    assert [e.actor_name for e in opened] == ["Claire Lefèvre"]


def test_a_colleague_picking_the_counsellor_in_my_day_sees_nothing_confidential(
    health, qtbot, bus, prompt
) -> None:  # type: ignore[no-untyped-def]
    window, core = _window(health, health.receptionist, qtbot, bus, prompt)
    window.show_page("my_day")
    page = core.my_day
    page.who.setCurrentIndex(page.who.findData(health.staff["claire"].id))
    page.table.setCurrentIndex(page.model.index(0, 2))
    assert "Rendez-vous confidentiel" in page.detail.text()
    assert "santé" not in page.detail.text() and page.note.toPlainText() == ""
    with health.services.ctx.read() as s:
        assert not list(s.exec(select(AuditEntry).where(AuditEntry.action == "open_confidential")).scalars())


def test_the_type_editor_marks_a_type_confidential(site: TestSite, qtbot, bus, prompt) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.ui.settings.types_tab import TypesTab

    window = MainWindow(site.services, site.admin, bus, prompt=prompt)
    qtbot.addWidget(window)
    tab = TypesTab(site.services, lambda: site.admin, window.ops)
    qtbot.addWidget(tab)
    tab.refresh(force=True)
    row = next(i for i, t in enumerate(tab.model.rows()) if t.code == "TEL")
    tab.table.selectRow(row)
    tab.confidential.setChecked(True)
    tab.save_button.click()
    assert next(t for t in site.services.directory.types() if t.code == "TEL").confidential
