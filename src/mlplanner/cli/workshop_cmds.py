"""Workshops on the command line: create a series from an RFC 5545 rule, list sessions, register,
cancel a registration, record attendance, and the session lifecycle (edit, cancel, close, reopen)."""

from __future__ import annotations

import argparse
from datetime import timedelta

from mlplanner.cli.booking_cmds import resolve_youth
from mlplanner.cli.common import actor_for, add_common, arg_date, arg_datetime, run
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.container import Services
from mlplanner.services.workshops.service import KEEP, SeriesDraft
from mlplanner.services.workshops.terms import (
    ATTENDANCE_FR,
    REGISTRATION_FR,
    SESSION_STATE_FR,
    Attendance,
    EditScope,
)
from mlplanner.services.workshops.views import (
    RegistrationResult,
    RegistrationView,
    RosterView,
    SeriesResult,
    SessionsResult,
    SessionView,
)


def session_line(v: SessionView) -> str:
    day = WEEKDAYS_FR[v.start.weekday()][:3]
    who = ", ".join(v.facilitators) or "-"
    wait = f" +{v.waitlisted} en attente" if v.waitlisted else ""
    return (
        f"{v.id}  {day} {format_date_fr(v.start.date())} {v.start:%H:%M}-{v.end:%H:%M}  {v.title:<28} "
        f"{v.room_name or '-':<16} {who:<22} {v.confirmed:>2}/{v.capacity:<2}{wait}  {SESSION_STATE_FR[v.state]}"
    )


def registration_line(r: RegistrationView) -> str:
    status = REGISTRATION_FR[r.status] + (f" (rang {r.waitlist_rank})" if r.waitlist_rank else "")
    presence = f"  présence : {ATTENDANCE_FR[r.attendance]}" if r.attendance is not Attendance.NONE else ""
    return f"{r.id}  {r.youth_name:<30} {status}{presence}"


def _notices(notices: tuple[str, ...]) -> list[str]:
    return [f"! {n}" for n in notices]


def render_series(res: SeriesResult) -> str:
    lines = [f"Atelier « {res.series.title} » : {res.series.rule_fr}"]
    lines.append(f"{len(res.sessions)} séance(s) :")
    lines += [f"  {session_line(v)}" for v in res.sessions]
    if res.skipped:
        lines.append(f"{len(res.skipped)} date(s) écartée(s) :")
        lines += [f"  - {k.reason}" for k in res.skipped]
    return "\n".join(lines + _notices(res.notices))


def render_sessions(res: SessionsResult) -> str:
    lines = [session_line(v) for v in res.sessions]
    lines += [f"  - écartée : {k.reason}" for k in res.skipped]
    return "\n".join(lines + _notices(res.notices))


def render_registrations(res: RegistrationResult) -> str:
    lines = [registration_line(r) for r in res.registrations]
    return "\n".join(lines + _notices(res.notices))


# --- handlers ----------------------------------------------------------------------------------------


def cmd_create(args: argparse.Namespace, sv: Services) -> SeriesResult:
    draft = SeriesDraft(
        title=args.title,
        start=args.start,
        duration_min=args.duration,
        capacity=args.capacity,
        rrule=args.rrule,
        room=args.room,
        facilitator=args.facilitator,
        co_facilitator=args.co_facilitator,
        description=args.description or "",
        audience=args.audience or "",
        registration_close_min=args.close_before or 0,
        kind_code=args.kind,
    )
    return sv.workshops.create_series(
        actor=actor_for(args, sv), draft=draft, skip_clashes=args.skip_clashes, back_office=args.back_office
    )


def cmd_sessions(args: argparse.Namespace, sv: Services) -> list[SessionView]:
    if args.series:
        return sv.workshops.series_sessions(args.series)
    today = sv.ctx.today()
    start = args.from_date or today
    end = args.to_date or start + timedelta(days=30)
    if end < start:
        raise InputError("end_before_start", "La date de fin doit suivre la date de début.")
    return sv.workshops.sessions_between(start, end, room=args.room, facilitator=args.facilitator)


def cmd_roster(args: argparse.Namespace, sv: Services) -> RosterView:
    return sv.workshops.roster(args.session)


def render_roster(r: RosterView) -> str:
    lines = [session_line(r.session), "Inscrits :"]
    lines += [f"  {registration_line(x)}" for x in r.registered] or ["  (aucun)"]
    if r.waitlist:
        lines.append("Liste d'attente :")
        lines += [f"  {registration_line(x)}" for x in r.waitlist]
    return "\n".join(lines)


