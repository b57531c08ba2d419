"""Entry point: no subcommand opens the desktop app; a subcommand runs headless."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mlplanner.cli import (
    booking_cmds,
    demo_cmd,
    ops_cmds,
    print_cmds,
    reception_cmds,
    reminders_cmds,
    report_cmds,
    settings_cmds,
    site_cmds,
    staff_cmds,
    sync_cmds,
    workshop_cmds,
)
from mlplanner.cli.common import CliParser

# The command groups, in the order `mlplanner --help` lists them (one line per module).
COMMAND_MODULES = (
    demo_cmd,
    site_cmds,  # créer et régler le site, rejoindre le réseau
    staff_cmds,  # importer le personnel
    booking_cmds,
    workshop_cmds,
    ops_cmds,
    print_cmds,
    sync_cmds,
    reminders_cmds,  # rappels et avis aux jeunes (SMS, e-mail)
    settings_cmds,  # réglages du site, dont SMTP et SMS
    report_cmds,  # rapports : heures CEJ, i-milo, FSE+, accompagnés...
    reception_cmds,  # plus tôt si possible, demandes aux autres sites
)


def build_parser() -> CliParser:
    parser = CliParser(prog="mlplanner", description="Planning des sites d'une Mission Locale.")
    parser.add_argument("--db", type=Path, default=None, help="fichier de la base du site")
    sub = parser.add_subparsers(dest="command", parser_class=CliParser, metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None, *, gui: Callable[[Path | None, list[str]], int] | None = None) -> int:
    """Run a subcommand; with none, hand over to `gui` (the desktop app, injected by `__main__`)."""
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.error("indiquez une commande (voir --help)")
        return gui(args.db, argv)
    return int(args.func(args))
