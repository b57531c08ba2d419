"""The "Going live" screenshot script stays runnable: every step of the README's section, at 1366×768."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "going_live_shots.py"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.slow
def test_the_going_live_pictures_are_made_and_each_is_in_the_readme(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("mlplanner_going_live_shots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 20
    readme = README.read_text(encoding="utf-8")
    for name in names:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1366, 768), name
        assert f"docs/screenshots/going-live/{name}" in readme, name
