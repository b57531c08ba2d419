"""`mlplanner reminders ...` and `mlplanner settings ...`, run as a scheduled task would (in process,
on the site file, with the environment IT sets up), against a local relay."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from mlplanner.cli.main import main
from support import MemoryKeyring, TestSite

from .helpers import reach_by_email, reach_by_sms, rows
from .servers import SmtpRelay


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def cli(db: Path, *args: str, now: str = "2026-01-05T08:00") -> tuple[int, str, str]:
    import contextlib
    import os

    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("MLPLANNER_NOW")
    os.environ["MLPLANNER_NOW"] = now
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--db", str(db), *args]) if False else main([*args, "--db", str(db)])
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        if old is None:
            os.environ.pop("MLPLANNER_NOW", None)
        else:
            os.environ["MLPLANNER_NOW"] = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def relay_env(relay: SmtpRelay, monkeypatch: pytest.MonkeyPatch) -> SmtpRelay:
    """The relay set up by IT through environment variables only."""
    monkeypatch.setenv("MLPLANNER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MLPLANNER_SMTP_PORT", str(relay.port))
    monkeypatch.setenv("MLPLANNER_SMTP_SECURITY", "none")
    monkeypatch.setenv("MLPLANNER_SMTP_FROM", "rappels@ml-test.fr")
    return relay


def test_settings_list_shows_every_key_and_where_it_comes_from(
    site: TestSite, db_path: Path, relay_env: SmtpRelay
) -> None:
    code, out, _ = cli(db_path, "settings", "list")
    assert code == 0
    assert "smtp.host" in out and "variable MLPLANNER_SMTP_HOST" in out
    assert "followup.no_contact_weeks" in out and "print.how_to_cancel" in out
    assert "reminders.rule.<CODE>" in out
    code, out, _ = cli(db_path, "settings", "list", "--json")
    keys = {line["key"] for line in json.loads(out)["settings"]}
    assert {"reminders.enabled", "smtp.password", "sms.api_token"} <= keys


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("smtp.port", "vingt"), "nombre"),
        (("smtp.password", "hunter2"), "set-secret"),
        (("reminders.rule.NOPE", "2"), "Type de rendez-vous inconnu"),
        (("reminders.rule.SUIVI", "demain"), "auto"),
        (("reminders.template.reminder.sms", "Bonjour {prénom}"), "champ inconnu"),
        (("smtp.security", "ssl"), "au choix"),
        (("nothing.here", "1"), "Réglage inconnu"),
    ],
)
def test_bad_settings_are_refused_with_exit_2_and_change_nothing(
    site: TestSite, db_path: Path, args: tuple[str, str], message: str
) -> None:
    before = site.services.reminders.settings().stored
    code, _, err = cli(db_path, "settings", "set", *args)
    assert code == 2 and message in err and err.count("\n") == 1
    assert site.services.reminders.settings().stored == before


def test_a_secret_goes_to_the_keyring_never_to_the_file(
    site: TestSite, db_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery staple\n"))
    code, out, _ = cli(db_path, "settings", "set-secret", "smtp.password")
    assert code == 0 and "(défini)" in out and "trousseau" in out
    assert memory_keyring.store == {("mlplanner/TEST01", "smtp.password"): "correct horse battery staple"}
    site.services.close()
    for f in db_path.parent.glob(db_path.name + "*"):
        assert b"battery staple" not in f.read_bytes()


def test_send_from_a_scheduled_task(site: TestSite, db_path: Path, relay_env: SmtpRelay) -> None:
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    assert cli(db_path, "settings", "set", "reminders.enabled", "oui")[0] == 0
    assert cli(db_path, "settings", "set", "reminders.email_route", "smtp")[0] == 0
    code, out, _ = cli(db_path, "reminders", "send")
    assert code == 0 and "1 message(s) planifié(s)" in out and "0 envoyé" in out
    code, out, _ = cli(db_path, "reminders", "send", "--dry-run", now="2026-01-06T10:00")
    assert code == 0 and "Simulation" in out and "eloise@example.org" in out
    assert relay_env.received == [] and [r.status for r in rows(site)] == ["pending"]
    code, out, _ = cli(db_path, "reminders", "send", "--json", now="2026-01-06T10:00")
    assert code == 0 and json.loads(out)["sent"] == 1
    assert len(relay_env.received) == 1
    code, out, _ = cli(db_path, "reminders", "status", "--json", now="2026-01-06T10:05")
    status = json.loads(out)
    assert status["counts"] == {"sent": 1} and status["enabled"] is True
    assert status["channels"][1]["ready"] is True
    code, out, _ = cli(db_path, "reminders", "preview", "--date", "2026-01-06", now="2026-01-07T08:00")
    assert code == 0 and "LŒUVRE Éloïse" in out and "envoyé" in out


def test_preview_of_a_day_to_come(site: TestSite, db_path: Path, relay_env: SmtpRelay) -> None:
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    site.book("kevin", "2026-01-07 11:00")
    cli(db_path, "settings", "set", "reminders.enabled", "oui")
    cli(db_path, "settings", "set", "reminders.email_route", "smtp")
    code, out, _ = cli(db_path, "reminders", "preview", "--date", "2026-01-06", "--json")
    assert code == 0
    items = json.loads(out)["items"]
    assert [(i["youth_name"], i["sendable"], i["channel"]) for i in items] == [
        ("LŒUVRE Éloïse", True, "email"),
        ("KONÉ Kévin", False, ""),
    ]
    assert items[0]["due"] == "2026-01-06T10:00"
    assert rows(site) == []  # a preview writes nothing
    code, _, err = cli(db_path, "reminders", "preview", "--date", "2026-02-30")
    assert code == 2 and "n'existe pas" in err


def test_export_sms_writes_the_batch(site: TestSite, db_path: Path, tmp_path: Path) -> None:
    reach_by_sms(site, "eloise")
    site.book("eloise", "2026-01-07 10:00")
    cli(db_path, "settings", "set", "reminders.enabled", "oui")
    cli(db_path, "settings", "set", "reminders.sms_route", "csv")
    out_file = tmp_path / "lot.csv"
    code, out, _ = cli(db_path, "reminders", "export-sms", "--out", str(out_file), now="2026-01-06T10:00")
    assert code == 0 and "1 SMS" in out
    assert "06 12 34 56 78" in out_file.read_text(encoding="utf-8-sig")
    code, _, err = cli(db_path, "reminders", "export-sms", "--out", str(tmp_path / "nope" / "x.csv"))
    assert code == 2 and "n'existe pas" in err
    assert not (tmp_path / "nope").exists()
