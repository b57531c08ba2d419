"""Which stored phone numbers can receive an SMS, and in which form providers want them.

Numbers are stored as `domain.text.normalize_phone` leaves them: "06 12 34 56 78" for French numbers,
"+262692123456" for numbers typed with another country code. Only mobiles get SMS: in metropolitan
France 06 and 07; the overseas departments use French national numbers whose mobiles are 0639 (Mayotte),
0690/0691 (Guadeloupe, Saint-Martin, Saint-Barthélemy), 0692/0693 (La Réunion), 0694 (Guyane),
0696/0697 (Martinique), and each has its own country code. Landlines (01–05, 09) and 08 numbers cannot.
"""

from __future__ import annotations

import re

from mlplanner.domain.text import digits

# National mobile prefixes of the overseas departments → the country code providers expect.
_OVERSEAS: dict[str, str] = {
    "0639": "262",
    "0690": "590",
    "0691": "590",
    "0692": "262",
    "0693": "262",
    "0694": "594",
    "0696": "596",
    "0697": "596",
}
_E164 = re.compile(r"^\+\d{8,15}$")


def msisdn(phone: str | None) -> str | None:
    """The international number without "+" (e.g. "33612345678"), or None when the number cannot
    receive an SMS (empty, a landline, unreadable)."""
    raw = (phone or "").strip()
    if not raw:
        return None
    d = digits(raw)
    if raw.startswith("+"):
        if not _E164.match("+" + d):
            return None
        if d.startswith("33"):  # a French number written internationally
            return msisdn("0" + d[2:])
        return d
    if len(d) != 10 or not d.startswith("0"):
        return None
    overseas = _OVERSEAS.get(d[:4])
    if overseas is not None:
        return overseas + d[1:]
    if d[:2] in ("06", "07"):
        return "33" + d[1:]
    return None


def national(phone: str | None) -> str:
    """The number as a French spreadsheet should show it: "06 12 34 56 78" (text, leading 0 kept)."""
    raw = (phone or "").strip()
    d = digits(raw)
    if raw.startswith("+33") and len(d) == 11:
        d = "0" + d[2:]
    if len(d) == 10 and d.startswith("0"):
        return " ".join(d[i : i + 2] for i in range(0, 10, 2))
    return raw
