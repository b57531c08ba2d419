"""Fixtures of the printing wiring tests: the demo site's file (the `demo` fixture comes from
tests/conftest.py), the CLI run in-process on it, a workshop session with registered youths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.services.container import Services

from .helpers import Workshop, make_workshop

OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "printing_service" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def demo_db(demo: Services) -> Path | str:
    """The demo base: a file, or a server URL (what `--db` takes)."""
    return demo.ctx.db.location


@pytest.fixture
def cli(
    demo_db: Path | str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """`cli("print", "day", ...)`: run the CLI in-process on the demo file → (exit code, stdout, stderr).
    `--as` proves who acts with the demo's PIN (README, "CLI")."""
    monkeypatch.setenv("MLPLANNER_PIN", "1234")

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main([*args, "--db", str(demo_db)])
        except SystemExit as exc:  # argparse refusing an argument
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def workshop(demo: Services) -> Workshop:
    return make_workshop(demo, participants=11)
