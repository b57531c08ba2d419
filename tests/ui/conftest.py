"""Fixtures for the UI tests: a scripted prompt (no modal exec() ever), a bus, a main window factory.

Shared by every UI area; the data fixtures (`demo`, `site`, `clock`) come from `tests/conftest.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.core import Core, install_core
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import ScriptedPrompt

# The offscreen platform warns on every shown or raised top-level window; it says nothing about our code.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def prompt() -> ScriptedPrompt:
    return ScriptedPrompt()


@pytest.fixture
def bus(qapp) -> ChangeBus:  # type: ignore[no-untyped-def]
    return ChangeBus()


@pytest.fixture
def make_window(qtbot, bus: ChangeBus, prompt: ScriptedPrompt) -> Callable[[Services, Actor], MainWindow]:  # type: ignore[no-untyped-def]
    """`make_window(services, actor)`: a bare main window (no pages) registered with qtbot."""

    def make(services: Services, actor: Actor) -> MainWindow:
        window = MainWindow(services, actor, bus, prompt=prompt)
        qtbot.addWidget(window)
        return window

    return make


def _staff_actor(services: Services, role: Role, index: int = 0) -> Actor:
    s = [x for x in services.directory.staff(role=role) if x.can_log_in][index]
    return Actor(s.id, s.display_name, s.role)


@pytest.fixture
def staff_actor() -> Callable[..., Actor]:
    """`staff_actor(services, role, index=0)`: that member of the site as an Actor (demo PIN: 1234)."""
    return _staff_actor


@pytest.fixture
def core_window(make_window) -> Callable[..., tuple[MainWindow, Core]]:  # type: ignore[no-untyped-def]
    """`core_window(services, actor)`: a main window with the core pages (no live polling unless asked)."""

    def make(services: Services, actor: Actor, *, live_refresh: bool = False) -> tuple[MainWindow, Core]:
        window = make_window(services, actor)
        core = install_core(window, live_refresh=live_refresh)
        window.resize(1366, 768)
        return window, core

    return make


def _activate(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    widget.show()
    qtbot.waitExposed(widget)
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)


@pytest.fixture
def activate(qtbot) -> Callable[[object], None]:  # type: ignore[no-untyped-def]
    """`activate(widget)`: show it and make it the active window, so keyboard shortcuts reach it."""
    return lambda widget: _activate(qtbot, widget)


@pytest.fixture
def english(qapp, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """English installed for the test (compiled into a private folder), French restored after."""
    from mlplanner.ui import i18n

    monkeypatch.setattr(i18n, "app_data_dir", lambda: tmp_path)
    i18n.install(qapp, "en")
    try:
        yield
    finally:
        i18n.install(qapp, "fr")
