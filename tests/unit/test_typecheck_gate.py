"""The type-checking gate of CI (`tools/typecheck.py`): errors outside the baselined packages fail it,
a baselined package may not go above its count, and the override that silences the baselined packages
for `uv run mypy` is what the gate removes (and nothing else)."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("typecheck_gate", ROOT / "tools" / "typecheck.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ left in tools/
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = before
    return module


UI_ERROR = "src/mlplanner/ui/dayview/view.py:12: error: Bad thing  [attr-defined]"
SERVICE_ERROR = "src/mlplanner/services/booking/rules.py:3: error: Bad thing  [arg-type]"
APP_ERROR = "src/mlplanner/app.py:7: error: Bad thing  [misc]"


def test_errors_outside_the_baselined_packages_fail() -> None:
    g = gate()
    ok, out = g.check(f"{SERVICE_ERROR}\nFound 1 error", {"ui": 3})
    assert not ok and SERVICE_ERROR in out
    ok, out = g.check(f"{APP_ERROR}\n", {"ui": 3})
    assert not ok and APP_ERROR in out


def test_a_baselined_package_may_not_go_above_its_count() -> None:
    g = gate()
    assert g.check(f"{UI_ERROR}\n{UI_ERROR}\n", {"ui": 2})[0]
    ok, out = g.check(f"{UI_ERROR}\n{UI_ERROR}\n{UI_ERROR}\n", {"ui": 2})
    assert not ok and any("above its baseline of 2" in line for line in out)
    ok, out = g.check(f"{UI_ERROR}\n", {"ui": 2})
    assert ok and any("lower it to 1" in line for line in out)


def test_only_the_override_of_the_baselined_packages_is_removed() -> None:
    g = gate()
    pyproject = {
        "tool": {
            "mypy": {
                "files": ["src/mlplanner"],
                "warn_unused_ignores": True,
                "overrides": [
                    {"module": ["mlplanner.ui", "mlplanner.ui.*"], "ignore_errors": True},
                    {"module": "mlplanner.vendored.*", "ignore_errors": True},
                ],
            }
        }
    }
    ini = g.config_without_ignores(pyproject, {"ui": 5})
    assert "[mypy]\nfiles = src/mlplanner\nwarn_unused_ignores = True\n" in ini
    assert "mlplanner.ui" not in ini
    assert "[mypy-mlplanner.vendored.*]\nignore_errors = True" in ini


def test_the_repository_overrides_match_its_baselines() -> None:
    """Every package with a baseline is silenced for `uv run mypy`, and nothing else is."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    baselines = pyproject["tool"]["mlplanner"]["typecheck"]["baselines"]
    silenced = {
        m
        for o in pyproject["tool"]["mypy"].get("overrides", [])
        if o.get("ignore_errors")
        for m in ([o["module"]] if isinstance(o["module"], str) else o["module"])
    }
    assert silenced == gate().baselined_modules(baselines)
