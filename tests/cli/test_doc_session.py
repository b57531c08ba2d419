"""`docs/cli-session.md` (pasted into the README) works as written: every command of its console block is
replayed in order, in-process for speed, and prints the lines shown (appointment ids are random: the id
the doc shows is replaced by the one the replay's `book` printed)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from mlplanner.cli.main import main

DOC = Path(__file__).resolve().parents[2] / "README.md"  # the session shown in the README
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def steps(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each `$ ` line of the console block."""
    block = text.split("```console", 1)[1].split("```", 1)[0]
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif line.strip() and out:
            out[-1][1].append(line)
    return out


@pytest.mark.slow
def test_the_documented_cli_session_works_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    ids: dict[str, str] = {}  # id in the doc -> id of the replay
    last_code = 0
    for command, expected in steps(DOC.read_text(encoding="utf-8")):
        command = command.split(" # ", 1)[0].split("  #", 1)[0].strip()
        words = shlex.split(command.replace("$PWD", str(tmp_path)))
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            monkeypatch.setenv(name, value)
            continue
        if words[0] == "echo":
            assert words[1] == "$?" and expected == [str(last_code)]
            continue
        env = {}
        while "=" in words[0]:
            name, value = words.pop(0).split("=", 1)
            env[name] = value
        assert words[:3] == ["uv", "run", "mlplanner"], command
        argv = [ids.get(w, w) for w in words[3:]]
        with monkeypatch.context() as m:
            for name, value in env.items():
                m.setenv(name, value)
            last_code = main(argv)
        captured = capsys.readouterr()
        lines = [
            ln
            for ln in (captured.out + captured.err).splitlines()
            if ln.strip() and not ln.startswith(("\r", "Création"))  # the demo's progress
        ]
        assert len(lines) == len(expected), (command, lines)
        for want, got in zip(expected, lines, strict=True):
            doc_ids, got_ids = UUID.findall(want), UUID.findall(got)
            for d, g in zip(doc_ids, got_ids, strict=True):
                if words[3] == "book":
                    ids.setdefault(d, g)
                want = want.replace(d, ids.get(d, d))
            if "/…/" in want:  # the doc hides the folder
                head, tail = want.split("/…/", 1)
                assert got.startswith(head) and got.endswith(tail), (want, got)
            else:
                assert got == want, command
