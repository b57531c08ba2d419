"""What the European Social Fund (FSE+) asks about each participant of a funded operation.

One row per participant and operation: the *entry* is their first action in the operation, the *exit*
their last one (a participant with an action still planned has not left). At entry the programme
requires sex, age, labour-market situation and diploma level, and a way to reach them (phone or
e-mail); at exit, the situation they leave in. Optional items (disability, third-country national,
foreign origin, minority, housing exclusion) are collected only where the site lead enabled them, only
with the young person's consent, and "refuses to answer" is a complete answer.

A participant with a required item missing is *incomplete*; the managing authority may refuse the
operation's expenses when more than 35 % of its participants are incomplete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mlplanner.domain.errors import InputError

INCOMPLETE_THRESHOLD = 0.35
#: The situation at exit is the one recorded after the entry and at the latest this many days after the
#: last action (the FSE+ "immediate result": within four weeks of leaving).
EXIT_WINDOW_DAYS = 28


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


SEX_FR = {Sex.FEMALE: "Femme", Sex.MALE: "Homme"}


class Diploma(StrEnum):
    NONE = "none"  # no diploma, levels 1-2 (CITE 0-2)
    LEVEL_3 = "3"  # CAP, BEP (CITE 3)
    LEVEL_4 = "4"  # baccalauréat (CITE 3-4)
    LEVEL_5 = "5"  # bac+2 (CITE 5)
    LEVEL_6 = "6"  # bac+3 and more (CITE 6-8)


DIPLOMA_FR = {
    Diploma.NONE: "Sans diplôme (niveaux 1-2)",
    Diploma.LEVEL_3: "CAP, BEP (niveau 3)",
    Diploma.LEVEL_4: "Baccalauréat (niveau 4)",
    Diploma.LEVEL_5: "Bac+2 (niveau 5)",
    Diploma.LEVEL_6: "Bac+3 et plus (niveaux 6 à 8)",
}
#: The FSE+ education groups (International Standard Classification of Education).
DIPLOMA_ISCED = {
    Diploma.NONE: "CITE 0-2",
    Diploma.LEVEL_3: "CITE 3-4",
    Diploma.LEVEL_4: "CITE 3-4",
    Diploma.LEVEL_5: "CITE 5-8",
    Diploma.LEVEL_6: "CITE 5-8",
}


class Situation(StrEnum):
    UNEMPLOYED = "unemployed"
    LONG_TERM_UNEMPLOYED = "long_unemployed"
    INACTIVE = "inactive"
    STUDENT = "student"
    TRAINING = "training"
    EMPLOYED = "employed"


SITUATION_FR = {
    Situation.UNEMPLOYED: "Demandeur d'emploi",
    Situation.LONG_TERM_UNEMPLOYED: "Chômeur de longue durée (12 mois et plus)",
    Situation.INACTIVE: "Inactif (ni emploi, ni études, ni recherche)",
    Situation.STUDENT: "Scolarité ou études",
    Situation.TRAINING: "En formation",
    Situation.EMPLOYED: "En emploi (y compris indépendant)",
}


class OptionalItem(StrEnum):
    DISABILITY = "disability"
    THIRD_COUNTRY = "third_country"
    FOREIGN_ORIGIN = "foreign_origin"
    MINORITY = "minority"
    HOMELESS = "homeless"


OPTIONAL_FR = {
    OptionalItem.DISABILITY: "Situation de handicap",
    OptionalItem.THIRD_COUNTRY: "Ressortissant d'un pays tiers",
    OptionalItem.FOREIGN_ORIGIN: "Origine étrangère",
    OptionalItem.MINORITY: "Minorité (y compris communautés marginalisées)",
    OptionalItem.HOMELESS: "Sans domicile ou exclu du logement",
}


class Answer(StrEnum):
    NOT_ASKED = ""
    YES = "yes"
    NO = "no"
    REFUSED = "refused"


ANSWER_FR = {Answer.NOT_ASKED: "", Answer.YES: "oui", Answer.NO: "non", Answer.REFUSED: "refus de répondre"}

CONSENT_NOTE_FR = (
    "Les données facultatives (handicap, nationalité, origine, minorité, logement) ne sont recueillies "
    "qu'avec l'accord exprès du jeune, qui peut refuser de répondre ; elles servent uniquement au suivi "
    "du Fonds social européen et ne figurent sur aucun autre document."
)


def age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class ParticipantFacts:
    """What is known of a participant, as plain values (the rule below reads nothing else)."""

    sex: str
    birth_date: date | None
    phone: str
    email: str
    diploma_level: str
    entry_situation: str
    exit_situation: str
    exited: bool
    optional: dict[str, str]  # item -> answer, for the items the site collects
    sensitive_consent: bool


def missing_items(f: ParticipantFacts, enabled: Sequence[OptionalItem]) -> list[str]:
    """The French names of what is missing for this participant (empty: complete)."""
    out: list[str] = []
    if f.sex not in {s.value for s in Sex}:
        out.append("sexe")
    if f.birth_date is None:
        out.append("date de naissance (âge à l'entrée)")
    if not f.phone.strip() and not f.email.strip():
        out.append("téléphone ou courriel")
    if f.diploma_level not in {d.value for d in Diploma}:
        out.append("niveau de diplôme")
    if f.entry_situation not in {s.value for s in Situation}:
        out.append("situation à l'entrée")
    if f.exited and f.exit_situation not in {s.value for s in Situation}:
        out.append("situation à la sortie")
    # an optional item is answered by "yes"/"no" (recorded with consent) or "refuses to answer"
    out.extend(
        OPTIONAL_FR[item].lower() for item in enabled if f.optional.get(item.value, "") == Answer.NOT_ASKED
    )
    return out


def check_optional_answer(item: OptionalItem, answer: Answer, *, consent: bool) -> None:
    """A "yes" or "no" to an optional item needs the young person's consent; a refusal does not."""
    if answer in (Answer.YES, Answer.NO) and not consent:
        raise InputError(
            "consent_needed",
            f"« {OPTIONAL_FR[item]} » : notez d'abord l'accord du jeune pour les données facultatives "
            "(ou « refus de répondre »).",
        )
