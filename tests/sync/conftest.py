"""Site databases for sync tests: built once per engine from the demo generator, then copied per test
(fast). On PostgreSQL each site is a database of its own on the session's server (one site per base, as
a SQLite file: the sync code runs on either engine); the server holding several sites as one member of
the network is tests/server/test_server_sync.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from engines import Templates, private_copy
from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.demo import build_demo
from mlplanner.services.sync.schema import synced_tables
from mlplanner.services.sync.service import SyncService
from mlplanner.storage.db import Database
from mlplanner.storage.tables import Appointment

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CODES = ("PARIS13", "LYON", "LILLE")


@dataclass
class Site:
    code: str
    location: Path | str  # the site file, or its database on the server
    services: Services
    sync: SyncService
    clock: FixedClock

    @property
    def path(self) -> Path | str:
        """Where the base is (kept under this name: many tests pass it to a child process)."""
        return self.location

    def close(self) -> None:
        self.services.close()


TODAY_EPOCH = datetime(2027, 3, 1, tzinfo=UTC).timestamp()  # wall-clock times read as UTC by `extract`


def keep_nearest_appointments(sv: Services, n: int) -> None:
    """Keep the `n` appointments nearest to TODAY (fast tests), in SQL both engines read."""
    with sv.ctx.db.engine.begin() as conn:
        conn.execute(
            delete(Appointment).where(
                Appointment.id.not_in(
                    select(Appointment.id)
                    .order_by(
                        func.abs(func.extract("epoch", Appointment.start) - TODAY_EPOCH), Appointment.id
                    )
                    .limit(n)
                    .scalar_subquery()
                )
            )
        )


def _builder(code: str):  # type: ignore[no-untyped-def]
    def build(location: Path | str) -> None:
        sv = Services.open(location, FixedClock(START))
        build_demo(sv, site_code=code, today=TODAY, youths=30)
        keep_nearest_appointments(sv, 80)
        SyncService(sv.ctx).allow_sites(actor=SYSTEM_ACTOR, codes=list(CODES))
        sv.close()

    return build


@pytest.fixture
def demo_templates(engine: str, templates: Templates) -> dict[str, Path | str]:
    """One small demo base per site code (30 youths), at the latest schema, peers already allowed."""
    return {code: templates.get(engine, f"sync-{code}", _builder(code))[0] for code in CODES}


def site_copy(request: pytest.FixtureRequest, templates: Templates, engine: str, code: str, dest: Path):  # type: ignore[no-untyped-def]
    templates.get(engine, f"sync-{code}", _builder(code))
    return private_copy(request, templates, engine, f"sync-{code}", dest)


def open_site(location: Path | str, code: str, clock: FixedClock | None = None) -> Site:
    clock = clock or FixedClock(START)
    sv = Services.for_database(Database.for_location(location), clock)
    return Site(code, location, sv, SyncService(sv.ctx), clock)


@pytest.fixture
def sites(
    engine: str, templates: Templates, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[dict[str, Site]]:
    opened = {}
    for code in CODES:
        location = site_copy(request, templates, engine, code, tmp_path / f"{code}.sqlite3")
        opened[code] = open_site(location, code)
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
    """Every synced row of a site (its synced columns), for comparing sites after a full exchange."""
    by_name = {t.name: t for t in synced_tables()}
    with site.services.ctx.db.engine.connect() as conn:
        return {
            t: [
                tuple(r)
                for r in conn.execute(
                    select(*(by_name[t].table.c[c] for c in by_name[t].columns)).order_by(
                        by_name[t].table.c.id
                    )
                )
            ]
            for t in SYNCED
        }
