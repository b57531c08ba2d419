"""Operations on the command line: backup, restore, integrity check, RGPD tools, audit trail."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mlplanner.cli.booking_cmds import resolve_youth
from mlplanner.cli.common import actor_for, add_common, arg_date, run
from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.wallclock import local_now
from mlplanner.services.audit_log import AuditPage, AuditRow
from mlplanner.services.backups import MANUAL, BackupInfo, BackupPreview
from mlplanner.services.container import Services
from mlplanner.services.privacy.service import RetentionReport


def _when(local_at: Any) -> str:
    """A backup's time as the service gave it on the site's wall clock (never the PC's zone)."""
    return f"{local_at:%d/%m/%Y %H:%M}" if local_at else "?"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} Mo" if n >= 1_048_576 else f"{max(1, n // 1024)} Ko"


def _confirm(args: argparse.Namespace, question: str) -> None:
    """`--yes`, or a yes typed at the terminal; a script without `--yes` is refused (exit 2)."""
    if getattr(args, "yes", False):
        return
    if not sys.stdin.isatty():
        raise InputError("confirm_needed", f"{question} Ajoutez --yes pour confirmer sans question.")
    answer = input(f"{question} [o/N] ").strip().lower()
    if answer not in ("o", "oui", "y", "yes"):
        raise InputError("cancelled", "Abandon : rien n'a été modifié.")


# --- backups -----------------------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace, sv: Services) -> Any:
    if args.list:  # listed even from a damaged file: it is how one finds the copy to restore
        return sv.backups.list_backups()
    sv.backups.refuse_if_damaged()  # a copy of a damaged file would rotate a good one away
    return sv.backups.backup_now(MANUAL, out=args.out)


def render_backup(result: Any) -> str:
    if isinstance(result, list):
        if not result:
            return "Aucune sauvegarde."
        return "\n".join(
            f"{_when(b.local_taken_at)}  {b.kind_fr:<22} {_size(b.size_bytes):>8}  {b.path}" for b in result
        )
    info: BackupInfo = result
    return f"Sauvegarde écrite : {info.path} ({_size(info.size_bytes)})."


def _preview_text(p: BackupPreview, tz: str) -> str:
    last = _when(local_now(p.last_change, tz)) if p.last_change else "?"
    return (
        f"Sauvegarde {p.path.name} du {_when(p.local_taken_at)} (site {p.site_code or '?'}) : "
        f"{p.youths} jeunes, {p.appointments} rendez-vous, dernière modification le {last}."
    )


def cmd_restore(args: argparse.Namespace, sv: Services) -> dict:
    preview = sv.backups.preview(args.file)
    if not preview.restorable:
        raise InputError("bad_backup", " ".join(preview.problems))
    print(_preview_text(preview, sv.directory.site().timezone))
    _confirm(args, "Remplacer les données actuelles par cette sauvegarde ?")
    result = sv.backups.restore(actor=actor_for(args, sv), path=args.file)
    return {"restored": str(result.restored.path), "safety_copy": str(result.safety_copy.path)}


def cmd_check(args: argparse.Namespace, sv: Services) -> dict:
    problems = sv.backups.integrity_problems()
    if problems:  # SQLite may put several findings in one row: one line on stderr all the same
        lines = [line.strip() for p in problems for line in p.splitlines() if line.strip()]
        more = f" (et {len(lines) - 5} autre(s))" if len(lines) > 5 else ""
        raise StorageError("db_corrupt", "Contrôle d'intégrité en échec : " + " ; ".join(lines[:5]) + more)
    return {"integrity": "ok", "db": sv.ctx.db.where}


# --- RGPD --------------------------------------------------------------------------------------------
def cmd_retention(args: argparse.Namespace, sv: Services) -> RetentionReport:
    if args.apply:
        report = sv.privacy.apply_retention(actor=actor_for(args, sv), dry_run=True)
        if report.items:
            print(render_retention(report))
            _confirm(args, f"Appliquer à ces {len(report.items)} jeunes ?")
    return sv.privacy.apply_retention(actor=actor_for(args, sv), dry_run=not args.apply)


def render_retention(r: RetentionReport) -> str:
    head = "Ont été traités" if not r.dry_run else "Seraient traités (simulation, rien n'est modifié)"
    lines = [
        f"{head} : {len(r.to_anonymise)} anonymisation(s), {len(r.to_reduce)} réduction(s) "
        f"(sans activité avant le {r.inactive_before:%d/%m/%Y})."
    ]
    for i in r.items:
        what = "anonymiser" if i.action == "anonymise" else f"réduire (jusqu'au {i.evidence_until:%d/%m/%Y})"
        lines.append(
            f"  {i.youth_id}  {i.display_name:<32} dernière activité {i.last_activity:%d/%m/%Y}  → {what}"
        )
    return "\n".join(lines)


def cmd_settings(args: argparse.Namespace, sv: Services) -> dict:
    if args.inactive_months is not None or args.evidence_years is not None:
        sv.privacy.set_retention(
            actor=actor_for(args, sv),
            inactive_months=args.inactive_months,
            funder_evidence_years=args.evidence_years,
        )
    conf = sv.privacy.retention_settings()
    return {"inactive_months": conf.inactive_months, "funder_evidence_years": conf.funder_evidence_years}


def cmd_erase(args: argparse.Namespace, sv: Services) -> dict:
    youth = resolve_youth(sv, args.youth)
    _confirm(args, f"Effacer définitivement {youth.display_name} sur tous les sites ?")
    result = sv.privacy.erase(actor=actor_for(args, sv), youth_id=youth.id, reason=args.reason)
    return {"erased": result.youth_id, "appointments_cancelled": result.cancelled_appointments}


def cmd_export(args: argparse.Namespace, sv: Services) -> dict:
    youth = resolve_youth(sv, args.youth)
    out = sv.privacy.export_access(actor=actor_for(args, sv), youth_id=youth.id, out_dir=args.out)
    return {"pdf": str(out.pdf), "csv": str(out.csv)}


# --- audit -------------------------------------------------------------------------------------------
def cmd_audit(args: argparse.Namespace, sv: Services) -> AuditPage:
    actor = actor_for(args, sv)
    person = None
    if args.person:
        wanted = args.person.strip().lower()
        matches = [
            p for p in sv.audit_log.people(actor=actor) if wanted in p.name.lower() or p.id == args.person
        ]
        if not matches:
            raise InputError("unknown_person", f"Personne absente du journal : « {args.person} ».")
        if len({p.name for p in matches}) > 1:
            names = ", ".join(sorted({p.name for p in matches}))
            raise InputError("ambiguous_person", f"« {args.person} » désigne plusieurs personnes : {names}.")
        person = matches[0]
    youth_id = resolve_youth(sv, args.youth).id if args.youth else None
    return sv.audit_log.entries(
        actor=actor,
        person=person,
        youth_id=youth_id,
        start=args.from_date,
        end=args.to_date,
        action=args.action,
        limit=args.limit,
    )


def _audit_line(r: AuditRow) -> str:
    extra = " ; ".join(t for t in (r.reason, r.summary) if t)
    who = r.youth_name or (r.youth_id[:8] if r.youth_id else "")
    return f"{r.at:%d/%m/%Y %H:%M}  {r.actor_name:<22} {r.action_label:<36} {who:<28} {extra}"


def render_audit(page: AuditPage) -> str:
    lines = [_audit_line(r) for r in page.rows]
    lines.append(f"{len(page.rows)} entrée(s) affichée(s) sur {page.total}.")
    return "\n".join(lines)


def _simple(render: Callable[[Any], str] | None = None) -> Callable[[Any], str]:
    return render or (lambda r: "\n".join(f"{k} : {v}" for k, v in r.items()))


def _add(
    sub: argparse._SubParsersAction,
    name: str,
    help_text: str,
    handler: Callable[[argparse.Namespace, Services], Any],
    render: Callable[[Any], str] | None = None,
    args: Sequence[tuple[Sequence[str], dict[str, Any]]] = (),
    *,
    check: bool = True,
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text)
    for flags, kw in args:
        p.add_argument(*flags, **kw)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, handler, _simple(render), check=check))
    return p


