"""One read model of a site's day for the screen and for paper: the day view's grid and the printed day
schedule have the same columns, in the same order, with the same appointments and sessions in each, by
counsellor and by room (they used to be built twice, with different column rules)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mlplanner.printing import Grouping
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.ui.dayview.data import load_day, load_week
from support import DEMO_TODAY

from .helpers import make_workshop


def screen_columns(grid) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    """(title, sorted names of what each column holds) of the day view's grid."""
    out = []
    for i, c in enumerate(grid.columns):
        names = []
        for b in grid.blocks:
            if b.col != i:
                continue
            if b.appointment is not None:
                names += [b.appointment.youth_name, *(x.youth_name for x in b.also)]
            elif b.overlay is not None:
                names.append(b.overlay.label.split(" — ")[0])
        out.append((c.title, sorted(names)))
    return out


def paper_columns(doc) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    return [
        (c.label, sorted(b.title for b in doc.blocks if b.column == i)) for i, c in enumerate(doc.columns)
    ]


@pytest.mark.parametrize("grouping", [Grouping.COUNSELLOR, Grouping.ROOM])
@pytest.mark.parametrize("offset", [0, 1, 2, 5])  # Monday to Wednesday of the demo's week, and Saturday
def test_the_day_view_and_the_printed_day_show_the_same_columns(
    demo: Services, qapp, grouping: Grouping, offset: int
) -> None:
    day = DEMO_TODAY + timedelta(days=offset)
    if offset == 1:
        make_workshop(
            demo, participants=3
        )  # a workshop session that day, in its room and facilitator's column
    frame = demo.schedule.frame()
    screen = screen_columns(load_day(demo, frame, day, grouping.value))
    paper = paper_columns(demo.printing.day_document(actor=SYSTEM_ACTOR, day=day, grouping=grouping).doc)
    assert screen == paper
    assert any(names for _title, names in screen) or offset == 5


def test_the_week_view_and_the_printed_week_show_the_same_days(demo: Services, qapp) -> None:
    person = demo.directory.counsellors()[0]
    monday = DEMO_TODAY - timedelta(days=DEMO_TODAY.weekday())
    grid = load_week(demo, demo.schedule.frame(), monday, "counsellor", person.id)
    doc = demo.printing.week_document(actor=SYSTEM_ACTOR, counsellor=person.id, day=monday).doc
    assert [c.day for c in grid.columns] == list(doc.days)
    by_day_screen = [
        sorted(b.appointment.youth_name for b in grid.blocks if b.col == i and b.appointment)
        for i in range(len(grid.columns))
    ]
    by_day_paper = [
        sorted(b.title for b in doc.blocks if b.column == i and b.kind != "Atelier")
        for i in range(len(doc.days))
    ]
    assert by_day_screen == by_day_paper
    assert isinstance(doc.days[0], date)
