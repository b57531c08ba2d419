"""Where a site can be: every French department and overseas territory, with its time zone and its
public-holiday calendar.

A site chooses its holiday calendar by the code of its department or territory, as INSEE writes it
("75", "2A", "974", "975"...), and its IANA time zone from `TIME_ZONES`. Codes are checked exactly: an
unknown or lower-case code is refused, never replaced by the national calendar. The departments of
Alsace-Moselle (57, 67, 68) and the overseas ones have extra days; the `holidays` package holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlplanner.domain.errors import InputError

PARIS = "Europe/Paris"


@dataclass(frozen=True)
class Territory:
    code: str  # INSEE code of the department or territory
    name: str
    timezone: str  # the zone a site there usually has
    subdivision: str | None  # the `holidays` package's subdivision; None: the national calendar

    @property
    def label(self) -> str:
        """ "67 — Bas-Rhin (Alsace-Moselle)": the regime with its own days is named, and found by it."""
        extra = " (Alsace-Moselle)" if self.code in _ALSACE_MOSELLE else ""
        return f"{self.code} — {self.name}{extra}"


_METROPOLE = (
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
)
_ALSACE_MOSELLE = {"57": "57", "67": "6AE", "68": "6AE"}
_OUTRE_MER = (  # code, name, zone, subdivision of `holidays`
    ("971", "Guadeloupe", "America/Guadeloupe", "971"),
    ("972", "Martinique", "America/Martinique", "972"),
    ("973", "Guyane", "America/Cayenne", "973"),
    ("974", "La Réunion", "Indian/Reunion", "974"),
    ("975", "Saint-Pierre-et-Miquelon", "America/Miquelon", "PM"),
    ("976", "Mayotte", "Indian/Mayotte", "976"),
    ("977", "Saint-Barthélemy", "America/St_Barthelemy", "BL"),
    ("978", "Saint-Martin", "America/Marigot", "MF"),
    ("984", "Terres australes et antarctiques françaises", "Indian/Kerguelen", "TF"),
    ("986", "Wallis-et-Futuna", "Pacific/Wallis", "WF"),
    ("987", "Polynésie française", "Pacific/Tahiti", "PF"),
    ("988", "Nouvelle-Calédonie", "Pacific/Noumea", "NC"),
)

TERRITORIES: tuple[Territory, ...] = (
    *(Territory(code, name, PARIS, _ALSACE_MOSELLE.get(code)) for code, name in _METROPOLE),
    *(Territory(code, name, tz, sub) for code, name, tz, sub in _OUTRE_MER),
)
BY_CODE: dict[str, Territory] = {t.code: t for t in TERRITORIES}

# Subdivision codes that files written before the territory list stored (the `holidays` package's
# own): still read, never offered.
LEGACY_SUBDIVISIONS = frozenset(
    {"6AE", "GP", "GUA", "MQ", "GY", "RE", "LRE", "YT", "MAY", "BL", "MF", "NC", "PF", "PM", "TF", "WF"}
)

# The IANA zones of France and its overseas territories (a site chooses one of these).
TIME_ZONES: tuple[tuple[str, str], ...] = (
    (PARIS, "France métropolitaine (Paris)"),
    ("America/Guadeloupe", "Guadeloupe"),
    ("America/Martinique", "Martinique"),
    ("America/Cayenne", "Guyane"),
    ("Indian/Reunion", "La Réunion"),
    ("Indian/Mayotte", "Mayotte"),
    ("America/Miquelon", "Saint-Pierre-et-Miquelon"),
    ("America/St_Barthelemy", "Saint-Barthélemy"),
    ("America/Marigot", "Saint-Martin"),
    ("Indian/Kerguelen", "Terres australes et antarctiques françaises"),
    ("Pacific/Wallis", "Wallis-et-Futuna"),
    ("Pacific/Tahiti", "Polynésie française (Tahiti)"),
    ("Pacific/Marquesas", "Polynésie française (Marquises)"),
    ("Pacific/Gambier", "Polynésie française (Gambier)"),
    ("Pacific/Noumea", "Nouvelle-Calédonie"),
)
ZONE_LABELS: dict[str, str] = dict(TIME_ZONES)


def check_timezone(name: str) -> str:
    """The zone, exactly as listed; anything else (unknown, lower case, a foreign zone) is refused."""
    if name not in ZONE_LABELS:
        raise InputError(
            "bad_timezone",
            f"Fuseau horaire inconnu : « {name} ». Fuseaux possibles : "
            + ", ".join(z for z, _label in TIME_ZONES)
            + ".",
        )
    return name


def check_holiday_code(code: str) -> str:
    """The code of a department or territory exactly as INSEE writes it ("75", "2A", "974")."""
    if code not in BY_CODE:
        hint = " (en majuscules)" if code.upper() in BY_CODE else ""
        raise InputError(
            "bad_holidays",
            f"Calendrier des jours fériés inconnu : « {code} »{hint}. Indiquez le numéro du département "
            "ou du territoire : 01 à 95, 2A, 2B, 971 à 978, 984, 986 à 988 "
            "(67 et 68 pour l'Alsace, 57 pour la Moselle).",
        )
    return code


def holiday_subdivision(code: str | None) -> str | None:
    """The `holidays` package's subdivision for a stored calendar code; None: the national calendar.

    Raises InputError for a code that is neither listed nor a legacy one (never the national calendar
    in its place)."""
    if not code:
        return None
    if code in BY_CODE:
        return BY_CODE[code].subdivision
    if code in LEGACY_SUBDIVISIONS or code in {t.subdivision for t in TERRITORIES if t.subdivision}:
        return code
    raise InputError("bad_holidays", f"Calendrier des jours fériés inconnu : « {code} ».")


def holiday_label(code: str | None) -> str:
    """What a person reads for a stored calendar code."""
    if not code:
        return "France (calendrier national)"
    if code in BY_CODE:
        return BY_CODE[code].label
    return code


def default_zone(code: str) -> str:
    """The usual zone of a site whose holidays are those of `code`."""
    return BY_CODE[code].timezone if code in BY_CODE else PARIS
