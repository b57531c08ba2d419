"""Reading youth lists exported by a spreadsheet or the national information system (i-milo).

Real files vary: .xlsx workbooks, CSV with `;` or `,` separators, UTF-8 with or without BOM or cp1252,
columns in any order under French headers, extra columns, blank lines, dd/mm/yyyy or dd/mm/yy dates
(sometimes followed by a time), phone numbers a spreadsheet took for numbers (612345678), the odd
impossible date (`sync.spreadsheet` reads the table). This module turns a file into validated records
plus a per-line list of problems, each naming the person; matching with existing youths and staff is
the import service's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mlplanner.domain import fields
from mlplanner.domain.enums import Programme
from mlplanner.domain.errors import InputError
from mlplanner.domain.text import (
    check_email,
    clean_name,
    fold,
    looks_like_social_security_number,
    normalize_phone,
)
from mlplanner.sync.spreadsheet import decode_text, detect_delimiter, read_sheet, repair_phone, sheet_date

__all__ = ["YouthFile", "YouthRecord", "decode_text", "detect_delimiter", "read_youth_file"]

FIELDS_FR: dict[str, str] = {
    "last_name": "nom",
    "first_name": "prénom",
    "birth_date": "date de naissance",
    "phone": "téléphone",
    "email": "e-mail",
    "external_id": "n° de dossier",
    "referent": "conseiller référent",
    "programme": "dispositif",
    "programme_start": "date d'entrée",
    "programme_end": "date de fin",
    "sms_consent": "consentement SMS",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": (
        "nom",
        "nom de famille",
        "nom de naissance",
        "nom d usage",
        "nom usage",
        "last name",
        "nom jeune",
    ),
    "first_name": ("prenom", "prenoms", "first name", "prenom jeune"),
    "birth_date": (
        "date de naissance",
        "date naissance",
        "naissance",
        "ne le",
        "nee le",
        "ne e le",
        "ddn",
        "birth date",
    ),
    "phone": (
        "telephone",
        "tel",
        "portable",
        "mobile",
        "telephone portable",
        "tel portable",
        "numero de telephone",
        "n telephone",
        "telephone mobile",
    ),
    "email": ("email", "e mail", "mail", "courriel", "adresse mail", "adresse email", "adresse e mail"),
    "external_id": (
        "n dossier i milo",
        "no dossier i milo",
        "numero dossier i milo",
        "numero de dossier i milo",
        "n de dossier i milo",
        "dossier i milo",
        "identifiant i milo",
        "id i milo",
        "i milo",
        "numero i milo",
        "n dossier",
        "numero de dossier",
        "numero dossier",
        "identifiant externe",
    ),
    "referent": (
        "conseiller referent",
        "conseillere referente",
        "conseiller e referent e",
        "referent",
        "conseiller",
        "conseillere",
        "referent e",
    ),
    "programme": ("dispositif", "programme", "accompagnement", "type d accompagnement"),
    "programme_start": (
        "date d entree",
        "date entree",
        "date de debut",
        "debut",
        "date debut",
        "entree dispositif",
        "date d entree dispositif",
        "debut dispositif",
    ),
    "programme_end": (
        "date de fin",
        "date fin",
        "fin",
        "date de sortie",
        "sortie",
        "fin dispositif",
        "date de fin dispositif",
    ),
    "sms_consent": ("consentement sms", "sms", "accord sms", "consentement"),
}
_HEADER_TO_FIELD = {alias: fld for fld, aliases in _ALIASES.items() for alias in aliases}
_REQUIRED = ("last_name", "first_name")


def header_key(text: str) -> str:
    """'N° dossier i-milo (jj/mm/aaaa)' → 'n dossier i milo'."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    return " ".join(re.split(r"[^0-9a-z]+", fold(text))).strip()


@dataclass(frozen=True)
class YouthRecord:
    line: int
    last_name: str
    first_name: str
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    external_id: str = ""
    referent: str = ""
    programme: Programme = Programme.NONE
    programme_start: date | None = None
    programme_end: date | None = None
    sms_consent: bool = False


@dataclass(frozen=True)
class LineProblem:
    line: int
    message: str
    name: str = ""  # "DURAND Léo" as written on the line, so an error names the person
    error: InputError | None = None  # the same as a code and details, for the UI to word it


@dataclass(frozen=True)
class YouthFile:
    encoding: str  # "xlsx" for a workbook
    delimiter: str  # "" for a workbook
    columns: dict[str, str]  # field -> header as written in the file
    ignored_columns: tuple[str, ...]
    records: list[YouthRecord] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)


