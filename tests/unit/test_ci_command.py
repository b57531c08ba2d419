"""`.ci/run` runs exactly the README's test command (the brief's "two commands"), in parallel."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"# 2\. install and run the whole test suite[^\n]*\n(?P<cmd>[^\n]+)\n", text)
    assert m is not None, "the README's second command is gone"
    return m.group("cmd").strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = readme_test_command()
    assert "uv run pytest" in command and "-n auto" in command.split("uv run pytest", 1)[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line.strip() == command], ".ci/run must run: " + command
