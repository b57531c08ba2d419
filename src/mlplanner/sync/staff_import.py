"""Reading a staff list from a spreadsheet (.xlsx or CSV as French spreadsheets write it).

Columns, in any order under French headers: Nom, Prénom, Rôle (or Fonction, Poste), Bureau (optional),
and optionally one column per weekday (Lundi ... Samedi) holding that day's working hours:
"09:00-12:30 13:30-17:30", "9h-12h30 / 13h30-17h", "journée", "matin", "après-midi", or empty (not
worked). Without any weekday column everyone works the site's opening hours. The site's hours are the
import service's business: here "journée", "matin" and "après-midi" stay words (`DayWords`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlplanner.domain import fields
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import read_day
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.text import clean_name, fold
from mlplanner.sync.spreadsheet import read_sheet
from mlplanner.sync.youth_import import header_key, line_name

_ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("nom", "nom de famille", "nom d usage", "last name"),
    "first_name": ("prenom", "first name"),
    "role": ("role", "fonction", "poste", "profil", "metier", "emploi"),
    "room": ("bureau", "salle", "bureau habituel", "salle habituelle", "bureau attitre"),
}
_WEEKDAY_HEADERS = {
    **{fold(name): i for i, name in enumerate(WEEKDAYS_FR)},
    **{fold(name)[:3]: i for i, name in enumerate(WEEKDAYS_FR)},
}
_HEADER_TO_FIELD = {alias: fld for fld, aliases in _ALIASES.items() for alias in aliases}
MAX_STAFF_LINES = 500  # a site has far fewer; each new account costs a PIN hash (scrypt, ~50 ms)
FIELDS_FR = {"last_name": "nom", "first_name": "prénom", "role": "rôle"}

_ROLE_WORDS: dict[Role, tuple[str, ...]] = {
    Role.COUNSELLOR: (
        "conseiller",
        "conseillere",
        "conseiller e",
        "conseiller ere",
        "conseiller insertion",
        "conseiller en insertion",
        "conseiller en insertion professionnelle",
        "cip",
        "referent",
        "referente",
        "conseiller cej",
    ),
    Role.RECEPTIONIST: (
        "accueil",
        "charge d accueil",
        "chargee d accueil",
        "charge e d accueil",
        "agent d accueil",
        "hote d accueil",
        "hotesse d accueil",
        "receptionniste",
        "secretaire",
        "assistant",
        "assistante",
    ),
    Role.SITE_LEAD: (
        "responsable",
        "responsable de site",
        "responsable d antenne",
        "chef de site",
        "directeur",
        "directrice",
        "coordinateur",
        "coordinatrice",
    ),
    Role.ADMIN: ("administrateur", "administratrice", "admin", "informatique", "administrateur informatique"),
    Role.PARTNER: ("partenaire", "permanence", "permanence partenaire"),
}
_ROLES = {word: role for role, words in _ROLE_WORDS.items() for word in words}


@dataclass(frozen=True)
class StaffRecord:
    line: int
    first_name: str
    last_name: str
    role: Role
    room: str = ""
    # weekday (0 = Monday) -> [["09:00", "12:30"], ...] or a word: "day", "morning", "afternoon";
    # None: no weekday column in the file (the site's opening hours)
    week: dict[int, list[list[str]] | str] | None = None


@dataclass(frozen=True)
class StaffProblem:
    line: int
    message: str
    name: str = ""
    error: InputError | None = None  # the same as a code and details, for the UI to word it


@dataclass(frozen=True)
class StaffFile:
    encoding: str
    delimiter: str
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    records: list[StaffRecord] = field(default_factory=list)
    problems: list[StaffProblem] = field(default_factory=list)


def parse_role(text: str) -> Role:
    key = header_key(text)
    role = _ROLES.get(key)
    if role is None:
        raise InputError(
            "bad_role",
            f"Rôle inconnu : « {text.strip()} » (conseiller, chargé(e) d'accueil, responsable de site, "
            "administrateur ou partenaire).",
        )
    return role


def parse_day(text: str, weekday: int) -> list[list[str]] | str:
    """One day's cell: a list of [start, end] or a word ("day", "morning", "afternoon"); [] = not worked."""
    if not header_key(text):
        return []  # "-", "/" or nothing: a spreadsheet's way of saying "not worked"
    try:
        day = read_day(text)
    except InputError as exc:
        raise InputError("bad_day", f"{WEEKDAYS_FR[weekday]} : {exc.message}") from exc
    if day is None:
        raise InputError(
            "bad_day",
            f"{WEEKDAYS_FR[weekday]} : horaires illisibles « {text.strip()} » "
            "(attendu par exemple « 09:00-12:30 13:30-17:30 », « journée », « matin » ou vide).",
        )
    return day


def read_staff_file(data: bytes) -> StaffFile:
    """Parse and validate every line; raise InputError only when the file as a whole is unusable."""
    sheet = read_sheet(data)
    if len(sheet.rows) - 1 > MAX_STAFF_LINES:
        raise InputError(
            "too_many_staff",
            f"Le fichier compte {len(sheet.rows) - 1} lignes : une liste du personnel d'un site en a moins "
            f"de {MAX_STAFF_LINES}. Vérifiez le fichier choisi.",
        )
    header = sheet.rows[0]
    columns: dict[str, int] = {}
    days: dict[int, int] = {}
    ignored: list[str] = []
    for i, name in enumerate(header):
        key = header_key(name)
        fld = _HEADER_TO_FIELD.get(key)
        if fld and fld not in columns:
            columns[fld] = i
        elif key in _WEEKDAY_HEADERS and _WEEKDAY_HEADERS[key] not in days:
            days[_WEEKDAY_HEADERS[key]] = i
        elif name.strip():
            ignored.append(name.strip())
    missing = [FIELDS_FR[f] for f in ("last_name", "first_name", "role") if f not in columns]
    if missing:
        shown = ", ".join(h.strip() for h in header if h.strip())[:120]
        raise InputError(
            "missing_columns", f"Colonnes introuvables : {', '.join(missing)}. En-têtes lus : {shown}."
        )
    named = {f: header[i].strip() for f, i in columns.items()} | {
        f"day{d}": header[i].strip() for d, i in sorted(days.items())
    }
    result = StaffFile(sheet.encoding, sheet.delimiter, named, tuple(ignored))
    for line, row in enumerate(sheet.rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i] if i < len(row) else "").strip() for f, i in columns.items()}
        try:
            week = None
            if days:
                week = {d: parse_day(row[i] if i < len(row) else "", d) for d, i in sorted(days.items())}
            result.records.append(
                StaffRecord(
                    line=line,
                    first_name=clean_name(values.get("first_name"), "prénom", fields.STAFF_FIRST_NAME),
                    last_name=clean_name(values.get("last_name"), "nom", fields.STAFF_LAST_NAME),
                    role=parse_role(values.get("role", "")),
                    room=fields.ROOM_NAME.clean(values.get("room", "")),
                    week=week,
                )
            )
        except InputError as exc:
            result.problems.append(StaffProblem(line, exc.message, line_name(values), exc))
    return result
