"""How the Contrat d'engagement jeune (CEJ) counts a young person's weekly hours.

The CEJ commits a young person to 15 to 20 hours of activity a week. Its own app counts activities on a
fixed scale rather than by the clock: a workshop counts 4 h, an information session 3 h, any other
appointment 1 h, whatever they lasted. Here the scale is a setting of each appointment type
(`cej_minutes`) and of each workshop kind; the defaults are the CEJ's.

- *declared* hours: activities planned or attended, not marked absent (what the youth's week holds);
- *validated* hours: activities attended (seen, arrived; present or late at a workshop);
- the young person's own actions of the week (job search, training, housing...) are recorded by the
  counsellor with their hours: recorded by the counsellor, they count as declared and as validated.

A week reads "ok" at 15 h and more, "alert" under 15 h and "warning" under 10 h, on declared hours
(what the counsellor can still act on during the week).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

COMMITMENT_HOURS = 15  # the CEJ's weekly commitment (15 to 20 h)
WARNING_HOURS = 10  # under this, the week is far from the commitment
DEFAULT_APPOINTMENT_MINUTES = 60  # any appointment: 1 h


@dataclass(frozen=True)
class BuiltinKind:
    code: str
    label: str
    cej_minutes: int


WORKSHOP = BuiltinKind("ATELIER", "Atelier collectif", 240)
INFO_SESSION = BuiltinKind("INFO_COLL", "Information collective", 180)
BUILTIN_KINDS: tuple[BuiltinKind, ...] = (WORKSHOP, INFO_SESSION)


class Theme(StrEnum):
    """The themes of a young person's own actions (the CEJ app's categories)."""

    JOB_SEARCH = "job_search"
    TRAINING = "training"
    PROJECT = "project"
    HOUSING = "housing"
    HEALTH = "health"
    CITIZENSHIP = "citizenship"
    LEISURE = "leisure"


THEME_FR: dict[Theme, str] = {
    Theme.JOB_SEARCH: "Recherche d'emploi",
    Theme.TRAINING: "Formation",
    Theme.PROJECT: "Projet professionnel",
    Theme.HOUSING: "Logement",
    Theme.HEALTH: "Santé",
    Theme.CITIZENSHIP: "Citoyenneté",
    Theme.LEISURE: "Sport, loisirs, culture",
}

#: Hours proposed when a theme is ticked for a week (editable on each line): 3, 3, 2, 2, 2, 2, 2.
THEME_DEFAULT_MINUTES: dict[Theme, int] = {
    Theme.JOB_SEARCH: 180,
    Theme.TRAINING: 180,
    Theme.PROJECT: 120,
    Theme.HOUSING: 120,
    Theme.HEALTH: 120,
    Theme.CITIZENSHIP: 120,
    Theme.LEISURE: 120,
}

MAX_ACTION_MINUTES = 40 * 60  # a theme's hours in one week: more is a typing error


class Level(StrEnum):
    OK = "ok"
    ALERT = "alert"  # under 15 h
    WARNING = "warning"  # under 10 h


LEVEL_FR: dict[Level, str] = {
    Level.OK: "engagement tenu",
    Level.ALERT: "sous 15 h",
    Level.WARNING: "sous 10 h",
}


def level(hours: float) -> Level:
    if hours < WARNING_HOURS:
        return Level.WARNING
    if hours < COMMITMENT_HOURS:
        return Level.ALERT
    return Level.OK


def hours_text(minutes: int) -> str:
    """ "3 h", "1 h 30", "0 h": French typography for hours."""
    h, m = divmod(int(minutes), 60)
    return f"{h} h" if m == 0 else f"{h} h {m:02d}"
