"""Text normalisation for search and validation of identity fields."""

from __future__ import annotations

import re
import unicodedata

from mlplanner.domain import fields
from mlplanner.domain.errors import InputError

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures spelled out: "Éloïse Lœuvre" → "eloise loeuvre"."""
    text = (text or "").translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_tokens(*parts: str | None) -> list[str]:
    """Words of names for prefix search: "Jean-Pierre N'Diaye" → jean, pierre, n, diaye, ndiaye."""
    tokens: list[str] = []
    for part in parts:
        if not part:
            continue
        folded = fold(part)
        words = [w for w in re.split(r"[^0-9a-z]+", folded) if w]
        tokens.extend(words)
        joined = re.sub(r"[^0-9a-z]", "", folded)
        if joined and joined not in words:
            tokens.append(joined)  # "ndiaye" finds N'Diaye, "jeanpierre" finds Jean-Pierre
    return list(dict.fromkeys(tokens))


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def normalize_phone(text: str | None) -> str:
    """French phone numbers as "06 12 34 56 78"; international numbers kept as typed (+262 ...)."""
    raw = (text or "").strip()
    if not raw:
        return ""
    d = digits(raw)
    if raw.startswith("+33") and len(d) == 11:
        d = "0" + d[2:]
    if len(d) == 10 and d.startswith("0"):
        return " ".join(d[i : i + 2] for i in range(0, 10, 2))
    # international (E.164: at most 15 digits, country code included); a French number (+33) has
    # exactly 9 digits after its code, so a longer one is a typing error, not a foreign number
    if raw.startswith("+") and not raw.startswith("+33") and 8 <= len(d) <= 15:
        return "+" + d
    raise InputError("bad_phone", f"Numéro de téléphone invalide : « {raw} ».", value=raw)


_NIR = re.compile(
    r"^[12378]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{3}\d{3}(\d{2})?[A-Z]?$", re.IGNORECASE
)


def looks_like_social_security_number(text: str | None) -> bool:
    """A French NIR (13 digits + optional 2-digit key, Corsica 2A/2B allowed), however it is written.

    mlplanner must never store one (CNIL: the NIR is not needed to book appointments). Separators and
    prefixes of any kind (`_`, `/`, `+`, spaces, dots), full-width digits and a trailing letter used to
    slip it through: the text is normalised (NFKC, letters and digits only) before the check.
    """
    compact = re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", text or ""))
    return bool(_NIR.match(compact))


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(text: str | None) -> str:
    value = (text or "").strip()
    if value and not _EMAIL.match(value):
        shown = short(value)
        raise InputError("bad_email", f"Adresse e-mail invalide : « {shown} ».", value=shown)
    return value


def short(text: str, limit: int = 60) -> str:
    """`text` as quoted in a sentence: a pasted page would bury the sentence (and a dialog's width)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_name(text: str | None, what: str, field: fields.TextField | None = None) -> str:
    """A name (a person's, a site's, a room's) as stored: spaces collapsed, never empty, never a number,
    and within `field`'s bound and characters (`domain.fields`; without one: one line of 80)."""
    value = " ".join((text or "").split())
    limit = field.max_len if field is not None else 80
    if not value:
        raise InputError("empty_name", f"Le {what} est obligatoire.", what=what)
    if len(value) > limit:
        raise InputError(
            "long_name", f"Le {what} est trop long ({limit} caractères au plus).", what=what, max=limit
        )
    if looks_like_social_security_number(value) or re.search(r"\d{6,}", value):
        raise InputError("bad_name", f"Le {what} ne peut pas contenir de numéro.", what=what)
    return fields.clean(value, field or fields.TextField(what[:1].upper() + what[1:], limit))
