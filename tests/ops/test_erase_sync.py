"""An erasure made at one site reaches every site through the ordinary sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Status
from mlplanner.domain.errors import NotFound
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.demo import build_demo
from mlplanner.services.sync.service import SyncService
from mlplanner.storage.db import Database
from mlplanner.storage.sync_tables import SyncConflict
from mlplanner.storage.tables import Appointment, Youth

from .conftest import START, TODAY, Site
from .test_privacy import add_youth, book, file_bytes

CODES = ["PARIS13", "LYON"]


@pytest.fixture
def lyon(tmp_path: Path) -> Site:
    path = tmp_path / "lyon" / "lyon.sqlite3"
    path.parent.mkdir()
    sv = Services.open(path, FixedClock(START))
    build_demo(sv, site_code="LYON", today=TODAY, youths=5)
    sv.close()
    clock = FixedClock(START)
    site = Site(path, Services.for_database(Database.for_path(path), clock), clock)
    yield site
    site.services.close()


def _sync(site: Site, share: Path) -> None:
    report = SyncService(site.services.ctx).sync(folder=share)
    assert report.ok, [r.message for r in report.refused]


def test_erasure_travels_to_the_other_site(site: Site, lyon: Site, tmp_path: Path) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    for s in (site, lyon):
        SyncService(s.services.ctx).allow_sites(actor=SYSTEM_ACTOR, codes=CODES)
    yid = add_youth(site)
    _sync(site, share)
    _sync(lyon, share)
    assert lyon.services.youths.get(yid).last_name == "Quasimodo"  # Lyon holds the record too

    site.services.privacy.erase(actor=site.lead, youth_id=yid, reason="courrier du 01/03/2027")
    with site.services.ctx.read() as s:
        tombstone = s.get(Youth, yid).hlc
    _sync(site, share)
    _sync(lyon, share)

    with pytest.raises(NotFound):
        lyon.services.youths.get(yid)
    with lyon.services.ctx.read() as s:
        row = s.exec(select(Youth).where(Youth.id == yid)).scalars().one()
        assert row.deleted and row.hlc == tombstone
        assert (row.last_name, row.phone, row.email, row.birth_date) == ("Anonyme", "", "", None)
    assert lyon.services.youths.search("quasimodo") == []
    assert b"quasimodo" not in file_bytes(site)


def test_each_site_cleans_its_own_rows_when_the_erasure_arrives(
    site: Site, lyon: Site, tmp_path: Path
) -> None:
    share = tmp_path / "partage"
    share.mkdir()
    for s in (site, lyon):
        SyncService(s.services.ctx).allow_sites(actor=SYSTEM_ACTOR, codes=CODES)
    yid = add_youth(site)
    _sync(site, share)
    _sync(lyon, share)
    lyon_appt = book(lyon, yid, notes="Quasimodo vient avec sa soeur")  # booked at Lyon, owned by Lyon
    _sync(lyon, share)
    _sync(site, share)

    site.services.privacy.erase(actor=site.lead, youth_id=yid, reason="courrier du 01/03/2027")
    _sync(site, share)
    _sync(lyon, share)
    assert lyon.services.privacy.follow_received([yid]) == 1  # what the sync apply calls for such youths
    assert lyon.services.privacy.follow_received([yid]) == 0  # idempotent

    a = lyon.services.booking.get(lyon_appt)
    assert a.notes == "" and a.status is Status.CANCELLED_BY_ML
    assert b"quasimodo" not in file_bytes(lyon)
    _sync(lyon, share)
    _sync(site, share)
    with site.services.ctx.read() as s:  # Paris received Lyon's cleaned row, without a conflict
        assert s.get(Appointment, lyon_appt).notes == ""
        assert s.exec(select(SyncConflict)).scalars().all() == []
