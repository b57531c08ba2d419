"""Entry point: no subcommand opens the desktop app; a subcommand runs headless."""

from __future__ import annotations

import sys
from pathlib import Path

from . import booking_cmds, demo_cmd
from .common import CliParser

# Each command group registers itself here (one line per module).
COMMAND_MODULES = [demo_cmd, booking_cmds]


def build_parser() -> CliParser:
    parser = CliParser(prog="mlplanner", description="Planning des sites d'une Mission Locale.")
    parser.add_argument("--db", type=Path, default=None, help="fichier de la base du site")
    sub = parser.add_subparsers(dest="command", parser_class=CliParser, metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ..app import run_app  # Qt only when the GUI is wanted

        return run_app(args.db, argv)
    return int(args.func(args))
