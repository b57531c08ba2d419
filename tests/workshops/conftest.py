"""Workshop tests: the offscreen platform's warning on shown windows says nothing about our code."""

from __future__ import annotations

import pytest

OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/workshops" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
