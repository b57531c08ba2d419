"""The screenshot script stays runnable: a couple of shots, at the size the README promises."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "screenshots.py"


@pytest.mark.slow
def test_screenshot_script_writes_pngs_at_1366x768(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("mlplanner_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    uuid4 = uuid.uuid4
    assert module.main(["--out", str(tmp_path), "--only", "calls", "booking", "--youths", "300"]) == 0
    assert uuid.uuid4 is uuid4  # the seeded ids were for the script's demo only
    for name in ("calls", "booking"):
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1366, 768)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booking.png", "calls.png"]
