"""Shared fixtures. Qt must see the offscreen platform before anything imports it.

- `clock`: a `FixedClock` on Monday 5 January 2026, 08:00 in Paris (every 2026/2027 date is ahead).
- `engine`: "sqlite" or "postgresql". A test that uses it (directly or through the fixtures below) runs
  on both engines, except GUI tests (they use `qtbot`/`qapp`), tests that use `db_path` (a SQLite file)
  and tests marked `sqlite_only`, which run on SQLite only; `postgresql_only` tests run on the server
  only. The session starts a throwaway PostgreSQL cluster on first use (see `engines.py`).
- `db_location`: where the test's database is (a file path, or a server URL).
- `services`: a fresh, migrated database per test, opened with that clock (no site yet).
- `site`: a small site built through the services (see `support.build_test_site`), with actors per role.
- `demo`: a demo site (`build_demo(..., youths=200)`), built once per session and copied per test.

Helpers (`TestSite`, `wall`, `paris_clock`, `DEMO_TODAY`...) live in `tests/support.py`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MLPLANNER_NO_USER_SETTINGS", "1")
# The command line acts as someone (README, "CLI"; `cli/identity.py`): the commands the tests run are
# IT's scheduled tasks (`--system`) unless a test names who acts (`--as` and the person's PIN);
# tests/cli/test_who_acts.py removes this to test the rule itself.
os.environ.setdefault("MLPLANNER_SYSTEM", "1")

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from engines import ENGINES, Location, ServerDatabases, Templates, private_copy
from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.storage.pg_local import LocalCluster, start_cluster
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


GUI_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `engine`: both engines unless the test is about SQLite files or the GUI."""
    if "engine" not in metafunc.fixturenames:
        return
    marks = {m.name for m in metafunc.definition.iter_markers()}
    if "postgresql_only" in marks:
        engines: tuple[str, ...] = ("postgresql",)
    elif (
        "sqlite_only" in marks
        or "db_path" in metafunc.fixturenames
        or (GUI_FIXTURES & set(metafunc.fixturenames) and "both_engines" not in marks)
    ):
        engines = ("sqlite",)
    else:
        engines = ENGINES
    metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    """One PostgreSQL cluster for the whole session (started on first use, stopped at the end)."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def server_dbs(pg_cluster: LocalCluster) -> Iterator[ServerDatabases]:
    dbs = ServerDatabases(pg_cluster)
    yield dbs
    dbs.close()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"), lambda: request.getfixturevalue("server_dbs"))


@pytest.fixture
def server_copies(templates: Templates) -> Iterator[list[Location]]:
    """Copies a test makes itself (`templates.copy`) and lists here: the server ones are dropped after."""
    made: list[Location] = []
    yield made
    for location in made:
        templates.drop(location)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(CLOCK_START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A site file in the test's folder (SQLite only: a test asking for it runs on SQLite only)."""
    return tmp_path / "site.sqlite3"


@pytest.fixture
def empty_location(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Location:
    """Where nothing is yet: a file that does not exist, or an empty server database (no schema)."""
    if engine == "sqlite":
        return tmp_path / "empty.sqlite3"
    servers: ServerDatabases = request.getfixturevalue("server_dbs")
    name = servers.create()
    request.addfinalizer(lambda: servers.drop(name))
    return servers.url(name)


def _build_empty(location: Location) -> None:
    Services.open(location, clock=FixedClock(CLOCK_START)).close()


@pytest.fixture
def services(
    engine: str, templates: Templates, tmp_path: Path, clock: FixedClock, request: pytest.FixtureRequest
) -> Iterator[Services]:
    """Services on a fresh database of its own (no site yet), with the test's clock."""
    templates.get(engine, "empty", _build_empty)
    location = private_copy(request, templates, engine, "empty", tmp_path / "site.sqlite3")
    sv = Services.open(location, clock=clock)
    yield sv
    sv.close()


def _build_site(location: Location) -> TestSite:
    clk = FixedClock(CLOCK_START)
    sv = Services.open(location, clock=clk)
    try:
        return build_test_site(sv, clk)
    finally:
        sv.close()


@pytest.fixture
def site_template(engine: str, templates: Templates) -> tuple[Location, TestSite]:
    """The small site, built once per engine through the services; each test gets a copy."""
    return templates.get(engine, "site", _build_site)


@pytest.fixture
def db_location(
    engine: str,
    site_template: tuple[Location, TestSite],
    templates: Templates,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Location:
    """The test's own copy of the small site: a file, or a database on the session's server."""
    return private_copy(request, templates, engine, "site", tmp_path / "site.sqlite3")


@pytest.fixture
def site(
    site_template: tuple[Location, TestSite], db_location: Location, clock: FixedClock
) -> Iterator[TestSite]:
    """A private copy of the small site; `site.clock` is the test's clock (move it with `advance`)."""
    _template, built = site_template
    sv = Services.open(db_location, clock=clock)
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


def _build_demo(location: Location) -> None:
    from mlplanner.services.demo import build_demo

    sv = Services.open(location, clock=paris_clock(DEMO_TODAY))
    try:
        build_demo(sv, seed=DEMO_SEED, site_code="PARIS13", today=DEMO_TODAY, youths=200)
    finally:
        sv.close()


@pytest.fixture
def demo_template(engine: str, templates: Templates) -> Location:
    """A demo site (200 youths), built once per session and engine; tests get a copy."""
    return templates.get(engine, "demo", _build_demo)[0]


@pytest.fixture
def demo(
    engine: str,
    demo_template: Location,
    templates: Templates,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Services]:
    """Services on a private copy of the demo site, with the clock at 08:00 on `DEMO_TODAY`."""
    location = private_copy(request, templates, engine, "demo", tmp_path / "demo.sqlite3")
    sv = Services.open(location, clock=paris_clock(DEMO_TODAY))
    yield sv
    sv.close()
