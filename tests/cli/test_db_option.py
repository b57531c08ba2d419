"""`--db` before the command (`mlplanner --db FILE day`) names the file as it does after it: the
command's own `--db` default used to overwrite it, so the command read or wrote the user's default site
file instead (found running `mlplanner --db /tmp/x.sqlite3 demo`, which created the demo elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlplanner.cli.main import build_parser


@pytest.mark.parametrize("command", [["day"], ["demo"], ["walk-in", "--youth", "x"], ["check"]])
def test_db_before_the_command_is_the_file_used(command: list[str], tmp_path: Path) -> None:
    site = tmp_path / "site.sqlite3"
    assert build_parser().parse_args(["--db", str(site), *command]).db == site
    assert build_parser().parse_args([*command, "--db", str(site)]).db == site
    assert build_parser().parse_args(command).db is None  # neither: the default file, decided later
