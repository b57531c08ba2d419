"""Wrong PINs lock an account for a while, longer each time; the count and the lock live in the site file,
so they hold across restarts of the app and across the workstations (processes) sharing the file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.pins import check_pin, lock_after
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.setup import NewSite

T0 = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
ADMIN_PIN, PIN, WRONG = "482915", "305817", "999990"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, str]:
    """A real site with a receptionist whose PIN is 305817; returns (file, her id)."""
    path = tmp_path / "site.sqlite3"
    sv = Services.open(path, clock=FixedClock(T0))
    try:
        created = sv.site_setup.create(
            NewSite(
                code="LILLE",
                name="Site Lille",
                organisation="Mission Locale de Lille",
                timezone="Europe/Paris",
                holidays="59",
                admin_first_name="Awa",
                admin_last_name="Diop",
                admin_pin=ADMIN_PIN,
            )
        )
        admin = Actor(id=created.admin.id, name=created.admin.display_name, role=Role.ADMIN)
        karima = sv.directory.add_staff(
            actor=admin, first_name="Karima", last_name="Haddou", role=Role.RECEPTIONIST
        )
        sv.directory.set_secret(
            actor=Actor(karima.id, "Karima Haddou", Role.RECEPTIONIST), staff_id=karima.id, secret=PIN
        )
    finally:
        sv.close()
    return path, karima.id


def wrong(sv: Services, staff_id: str) -> RuleViolation:
    with pytest.raises(RuleViolation) as err:
        sv.directory.login(staff_id=staff_id, secret=WRONG)
    return err.value


def test_the_lock_grows_and_even_the_right_pin_waits(site: tuple[Path, str]) -> None:
    path, karima = site
    clock = FixedClock(T0)
    sv = Services.open(path, clock=clock)
    try:
        assert wrong(sv, karima).code == "bad_login"
        assert wrong(sv, karima).message == "Nom ou code incorrect."
        third = wrong(sv, karima)
        assert "verrouillé pendant 30 secondes" in third.message
        with pytest.raises(RuleViolation) as err:  # locked: the right code is not even checked
            sv.directory.login(staff_id=karima, secret=PIN)
        assert err.value.code == "locked" and "08:00:30" in err.value.message  # Paris wall clock
        clock.advance(timedelta(seconds=31))
        assert "1 minute(s)" in wrong(sv, karima).message  # the 4th wrong code in a row: longer
        clock.advance(timedelta(minutes=1, seconds=1))
        assert sv.directory.login(staff_id=karima, secret=PIN).id == karima
        assert sv.directory.lock_state(karima).failures == 0
        with sv.ctx.read() as s:
            from sqlalchemy import select

            from mlplanner.storage.tables import AuditEntry

            actions = [
                (e.action, e.reason)
                for e in s.exec(
                    select(AuditEntry).where(AuditEntry.entity_id == karima).order_by(AuditEntry.at)
                ).scalars()
            ]
        assert [a for a, _r in actions if a in ("lock", "unlock")] == ["lock", "lock", "unlock"]
    finally:
        sv.close()


def test_the_count_survives_a_restart(site: tuple[Path, str]) -> None:
    path, karima = site
    for _ in range(2):  # two wrong codes, then the app is closed
        sv = Services.open(path, clock=FixedClock(T0))
        try:
            wrong(sv, karima)
        finally:
            sv.close()
    sv = Services.open(path, clock=FixedClock(T0 + timedelta(seconds=5)))  # restarted
    try:
        assert "verrouillé" in wrong(sv, karima).message
    finally:
        sv.close()
    sv = Services.open(path, clock=FixedClock(T0 + timedelta(seconds=10)))  # restarted again, still locked
    try:
        with pytest.raises(RuleViolation, match="verrouillé"):
            sv.directory.login(staff_id=karima, secret=PIN)
    finally:
        sv.close()


def test_two_workstations_share_the_count(site: tuple[Path, str]) -> None:
    path, karima = site
    desk, office = Services.open(path, clock=FixedClock(T0)), Services.open(path, clock=FixedClock(T0))
    try:
        wrong(desk, karima)
        wrong(office, karima)
        assert "verrouillé" in wrong(desk, karima).message
        with pytest.raises(RuleViolation, match="verrouillé"):
            office.directory.login(staff_id=karima, secret=PIN)
    finally:
        desk.close()
        office.close()


CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, UTC
    from mlplanner.domain.clock import FixedClock
    from mlplanner.domain.errors import RuleViolation
    from mlplanner.services.container import Services
    sv = Services.open(sys.argv[1], clock=FixedClock(datetime(2027, 3, 1, 7, 0, tzinfo=UTC)))
    codes = []
    for _ in range(int(sys.argv[3])):
        try:
            sv.directory.login(staff_id=sys.argv[2], secret="999990")
        except RuleViolation as exc:
            codes.append(exc.code)
    sv.close()
    print(",".join(codes))
    """
)


