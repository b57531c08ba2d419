"""Asking another site to send a change set again, through the shared folder.

A site only writes in its own folder, so it asks there: `<folder>/<ASKER>/resend.json` lists the change
sets of other sites it found damaged (a spreadsheet saved over one, a file cut by a copy) or missing
(a later one is there, this one is not), each with the fingerprint of what it saw. The origin site,
at its next sync, writes each one again under the same number when its folder still holds what the
asker saw (same fingerprint): a set re-sent meanwhile, or repaired by hand, is not written twice.
The file is rewritten at every sync of the asker, so a request disappears once the set is applied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from mlplanner.sync.changeset import SITE_CODE, site_dir
from mlplanner.sync.files import atomic_write

REQUESTS = "resend.json"
FORMAT = "mlplanner-resend"
MAX_BYTES = 1 << 20
MAX_REQUESTS = 10_000
_FINGERPRINT = re.compile(r"[0-9a-f]{64}|missing")


@dataclass(frozen=True)
class ResendRequest:
    asker: str  # the site that wants it
    site: str  # the site that wrote it
    seq: int
    fingerprint: str  # what the asker saw (sha256 of the files, or "missing")


def write_requests(folder: Path, me: str, requests: list[ResendRequest]) -> None:
    """Publish this site's requests (an empty list removes the file). Raises OSError."""
    path = site_dir(folder, me) / REQUESTS
    if not requests:
        path.unlink(missing_ok=True)
        return
    body = {
        "format": FORMAT,
        "site": me,
        "requests": [{"site": r.site, "seq": r.seq, "fingerprint": r.fingerprint} for r in requests],
    }
    data = json.dumps(body, indent=1).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return  # unchanged: no write on the share at every sync
    except OSError:
        pass
    atomic_write(path, data)


def _one_file(path: Path, asker: str, wanted: str) -> list[ResendRequest]:
    """The requests of one asker for `wanted`; anything malformed is ignored (never an error here:
    another site's bad file must not stop this site's sync)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return []
        body = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    if not isinstance(body, dict) or body.get("format") != FORMAT or body.get("site") != asker:
        return []
    items = body.get("requests")
    if not isinstance(items, list):
        return []
    found = []
    for item in items[:MAX_REQUESTS]:
        if not isinstance(item, dict) or item.get("site") != wanted:
            continue
        seq, fp = item.get("seq"), item.get("fingerprint")
        if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= 99_999_999:
            continue
        if isinstance(fp, str) and _FINGERPRINT.fullmatch(fp):
            found.append(ResendRequest(asker, wanted, seq, fp))
    return found


def read_requests(folder: Path, *, for_site: str) -> list[ResendRequest]:
    """Every other site's requests for change sets of `for_site`, by asker then number."""
    found: list[ResendRequest] = []
    try:
        askers = sorted(p for p in folder.iterdir() if p.is_dir() and SITE_CODE.fullmatch(p.name))
    except OSError:
        return []
    for sdir in askers:
        if sdir.name != for_site:
            found.extend(_one_file(sdir / REQUESTS, sdir.name, for_site))
    return sorted(found, key=lambda r: (r.asker, r.seq))
