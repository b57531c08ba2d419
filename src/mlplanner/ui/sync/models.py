"""Table models of the sync page: conflicts to review, booking clashes from merges, the network's sites.

Each is a `RowsModel` over the frozen views the sync service returns, described by columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from mlplanner.domain.labels import MODE_FR, STATUS_FR
from mlplanner.services.audit_log import FIELD_FR
from mlplanner.services.sync.service import Clash, ConflictView
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.widgets.rows_model import Column, RowsModel

CLASH_KIND_FR = {"counsellor": tr_noop("Conseiller"), "room": tr_noop("Salle"), "youth": tr_noop("Jeune")}
# technical columns of a synced row: meaningless to a site lead
_HIDDEN = frozenset(
    {
        "id",
        "hlc",
        "updated_at",
        "origin_site",
        "deleted",
        "fold_name",
        "phone_digits",
        "site_id",
        "created_at",
    }
)


PARIS = ZoneInfo("Europe/Paris")


def _stamp(at: datetime | None, tz: tzinfo = PARIS) -> str:
    """An instant (aware, or naive UTC as SQLite returns it) in the site's wall-clock time."""
    if at is None:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return f"{at.astimezone(tz):%d/%m/%Y %H:%M}"


_EXTRA_FIELDS = {
    "needs_accessible_room": "besoin d'un bureau accessible",
    "programme_start": "entrée dans le dispositif",
    "programme_end": "fin du dispositif",
    "duration_min": "durée (minutes)",
    "cancel_reason": "motif d'annulation",
    "notes": "notes",
    "label": "libellé",
    "name": "nom",
    "code": "code",
}
_BOOLEANS = frozenset({"needs_accessible_room", "sms_consent", "active"})


def _value_fr(key: str, value: str) -> str:
    if key in _BOOLEANS:
        return tr("oui") if value in ("1", "true", "True") else tr("non")
    if key == "programme":
        return tr("aucun") if value == "none" else value
    labels = {"status": STATUS_FR, "mode": MODE_FR}.get(key)
    if labels is not None:
        return next((tr(text) for enum, text in labels.items() if enum.value == value), value)
    if len(value) == 10 and value[4] == "-" and value[7] == "-":  # ISO date
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if len(value) >= 16 and value[4] == "-" and value[10] in "T ":  # wall-clock date and time
        return f"{value[8:10]}/{value[5:7]}/{value[:4]} {value[11:16]}"
    return value


def conflict_details(c: ConflictView, tz: tzinfo = PARIS) -> str:
    """The replaced version, field by field, in French (what a site lead may want to re-enter)."""
    lines = [
        f"{c.table_fr.capitalize()} « {c.label} » — {c.reason}.",
        tr("Version gardée : celle du site {site} ({when}).").format(
            site=c.winner_site or "—", when=_stamp(c.winner_at, tz) or tr("date inconnue")
        ),
        tr("Version remplacée : celle du site {site} ({when}) :").format(
            site=c.loser_site, when=_stamp(c.loser_at, tz) or tr("date inconnue")
        ),
    ]
    for key, value in sorted(c.loser_data.items()):
        # ids mean nothing to a person (the i-milo number, external_id, does)
        if key in _HIDDEN or key.endswith("_hlc") or (key.endswith("_id") and key != "external_id"):
            continue
        shown = "" if value in ("\\N", None) else str(value)
        if not shown:
            continue
        label = FIELD_FR.get(key) or _EXTRA_FIELDS.get(key) or key.replace("_", " ")
        lines.append(f"  • {label} : {_value_fr(key, shown)}")
    if c.loser_data.get("deleted") in ("1", "true", "True"):
        lines.append("  • " + tr("(cette version était une suppression)"))
    return "\n".join(lines)


def conflicts_model(tz: tzinfo = PARIS, parent: object = None) -> RowsModel[ConflictView]:
    columns: list[Column[ConflictView]] = [
        Column(
            tr("Détecté le"),
            lambda c: _stamp(c.detected_at, tz),
            sort_key=lambda c: c.detected_at.isoformat(),
        ),
        Column(tr("Donnée"), lambda c: c.table_fr),
        Column(tr("Fiche"), lambda c: c.label, tooltip=lambda c: conflict_details(c, tz)),
        Column(tr("Motif"), lambda c: c.reason),
        Column(tr("Version gardée"), lambda c: f"{c.winner_site or '—'} · {_stamp(c.winner_at, tz)}"),
        Column(
            tr("Version remplacée"),
            lambda c: f"{c.loser_site} · {_stamp(c.loser_at, tz)}",
            foreground=lambda c: "#8a1010",
        ),
        Column(
            tr("État"),
            lambda c: tr("examiné") if c.reviewed else tr("à examiner"),
            foreground=lambda c: "#5f6670" if c.reviewed else "#b00020",
        ),
    ]
    return RowsModel(columns, key=lambda c: c.id, parent=parent)


def clashes_model(parent: object = None) -> RowsModel[Clash]:
    columns: list[Column[Clash]] = [
        Column(
            tr("Date"), lambda c: f"{c.first_start:%d/%m/%Y}", sort_key=lambda c: c.first_start.isoformat()
        ),
        Column(tr("Ressource"), lambda c: tr(CLASH_KIND_FR[c.kind]) if c.kind in CLASH_KIND_FR else c.kind),
        Column(tr("Qui / quoi"), lambda c: c.who, tooltip=lambda c: c.sentence_fr()),
        Column(
            tr("Premier rendez-vous"),
            lambda c: f"{c.first_start:%H:%M}–{c.first_end:%H:%M} ({c.first_site})",
            sort_key=lambda c: c.first_start.isoformat(),
        ),
        Column(
            tr("Second rendez-vous"),
            lambda c: f"{c.second_start:%H:%M}–{c.second_end:%H:%M} ({c.second_site})",
            sort_key=lambda c: c.second_start.isoformat(),
        ),
    ]
    return RowsModel(columns, key=lambda c: (c.kind, c.first_id, c.second_id), parent=parent)


@dataclass(frozen=True)
class PeerRow:
    """A site of the network as the "Sites du réseau" tab lists it."""

    code: str
    state: str  # "self" | "self_waiting" | "member" | "pending" | "refused"
    name: str = ""
    note: str = ""


_STATES = {
    "self": tr_noop("ce site"),
    "self_waiting": tr_noop("ce site — en attente d'acceptation par un site du réseau"),
    "member": tr_noop("accepté"),
    "pending": tr_noop("demande d'adhésion en attente"),
    "refused": tr_noop("ne peut pas être accepté"),
}


def peers_model(own_code: str, parent: object = None) -> RowsModel[PeerRow]:
    columns: list[Column[PeerRow]] = [
        Column(tr("Code du site"), lambda p: p.code),
        Column(tr("Nom"), lambda p: p.name),
        Column(
            tr("État"),
            lambda p: tr(_STATES[p.state]) + (f" ({p.note})" if p.note else ""),
            foreground=lambda p: "#b34700" if p.state in ("pending", "self_waiting") else "#5f6670",
        ),
    ]
    return RowsModel(columns, key=lambda p: p.code, parent=parent)
