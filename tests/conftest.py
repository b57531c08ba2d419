"""Shared fixtures. Qt must see the offscreen platform before anything imports it.

- `clock`: a `FixedClock` on Monday 5 January 2026, 08:00 in Paris (every 2026/2027 date is ahead).
- `services`: a fresh site file per test in `tmp_path`, opened with that clock (no site yet).
- `site`: a small site built through the services (see `support.build_test_site`), with actors per role.
- `demo`: a demo site (`build_demo(..., youths=200)`), built once per session and copied per test.

Helpers (`TestSite`, `wall`, `paris_clock`, `DEMO_TODAY`...) live in `tests/support.py`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MLPLANNER_NO_USER_SETTINGS", "1")

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.storage.backup import backup_file
from support import (
    CLOCK_START,
    DEMO_SEED,
    DEMO_TODAY,
    TestSite,
    build_test_site,
    paris_clock,
)

# The user's data folder (instance locks, logs, compiled translations, settings) points at a temporary
# folder for the whole session and every child process it starts (paths are read when used, not when
# imported): a test run never touches the real one, and two runs at once never share a lock file.
_USER_DIRS = tempfile.mkdtemp(prefix="mlplanner-tests-home-")
atexit.register(shutil.rmtree, _USER_DIRS, True)
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "LOCALAPPDATA", "APPDATA"):
    os.environ[_var] = os.path.join(_USER_DIRS, _var.lower())

# Hypothesis keeps its example database and caches there too: by default it writes them into the
# working folder (the repository's .hypothesis/). A failing example is printed with the failure (and
# `@example(...)` pins the ones worth keeping).
set_hypothesis_home_dir(os.path.join(_USER_DIRS, "hypothesis"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(CLOCK_START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "site.sqlite3"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated file without a site, made once (migrating costs more than copying)."""
    path = tmp_path_factory.mktemp("templates") / "empty.sqlite3"
    Services.open(path, clock=FixedClock(CLOCK_START)).close()
    return path


@pytest.fixture
def services(empty_template: Path, db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services on a fresh file of its own (no site yet), with the test's clock."""
    backup_file(empty_template, db_path)
    sv = Services.open(db_path, clock=clock)
    yield sv
    sv.close()


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TestSite]:
    """The small site, built once through the services; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("templates") / "site.sqlite3"
    clk = FixedClock(CLOCK_START)
    sv = Services.open(path, clock=clk)
    try:
        built = build_test_site(sv, clk)
    finally:
        sv.close()
    return path, built


@pytest.fixture
def site(site_template: tuple[Path, TestSite], db_path: Path, clock: FixedClock) -> Iterator[TestSite]:
    """A private copy of the small site; `site.clock` is the test's clock (move it with `advance`)."""
    template, built = site_template
    backup_file(template, db_path)
    sv = Services.open(db_path, clock=clock)
    # fresh dicts: a test that changes `site.youths[...]` must not leak into the next one
    yield replace(
        built,
        services=sv,
        clock=clock,
        rooms=dict(built.rooms),
        staff=dict(built.staff),
        types=dict(built.types),
        youths=dict(built.youths),
    )
    sv.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo site file (200 youths), built once per session; tests get a copy."""
    from mlplanner.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    sv = Services.open(path, clock=paris_clock(DEMO_TODAY))
    try:
        build_demo(sv, seed=DEMO_SEED, site_code="PARIS13", today=DEMO_TODAY, youths=200)
    finally:
        sv.close()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Services]:
    """Services on a private copy of the demo site, with the clock at 08:00 on `DEMO_TODAY`."""
    path = backup_file(demo_template, tmp_path / "demo.sqlite3")
    sv = Services.open(path, clock=paris_clock(DEMO_TODAY))
    yield sv
    sv.close()
