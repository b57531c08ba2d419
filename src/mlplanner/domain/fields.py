"""Every text field a person types or a file brings: its length bound and its characters, in one place.

A field is cleaned the same way wherever its text comes from (a dialog, a CLI option, a spreadsheet
line, a settings form): `clean` drops the invisible debris of copy and paste (byte-order marks,
zero-width spaces, soft hyphens), composes accents (NFC), trims, and on one-line fields turns line
breaks and tabs into single spaces. It then refuses, with a French sentence naming the field:

- characters nobody types and that hide or forge text: NUL and other control characters, Unicode
  non-characters (U+FFFF...), lone surrogates (a broken encoding), and the bidirectional controls that
  reorder what a screen shows (U+202E "right-to-left override" and its kin);
- text longer than the field's bound (the database column's length: `tests/unit/test_fields.py`
  checks that `FIELDS` and the schema agree);
- characters outside the field's class: a young person's name holds letters (accents included),
  spaces, apostrophes, hyphens, dots and parentheses (a staff account's may hold digits too: a shared
  desk account is "Accueil 2"); a code holds letters, digits, `_` and `-`; a
  file number letters and digits; a phone number digits, spaces and a leading `+`.

`FIELDS` maps each stored column people fill to its field: the services' write transactions check
every new or changed value against it (`services.context`), so the UI, the CLI, imports and settings
share one rule, and the sync's checks of arriving change sets read the same bounds and characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from mlplanner.domain.errors import InputError
from mlplanner.domain.limits import FREE_TEXT_MAX


class Kind(StrEnum):
    NAME = "name"  # a young person's name: letters, never digits
    ACCOUNT_NAME = "account_name"  # a staff account's: a person's, or a desk's ("Accueil 2")
    LINE = "line"  # one line of text: a reason, a label, a title, an address
    TEXT = "text"  # free text on several lines: a note, a description, a printed paragraph
    CODE = "code"  # a short code typed by a site lead: letters, digits, _ and -
    FILE_NUMBER = "file_number"  # an i-milo file number: letters and digits
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class TextField:
    """`label`: the field's French name as a form shows it ("Prénom")."""

    label: str
    max_len: int
    kind: Kind = Kind.LINE

    def clean(self, value: str | None) -> str:
        return clean(value, self)


# invisible debris of copy and paste, removed without a word: BOM / zero-width no-break space,
# zero-width space, soft hyphen
_DEBRIS = re.compile("[\ufeff\u200b\u00ad]")
# refused everywhere: C0 controls but tab and line breaks, DEL and C1 controls, lone surrogates,
# non-characters, bidirectional controls (embeddings, overrides, isolates, directional marks)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff"
    "\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_LINE_BREAKS = re.compile("\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")
