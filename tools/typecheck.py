"""The type-checking gate of `.ci/run`: mypy finds no error, except in the packages that still have some
from before the gate, and those have no more than their recorded baseline, which only goes down.

`uv run mypy` checks every package but those (a per-module override in pyproject.toml ignores their
errors); this script runs mypy with that override removed and counts each one's errors against
`[tool.mlplanner.typecheck.baselines]`.

    uv run python tools/typecheck.py            # the gate (exit 1 when it fails)
    uv run python tools/typecheck.py --list     # also print the baselined packages' errors
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from mypy import api

ROOT = Path(__file__).resolve().parent.parent
ERROR = re.compile(r"^(?P<path>[^:]+):\d+: error: ")


def _ini_value(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def baselined_modules(baselines: dict[str, int]) -> set[str]:
    return {m for name in baselines for m in (f"mlplanner.{name}", f"mlplanner.{name}.*")}


def config_without_ignores(pyproject: dict[str, Any], baselines: dict[str, int]) -> str:
    """pyproject's mypy settings as a mypy.ini text, without the override that silences the baselined
    packages (an override that silences anything else is kept: it is a decision, not a baseline)."""
    mypy = dict(pyproject["tool"]["mypy"])
    overrides = mypy.pop("overrides", [])
    lines = ["[mypy]"] + [f"{k} = {_ini_value(v)}" for k, v in mypy.items()]
    baselined = baselined_modules(baselines)
    for override in overrides:
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        settings = {k: v for k, v in override.items() if k != "module"}
        if set(modules) <= baselined:
            settings.pop("ignore_errors", None)
        if settings:
            lines.append(f"[mypy-{','.join(modules)}]")
            lines += [f"{k} = {_ini_value(v)}" for k, v in settings.items()]
    return "\n".join(lines) + "\n"


def package_of(line: str, baselines: dict[str, int]) -> str | None:
    """The baselined package an error belongs to (the longest key that prefixes its module: an error in
    src/mlplanner/services/booking/rules.py belongs to "services.booking", else to "services"), or None."""
    m = ERROR.match(line)
    assert m is not None
    path = m.group("path").replace("\\", "/")
    i = path.rfind("mlplanner/")
    if i < 0:
        return None
    module = path[i + len("mlplanner/") :].removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    keys = [k for k in baselines if module == k or module.startswith(k + ".")]
    return max(keys, key=len) if keys else None


def check(report: str, baselines: dict[str, int]) -> tuple[bool, list[str]]:
    """(passed, what to print) for mypy's report."""
    errors = [line for line in report.splitlines() if ERROR.match(line)]
    counts = Counter(package_of(line, baselines) for line in errors)
    out = [line for line in errors if package_of(line, baselines) is None]
    ok = not out
    if out:
        out.append(f"typecheck: {len(out)} error(s) in packages that must have none")
    for name, baseline in sorted(baselines.items()):
        n = counts.get(name, 0)
        if n > baseline:
            ok = False
            out.append(f"typecheck: {n} error(s) in {name}, above its baseline of {baseline} (see --list)")
        elif n < baseline:
            out.append(
                f"typecheck: {n} error(s) in {name}, below its baseline of {baseline}: lower it to {n} "
                "in pyproject.toml" + (" and remove its override" if n == 0 else "")
            )
        else:
            out.append(f"typecheck: {n} error(s) in {name} (its baseline)")
    if ok:
        out.append("typecheck: passed")
    return ok, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the baselined packages' errors too")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    baselines = {k: int(v) for k, v in pyproject["tool"]["mlplanner"]["typecheck"]["baselines"].items()}
    with tempfile.TemporaryDirectory(prefix="mlplanner-typecheck-") as tmp:
        config = Path(tmp) / "mypy.ini"
        config.write_text(config_without_ignores(pyproject, baselines), encoding="utf-8")
        stdout, stderr, status = api.run(
            ["--config-file", str(config), "--cache-dir", str(ROOT / ".mypy_cache" / "typecheck")]
        )
    if status not in (0, 1):  # 2: mypy itself failed (bad configuration, crash)
        print(stdout, stderr, sep="\n", file=sys.stderr)
        return 2
    if args.list:
        for line in stdout.splitlines():
            if ERROR.match(line) and package_of(line, baselines) is not None:
                print(line)
    ok, out = check(stdout, baselines)
    print("\n".join(out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
