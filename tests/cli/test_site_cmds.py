"""`mlplanner site init | show | set`: a real site from nothing, its time zone and holidays from strict
lists, and no demo data on any path a command opens. Run in-process (`main(argv)`) for speed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.wallclock import to_utc
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.youths.service import YouthDraft

PIN = "482915"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADMIN_PIN", PIN)
    monkeypatch.setenv("MLPLANNER_NOW", "2027-03-01T08:30")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MLPLANNER_DB", raising=False)


def init(
    db: Path, *extra: str, code: str = "REUNION1", tz: str = "Indian/Reunion", holidays: str = "974"
) -> int:
    return main(
        [
            "site",
            "init",
            "--db",
            str(db),
            "--code",
            code,
            "--name",
            "Mission Locale Sud — site Saint-Pierre",
            "--organisation",
            "Mission Locale Sud",
            "--timezone",
            tz,
            "--holidays",
            holidays,
            "--admin",
            "Awa DIOP",
            "--pin-env",
            "ADMIN_PIN",
            *extra,
        ]
    )


def admin_of(sv: Services) -> Actor:
    (admin,) = sv.directory.staff(role=Role.ADMIN)
    return Actor(id=admin.id, name=admin.display_name, role=Role.ADMIN)


def add_counsellor(sv: Services) -> None:
    """A full-time counsellor (the wizard's staff step would do the same)."""
    week = {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)}
    sv.directory.add_staff(
        actor=admin_of(sv), first_name="Lina", last_name="Payet", role=Role.COUNSELLOR, working_pattern=week
    )


def days_offered(sv: Services, start: date, count: int = 40) -> set[date]:
    return {s.start.date() for s in sv.slots.find(type_code="SUIVI", start=start, count=count)}


def test_a_reunion_site_from_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "reunion.sqlite3"
    assert init(db) == 0
    assert "Site REUNION1 créé" in capsys.readouterr().out
    sv = Services.open(db, clock=FixedClock(datetime(2027, 3, 1, 5, 0, tzinfo=UTC)))
    try:
        site = sv.directory.site()
        assert (site.timezone, site.holiday_subdivision, site.demo) == ("Indian/Reunion", "974", False)
        assert sv.directory.login(staff_id=admin_of(sv).id, secret=PIN).role is Role.ADMIN
        assert {t.code for t in sv.directory.types()} == {"ACC", "SUIVI", "CEJ", "TEL", "VISIO"}
        assert len(sv.directory.rooms()) == 4
        add_counsellor(sv)
        # 20 December, abolition of slavery in La Réunion: no slot that day, slots the days around it
        offered = days_offered(sv, date(2027, 12, 17), count=200)
        assert date(2027, 12, 17) in offered and date(2027, 12, 21) in offered
        assert date(2027, 12, 20) not in offered
        # a 10:00 appointment is at 10:00 in every season (and the same instant: no DST there)
        youth = sv.youths.add(
            actor=admin_of(sv),
            draft=YouthDraft(first_name="Noé", last_name="Hoarau", birth_date=date(2005, 1, 2)),
        ).youth
        for day in (date(2027, 3, 2), date(2027, 7, 6), date(2027, 10, 26), date(2027, 12, 21)):
            appt = sv.booking.book(
                actor=admin_of(sv),
                youth_id=youth.id,
                type_code="SUIVI",
                start=datetime.combine(day, datetime.min.time()).replace(hour=10),
            ).appointment
            again = sv.booking.get(appt.id)
            assert (again.start.hour, again.start.minute) == (10, 0)
            assert to_utc(again.start, "Indian/Reunion").hour == 6
    finally:
        sv.close()
    assert main(["day", "--db", str(db), "--date", "2027-07-06"]) == 0
    assert "10:00-10:30" in capsys.readouterr().out


def test_alsace_moselle_has_no_slot_on_good_friday_and_a_later_change_moves_the_slots(tmp_path: Path) -> None:
    db = tmp_path / "strasbourg.sqlite3"
    assert init(db, code="STRAS", tz="Europe/Paris", holidays="67") == 0
    sv = Services.open(db)
    try:
        add_counsellor(sv)
        assert date(2027, 3, 26) not in days_offered(sv, date(2027, 3, 25))  # Vendredi saint
        assert date(2027, 3, 25) in days_offered(sv, date(2027, 3, 25))
    finally:
        sv.close()
    assert main(["site", "set", "--db", str(db), "--holidays", "75"]) == 0  # the site lead got it wrong
    sv = Services.open(db)
    try:
        assert date(2027, 3, 26) in days_offered(sv, date(2027, 3, 25))  # Paris works on Good Friday
        assert sv.directory.site().holiday_subdivision == "75"
    finally:
        sv.close()


