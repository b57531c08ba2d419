"""Two records of one person merged: what the follow-up holds on the dropped record follows the kept one
(it stayed on the tombstone before, out of the youth file, the CEJ week, the FSE+ report and the lists)."""

from __future__ import annotations

from datetime import date

from mlplanner.domain.cej import Theme
from mlplanner.domain.followup_periods import PartnerKind
from mlplanner.domain.participants import Situation
from mlplanner.services.youths.service import YouthDraft
from support import TestSite

from .helpers import at


def _double(site: TestSite) -> str:
    return site.services.youths.add(
        actor=site.admin,
        draft=YouthDraft(first_name="Kevin", last_name="Kone", birth_date=None),
        confirm_duplicate=True,
    ).youth.id


def test_the_follow_up_of_a_merged_record_moves_to_the_one_kept(site: TestSite) -> None:
    sv, kevin = site.services, site.youths["kevin"].id
    at(site, "2026-01-15 10:00")
    double = _double(site)
    monday = date(2026, 1, 12)
    # the same week recorded on both records: counted once (the larger hours), not added up
    sv.reports.cej.record_action(
        actor=site.counsellor, youth_id=kevin, week=monday, theme=Theme.JOB_SEARCH, minutes=120
    )
    sv.reports.cej.record_action(
        actor=site.counsellor, youth_id=double, week=monday, theme=Theme.JOB_SEARCH, minutes=180
    )
    sv.reports.cej.record_action(actor=site.counsellor, youth_id=double, week=monday, theme=Theme.HOUSING)
    sv.reports.fse.save_profile(actor=site.counsellor, youth_id=kevin, sex="M")
    sv.reports.fse.save_profile(actor=site.counsellor, youth_id=double, sex="F", diploma_level="3")
    sv.reports.fse.record_situation(
        actor=site.counsellor, youth_id=double, since=date(2026, 1, 5), situation=Situation.UNEMPLOYED
    )
    sv.orientations.record(actor=site.counsellor, youth_id=double, partner_kind=PartnerKind.HEALTH_INSURANCE)
    kept_period = sv.periods.start(actor=site.counsellor, youth_id=kevin, start=date(2026, 1, 2))
    sv.periods.start(actor=site.counsellor, youth_id=double, start=date(2026, 1, 10))

    sv.youths.merge(actor=site.lead, keep_id=kevin, drop_id=double)

    actions = {a.theme: a.minutes for a in sv.reports.cej.actions(kevin, monday)}
    assert actions == {Theme.JOB_SEARCH: 180, Theme.HOUSING: 120}
    assert sv.reports.cej.actions(double, monday) == ()
    profile = sv.reports.fse.profile(kevin)
    assert (profile.sex, profile.diploma_level) == ("M", "3")  # the kept record's answer stays
    assert [x.situation for x in sv.reports.fse.situations(kevin)] == [Situation.UNEMPLOYED]
    assert [o.partner_kind for o in sv.orientations.of_youth(kevin)] == [PartnerKind.HEALTH_INSURANCE]
    periods = sv.periods.of_youth(kevin)
    assert [p.id for p in periods] == [kept_period.id]  # one open follow-up: the one that began first
    assert sv.periods.of_youth(double) == ()
