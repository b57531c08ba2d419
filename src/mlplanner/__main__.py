"""`python -m mlplanner` and the `mlplanner` console script."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli.main import main as _main


def _gui(db: Path | None, argv: list[str]) -> int:
    from .app import run_app  # Qt is imported only when the desktop app is wanted

    return run_app(db, argv)


def main() -> None:
    sys.exit(_main(gui=_gui))


if __name__ == "__main__":
    main()
