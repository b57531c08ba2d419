"""The French public-holiday calendars computed by the `holidays` package, kept between runs.

Computing a year's calendar means importing the package, which imports its ~200 countries (~0.15 s of
a cold start, issue 19; see `domain.calendar_fr`). What it computes depends only on its version, the
territory, the year and the language: a run keeps what it computed in a small JSON file of the user's
data folder, named after the package's version, and the next run gives it to `calendar_fr` instead of
computing it again. Another version of the package (an update), a damaged or foreign file: ignored, the
calendars are computed as before. Nothing of a site is in it, and it is never synchronised.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date
from importlib import metadata
from pathlib import Path

from mlplanner.domain import calendar_fr
from mlplanner.domain.errors import DomainError

FORMAT = 1


def package_version() -> str | None:
    """The installed `holidays` version, read without importing it (None if it cannot be told: then
    nothing is kept, nor trusted)."""
    try:
        return metadata.version("holidays")
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return None


def load(path: Path, version: str | None) -> int:
    """Give `calendar_fr` the calendars kept in `path` by a run of the same `version`; how many."""
    if version is None:
        return 0
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("holidays") != version:
            return 0
        calendars = {
            (entry["code"], int(entry["year"]), str(entry["language"])): {
                date.fromisoformat(day): str(name) for day, name in entry["days"].items()
            }
            for entry in data["calendars"]
        }
        calendar_fr.give(calendars)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, DomainError):
        return 0  # missing, damaged, or not ours: computed as before
    return len(calendars)


def save(path: Path, version: str | None) -> bool:
    """Keep in `path` what this run computed (with what the file already holds for this version);
    False if there was nothing new or it could not be written (it is only a shortcut)."""
    new = calendar_fr.computed()
    if version is None or not new:
        return False
    kept: dict[calendar_fr.CalendarKey, dict[str, str]] = {}
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") == FORMAT and data.get("holidays") == version:
            for entry in data["calendars"]:
                kept[(entry["code"], int(entry["year"]), str(entry["language"]))] = dict(entry["days"])
    added = {key: {d.isoformat(): name for d, name in days.items()} for key, days in new.items()}
    if all(key in kept for key in added):
        return False
    kept.update(added)
    body = {
        "format": FORMAT,
        "holidays": version,
        "calendars": [
            {"code": code, "year": year, "language": language, "days": days}
            for (code, year, language), days in sorted(kept.items(), key=lambda kv: repr(kv[0]))
        ],
    }
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)  # whole or not at all, whichever run writes last
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True
