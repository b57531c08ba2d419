"""Fixtures for the UI tests: a scripted prompt (no modal exec() ever), a bus, a main window factory.

Shared by every UI area; the data fixtures (`demo`, `site`, `clock`) come from `tests/conftest.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.bus import ChangeBus
from mlplanner.ui.main_window import MainWindow
from mlplanner.ui.prompt import ScriptedPrompt

# The offscreen platform warns on every shown top-level window; it says nothing about our code.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


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
