"""French wording of dates/times, half-days of a workshop, and the adapters from service views."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.models import AppointmentView
from mlplanner.printing import Grouping, HalfDay, block_from_appointment, participants
from mlplanner.printing.formatting import half_days_between, long_date, spoken_time, week_title


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2027, 4, 6), "mardi 6 avril 2027"),
        (date(2027, 4, 1), "jeudi 1er avril 2027"),
        (date(2027, 8, 15), "dimanche 15 août 2027"),
        (date(2027, 12, 31), "vendredi 31 décembre 2027"),
    ],
)
def test_long_date_is_written_out_in_french(d: date, text: str) -> None:
    assert long_date(d) == text


@pytest.mark.parametrize(
    ("t", "text"), [(time(9, 30), "9 h 30"), (time(14, 0), "14 h"), (time(9, 5), "9 h 05")]
)
def test_spoken_time_follows_french_typography(t: time, text: str) -> None:
    assert spoken_time(t) == text


def test_week_title_names_month_and_year_only_where_they_change() -> None:
    assert week_title((date(2027, 4, 5), date(2027, 4, 9))) == "du lundi 5 au vendredi 9 avril 2027"
    assert week_title((date(2027, 3, 29), date(2027, 4, 2))) == "du lundi 29 mars au vendredi 2 avril 2027"
    assert (
        week_title((date(2027, 12, 27), date(2028, 1, 1)))
        == "du lundi 27 décembre 2027 au samedi 1er janvier 2028"
    )


def test_half_days_follow_the_workshop_hours() -> None:
    d = date(2027, 4, 6)
    assert half_days_between(d, d, time(9), time(12)) == (HalfDay(d, afternoon=False),)
    assert half_days_between(d, d, time(14), time(17)) == (HalfDay(d, afternoon=True),)
    assert len(half_days_between(d, d, time(9, 30), time(16, 30))) == 2
    assert len(half_days_between(d, date(2027, 4, 8), time(9), time(17))) == 6


def test_participants_sort_like_a_sign_in_sheet_ignoring_accents() -> None:
    people = participants([("Zola", "Émile"), ("Écuyer", "Zoé"), ("Ecole", "Adam"), ("Ecuyer", "Anne")])
    assert [(p.last_name, p.first_name) for p in people] == [
        ("Ecole", "Adam"),
        ("Ecuyer", "Anne"),
        ("Écuyer", "Zoé"),
        ("Zola", "Émile"),
    ]


def _appointment(mode: Mode = Mode.ON_SITE) -> AppointmentView:
    return AppointmentView(
        id="a1",
        youth_id="y1",
        youth_name="CŒURDEROY Maëlle",
        counsellor_id="s1",
        counsellor_name="Éloïse Lœuvre",
        room_id="r1" if mode is Mode.ON_SITE else None,
        room_name="Bureau 3" if mode is Mode.ON_SITE else None,
        type_code="CEJ",
        type_label="Entretien CEJ",
        colour="#27AE60",
        start=datetime(2027, 4, 6, 9, 30),
        end=datetime(2027, 4, 6, 10, 15),
        mode=mode,
        status=Status.ARRIVED,
    )


def test_block_shows_the_room_in_a_counsellor_column_and_the_counsellor_in_a_room_column() -> None:
    by_counsellor = block_from_appointment(_appointment(), 2)
    assert (by_counsellor.column, by_counsellor.start, by_counsellor.end) == (2, time(9, 30), time(10, 15))
    assert by_counsellor.subtitle == "Entretien CEJ · Bureau 3"
    assert by_counsellor.status is Status.ARRIVED and by_counsellor.kind == "Entretien CEJ"
    by_room = block_from_appointment(_appointment(), 0, show=Grouping.ROOM)
    assert by_room.subtitle == "Entretien CEJ · Éloïse Lœuvre"
    assert block_from_appointment(_appointment(Mode.PHONE), 0).subtitle == "Entretien CEJ · téléphone"
