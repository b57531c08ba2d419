"""`Changes` kinds are a closed, typed set (`Change`): every kind a service emits is one the UI's bus
knows, and the live refresh (another workstation wrote to the file) announces all of them, reminder-call
ticks included (they were emitted as "calls" but missing from the bus's list, so another desk's call
list never refreshed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mlplanner.domain.models import Change, Changes

SRC = Path(__file__).resolve().parents[2] / "src" / "mlplanner"


def test_an_unknown_kind_is_refused() -> None:
    assert Changes.of("appointments", Change.CALLS).kinds == {Change.APPOINTMENTS, Change.CALLS}
    with pytest.raises(ValueError):
        Changes.of("appointment")  # a typo used to make a change no view ever saw


def test_everything_names_every_kind_calls_included() -> None:
    assert Changes.everything().kinds == frozenset(Change)
    assert Change.CALLS in Changes.everything().kinds


def test_every_kind_written_in_the_code_is_a_change() -> None:
    """The literal kinds of `Changes.of(...)` and of the views' `concerns(...)` calls."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name == "Changes.of" or name.endswith("concerns"):
                found |= {
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                }
    assert found and found <= {c.value for c in Change}, found - {c.value for c in Change}
