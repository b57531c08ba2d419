"""`mlplanner print ...`: the printed documents as PDF files (each print is recorded in the audit log)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from mlplanner.cli.common import actor_for, add_common, arg_date, run
from mlplanner.services.container import Services
from mlplanner.services.printing.output import PrintResult


def _today(sv: Services):
    return sv.ctx.today()


def cmd_day(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.day(
        actor=actor_for(args, sv), day=args.date or _today(sv), grouping=args.by, out=args.out
    )


def cmd_counsellor(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.counsellor_day(
        actor=actor_for(args, sv), day=args.date or _today(sv), counsellor=args.counsellor, out=args.out
    )


def cmd_week(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.week(
        actor=actor_for(args, sv), counsellor=args.counsellor, day=args.date or _today(sv), out=args.out
    )


def cmd_roster(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.roster(actor=actor_for(args, sv), session_id=args.session, out=args.out)


def cmd_slip(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.slip(actor=actor_for(args, sv), appointment_id=args.appointment, out=args.out)


def cmd_calls(args: argparse.Namespace, sv: Services) -> PrintResult:
    return sv.printing.calls(
        actor=actor_for(args, sv), day=args.date, appointments_day=args.appointments_of, out=args.out
    )


def _done(r: PrintResult) -> str:
    pages = f"{r.pages} page{'s' if r.pages > 1 else ''}"
    return f"{r.title} : {pages} → {r.path}"


def register(sub: argparse._SubParsersAction) -> None:
    printing = sub.add_parser(
        "print", help="imprimer un document en PDF (planning, émargement, confirmation…)"
    )
    psub = printing.add_subparsers(dest="print_cmd", required=True, metavar="DOCUMENT")

    def doc(name: str, help_text: str, handler: Callable[[argparse.Namespace, Services], PrintResult]):
        p = psub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--out", required=True, type=Path, help="fichier PDF à écrire")
        add_common(p)
        p.set_defaults(func=lambda a: run(a, handler, _done))
        return p

    p = doc("day", "planning du jour du site, une colonne par conseiller (ou par salle)", cmd_day)
    p.add_argument("--date", type=arg_date, help="jour (jj/mm/aaaa ; défaut : aujourd'hui)")
    p.add_argument(
        "--by",
        choices=["counsellor", "room"],
        default="counsellor",
        help="une colonne par conseiller (défaut) ou par salle",
    )

    p = doc(
        "counsellor", "rendez-vous du jour d'un conseiller, avec de la place pour les notes", cmd_counsellor
    )
    p.add_argument("--date", type=arg_date, help="jour (défaut : aujourd'hui)")
    p.add_argument("--counsellor", required=True, help="nom ou identifiant du conseiller")

    p = doc("week", "semaine d'un conseiller sur une page (du lundi au vendredi)", cmd_week)
    p.add_argument("--counsellor", required=True, help="nom ou identifiant du conseiller")
    p.add_argument("--date", type=arg_date, help="un jour de la semaine voulue (défaut : aujourd'hui)")

    p = doc("roster", "feuille d'émargement d'une séance d'atelier", cmd_roster)
    p.add_argument("--session", required=True, help="identifiant de la séance")

    p = doc("slip", "confirmation de rendez-vous à remettre au jeune", cmd_slip)
    p.add_argument("--appointment", required=True, help="identifiant du rendez-vous")

    p = doc(
        "calls",
        "liste des appels de rappel : jeunes sans accord SMS ayant rendez-vous deux jours ouvrés plus tard",
        cmd_calls,
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--date", type=arg_date, help="jour où les appels sont passés (défaut : aujourd'hui)")
    when.add_argument(
        "--appointments-of", type=arg_date, help="imprimer directement la liste des rendez-vous de ce jour"
    )
