"""A small demo site built once per session and engine, copied per test; user folders redirected to
tmp_path (server backups land there too: `<data folder>/backups/...`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from engines import Templates, database_name, private_copy
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.demo import build_demo
from mlplanner.storage.db import Database
from mlplanner.storage.pg_local import LocalCluster
from mlplanner.storage.tables import Appointment

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
START_EPOCH = datetime(2027, 3, 1).replace(tzinfo=UTC).timestamp()  # wall-clock times read as UTC


@dataclass
class Site:
    location: Path | str  # the site file, or the server database's URL
    services: Services
    clock: FixedClock

    @property
    def path(self) -> Path:
        """The site file (SQLite tests only)."""
        assert isinstance(self.location, Path), "a server database has no file"
        return self.location

    cluster: LocalCluster | None = None  # the session's server, for a server database

    @property
    def on_server(self) -> bool:
        return isinstance(self.location, str)

    def stored_bytes(self) -> bytes:
        """Everything on disk for this base: the file and its WAL, or the server database's own files
        (after a checkpoint), for searching traces of personal data."""
        self.services.close()
        try:
            if self.cluster is None:
                return b"".join(p.read_bytes() for p in self.path.parent.glob(self.path.name + "*"))
            name = database_name(str(self.location))
            self.cluster.psql("CHECKPOINT")
            oid = self.cluster.psql(f"SELECT oid FROM pg_database WHERE datname = '{name}'").strip()
            folder = self.cluster.data / "base" / oid
            return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())
        finally:
            self.reopen()

    def actor(self, role: Role) -> Actor:
        staff = self.services.directory.staff(role=role)[0]
        return Actor(staff.id, staff.display_name, staff.role)

    @property
    def lead(self) -> Actor:
        return self.actor(Role.SITE_LEAD)

    def reopen(self) -> None:
        self.services.close()
        self.services = Services.for_database(Database.for_location(self.location), self.clock)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs and instance locks of the code under test go to tmp_path, not the real profile."""
    home = tmp_path / "profil"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("LOCALAPPDATA", str(home))
    return home


def _build(location: Path | str) -> None:
    sv = Services.open(location, FixedClock(START))
    build_demo(sv, site_code="PARIS13", today=TODAY, youths=40)
    with sv.ctx.db.engine.begin() as conn:  # the 150 appointments nearest to today: fast tests
        conn.execute(
            delete(Appointment).where(
                Appointment.id.not_in(
                    select(Appointment.id)
                    .order_by(func.abs(func.extract("epoch", Appointment.start) - START_EPOCH))
                    .limit(150)
                    .scalar_subquery()
                )
            )
        )
    sv.close()


@pytest.fixture
def site(engine: str, templates: Templates, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Site]:
    templates.get(engine, "ops-demo", _build)
    (tmp_path / "site").mkdir()
    location = private_copy(request, templates, engine, "ops-demo", tmp_path / "site" / "site.sqlite3")
    clock = FixedClock(START)
    cluster = request.getfixturevalue("pg_cluster") if engine == "postgresql" else None
    s = Site(location, Services.for_database(Database.for_location(location), clock), clock, cluster)
    yield s
    s.services.close()
