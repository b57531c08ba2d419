"""Booking at another site of a server (issue 18): a database holding several sites writes each of their
diaries, so a desk of Tolbiac (TEST01) books at Belleville (TEST02) directly, under the same rules, with
no request and no sync; the slip prints at once. Both sites' locks are taken in sorted order: two desks
booking across each other (A→B and B→A at once, real processes) never deadlock, never double-book. A
site the server does not hold (it stays on its file and syncs through the folder) still gets a request.

On the session's PostgreSQL cluster only (a site file holds one site: the folder-synced requests are in
test_other_sites*.py); the two-site database is a template built once, copied per test.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from engines import Location, Templates, private_copy
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role, RoomKind
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.models import StaffView, YouthView
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.directory.service import SiteSetup
from mlplanner.storage.tables import Room, Site
from support import CLOCK_START, FULL_TIME, SITE_HOURS, actor_of, build_test_site, sql_rows, wall

pytestmark = pytest.mark.postgresql_only

TEN = "2026-01-06 10:00"
BELLEVILLE = "Mission Locale de test — site Belleville"


@dataclass
class Network:
    """Tolbiac and Belleville on one server database; Bastille (TEST03) known only as sync brings it."""

    url: str
    staff: dict[str, StaffView]  # Tolbiac's (the small test site's) and "ines", "desk2", "lead2", "admin2"
    youths: dict[str, YouthView]

    def open(self, site: str, clock: FixedClock) -> Services:
        return Services.open(self.url, clock=clock, site=site)

    def actor(self, key: str) -> Actor:
        return actor_of(self.staff[key])


def _build(location: Location) -> tuple[dict[str, StaffView], dict[str, YouthView]]:
    clk = FixedClock(CLOCK_START)
    sv = Services.open(location, clock=clk)
    try:
        first = build_test_site(sv, clk)
    finally:
        sv.close()
    staff, youths = dict(first.staff), dict(first.youths)
    sv = Services.open(location, clock=clk)  # creating a second site on a server makes it work for it
    try:
        d = sv.directory
        d.create_site(SiteSetup(code="TEST02", name=BELLEVILLE, address="3 rue de Belleville, 75020 Paris",
                                opening_hours=SITE_HOURS))  # fmt: skip
        staff["admin2"] = d.add_staff(
            actor=SYSTEM_ACTOR, first_name="Admin", last_name="Deux", role=Role.ADMIN
        )
        admin = actor_of(staff["admin2"])
        office = d.add_room(actor=admin, name="Bureau B1", kind=RoomKind.OFFICE, capacity=3)
        d.add_room(actor=admin, name="Bureau B2", kind=RoomKind.OFFICE, capacity=3)
        staff["ines"] = d.add_staff(actor=admin, first_name="Inès", last_name="Garnier", role=Role.COUNSELLOR,
                                    working_pattern=FULL_TIME, default_room_id=office.id)  # fmt: skip
        staff["desk2"] = d.add_staff(actor=admin, first_name="Accueil", last_name="Belleville",
                                     role=Role.RECEPTIONIST, working_pattern=FULL_TIME)  # fmt: skip
        staff["lead2"] = d.add_staff(actor=admin, first_name="Léa", last_name="Responsable",
                                     role=Role.SITE_LEAD, working_pattern=FULL_TIME)  # fmt: skip
        # Bastille stays on its file: its rows reached the server by sync (not one of its local sites)
        with sv.ctx.db.write(lock="*") as s:
            bastille = Site(code="TEST03", name="Mission Locale de test — site Bastille", origin_site="TEST03",
                            hlc="001767600000000.00000.TEST03",
                            opening_hours=WeeklyHours.from_mapping(SITE_HOURS).to_json())  # fmt: skip
            s.add(bastille)
            s.flush()
            s.add(Room(site_id=bastille.id, name="Bureau C1", origin_site="TEST03",
                       hlc="001767600000000.00001.TEST03"))  # fmt: skip
    finally:
        sv.close()
    return staff, youths


@pytest.fixture
def net(templates: Templates, tmp_path, request: pytest.FixtureRequest) -> Network:  # type: ignore[no-untyped-def]
    _where, (staff, youths) = templates.get("postgresql", "two_sites", _build)
    url = private_copy(request, templates, "postgresql", "two_sites", tmp_path / "unused.sqlite3")
    return Network(str(url), staff, youths)


@pytest.fixture
def tolbiac(net: Network, clock: FixedClock):  # type: ignore[no-untyped-def]
    sv = net.open("TEST01", clock)
    yield sv
    sv.close()


@pytest.fixture
def belleville(net: Network, clock: FixedClock):  # type: ignore[no-untyped-def]
    sv = net.open("TEST02", clock)
    yield sv
    sv.close()


def _at_ten(sv: Services) -> list[tuple[str, str]]:
    return [(a.youth_id, a.counsellor_id) for a in sv.booking.day(wall(TEN).date()) if a.start == wall(TEN)]


def test_a_desk_books_at_another_site_of_the_server_directly(
    engine: str, net: Network, tolbiac: Services, belleville: Services
) -> None:
    eloise = net.youths["eloise"].id
    done = tolbiac.requests.book_anywhere(
        actor=net.actor("karima"), site="test02 ", youth_id=eloise, type_code="SUIVI", start=wall(TEN),
        counsellor=net.staff["ines"].id,
    )  # fmt: skip
    assert done.request is None and done.appointment is not None  # booked, no request, no waiting
    a = done.appointment
    assert (a.counsellor_name, a.room_name) == ("Inès Garnier", "Bureau B1")
    assert done.site_code == "TEST02" and done.site_name == BELLEVILLE
    assert _at_ten(belleville) == [(eloise, net.staff["ines"].id)]  # in Belleville's diary at once
    assert _at_ten(tolbiac) == []
    # Belleville's row, stamped as Belleville's (it leaves in Belleville's change sets), audited here
    assert sql_rows(net.url, "SELECT s.code, a.origin_site, a.hlc LIKE '%.TEST02', a.slot_checked FROM "
                    "appointment a JOIN site s ON s.id = a.site_id") == [("TEST02", "TEST02", True, True)]  # fmt: skip
    ((site_code, after),) = sql_rows(
        net.url, "SELECT site_code, after FROM audit_entry WHERE action = 'book'"
    )
    assert site_code == "TEST01" and json.loads(after)["site"] == "TEST02"
    assert sql_rows(net.url, "SELECT count(*) FROM booking_request") == [(0,)]
    # confirmed: the slip prints now, headed with the site where the young person goes
    slip = tolbiac.printing.slip_document(actor=net.actor("karima"), appointment_id=a.id)
    assert slip.doc.header.site_name == "Site Belleville"  # type: ignore[attr-defined]
    # from then on it is Belleville's appointment: its own desk moves, cancels and checks it in
    with pytest.raises(RuleViolation) as err:
        tolbiac.appointments.cancel(actor=net.actor("karima"), appointment_id=a.id, by_youth=True)
    assert err.value.code == "other_site"
    # a site the server holds is never asked by request
    with pytest.raises(RuleViolation) as err:
        tolbiac.requests.send(actor=net.actor("karima"), site="TEST02", youth_id=eloise, type_code="SUIVI",
                              start=wall("2026-01-06 11:00"))  # fmt: skip
    assert err.value.code == "not_a_request"


def test_the_other_sites_rules_apply_not_the_desks(
    engine: str, net: Network, tolbiac: Services, belleville: Services
) -> None:
    """Booked from Tolbiac, a booking at Belleville follows Belleville's opening hours, closures and time
    zone (each refused there in that rule's words) while the same time at Tolbiac is accepted."""
    from datetime import date

    from sqlmodel import select

    lead2 = net.actor("lead2")
    belleville.directory.update_site(
        actor=lead2, opening_hours={"1": [["09:00", "12:00"]]}
    )  # Tuesday mornings
    belleville.directory.add_closure(
        actor=lead2, start=date(2026, 1, 7), end=date(2026, 1, 7), reason="travaux"
    )
    with belleville.ctx.db.write(lock="*") as s:  # Belleville moves to La Réunion (UTC+4)
        row = s.exec(select(Site).where(Site.code == "TEST02")).one()
        row.timezone = "Indian/Reunion"
        s.add(row)
    karima, kevin = net.actor("karima"), net.youths["kevin"].id
    cases = {
        "2026-01-06 14:00": "outside_opening_hours",  # Tuesday afternoon: Belleville is closed, Tolbiac open
        "2026-01-07 10:00": "site_closed",  # Belleville's closure, not Tolbiac's
        "2026-01-05 10:00": "in_past",  # 07:00 UTC: 08:00 in Paris, already 11:00 at La Réunion
    }
    for when, code in cases.items():
        with pytest.raises(RuleViolation) as err:
            tolbiac.requests.book_anywhere(actor=karima, site="TEST02", youth_id=kevin, type_code="SUIVI",
                                           start=wall(when), counsellor=net.staff["ines"].id)  # fmt: skip
        assert err.value.code == code, when
    assert sql_rows(net.url, "SELECT count(*) FROM appointment") == [(0,)]
    for when in cases:  # the desk's own site is open then
        done = tolbiac.requests.book_anywhere(actor=karima, site="TEST01", youth_id=kevin, type_code="SUIVI",
                                              start=wall(when), counsellor=net.staff["claire"].id)  # fmt: skip
        assert done.appointment is not None
    # and a room of Belleville, chosen there (none of Tolbiac's)
    booked = tolbiac.requests.book_anywhere(actor=karima, site="TEST02", youth_id=net.youths["eloise"].id,
                                            type_code="SUIVI", start=wall("2026-01-06 11:00"))  # fmt: skip
    assert booked.appointment is not None and booked.appointment.room_name.startswith("Bureau B")


def test_a_site_on_its_file_still_gets_a_request(engine: str, net: Network, tolbiac: Services) -> None:
    done = tolbiac.requests.book_anywhere(
        actor=net.actor("karima"), site="TEST03", youth_id=net.youths["kevin"].id, type_code="SUIVI",
        start=wall(TEN), counsellor=net.staff["claire"].id,
    )  # fmt: skip
    assert done.appointment is None and done.request is not None
    assert done.request.state_fr == "en attente de confirmation"
    assert sql_rows(net.url, "SELECT count(*) FROM appointment") == [(0,)]
    with pytest.raises(RuleViolation) as err:  # and a direct booking there is refused: ask that site
        tolbiac.booking.book(actor=net.actor("karima"), site="TEST03", youth_id=net.youths["kevin"].id,
                             type_code="SUIVI", start=wall(TEN), counsellor=net.staff["claire"].id)  # fmt: skip
    assert err.value.code == "other_site"


def test_who_may_book_at_another_site(engine: str, net: Network, tolbiac: Services) -> None:
    """Whoever may book here may book there (a receptionist, a counsellor); overriding that site's rules
    (forcing, back-office entry) or choosing its rooms and partners is that site's own desk's call."""
    kevin = net.youths["kevin"].id
    ask = {"site": "TEST02", "youth_id": kevin, "type_code": "SUIVI", "start": wall(TEN)}
    with pytest.raises(PermissionDenied):  # a partner books nothing, here or there
        tolbiac.booking.book(actor=Actor("p", "Partenaire", Role.PARTNER), **ask)
    for refused in ({"force_reason": "urgence"}, {"back_office": True}, {"room": "Bureau B2"},
                    {"second_staff": net.staff["claire"].id}):  # fmt: skip
        with pytest.raises(InputError) as err:
            tolbiac.booking.book(actor=net.actor("bernard"), **ask, **refused)  # a site lead of Tolbiac
        assert err.value.code == "site_options"
    assert sql_rows(net.url, "SELECT count(*) FROM appointment") == [(0,)]
    booked = tolbiac.booking.book(actor=net.actor("claire"), **ask).appointment  # a counsellor may
    assert booked.counsellor_name == "Inès Garnier"  # Belleville's counsellor, not Tolbiac's


def test_a_taken_slot_is_refused_in_the_same_words_and_exit_code(
    engine: str, net: Network, belleville: Services, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    """The words are the rule's (`test_other_sites` reads the same sentence on files); exit 3 as on SQLite."""
    from mlplanner.cli.main import main

    belleville.booking.book(actor=net.actor("desk2"), youth_id=net.youths["kevin"].id, type_code="SUIVI",
                            start=wall(TEN), counsellor=net.staff["ines"].id)  # fmt: skip
    monkeypatch.setenv("MLPLANNER_NOW", "2026-01-05T08:00")
    monkeypatch.setenv("MLPLANNER_SITE", "TEST01")
    before = sql_rows(net.url, "SELECT id, youth_id, status FROM appointment ORDER BY id")
    code = main(["book", "--db", net.url, "--youth", net.youths["eloise"].id, "--type", "SUIVI",
                 "--start", TEN, "--site", "TEST02", "--counsellor", "Garnier"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 3
    assert "Inès Garnier a déjà un rendez-vous de 10:00 à 10:30" in err and err.count("\n") == 1
    assert sql_rows(net.url, "SELECT id, youth_id, status FROM appointment ORDER BY id") == before
    # and when free, the CLI books it at once and says where, with the slip's command
    code = main(["book", "--db", net.url, "--youth", net.youths["eloise"].id, "--type", "SUIVI",
                 "--start", "2026-01-06 11:00", "--site", "TEST02"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert f"Rendez-vous pris au site TEST02 ({BELLEVILLE}) : confirmé" in out
    appointment_id = out.split()[0]
    pdf = tmp_path / "coupon.pdf"
    code = main(["print", "slip", "--db", net.url, "--appointment", appointment_id,
                 "--out", str(pdf)])  # fmt: skip
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")


# --- two desks booking across each other at once --------------------------------------------------------
ROUNDS = ("09:00", "10:00", "11:00", "14:00")


def _desk(url: str, site: str, other: str, actor: tuple[str, str, str], plan: dict[str, str],
          barrier: Any, out: Any) -> None:  # fmt: skip
    """Each round: book at the other site (`cross`), then here (`own`), right after the other desk's start."""
    from datetime import datetime as dt

    from mlplanner.domain.errors import DomainError

    sv = Services.open(url, FixedClock(dt(2026, 1, 5, 7, 0, tzinfo=UTC)), site=site)
    who = Actor(actor[0], actor[1], Role(actor[2]))
    codes: list[str] = []
    try:
        sv.booking.day(wall(TEN).date())  # connected and warm before the start
        for hm in ROUNDS:
            barrier.wait(timeout=120)
            start = dt.fromisoformat(f"2026-01-06 {hm}")
            for where, youth, counsellor in ((other, plan["cross_youth"], plan["cross_counsellor"]),
                                             (site, plan["own_youth"], plan["own_counsellor"])):  # fmt: skip
                try:
                    sv.requests.book_anywhere(actor=who, site=where, youth_id=youth, type_code="SUIVI",
                                              start=start, counsellor=counsellor)  # fmt: skip
                    codes.append("ok")
                except DomainError as exc:
                    codes.append(exc.code)
    except Exception as exc:  # reported, never swallowed
        codes.append(f"crash: {exc!r}")
    finally:
        sv.close()
        out.put((site, codes))


@pytest.mark.slow
def test_two_desks_booking_across_each_other_never_deadlock_nor_double_book(
    engine: str, net: Network
) -> None:
    """Tolbiac books Éloïse with Inès at Belleville while Belleville books Éloïse with Claire at Tolbiac,
    then each books Kévin at home with the counsellor the other just asked for: per round, the four
    bookings clash in a ring, so exactly two pass, whatever the order. Each cross booking holds both
    sites' locks: taken in the same order by both, they queue instead of deadlocking (a deadlock or a
    lock timeout would show as `db_locked`)."""
    y1, y2 = net.youths["eloise"].id, net.youths["kevin"].id
    ines, claire = net.staff["ines"].id, net.staff["claire"].id
    karima, desk2 = net.staff["karima"], net.staff["desk2"]
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    plans = {
        "TEST01": {"cross_youth": y1, "cross_counsellor": ines, "own_youth": y2, "own_counsellor": claire},
        "TEST02": {"cross_youth": y1, "cross_counsellor": claire, "own_youth": y2, "own_counsellor": ines},
    }
    procs = [
        ctx.Process(target=_desk, args=(net.url, "TEST01", "TEST02", (karima.id, karima.display_name, "receptionist"),
                                        plans["TEST01"], barrier, out)),
        ctx.Process(target=_desk, args=(net.url, "TEST02", "TEST01", (desk2.id, desk2.display_name, "receptionist"),
                                        plans["TEST02"], barrier, out)),
    ]  # fmt: skip
    for p in procs:
        p.start()
    results = dict(out.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    codes = results["TEST01"] + results["TEST02"]
    assert not [c for c in codes if c.startswith("crash")], results
    assert "db_locked" not in codes, results  # no deadlock, no lock wait timed out
    assert set(codes) <= {"ok", "youth_overlap", "counsellor_overlap", "no_counsellor_free"}, results
    assert codes.count("ok") == 2 * len(ROUNDS), results
    for column in ("youth_id", "counsellor_id", "room_id"):  # read back from the database itself
        clashes = sql_rows(net.url, f"""SELECT a.id FROM appointment a JOIN appointment b ON a.id < b.id
            AND a.{column} = b.{column} AND a.start < b."end" AND b.start < a."end"
            WHERE a.status = 'booked' AND b.status = 'booked' AND NOT a.deleted AND NOT b.deleted""")  # fmt: skip
        assert clashes == [], column
    per_site = dict(sql_rows(net.url, "SELECT s.code, count(*) FROM appointment a JOIN site s ON s.id = a.site_id "
                                      "GROUP BY s.code"))  # fmt: skip
    assert sum(per_site.values()) == 2 * len(ROUNDS)


def test_the_booking_dialog_books_there_and_prints_the_slip(
    engine: str, net: Network, tolbiac: Services, belleville: Services, qtbot, bus, prompt
) -> None:  # type: ignore[no-untyped-def]
    """The desk's dialog: Belleville in the site list, its proposals marked, booked at once (no request),
    said and announced as booked there, and the slip asked for at once."""
    from mlplanner.ui.reception.install import install
    from mlplanner.ui.shell.core import install_core
    from mlplanner.ui.shell.main_window import MainWindow
    from mlplanner.ui.widgets.announce import announcer

    window = MainWindow(tolbiac, net.actor("karima"), bus, prompt=prompt)
    qtbot.addWidget(window)
    core = install_core(window, live_refresh=False)
    install(window)
    dialog = core.open_booking({"youth_id": net.youths["eloise"].id})
    sites = [dialog.site_box.itemData(i) for i in range(dialog.site_box.count())]
    assert sites == ["TEST01", "TEST02", "TEST03", "all"]
    # the list says which site only takes requests (Bastille, on its file), and the button what it does
    labels = [dialog.site_box.itemText(i) for i in range(3)]
    assert "sur demande" not in labels[1] and labels[2].endswith("(sur demande)")
    dialog.site_box.setCurrentIndex(2)
    assert dialog.book_btn.text() == "&Envoyer la demande"
    dialog.site_box.setCurrentIndex(1)
    assert dialog.book_btn.text() == "&Prendre le rendez-vous"
    dialog.refresh_slots()
    first = dialog.slots.item(0).text()
    assert first.startswith("[TEST02]") and "Inès Garnier" in first
    dialog.slots.setCurrentRow(0)
    with qtbot.waitSignal(window.printRequested) as printed:
        a = dialog.book()
    assert a is not None and a.counsellor_name == "Inès Garnier"
    assert printed.args == ["slip", {"appointment_id": a.id, "youth_id": a.youth_id}]
    assert "Rendez-vous pris au site TEST02" in window.status.currentMessage()
    assert "Rendez-vous pris au site TEST02" in announcer(window).history[-1]
    assert [x.id for x in belleville.booking.day(a.start.date())] == [a.id]
    assert tolbiac.requests.sent() == []


def test_the_other_sites_desks_see_it_at_once(
    engine: str, net: Network, tolbiac: Services, belleville: Services
) -> None:
    """Live refresh: Belleville's workstations listen for Belleville's writes; a booking made there from
    Tolbiac reaches them through the same notification (no polling faster than today)."""
    import time

    watch = belleville.watch_changes()
    try:
        watch.check()  # what was written before
        tolbiac.requests.book_anywhere(actor=net.actor("karima"), site="TEST02", youth_id=net.youths["kevin"].id,
                                       type_code="SUIVI", start=wall(TEN))  # fmt: skip
        for _ in range(200):  # the notification arrives on the watch's own thread, after the commit
            if watch.check().changed:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("Belleville's workstations were not told")
    finally:
        watch.close()
