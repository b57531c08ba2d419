"""RGAA 3.1: information is never given by colour alone. Every place that shows the status of an
appointment (expected, arrived, waiting / called / in interview, seen, no-show, excused, cancelled), a
forced double booking, a workshop waiting list or a request's answer says it in words or signs too: for
each of them, two different statuses never read the same once the colours are taken away."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.models import AppointmentView
from mlplanner.printing.style import status_mark
from mlplanner.services.reception.requests import RequestView
from mlplanner.services.workshops.terms import REGISTRATION_FR, RegistrationStatus
from mlplanner.ui.dayview.delegate import second_line
from mlplanner.ui.dayview.grid import Block
from mlplanner.ui.dayview.model import block_text
from mlplanner.ui.i18n import tr
from mlplanner.ui.reception.requests_page import state_text
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.main_window import MainWindow
from support import TestSite, paris_clock

START = datetime(2026, 1, 5, 9, 0)  # Monday 09:00, the test clock's day


def view(status: Status, **kw) -> AppointmentView:  # type: ignore[no-untyped-def]
    base = AppointmentView(
        id="a", youth_id="y", youth_name="LŒUVRE Éloïse", counsellor_id="c", counsellor_name="Claire Lefèvre",
        room_id="r", room_name="Bureau 1", type_code="SUIVI", type_label="Entretien de suivi", colour="#4A90D9",
        start=START, end=START + timedelta(minutes=30), mode=Mode.ON_SITE, status=status,
    )  # fmt: skip
    return replace(base, **kw)


ARRIVED_AT = datetime(2026, 1, 5, 7, 55, tzinfo=UTC)  # 08:55 in Paris
STATES = {  # every state an appointment shows at the desk
    "expected": view(Status.BOOKED),
    "waiting": view(Status.ARRIVED, arrived_at=ARRIVED_AT),
    "called": view(Status.ARRIVED, arrived_at=ARRIVED_AT, called_at=ARRIVED_AT + timedelta(minutes=9)),
    "in_interview": view(
        Status.ARRIVED,
        arrived_at=ARRIVED_AT,
        called_at=ARRIVED_AT + timedelta(minutes=9),
        interview_at=ARRIVED_AT + timedelta(minutes=10),
    ),
    "seen": view(Status.SEEN),
    "no_show": view(Status.NO_SHOW),
    "excused": view(Status.EXCUSED),
    "cancelled_youth": view(Status.CANCELLED_BY_YOUTH),
    "cancelled_ml": view(Status.CANCELLED_BY_ML),
}


def distinct(texts: dict[str, str], *, same: tuple[set[str], ...] = ()) -> None:
    """Every text non-empty (a word, not only a sign) and different from the others, except the groups
    of states that surface does not tell apart on purpose (then they are also the same colour)."""
    assert all(any(ch.isalpha() for ch in t) for t in texts.values()), texts
    for a in texts:
        for b in texts:
            if a < b and not any({a, b} <= group for group in same):
                assert texts[a] != texts[b], (a, b, texts[a])


def test_the_day_grid(qapp) -> None:  # type: ignore[no-untyped-def]
    occupying = {k: v for k, v in STATES.items() if v.status.occupies_slot}
    # the grid shows no step of the waiting room: arrived is arrived (the arrivals page says more)
    same = ({"waiting", "called", "in_interview"},)
    distinct({k: block_text(Block(0, 0, 2, v)) for k, v in occupying.items()}, same=same)
    distinct({k: second_line(Block(0, 0, 2, v)) for k, v in occupying.items()}, same=same)
    # a forced double booking says so in words, and keeps each block's own status
    other = view(Status.BOOKED, id="b", youth_name="KONÉ Kévin")
    for v in occupying.values():
        double = Block(0, 0, 2, v, also=(other,))
        assert "⚠" in second_line(double) and "KONÉ Kévin" in second_line(double)
        assert second_line(double).endswith(second_line(Block(0, 0, 2, v)).split(" · ")[-1])
        assert "KONÉ Kévin" in block_text(double)


def test_printed_lists(qapp) -> None:  # type: ignore[no-untyped-def]
    marks = {s: status_mark(s) or "prévu" for s in Status}
    # both kinds of cancellation print "annulé" (the printed lists leave them out anyway)
    distinct({s.value: t for s, t in marks.items()}, same=({"cancelled_youth", "cancelled_ml"},))


@pytest.fixture
def pages(site: TestSite, qtbot, bus, prompt):  # type: ignore[no-untyped-def]
    site.clock.at = paris_clock(START.date(), START.time()).at + timedelta(minutes=20)
    window = MainWindow(site.services, site.lead, bus, prompt=prompt)
    qtbot.addWidget(window)
    core = install_core(window, live_refresh=False)
    return window, core


def test_arrivals_and_my_day(pages) -> None:  # type: ignore[no-untyped-def]
    window, _core = pages
    arrivals = window.show_page("arrivals")
    my_day = window.show_page("my_day")
    distinct({k: arrivals._status_text(v) for k, v in STATES.items()})
    distinct({k: my_day._status_text(v) for k, v in STATES.items()})
    # and the waiting time column reads for those who waited
    assert arrivals._waiting_text(STATES["called"]) == "9 min"


def test_youth_file_history_and_workshop_lists(pages) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.domain.labels import STATUS_FR
    from mlplanner.services.followup.service import appointment_activities  # noqa: F401 (the source of labels)

    distinct({s.value: tr(STATUS_FR[s]) for s in Status})
    distinct({r.value: tr(REGISTRATION_FR[r]) for r in RegistrationStatus})


def test_requests_to_other_sites(qapp) -> None:  # type: ignore[no-untyped-def]
    base = RequestView(
        id="r", from_site="A", to_site="B", to_site_name="B", youth_id="y", youth_name="X", type_code="SUIVI",
        start=START, counsellor_name="", requested_by_name="K", state="pending",
    )  # fmt: skip
    distinct(
        {
            s: state_text(replace(base, state=s))
            for s in ("pending", "confirmed", "refused", "withdrawn", "cancelled")
        }
    )
    refused = state_text(replace(base, state="refused", reason="Inès Garnier a déjà un rendez-vous."))
    assert "✗" in refused and "déjà un rendez-vous" in refused
