"""`mlplanner --self-test`: in process (the logic), and on the built bundle when there is one."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mlplanner import selftest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "mlplanner" / ("mlplanner-cli.exe" if os.name == "nt" else "mlplanner")

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


def test_self_test_passes_from_source(qapp, capsys: pytest.CaptureFixture) -> None:  # type: ignore[no-untyped-def]
    assert selftest.run_self_test() == 0
    out = capsys.readouterr().out
    assert out.count("  OK ") == 6 and "tout est en ordre" in out


def test_a_failing_step_is_named_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def broken(_services: object) -> None:
        raise RuntimeError("agenda indisponible")

    monkeypatch.setattr(selftest, "_book", broken)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "ÉCHEC  prise de rendez-vous : RuntimeError: agenda indisponible" in out
    assert "Détails dans le journal" in out and "fenêtre principale" not in out


@pytest.mark.slow
@pytest.mark.skipif(
    not BUNDLE.exists(),
    reason="no bundle in dist/: `uv run --group build pyinstaller build_installer.spec` (.ci/run builds and checks it)",
)
def test_the_built_bundle_passes_its_self_test(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "LOCALAPPDATA": str(tmp_path)}
    done = subprocess.run([str(BUNDLE), "--self-test"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tout est en ordre" in done.stdout


def test_windows_are_destroyed_before_the_popups_they_own(qapp) -> None:  # type: ignore[no-untyped-def]
    """A popup deleted before its owner made the bundle's self-test segfault, depending on a set's order."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCompleter, QLineEdit, QMainWindow

    before = set(qapp.topLevelWidgets())
    destroyed: list[str] = []
    for i in range(12):  # twelve owners: a wrong order cannot go unseen by chance
        window = QMainWindow()
        field = QLineEdit(window)
        completer = QCompleter(["Zoé", "Zoë"], field)
        field.setCompleter(completer)
        window.show()
        window.destroyed.connect(lambda *_, i=i: destroyed.append(f"window {i}"))
        completer.popup().destroyed.connect(lambda *_, i=i: destroyed.append(f"popup {i}"))
    qapp.processEvents()

    class PopupsListedFirst:  # the order that crashed: Qt lists top-level widgets in no fixed order
        def topLevelWidgets(self) -> list:  # type: ignore[type-arg]
            return sorted(qapp.topLevelWidgets(), key=lambda w: w.windowType() != Qt.WindowType.Popup)

        def processEvents(self) -> None:
            qapp.processEvents()

    selftest._destroy_windows(PopupsListedFirst(), before)

    assert set(qapp.topLevelWidgets()) - before == set()
    for i in range(12):
        assert destroyed.index(f"window {i}") < destroyed.index(f"popup {i}"), destroyed
