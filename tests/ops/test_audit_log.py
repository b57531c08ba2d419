"""Reading the audit trail: filters by person, youth and date; French labels; permission."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import PermissionDenied
from mlplanner.services.audit_log import Person

from .conftest import Site
from .test_privacy import add_youth, book


@pytest.fixture
def trail(site: Site) -> dict[str, str]:
    """Three days of actions by two people about two youths."""
    counsellor = site.actor(Role.COUNSELLOR)
    first = add_youth(site)  # 01/03 by the lead
    appt = book(site, first)
    site.clock.advance(timedelta(days=1))
    second = add_youth(site, "Paul", "Durand", phone="", email="", external_id="")  # 02/03
    site.clock.advance(timedelta(days=1))
    site.services.appointments.cancel(actor=counsellor, appointment_id=appt, by_youth=True)  # 03/03
    return {"first": first, "second": second, "appt": appt, "counsellor": counsellor.id}


def test_filters_by_person_youth_and_day(site: Site, trail: dict[str, str]) -> None:
    log = site.services.audit_log
    everything = log.entries(actor=site.lead)
    assert everything.total == 4 and [r.action for r in everything.rows] == [
        "cancel",
        "create",
        "book",
        "create",
    ]

    by_counsellor = log.entries(actor=site.lead, person=Person(trail["counsellor"], ""))
    assert [r.action for r in by_counsellor.rows] == ["cancel"]
    assert by_counsellor.rows[0].summary == "statut : prévu → annulé par le jeune"

    about_first = log.entries(actor=site.lead, youth_id=trail["first"])
    assert {r.action for r in about_first.rows} == {"create", "book", "cancel"}
    assert {r.youth_name for r in about_first.rows} == {"QUASIMODO Zéphyrine"}

    second_day = log.entries(actor=site.lead, start=date(2027, 3, 2), end=date(2027, 3, 2))
    assert [(r.action, r.youth_id) for r in second_day.rows] == [("create", trail["second"])]
    assert second_day.rows[0].action_label == "création" and second_day.rows[0].entity_label == "jeune"
    assert log.entries(actor=site.lead, start=date(2027, 3, 4)).total == 0

    page = log.entries(actor=site.lead, limit=2, offset=2)
    assert page.total == 4 and [r.action for r in page.rows] == ["book", "create"]


def test_times_are_shown_in_the_site_zone(site: Site, trail: dict[str, str]) -> None:
    row = site.services.audit_log.entries(actor=site.lead, action="cancel").rows[0]
    assert (row.at.hour, row.at.tzinfo) == (9, None)  # 08:00 UTC is 09:00 in Paris in March


def test_people_and_actions_offered_as_filters(site: Site, trail: dict[str, str]) -> None:
    people = site.services.audit_log.people(actor=site.lead)
    assert {p.id for p in people} == {site.lead.id, trail["counsellor"]}
    codes = dict(site.services.audit_log.actions(actor=site.lead))
    assert codes["cancel"] == "rendez-vous annulé"


def test_only_site_leads_read_the_trail(site: Site, trail: dict[str, str]) -> None:
    with pytest.raises(PermissionDenied):
        site.services.audit_log.entries(actor=site.actor(Role.RECEPTIONIST))
