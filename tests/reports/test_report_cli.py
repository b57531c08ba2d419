"""`mlplanner report ...` (issue #16; the names are fixed): terminal, --json, --out .xlsx/.csv, bad input."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import openpyxl
import pytest

from mlplanner.cli.main import build_parser, main
from mlplanner.domain.enums import Status
from support import TestSite, cli_pins

from .helpers import at, cej_youth, mark, register, session


@pytest.fixture
def db(site: TestSite) -> str:
    """Kévin in CEJ seen on Tuesday 13 January 2026 at 09:00; a funded workshop that afternoon."""
    cej_youth(site, "zoe", "Zoé", "Zéro", external_id="00123451")
    site.services.reports.kinds.save_kind(
        actor=site.lead,
        code="ATELIER",
        label="Atelier collectif",
        cej_minutes=240,
        funded_operation="FSE+ 2026",
    )
    at(site, "2026-01-12 08:00")
    appt = site.book("zoe", "2026-01-13 09:00")
    ws = session(site, "2026-01-13 14:00")
    reg = register(site, ws.id, "zoe")
    at(site, "2026-01-13 17:00")
    site.services.appointments.set_outcome(actor=site.lead, appointment_id=appt.id, status=Status.SEEN)
    mark(site, reg, "present")
    site.services.orientations.record(
        actor=site.counsellor, youth_id=site.youths["zoe"].id, partner_kind="housing"
    )
    return str(site.services.ctx.db.location)


def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("MLPLANNER_NOW", "2026-01-16T10:00")
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


REPORTS = [
    ("cej-hours", "--week", "2026-W03"),
    ("imilo", "--from", "13/01/2026", "--to", "13/01/2026"),
    ("fse", "--operation", "FSE+ 2026", "--from", "2026-01-01", "--to", "2026-01-31"),
    ("accompanied", "--from", "01/01/2026", "--to", "31/01/2026"),
    ("timesheet", "--month", "2026-01"),
    ("orientations", "--from", "01/01/2026", "--to", "31/01/2026"),
]


@pytest.mark.parametrize("args", REPORTS, ids=[r[0] for r in REPORTS])
def test_each_report_on_the_terminal_as_json_and_as_files(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    code, out, err = cli(capsys, monkeypatch, "report", *args, "--db", db)
    assert code == 0, err
    assert "Zéro" in out or args[0] in ("timesheet", "accompanied")
    code, out, err = cli(capsys, monkeypatch, "report", *args, "--db", db, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["report"] == args[0] and data["tables"] and data["from"] <= data["to"]
    rows = data["tables"][0]["rows"]
    if args[0] not in ("timesheet",):
        assert any("00123451" in json.dumps(r) for r in rows) or args[0] == "accompanied"
    for suffix in (".xlsx", ".csv"):
        target = tmp_path / f"{args[0]}{suffix}"
        code, out, err = cli(capsys, monkeypatch, "report", *args, "--db", db, "--out", str(target))
        assert code == 0, err
        assert out.startswith("Rapport écrit : ") and target.exists()
    wb = openpyxl.load_workbook(tmp_path / f"{args[0]}.xlsx")
    ws = wb.worksheets[0]
    assert ws["A1"].value and ws["A2"].value and ws.freeze_panes
    header_row = int(ws.freeze_panes[1:]) - 1
    assert ws.max_row - header_row == len(rows)


def test_json_with_out_says_where_the_file_went(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cej.xlsx"
    code, out, _ = cli(
        capsys,
        monkeypatch,
        "report",
        "cej-hours",
        "--week",
        "2026-W03",
        "--db",
        db,
        "--json",
        "--out",
        str(target),
    )
    data = json.loads(out)
    assert code == 0 and data["file"] == {"path": str(target), "rows": 1, "format": "xlsx"}
    zoe = data["tables"][0]["rows"][0]
    assert zoe["n_i_milo"] == "00123451" and zoe["heures_declarees"] == 5.0 and zoe["heures_validees"] == 5.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("cej-hours", "--week", "2026-W60"), "La semaine 60 n'existe pas"),
        (("cej-hours", "--week", "semaine 3"), "Semaine illisible"),
        (("timesheet", "--month", "2026-13"), "Le mois 13 n'existe pas"),
        (
            ("imilo", "--from", "31/01/2026", "--to", "01/01/2026"),
            "La fin de la période doit suivre son début",
        ),
        (("imilo", "--from", "01/01/2026", "--to", "31/01/2026", "--counsellor", "Personne"), "Personne"),
        (("fse", "--operation", "Inconnue", "--from", "01/01/2026", "--to", "31/01/2026"), "FSE+ 2026"),
        (("cej-hours", "--week", "2026-W03", "--out", "rapport.pdf"), ".xlsx"),
    ],
)
def test_bad_input_is_one_french_line_exit_2_and_no_file(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
    message: str,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, err = cli(capsys, monkeypatch, "report", *argv, "--db", db)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    assert list(work.iterdir()) == []


def test_a_counsellor_reads_their_own_cej_list_only(
    db: str, site: TestSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in cli_pins(site, "claire").items():  # `--as` proves who acts with a PIN
        monkeypatch.setenv(name, value)
    code, out, err = cli(
        capsys,
        monkeypatch,
        "report",
        "cej-hours",
        "--week",
        "2026-W03",
        "--db",
        db,
        "--as",
        "Claire Lefèvre",
        "--counsellor",
        "Claire Lefèvre",
    )
    assert code == 0 and "Zéro" in out
    # naming nobody, a counsellor gets their own list (it was refused: "choose your name")
    for kind, *period in (
        ("cej-hours", "--week", "2026-W03"),
        ("imilo", "--from", "13/01/2026", "--to", "13/01/2026"),
    ):
        code, out, err = cli(
            capsys, monkeypatch, "report", kind, *period, "--db", db, "--as", "Claire Lefèvre"
        )
        assert code == 0 and "Zéro" in out, err
    code, out, err = cli(capsys, monkeypatch, "report", "imilo", "--from", "13/01/2026", "--to", "13/01/2026",
                         "--db", db, "--as", "Claire Lefèvre", "--counsellor", "Mamadou Diallo")  # fmt: skip
    assert code == 3 and "propres listes" in err
    code, out, err = cli(
        capsys,
        monkeypatch,
        "report",
        "fse",
        "--operation",
        "FSE+ 2026",
        "--from",
        "01/01/2026",
        "--to",
        "31/01/2026",
        "--db",
        db,
        "--as",
        "Claire Lefèvre",
    )
    assert code == 3 and "rapports du site" in err


def test_a_series_kind_from_the_command_line_counts_on_its_scale(
    db: str, site: TestSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _out, err = cli(
        capsys, monkeypatch, "workshop", "create", "--title", "Info CEJ", "--start", "2026-01-16 14:00",
        "--duration", "90", "--capacity", "10", "--kind", "INFO_COLL", "--db", db,
    )  # fmt: skip
    assert code == 0, err
    (series,) = [s for s in site.services.workshops.series_list() if s.title == "Info CEJ"]
    assert series.kind_code == "INFO_COLL"
    code, _out, err = cli(
        capsys, monkeypatch, "workshop", "create", "--title", "X", "--start", "2026-01-16 15:00",
        "--duration", "60", "--capacity", "10", "--kind", "NOPE", "--db", db,
    )  # fmt: skip
    assert code == 2 and "Type d'action inconnu" in err


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _parsers(sub)
    return found


def test_every_help_of_the_cli_prints() -> None:
    """`mlplanner report --help` ended in an unexpected error: argparse read the "%" of "35 %" in a help
    text as a format. Every command's help is formatted here."""
    parsers = _parsers(build_parser())
    assert len(parsers) > 40
    for parser in parsers:
        assert parser.format_help()


def test_report_help_exits_0(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _err = cli(capsys, monkeypatch, "report", "--help")
    assert code == 0 and "fse" in out and "35 %" in out


def test_db_before_the_command_is_the_file_used(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mlplanner --db FILE report ...`: the command's own --db (unset) used to overwrite the one given
    before it, and the command ran on the default database of the user's data folder."""
    code, out, err = cli(capsys, monkeypatch, "--db", db, "report", "orientations", "--from", "01/01/2026",
                         "--to", "31/01/2026", "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["tables"][0]["rows"]  # Zoé's orientation: the file given, not another one
