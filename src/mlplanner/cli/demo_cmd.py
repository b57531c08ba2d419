"""`mlplanner demo`: build a realistic demo site in a new file."""

from __future__ import annotations

import argparse
import sys

from mlplanner.cli.common import add_common, arg_date, run
from mlplanner.domain.errors import InputError, RuleViolation, StorageError
from mlplanner.services.container import Services
from mlplanner.services.demo import build_demo
from mlplanner.services.workshops.demo import build_demo_workshops


def cmd_demo(args: argparse.Namespace, sv: Services) -> dict:
    if not 1 <= args.youths <= 200_000:
        raise InputError("bad_youths", "Le site de démonstration compte de 1 à 200 000 jeunes.")
    if sv.ctx.has_site() and not sv.ctx.db.is_server:  # a server holds many sites
        raise StorageError("db_not_empty", "Ce fichier contient déjà un site : choisissez un autre --db.")

    def progress(done: int, total: int) -> None:
        if not args.json:
            sys.stderr.write(f"\rCréation du site de démonstration… {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

    try:
        counts = build_demo(
            sv,
            seed=args.seed,
            site_code=args.new_site,
            today=args.today,
            youths=args.youths,
            progress=progress,
        )
    except RuleViolation as exc:  # a server that already holds this site: the same answer as a full file
        if exc.code != "site_exists":
            raise
        raise StorageError("db_not_empty", f"{exc.message} Choisissez un autre --site ou --db.") from exc
    if not args.no_workshops:
        if not args.json:
            sys.stderr.write("Création des ateliers de démonstration…\n")
        today = args.today or sv.ctx.today()
        workshops = build_demo_workshops(sv, today=today, seed=args.seed)
        counts["workshop_sessions"] = workshops.get("sessions", 0)
    return {"db": sv.ctx.db.where, "site": args.new_site.upper(), **counts}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="créer un site de démonstration réaliste")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--site", dest="new_site", default="PARIS13", help="code du site (PARIS13, PARIS18, PARIS20...)"
    )
    p.add_argument("--today", type=arg_date, default=None, help="date du jour simulée (reproductibilité)")
    p.add_argument("--youths", type=int, default=2000, help=argparse.SUPPRESS)
    p.add_argument("--no-workshops", action="store_true", help="sans ateliers (plus rapide)")
    add_common(p)
    p.set_defaults(
        func=lambda a: run(
            a,
            cmd_demo,
            lambda r: (
                f"Site {r['site']} créé dans {r['db']} : {r['staff']} personnes, {r['rooms']} salles, "
                f"{r['youths']} jeunes, {r['appointments']} rendez-vous. Code de démonstration : 1234."
            ),
            must_exist=False,
        )
    )
