"""`mlplanner reminders preview|send|status|export-sms|stats`: the outbox of messages to young people.

`send` is what a scheduled task runs (every few minutes, or at least once in the morning): it plans
what the appointments call for and sends what is due, one sender at a time. It exits 0 when it did its
job, even if a relay was down (the messages wait for the next run; the problem is printed): a scheduled
task should not flood IT with failures during a network outage. Bad input exits 2 as everywhere.
"""

from __future__ import annotations

import argparse
from datetime import date

from mlplanner.cli.common import actor_for, add_common, arg_date, run
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.messaging.kinds import STATUS_FR, MessageStatus
from mlplanner.services.container import Services
from mlplanner.services.reminders.service import ExportReport, OutboxStatus, Preview


def _day_fr(d: date) -> str:
    return f"{WEEKDAYS_FR[d.weekday()]} {d:%d/%m/%Y}"


def _render_past(p: Preview) -> str:
    lines = [
        f"Messages du {_day_fr(p.day)} : {sum(i.sendable for i in p.items)} envoyé(s) sur {len(p.items)}."
    ]
    for i in p.items:
        how = f"{i.channel.upper()} {i.recipient}" if i.channel else ""
        lines.append(f"{i.due:%H:%M}  {i.kind_label:<22} {i.youth_name:<30} {how}  {i.why_not}")
    if not p.items:
        lines.append("(aucun message)")
    return "\n".join(lines)


def _render_preview(p: Preview) -> str:
    if p.past:
        return _render_past(p)
    sendable = [i for i in p.items if i.sendable]
    head = (
        f"Messages du {_day_fr(p.day)} : {len(sendable)} à envoyer ({p.sms_parts} SMS facturés)"
        + (
            f", {len(p.items) - len(sendable)} sans destinataire (à appeler)"
            if len(sendable) < len(p.items)
            else ""
        )
        + "."
    )
    lines = [head]
    for i in p.items:
        when = f"{i.due:%H:%M}"
        about = f"RDV {WEEKDAYS_FR[i.appointment_start.weekday()][:3]}. {i.appointment_start:%d/%m %H:%M}"
        if i.sendable:
            how = f"{i.channel.upper()} {i.recipient}" + (f" ({i.parts} SMS)" if i.parts else "")
        else:
            how = f"— {i.why_not}"
        lines.append(f"{when}  {i.kind_label:<22} {i.youth_name:<30} {how}  [{about}]")
        if i.sendable:
            text = i.title + " — " + i.text if i.title else i.text
            lines.append("       " + " ".join(text.split())[:300])
    if not p.items:
        lines.append("(aucun message)")
    return "\n".join(lines)


def cmd_preview(args: argparse.Namespace, sv: Services) -> Preview:
    return sv.reminders.preview(args.date)


def cmd_send(args: argparse.Namespace, sv: Services) -> object:
    if args.dry_run:
        return sv.reminders.dry_run()
    return sv.reminders.send(actor=actor_for(args, sv))


def _render_send(result: object) -> str:
    if isinstance(result, Preview):
        return "Simulation : rien n'est envoyé ni enregistré.\n" + _render_preview(result)
    return result.summary()  # type: ignore[attr-defined]


def cmd_status(args: argparse.Namespace, sv: Services) -> OutboxStatus:
    return sv.reminders.status()


def _render_status(st: OutboxStatus) -> str:
    lines = [f"Envoi des messages : {'activé' if st.enabled else 'désactivé (reminders.enabled = non)'}."]
    for c in st.channels:
        state = "prêt" if c.ready else (c.detail or "non configuré")
        lines.append(f"  {c.channel.upper():<6} par {c.route:<14} {state}")
    counts = ", ".join(
        f"{n} {STATUS_FR[MessageStatus(k)]}" for k, n in sorted(st.counts.items(), key=lambda kv: -kv[1]) if n
    )
    lines.append(f"Messages (30 derniers jours et en attente) : {counts or 'aucun'}.")
    lines.append(f"À envoyer maintenant : {st.due_now}.")
    if st.next_due is not None:
        lines.append(f"Prochain message prévu : {st.next_due:%d/%m/%Y à %H:%M}.")
    if st.sender:
        lines.append(f"Envoi en cours sur : {st.sender}.")
    if st.last_run:
        lines.append(f"Dernier envoi ({st.last_run.get('at', '?')}) : {st.last_run.get('summary', '')}")
    if st.attention:
        lines.append("À vérifier (7 derniers jours) :")
        for m in st.attention:
            lines.append(
                f"  {m.due:%d/%m %H:%M}  {m.youth_name:<28} {m.kind_label:<20} {m.status_label} — {m.error}"
            )
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace, sv: Services) -> ExportReport:
    return sv.reminders.export_sms(actor=actor_for(args, sv), path=args.out)


def _render_export(r: ExportReport) -> str:
    if not r.messages:
        return "Aucun SMS à exporter pour l'instant : aucun fichier écrit."
    return f"{r.messages} SMS ({r.parts} SMS facturés) écrits dans {r.path} ; à déposer sur le site du fournisseur."


def cmd_stats(args: argparse.Namespace, sv: Services) -> dict:
    return {"rows": sv.reminders.no_show_stats(args.start, args.end)}


def _rate(n: int, k: int) -> str:
    return f"{100 * k / n:5.1f} %" if n else "    —"


def _render_stats(result: dict) -> str:
    rows = result["rows"]
    if not rows:
        return "Aucun rendez-vous avec une issue connue sur la période."
    lines = [f"{'mois':<8} {'type':<10} {'avec rappel':>22} {'sans rappel':>22}"]
    for r in rows:
        w, wo = r.with_reminder, r.without_reminder
        lines.append(
            f"{r.month:<8} {r.type_code:<10} {w.no_shows:>4}/{w.appointments:<5} {_rate(w.appointments, w.no_shows)}"
            f"      {wo.no_shows:>4}/{wo.appointments:<5} {_rate(wo.appointments, wo.no_shows)}"
        )
    lines.append("(absents / rendez-vous dont l'issue est connue ; excusés et annulés exclus)")
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    rem = sub.add_parser("reminders", help="rappels et avis aux jeunes par SMS et e-mail")
    rsub = rem.add_subparsers(dest="reminders_cmd", required=True)
    p = rsub.add_parser("preview", help="les messages d'une journée (à venir : prévus ; passée : envoyés)")
    p.add_argument("--date", type=arg_date, required=True, help="AAAA-MM-JJ ou jj/mm/aaaa")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_preview, _render_preview))
    p = rsub.add_parser("send", help="planifier et envoyer les messages dus (pour une tâche planifiée)")
    p.add_argument("--dry-run", action="store_true", help="montrer ce qui partirait, sans rien envoyer")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_send, _render_send))
    p = rsub.add_parser("status", help="canaux, messages en attente, dernier envoi, échecs")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_status, _render_status))
    p = rsub.add_parser(
        "export-sms", help="écrire les SMS dus dans un fichier CSV pour le site du fournisseur"
    )
    p.add_argument("--out", required=True, help="fichier .csv à créer")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_export, _render_export))
    p = rsub.add_parser("stats", help="taux d'absence avec et sans rappel, par mois et par type")
    p.add_argument("--from", dest="start", type=arg_date, required=True)
    p.add_argument("--to", dest="end", type=arg_date, required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_stats, _render_stats))
