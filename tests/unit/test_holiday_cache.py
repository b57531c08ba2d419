"""The holiday calendars computed by the `holidays` package, kept for the next start (issue 19): the
same names as computed, without importing the package; another version or a damaged file is ignored."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from mlplanner.domain import calendar_fr
from mlplanner.storage import holiday_cache

VERSION = holiday_cache.package_version()

_RUN = """
import sys
from datetime import date, timedelta
from pathlib import Path
from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.storage import holiday_cache

cache, version, first = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "first"
given = 0 if first else holiday_cache.load(cache, version)
days = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
names = [(d.isoformat(), code, lang, holiday_name(d, code, lang)) for d in days
         for code, lang in ((None, "fr"), ("57", "fr"), ("974", "en"))]
if first:
    holiday_cache.save(cache, version)
print(given, "holidays" in sys.modules)
print([n for n in names if n[3]])
"""


def _run(cache: Path, which: str) -> tuple[int, bool, str]:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(cache), str(VERSION), which],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    head, names = out.stdout.splitlines()[:2]
    given, imported = head.split()
    return int(given), imported == "True", names


def test_a_kept_calendar_gives_the_same_names_without_importing_the_package(tmp_path: Path) -> None:
    """Three calendars (mainland, Moselle, La Réunion in English) computed by one run, kept, then
    given to the next run: the same holidays, every day of the year, and `holidays` never imported."""
    cache = tmp_path / "holidays-fr.json"
    _, imported, computed = _run(cache, "first")
    assert imported and "('2026-12-26', '57', 'fr'," in computed  # Moselle's Saint-Étienne
    given, imported, names = _run(cache, "next")
    assert given == 3 and not imported
    assert names == computed


def test_another_version_or_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "holidays-fr.json"
    calendar_fr.holiday_name(date(2026, 12, 25))
    holiday_cache.save(cache, "0.1-other")
    assert holiday_cache.load(cache, VERSION) == 0  # kept by another version of the package
    assert json.loads(cache.read_text(encoding="utf-8"))["holidays"] == "0.1-other"
    broken = {"format": 1, "holidays": VERSION, "calendars": [{"code": "99"}]}
    for damaged in ("{", json.dumps(broken), "[]"):
        cache.write_text(damaged, encoding="utf-8")
        assert holiday_cache.load(cache, VERSION) == 0
    unknown = {"format": 1, "holidays": VERSION, "calendars": [
        {"code": None, "year": 2031, "language": "fr", "days": {"2031-03-03": "Faux férié"}},
        {"code": "999", "year": 2031, "language": "fr", "days": {}},
    ]}  # fmt: skip
    cache.write_text(json.dumps(unknown), encoding="utf-8")
    assert holiday_cache.load(cache, VERSION) == 0  # an unknown territory: nothing of the file is used
    assert calendar_fr.holiday_name(date(2031, 3, 3)) is None
    assert holiday_cache.load(tmp_path / "missing.json", VERSION) == 0
    assert holiday_cache.load(cache, None) == 0 and not holiday_cache.save(cache, None)