def cmd_register(args: argparse.Namespace, sv: Services) -> RegistrationResult:
    youth = resolve_youth(sv, args.youth)
    return sv.registrations.register_many(
        actor=actor_for(args, sv),
        session_ids=args.session,
        youth_id=youth.id,
        waitlist_ok=args.waitlist_ok,
        prescriber=args.prescriber,
        back_office=args.back_office,
    )


def _registration_id(args: argparse.Namespace, sv: Services) -> str:
    if args.registration:
        return args.registration
    if not (args.session and args.youth):
        raise InputError("which_registration", "Indiquez --registration, ou bien --session et --youth.")
    return sv.registrations.find_registration(
        session_id=args.session, youth_id=resolve_youth(sv, args.youth).id
    )


def cmd_cancel_registration(args: argparse.Namespace, sv: Services) -> RegistrationResult:
    return sv.registrations.cancel_registration(
        actor=actor_for(args, sv), registration_id=_registration_id(args, sv), reason=args.reason or ""
    )


def cmd_attendance(args: argparse.Namespace, sv: Services) -> RegistrationResult:
    return sv.registrations.set_attendance(
        actor=actor_for(args, sv), registration_id=_registration_id(args, sv), attendance=Attendance(args.set)
    )


def cmd_edit(args: argparse.Namespace, sv: Services) -> SessionsResult:
    def opt(value: str | None) -> object:
        if value is None:
            return KEEP
        return None if value == "-" else value

    return sv.sessions.edit_session(
        actor=actor_for(args, sv),
        session_id=args.session,
        scope=EditScope(args.scope),
        start=args.start,
        duration_min=args.duration,
        capacity=args.capacity,
        room=opt(args.room),
        facilitator=opt(args.facilitator),
        skip_clashes=args.skip_clashes,
    )


def cmd_rule(args: argparse.Namespace, sv: Services) -> SeriesResult:
    return sv.workshops.change_rule(
        actor=actor_for(args, sv), series_id=args.series, rrule=args.rrule, skip_clashes=args.skip_clashes
    )


def cmd_cancel_session(args: argparse.Namespace, sv: Services) -> SessionsResult:
    return sv.sessions.cancel_session(actor=actor_for(args, sv), session_id=args.session, reason=args.reason)


def cmd_close(args: argparse.Namespace, sv: Services) -> SessionsResult:
    return sv.sessions.close_session(actor=actor_for(args, sv), session_id=args.session)


def cmd_reopen(args: argparse.Namespace, sv: Services) -> SessionsResult:
    return sv.sessions.reopen_session(actor=actor_for(args, sv), session_id=args.session, reason=args.reason)


def cmd_stats(args: argparse.Namespace, sv: Services) -> dict:
    return {
        "months": sv.stats.monthly_stats(args.from_date, args.to_date),
        "workshops": sv.stats.series_stats(args.from_date, args.to_date),
    }


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def render_stats(res: dict) -> str:
    head = f"{'':<28} {'séances':>7} {'inscrits':>8} {'présence':>9} {'absents':>8} {'remplissage':>11}"
    lines = [head]
    for group in ("months", "workshops"):
        for x in res[group]:
            lines.append(
                f"{x.label[:28]:<28} {x.sessions_held:>7} {x.registrations:>8} {_pct(x.attendance_rate):>9} "
                f"{_pct(x.no_show_rate):>8} {_pct(x.fill_rate):>11}"
            )
        lines.append("")
    return "\n".join(lines).rstrip()


def _list(rows: list[SessionView]) -> str:
    return "\n".join(session_line(v) for v in rows) if rows else "(aucune séance)"


