"""Youths, slots and appointments on the command line."""

from __future__ import annotations

import argparse
from datetime import date

from mlplanner.cli.common import actor_for, add_common, arg_date, arg_datetime, run
from mlplanner.domain.enums import Mode, Programme, Status
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.domain.models import AppointmentView, Slot, YouthView
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.booking.walk_in import WalkInOffer, WalkInResult
from mlplanner.services.container import Services
from mlplanner.services.reception.requests import AnywhereResult
from mlplanner.services.reception.requests import sentence_fr as request_sentence
from mlplanner.services.youths.service import YouthDraft


def resolve_youth(services: Services, key: str) -> YouthView:
    """An id, an i-milo number, a phone number, or a search that finds exactly one youth."""
    try:
        return services.youths.get(key)
    except InputError:
        pass
    found = services.youths.search(key, limit=5)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError("unknown_youth", f"Aucun jeune ne correspond à « {key} ».")
    names = ", ".join(f"{y.display_name} ({y.id[:8]})" for y in found)
    raise InputError(
        "ambiguous_youth", f"« {key} » désigne plusieurs jeunes : {names}… précisez l'identifiant."
    )


def _youth_line(y: YouthView) -> str:
    born = format_date_fr(y.birth_date) if y.birth_date else "?"
    return f"{y.id}  {y.display_name:<32} né(e) le {born}  {y.phone or '-':<15} {y.external_id or ''}"


def _appt_line(a: AppointmentView) -> str:
    room = a.room_name or MODE_FR[a.mode]
    code = "CONFID." if a.redacted else a.type_code  # a confidential type is not named to this person
    return (
        f"{a.id}  {format_date_fr(a.start.date())} {a.start:%H:%M}-{a.end:%H:%M}  {a.youth_name:<28} "
        f"{code:<6} {a.staff_names:<22} {room:<16} {STATUS_FR[a.status]}"
    )


def _slot_line(s: Slot) -> str:
    who = f"{s.counsellor_name} et {s.second_staff_name}" if s.second_staff_id else s.counsellor_name
    where = f"{s.site_code:<8} " if s.site_code else ""
    return f"{where}{format_date_fr(s.start.date())} {s.start:%H:%M}-{s.end:%H:%M}  {who:<24} {s.room_name or '-'}"


def cmd_youth_search(args: argparse.Namespace, sv: Services) -> list[YouthView]:
    return sv.youths.search(args.query, limit=args.limit)


def cmd_youth_add(args: argparse.Namespace, sv: Services) -> YouthView:
    draft = YouthDraft(
        first_name=args.first,
        last_name=args.last,
        birth_date=args.birth,
        phone=args.phone or "",
        email=args.email or "",
        external_id=args.external_id or "",
        referent=args.referent,
        programme=Programme(args.programme),
        programme_start=args.programme_start,
        programme_end=args.programme_end,
        sms_consent=args.sms,
        email_consent=args.email_consent,
    )
    return sv.youths.add(
        actor=actor_for(args, sv), draft=draft, confirm_duplicate=args.confirm_duplicate
    ).youth


def cmd_slots(args: argparse.Namespace, sv: Services) -> list[Slot]:
    youth_id = resolve_youth(sv, args.youth).id if args.youth else None
    if args.sites:  # the caller's site first, then the others (see `slots.site_order`)
        if args.counsellor or args.second_staff:
            raise InputError(
                "sites_and_counsellor",
                "--sites cherche sur plusieurs sites : sans --counsellor ni --second-staff.",
            )
        return sv.slots.find_across(
            sites=args.sites, type_code=args.type, youth_id=youth_id, start=args.from_date, count=args.count
        )
    return sv.slots.find(
        type_code=args.type,
        counsellor=args.counsellor,
        youth_id=youth_id,
        start=args.from_date,
        count=args.count,
        second_staff=args.second_staff,
    )


def cmd_book(args: argparse.Namespace, sv: Services) -> AppointmentView | AnywhereResult:
    youth = resolve_youth(sv, args.youth)
    if args.site:  # another site: booked directly where this database writes its diary, else a request
        if args.room or args.back_office or args.force_reason or args.second_staff:
            raise InputError(
                "site_options",
                "--site : la salle, la saisie a posteriori, le forçage et la deuxième personne se "
                "règlent sur le site concerné.",
            )
        return sv.requests.book_anywhere(
            actor=actor_for(args, sv),
            site=args.site,
            youth_id=youth.id,
            type_code=args.type,
            start=args.start,
            counsellor=args.counsellor,
            mode=Mode(args.mode) if args.mode else None,
            notes=args.notes or "",
        )
    return sv.booking.book(
        actor=actor_for(args, sv),
        youth_id=youth.id,
        type_code=args.type,
        start=args.start,
        counsellor=args.counsellor,
        room=args.room,
        mode=Mode(args.mode) if args.mode else None,
        back_office=args.back_office,
        force_reason=args.force_reason or "",
        notes=args.notes or "",
        second_staff=args.second_staff,
    ).appointment


