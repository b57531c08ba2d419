"""Booking at another site from the desk: the booking dialog's site list, the proposals marked with the
site, a request sent (never booked here), its answer on the requests page after the syncs, and the slip
only once confirmed."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.ui.reception.install import install
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.announce import announcer

from .network import build_network

TUESDAY = date(2026, 1, 6)


@pytest.fixture
def desk(tmp_path, clock, qtbot, bus, prompt):  # type: ignore[no-untyped-def]
    nodes, folder = build_network(tmp_path, clock)
    a = nodes[0]
    window = MainWindow(a.services, a.actor("karima"), bus, prompt=prompt)
    qtbot.addWidget(window)
    core = install_core(window, live_refresh=False)
    install(window)
    window.resize(1366, 768)
    yield nodes, folder, window, core
    for n in nodes:
        n.services.close()


def test_book_at_another_site_from_the_dialog(desk, qtbot) -> None:  # type: ignore[no-untyped-def]
    (a, b), folder, window, core = desk
    dialog = core.open_booking({"youth_id": a.youths["eloise"].id})
    sites = [dialog.site_box.itemData(i) for i in range(dialog.site_box.count())]
    assert sites == ["TEST01", "TEST02", "all"] and dialog.site_box.isVisible()
    assert dialog.site_box.itemText(1).endswith("(sur demande)")  # folder sync: a request, said before
    dialog.site_box.setCurrentIndex(1)
    assert dialog.book_btn.text() == "&Envoyer la demande"
    assert not dialog.who_box.isEnabled()  # Belleville's counsellors are in the proposals
    dialog.refresh_slots()
    first = dialog.slots.item(0).text()
    assert first.startswith("[TEST02]") and "Inès Garnier" in first
    dialog.slots.setCurrentRow(0)
    assert dialog.book() is None  # nothing booked here: a request
    (req,) = a.services.requests.sent()
    assert req.state == "pending" and req.to_site == "TEST02"
    assert "en attente de confirmation" in window.status.currentMessage()
    assert "en attente de confirmation" in announcer(window).history[-1]
    page = window.show_page("requests")
    assert "en attente" in page.model.index(0, 4).data()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert not page.slip_btn.isEnabled()  # no slip before the confirmation
    a.sync(folder)
    b.sync(folder)
    a.sync(folder)
    window.bus.publish_external()  # what live refresh does once the sync has written
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.model.index(0, 4).data() == "✓ confirmé"
    assert "confirmé" in announcer(window).history[-1]
    assert page.slip_btn.isEnabled()
    with qtbot.waitSignal(window.printRequested) as printed:
        assert page.print_slip()
    kind, params = printed.args
    assert kind == "slip" and params["appointment_id"] == a.services.requests.get(req.id).appointment_id
