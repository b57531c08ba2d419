"""`python -m mlplanner` and the `mlplanner` console script."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli.main import main as _main


def _gui(db: Path | None, argv: list[str]) -> int:
    from .app import run_app  # Qt is imported only when the desktop app is wanted

    return run_app(db, argv)


def main() -> None:
    from .logging_setup import configure, install_cli_excepthook

    configure()  # the rotating log file, personal data masked (the GUI adds its dialog hook later)
    install_cli_excepthook()
    if sys.argv[1:2] == ["--self-test"]:  # before subcommand parsing; Qt-side, hence here, not in cli/
        from .selftest import run_self_test

        sys.exit(run_self_test())
    sys.exit(_main(gui=_gui))


if __name__ == "__main__":
    main()
