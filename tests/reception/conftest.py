"""Fixtures of the reception tests (issue 18): a scripted prompt (no modal exec() ever) and a bus for the
GUI tests; the data fixtures (`site`, `demo`, `clock`) come from tests/conftest.py."""

from __future__ import annotations

import pytest

from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.prompt import ScriptedPrompt

# The offscreen platform warns on every shown or raised top-level window; it says nothing about our code.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/reception" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def prompt() -> ScriptedPrompt:
    return ScriptedPrompt()


@pytest.fixture
def bus(qapp) -> ChangeBus:  # type: ignore[no-untyped-def]
    return ChangeBus()
