"""PySide6's look at each imported module (does its source mention PySide6?) read from the file directly,
with the same answers as PySide6's own check (issue 19: ~0.1 s of the cold start)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from mlplanner.ui import pyside_check

feature = pytest.importorskip("shibokensupport.feature")


@pytest.fixture
def original(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """PySide6's own check, put back after the test."""
    check = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", check)
    return check


def test_imported_modules_are_checked_without_inspect_and_as_pyside_would(
    original, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert pyside_check.read_sources_directly()
    assert not pyside_check.read_sources_directly()  # once
    check = feature._mod_uses_pyside
    assert check is not original
    # the same answer as PySide6's for every module loaded here (files, packages, built-ins, extensions)
    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 300
    differ = [m.__name__ for m in modules if check(m) != original(m)]
    assert differ == []
    # a module imported now: noted, its source read without `inspect`
    (tmp_path / "mlp_uses_qt.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (tmp_path / "mlp_plain.py").write_text("# -*- coding: latin-1 -*-\nX = 'é'\n", encoding="latin-1")
    monkeypatch.syspath_prepend(str(tmp_path))

    def no_inspect(_obj: object) -> str:
        raise AssertionError("inspect.getsource called")

    monkeypatch.setattr(inspect, "getsource", no_inspect)
    for name in ("mlp_uses_qt", "mlp_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        __import__(name)  # an import statement (importlib.import_module skips PySide6's hook)
    assert feature.pyside_feature_dict["mlp_uses_qt"] == 0  # uses PySide: switched with the features
    assert feature.pyside_feature_dict["mlp_plain"] == -1  # ignored
    for name in ("mlp_uses_qt", "mlp_plain"):
        del feature.pyside_feature_dict[name]
        del sys.modules[name]