_NAME_PUNCTUATION = frozenset(" '’ʼ-‐‑.()")
_CODE = re.compile(r"[A-Za-z0-9_-]+")
_FILE_NUMBER = re.compile(r"[A-Za-z0-9]+")
_PHONE = re.compile(r"\+?[0-9 ]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def describe(char: str) -> str:
    """A refused character as a person can look it up: "U+202E (inversion du sens d'écriture)"."""
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"{code} (octet nul)"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (encodage cassé)"
    if char in "\u061c\u200e\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"{code} (contrôle du sens d'écriture)"
    if unicodedata.category(char) == "Cc":
        return f"{code} (caractère de contrôle)"
    return f"{code} (caractère invalide)"


def forbidden_character(value: str) -> str | None:
    """The first character refused in any field, if any."""
    found = FORBIDDEN.search(value)
    return found.group() if found else None


def clean(value: str | None, field: TextField) -> str:
    """`value` cleaned for `field`, or InputError (nothing is written: callers clean before writing)."""
    text = _DEBRIS.sub("", value or "")
    bad = forbidden_character(text.replace("\t", "").replace("\n", "").replace("\r", ""))
    if bad is not None:
        raise InputError(
            "bad_character",
            f"{field.label} : caractère invisible ou de contrôle refusé, {describe(bad)}. "
            "Retapez le texte au lieu de le coller.",
            field=field.label,
            char=f"U+{ord(bad):04X}",
        )
    text = unicodedata.normalize("NFC", text)
    if field.kind is Kind.TEXT:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n ")
    else:
        text = _SPACES.sub(" ", _LINE_BREAKS.sub(" ", text)).strip()
    if len(text) > field.max_len:
        raise InputError(
            "too_long",
            f"{field.label} : {len(text)} caractères, {field.max_len} au plus.",
            field=field.label,
            max=field.max_len,
        )
    if text:
        _check_class(text, field)
    return text


def _check_class(text: str, field: TextField) -> None:
    kind = field.kind
    if kind in (Kind.NAME, Kind.ACCOUNT_NAME):
        classes = "LM" if kind is Kind.NAME else "LMN"
        odd = next(
            (c for c in text if unicodedata.category(c)[0] not in classes and c not in _NAME_PUNCTUATION),
            None,
        )
        if odd is not None:
            raise InputError(
                "bad_name_character",
                f"{field.label} : « {odd} » refusé ; un nom s'écrit avec des lettres (accents compris), "
                "des espaces, des apostrophes, des traits d'union, des points ou des parenthèses.",
                field=field.label,
            )
        return
    rule = {
        Kind.CODE: (_CODE, "lettres sans accent, chiffres, _ et - seulement"),
        Kind.FILE_NUMBER: (_FILE_NUMBER, "lettres sans accent et chiffres seulement"),
        Kind.PHONE: (_PHONE, "chiffres, espaces et + en tête seulement"),
        Kind.EMAIL: (_EMAIL, "adresse attendue sous la forme nom@domaine.fr"),
    }.get(kind)
    if rule is not None and not rule[0].fullmatch(text):
        raise InputError(
            "bad_field_characters", f"{field.label} : « {text} » refusé ({rule[1]}).", field=field.label
        )


# --- the fields -----------------------------------------------------------------------------------
FIRST_NAME = TextField("Prénom", 80, Kind.NAME)
LAST_NAME = TextField("Nom", 80, Kind.NAME)
STAFF_FIRST_NAME = TextField("Prénom", 80, Kind.ACCOUNT_NAME)
STAFF_LAST_NAME = TextField("Nom", 80, Kind.ACCOUNT_NAME)
PHONE = TextField("Téléphone", 30, Kind.PHONE)
EMAIL = TextField("E-mail", 200, Kind.EMAIL)
FILE_NUMBER = TextField("N° de dossier i-milo", 40, Kind.FILE_NUMBER)
NOTE = TextField("Note", FREE_TEXT_MAX, Kind.TEXT)
DESCRIPTION = TextField("Description", FREE_TEXT_MAX, Kind.TEXT)
CANCEL_REASON = TextField("Motif d'annulation", 300)
FORCED_REASON = TextField("Motif du forçage", 300)
ABSENCE_REASON = TextField("Motif de l'absence", 200)
CLOSURE_REASON = TextField("Motif de la fermeture", 200)
SITE_NAME = TextField("Nom du site", 120)
ADDRESS = TextField("Adresse", 250)
ROOM_NAME = TextField("Nom de la salle", 80)
TYPE_CODE = TextField("Code", 16, Kind.CODE)
TYPE_LABEL = TextField("Libellé", 80)
FUNDED_OPERATION = TextField("Opération financée", 80)
WORKSHOP_TITLE = TextField("Titre de l'atelier", 120)
AUDIENCE = TextField("Public", 200)
SHORT_NOTE = TextField("Note", 300)
PARTNER_NAME = TextField("Partenaire", 120)
ANSWER_REASON = TextField("Motif de la réponse", 400)
WISH_REASON = TextField("Motif", 120)
SETTING_TEXT = TextField("Réglage", FREE_TEXT_MAX, Kind.TEXT)
REFERENT = TextField("Référent", 170)

#: (table, column) -> its field: every stored column people fill in, checked by every write
FIELDS: dict[tuple[str, str], TextField] = {
    ("youth", "first_name"): FIRST_NAME,
    ("youth", "last_name"): LAST_NAME,
    ("youth", "phone"): PHONE,
    ("youth", "email"): EMAIL,
    ("youth", "external_id"): FILE_NUMBER,
    ("staff", "first_name"): STAFF_FIRST_NAME,
    ("staff", "last_name"): STAFF_LAST_NAME,
    ("site", "name"): SITE_NAME,
    ("site", "address"): ADDRESS,
    ("site", "phone"): PHONE,
    ("network_site", "name"): SITE_NAME,
    ("room", "name"): ROOM_NAME,
    ("absence", "reason"): ABSENCE_REASON,
    ("site_closure", "reason"): CLOSURE_REASON,
    ("appointment", "notes"): NOTE,
    ("appointment", "cancel_reason"): CANCEL_REASON,
    ("appointment", "forced_reason"): FORCED_REASON,
    ("appointment_type", "code"): TYPE_CODE,
    ("appointment_type", "label"): TYPE_LABEL,
    ("appointment_type", "funded_operation"): FUNDED_OPERATION,
    ("workshop_kind", "code"): TYPE_CODE,
    ("workshop_kind", "label"): TYPE_LABEL,
    ("workshop_kind", "funded_operation"): FUNDED_OPERATION,
    ("workshop_series", "title"): WORKSHOP_TITLE,
    ("workshop_series", "description"): DESCRIPTION,
    ("workshop_series", "audience"): AUDIENCE,
    ("workshop_session", "cancel_reason"): CANCEL_REASON,
    ("workshop_session", "note"): NOTE,
    ("workshop_registration", "cancel_reason"): CANCEL_REASON,
    ("followup_period", "note"): SHORT_NOTE,
    ("orientation", "partner_name"): PARTNER_NAME,
    ("orientation", "note"): SHORT_NOTE,
    ("youth_action", "note"): SHORT_NOTE,
    ("booking_request", "notes"): NOTE,
    ("booking_answer", "reason"): ANSWER_REASON,
    ("earlier_wish", "closed_reason"): WISH_REASON,
}

#: settings people type, stored as (key, value) rows: the keys' prefixes, and keys that are not typed
SETTING_PREFIXES = ("print.", "reminders.")
UNTYPED_SETTINGS = frozenset({"reminders.enabled_at", "reminders.last_run"})


def setting_field(key: str) -> TextField | None:
    """The field of a typed setting's value (`print.funding_note`...), None for internal keys."""
    if key.startswith(SETTING_PREFIXES) and key not in UNTYPED_SETTINGS:
        return SETTING_TEXT
    return None
