"""`mlplanner report cej-hours|imilo|fse|accompanied|timesheet|orientations`: the reports funders and the
network ask for, on the terminal, as `--json`, or written with `--out FILE.xlsx|.csv` (a workbook for a
person, a plain table for another program)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlplanner.cli.common import actor_for, add_common, arg_date, run
from mlplanner.domain.errors import InputError
from mlplanner.domain.periods import Period, parse_month, parse_week
from mlplanner.domain.text import fold
from mlplanner.services.container import Services
from mlplanner.services.reports.exports import ExportResult, check_target
from mlplanner.services.reports.tables import Report, report_tables
from mlplanner.sync.workbook import Kind, Table, display_text


@dataclass(frozen=True)
class Written:
    """What `--out` produced, and the report itself (for `--json`)."""

    file: ExportResult
    report: Report


def _period(args: argparse.Namespace) -> Period:
    return Period(args.date_from, args.date_to)


def _week(text: str) -> Period:
    try:
        return parse_week(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def _month(text: str) -> Period:
    try:
        return parse_month(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def _finish(
    args: argparse.Namespace, sv: Services, kind: str, report: Report
) -> Report | Written | dict[str, Any]:
    written = None
    if args.out is not None:
        tables = report_tables(report)
        written = sv.reports.files.write(actor=actor_for(args, sv), kind=kind, tables=tables, out=args.out)
    if args.json:
        return report_json(kind, report, written)
    return report if written is None else Written(written, report)


def json_key(title: str) -> str:
    """ "Heures déclarées" → "heures_declarees": a column title as a JSON key."""
    return "_".join(re.findall(r"[a-z0-9]+", fold(title).replace("°", "")))


def report_json(kind: str, report: Report, written: ExportResult | None) -> dict[str, Any]:
    """The report for scripts: its tables with one object per row (keys from the column titles)."""
    tables = report_tables(report)
    period = report.period
    out: dict[str, Any] = {
        "report": kind,
        "site": report.header.organisation_site,
        "generated": report.header.generated,
        "from": period.start,
        "to": period.end,
        "tables": [
            {
                "title": t.title,
                "notes": list(t.notes),
                "columns": [
                    {"key": c.key or json_key(c.title), "title": c.title, "type": c.kind.value}
                    for c in t.columns
                ],
                "rows": [
                    {c.key or json_key(c.title): v for c, v in zip(t.columns, row, strict=True)}
                    for row in t.rows
                ],
            }
            for t in tables
        ],
    }
    if written is not None:
        out["file"] = {"path": written.path, "rows": written.rows, "format": written.format}
    return out


def _check_out(args: argparse.Namespace) -> None:
    """A wrong file name is refused before any work (and before anything is written)."""
    if args.out is not None:
        check_target(args.out)


def cmd_cej(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.cej.week(actor=actor_for(args, sv), period=args.week, counsellor=args.counsellor)
    return _finish(args, sv, "cej-hours", r)


def cmd_imilo(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.imilo.lines(actor=actor_for(args, sv), period=_period(args), counsellor=args.counsellor)
    return _finish(args, sv, "imilo", r)


def cmd_fse(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.fse.participants(actor=actor_for(args, sv), operation=args.operation, period=_period(args))
    return _finish(args, sv, "fse", r)


def cmd_accompanied(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.activity.accompanied(actor=actor_for(args, sv), period=_period(args), network=args.network)
    return _finish(args, sv, "accompanied", r)


def cmd_timesheet(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.activity.timesheet(actor=actor_for(args, sv), period=args.month)
    return _finish(args, sv, "timesheet", r)


def cmd_orientations(args: argparse.Namespace, sv: Services) -> Report | Written | dict[str, Any]:
    _check_out(args)
    r = sv.reports.activity.orientations(actor=actor_for(args, sv), period=_period(args))
    return _finish(args, sv, "orientations", r)


# --- the terminal ----------------------------------------------------------------------------------
def render_table(t: Table, *, width: int = 28) -> str:
    lines = [t.title, t.period, *t.notes]
    heads = [c.title for c in t.columns]
    cells = [[display_text(v, c.kind) for c, v in zip(t.columns, row, strict=True)] for row in t.rows]
    widths = [min(width, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(heads)]

    def fmt(values: list[str]) -> str:
        out = []
        for v, w, c in zip(values, widths, t.columns, strict=True):
            v = v if len(v) <= w else v[: w - 1] + "…"
            numeric = c.kind in (Kind.INT, Kind.DECIMAL, Kind.PERCENT)
            out.append(v.rjust(w) if numeric else v.ljust(w))
        return "  ".join(out).rstrip()

    lines += ["", fmt(heads), fmt(["-" * w for w in widths])]
    lines += [fmt(r) for r in cells] or ["(aucune ligne)"]
    return "\n".join(lines)


def render(result: Report | Written) -> str:
    if isinstance(result, Written):
        f = result.file
        return f"Rapport écrit : {f.path} ({f.rows} ligne{'s' if f.rows > 1 else ''}, {f.format})."
    return "\n\n".join(render_table(t) for t in report_tables(result))


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser(
        "report",
        help="rapports : heures CEJ, saisie i-milo, participants FSE+, jeunes accompagnés, temps, orientations",
    )
    rsub = report.add_subparsers(dest="report_cmd", required=True, metavar="RAPPORT")

    def rep(
        name: str, help_text: str, handler: Callable[[argparse.Namespace, Services], Any]
    ) -> argparse.ArgumentParser:
        p = rsub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--out", type=Path, default=None, help="fichier à écrire : .xlsx (tableur) ou .csv")
        add_common(p)
        p.set_defaults(func=lambda a: run(a, handler, render))
        return p

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--from", dest="date_from", type=arg_date, required=True, help="premier jour (jj/mm/aaaa)"
        )
        p.add_argument("--to", dest="date_to", type=arg_date, required=True, help="dernier jour inclus")

    p = rep("cej-hours", "heures CEJ de la semaine (barème du CEJ), jeunes sous 15 h et à 0 h", cmd_cej)
    p.add_argument("--week", type=_week, required=True, help="semaine ISO, par exemple 2027-W10")
    p.add_argument("--counsellor", default=None, help="un(e) conseiller(ère) référent(e) (défaut : tous)")

    p = rep(
        "imilo", "lignes à saisir dans i-milo (rendez-vous et ateliers), dans les mots d'i-milo", cmd_imilo
    )
    period(p)
    p.add_argument("--counsellor", default=None, help="un(e) conseiller(ère) (défaut : tous)")

    p = rep("fse", "participants FSE+ d'une opération financée, avec la complétude (seuil de 35 %%)", cmd_fse)
    p.add_argument("--operation", required=True, help="nom de l'opération (réglage des types d'action)")
    period(p)

    p = rep(
        "accompanied",
        "jeunes accompagnés par site et conseiller, nouveaux jeunes, présentiel",
        cmd_accompanied,
    )
    period(p)
    p.add_argument("--network", action="store_true", help="tous les sites reçus par synchronisation")

    p = rep("timesheet", "feuille de temps des animateurs : séances financées du mois", cmd_timesheet)
    p.add_argument("--month", type=_month, required=True, help="mois, par exemple 2027-03")

    p = rep("orientations", "orientations vers les partenaires et leurs résultats", cmd_orientations)
    period(p)