def cmd_move(args: argparse.Namespace, sv: Services) -> AppointmentView:
    return sv.booking.move(
        actor=actor_for(args, sv),
        appointment_id=args.appointment,
        start=args.start,
        counsellor=args.counsellor,
        room=args.room,
        back_office=args.back_office,
        force_reason=args.force_reason or "",
    ).appointment


def cmd_cancel(args: argparse.Namespace, sv: Services) -> AppointmentView:
    return sv.appointments.cancel(
        actor=actor_for(args, sv),
        appointment_id=args.appointment,
        by_youth=args.by_youth,
        reason=args.reason or "",
    ).appointment


def cmd_check_in(args: argparse.Namespace, sv: Services) -> AppointmentView:
    return sv.appointments.check_in(actor=actor_for(args, sv), appointment_id=args.appointment).appointment


def cmd_status(args: argparse.Namespace, sv: Services) -> AppointmentView:
    return sv.appointments.set_outcome(
        actor=actor_for(args, sv), appointment_id=args.appointment, status=Status(args.set), note=args.note
    ).appointment


def _wait_fr(minutes: int) -> str:
    if minutes == 0:
        return "tout de suite"
    return (
        f"attente prévue {minutes} min"
        if minutes < 60
        else f"attente prévue {minutes // 60} h {minutes % 60:02d}"
    )


def cmd_walk_in(args: argparse.Namespace, sv: Services) -> WalkInOffer | WalkInResult:
    youth = resolve_youth(sv, args.youth)
    if args.offer:
        return sv.walk_ins.offer(youth_id=youth.id, type_code=args.type)
    return sv.walk_ins.walk_in(
        actor=actor_for(args, sv), youth_id=youth.id, type_code=args.type, check_in=not args.come_back
    )


def _walk_in_text(r: WalkInOffer | WalkInResult) -> str:
    if isinstance(r, WalkInOffer):
        where = f", {r.room_name}" if r.room_name else ""
        line = (
            f"{r.youth_name} serait reçu(e) par {r.counsellor_name} à {r.start:%H:%M}{where} "
            f"({_wait_fr(r.wait_min)}) : rien n'est enregistré (--offer)."
        )
        if r.expected_today is not None:
            a = r.expected_today
            line += f"\nA déjà rendez-vous aujourd'hui à {a.start:%H:%M} avec {a.counsellor_name} : {a.id}"
        return line
    what = "arrivé(e), dans la file" if r.checked_in else "à revenir à cette heure"
    return f"{_appt_line(r.appointment)}\n{what} : {_wait_fr(r.wait_min)}"


def cmd_day(args: argparse.Namespace, sv: Services) -> list[AppointmentView]:
    day = args.date or sv.ctx.today()
    return sv.booking.day(day, counsellor=args.counsellor, viewer=actor_for(args, sv))


def cmd_switch(args: argparse.Namespace, sv: Services) -> dict:
    res = sv.booking.switch_mode(
        actor=actor_for(args, sv),
        start=args.from_date,
        end=args.to_date,
        mode=Mode(args.mode),
        counsellor=args.counsellor,
    )
    return {"switched": res.switched}


def _booked_text(result: AppointmentView | AnywhereResult) -> str:
    if isinstance(result, AppointmentView):
        return _appt_line(result)
    if result.appointment is not None:  # booked there directly (server mode): confirmed, the slip prints now
        a = result.appointment
        return (
            f"{_appt_line(a)}\nRendez-vous pris au site {result.site_code} ({result.site_name}) : confirmé "
            f"(coupon : print slip --appointment {a.id})."
        )
    assert result.request is not None
    return f"{result.request.id}  {request_sentence(result.request)}"


def _lines(fn):
    return lambda rows: "\n".join(fn(r) for r in rows) if rows else "(aucun résultat)"


