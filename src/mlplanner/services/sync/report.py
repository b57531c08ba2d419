"""What one sync did, in words for the site lead: change sets sent, received, refused (and what to do),
waiting, re-sent on request.

Each refusal is reported once: `RefusedChangeSet.new` is true the first time a change set is refused for
a reason (or after its content changed); later syncs still list it (the sync page shows what is not
applied yet) but do not raise it again (the CLI exit code, the status notification).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mlplanner.domain.models import Changes

# reasons a change set is not applied, and what the site lead reads next to it
DAMAGED = "cs_damaged"
INVALID = "cs_invalid"
MISSING = "cs_missing"
INCOMPLETE = "cs_incomplete"
WAITING = "cs_waiting"
REPLAY = "cs_replay"
FUTURE = "cs_future"
UNKNOWN_SITE = "cs_unknown_site"
# not read again until their files change (the origin site re-sends them)
QUARANTINED = frozenset({DAMAGED, INVALID, "cs_misplaced"})
# the origin site is asked to send them again (INCOMPLETE too once it has stayed so for a day)
RESEND = frozenset({DAMAGED, MISSING})


def advice(code: str, site: str) -> str:
    """What happens next and what to do, after the sentence that says why (French)."""
    if code in (DAMAGED, MISSING, INCOMPLETE):
        first = (
            "Il est mis de côté. "
            if code == DAMAGED
            else "Il sera repris à chaque synchronisation. "
            if code == INCOMPLETE
            else ""
        )
        return (
            f"{first}Le site {site} le renverra de lui-même à sa prochaine synchronisation (la demande est "
            "déposée dans le dossier partagé) : rien à faire ici. N'ouvrez pas les fichiers du dossier "
            "de synchronisation dans un tableur ; « mlplanner sync --show » les affiche sans risque."
        )
    if code == INVALID:
        return (
            f"Il est mis de côté ; les lots suivants continuent d'arriver. Mettez à jour mlplanner sur "
            f"les postes des deux sites ; si le refus persiste, signalez-le au responsable du site {site} "
            "et à l'informatique."
        )
    if code == "cs_misplaced":
        return "Il est mis de côté : c'est probablement un dossier recopié à la main ; supprimez-le."
    if code == FUTURE:
        return ""  # the sentence already says what to do
    return "Il sera repris à chaque synchronisation."


@dataclass(frozen=True)
class RefusedChangeSet:
    site: str
    seq: int
    code: str
    message: str
    new: bool = True  # first time reported (else: already reported by an earlier sync)


@dataclass(frozen=True)
class ResentChangeSet:
    seq: int
    asked_by: tuple[str, ...]

    def sentence_fr(self, site: str) -> str:
        return (
            f"Lot n° {self.seq} du site {site} renvoyé à la demande de {', '.join(self.asked_by)} "
            "(il y était arrivé endommagé ou manquait)."
        )


@dataclass(frozen=True)
class SyncReport:
    site: str
    started_at: datetime
    finished_at: datetime
    exported_seq: int | None
    exported_rows: int
    applied: tuple[tuple[str, int, int], ...]  # (site, seq, rows written)
    refused: tuple[RefusedChangeSet, ...]
    new_conflicts: int
    clashes: int
    not_shared: int
    changes: Changes = field(default_factory=Changes)
    waiting: tuple[RefusedChangeSet, ...] = ()  # need rows of a change set not received yet
    notices: tuple[RefusedChangeSet, ...] = ()  # applied, but worth a look (a replayed copy...)
    resent: tuple[ResentChangeSet, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def new_refusals(self) -> tuple[RefusedChangeSet, ...]:
        return tuple(r for r in self.refused if r.new)

    def summary_fr(self) -> str:
        parts = [f"{self.exported_rows} modification(s) envoyée(s)"]
        rows = sum(r for _s, _q, r in self.applied)
        parts.append(f"{len(self.applied)} lot(s) reçu(s), {rows} ligne(s) appliquée(s)")
        if self.new_conflicts:
            parts.append(f"{self.new_conflicts} conflit(s) à examiner")
        if self.clashes:
            parts.append(f"{self.clashes} double(s) réservation(s) à régler")
        if self.not_shared:
            parts.append(f"{self.not_shared} modification(s) de données d'un autre site non partagée(s)")
        if self.resent:
            parts.append(f"{len(self.resent)} lot(s) renvoyé(s) à la demande d'un autre site")
        if self.refused:
            known = sum(1 for r in self.refused if not r.new)
            parts.append(
                f"{len(self.refused)} lot(s) refusé(s)"
                + (f" (dont {known} déjà signalé(s))" if known else "")
            )
        if self.waiting:
            parts.append(f"{len(self.waiting)} lot(s) en attente d'un autre lot")
        if self.notices:
            parts.append(f"{len(self.notices)} lot(s) sans rien de nouveau")
        return "Synchronisation " + ("réussie" if self.ok else "incomplète") + " : " + ", ".join(parts) + "."
