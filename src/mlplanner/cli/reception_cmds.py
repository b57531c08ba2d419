"""Reception for a network on the command line: the "plus tôt si possible" list (`wishes`)."""

from __future__ import annotations

import argparse

from mlplanner.cli.common import actor_for, add_common, run
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.container import Services
from mlplanner.services.reception.requests import RequestView
from mlplanner.services.reception.requests import sentence_fr as request_sentence
from mlplanner.services.reception.wishes import Proposal, WishView


def _wish_line(w: WishView) -> str:
    a = w.appointment
    late = "  (expirée)" if w.expired else ""
    other = " · autre conseiller possible" if w.any_counsellor else ""
    return (
        f"{w.id}  {a.youth_name:<28} {w.phone or '-':<15} RDV {format_date_fr(a.start.date())} "
        f"{a.start:%H:%M} {a.counsellor_name:<22} peut venir : {w.availability_fr}{other}{late}"
    )


def cmd_list(args: argparse.Namespace, sv: Services) -> list[WishView]:
    return sv.wishes.waiting(viewer=actor_for(args, sv), include_expired=args.all)


def cmd_add(args: argparse.Namespace, sv: Services) -> WishView:
    return sv.wishes.add(
        actor=actor_for(args, sv),
        appointment_id=args.appointment,
        when=args.when or "",
        any_counsellor=args.any_counsellor,
    ).wish


def cmd_withdraw(args: argparse.Namespace, sv: Services) -> dict:
    sv.wishes.withdraw(actor=actor_for(args, sv), wish_id=args.wish)
    return {"withdrawn": args.wish}


def cmd_propose(args: argparse.Namespace, sv: Services) -> object:
    actor = actor_for(args, sv)
    if args.accept:
        a = sv.wishes.accept(actor=actor, proposal_id=args.accept).appointment
        return {"accepted": args.accept, "appointment": a}
    if args.decline:
        sv.wishes.decline(actor=actor, proposal_id=args.decline)
        return {"declined": args.decline}
    if args.dismiss:
        sv.wishes.dismiss(actor=actor, freed_id=args.dismiss)
        return {"dismissed": args.dismiss}
    return sv.wishes.next_proposal(viewer=actor)


def _proposal_text(result: object) -> str:
    if result is None:
        return "(aucune proposition : aucun créneau libéré ne convient aux jeunes en attente)"
    if isinstance(result, Proposal):
        return f"{result.sentence_fr()}\nproposition {result.id}"
    assert isinstance(result, dict)
    if "accepted" in result:
        a = result["appointment"]
        return (
            f"Rendez-vous avancé : {a.youth_name} le {format_date_fr(a.start.date())} à {a.start:%H:%M} "
            f"avec {a.counsellor_name}."
        )
    if "declined" in result:
        return "Refus noté : ce créneau ne lui sera plus proposé."
    return "Créneau écarté : il n'est plus proposé."


def register(sub: argparse._SubParsersAction) -> None:
    wishes = sub.add_parser(
        "wishes", help="liste « plus tôt si possible » et propositions de créneaux libérés"
    )
    wsub = wishes.add_subparsers(dest="wishes_cmd", required=True)

    p = wsub.add_parser("list", help="les jeunes qui attendent un créneau plus tôt")
    p.add_argument("--all", action="store_true", help="avec les demandes expirées")
    add_common(p)
    p.set_defaults(
        func=lambda a: run(a, cmd_list, lambda rows: "\n".join(map(_wish_line, rows)) or "(liste vide)")
    )

    p = wsub.add_parser("add", help="inscrire un rendez-vous sur la liste « plus tôt si possible »")
    p.add_argument("--appointment", required=True, help="le rendez-vous à avancer")
    p.add_argument(
        "--when",
        help='quand le jeune peut venir, ex. "lun, mar matin; jeu 14:00-17:00" (défaut : quand le site est ouvert)',
    )
    p.add_argument("--any-counsellor", action="store_true", help="un autre conseiller convient")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_add, _wish_line))

    p = wsub.add_parser("withdraw", help="retirer une demande de la liste")
    p.add_argument("--wish", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_withdraw, lambda r: "Demande retirée."))

    p = wsub.add_parser(
        "propose", help="la proposition à faire maintenant (une à la fois), ou la réponse du jeune"
    )
    answer = p.add_mutually_exclusive_group()
    answer.add_argument(
        "--accept", metavar="PROPOSITION", help="le jeune accepte : le rendez-vous est avancé"
    )
    answer.add_argument("--decline", metavar="PROPOSITION", help="le jeune refuse ce créneau")
    answer.add_argument("--dismiss", metavar="PROPOSITION", help="ne plus proposer ce créneau à personne")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_propose, _proposal_text))
    register_requests(sub)


# --- booking requests to other sites, and the order of the sites ---------------------------------------


def _request_line(v: RequestView) -> str:
    slip = f"  (coupon : print slip --appointment {v.appointment_id})" if v.confirmed else ""
    return f"{v.id}  {request_sentence(v)}{slip}"


def cmd_requests(args: argparse.Namespace, sv: Services) -> list[RequestView]:
    return sv.requests.received() if args.received else sv.requests.sent()


def cmd_request_withdraw(args: argparse.Namespace, sv: Services) -> RequestView:
    return sv.requests.withdraw(actor=actor_for(args, sv), request_id=args.request).request


def cmd_site_order(args: argparse.Namespace, sv: Services) -> list[tuple[str, str]]:
    if args.codes is None:
        return sv.slots.site_order("all")
    return sv.slots.set_site_order(actor=actor_for(args, sv), codes=args.codes.split(","))


def register_requests(sub: argparse._SubParsersAction) -> None:
    requests = sub.add_parser("requests", help="demandes de rendez-vous envoyées aux autres sites")
    rsub = requests.add_subparsers(dest="requests_cmd", required=True)
    p = rsub.add_parser("list", help="les demandes envoyées (ou reçues) et leur réponse")
    p.add_argument("--received", action="store_true", help="les demandes reçues des autres sites")
    add_common(p)
    p.set_defaults(
        func=lambda a: run(
            a, cmd_requests, lambda rows: "\n".join(map(_request_line, rows)) or "(aucune demande)"
        )
    )
    p = rsub.add_parser("withdraw", help="retirer une demande (annulée sur l'autre site si déjà confirmée)")
    p.add_argument("--request", required=True)
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_request_withdraw, _request_line))

    p = sub.add_parser(
        "site-order", help="l'ordre des sites voisins pour « slots --sites all » (du plus proche)"
    )
    p.add_argument("codes", nargs="?", help="CODE,CODE,... (sans argument : l'ordre actuel)")
    add_common(p)
    p.set_defaults(
        func=lambda a: run(
            a, cmd_site_order, lambda rows: "\n".join(f"{i}. {c}  {n}" for i, (c, n) in enumerate(rows, 1))
        )
    )
