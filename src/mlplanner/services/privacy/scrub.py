"""Removing a young person's personal data from every place the file keeps a copy of it.

The youth row is only the obvious place. Copies also sit in: the search tokens, free-text fields of
appointments, workshop registrations, CEJ actions, orientations and follow-up periods, the optional FSE+
answers, the audit trail's before/after snapshots (which record names and
phones on every edit), and the losing versions kept by the sync conflict table. All of them are cleaned
here, in the caller's transaction. Synced rows are changed through the session of `ctx.write()`, so
their HLC stamp is bumped and the sync carries the cleaned version to every site.

The database file still holds old page contents after the transaction (free pages, the WAL): the
caller compacts the file afterwards (`storage.backup.compact_file`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, or_, select

from mlplanner.domain.participants import OptionalItem
from mlplanner.domain.text import fold
from mlplanner.services.context import written_by_system
from mlplanner.storage import undo_journal
from mlplanner.storage.followup_tables import FollowupPeriod, Orientation, YouthAction, YouthProfile
from mlplanner.storage.reception_tables import BookingRequest
from mlplanner.storage.sync_tables import SyncConflict
from mlplanner.storage.tables import Appointment, AuditEntry, Youth, YouthToken
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSession

ANON_LAST = "Anonyme"
# Keys of audit snapshots and conflict copies that may hold personal data (names, contact, free text).
PERSONAL_KEYS = frozenset(
    {
        "first_name",
        "last_name",
        "birth_date",
        "phone",
        "phone_digits",
        "email",
        "external_id",
        "fold_name",
        "notes",
        "note",
        "cancel_reason",
        "forced_reason",
        "reason",
    }
)
CHUNK = 500
PRIVACY_ACTIONS = frozenset({"anonymise", "reduce", "erase", "export_access"})


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def is_anonymised(row: Youth) -> bool:
    return row.last_name == ANON_LAST and row.first_name.startswith("n° ")


def is_erasure(version: Mapping[str, Any]) -> bool:
    """Whether a version of a youth row is the tombstone of an erasure (see `erase_youth`): deleted,
    not merged into another record, anonymised. The sync lets it win over any other version."""
    return (
        bool(version["deleted"])
        and not version["merged_into_id"]
        and version["last_name"] == ANON_LAST
        and str(version["first_name"]).startswith("n° ")
    )


ERASURE_COLUMNS = ("deleted", "merged_into_id", "last_name", "first_name")


def anon_first_name(youth_id: str) -> str:
    return f"n° {youth_id[:8]}"


def generalise_birth_date(value: date | None) -> date | None:
    """Year only (stored as 1 January): ages stay countable, the person is no longer singled out."""
    return date(value.year, 1, 1) if value else None


def _set(row: Any, field: str, value: Any) -> None:
    """Assign only when different: an unchanged row keeps its HLC stamp and does not travel again."""
    if getattr(row, field) != value:
        setattr(row, field, value)


def reduce_youth(row: Youth) -> None:
    """Funder-evidence form: the name stays (sign-in sheets need it), contact and extras go."""
    _set(row, "birth_date", generalise_birth_date(row.birth_date))
    for field in ("phone", "phone_digits", "email", "external_id"):
        _set(row, field, "")
    _set(row, "sms_consent", False)
    _set(row, "email_consent", False)
    _set(row, "needs_accessible_room", False)  # health-related (art. 9 RGPD): never kept for statistics


def anonymise_youth(row: Youth) -> None:
    """Nothing left that points at the person; programme, referent and dates stay for statistics."""
    reduce_youth(row)
    _set(row, "first_name", anon_first_name(row.id))
    _set(row, "last_name", ANON_LAST)
    _set(row, "fold_name", fold(f"{ANON_LAST} {anon_first_name(row.id)}"))
    written_by_system(row, "first_name", "last_name")  # "n° 1a2b3c4d": not a name a person typed


def erase_youth(row: Youth) -> None:
    """The tombstone of an erasure: every personal field blank, `deleted` set."""
    anonymise_youth(row)
    _set(row, "birth_date", None)
    _set(row, "programme_start", None)
    _set(row, "programme_end", None)
    _set(row, "deleted", True)


def related_youth_ids(session: Session, youth_ids: Sequence[str]) -> list[str]:
    """The ids plus the merged-away records pointing at them (tombstones that still hold a name)."""
    found = list(dict.fromkeys(youth_ids))
    for part in chunks(found):
        found.extend(session.exec(select(Youth.id).where(col(Youth.merged_into_id).in_(part))).all())
    return list(dict.fromkeys(found))


def merged_into(session: Session, youth_ids: Sequence[str]) -> dict[str, list[str]]:
    """For each id, the merged-away records pointing at it."""
    found: dict[str, list[str]] = {}
    for part in chunks(list(youth_ids)):
        q = select(Youth.merged_into_id, Youth.id).where(col(Youth.merged_into_id).in_(part))
        for target, merged in session.execute(q):
            found.setdefault(target, []).append(merged)
    return found


def clear_free_text(session: Session, youth_ids: Sequence[str], site_id: str) -> list[str]:
    """Blank the notes and reasons of the youths' appointments and registrations held by this site.

    Only rows the local site owns: the sync refuses a site's edit of another site's row, so each site
    cleans its own when the erased or anonymised youth reaches it (`PrivacyService.follow_received`).
    Returns the ids of the rows looked at.
    """
    touched: list[str] = []
    own_sessions = select(WorkshopSession.id).where(WorkshopSession.site_id == site_id)
    for part in chunks(list(youth_ids)):
        q = select(Appointment).where(col(Appointment.youth_id).in_(part), Appointment.site_id == site_id)
        for a in session.exec(q):
            for field in ("notes", "cancel_reason", "forced_reason"):
                _set(a, field, "")
            session.add(a)
            touched.append(a.id)
        registrations = select(WorkshopRegistration).where(
            col(WorkshopRegistration.youth_id).in_(part),
            col(WorkshopRegistration.session_id).in_(own_sessions),
        )
        for r in session.exec(registrations):
            _set(r, "cancel_reason", "")
            session.add(r)
            touched.append(r.id)
        # booking requests this site sent to another site carry the note for the booking (issue 18)
        requests = select(BookingRequest).where(
            col(BookingRequest.youth_id).in_(part), BookingRequest.site_id == site_id
        )
        for q_row in session.exec(requests):
            _set(q_row, "notes", "")
            session.add(q_row)
            touched.append(q_row.id)
    touched += clear_followup(session, youth_ids, site_id)
    return touched


def clear_followup(session: Session, youth_ids: Sequence[str], site_id: str) -> list[str]:
    """The follow-up's personal extras: free-text notes (CEJ actions, orientations, follow-up periods)
    and the optional FSE+ answers with their consent (special-category data, art. 9 RGPD: never kept
    for statistics). Shared rows (actions, profile) are cleaned by any site; a site cleans its own
    orientations and periods. Returns the ids of the rows looked at."""
    touched: list[str] = []
    for part in chunks(list(youth_ids)):
        for a in session.exec(select(YouthAction).where(col(YouthAction.youth_id).in_(part))):
            _set(a, "note", "")
            session.add(a)
            touched.append(a.id)
        for prof in session.exec(select(YouthProfile).where(col(YouthProfile.youth_id).in_(part))):
            for item in OptionalItem:
                _set(prof, item.value, "")
            _set(prof, "sensitive_consent", False)
            _set(prof, "consent_on", None)
            session.add(prof)
            touched.append(prof.id)
        for model in (Orientation, FollowupPeriod):
            q = select(model).where(col(model.youth_id).in_(part), col(model.site_id) == site_id)
            for row in session.exec(q):
                _set(row, "note", "")
                session.add(row)
                touched.append(row.id)
    return touched


def _scrub_value(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("" if k in PERSONAL_KEYS else _scrub_value(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_value(v) for v in value]
    return value


def scrub_json(text: str) -> str:
    """The same JSON with personal keys blanked (anything unparsable is dropped: it cannot be checked)."""
    if not text:
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return ""
    return json.dumps(_scrub_value(data), ensure_ascii=False)


def purge_local_traces(session: Session, youth_ids: Sequence[str], row_ids: Sequence[str] = ()) -> int:
    """Clean the local-only copies (tokens, audit snapshots, conflict copies, the sync's undo journal)
    of these youths' data.

    `row_ids`: ids of their appointments / registrations (audit entries and conflicts about them too).
    The sync apply calls this for youths that arrive erased or anonymised from another site. Returns
    the number of audit entries cleaned.
    """
    ids = list(dict.fromkeys(youth_ids))
    all_ids = list(dict.fromkeys([*ids, *row_ids]))
    undo_journal.forget_people(session.connection(), youth_ids=ids, row_ids=row_ids)
    for part in chunks(ids):
        session.execute(delete(YouthToken).where(col(YouthToken.youth_id).in_(part)))
    cleaned = 0
    for part in chunks(all_ids):
        q = select(AuditEntry).where(
            or_(col(AuditEntry.youth_id).in_(part), col(AuditEntry.entity_id).in_(part))
        )
        for e in session.exec(q):
            if e.action in PRIVACY_ACTIONS:
                continue  # written by the privacy tools themselves, without personal data
            before, after = scrub_json(e.before), scrub_json(e.after)
            if (before, after, "") != (e.before, e.after, e.reason):
                e.before, e.after, e.reason = before, after, ""
                session.add(e)
                cleaned += 1
        for c in session.exec(select(SyncConflict).where(col(SyncConflict.row_id).in_(part))):
            data = scrub_json(c.loser_data) or "{}"
            if data != c.loser_data:
                c.loser_data = data
                session.add(c)
    return cleaned