def test_workstations_in_other_processes_lock_the_account_here(site: tuple[Path, str]) -> None:
    path, karima = site
    first = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), karima, "2"], capture_output=True, text=True, check=True
    )
    assert first.stdout.strip() == "bad_login,bad_login"
    second = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), karima, "2"], capture_output=True, text=True, check=True
    )
    assert second.stdout.strip() == "bad_login,locked"  # the 3rd wrong code locked; the 4th was not checked
    sv = Services.open(path, clock=FixedClock(T0 + timedelta(seconds=20)))
    try:
        with pytest.raises(RuleViolation, match="verrouillé"):
            sv.directory.login(staff_id=karima, secret=PIN)
        assert sv.directory.lock_state(karima).failures == 3
    finally:
        sv.close()


def test_an_administrator_unlocks_and_the_unlock_is_audited(site: tuple[Path, str]) -> None:
    path, karima = site
    sv = Services.open(path, clock=FixedClock(T0))
    try:
        for _ in range(3):
            wrong(sv, karima)
        (admin,) = sv.directory.staff(role=Role.ADMIN)
        actor = Actor(admin.id, admin.display_name, Role.ADMIN)
        sv.directory.unlock(actor=actor, staff_id=karima)
        assert sv.directory.login(staff_id=karima, secret=PIN).id == karima
        rows = sv.audit_log.entries(actor=actor, action="unlock").rows
        assert len(rows) == 1 and rows[0].actor_name == "Awa Diop"
    finally:
        sv.close()


@pytest.mark.parametrize(
    ("pin", "demo", "ok"),
    [
        ("482915", False, True),
        ("1234", True, True),
        ("1234", False, False),
        ("12345", False, False),
        ("000000", False, False),
        ("123456", False, False),
        ("987654", False, False),
        ("890123", False, False),
        ("4829151234567", False, False),
        ("48291a", False, False),
        ("４８２９１５", False, False),  # full-width digits
    ],
)
def test_what_a_pin_may_be(pin: str, demo: bool, ok: bool) -> None:
    if ok:
        assert check_pin(pin, demo=demo) == pin
    else:
        with pytest.raises(InputError):
            check_pin(pin, demo=demo)


def test_lock_durations() -> None:
    assert [lock_after(n) for n in (1, 2)] == [None, None]
    assert [lock_after(n).total_seconds() for n in (3, 4, 5, 6, 20)] == [30, 60, 300, 900, 900]  # type: ignore[union-attr]


def test_a_real_site_refuses_a_short_pin_set_by_anyone(site: tuple[Path, str]) -> None:
    path, karima = site
    sv = Services.open(path, clock=FixedClock(T0))
    try:
        with pytest.raises(InputError, match="6 à 12 chiffres"):
            sv.directory.set_secret(
                actor=Actor(karima, "Karima Haddou", Role.RECEPTIONIST), staff_id=karima, secret="1234"
            )
        assert sv.directory.login(staff_id=karima, secret=PIN).id == karima
    finally:
        sv.close()
