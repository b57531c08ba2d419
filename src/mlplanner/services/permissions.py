"""Who may do what. Checked in the services, whatever the UI greys out."""

from __future__ import annotations

from enum import StrEnum

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import PermissionDenied
from mlplanner.domain.labels import ROLE_FR
from mlplanner.services.context import Actor


class Perm(StrEnum):
    BOOK = "book"  # book, move, cancel, check in
    EDIT_YOUTH = "edit_youth"
    MERGE_YOUTH = "merge_youth"
    OUTCOME_OWN = "outcome_own"  # outcomes and notes on one's own appointments
    OUTCOME_ANY = "outcome_any"
    FORCE_DOUBLE_BOOKING = "force_double_booking"
    BACK_OFFICE = "back_office"  # book in the past, register to a past workshop session
    SWITCH_MODE = "switch_mode"
    CONFIGURE_SITE = "configure_site"  # hours, closures, rooms, types, absences
    MANAGE_STAFF = "manage_staff"  # staff accounts and PINs
    SITE_IDENTITY = "site_identity"  # the site's time zone and holiday calendar (administrators)
    MANAGE_WORKSHOPS = "manage_workshops"
    REGISTER_WORKSHOP = "register_workshop"
    VIEW_AUDIT = "view_audit"
    SYNC = "sync"
    PRIVACY = "privacy"  # anonymise, erase, right of access
    PRINT = "print"
    FOLLOW_UP = "follow_up"  # CEJ actions, follow-up periods, orientations, FSE+ data of young people
    REPORTS = "reports"  # every report of the site (a counsellor sees their own CEJ and i-milo lists)


_RECEPTION = {Perm.BOOK, Perm.EDIT_YOUTH, Perm.REGISTER_WORKSHOP, Perm.PRINT, Perm.SYNC}
_COUNSELLOR = _RECEPTION | {Perm.OUTCOME_OWN, Perm.FOLLOW_UP}
_LEAD = set(Perm) - {Perm.MANAGE_STAFF, Perm.SITE_IDENTITY}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.RECEPTIONIST: frozenset(_RECEPTION),
    Role.COUNSELLOR: frozenset(_COUNSELLOR),
    Role.SITE_LEAD: frozenset(_LEAD),
    Role.ADMIN: frozenset(Perm),
    Role.PARTNER: frozenset(),
}

_WHAT_FR: dict[Perm, str] = {
    Perm.BOOK: "prendre ou modifier des rendez-vous",
    Perm.EDIT_YOUTH: "modifier la fiche d'un jeune",
    Perm.MERGE_YOUTH: "fusionner deux fiches",
    Perm.OUTCOME_OWN: "saisir l'issue d'un rendez-vous",
    Perm.OUTCOME_ANY: "saisir l'issue du rendez-vous d'un collègue",
    Perm.FORCE_DOUBLE_BOOKING: "forcer un double rendez-vous",
    Perm.BACK_OFFICE: "saisir a posteriori dans le passé",
    Perm.SWITCH_MODE: "basculer des rendez-vous à distance",
    Perm.CONFIGURE_SITE: "modifier la configuration du site",
    Perm.MANAGE_STAFF: "gérer les comptes du personnel",
    Perm.SITE_IDENTITY: "changer le fuseau horaire ou le calendrier des jours fériés du site",
    Perm.MANAGE_WORKSHOPS: "gérer les ateliers",
    Perm.REGISTER_WORKSHOP: "inscrire à un atelier",
    Perm.VIEW_AUDIT: "consulter le journal d'audit",
    Perm.SYNC: "synchroniser",
    Perm.PRIVACY: "anonymiser ou effacer des données personnelles",
    Perm.PRINT: "imprimer",
    Perm.FOLLOW_UP: "renseigner le suivi d'un jeune (CEJ, orientations, données FSE+)",
    Perm.REPORTS: "consulter les rapports du site",
}


def allowed(actor: Actor, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS.get(actor.role, frozenset())


def require(actor: Actor, perm: Perm) -> None:
    if not allowed(actor, perm):
        raise PermissionDenied(
            "forbidden",
            f"En tant que {ROLE_FR[actor.role]}, {actor.name} ne peut pas {_WHAT_FR[perm]}.",
            perm=perm,
            role=actor.role,
            name=actor.name,
        )