def register(sub: argparse._SubParsersAction) -> None:
    youth = sub.add_parser("youth", help="rechercher ou créer un jeune")
    ysub = youth.add_subparsers(dest="youth_cmd", required=True)
    p = ysub.add_parser("search", help="recherche sans accents ni majuscules : nom, téléphone, n° i-milo")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_youth_search, _lines(_youth_line)))

    p = ysub.add_parser("add", help="créer la fiche d'un jeune")
    p.add_argument("--first", required=True, help="prénom")
    p.add_argument("--last", required=True, help="nom")
    p.add_argument("--birth", type=arg_date, help="date de naissance jj/mm/aaaa")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--external-id", help="n° de dossier i-milo")
    p.add_argument("--referent", help="conseiller référent")
    p.add_argument("--programme", choices=[x.value for x in Programme], default="none")
    p.add_argument("--programme-start", type=arg_date)
    p.add_argument("--programme-end", type=arg_date)
    p.add_argument("--sms", action="store_true", help="accepte les rappels par SMS")
    p.add_argument("--email-consent", action="store_true", help="accepte les rappels par e-mail")
    p.add_argument("--confirm-duplicate", action="store_true", help="créer malgré un doublon probable")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_youth_add, _youth_line))

    p = sub.add_parser("slots", help="prochains créneaux libres")
    p.add_argument("--type", required=True, help="code du type de rendez-vous (SUIVI, ACC...)")
    p.add_argument("--counsellor")
    p.add_argument("--youth", help="pour ce jeune (son référent en premier, ses rendez-vous évités)")
    p.add_argument("--from", dest="from_date", type=arg_date)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--second-staff", help="une deuxième personne, libre elle aussi (partenaire, conseiller)")
    p.add_argument(
        "--sites",
        metavar="CODE,CODE|all",
        help="chercher aussi sur ces sites (ce site d'abord), ou « all » : tout le réseau, du plus proche au plus loin",
    )
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_slots, _lines(_slot_line)))

    def booking_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--start", required=True, type=arg_datetime, help='"AAAA-MM-JJ HH:MM"')
        p.add_argument("--counsellor")
        p.add_argument("--room")
        p.add_argument("--back-office", action="store_true", help="saisie a posteriori (dans le passé)")
        p.add_argument(
            "--force-reason", help="responsable de site : forcer un double rendez-vous du conseiller"
        )
        add_common(p)

    p = sub.add_parser("book", help="prendre un rendez-vous")
    p.add_argument("--youth", required=True, help="identifiant, n° i-milo, téléphone ou nom (unique)")
    p.add_argument("--type", required=True)
    p.add_argument("--mode", choices=[m.value for m in Mode])
    p.add_argument("--notes")
    p.add_argument("--second-staff", help="une deuxième personne au rendez-vous (partenaire, conseiller)")
    p.add_argument(
        "--site",
        metavar="CODE",
        help="réserver sur un autre site : directement en mode serveur, sinon une demande confirmée à sa synchronisation",
    )
    booking_opts(p)
    p.set_defaults(func=lambda a: run(a, cmd_book, _booked_text))

    p = sub.add_parser("move", help="déplacer un rendez-vous")
    p.add_argument("--appointment", required=True)
    booking_opts(p)
    p.set_defaults(func=lambda a: run(a, cmd_move, _appt_line))

    p = sub.add_parser("cancel", help="annuler un rendez-vous")
    p.add_argument("--appointment", required=True)
    p.add_argument(
        "--by-youth", action="store_true", help="annulé par le jeune (sinon par la Mission Locale)"
    )
    p.add_argument("--reason", help="motif (obligatoire pour une annulation par la Mission Locale)")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_cancel, _appt_line))

    p = sub.add_parser("check-in", help="pointer l'arrivée d'un jeune")
    p.add_argument("--appointment", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_check_in, _appt_line))

    p = sub.add_parser("status", help="saisir l'issue d'un rendez-vous")
    p.add_argument("--appointment", required=True)
    p.add_argument(
        "--set", required=True, choices=[Status.SEEN.value, Status.NO_SHOW.value, Status.EXCUSED.value]
    )
    p.add_argument("--note")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_status, _appt_line))

    p = sub.add_parser(
        "walk-in", help="jeune sans rendez-vous : reçu(e) par le conseiller de permanence, arrivée pointée"
    )
    p.add_argument("--youth", required=True, help="identifiant, n° i-milo, téléphone ou nom (unique)")
    p.add_argument("--type", default="SUIVI", help="code du type d'entretien (SUIVI par défaut)")
    p.add_argument(
        "--come-back",
        action="store_true",
        help="réserver le créneau sans pointer l'arrivée (il/elle revient)",
    )
    p.add_argument("--offer", action="store_true", help="dire seulement qui et quand, sans rien enregistrer")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_walk_in, _walk_in_text))

    p = sub.add_parser("day", help="les rendez-vous d'une journée")
    p.add_argument("--date", type=arg_date)
    p.add_argument("--counsellor")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_day, _lines(_appt_line)))

    p = sub.add_parser("switch-mode", help="basculer des rendez-vous au téléphone ou en visio")
    p.add_argument("--from", dest="from_date", type=arg_date, required=True)
    p.add_argument("--to", dest="to_date", type=arg_date, required=True)
    p.add_argument("--mode", required=True, choices=[Mode.PHONE.value, Mode.VIDEO.value, Mode.OUTSIDE.value])
    p.add_argument("--counsellor", help="un conseiller (sinon tout le site)")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_switch, lambda r: f"{r['switched']} rendez-vous basculé(s)."))


__all__ = ["date", "register", "resolve_youth"]
