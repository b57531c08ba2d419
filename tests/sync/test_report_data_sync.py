"""What the reports record travels between sites like the rest (issue #16): i-milo ticks, CEJ actions,
orientations, FSE+ data; the network report sees every site."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from mlplanner.domain.cej import Theme
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.periods import Period
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.storage.followup_tables import ImiloTick, Orientation, YouthAction
from mlplanner.storage.tables import Appointment, Youth

from .conftest import Site


def _first_appointment(site: Site) -> Appointment:
    with site.services.ctx.read() as s:
        me = site.services.ctx.site_row(s)
        return s.exec(
            select(Appointment).where(Appointment.site_id == me.id).order_by(Appointment.start)
        ).first()


def _a_youth(site: Site) -> Youth:
    with site.services.ctx.read() as s:
        me = site.services.ctx.site_row(s)
        return s.exec(select(Youth).where(Youth.site_id == me.id).order_by(Youth.id)).first()


def test_ticks_actions_and_orientations_reach_the_other_sites(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    appt, youth = _first_appointment(paris), _a_youth(paris)
    paris.services.reports.imilo.tick(actor=SYSTEM_ACTOR, item_ids=[appt.id])
    paris.services.reports.cej.record_action(
        actor=SYSTEM_ACTOR, youth_id=youth.id, week=date(2027, 3, 1), theme=Theme.HOUSING
    )
    paris.services.orientations.record(actor=SYSTEM_ACTOR, youth_id=youth.id, partner_kind="health_insurance")
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.read() as s:
        tick = s.exec(select(ImiloTick).where(ImiloTick.item_id == appt.id)).one()
        assert tick.keyed and tick.keyed_by == "système"
        assert s.exec(select(YouthAction).where(YouthAction.youth_id == youth.id)).one().minutes == 120
        assert (
            s.exec(select(Orientation).where(Orientation.youth_id == youth.id)).one().partner_kind
            == "health_insurance"
        )
    # a young person's actions are shared: Lyon corrects the hours, Paris gets the correction
    lyon.services.reports.cej.record_action(
        actor=SYSTEM_ACTOR, youth_id=youth.id, week=date(2027, 3, 3), theme=Theme.HOUSING, minutes=60
    )
    lyon.sync.sync(folder=share)
    paris.sync.sync(folder=share)
    assert [a.minutes for a in paris.services.reports.cej.actions(youth.id, date(2027, 3, 1))] == [60]
    # a line of another site is ticked where it was held
    with pytest.raises(RuleViolation):
        lyon.services.reports.imilo.tick(actor=SYSTEM_ACTOR, item_ids=[appt.id])
    # the network's orientations, seen from Lyon
    report = lyon.services.reports.activity.orientations(
        actor=SYSTEM_ACTOR, period=Period(date(2027, 1, 1), date(2027, 12, 31)), network=True
    )
    assert [(c.site_code, c.partner_kind.value, c.total) for c in report.counts] == [
        ("PARIS13", "health_insurance", 1)
    ]


def test_the_network_count_sees_every_site(sites: dict[str, Site], share: Path) -> None:
    for site in sites.values():
        site.sync.sync(folder=share)
    for site in sites.values():
        site.sync.sync(folder=share)
    period = Period(date(2027, 1, 15), date(2027, 2, 28))
    lyon = sites["LYON"]
    alone = lyon.services.reports.activity.accompanied(actor=SYSTEM_ACTOR, period=period)
    network = lyon.services.reports.activity.accompanied(actor=SYSTEM_ACTOR, period=period, network=True)
    totals = {r.site_code: r.accompanied for r in network.rows if r.counsellor_name.startswith("Total ")}
    own = {r.site_code: r.accompanied for r in alone.rows if r.counsellor_name.startswith("Total ")}
    assert set(own) == {"LYON"} and own["LYON"] == totals["LYON"] > 0
    assert {"PARIS13", "LILLE"} <= set(totals)
    assert network.rows[-1].counsellor_name == "Total réseau"
    assert (
        network.rows[-1].accompanied == totals["LYON"] + totals["PARIS13"] + totals["LILLE"]
    )  # youths differ
