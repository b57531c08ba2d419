"""A small demo site built once per session, copied per test; user folders redirected to tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.demo import build_demo
from mlplanner.storage.db import Database

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


@dataclass
class Site:
    path: Path
    services: Services
    clock: FixedClock

    def actor(self, role: Role) -> Actor:
        staff = self.services.directory.staff(role=role)[0]
        return Actor(staff.id, staff.display_name, staff.role)

    @property
    def lead(self) -> Actor:
        return self.actor(Role.SITE_LEAD)

    def reopen(self) -> None:
        self.services.close()
        self.services = Services.for_database(Database.for_path(self.path), self.clock)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs and instance locks of the code under test go to tmp_path, not the real profile."""
    home = tmp_path / "profil"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("LOCALAPPDATA", str(home))
    return home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ops-template") / "site.sqlite3"
    sv = Services.open(path, FixedClock(START))
    build_demo(sv, site_code="PARIS13", today=TODAY, youths=40)
    with sv.ctx.db.engine.begin() as conn:  # the 150 appointments nearest to today: fast tests
        conn.exec_driver_sql(
            "DELETE FROM appointment WHERE id NOT IN (SELECT id FROM appointment "
            "ORDER BY abs(julianday(start) - julianday('2027-03-01')) LIMIT 150)"
        )
    sv.close()
    return path


@pytest.fixture
def site(demo_template: Path, tmp_path: Path) -> Iterator[Site]:
    path = tmp_path / "site" / "site.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    clock = FixedClock(START)
    s = Site(path, Services.for_database(Database.for_path(path), clock), clock)
    yield s
    s.services.close()
