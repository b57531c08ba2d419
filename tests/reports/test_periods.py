"""Follow-up periods (issue #16): 6 months, renewable once, then a lighter follow-up; the list of
follow-ups ending within 30 days; where each young person stands."""

from __future__ import annotations

from datetime import date

import pytest

from mlplanner.domain.errors import PermissionDenied, RuleViolation
from mlplanner.domain.followup_periods import EndReason, PeriodKind, add_months
from support import TestSite

from .helpers import at


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_six_months_renewed_once_then_a_lighter_follow_up(site: TestSite) -> None:
    periods, kevin = site.services.periods, site.youths["kevin"].id
    at(site, "2026-01-15 10:00")
    p = periods.start(actor=site.counsellor, youth_id=kevin)
    assert (p.start, p.planned_end, p.kind, p.counsellor_name) == (
        date(2026, 1, 15),
        date(2026, 7, 14),
        PeriodKind.PERSONAL,
        "Claire Lefèvre",
    )
    assert (
        p.standing.describe_fr(date(2026, 3, 20))
        == "Accompagnement personnalisé : mois 3/6 (fin le 14/07/2026)"
    )
    with pytest.raises(RuleViolation):
        periods.start(actor=site.counsellor, youth_id=kevin)  # one open follow-up at a time
    at(site, "2026-07-01 10:00")
    p = periods.renew(actor=site.counsellor, period_id=p.id)
    assert (p.renewed_on, p.planned_end, p.can_renew) == (date(2026, 7, 1), date(2027, 1, 14), False)
    assert p.standing.describe_fr(date(2026, 12, 20)) == (
        "Accompagnement personnalisé : mois 12/12 (renouvelé, fin le 14/01/2027)"
    )
    with pytest.raises(RuleViolation):
        periods.renew(actor=site.counsellor, period_id=p.id)  # renewable once only
    at(site, "2027-01-10 10:00")
    ended, light = periods.end(actor=site.counsellor, period_id=p.id, light_followup=True)
    assert (ended.ended_on, ended.end_reason) == (date(2027, 1, 10), EndReason.LIGHT)
    assert light is not None
    assert (light.kind, light.start, light.next_contact_on) == (
        PeriodKind.LIGHT,
        date(2027, 1, 10),
        date(2027, 2, 9),
    )
    assert [x.kind for x in periods.of_youth(kevin)] == [PeriodKind.LIGHT, PeriodKind.PERSONAL]
    assert periods.standings([kevin])[kevin].id == light.id
    with pytest.raises(RuleViolation):
        periods.renew(actor=site.counsellor, period_id=light.id)  # a lighter follow-up is not renewed


def test_follow_ups_ending_within_30_days_per_counsellor(site: TestSite) -> None:
    periods = site.services.periods
    at(site, "2026-01-05 10:00")
    a = periods.start(actor=site.counsellor, youth_id=site.youths["kevin"].id)  # ends 04/07
    periods.start(actor=site.counsellor, youth_id=site.youths["jp"].id, start=date(2026, 1, 20))  # ends 19/07
    periods.start(actor=site.colleague, youth_id=site.youths["eloise"].id)  # Mamadou (her referent)
    at(site, "2026-06-15 10:00")
    mine = periods.ending_soon(counsellor="Claire Lefèvre")
    assert [p.youth_name for p in mine] == ["KONÉ Kévin"]
    assert [p.youth_name for p in periods.ending_soon()] == ["KONÉ Kévin", "LŒUVRE Éloïse"]
    periods.end(actor=site.counsellor, period_id=a.id)
    assert periods.ending_soon(counsellor="Claire Lefèvre") == ()
    at(site, "2026-07-01 10:00")
    assert [p.youth_name for p in periods.ending_soon(counsellor="Claire Lefèvre")] == ["MARTIN Jean-Pierre"]


def test_a_receptionist_does_not_manage_follow_ups(site: TestSite) -> None:
    with pytest.raises(PermissionDenied):
        site.services.periods.start(actor=site.receptionist, youth_id=site.youths["kevin"].id)
