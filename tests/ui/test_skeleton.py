"""The plug-in contract of the main window, the bus and the operations helper."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.models import Changes
from mlplanner.services.context import Actor
from mlplanner.ui.shell.bus import concerns


def _receptionist(services):
    staff = services.directory.staff(role=Role.RECEPTIONIST)[0]
    return Actor(staff.id, staff.display_name, staff.role)


def test_pages_and_menus_plug_in(demo, make_window, qtbot):
    window = make_window(demo, _receptionist(demo))
    window.add_page("a", "Page A", QLabel("A"), shortcut="Ctrl+1")
    window.add_page("b", "Page B", QLabel("B"), shortcut="Ctrl+2")
    action = QAction("Exporter", window)
    window.add_menu_action("Outils", action)
    window.add_menu_action("Aide", QAction("À propos", window))
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Fichier", "Édition", "Affichage", "Outils", "Aide"]
    window.show()
    assert window.current_page_key() == "a"
    window.show_page("b")
    assert window.current_page_key() == "b"
    assert "Haddou" in window.windowTitle()


def test_operation_publishes_changes_and_shows_refusal(demo, make_window, prompt, qtbot):
    window = make_window(demo, _receptionist(demo))
    appt = next(a for a in demo.booking.day(demo.ctx.clock.now_utc().date()) if a.status is Status.BOOKED)
    with qtbot.waitSignal(window.bus.changed) as sig:
        outcome = window.ops.run(
            lambda: demo.appointments.cancel(actor=window.actor, appointment_id=appt.id, by_youth=True)
        )
    assert outcome and concerns(sig.args[0], "appointments")
    assert demo.booking.get(appt.id).status is Status.CANCELLED_BY_YOUTH
    refused = window.ops.run(
        lambda: demo.appointments.cancel(actor=window.actor, appointment_id=appt.id, by_youth=False)
    )
    assert not refused and prompt.errors == [refused.error.message]
    assert "motif" in prompt.errors[0]


def test_background_work_reports_progress_and_result(demo, make_window, qtbot):
    window = make_window(demo, _receptionist(demo))
    results: list[int] = []
    with qtbot.waitSignal(window.ops.busyChanged, check_params_cb=lambda busy, _l: not busy):
        window.ops.background(
            lambda progress: (progress(1, 2, "moitié"), 42)[1],
            label="Calcul",
            on_done=results.append,
        )
    assert results == [42]
    assert not window.ops.busy


def test_bus_ignores_empty_changes(bus, qtbot):
    with qtbot.assertNotEmitted(bus.changed):
        bus.publish(Changes())
