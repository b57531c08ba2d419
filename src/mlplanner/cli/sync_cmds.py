"""`mlplanner sync`, `mlplanner import youths`, `mlplanner export ...`: sync between sites, files in and out.

`sync` exits 0 when everything was exchanged (change sets refused by an earlier sync and still not
applied are recalled in one line), 5 when this sync refused change sets not reported before (each on
one line of stderr, with what to do), 2 on bad input, 4 when the folder or the database cannot be used.
1 stays for unexpected errors (bugs).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from mlplanner.cli.common import Handler, Renderer, actor_for, add_common, arg_date, run
from mlplanner.domain.errors import InputError
from mlplanner.domain.wallclock import local_now
from mlplanner.instance_lock import acquire_instance_lock
from mlplanner.services.container import Services
from mlplanner.services.sync.view import ChangeSetView
from mlplanner.services.youths.import_export import (
    ACTIONS_FR,
    ExportResult,
    ImportExportService,
    ImportResult,
)

EXPORT_KINDS = ("appointments", "attendance", "registrations", "stats")
EXIT_REFUSED = 5  # some change sets refused by this sync (new ones): see the module docstring


def _passphrase(args: argparse.Namespace) -> str | None:
    if not args.passphrase_env:
        return None
    passphrase = os.environ.get(args.passphrase_env)
    if not passphrase:
        raise InputError(
            "no_passphrase", f"La variable d'environnement {args.passphrase_env} est vide ou absente."
        )
    return passphrase


def cmd_sync(args: argparse.Namespace, sv: Services) -> dict:
    svc = sv.sync  # with the container's hooks: backup before applying, privacy follow-up after
    actor = actor_for(args, sv)
    passphrase = _passphrase(args)
    if args.show is not None:
        view = svc.show(actor=actor, path=args.show, passphrase=passphrase)
        return {"change_set": view, "timezone": sv.directory.site().timezone}
    if args.folder is None:
        raise InputError("no_folder", "Indiquez le dossier de synchronisation : --folder DOSSIER.")
    if args.allow_site:  # an acceptance into the network: it travels to every site
        sv.network.approve(actor=actor, codes=args.allow_site, folder=args.folder)
    if args.review:
        return {"conflicts": svc.conflicts(actor=actor), "clashes": svc.clashes(actor=actor)}
    if args.preview:
        return {"preview": sv.network.preview(folder=args.folder, passphrase=passphrase)}

    def progress(message: str, done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            sys.stderr.write(f"\r{message[:70]:<70} {done}/{total}")

    # The open app syncs by itself: a scheduled CLI sync on the same file is refused while it runs.
    with acquire_instance_lock(sv.ctx.db.location):
        network = sv.network.sync(folder=args.folder, passphrase=passphrase, actor=actor, progress=progress)
    if not args.json and sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 80 + "\r")
    report = network.report
    for refused in (*report.refused, *report.waiting, *report.notices):
        if refused.new:
            sys.stderr.write(f"mlplanner : {refused.message}\n")
    known = [r for r in report.refused if not r.new]
    if known:
        sys.stderr.write(
            f"mlplanner : {len(known)} lot(s) toujours refusé(s), déjà signalé(s) : "
            + ", ".join(f"n° {r.seq} du site {r.site}" for r in known[:10])
            + (" …" if len(known) > 10 else "")
            + ".\n"
        )
    args._exit = EXIT_REFUSED if report.new_refusals else 0
    return {"report": report, "network": network, "peers": sv.network.members()}


def _render_change_set(view: ChangeSetView, tz: str) -> str:
    def when(at: datetime | None) -> str:
        return f"{local_now(at, tz):%d/%m/%Y à %H:%M}" if at else "?"

    lines = [
        f"Lot n° {view.seq} du site {view.site}, écrit le {when(view.created_at)} "
        f"(schéma {view.schema}) : {view.row_count} ligne(s)."
    ]
    for table in view.tables:
        lines.append(f"{table.name_fr} ({len(table.rows)}) :")
        for row in table.rows:
            gone = "  [supprimé]" if row.deleted else ""
            lines.append(f"  {row.id}  {row.label[:60]:<60}  modifié le {when(row.written_at)}{gone}")
    return "\n".join(lines)


def _render_sync(result: dict) -> str:
    if "change_set" in result:
        return _render_change_set(result["change_set"], result["timezone"])
    if "preview" in result:
        return "\n".join(result["preview"].summary_fr())
    if "report" not in result:
        lines = [f"{len(result['conflicts'])} conflit(s) à examiner :"]
        lines += [
            f"  [{c.id}] {c.table_fr} {c.label} : version de {c.loser_site} remplacée par celle de "
            f"{c.winner_site or '—'} ({c.reason})"
            for c in result["conflicts"]
        ]
        lines.append(f"{len(result['clashes'])} double(s) réservation(s) :")
        lines += [f"  {c.sentence_fr()}" for c in result["clashes"]]
        return "\n".join(lines)
    return result["network"].summary_fr()


def cmd_sync_undo(args: argparse.Namespace, sv: Services) -> dict:
    """Without a change set: the ones that can be undone; with one: undo it (site leads)."""
    actor = actor_for(args, sv)
    if args.site is None:
        return {"undoable": sv.sync_undo.undoable(actor=actor)}
    if args.seq is None or args.seq < 1:
        raise InputError(
            "bad_seq", "Indiquez le numéro du lot à annuler après le code du site (ex. : PARIS20 12)."
        )
    # not while the app (or a scheduled sync) works on the file or the server database
    with acquire_instance_lock(sv.ctx.db.location):
        return {"undone": sv.sync_undo.undo(actor=actor, site=args.site, seq=args.seq)}


def _render_sync_undo(result: dict) -> str:
    if "undone" in result:
        return str(result["undone"].summary_fr())
    items = result["undoable"]
    if not items:
        return "Aucun lot reçu ne peut être annulé (les lots appliqués depuis moins de 30 jours le peuvent)."
    lines = ["Lots reçus qui peuvent être annulés (mlplanner sync-undo SITE NUMÉRO) :"]
    lines += [f"  {u.site} n° {u.seq} : {u.rows} ligne(s)" for u in items]
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace, sv: Services) -> ImportResult:
    return ImportExportService(sv.ctx).import_youths(
        actor=actor_for(args, sv), path=args.file, dry_run=args.dry_run
    )


def _render_import(result: ImportResult) -> str:
    p = result.preview
    kind = (
        "classeur Excel (.xlsx)"
        if p.encoding == "xlsx"
        else f"encodage {p.encoding}, séparateur « {p.delimiter} »"
    )
    lines = [f"Fichier lu : {kind}, colonnes reconnues : " + ", ".join(p.columns.values()) + "."]
    if p.ignored_columns:
        lines.append("Colonnes ignorées : " + ", ".join(p.ignored_columns) + ".")
    for line in p.lines:
        if line.action != "same" or line.message:
            text = f"  ligne {line.line} : {ACTIONS_FR[line.action]}"
            text += f" — {line.name}" if line.name else ""
            text += f" ({line.message})" if line.message else ""
            lines.append(text)
    counts = ", ".join(f"{n} {ACTIONS_FR[a]}" for a, n in sorted(p.counts.items()))
    if result.written:
        lines.append(
            f"Import terminé : {result.created} jeune(s) créé(s), {result.updated} complété(s) ({counts})."
        )
    else:
        lines.append(f"Aperçu (rien n'a été enregistré) : {counts}.")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace, sv: Services) -> ExportResult:
    return sv.reports.exports.export(
        actor=actor_for(args, sv), kind=args.kind, start=args.date_from, end=args.date_to, out=args.out
    )


def _run_with_exit(args: argparse.Namespace, handler: Handler, render: Renderer) -> int:
    code = run(args, handler, render)
    return code or getattr(args, "_exit", 0)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="synchroniser avec les autres sites par un dossier partagé")
    p.add_argument("--folder", type=Path, help="dossier partagé (réseau, clé USB, cloud)")
    p.add_argument(
        "--show",
        type=Path,
        metavar="LOT",
        help="afficher sans risque le contenu d'un lot (<dossier partagé>/<SITE>/<numéro>) au lieu de "
        "synchroniser ; n'ouvrez pas ses fichiers dans un tableur",
    )
    p.add_argument(
        "--passphrase-env",
        default=None,
        metavar="VAR",
        help="variable d'environnement contenant la phrase secrète du réseau (chiffrement)",
    )
    p.add_argument(
        "--allow-site",
        action="append",
        default=[],
        metavar="CODE",
        help="accepter un site dans le réseau (répétable) : tous les sites l'acceptent ensuite",
    )
    p.add_argument(
        "--review",
        action="store_true",
        help="lister les conflits et doubles réservations au lieu de synchroniser",
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="voir ce qui serait envoyé et reçu, sans rien échanger (première ouverture du dossier)",
    )
    add_common(p)
    p.set_defaults(func=lambda a: _run_with_exit(a, cmd_sync, _render_sync))

    u = sub.add_parser(
        "sync-undo", help="annuler un lot reçu d'un autre site (sans argument : les lots annulables)"
    )
    u.add_argument("site", nargs="?", default=None, help="code du site qui a envoyé le lot")
    u.add_argument("seq", nargs="?", type=int, default=None, help="numéro du lot")
    add_common(u)
    u.set_defaults(func=lambda a: run(a, cmd_sync_undo, _render_sync_undo))

    imp = sub.add_parser("import", help="importer des jeunes depuis un tableur (.xlsx ou CSV, i-milo)")
    imp_sub = imp.add_subparsers(dest="what", required=True, metavar="QUOI")
    y = imp_sub.add_parser("youths", help="importer une liste de jeunes")
    y.add_argument("file", type=Path, help="classeur .xlsx ou fichier CSV (; ou , — UTF-8 ou Windows-1252)")
    y.add_argument(
        "--dry-run", action="store_true", help="aperçu et erreurs par ligne, sans rien enregistrer"
    )
    add_common(y)
    y.set_defaults(func=lambda a: run(a, cmd_import, _render_import))

    ex = sub.add_parser(
        "export",
        help="exporter pour un tableur (.xlsx : dates, nombres et n° de dossier gardés) ou un logiciel (.csv)",
    )
    ex.add_argument("kind", choices=EXPORT_KINDS, help="rendez-vous, présences, inscriptions ou statistiques")
    ex.add_argument(
        "--from", dest="date_from", type=arg_date, required=True, help="date de début (jj/mm/aaaa)"
    )
    ex.add_argument(
        "--to", dest="date_to", type=arg_date, required=True, help="date de fin incluse (jj/mm/aaaa)"
    )
    ex.add_argument("--out", type=Path, required=True, help="fichier à écrire : .xlsx (tableur) ou .csv")
    add_common(ex)
    ex.set_defaults(
        func=lambda a: run(a, cmd_export, lambda r: f"{r.rows} ligne(s) écrite(s) dans {r.path}.")
    )
