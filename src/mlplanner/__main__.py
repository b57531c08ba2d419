"""`python -m mlplanner` and the `mlplanner` console script."""

from __future__ import annotations

import sys
from pathlib import Path

from mlplanner.paths import location_from_text


def _gui(db: Path | str | None, argv: list[str], demo: bool = False) -> int:
    from mlplanner.app import run_app  # Qt is imported only when the desktop app is wanted

    return run_app(db, argv, demo=demo)


def _app_only(argv: list[str]) -> tuple[Path | str | None, bool] | None:
    """`mlplanner`, `mlplanner --db FILE|URL` or `mlplanner --demo [--db FILE]`: the desktop app, without
    loading the command line's modules (they import every service: ~0.5 s before the window could show).
    None otherwise. `--demo` opens the demonstration's own file (built on first use)."""
    demo = "--demo" in argv
    rest = [a for a in argv if a != "--demo"]
    if not rest:
        return (None, demo)
    if len(rest) == 2 and rest[0] == "--db" and not rest[1].startswith("-"):
        return (location_from_text(rest[1]), demo)
    if len(rest) == 1 and rest[0].startswith("--db=") and len(rest[0]) > 5:
        return (location_from_text(rest[0][5:]), demo)
    return None


def main() -> None:
    from mlplanner.logging_setup import configure, install_cli_excepthook

    configure()  # the rotating log file, personal data masked (the GUI adds its dialog hook later)
    install_cli_excepthook()
    if sys.argv[1:2] == ["--self-test"]:  # before subcommand parsing; Qt-side, hence here, not in cli/
        from mlplanner.selftest import run_self_test

        sys.exit(run_self_test())
    app_only = _app_only(sys.argv[1:])
    if app_only is not None:
        sys.exit(_gui(app_only[0], [a for a in sys.argv[1:] if a != "--demo"], app_only[1]))
    from mlplanner.cli.main import main as _main

    sys.exit(_main(gui=_gui))


if __name__ == "__main__":
    main()
