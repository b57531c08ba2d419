"""`python -m mlplanner` and the `mlplanner` console script."""

from __future__ import annotations

import sys

from .cli.main import main as _main


def main() -> None:
    sys.exit(_main())


if __name__ == "__main__":
    main()