YES = (("--yes",), {"action": "store_true", "help": "confirmer sans question (scripts)"})


def register(sub: argparse._SubParsersAction) -> None:
    _add(
        sub,
        "backup",
        "sauvegarder la base maintenant (API de sauvegarde SQLite)",
        cmd_backup,
        render_backup,
        [
            (("--out",), {"type": Path, "help": "fichier de destination (défaut : dossier backups)"}),
            (("--list",), {"action": "store_true", "help": "lister les sauvegardes existantes"}),
        ],
        check=False,
    )
    _add(
        sub,
        "restore",
        "restaurer une sauvegarde (refusé si mlplanner est ouvert sur ce poste)",
        cmd_restore,
        lambda r: f"Sauvegarde restaurée. État précédent conservé dans {r['safety_copy']}.",
        [(("file",), {"type": Path, "help": "fichier de sauvegarde"}), YES],
        check=False,  # the way out of a damaged file
    )
    _add(
        sub, "check", "contrôler l'intégrité de la base", cmd_check, lambda r: "Intégrité : OK.", check=False
    )

    privacy = sub.add_parser("privacy", help="RGPD : durées de conservation, effacement, droit d'accès")
    psub = privacy.add_subparsers(dest="privacy_cmd", required=True)
    _add(
        psub,
        "retention",
        "anonymiser les jeunes sans activité (simulation sans --apply)",
        cmd_retention,
        render_retention,
        [(("--apply",), {"action": "store_true", "help": "appliquer réellement"}), YES],
    )
    _add(
        psub,
        "settings",
        "voir ou changer les durées de conservation",
        cmd_settings,
        lambda r: (
            f"Anonymisation après {r['inactive_months']} mois sans activité ; "
            f"preuves pour les financeurs conservées {r['funder_evidence_years']} ans."
        ),
        [
            (("--inactive-months",), {"type": int, "help": "mois sans activité avant anonymisation"}),
            (("--evidence-years",), {"type": int, "help": "années de conservation des émargements"}),
        ],
    )
    _add(
        psub,
        "erase",
        "effacer un jeune à sa demande (transmis aux autres sites)",
        cmd_erase,
        lambda r: (
            f"Jeune {r['erased']} effacé ; {r['appointments_cancelled']} rendez-vous à venir annulé(s)."
        ),
        [
            (("youth",), {"help": "identifiant, n° i-milo, téléphone ou nom"}),
            (
                ("--reason",),
                {"required": True, "help": "la demande, sans nom (ex. « courrier du 12/03/2027 »)"},
            ),
            YES,
        ],
    )
    _add(
        psub,
        "export",
        "droit d'accès : tout ce qui est détenu sur un jeune (PDF et CSV)",
        cmd_export,
        lambda r: f"Export écrit : {r['pdf']} et {r['csv']}.",
        [
            (("youth",), {"help": "identifiant, n° i-milo, téléphone ou nom"}),
            (("--out",), {"type": Path, "default": Path("."), "help": "dossier de destination"}),
        ],
    )
    _add(
        sub,
        "audit",
        "journal d'audit : qui a fait quoi et quand",
        cmd_audit,
        render_audit,
        [
            (("--person",), {"help": "auteur (nom ou partie du nom)"}),
            (("--youth",), {"help": "jeune concerné"}),
            (("--from",), {"dest": "from_date", "type": arg_date, "help": "à partir du jj/mm/aaaa"}),
            (("--to",), {"dest": "to_date", "type": arg_date, "help": "jusqu'au jj/mm/aaaa inclus"}),
            (("--action",), {"help": "code d'action (book, cancel, erase...)"}),
            (("--limit",), {"type": int, "default": 100}),
        ],
    )
