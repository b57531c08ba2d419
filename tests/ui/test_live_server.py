"""A workstation on a server that stops answering: it says so plainly, keeps what is on screen, refuses
changes (nothing half-sent), and once the server is back it reconnects by itself and refreshes.

A cluster of its own (stopped and started again by the test), not the session's shared one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import StorageError
from mlplanner.services.container import Services
from mlplanner.storage.pg_local import LocalCluster, start_cluster
from support import CLOCK_START, build_test_site, wall


@pytest.fixture
def own_server() -> Iterator[LocalCluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.mark.slow
def test_a_lost_server_freezes_the_window_then_it_comes_back_by_itself(
    own_server: LocalCluster,
    core_window: Callable,
    qtbot,
    prompt,  # type: ignore[no-untyped-def]
) -> None:
    own_server.psql("CREATE DATABASE site")
    clock = FixedClock(CLOCK_START)
    services = Services.open(own_server.url("site"), clock, create=True)
    built = build_test_site(services, clock)
    built.book("kevin", "2026-01-06 10:00")
    window, core = core_window(services, built.receptionist, live_refresh=True)
    window.show()
    page = core.day
    page.set_day(wall("2026-01-06 10:00").date())
    qtbot.waitUntil(lambda: len(page.model.grid.blocks) == 1, timeout=5000)
    assert not window.offline_banner.isVisible()

    own_server.pg_ctl("stop", "-m", "fast")
    qtbot.waitUntil(window.offline_banner.isVisible, timeout=10_000)
    assert "Serveur injoignable" in window.offline_banner.text()
    assert "aucune modification" in window.offline_banner.text()
    assert "Serveur injoignable" in window.status.live_label.text()
    assert len(page.model.grid.blocks) == 1  # what was on screen is still there
    refused = window.ops.run(lambda: built.book("eloise", "2026-01-06 11:00"))
    assert not refused and refused.error is not None and refused.error.code == "db_unreachable"
    assert "rien n'a été modifié" in prompt.errors[-1]
    shown, title = page.day, page.title.text()
    with pytest.raises(StorageError):  # the next day cannot be read: the page still says what it shows
        page.set_day(shown + timedelta(days=1))
    assert (page.day, page.title.text(), page.date_edit.date().toPython()) == (shown, title, shown)
    assert len(page.model.grid.blocks) == 1

    own_server.start_server()
    qtbot.waitUntil(lambda: not window.offline_banner.isVisible(), timeout=15_000)
    assert window.status.live_label.text() == ""
    booked = window.ops.run(lambda: built.book("eloise", "2026-01-06 11:00"))  # the pool reconnects
    assert booked, booked.error
    qtbot.waitUntil(lambda: len(page.model.grid.blocks) == 2, timeout=5000)
    core.live.stop()
    services.close()


def test_a_base_gone_during_a_slot_is_a_database_message_not_an_unexpected_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A page that reads the base while it is gone (the server stopped, the share dropped) lets a
    StorageError escape its slot: the user reads its French sentence under « Base de données »."""
    from mlplanner.domain.errors import StorageError
    from mlplanner.ui.shell import errors
    from mlplanner.ui.shell.prompt import ScriptedPrompt

    prompt = ScriptedPrompt()
    monkeypatch.setitem(errors._state, "prompt", prompt)
    gone = StorageError("db_unreachable", "Le serveur de base de données est injoignable.")
    errors.report_unexpected(StorageError, gone, None)
    assert prompt.errors == ["Le serveur de base de données est injoignable."]
    assert prompt.error_titles == ["Base de données"]
    errors.report_unexpected(ValueError, ValueError("bug"), None)
    assert prompt.error_titles[-1] == "Erreur inattendue" and "inattendue" in prompt.errors[-1]