@pytest.mark.parametrize(
    ("flag", "value", "code"),
    [
        ("--timezone", "indian/reunion", "bad_timezone"),
        ("--timezone", "America/New_York", "bad_timezone"),
        ("--holidays", "2a", "bad_holidays"),
        ("--holidays", "re", "bad_holidays"),
        ("--holidays", "99", "bad_holidays"),
        ("--holidays", "FR", "bad_holidays"),
        ("--code", "PARIS 13", "bad_site_code"),
        ("--admin", "Awa", "admin_name"),
    ],
)
def test_unknown_or_lower_case_codes_are_refused_and_leave_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, code: str
) -> None:
    db = tmp_path / "new.sqlite3"
    argv = [
        "site", "init", "--db", str(db), "--code", "X1", "--name", "Site", "--organisation", "ML",
        "--timezone", "Indian/Reunion", "--holidays", "974", "--admin", "Awa Diop", "--pin-env", "ADMIN_PIN",
    ]  # fmt: skip
    argv[argv.index(flag) + 1] = value
    assert main([*argv, "--json"]) == 2
    assert f'"error": "{code}"' in capsys.readouterr().err
    assert list(tmp_path.iterdir()) in ([], [tmp_path / "xdg"])  # nothing left behind


@pytest.mark.parametrize("pin", ["1234", "123456", "000000", "12a456", "1234567890123"])
def test_a_real_site_refuses_short_or_guessable_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str
) -> None:
    monkeypatch.setenv("ADMIN_PIN", pin)
    db = tmp_path / "new.sqlite3"
    assert init(db) == 2
    assert not db.exists()


def test_init_never_replaces_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "site.sqlite3"
    assert init(db) == 0
    before = db.read_bytes()
    assert init(db, code="OTHER") == 3
    assert "existe déjà" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_the_calendar_is_changed_by_an_administrator_only_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "site.sqlite3"
    assert init(db, code="METZ", tz="Europe/Paris", holidays="75") == 0
    sv = Services.open(db)
    try:
        add_counsellor(sv)
        lead = sv.directory.add_staff(
            actor=admin_of(sv), first_name="Léon", last_name="Marchal", role=Role.SITE_LEAD
        )
        sv.directory.set_secret(actor=admin_of(sv), staff_id=lead.id, secret="482915")
        youth = sv.youths.add(
            actor=admin_of(sv),
            draft=YouthDraft(first_name="Zoé", last_name="Klein", birth_date=date(2006, 5, 4)),
        ).youth
        sv.booking.book(
            actor=admin_of(sv), youth_id=youth.id, type_code="SUIVI", start=datetime(2027, 3, 26, 10, 0)
        )
    finally:
        sv.close()
    capsys.readouterr()
    monkeypatch.setenv("MLPLANNER_PIN", "482915")  # `--as` proves who acts (README, "CLI")
    assert main(["site", "set", "--db", str(db), "--holidays", "57", "--as", lead.id]) == 3
    assert "fuseau horaire ou le calendrier" in capsys.readouterr().err
    assert main(["site", "set", "--db", str(db), "--holidays", "57"]) == 0
    out = capsys.readouterr().out
    assert "1 rendez-vous tombent sur un jour désormais férié : 26/03/2027 10:00 (Vendredi saint)" in out
    assert main(["site", "set", "--db", str(db), "--timezone", "Europe/Paris", "--holidays", "57"]) == 0
    assert main(["site", "show", "--db", str(db)]) == 0
    shown = capsys.readouterr().out
    assert (
        "Jours fériés : 57 — Moselle (Alsace-Moselle)" in shown and "Fuseau horaire : Europe/Paris" in shown
    )


COMMANDS = [
    ["day"],
    ["site", "show"],
    ["youth", "search", "dupont"],
    ["slots", "--type", "SUIVI"],
    ["sync", "--folder", "."],
    ["backup"],
    ["check"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_no_command_seeds_a_new_or_empty_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """A missing path is refused (nothing created); an empty file gets no site and no demo data, and the
    message says how to create a site (exit 2)."""
    missing = tmp_path / "missing.sqlite3"
    code = main([*argv, "--db", str(missing)])
    assert code == 2 and not missing.exists()
    assert "site init" in capsys.readouterr().err
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    code = main([*argv, "--db", str(empty)])
    err = capsys.readouterr().err
    assert code == 2, err
    if empty.stat().st_size:
        conn = sqlite3.connect(empty)
        assert conn.execute("SELECT count(*) FROM youth").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'site_code'").fetchone() == (0,)
        conn.close()
