"""What printed documents say about the organisation: kept as text in the file's `meta` table.

The site row knows its name, address and phone; the rest (the Mission Locale's name as printed, its logo,
the funders' logos and funding sentence of sign-in sheets, what a young person should bring to each type
of appointment) is local to the site, set once by the site lead. Every value has a French default, so a
fresh site prints decent documents before anyone configures anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode
from mlplanner.domain.errors import InputError
from mlplanner.domain.models import Changes
from mlplanner.paths import resource_path, resources_dir
from mlplanner.services import audit
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.network import settings as network_settings
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Meta, Site

PREFIX = "print."
ORGANISATION = "print.organisation"
SITE_LABEL = "print.site_label"
LOGO = "print.logo"
FUNDER_LOGOS = "print.funder_logos"
FUNDING_NOTE = "print.funding_note"
HOW_TO_CANCEL = "print.how_to_cancel"
BRING = "print.bring"  # default list; "print.bring.<TYPE CODE>" overrides it for one type
REMOTE_BRING = "print.bring_remote"  # phone and video appointments

LABELS: dict[str, str] = {
    ORGANISATION: "Nom de la structure imprimé en tête",
    SITE_LABEL: "Nom du site imprimé en tête",
    LOGO: "Logo de la structure (fichier PNG ou JPEG)",
    FUNDER_LOGOS: "Logos des financeurs (un fichier par ligne)",
    FUNDING_NOTE: "Mention de financement des feuilles d'émargement",
    HOW_TO_CANCEL: "Comment annuler (texte de la confirmation)",
    BRING: "À apporter (un élément par ligne)",
    REMOTE_BRING: "À prévoir pour un rendez-vous à distance (un élément par ligne)",
}

ML_LOGO = "mission-locale-placeholder.png"
DEFAULT_FUNDING_NOTE = (
    "Action cofinancée par le Fonds social européen plus (FSE+) dans le cadre du programme national "
    "FSE+ 2021-2027."
)
DEFAULT_BRING = (
    "Pièce d'identité (carte d'identité, passeport ou titre de séjour)",
    "CV à jour, si vous en avez un",
    "Attestation de la Sécurité sociale (ou carte Vitale)",
)
DEFAULT_BRING_BY_TYPE: dict[str, tuple[str, ...]] = {
    "ACC": (
        "Pièce d'identité (carte d'identité, passeport ou titre de séjour)",
        "Attestation de la Sécurité sociale (ou carte Vitale)",
        "Justificatif de domicile (ou attestation d'hébergement)",
        "CV à jour, si vous en avez un",
        "Relevé d'identité bancaire (RIB), si vous en avez un",
    ),
}
DEFAULT_REMOTE_BRING = (
    "Un endroit calme, votre téléphone chargé",
    "Votre CV à portée de main, si vous en avez un",
)
_SPLIT_ORG = re.compile(r"\s+[—–-]\s+")
_TYPE_KEY = re.compile(r"^print\.bring\.[A-Z0-9]{1,16}$")


@dataclass(frozen=True)
class PrintSettings:
    """The printed identity of the site, with defaults applied (paths resolved, lists split)."""

    organisation: str
    site_label: str
    logo: Path | None
    funder_logos: tuple[Path, ...]
    funding_note: str
    how_to_cancel: str
    bring: tuple[str, ...]
    bring_by_type: dict[str, tuple[str, ...]]
    remote_bring: tuple[str, ...]

    def what_to_bring(self, type_code: str, mode: Mode) -> tuple[str, ...]:
        """A type's own list first; else the remote list for phone/video; else the site's default list."""
        own = self.bring_by_type.get(type_code.upper())
        if own is not None:
            return own
        return self.remote_bring if mode in (Mode.PHONE, Mode.VIDEO) else self.bring


def split_site_name(name: str) -> tuple[str, str]:
    """ "Mission Locale de Paris — site Paris 13" → ("Mission Locale de Paris", "Site Paris 13")."""
    parts = _SPLIT_ORG.split(name.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        site = parts[1]
        return parts[0], site[0].upper() + site[1:]
    return "Mission Locale", name.strip()


def _lines(text: str) -> tuple[str, ...]:
    """One item per line (a ";" also separates, since a sentence may hold commas)."""
    return tuple(item.strip() for item in re.split(r"[\n;]", text) if item.strip())


def _logo(text: str) -> Path | None:
    """A logo file: absolute, or relative to the bundled `resources/` folder."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else resources_dir() / path


def default_funder_logos() -> tuple[Path, ...]:
    """The bundled placeholder emblems (every `*placeholder*` image but the Mission Locale's own logo)."""
    folder = resource_path("logos")
    return tuple(p for p in sorted(folder.glob("*placeholder*.png")) if p.name != ML_LOGO)


def load_settings(session: Session, site: Site) -> PrintSettings:
    rows = session.exec(select(Meta).where(col(Meta.key).startswith(PREFIX)))
    stored = {row.key: row.value for row in rows}
    organisation, site_label = split_site_name(site.name)
    logo_text = stored.get(LOGO)
    funders_text = stored.get(FUNDER_LOGOS)
    return PrintSettings(
        organisation=stored.get(ORGANISATION) or organisation,
        site_label=stored.get(SITE_LABEL) or site_label,
        logo=resource_path("logos", ML_LOGO)
        if logo_text is None
        else (_logo(logo_text) if logo_text else None),
        funder_logos=default_funder_logos()
        if funders_text is None
        else tuple(p for p in (_logo(t) for t in _lines(funders_text)) if p is not None),
        funding_note=stored.get(FUNDING_NOTE, DEFAULT_FUNDING_NOTE),
        how_to_cancel=stored.get(HOW_TO_CANCEL, ""),
        bring=_lines(stored[BRING]) if BRING in stored else DEFAULT_BRING,
        bring_by_type=DEFAULT_BRING_BY_TYPE
        | {k.rsplit(".", 1)[1]: _lines(v) for k, v in stored.items() if _TYPE_KEY.match(k)},
        remote_bring=_lines(stored[REMOTE_BRING]) if REMOTE_BRING in stored else DEFAULT_REMOTE_BRING,
    )


def check_key(key: str) -> str:
    if key in LABELS or _TYPE_KEY.match(key):
        return key
    known = ", ".join(sorted(LABELS))
    raise InputError("unknown_setting", f"Réglage d'impression inconnu : « {key} » (connus : {known}).")


def set_setting(ctx: ServiceContext, *, actor: Actor, key: str, value: str | None) -> Changes:
    """Store one setting (`None` restores the default; "" stores an empty value, e.g. no logo)."""
    require(actor, Perm.CONFIGURE_SITE)
    check_key(key)
    if value is not None and len(value) > 4000:
        raise InputError("setting_too_long", f"{LABELS.get(key, key)} : texte trop long.")
    with ctx.write() as s:
        row = s.get(Meta, key)
        before = row.value if row is not None else None
        if value is None:
            if row is not None:
                s.delete(row)
        else:
            row = row or Meta(key=key)
            row.value = value.strip()
            s.add(row)
        network_settings.share(s, key, value.strip() if value is not None else None)
        audit.record(
            s,
            ctx,
            actor,
            action="update",
            entity="setting",
            entity_id=key,
            before={"value": before} if before is not None else None,
            after={"value": value} if value is not None else None,
        )
    return Changes.of("config")
