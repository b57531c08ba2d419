"""A server holding several sites takes part in the sync as those sites: each exports its own change sets
in its own folder, change sets of the sites that stay on SQLite are applied once for all of them, and
everyone converges: SQLite ↔ server ↔ SQLite.

Also the reason the server's export holds the site's lock: a write of that site still in flight (its
stamp taken, not committed) while another site commits a later stamp must not slip under the cursor.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.demo import build_demo
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.sync_tables import SyncConflict
from mlplanner.storage.tables import Appointment, Youth
from support import sql_rows
from sync.conftest import Site, keep_nearest_appointments, open_site, shared_state

pytestmark = pytest.mark.postgresql_only

TODAY = date(2027, 3, 1)
START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
CODES = ["PARIS13", "PARIS18", "LYON", "LILLE"]


def _build(sv: Services, code: str) -> None:
    build_demo(sv, site_code=code, today=TODAY, youths=25)
    keep_nearest_appointments(sv, 60)


@pytest.fixture
def network(new_database: Callable[[], str], tmp_path: Path):  # type: ignore[no-untyped-def]
    """The server (PARIS13 and PARIS18 in one database) and two sites on SQLite files (LYON, LILLE)."""
    url = new_database()
    server = Services.open(url, FixedClock(START), create=True)
    _build(server, "PARIS13")
    _build(server, "PARIS18")  # a second site on the same server (the process now works for it)
    server.sync.allow_sites(actor=SYSTEM_ACTOR, codes=CODES)
    server.close()
    opened: dict[str, Site] = {
        "PARIS13": open_site(url, "PARIS13"),  # the server, as its default site
    }
    p18 = Services.open(url, FixedClock(START), site="PARIS18")
    opened["PARIS18"] = Site("PARIS18", url, p18, p18.sync, p18.ctx.clock)  # type: ignore[arg-type]
    for code in ("LYON", "LILLE"):
        path = tmp_path / f"{code}.sqlite3"
        sv = Services.open(path, FixedClock(START))
        _build(sv, code)
        sv.sync.allow_sites(actor=SYSTEM_ACTOR, codes=CODES)
        sv.close()
        opened[code] = open_site(path, code)
    share = tmp_path / "partage"
    share.mkdir()
    yield opened, share
    for site in opened.values():
        site.close()


def _sync_all(sites: dict[str, Site], share: Path, rounds: int = 2) -> None:
    for _ in range(rounds):
        for code in ("PARIS13", "LYON", "LILLE"):  # the server syncs once for both of its sites
            report = sites[code].sync.sync(folder=share)
            assert report.ok, [r.message for r in report.refused]


def _edit_youth(site: Site, youth_id: str, **values: object) -> str:
    with site.services.ctx.write() as s:
        row = s.get(Youth, youth_id)
        for k, v in values.items():
            setattr(row, k, v)
        s.add(row)
        s.flush()
        return row.hlc


def test_sqlite_sites_and_a_two_site_server_converge(network) -> None:  # type: ignore[no-untyped-def]
    sites, share = network
    _sync_all(sites, share)
    # the server wrote one folder per site it holds, and none for the others
    assert {p.name for p in share.iterdir() if p.is_dir()} == set(CODES)
    paris13, paris18, lyon, lille = (sites[c] for c in CODES)

    # work everywhere between two syncs: both server sites, and both files
    y13 = _a_youth(paris13, "PARIS13")
    y18 = _a_youth(paris18, "PARIS18")
    ylyon = _a_youth(lyon, "LYON")
    _edit_youth(paris13, y13, email="p13@exemple.fr")
    _edit_youth(paris18, y18, email="p18@exemple.fr")
    _edit_youth(lyon, ylyon, email="lyon@exemple.fr")
    # the same young person edited at a server site and on a laptop, offline from each other
    both = _a_youth(paris13, "PARIS13", second=True)
    lyon.clock.advance(timedelta(minutes=1))
    _edit_youth(paris18, both, phone="06 00 00 00 18")
    _edit_youth(lyon, both, phone="06 00 00 00 69")

    _sync_all(sites, share, rounds=3)
    states = {code: shared_state(sites[code]) for code in ("PARIS13", "LYON", "LILLE")}
    assert states["PARIS13"] == states["LYON"] == states["LILLE"]
    with lille.services.ctx.read() as s:
        assert s.get(Youth, y13).email == "p13@exemple.fr" and s.get(Youth, y18).email == "p18@exemple.fr"
        assert s.get(Youth, ylyon).email == "lyon@exemple.fr"
        assert s.get(Youth, both).phone == "06 00 00 00 69"  # the later stamp wins everywhere
    with paris13.services.ctx.read() as s:  # the losing version is kept for review, not dropped
        lost = s.exec(select(SyncConflict).where(SyncConflict.row_id == both)).scalars().all()
    with lyon.services.ctx.read() as s:
        lost += s.exec(select(SyncConflict).where(SyncConflict.row_id == both)).scalars().all()
    assert lost and {c.loser_site for c in lost} == {"PARIS18"}
    # each server site's appointments reached the files, under their own site
    sites_of = {
        code: {
            r[0]
            for r in sql_rows(
                sites[code].location,
                "SELECT DISTINCT s.code FROM appointment a JOIN site s ON s.id = a.site_id",
            )
        }
        for code in ("PARIS13", "LYON")
    }
    assert sites_of["PARIS13"] == sites_of["LYON"] == set(CODES)
    # a second full exchange sends nothing new
    report = paris13.sync.sync(folder=share)
    assert report.exported_rows == 0 and report.applied == ()


def _a_youth(site: Site, code: str, *, second: bool = False) -> str:
    with site.services.ctx.read() as s:
        ids = (
            s.exec(select(Youth.id).where(Youth.origin_site == code).order_by(Youth.id).limit(2))
            .scalars()
            .all()
        )
    return ids[1 if second else 0]


def test_an_edit_in_flight_during_the_export_is_not_left_behind(network) -> None:  # type: ignore[no-untyped-def]
    """PARIS13's workstation has stamped its edit but not committed; PARIS18 commits a later stamp; the
    export starts. Without the site's lock the cursor would move past the uncommitted stamp and the edit
    would never travel; with it the export waits for the edit, then sends it."""
    sites, share = network
    _sync_all(sites, share, rounds=1)
    paris13, paris18, lyon = sites["PARIS13"], sites["PARIS18"], sites["LYON"]
    target = _a_youth(paris13, "PARIS13")
    stamped, release = threading.Event(), threading.Event()

    def workstation() -> None:
        with paris13.services.ctx.write() as s:
            row = s.get(Youth, target)
            row.email = "en-cours@exemple.fr"
            s.add(row)
            s.flush()  # stamped now
            stamped.set()
            release.wait(60)

    writer = threading.Thread(target=workstation)
    writer.start()
    assert stamped.wait(60)
    paris18.clock.advance(timedelta(seconds=30))  # a later stamp, committed before the export
    _edit_youth(paris18, _a_youth(paris18, "PARIS18"), email="plus-tard@exemple.fr")
    exporter_done: dict[str, object] = {}

    def export() -> None:
        exporter_done["report"] = paris13.sync.sync(folder=share)

    exporter = threading.Thread(target=export)
    exporter.start()
    time.sleep(1.0)
    assert exporter.is_alive(), "the export must wait for the site's write in flight"
    release.set()
    writer.join(30)
    exporter.join(120)
    assert exporter_done["report"].ok  # type: ignore[union-attr]
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.read() as s:
        assert s.get(Youth, target).email == "en-cours@exemple.fr"


def test_the_server_applies_each_change_set_once_and_never_its_own_sites(network) -> None:  # type: ignore[no-untyped-def]
    sites, share = network
    _sync_all(sites, share, rounds=2)
    url = sites["PARIS13"].location
    applied = sql_rows(url, "SELECT site, count(*) FROM sync_applied GROUP BY site ORDER BY site")
    assert {site for site, _n in applied} == {"LILLE", "LYON"}  # PARIS13 and PARIS18 live here
    # syncing from the server "as PARIS18" is the same member: nothing more is sent or applied
    report = sites["PARIS18"].sync.sync(folder=share)
    assert report.ok and report.exported_rows == 0 and report.applied == ()
    assert sql_rows(url, "SELECT site, count(*) FROM sync_applied GROUP BY site ORDER BY site") == applied


def test_appointments_of_both_server_sites_stay_apart_in_each_sites_day(network) -> None:  # type: ignore[no-untyped-def]
    sites, _share = network
    p13 = {
        a.id
        for a in sites["PARIS13"].services.booking.between(
            TODAY - timedelta(days=30), TODAY + timedelta(days=30)
        )
    }
    p18 = {
        a.id
        for a in sites["PARIS18"].services.booking.between(
            TODAY - timedelta(days=30), TODAY + timedelta(days=30)
        )
    }
    assert p13 and p18 and not (p13 & p18)
    with sites["PARIS13"].services.ctx.read() as s:
        assert len(s.exec(select(Appointment.id)).all()) == len(p13) + len(p18)  # one database holds both


def test_new_and_erased_people_of_both_server_sites_cross_once_and_stay_erased(network) -> None:  # type: ignore[no-untyped-def]
    """A young person created at each server site and at a laptop arrives once everywhere; one erased at
    the server's second site (PARIS18) and one erased on a laptop stay erased everywhere, even though a
    laptop that had not heard of the erasure edited that person meanwhile."""
    sites, share = network
    _sync_all(sites, share)
    paris13, paris18, lyon, lille = (sites[c] for c in CODES)
    gone18, gone_lyon = _a_youth(paris18, "PARIS18"), _a_youth(lyon, "LYON")  # before any is created
    created = {
        code: sites[code]
        .services.youths.add(
            actor=SYSTEM_ACTOR,
            draft=YouthDraft(
                first_name="Inès", last_name={"PARIS18": "Nouvelle-Paris", "LYON": "Nouvelle-Lyon"}[code]
            ),
        )
        .youth.id
        for code in ("PARIS18", "LYON")
    }
    paris18.services.privacy.erase(actor=SYSTEM_ACTOR, youth_id=gone18, reason="courrier du 01/03/2027")
    lyon.services.privacy.erase(actor=SYSTEM_ACTOR, youth_id=gone_lyon, reason="courrier du 01/03/2027")
    lille.clock.advance(timedelta(minutes=5))  # a later stamp on a laptop that has not synced yet
    _edit_youth(lille, gone18, email="pas-oubliee@exemple.fr")
    _sync_all(sites, share, rounds=3)
    states = {code: shared_state(sites[code]) for code in ("PARIS13", "LYON", "LILLE")}
    assert states["PARIS13"] == states["LYON"] == states["LILLE"]
    for code in CODES:
        with sites[code].services.ctx.read() as s:
            for youth_id in created.values():  # arrived, once (the ids are the creators')
                assert s.get(Youth, youth_id) is not None and not s.get(Youth, youth_id).deleted, code
            names = (
                s.exec(select(Youth.last_name).where(Youth.last_name.startswith("Nouvelle"))).scalars().all()
            )
            assert sorted(names) == ["Nouvelle-Lyon", "Nouvelle-Paris"], code
            for youth_id in (gone18, gone_lyon):
                row = s.get(Youth, youth_id)
                assert row.deleted and row.email == "" and row.last_name == "Anonyme", code
    # one more exchange: nothing travels again, nothing comes back
    _sync_all(sites, share, rounds=1)
    assert shared_state(paris13) == states["PARIS13"] == shared_state(lille)
