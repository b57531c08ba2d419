"""Feedback that is whole, stays long enough and is true: the message line, undo saying what it undid."""

from __future__ import annotations

from datetime import timedelta

from mlplanner.domain.enums import Role, Status
from mlplanner.ui.shell.feedback import MIN_MS, duration_ms


def test_a_long_confirmation_is_shown_whole_and_long_enough(demo, core_window, staff_actor, qtbot):
    window, _core = core_window(demo, staff_actor(demo, Role.RECEPTIONIST))
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    text = (
        "Rendez-vous pris : CARPENTIER-LEFEBVRE Marie-Élodie, jeu. 03/12 à 14:30 avec Élodie Carpentier, "
        "Bureau 2 (accessible)."
    )
    window.status.showMessage(text, 5000)
    bar = window.feedback
    assert bar.isVisible() and window.status.currentMessage() == text
    assert bar.label.wordWrap()
    # the whole text fits in the label: nothing cut at the window's width
    assert bar.label.heightForWidth(bar.label.width()) <= bar.label.height() + 1
    assert bar.remaining_ms() > 5000  # longer than the 5 s asked: a reading time for that length
    assert duration_ms(text, 5000) >= MIN_MS
    # a message read while the pointer rests on it does not go
    bar._hovered = True
    bar._expire()
    assert bar.isVisible()
    bar._hovered = False
    bar._expire()
    assert not bar.isVisible() and window.status.currentMessage() == ""
    assert bar.history[0][1] == text  # still readable in the list of recent messages


def test_undo_of_an_outcome_says_what_it_undid(demo, core_window, staff_actor):
    demo.ctx.clock.advance(timedelta(hours=2))
    counsellor = staff_actor(demo, Role.COUNSELLOR)
    window, core = core_window(demo, counsellor)
    page = core.my_day
    page.toggle_mode()
    a = page.model.row_at(0)
    page.table.setCurrentIndex(page.model.index(0, 2))
    assert page.record(Status.SEEN)
    assert window.undo()
    assert window.status.currentMessage() == f"Annulé : « reçu » pour {a.youth_name}."
    assert demo.booking.get(a.id).status is a.status
