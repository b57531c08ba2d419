"""`mlplanner wishes list|add|propose` on a real file: the whole loop from the command line, bad input
(exit 2, nothing stored) and a refusal (exit 3)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from mlplanner.cli.main import main
from support import TestSite, cli_pins


@pytest.fixture
def cli(site: TestSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    db = str(site.services.ctx.db.location)
    monkeypatch.setenv("MLPLANNER_NOW", "2026-01-05T08:00")
    for name, value in cli_pins(site, "karima").items():  # `--as` proves who acts with a PIN
        monkeypatch.setenv(name, value)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main([*args, "--db", db])
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _wishes(site: TestSite) -> int:
    with site.services.ctx.read() as s:  # either engine
        return int(s.execute(text("SELECT count(*) FROM earlier_wish")).scalar_one())


def test_the_whole_loop(site: TestSite, cli) -> None:  # type: ignore[no-untyped-def]
    kevin = site.book("kevin", "2026-01-06 10:00")
    eloise = site.book("eloise", "2026-01-09 16:00")
    code, out, err = cli(
        "wishes", "add", "--appointment", eloise.id, "--when", "mar, mer matin", "--as", "Karima Haddou"
    )
    assert code == 0, err
    assert "LŒUVRE Éloïse" in out and "mardi matin ; mercredi matin" in out
    code, out, _ = cli("wishes", "list")
    assert code == 0 and "LŒUVRE Éloïse" in out
    code, out, _ = cli("wishes", "propose")
    assert code == 0 and "aucune proposition" in out
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=kevin.id, by_youth=True)
    code, out, _ = cli("wishes", "propose", "--json")
    proposal = json.loads(out)
    assert code == 0 and proposal["wish"]["appointment"]["youth_name"] == "LŒUVRE Éloïse"
    assert proposal["start"] == "2026-01-06T10:00"
    code, out, err = cli("wishes", "propose", "--accept", proposal["id"], "--as", "Karima Haddou")
    assert code == 0, err
    assert "Rendez-vous avancé : LŒUVRE Éloïse le 06/01/2026 à 10:00" in out
    code, out, _ = cli("wishes", "list")
    assert "(liste vide)" in out


def test_bad_input_and_refusals(site: TestSite, cli) -> None:  # type: ignore[no-untyped-def]
    eloise = site.book("eloise", "2026-01-09 16:00")
    code, _out, err = cli("wishes", "add", "--appointment", eloise.id, "--when", "quand il pleut")
    assert code == 2 and err.count("\n") == 1 and "quand" in err
    code, _out, err = cli("wishes", "add", "--appointment", "inconnu")
    assert code == 2
    assert _wishes(site) == 0  # nothing stored
    code, _out, err = cli("wishes", "propose", "--accept", "abc:def")
    assert code == 2 and "introuvable" in err
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=eloise.id, by_youth=True)
    code, _out, err = cli("wishes", "add", "--appointment", eloise.id)
    assert code == 3 and "encore prévu" in err
