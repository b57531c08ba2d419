"""French labels for the enums, used by the CLI, the printouts and the UI's default language."""

from __future__ import annotations

from mlplanner.domain.enums import Mode, Programme, Referral, Role, RoomKind, Status

STATUS_FR: dict[Status, str] = {
    Status.BOOKED: "prévu",
    Status.ARRIVED: "arrivé",
    Status.SEEN: "reçu",
    Status.NO_SHOW: "absent",
    Status.EXCUSED: "excusé",
    Status.CANCELLED_BY_YOUTH: "annulé par le jeune",
    Status.CANCELLED_BY_ML: "annulé par la Mission Locale",
}

MODE_FR: dict[Mode, str] = {
    Mode.ON_SITE: "sur site",
    Mode.PHONE: "téléphone",
    Mode.VIDEO: "visio",
    Mode.OUTSIDE: "hors les murs",
}

ROLE_FR: dict[Role, str] = {
    Role.RECEPTIONIST: "chargé(e) d'accueil",
    Role.COUNSELLOR: "conseiller(ère)",
    Role.SITE_LEAD: "responsable de site",
    Role.ADMIN: "administrateur",
    Role.PARTNER: "partenaire",
}

ROOM_KIND_FR: dict[RoomKind, str] = {RoomKind.OFFICE: "bureau", RoomKind.WORKSHOP: "salle d'atelier"}

PROGRAMME_FR: dict[Programme, str] = {
    Programme.NONE: "aucun",
    Programme.CEJ: "CEJ",
    Programme.PACEA: "PACEA",
}

REFERRAL_FR: dict[Referral, str] = {
    Referral.SELF: "spontané",
    Referral.SCHOOL: "établissement scolaire",
    Referral.FRANCE_TRAVAIL: "France Travail",
    Referral.SOCIAL_SERVICES: "services sociaux",
    Referral.HEALTH_INSURANCE: "Assurance maladie",
    Referral.JUSTICE: "justice (PJJ, SPIP)",
    Referral.OTHER: "autre",
}

WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
