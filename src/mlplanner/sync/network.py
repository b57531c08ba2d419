"""The network's own files in the sync folder: who founded it, whether it is a demonstration, and each
site's card (its join request). Plain JSON, no SQL and no Qt.

    <sync folder>/
      network.json        written once, by the first site that synchronises with the folder (create-only):
                          network id, demo or real, founder's site code, creation time, whether change
                          sets are encrypted, and a passphrase check (a sealed known text) so that a
                          joining site learns at once that its passphrase is wrong
      <SITE>/site.json    the site's card, rewritten by that site only (like its change sets): code, name,
                          organisation, network id, demo or real, when it asked to join

A site's change sets are applied by the others once a site lead of any site of the network has accepted
it (a synced `network_site` row, see the network service): the card is what they are shown to decide.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from mlplanner.sync import crypto
from mlplanner.sync.changeset import SITE_CODE, site_dir
from mlplanner.sync.files import write_synced

NETWORK_FILE = "network.json"
SITE_CARD = "site.json"
FORMAT = "mlplanner-network"
CARD_FORMAT = "mlplanner-site"
FORMAT_VERSION = 1
_CHECK_TEXT = "mlplanner-network:{id}"
_ID = re.compile(r"^[0-9a-f-]{36}$")


class NetworkFileError(Exception):
    """`network.json` or a site card that cannot be read (the message says which and why, in French)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class NetworkInfo:
    network_id: str
    demo: bool
    founder: str
    created_at: str
    encrypted: bool
    check_salt: str = ""
    check_token: str = ""

    def passphrase_ok(self, passphrase: str | None) -> bool:
        """Whether this passphrase opens the network's change sets (always true without encryption)."""
        if not self.encrypted:
            return True
        if not passphrase:
            return False
        try:
            text = crypto.unseal(self.check_token.encode("ascii"), passphrase, self.check_salt)
        except crypto.AuthenticationFailed:
            return False
        return text.decode("utf-8", "replace") == _CHECK_TEXT.format(id=self.network_id)


@dataclass(frozen=True)
class SiteCard:
    code: str
    name: str
    organisation: str
    network_id: str
    demo: bool
    requested_at: str
    schema: str = ""


def network_path(folder: Path) -> Path:
    return Path(folder) / NETWORK_FILE


def read_network(folder: Path) -> NetworkInfo | None:
    """The folder's network, or None when no site has synchronised with it yet."""
    path = network_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise NetworkFileError(
            "network_unreadable",
            f"Le fichier {NETWORK_FILE} du dossier de synchronisation est illisible ({exc}).",
        ) from exc
    try:
        if data.get("format") != FORMAT or int(data.get("format_version", 0)) > FORMAT_VERSION:
            raise ValueError("format")
        check = data.get("check") or {}
        info = NetworkInfo(
            network_id=str(data["network_id"]),
            demo=bool(data["demo"]),
            founder=str(data["founder"]),
            created_at=str(data.get("created_at", "")),
            encrypted=bool(data.get("encrypted", False)),
            check_salt=str(check.get("salt", "")),
            check_token=str(check.get("token", "")),
        )
        if (
            not _ID.match(info.network_id)
            or not SITE_CODE.match(info.founder)
            or not isinstance(data["demo"], bool)
        ):
            raise ValueError("fields")
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise NetworkFileError(
            "network_unreadable",
            f"Le fichier {NETWORK_FILE} du dossier de synchronisation n'est pas celui d'un réseau mlplanner "
            "(ou vient d'une version plus récente) : rien n'a été échangé.",
        ) from exc
    return info


def found_network(
    folder: Path, *, founder: str, demo: bool, created_at: str, passphrase: str | None
) -> NetworkInfo:
    """Create `network.json` (never overwrite one: two sites founding at once, the first one wins and
    the other reads it back)."""
    network_id = str(uuid.uuid4())
    body: dict[str, object] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "network_id": network_id,
        "demo": demo,
        "founder": founder,
        "created_at": created_at,
        "encrypted": bool(passphrase),
    }
    if passphrase:
        salt = crypto.new_salt()
        token = crypto.seal(_CHECK_TEXT.format(id=network_id).encode("utf-8"), passphrase, salt).decode(
            "ascii"
        )
        body["check"] = {"salt": salt, "token": token}
    path = network_path(folder)
    data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    tmp = path.with_name(f".{NETWORK_FILE}.{os.getpid()}.tmp")
    write_synced(tmp, data)
    try:
        os.link(tmp, path)  # atomic create-if-absent, also on SMB shares
    except FileExistsError:
        pass
    except OSError:  # no hard links here (some shares): exclusive create instead
        try:
            with open(path, "xb") as fh:
                fh.write(data)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    found = read_network(folder)
    assert found is not None
    return found


def claim_site_dir(folder: Path, code: str) -> Path | None:
    """Take site `code`'s folder for a site that joins: created here, at once and alone (`mkdir` fails if
    it exists), so two workstations joining with one code at the same moment cannot both pass. None if
    the code is taken."""
    base = site_dir(Path(folder), code)
    try:
        base.mkdir()
    except FileExistsError:
        return None
    return base


def release_site_dir(base: Path) -> None:
    """A join that failed after `claim_site_dir`: the folder it created, and what it wrote there (its
    card, its first change set), go; nobody else writes in a site's folder."""
    shutil.rmtree(base, ignore_errors=True)


def write_card(folder: Path, card: SiteCard) -> None:
    base = site_dir(Path(folder), card.code)
    base.mkdir(exist_ok=True)
    body = {"format": CARD_FORMAT, "format_version": FORMAT_VERSION, **asdict(card)}
    tmp = base / f".{SITE_CARD}.tmp"
    write_synced(tmp, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    os.replace(tmp, base / SITE_CARD)


def read_cards(folder: Path) -> list[SiteCard]:
    """Every readable site card of the folder (an unreadable one is skipped: it asks nothing)."""
    cards = []
    for sdir in sorted(p for p in Path(folder).iterdir() if p.is_dir() and SITE_CODE.match(p.name)):
        try:
            data = json.loads((sdir / SITE_CARD).read_text(encoding="utf-8"))
            if data.get("format") != CARD_FORMAT or data.get("code") != sdir.name:
                continue
            cards.append(
                SiteCard(
                    code=str(data["code"]),
                    name=str(data.get("name", ""))[:120],
                    organisation=str(data.get("organisation", ""))[:120],
                    network_id=str(data.get("network_id", "")),
                    demo=bool(data.get("demo", False)),
                    requested_at=str(data.get("requested_at", "")),
                    schema=str(data.get("schema", "")),
                )
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            continue
    return cards