def _date(text: str, latest_year: int | None = None) -> date | None:
    return sheet_date(text, latest_year=latest_year)  # "06/10/2005 00:00" from some exports


def line_name(values: dict[str, str]) -> str:
    """ "DURAND Léo" from the raw cells of a line (even one in error), "" when both are empty."""
    last = " ".join(values.get("last_name", "").split()).upper()
    first = " ".join(values.get("first_name", "").split())
    return f"{last} {first}".strip()


def _programme(text: str) -> Programme:
    key = header_key(text)
    if key in ("", "aucun", "non", "sans", "none", "droit commun"):
        return Programme.NONE
    if key in ("cej", "contrat d engagement jeune", "contrat engagement jeune"):
        return Programme.CEJ
    if key.startswith("pacea"):
        return Programme.PACEA
    raise InputError("bad_programme", f"Dispositif inconnu : « {text.strip()} » (CEJ, PACEA ou vide).")


def _yes(text: str) -> bool:
    key = header_key(text)
    if key in ("oui", "o", "1", "x", "vrai", "yes", "y", "true"):
        return True
    if key in ("", "non", "n", "0", "faux", "no", "false"):
        return False
    raise InputError("bad_boolean", f"Valeur « {text.strip()} » illisible (oui ou non).")


def _record(line: int, values: dict[str, str], this_year: int) -> YouthRecord:
    for fld, value in values.items():
        if fld != "birth_date" and looks_like_social_security_number(value):
            raise InputError(
                "nir_refused",
                f"{FIELDS_FR[fld]} : ressemble à un numéro de sécurité sociale, jamais enregistré",
            )
    external = values.get("external_id", "").strip()
    if external and not external.isalnum():
        raise InputError("bad_external_id", f"N° de dossier invalide : « {external} ».")
    external = fields.FILE_NUMBER.clean(external)
    start, end = _date(values.get("programme_start", "")), _date(values.get("programme_end", ""))
    if start and end and end < start:
        raise InputError("end_before_start", "la date de fin du dispositif précède sa date d'entrée")
    return YouthRecord(
        line=line,
        last_name=clean_name(values.get("last_name"), "nom", fields.LAST_NAME),
        first_name=clean_name(values.get("first_name"), "prénom", fields.FIRST_NAME),
        birth_date=_date(values.get("birth_date", ""), this_year),
        phone=fields.PHONE.clean(normalize_phone(repair_phone(values.get("phone", "")))),
        email=fields.EMAIL.clean(check_email(values.get("email"))),
        external_id=external,
        referent=fields.REFERENT.clean(values.get("referent", "")),
        programme=_programme(values.get("programme", "")),
        programme_start=start,
        programme_end=end,
        sms_consent=_yes(values.get("sms_consent", "")),
    )


def read_youth_file(data: bytes, *, this_year: int | None = None) -> YouthFile:
    """Parse and validate every line; raise InputError only when the file as a whole is unusable.

    `this_year` decides the century of two-digit birth years (dd/mm/yy): the latest year not after it.
    """
    sheet = read_sheet(data)
    this_year = this_year or date.today().year
    rows = sheet.rows
    header = rows[0]
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for i, name in enumerate(header):
        fld = _HEADER_TO_FIELD.get(header_key(name))
        if fld and fld not in columns:
            columns[fld] = i
        elif name.strip():
            ignored.append(name.strip())
    missing = [FIELDS_FR[f] for f in _REQUIRED if f not in columns]
    if missing:
        raise InputError(
            "missing_columns",
            f"Colonnes introuvables : {', '.join(missing)}. En-têtes lus : {_shown(header)}.",
        )
    result = YouthFile(
        sheet.encoding, sheet.delimiter, {f: header[i].strip() for f, i in columns.items()}, tuple(ignored)
    )
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank (or trailing) line
        values = {f: (row[i] if i < len(row) else "").strip() for f, i in columns.items()}
        try:
            result.records.append(_record(line, values, this_year))
        except InputError as exc:
            result.problems.append(LineProblem(line, exc.message, line_name(values), exc))
    return result


def _shown(header: list[str]) -> str:
    """The headers as read, for the error line: printable characters only, cut short (a binary file
    picked by mistake must not spill control characters or newlines into the message)."""
    text = ", ".join("".join(c for c in h.strip() if c.isprintable()) for h in header)
    return text if len(text) <= 120 else text[:119] + "…"
