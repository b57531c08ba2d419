"""Entry point: no subcommand opens the desktop app; a subcommand runs headless."""

from __future__ import annotations

import contextlib
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
    server_cmds,
    settings_cmds,
    site_cmds,
    staff_cmds,
    sync_cmds,
    workshop_cmds,
)
from mlplanner.cli.common import CliParser, arg_location

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
    server_cmds,  # mode serveur : server init / import / password
)


def build_parser() -> CliParser:
    parser = CliParser(prog="mlplanner", description="Planning des sites d'une Mission Locale.")
    parser.add_argument(
        "--db", type=arg_location, default=None, help="fichier de la base du site, ou adresse du serveur"
    )
    sub = parser.add_subparsers(dest="command", parser_class=CliParser, metavar="COMMANDE")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _readable_output() -> None:
    """A console that cannot show a character (Windows' cp850 has no "Œ") gets "?" instead of an
    exception: the command's work is done, its answer must still be printed."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream: leave it
                reconfigure(errors="replace")


def _not_utf8(argv: list[str]) -> str | None:
    """The first argument that is not valid text: bytes from a Latin-1 terminal reach Python as lone
    surrogates, which fail later when written to the database or printed (exit 1)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "replace").decode("utf-8")
    return None


def main(
    argv: list[str] | None = None, *, gui: Callable[[Path | str | None, list[str]], int] | None = None
) -> int:
    """Run a subcommand; with none, hand over to `gui` (the desktop app, injected by `__main__`)."""
    argv = sys.argv[1:] if argv is None else argv
    _readable_output()
    bad = _not_utf8(argv)
    if bad is not None:
        sys.stderr.write(
            f"mlplanner : l'argument « {bad[:80]} » n'est pas du texte UTF-8 (terminal réglé en Latin-1 ?) : "
            "réglez le terminal en UTF-8 ; rien n'a été fait.\n"
        )
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if gui is None:
            parser.error("indiquez une commande (voir --help)")
        return gui(args.db, argv)
    return int(args.func(args))
