"""SMS text in the GSM 7-bit default alphabet (3GPP TS 23.038), and its length in SMS parts.

Why transliterate: one character outside the GSM alphabet (a "ç", an "ê", a typographic apostrophe)
switches the whole SMS to UCS-2, where a part holds 70 characters instead of 160 — a French reminder
would cost two or three times as much. So SMS texts are folded to the GSM alphabet before they are
counted, stored and sent: "ç" → "c", "ê" → "e", "œ" → "oe", "’" → "'", « » → ", narrow no-break space
→ space. Letters the alphabet has (é è ù à É Ç...) are kept.

Length: the basic table costs one septet per character, the extension table (€ [ ] { } ~ ^ | \\ and
form feed) two (an escape then the character). A text of up to 160 septets is one SMS; a longer one is
split into parts of 153 septets (7 go to the concatenation header), and an escape pair never straddles
two parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The basic table, in code order (0x1B, the escape to the extension table, left out).
BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ"
    "ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = "\f^{}\\[~]|€"
_BASIC = frozenset(BASIC)
_EXTENSION = frozenset(EXTENSION)

SINGLE_PART = 160
MULTI_PART = 153
MAX_PARTS = 10  # providers refuse longer texts (SMSFactor: 1530 GSM characters)

_GUILLEMETS = re.compile(r"«[\s\u00a0\u202f]*|[\s\u00a0\u202f]*»")  # « Atelier CV » → "Atelier CV"

# Characters French texts use that the alphabet lacks, spelled with ones it has.
_FOLD: dict[str, str] = {
    "ç": "c",
    "â": "a",
    "ê": "e",
    "ë": "e",
    "î": "i",
    "ï": "i",
    "ô": "o",
    "û": "u",
    "ÿ": "y",
    "À": "A",
    "Â": "A",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "Ÿ": "Y",
    "œ": "oe",
    "Œ": "OE",
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "ʼ": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "−": "-",
    "‐": "-",
    "…": "...",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French typography before ; : ! ?)
    "\u2009": " ",
    "\t": " ",
    "•": "-",
    "·": ".",
    "°": "o",  # "n°" → "no"
    "²": "2",
    "×": "x",
}


def to_gsm(text: str) -> str:
    """The text folded to the GSM 7-bit alphabet (a character with no spelling becomes "?")."""
    text = _GUILLEMETS.sub('"', (text or "").replace("\r\n", "\n"))
    out: list[str] = []
    for ch in text:
        if ch in _BASIC or ch in _EXTENSION:
            out.append(ch)
            continue
        folded = _FOLD.get(ch)
        if folded is None:
            decomposed = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = base if base and all(c in _BASIC or c in _EXTENSION for c in base) else "?"
        out.append(folded)
    return "".join(out)


def septets(text: str) -> int:
    """Length of a GSM text in septets (extension characters count two)."""
    return sum(2 if ch in _EXTENSION else 1 for ch in text)


def split_parts(text: str) -> list[str]:
    """The parts a phone receives, for a text already in the GSM alphabet."""
    if septets(text) <= SINGLE_PART:
        return [text] if text else []
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for ch in text:
        cost = 2 if ch in _EXTENSION else 1
        if used + cost > MULTI_PART:  # an escape pair is never cut in two
            parts.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += cost
    if current:
        parts.append("".join(current))
    return parts


@dataclass(frozen=True)
class SmsLength:
    """What the settings show under an SMS template while it is typed."""

    text: str  # the text as sent (GSM alphabet)
    characters: int
    septets: int
    parts: int
    changed: tuple[str, ...]  # characters that were replaced, for the hint ("ç → c")

    @property
    def too_long(self) -> bool:
        return self.parts > MAX_PARTS


def measure(text: str) -> SmsLength:
    gsm = to_gsm(text)
    changed = tuple(
        dict.fromkeys(
            f"{ch} → {to_gsm(ch)}" for ch in (text or "") if ch not in _BASIC and ch not in _EXTENSION
        )
    )
    return SmsLength(
        text=gsm,
        characters=len(gsm),
        septets=septets(gsm),
        parts=len(split_parts(gsm)),
        changed=tuple(c for c in changed if not c.startswith("\n")),
    )
