"""Tests never write outside their temporary folders: no test file names the system's temporary
folder ("/tmp", `tempfile.gettempdir()`) in a call that writes (tests/ui/test_sync_ui.py saved a
screenshot to /tmp/sync_page.png on every run). They write in `tmp_path` (or a folder the person
running them names, such as MLPLANNER_SHOTS)."""

from __future__ import annotations

import ast
import os
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
WRITERS = {"save", "write_text", "write_bytes", "open", "mkdir", "touch", "copy", "copyfile", "mkdtemp"}


def _names_system_temp(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value.startswith("/tmp"):
            return True
        if isinstance(sub, ast.Call) and ast.unparse(sub.func).endswith("gettempdir"):
            return True
    return False


def test_no_test_writes_into_the_system_temp_folder() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ast.unparse(node.func)
            if name in WRITERS and _names_system_temp(node):
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}: {ast.unparse(node)[:90]}")
    assert found == []


def test_hypothesis_keeps_its_files_in_the_session_folder() -> None:
    """Hypothesis writes its example database and caches under its home folder, by default
    `.hypothesis/` in the working folder (the repository): the test session points it elsewhere."""
    from hypothesis.configuration import storage_directory

    home = storage_directory("examples", intent_to_write=False).home_directory.resolve()
    assert not home.is_relative_to(TESTS.parent)
    assert home.is_relative_to(Path(os.environ["XDG_DATA_HOME"]).parent)
