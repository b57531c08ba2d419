"""Dates outside 1900–2200 (`domain.limits`) are refused by every use case with a French InputError,
before anything runs: year 9999 used to end in an OverflowError from the date arithmetic (exit 1 in the
CLI, the "unexpected error" dialog in the app)."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, datetime

import pytest

from mlplanner.domain.errors import InputError
from mlplanner.domain.periods import Period
from mlplanner.services.container import Services
from mlplanner.services.workshops.service import SeriesDraft
from support import TestSite

FAR = date(9999, 12, 31)
FAR_START = datetime(9999, 12, 31, 23, 30)


def far_calls(site: TestSite):  # type: ignore[no-untyped-def]
    sv, t = site.services, site
    youth = t.youths["kevin"].id
    return {
        "booking.day": lambda: sv.booking.day(FAR),
        "booking.between": lambda: sv.booking.between(date(2026, 1, 5), FAR),
        "booking.book": lambda: sv.booking.book(
            actor=t.receptionist, youth_id=youth, type_code="SUIVI", start=FAR_START
        ),
        "slots.find": lambda: sv.slots.find(type_code="SUIVI", start=FAR),
        "schedule.day": lambda: sv.schedule.day(FAR),
        "schedule.week": lambda: sv.schedule.week(FAR, "counsellor", t.staff["claire"].id),
        "directory.add_closure": lambda: sv.directory.add_closure(actor=t.lead, start=FAR, end=FAR),
        "workshops.create_series": lambda: sv.workshops.create_series(
            actor=t.lead,
            draft=SeriesDraft(
                title="Atelier", start=FAR_START, duration_min=60, capacity=5, rrule="FREQ=DAILY;COUNT=1"
            ),
        ),
        "workshops.sessions_between": lambda: sv.workshops.sessions_between(FAR, FAR),
        "stats.monthly_stats": lambda: sv.stats.monthly_stats(start=date(2026, 1, 1), end=FAR),
        "import_export.export": lambda: sv.import_export.export(
            actor=t.lead, kind="appointments", start=date(2026, 1, 1), end=FAR, out=None
        ),
        "followup.call_list": lambda: sv.followup.call_list(day=FAR),
        "printing.day_document": lambda: sv.printing.day_document(actor=t.lead, day=FAR),
        "audit_log.entries": lambda: sv.audit_log.entries(actor=t.lead, end=FAR),
        "reports.cej.week": lambda: sv.reports.cej.week(actor=t.lead, period=Period(FAR, FAR)),
        "reports.activity.accompanied": lambda: sv.reports.activity.accompanied(
            actor=t.lead, period=Period(date(2199, 1, 1), FAR)
        ),
    }


def test_dates_inside_drafts_are_named(site: TestSite) -> None:
    from mlplanner.services.youths.service import YouthDraft

    with pytest.raises(InputError, match="naissance"):  # the youth's own check, with its own words
        site.services.youths.add(
            actor=site.admin, draft=YouthDraft(first_name="Léa", last_name="Dupont", birth_date=FAR)
        )
    with pytest.raises(InputError, match="fin du programme"):
        site.services.youths.add(
            actor=site.admin, draft=YouthDraft(first_name="Léa", last_name="Dupont", programme_end=FAR)
        )


@pytest.mark.parametrize(
    "name",
    [
        "booking.day",
        "booking.between",
        "booking.book",
        "slots.find",
        "schedule.day",
        "schedule.week",
        "directory.add_closure",
        "workshops.create_series",
        "workshops.sessions_between",
        "stats.monthly_stats",
        "import_export.export",
        "followup.call_list",
        "printing.day_document",
        "audit_log.entries",
        "reports.cej.week",
        "reports.activity.accompanied",
    ],
)
def test_year_9999_is_refused_as_input(site: TestSite, name: str) -> None:
    with pytest.raises(InputError) as refused:
        far_calls(site)[name]()
    assert refused.value.code == "date_out_of_range"
    assert "31/12/9999" in refused.value.message and "1900 à 2200" in refused.value.message


def test_every_use_case_of_the_container_checks_its_dates(services: Services) -> None:
    """Each service the composition root builds has its public methods behind the check."""
    unchecked = []
    pairs = [(name, getattr(services, name)) for name in Services.names()]
    for group, members in [(n, s) for n, s in pairs if dataclasses.is_dataclass(s)]:
        pairs += [(f"{group}.{f.name}", getattr(members, f.name)) for f in dataclasses.fields(members)]
    for name, service in pairs:
        for method, fn in inspect.getmembers(type(service), inspect.isfunction):
            if isinstance(inspect.getattr_static(type(service), method), staticmethod):
                continue  # no service state, no date arithmetic of a use case
            if not method.startswith("_") and not getattr(fn, "__dates_checked__", False):
                unchecked.append(f"{name}.{method}")
    assert unchecked == []
