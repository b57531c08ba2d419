"""The network in the app: a running site opening the network's folder for the first time sees what will be
sent and received before anything is exchanged; a site lead accepts a join request once, for all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.directory.setup import NewSite
from mlplanner.services.sync.settings import SyncSettingsService
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.sync.install import SyncUi, install_sync_ui

T0 = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def new_site(path: Path, code: str) -> Services:
    sv = Services.open(path, clock=FixedClock(T0))
    sv.site_setup.create(
        NewSite(
            code=code, name=f"Site {code}", organisation="Mission Locale", timezone="Europe/Paris",
            holidays="59", admin_first_name="Awa", admin_last_name="Diop", admin_pin="482915",
        )
    )  # fmt: skip
    return sv


def admin(sv: Services) -> Actor:
    (a,) = sv.directory.staff(role=Role.ADMIN)
    return Actor(a.id, a.display_name, Role.ADMIN)


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Services, Services, Path]]:
    share = tmp_path / "partage"
    share.mkdir()
    a, b = new_site(tmp_path / "a.sqlite3", "NORD"), new_site(tmp_path / "b.sqlite3", "SUD")
    a.network.sync(folder=share, actor=admin(a))  # NORD founds the network
    b.youths.add(actor=admin(b), draft=YouthDraft(first_name="Noé", last_name="Petit"))
    yield a, b, share
    a.close()
    b.close()


@pytest.fixture
def ui_of(
    qtbot, make_window, prompt: ScriptedPrompt
) -> Iterator[Callable[[Services], tuple[MainWindow, SyncUi]]]:  # type: ignore[no-untyped-def]
    made: list[SyncUi] = []

    def make(sv: Services) -> tuple[MainWindow, SyncUi]:
        window = make_window(sv, admin(sv))
        ui = install_sync_ui(
            window, sv, window.bus, lambda: window.actor, choosers=ScriptedChoosers(), environ={}
        )
        made.append(ui)
        return window, ui

    yield make
    for ui in made:
        ui.controller.shutdown()


def test_the_first_sync_shows_what_will_be_sent_and_received(
    qtbot, sites, ui_of, prompt: ScriptedPrompt
) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = sites
    _window, ui = ui_of(b)
    SyncSettingsService(b.ctx).update(actor=SYSTEM_ACTOR, folder=share)
    ui.controller.reload_settings()
    assert not ui.controller.sync_now(manual=False)  # no automatic first sync
    assert "Première synchronisation" in ui.controller.last_error
    assert b.network.first_time() and not (share / "SUD").exists()
    prompt.queue(False)  # the site lead reads the preview and says no
    ui.controller.sync_now()
    qtbot.waitUntil(lambda: bool(prompt.asked), timeout=30000)
    text = prompt.asked[-1]
    assert "Réseau réel fondé par NORD" in text and "À envoyer" in text and "jeunes : 1" in text
    assert "À recevoir de NORD : 1 lot(s)" in text and "sera appliqué" in text
    assert "Ce site n'est pas encore accepté" in text
    qtbot.waitUntil(lambda: not ui.controller.running, timeout=30000)
    assert b.network.first_time() and not (share / "SUD").exists()  # a "no" exchanges nothing
    prompt.queue(True)
    with qtbot.waitSignal(ui.controller.finished, timeout=60000):
        ui.controller.sync_now()
    assert not b.network.first_time() and (share / "SUD" / "site.json").exists()
    assert b.directory.site().code == "SUD" and {r.name for r in b.directory.rooms()} == {
        "Bureau 1",
        "Bureau 2",
        "Bureau 3",
        "Salle d'atelier",
    }  # its own rooms only: NORD's arrive in the file but stay NORD's
    assert ui.controller.sync_now(manual=False) or ui.controller.running  # automatic syncs resume


def test_a_site_lead_accepts_a_request_once_for_every_site(qtbot, sites, ui_of, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, share = sites
    assert b.network.standing() == "alone" and a.network.standing() == "accepted"  # NORD founded it
    b.network.sync(folder=share, actor=admin(b))  # SUD asks to join (its card), its sets wait
    assert b.network.standing() == "waiting"
    _b_window, b_ui = ui_of(b)
    b_ui.page.refresh()
    mine = next(
        b_ui.page.peers.row_at(i)
        for i in range(b_ui.page.peers.rowCount())
        if b_ui.page.peers.row_at(i).code == "SUD"
    )
    assert mine.state == "self_waiting"  # found in a real window: a waiting site read only "ce site"
    _window, ui = ui_of(a)
    SyncSettingsService(a.ctx).update(actor=SYSTEM_ACTOR, folder=share)
    ui.controller.reload_settings()
    with qtbot.waitSignal(ui.controller.finished, timeout=60000) as done:
        ui.controller.sync_now()
    assert done.args[0].ok  # a request is not a refusal
    page = ui.page
    page.refresh()
    rows = {page.peers.row_at(i).code: page.peers.row_at(i) for i in range(page.peers.rowCount())}
    assert rows["SUD"].state == "pending" and rows["NORD"].state == "self"
    page.peers_view.selectRow(list(rows).index("SUD"))
    page.accept_selected()
    assert "SUD" in a.network.members()
    with qtbot.waitSignal(ui.controller.finished, timeout=60000) as done:
        ui.controller.sync_now()
    assert any(site == "SUD" for site, _seq, _rows in done.args[0].applied)
    b.network.sync(folder=share, actor=admin(b))  # SUD receives its acceptance
    assert b.network.standing() == "accepted"
    assert [y.last_name for y in a.youths.search("petit")] == ["Petit"]
    # a third site that joins later trusts SUD without anyone listing it there
    c = Services.open(tmp_path / "c.sqlite3", clock=FixedClock(T0))
    try:
        c.network.join(folder=share, code="EST", name="Site EST")
        assert set(c.network.members()) >= {"NORD", "SUD"}
        assert [y.last_name for y in c.youths.search("petit")] == ["Petit"]
    finally:
        c.close()
