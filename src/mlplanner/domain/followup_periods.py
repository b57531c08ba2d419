"""The personal follow-up of a young person and what comes after it; orientations to partners.

A personal follow-up runs 6 months and may be renewed once for 6 more; after that (or instead of a
renewal) it ends, either plainly or with a lighter follow-up so the young person does not drop out: the
lighter follow-up plans a contact (a date, or an appointment booked) and runs 6 months too. Counsellors
see the follow-ups ending within 30 days, with the three choices.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

PERIOD_MONTHS = 6
MAX_RENEWALS = 1
ENDING_SOON_DAYS = 30
LIGHT_CONTACT_DAYS = 30  # a lighter follow-up's first contact, by default a month after it starts


class PeriodKind(StrEnum):
    PERSONAL = "personal"
    LIGHT = "light"


class EndReason(StrEnum):
    NONE = ""
    ENDED = "ended"
    LIGHT = "light"  # ended with a lighter follow-up proposed


KIND_FR = {PeriodKind.PERSONAL: "Accompagnement personnalisé", PeriodKind.LIGHT: "Suivi allégé"}
END_FR = {
    EndReason.NONE: "",
    EndReason.ENDED: "terminé",
    EndReason.LIGHT: "terminé, suivi allégé proposé",
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day: 31/08 + 6 → 28/02)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PeriodStanding:
    """Where a young person stands, in words a counsellor reads in the portfolio."""

    kind: PeriodKind
    start: date
    planned_end: date
    renewed: bool
    ended_on: date | None

    def describe_fr(self, today: date) -> str:
        if self.ended_on is not None:
            return f"{KIND_FR[self.kind]} terminé le {self.ended_on:%d/%m/%Y}"
        months = max(0, (today.year - self.start.year) * 12 + today.month - self.start.month)
        if today.day < self.start.day:
            months -= 1
        total = PERIOD_MONTHS * (2 if self.renewed else 1)
        month_no = min(max(months + 1, 1), total)
        what = "renouvelé, " if self.renewed else ""
        days = (self.planned_end - today).days
        end = (
            f"fin le {self.planned_end:%d/%m/%Y}"
            if days >= 0
            else f"échu depuis le {self.planned_end:%d/%m/%Y}"
        )
        return f"{KIND_FR[self.kind]} : mois {month_no}/{total} ({what}{end})"


class PartnerKind(StrEnum):
    SOCIAL_SERVICES = "social_services"
    HEALTH_INSURANCE = "health_insurance"
    HEALTH = "health"
    HOUSING = "housing"
    JUSTICE = "justice"
    TRAINING = "training"
    EMPLOYMENT = "employment"
    MOBILITY = "mobility"
    OTHER = "other"


PARTNER_FR = {
    PartnerKind.SOCIAL_SERVICES: "Services sociaux",
    PartnerKind.HEALTH_INSURANCE: "Assurance maladie (CPAM)",
    PartnerKind.HEALTH: "Santé, soins",
    PartnerKind.HOUSING: "Logement, hébergement",
    PartnerKind.JUSTICE: "Justice (SPIP, PJJ)",
    PartnerKind.TRAINING: "Formation",
    PartnerKind.EMPLOYMENT: "Emploi (France Travail, employeur)",
    PartnerKind.MOBILITY: "Mobilité",
    PartnerKind.OTHER: "Autre partenaire",
}


class Outcome(StrEnum):
    PENDING = "pending"
    RIGHTS_OPENED = "rights_opened"
    TAKEN_IN = "taken_in"
    REFUSED = "refused"
    NOT_PURSUED = "not_pursued"


OUTCOME_FR = {
    Outcome.PENDING: "en attente",
    Outcome.RIGHTS_OPENED: "droits ouverts",
    Outcome.TAKEN_IN: "pris(e) en charge",
    Outcome.REFUSED: "refusé par le partenaire",
    Outcome.NOT_PURSUED: "non suivi par le jeune",
}
