"""Kinds of collective action (workshop, information session...) and how funders count them: the CEJ
hours scale and the FSE+ operation they belong to. Built-in kinds (`domain.cej.BUILTIN_KINDS`) need no
row; a site lead edits one (or adds a kind) by writing a row keyed by its code, shared by the network."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from mlplanner.domain.cej import BUILTIN_KINDS, MAX_ACTION_MINUTES
from mlplanner.domain.errors import InputError
from mlplanner.domain.ids import workshop_kind_id
from mlplanner.domain.models import Changes
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.followup_tables import WorkshopKind

FIELDS = ("code", "label", "cej_minutes", "funded_operation", "active")


@dataclass(frozen=True)
class KindInfo:
    """A workshop kind as the services read it (built-in, or edited by a site lead)."""

    code: str
    label: str
    cej_minutes: int
    funded_operation: str
    active: bool = True
    builtin: bool = False


def workshop_kinds(s: Session) -> dict[str, KindInfo]:
    """Every workshop kind by code: the built-in ones, overridden or completed by the stored rows."""
    kinds = {k.code: KindInfo(k.code, k.label, k.cej_minutes, "", True, True) for k in BUILTIN_KINDS}
    for row in s.exec(select(WorkshopKind).where(WorkshopKind.deleted == False)):
        kinds[row.code] = KindInfo(
            row.code, row.label, row.cej_minutes, row.funded_operation, row.active, row.code in kinds
        )
    return kinds


def kind_of(kinds: dict[str, KindInfo], code: str) -> KindInfo:
    """A series' kind; an unknown code (a kind deleted at another site) counts as a workshop."""
    return kinds.get(code) or kinds[BUILTIN_KINDS[0].code]


def check_kind_code(s: Session, code: str) -> str:
    code = (code or "").strip().upper()
    kinds = workshop_kinds(s)
    if code not in kinds or not kinds[code].active:
        names = ", ".join(f"{k.code} ({k.label})" for k in kinds.values() if k.active)
        raise InputError("unknown_kind", f"Type d'action inconnu : « {code} » ({names}).")
    return code


@checked_dates
class WorkshopKindService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def kinds(self) -> list[KindInfo]:
        with self.ctx.read() as s:
            return sorted(workshop_kinds(s).values(), key=lambda k: (not k.builtin, k.label.casefold()))

    def save_kind(
        self,
        *,
        actor: Actor,
        code: str,
        label: str,
        cej_minutes: int,
        funded_operation: str = "",
        active: bool = True,
    ) -> Changes:
        """Create or edit a kind (the scale and the funded operation apply to every series of the kind)."""
        require(actor, Perm.CONFIGURE_SITE)
        code, label, operation = code.strip().upper(), label.strip(), " ".join(funded_operation.split())
        if not code or len(code) > 16 or not code.replace("_", "").replace("-", "").isalnum():
            raise InputError("bad_code", "Code : 1 à 16 lettres ou chiffres (par exemple INFO_COLL).")
        if not label or len(label) > 80:
            raise InputError("bad_label", "Libellé : 1 à 80 caractères.")
        if len(operation) > 80:
            raise InputError("bad_operation", "Nom de l'opération financée : 80 caractères au plus.")
        if not isinstance(cej_minutes, int) or not 0 <= cej_minutes <= MAX_ACTION_MINUTES:
            raise InputError("bad_hours", f"Heures CEJ : entre 0 et {MAX_ACTION_MINUTES // 60} h.")
        with self.ctx.write() as s:
            rid = workshop_kind_id(code)
            row = s.get(WorkshopKind, rid)
            before = audit.snapshot(row, FIELDS) if row is not None else None
            row = row or WorkshopKind(id=rid, code=code, label=label)
            row.label, row.cej_minutes, row.funded_operation = label, cej_minutes, operation
            row.active, row.deleted = active, False
            s.add(row)
            audit.record(
                s, self.ctx, actor, action="update" if before else "create", entity="workshop_kind",
                entity_id=rid, before=before, after=audit.snapshot(row, FIELDS),
            )  # fmt: skip
        return Changes.of("config", "workshops")
