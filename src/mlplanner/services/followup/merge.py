"""What the follow-up holds on a young person follows a merge of two records of that person (a youth
merge hook, passed to `YouthService` by the composition root).

Rows keyed by the youth (a week's hours for a theme, the FSE+ profile) have deterministic ids: the kept
record's row takes the values (a week counted once, not twice: the larger hours of the two), and the
dropped record's row is cleared, so that a site writing the kept row offline writes the same row. Rows
with their own ids (situations, follow-up periods, orientations) move to the kept record; of two open
follow-up periods (one is open at a time), the one that started first stays (it is the same follow-up, recorded
twice) and the other is withdrawn.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from mlplanner.domain.ids import youth_action_id, youth_profile_id
from mlplanner.storage.followup_tables import (
    FollowupPeriod,
    Orientation,
    YouthAction,
    YouthProfile,
    YouthSituation,
)

PROFILE_FIELDS = (
    "sex",
    "diploma_level",
    "disability",
    "third_country",
    "foreign_origin",
    "minority",
    "homeless",
)


def merge_followup(s: Session, drop_id: str, keep_id: str) -> None:
    _merge_actions(s, drop_id, keep_id)
    _merge_profile(s, drop_id, keep_id)
    for situation in s.exec(
        select(YouthSituation).where(YouthSituation.youth_id == drop_id, YouthSituation.deleted == False)
    ):
        twin = s.exec(
            select(YouthSituation).where(
                YouthSituation.youth_id == keep_id,
                YouthSituation.since == situation.since,
                YouthSituation.situation == situation.situation,
                YouthSituation.deleted == False,
            )
        ).first()
        if twin is not None:
            situation.deleted = True  # the same situation noted on both records
        else:
            situation.youth_id = keep_id
        s.add(situation)
    for orientation in s.exec(
        select(Orientation).where(Orientation.youth_id == drop_id, Orientation.deleted == False)
    ):
        orientation.youth_id = keep_id
        s.add(orientation)
    _merge_periods(s, drop_id, keep_id)


def _merge_actions(s: Session, drop_id: str, keep_id: str) -> None:
    for row in s.exec(
        select(YouthAction).where(
            YouthAction.youth_id == drop_id, YouthAction.deleted == False, YouthAction.minutes > 0
        )
    ):
        rid = youth_action_id(keep_id, row.week.isoformat(), row.theme)
        kept = s.get(YouthAction, rid)
        if kept is None:
            kept = YouthAction(id=rid, youth_id=keep_id, week=row.week, theme=row.theme, minutes=0)
        if kept.deleted or row.minutes > kept.minutes:
            kept.minutes, kept.note, kept.recorded_by = row.minutes, row.note, row.recorded_by
            kept.deleted = False
        row.minutes, row.note = 0, ""
        s.add_all([kept, row])


def _merge_profile(s: Session, drop_id: str, keep_id: str) -> None:
    dropped = s.get(YouthProfile, youth_profile_id(drop_id))
    if dropped is None or dropped.deleted:
        return
    rid = youth_profile_id(keep_id)
    kept = s.get(YouthProfile, rid)
    if kept is None or kept.deleted:
        kept = kept or YouthProfile(id=rid, youth_id=keep_id)
        kept.deleted = False
    for field in PROFILE_FIELDS:
        if not getattr(kept, field) and getattr(dropped, field):
            setattr(kept, field, getattr(dropped, field))
    if dropped.sensitive_consent and not kept.sensitive_consent:
        kept.sensitive_consent, kept.consent_on = True, dropped.consent_on
    kept.updated_by = kept.updated_by or dropped.updated_by
    for field in PROFILE_FIELDS:
        setattr(dropped, field, "")
    dropped.sensitive_consent, dropped.consent_on = False, None
    s.add_all([kept, dropped])


def _merge_periods(s: Session, drop_id: str, keep_id: str) -> None:
    P = FollowupPeriod
    for row in s.exec(select(P).where(P.youth_id == drop_id, P.deleted == False)):
        other = (
            s.exec(
                select(P).where(P.youth_id == keep_id, col(P.ended_on).is_(None), P.deleted == False)
            ).first()
            if row.ended_on is None
            else None
        )
        row.youth_id = keep_id
        if other is not None:
            later = row if (row.start, row.id) > (other.start, other.id) else other
            later.deleted = True
            s.add(later)
        s.add(row)
