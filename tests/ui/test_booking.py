"""The booking dialog beyond the happy path: creating a youth inline (with the duplicate warning), the
referent first, a missing youth, and undo/redo of a booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from mlplanner.domain.enums import Role, Status
from mlplanner.ui.shell.undo import UNDO_REASON


@pytest.fixture
def dialog(demo, core_window, staff_actor):  # type: ignore[no-untyped-def]
    demo.ctx.clock.advance(timedelta(hours=1))
    window, core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.bookingRequested.emit({})
    return window, core.booking


def test_create_a_youth_inline_with_the_duplicate_warning(demo, dialog, qtbot):
    _window, d = dialog
    known = next(y for y in demo.youths.search("ma", limit=20) if y.birth_date)
    picker = d.picker
    qtbot.keyClicks(picker.search, "zzzz")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # no match: Enter opens the creation form
    assert picker.form.isVisibleTo(picker)
    picker.last_name.setText(known.last_name)
    picker.first_name.setText(known.first_name)
    picker.birth.setText(known.birth_date.strftime("%d/%m/%Y"))
    assert picker.create(confirm_duplicate=False) is None
    assert "existe probablement déjà" in picker.form_error.text()
    assert picker.force_btn.isVisibleTo(picker)
    assert picker.results_model.row_at(0).id == known.id  # the existing record, one Enter away
    before = len(demo.youths.search(f"{known.last_name} {known.first_name}", limit=50))
    created = picker.create(confirm_duplicate=True)
    assert created is not None and created.id != known.id
    assert len(demo.youths.search(f"{known.last_name} {known.first_name}", limit=50)) == before + 1
    assert d.youth == created  # chosen for the booking


def test_bad_birth_date_is_explained(dialog):
    _window, d = dialog
    d.picker.show_form()
    d.picker.last_name.setText("Nouveau")
    d.picker.first_name.setText("Jeune")
    d.picker.birth.setText("31/02/2005")
    assert d.picker.create(confirm_duplicate=False) is None
    assert "31/02/2005" in d.picker.form_error.text()


def test_referent_first_and_a_missing_youth(demo, dialog):
    _window, d = dialog
    assert d.book() is None
    assert "Choisissez d'abord le jeune" in d.error.text()
    youth = next(y for y in demo.youths.search("a", limit=50) if y.referent_id)
    d.picker.set_youth(youth)
    assert d.who_box.itemData(1) == youth.referent_id
    assert d.who_box.itemText(1).endswith("référent(e)")


def test_undo_cancels_the_booking_and_redo_restores_it(demo, dialog):
    window, d = dialog
    youth = demo.youths.search("ma", limit=1)[0]
    d.picker.set_youth(youth)
    d.slots.setCurrentRow(0)
    booked = d.book()
    assert booked is not None and window.undo_stack.count() == 1
    assert window.undo_stack.undoText().startswith(f"rendez-vous de {youth.display_name}")
    assert window.undo()  # Ctrl+Z says what it undid, whole
    undone = demo.booking.get(booked.id)
    assert undone.status is Status.CANCELLED_BY_ML and undone.cancel_reason == UNDO_REASON
    said = window.status.currentMessage()
    assert said.startswith(f"Annulé : rendez-vous de {youth.display_name} le {booked.start:%d/%m}")
    assert said.endswith(f"à {booked.start:%H:%M}.")
    assert window.redo()
    assert demo.booking.get(booked.id).status is Status.BOOKED
    assert window.status.currentMessage().startswith(f"Rétabli : rendez-vous de {youth.display_name}")


def test_a_refused_undo_says_why_and_leaves_the_history(demo, dialog, prompt):
    window, d = dialog
    youth = demo.youths.search("ma", limit=1)[0]
    d.picker.set_youth(youth)
    d.slots.setCurrentRow(0)
    booked = d.book()
    window.undo_stack.undo()  # cancelled
    # meanwhile someone else takes the slot back for another youth
    other = next(y for y in demo.youths.search("be", limit=20) if y.id != youth.id)
    demo.booking.book(
        actor=window.actor,
        youth_id=other.id,
        type_code=booked.type_code,
        start=booked.start,
        counsellor=booked.counsellor_id,
        room=booked.room_id,
    )
    window.undo_stack.redo()
    assert demo.booking.get(booked.id).status is Status.CANCELLED_BY_ML
    assert prompt.errors  # the French reason was shown
    assert window.undo_stack.count() == 0  # the stale command was dropped


def test_the_dialog_reopens_on_every_counsellor_referent_first(demo, dialog):
    window, d = dialog
    youth = next(y for y in demo.youths.search("ma", limit=30) if y.referent_id)
    d.picker.set_youth(youth)
    someone = next(i for i in range(1, d.who_box.count()) if d.who_box.itemData(i) != youth.referent_id)
    d.who_box.setCurrentIndex(someone)
    d.refresh_slots()
    assert d.book() is not None
    window.bookingRequested.emit({})  # Ctrl+N again, for the next young person
    assert d.who_box.currentIndex() == 0 and d.who_box.currentData() == ""
    assert d.who_box.currentText() == "Tous (le référent d'abord)"


def test_a_refusal_goes_once_the_request_changes(demo, dialog):
    _window, d = dialog
    assert d.book() is None  # no youth yet
    assert d.error.isVisibleTo(d)
    d.type_box.setCurrentIndex((d.type_box.currentIndex() + 1) % d.type_box.count())
    assert not d.error.isVisibleTo(d)
    assert d.book() is None
    assert d.error.isVisibleTo(d)
    d.slots.setCurrentRow(min(1, d.slots.count() - 1) if d.slots.count() > 1 else 0)
    d.who_box.setCurrentIndex(1)
    assert not d.error.isVisibleTo(d)


def test_the_search_says_how_many_match_not_how_many_are_shown(demo, dialog, qtbot):
    _window, d = dialog
    everyone = demo.youths.matches("ma", limit=500)
    assert everyone.total == len(everyone.youths) > 12  # the demo has many "ma…"
    qtbot.keyClicks(d.picker.search, "ma")
    d.picker.run_search()
    assert d.picker.results_model.rowCount() == 12
    hint = d.picker.hint.text()
    assert f"{everyone.total} jeunes trouvés" in hint and "12 premiers" in hint
    first = everyone.youths[0]
    d.picker.search.setText(f"{first.last_name} {first.first_name}")
    d.picker.run_search()
    exact = demo.youths.matches(f"{first.last_name} {first.first_name}", limit=12)
    assert d.picker.hint.text().startswith(
        "1 jeune trouvé" if exact.total == 1 else f"{exact.total} jeunes trouvés"
    )


def test_a_site_alone_shows_no_site_row(dialog) -> None:  # type: ignore[no-untyped-def]
    """The demo is one site: neither the site list (issue 18) nor its label (a real window showed
    "Site :" alone, with nothing beside it)."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    window, booking = dialog
    window.show()
    d = booking
    assert d.site_box.count() == 1 and not d.site_box.isVisible()
    labels = [w for w in d.findChildren(QLabel) if w.buddy() is d.site_box]
    assert labels and not any(w.isVisible() for w in labels)
    forms = [f for f in d.findChildren(QFormLayout) if f.indexOf(d.site_box) >= 0]
    assert [f.isRowVisible(d.site_box) for f in forms] == [False]
