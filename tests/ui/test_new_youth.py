"""A young person who is not known yet: the name typed is split as people type it, and a new record
comes for a first reception, not a follow-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from mlplanner.domain.enums import Role
from mlplanner.ui.youths.picker import split_typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Mehdi Kaddouri", ("Kaddouri", "Mehdi", "", "")),
        ("DUPONT Marie", ("DUPONT", "Marie", "", "")),
        ("Marie DUPONT", ("DUPONT", "Marie", "", "")),
        ("Jean Pierre Martin", ("Martin", "Jean Pierre", "", "")),
        ("Marie de la Cruz", ("de la Cruz", "Marie", "", "")),
        ("N'DIAYE Aïssatou", ("N'DIAYE", "Aïssatou", "", "")),
        ("Kaddouri", ("Kaddouri", "", "", "")),
        ("Mehdi Kaddouri 06 12 34 56 78", ("Kaddouri", "Mehdi", "", "06 12 34 56 78")),
        ("Mehdi Kaddouri 0612345678 03/04/2006", ("Kaddouri", "Mehdi", "03/04/2006", "0612345678")),
    ],
)
def test_split_typed(typed, expected):
    assert split_typed(typed)[:3] == expected[:3]
    if expected[3]:
        assert split_typed(typed)[3] == expected[3]


@pytest.fixture
def at_ten(demo):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=2))
    return demo


@pytest.mark.parametrize("where", ["walk_in", "booking"])
def test_a_new_young_person_comes_for_a_first_reception(where, at_ten, core_window, staff_actor, qtbot):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    if where == "walk_in":
        core.arrivals.open_walk_in()
        panel = core.arrivals.walk_in
    else:
        window.bookingRequested.emit({})
        panel = core.booking
    picker = panel.picker
    assert panel.type_box.currentData() == "SUIVI"
    qtbot.keyClicks(picker.search, "Mehdi Kaddouri")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # nobody: Enter opens the form
    assert picker.form.isVisibleTo(picker)
    assert (picker.last_name.text(), picker.first_name.text()) == ("Kaddouri", "Mehdi")
    picker.birth.setText("03/04/2006")
    created = picker.create(confirm_duplicate=False)
    assert created is not None and (created.last_name, created.first_name) == ("Kaddouri", "Mehdi")
    assert panel.type_box.currentData() == "ACC"  # "Premier accueil"


def test_swap_exchanges_the_two_names(at_ten, core_window, staff_actor, qtbot):
    demo = at_ten
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.bookingRequested.emit({})
    picker = core.booking.picker
    picker.search.setText("Kaddouri Mehdi")
    picker.show_form()
    picker.swap_btn.click()
    assert (picker.last_name.text(), picker.first_name.text()) == ("Kaddouri", "Mehdi")
