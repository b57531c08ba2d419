"""Pure recurrence rules: wall-clock expansion, holidays, closures, DST gaps, bad rules."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mlplanner.domain.calendar_fr import holidays_between
from mlplanner.domain.errors import InputError
from mlplanner.domain.recurrence import build_rule, describe_rule, expand, occurrences, rule_until
from mlplanner.domain.wallclock import to_utc

PARIS = "Europe/Paris"


def test_weekly_rule_keeps_ten_o_clock_across_the_dst_change():
    starts = occurrences("FREQ=WEEKLY;BYDAY=TU;COUNT=4", datetime(2027, 3, 16, 10, 0), PARIS)
    assert [s.date() for s in starts] == [
        date(2027, 3, 16),
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 6),
    ]
    assert {s.time().isoformat() for s in starts} == {"10:00:00"}
    # the instants differ by the DST change (28 March 2027): the wall clock is what stays put
    assert [to_utc(s, PARIS).hour for s in starts] == [9, 9, 8, 8]


def test_holidays_of_2027_are_skipped_with_their_names():
    start = datetime(2027, 3, 1, 14, 0)
    exp = expand(
        "FREQ=WEEKLY;BYDAY=MO,TH,WE;UNTIL=20271130T235959",
        start,
        tz=PARIS,
        holidays=holidays_between(date(2027, 1, 1), date(2027, 12, 31)),
    )
    skipped = {k.start.date(): k for k in exp.skipped}
    assert set(skipped) == {
        date(2027, 3, 29),
        date(2027, 5, 6),
        date(2027, 5, 17),
        date(2027, 7, 14),
        date(2027, 11, 1),
        date(2027, 11, 11),
    }
    assert all(k.code == "holiday" for k in exp.skipped)
    assert "Lundi de Pâques" in skipped[date(2027, 3, 29)].reason
    assert "Ascension" in skipped[date(2027, 5, 6)].reason
    assert "lundi 17/05/2027" in skipped[date(2027, 5, 17)].reason
    assert not set(skipped) & {s.date() for s in exp.starts}
    assert date(2027, 3, 31) in {s.date() for s in exp.starts}


def test_closures_and_dst_gap_are_set_aside():
    exp = expand(
        "FREQ=DAILY;COUNT=3",
        datetime(2027, 3, 27, 2, 30),
        tz=PARIS,
        holidays={},
        closures=[(date(2027, 3, 29), date(2027, 3, 29), "inventaire")],
    )
    assert [s.date() for s in exp.starts] == [date(2027, 3, 27)]
    assert [k.code for k in exp.skipped] == ["dst_gap", "closure"]
    assert "inventaire" in exp.skipped[1].reason


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270101", "no_date"),  # ends before it starts
        ("FREQ=WEEKLY;BYDAY=TU", "unbounded_rule"),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "bad_rule"),
        ("BYDAY=TU;COUNT=3", "bad_rule"),
        ("FREQ=HOURLY;COUNT=3", "bad_rule"),
        ("FREQ=DAILY;BYHOUR=10,14;COUNT=4", "twice_a_day"),
        ("FREQ=DAILY;COUNT=500", "too_many_dates"),
        ("", "empty_rule"),
        ("DTSTART:20270316T100000\nRRULE:FREQ=DAILY;COUNT=2", "rule_with_start"),
    ],
)
def test_bad_rules_are_refused_in_french(rule, code):
    with pytest.raises(InputError) as err:
        occurrences(rule, datetime(2027, 3, 16, 10, 0), PARIS)
    assert err.value.code == code
    assert err.value.message[0].isupper() and err.value.message.endswith((".", ")"))


def test_utc_until_is_read_as_the_sites_wall_clock():
    # 30 March 08:00 UTC = 10:00 in Paris (summer time): the 10:00 session that day is included
    starts = occurrences("RRULE:freq=weekly;until=20270330T080000Z", datetime(2027, 3, 23, 10, 0), PARIS)
    assert [s.day for s in starts] == [23, 30]


def test_rule_builder_description_and_cut():
    rule = build_rule(freq="WEEKLY", weekdays=[3, 1], count=10)
    assert rule == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"
    assert describe_rule(rule) == "chaque semaine le mardi et le jeudi, 10 séances"
    monthly = build_rule(freq="MONTHLY", weekdays=[0], nth=1, until=date(2027, 6, 30))
    assert describe_rule(monthly) == "chaque mois, le 1er lundi, jusqu'au 30/06/2027"
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=5").startswith(
        "toutes les 2 semaines le lundi"
    )
    cut = rule_until(rule, datetime(2027, 3, 25, 10, 0))
    assert cut == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270325T100000"
    assert len(occurrences(cut, datetime(2027, 3, 16, 10, 0))) == 4