def register(sub: argparse._SubParsersAction) -> None:
    ws = sub.add_parser("workshop", help="ateliers : séries, séances, inscriptions, présences")
    wsub = ws.add_subparsers(dest="workshop_cmd", required=True, metavar="ACTION")

    p = wsub.add_parser("create", help="créer une série d'ateliers à partir d'une règle RFC 5545")
    p.add_argument("--title", required=True)
    p.add_argument("--start", required=True, type=arg_datetime, help='première séance "AAAA-MM-JJ HH:MM"')
    p.add_argument("--duration", required=True, type=int, help="durée d'une séance en minutes")
    p.add_argument("--capacity", required=True, type=int, help="nombre de places")
    p.add_argument(
        "--rrule", default="FREQ=DAILY;COUNT=1", help='règle, ex. "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"'
    )
    p.add_argument("--room")
    p.add_argument("--facilitator", help="animateur (membre du personnel)")
    p.add_argument("--co-facilitator", help="second animateur")
    p.add_argument("--description")
    p.add_argument("--audience", help="public visé (CEJ, 16-18 ans...)")
    p.add_argument(
        "--kind",
        default="ATELIER",
        help="type d'action : ATELIER (4 h CEJ), INFO_COLL (information collective, 3 h) ou un type ajouté",
    )
    p.add_argument("--close-before", type=int, help="fin des inscriptions N minutes avant le début")
    p.add_argument(
        "--skip-clashes", action="store_true", help="créer les séances sans conflit, écarter les autres"
    )
    p.add_argument("--back-office", action="store_true", help="saisie a posteriori (séances passées)")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_create, render_series))

    p = wsub.add_parser("sessions", help="les séances d'une période (30 jours par défaut)")
    p.add_argument("--from", dest="from_date", type=arg_date)
    p.add_argument("--to", dest="to_date", type=arg_date)
    p.add_argument("--room")
    p.add_argument("--facilitator")
    p.add_argument("--series", help="les séances d'une série")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_sessions, _list))

    p = wsub.add_parser("roster", help="les inscrits et la liste d'attente d'une séance")
    p.add_argument("--session", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_roster, render_roster))

    p = wsub.add_parser("register", help="inscrire un jeune (à une ou plusieurs séances)")
    p.add_argument("--session", required=True, action="append", help="séance (répétable)")
    p.add_argument("--youth", required=True, help="identifiant, n° i-milo, téléphone ou nom (unique)")
    p.add_argument("--waitlist-ok", action="store_true", help="liste d'attente si la séance est complète")
    p.add_argument("--prescriber", help="conseiller prescripteur (sinon : inscription spontanée)")
    p.add_argument("--back-office", action="store_true", help="saisie a posteriori (séance passée)")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_register, render_registrations))

    def which(p: argparse.ArgumentParser) -> None:
        p.add_argument("--registration")
        p.add_argument("--session")
        p.add_argument("--youth")

    p = wsub.add_parser("cancel-registration", help="annuler une inscription (la liste d'attente avance)")
    which(p)
    p.add_argument("--reason")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_cancel_registration, render_registrations))

    p = wsub.add_parser("attendance", help="saisir la présence d'un jeune à une séance")
    which(p)
    p.add_argument("--set", required=True, choices=[a.value for a in Attendance if a.value])
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_attendance, render_registrations))

    p = wsub.add_parser("edit", help="modifier une séance, les suivantes ou toute la série")
    p.add_argument("--session", required=True)
    p.add_argument("--scope", choices=[s.value for s in EditScope], default=EditScope.THIS.value)
    p.add_argument("--start", type=arg_datetime, help="nouveau début de cette séance")
    p.add_argument("--duration", type=int)
    p.add_argument("--capacity", type=int)
    p.add_argument("--room", help="salle (« - » : aucune)")
    p.add_argument("--facilitator", help="animateur (« - » : aucun)")
    p.add_argument("--skip-clashes", action="store_true")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_edit, render_sessions))

    p = wsub.add_parser("rule", help="changer la règle de récurrence d'une série (pour l'avenir)")
    p.add_argument("--series", required=True)
    p.add_argument("--rrule", required=True)
    p.add_argument("--skip-clashes", action="store_true")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_rule, render_series))

    p = wsub.add_parser("cancel-session", help="annuler une séance")
    p.add_argument("--session", required=True)
    p.add_argument("--reason", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_cancel_session, render_sessions))

    p = wsub.add_parser("close", help="clôturer une séance émargée")
    p.add_argument("--session", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_close, render_sessions))

    p = wsub.add_parser("reopen", help="rouvrir une séance clôturée (responsable de site)")
    p.add_argument("--session", required=True)
    p.add_argument("--reason", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_reopen, render_sessions))

    p = wsub.add_parser("stats", help="statistiques des ateliers par mois et par atelier")
    p.add_argument("--from", dest="from_date", type=arg_date, required=True)
    p.add_argument("--to", dest="to_date", type=arg_date, required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_stats, render_stats))
