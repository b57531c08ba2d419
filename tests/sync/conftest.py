"""Site databases for sync tests: built once from the demo generator, then copied per test (fast)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.demo import build_demo
from mlplanner.services.sync.service import SyncService
from mlplanner.storage.db import Database

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CODES = ("PARIS13", "LYON", "LILLE")


@dataclass
class Site:
    code: str
    path: Path
    services: Services
    sync: SyncService
    clock: FixedClock

    def close(self) -> None:
        self.services.close()


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One small demo file per site code (30 youths), at the latest schema, peers already allowed."""
    root = tmp_path_factory.mktemp("templates")
    out = {}
    for code in CODES:
        path = root / f"{code}.sqlite3"
        sv = Services.open(path, FixedClock(START))
        build_demo(sv, site_code=code, today=TODAY, youths=30)
        with sv.ctx.db.engine.begin() as conn:  # keep the 80 appointments nearest to today: fast tests
            conn.exec_driver_sql(
                "DELETE FROM appointment WHERE id NOT IN (SELECT id FROM appointment "
                "ORDER BY abs(julianday(start) - julianday('2027-03-01')) LIMIT 80)"
            )
        SyncService(sv.ctx).allow_sites(actor=SYSTEM_ACTOR, codes=list(CODES))
        sv.close()
        out[code] = path
    return out


def open_site(path: Path, code: str, clock: FixedClock | None = None) -> Site:
    clock = clock or FixedClock(START)
    sv = Services.for_database(Database.for_path(path), clock)
    return Site(code, path, sv, SyncService(sv.ctx), clock)


@pytest.fixture
def sites(demo_templates: dict[str, Path], tmp_path: Path) -> Iterator[dict[str, Site]]:
    opened = {}
    for code, template in demo_templates.items():
        path = tmp_path / f"{code}.sqlite3"
        shutil.copyfile(template, path)
        opened[code] = open_site(path, code)
    yield opened
    for site in opened.values():
        site.close()


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "partage"
    folder.mkdir()
    return folder


SYNCED = ("site", "site_closure", "room", "staff", "absence", "youth", "appointment_type", "appointment")


def shared_state(site: Site) -> dict[str, list[tuple]]:
    """Every synced row of a site, for comparing sites after a full exchange."""
    with site.services.ctx.db.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in SYNCED}
