"""`mlplanner staff import FILE [--dry-run] | reset-pin NAME | unlock NAME`: staff on day one, and PINs.

`staff import` reads a staff list (.xlsx, or CSV as French spreadsheets save it), shows a line per person
(new, already there, duplicate, error naming the person) and, without `--dry-run`, creates the new
accounts and prints each one-time PIN once: hand them over; each person chooses their own code at the
first login.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mlplanner.cli.common import actor_for, add_common, run
from mlplanner.services.container import Services
from mlplanner.services.directory.staff_import import ACTIONS_FR, StaffImportResult


def cmd_import(args: argparse.Namespace, sv: Services) -> StaffImportResult:
    return sv.staff_import.import_staff(actor=actor_for(args, sv), path=args.file, dry_run=args.dry_run)


def render_import(r: StaffImportResult) -> str:
    lines = [f"Fichier lu : {r.kind} ; colonnes reconnues : {', '.join(r.columns.values())}."]
    if r.ignored_columns:
        lines.append("Colonnes ignorées : " + ", ".join(r.ignored_columns) + ".")
    for x in r.lines:
        text = f"  ligne {x.line} : {ACTIONS_FR[x.action]}"
        text += f" — {x.name}" if x.name else ""
        text += f", {x.role}" if x.role else ""
        text += f" ({x.hours})" if x.hours and x.action == "new" else ""
        text += f" — {x.message}" if x.message else ""
        lines.append(text)
    counts = (
        ", ".join(f"{n} {ACTIONS_FR[a]}" for a, n in sorted(r.counts.items()))
        or "aucune personne dans le fichier"
    )
    if not r.written:
        lines.append(f"Aperçu (rien n'a été enregistré) : {counts}.")
        return "\n".join(lines)
    lines.append(f"Import terminé : {len(r.accounts)} personne(s) ajoutée(s) ({counts}).")
    with_pins = [a for a in r.accounts if a.one_time_pin]
    if with_pins:
        lines.append(
            "Codes provisoires, à remettre à chacun (ils ne seront plus affichés ; chacun choisit son "
            "propre code à la première connexion) :"
        )
        lines += [f"  {a.name:<32} {a.role:<24} {a.one_time_pin}" for a in with_pins]
    return "\n".join(lines)


def cmd_reset_pin(args: argparse.Namespace, sv: Services) -> dict:
    person = sv.directory.staff_member(args.name)
    pin = sv.directory.reset_pin(actor=actor_for(args, sv), staff_id=person.id)
    return {"staff": person.display_name, "one_time_pin": pin}


def cmd_unlock(args: argparse.Namespace, sv: Services) -> dict:
    person = sv.directory.staff_member(args.name)
    sv.directory.unlock(actor=actor_for(args, sv), staff_id=person.id)
    return {"staff": person.display_name, "unlocked": True}


def register(sub: argparse._SubParsersAction) -> None:
    staff = sub.add_parser("staff", help="personnel : importer une liste, réinitialiser un code")
    ssub = staff.add_subparsers(dest="staff_cmd", required=True, metavar="ACTION")
    p = ssub.add_parser("import", help="importer le personnel d'un tableur (.xlsx ou CSV), avec aperçu")
    p.add_argument("file", type=Path, help="fichier .xlsx ou CSV (Nom ; Prénom ; Rôle ; Bureau ; Lundi...)")
    p.add_argument("--dry-run", action="store_true", help="aperçu ligne par ligne, sans rien enregistrer")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_import, render_import))

    p = ssub.add_parser("reset-pin", help="donner un code provisoire à quelqu'un qui a oublié le sien")
    p.add_argument("name", help="nom ou identifiant du membre du personnel")
    add_common(p)
    p.set_defaults(
        func=lambda a: run(
            a,
            cmd_reset_pin,
            lambda r: (
                f"Code provisoire de {r['staff']} : {r['one_time_pin']} (à changer à la première connexion)."
            ),
        )
    )

    p = ssub.add_parser("unlock", help="déverrouiller un compte bloqué par des codes erronés")
    p.add_argument("name", help="nom ou identifiant du membre du personnel")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_unlock, lambda r: f"Compte de {r['staff']} déverrouillé."))
