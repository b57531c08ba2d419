"""What every report shares: who may see it, the workshop kinds and their scale, the lines on top.

Every report is one read (one snapshot) returning a frozen result; `services.reports.tables` turns a
result into the `sync.workbook.Table`s written as .xlsx or CSV, so the screen, the CLI and the files show
the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import PermissionDenied
from mlplanner.domain.labels import ROLE_FR
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, allowed
from mlplanner.storage.tables import Site, Staff

CHUNK = 500


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def own_list(actor: Actor, counsellor: str | None) -> str | None:
    """The counsellor a list is for: a counsellor who names nobody gets their own list (they may see no
    other), anyone else every counsellor's."""
    if counsellor is None and actor.role is Role.COUNSELLOR and actor.id and not allowed(actor, Perm.REPORTS):
        return actor.id
    return counsellor


def require_report(actor: Actor, *, counsellor_id: str | None = None, own_ok: bool = False) -> None:
    """Reports are for site leads; a counsellor may see their own CEJ and i-milo lists (`own_ok`)."""
    if allowed(actor, Perm.REPORTS):
        return
    if own_ok and actor.role is Role.COUNSELLOR and counsellor_id == actor.id:
        return
    if own_ok and actor.role is Role.COUNSELLOR:
        message = f"{actor.name} ne peut consulter que ses propres listes (choisissez votre nom)."
    else:
        message = (
            f"En tant que {ROLE_FR[actor.role]}, {actor.name} ne peut pas consulter les rapports du site."
        )
    raise PermissionDenied("forbidden", message, perm=Perm.REPORTS)


@dataclass(frozen=True)
class ReportHeader:
    """The lines on top of every report: which site, when and by whom."""

    organisation_site: str  # "Site Paris 13 (PARIS13)" or "Réseau : 3 sites"
    generated: str  # "Édité le 09/03/2027 à 10:12 par Bernard Lemoine"


def header(s: Session, ctx: ServiceContext, actor: Actor, *, network: bool = False) -> ReportHeader:
    site = ctx.site_row(s)
    now = ctx.now_local(site.timezone)
    n = len(s.exec(select(Site.id).where(Site.deleted == False)).all()) if network else 1
    if n > 1:
        where = f"Réseau : {n} sites (ceux dont ce poste a reçu les données)"
    else:
        where = f"{site.name} ({site.code})"
    return ReportHeader(where, f"Édité le {now:%d/%m/%Y} à {now:%H:%M} par {actor.name}")


def staff_names(s: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    out: dict[str, str] = {}
    for part in chunks(wanted):
        for sid, first, last in s.exec(
            select(Staff.id, Staff.first_name, Staff.last_name).where(col(Staff.id).in_(part))
        ):
            out[sid] = f"{first} {last}"
    return out


def now_local(ctx: ServiceContext, s: Session) -> datetime:
    return ctx.now_local(ctx.site_row(s).timezone)
