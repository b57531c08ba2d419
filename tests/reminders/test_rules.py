"""Pure rules of the outbox (no database): GSM alphabet and SMS parts, mobiles, reminder day, templates,
and the planner's decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mlplanner.domain.errors import InputError
from mlplanner.domain.messaging import gsm, templates, timing
from mlplanner.domain.messaging.kinds import MessageKind, MessageStatus
from mlplanner.domain.messaging.phones import msisdn, national
from mlplanner.domain.messaging.plan import Existing, Family, State, Subject, decide
from mlplanner.domain.messaging.templates import Part


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Éloïse", "Éloise"),
        ("reçu", "recu"),
        ("être à l’heure", "etre à l'heure"),
        ("« Atelier CV »", '"Atelier CV"'),
        ("Lœuvre", "Loeuvre"),
        ("n° 3", "no 3"),
        ("Tél. : 01\u202f45", "Tél. : 01 45"),
        ("10 €", "10 €"),
        ("漢", "?"),
    ],
)
def test_texts_are_folded_to_the_gsm_alphabet(text: str, expected: str) -> None:
    assert gsm.to_gsm(text) == expected


def test_sms_parts_count_septets_and_never_split_an_escape() -> None:
    assert gsm.measure("a" * 160).parts == 1
    assert gsm.measure("a" * 161).parts == 2
    assert gsm.measure("€" * 80).septets == 160 and gsm.measure("€" * 80).parts == 1
    assert gsm.measure("€" * 81).parts == 2
    parts = gsm.split_parts("a" * 152 + "€" + "b" * 10)  # 164 septets: two parts
    assert parts == ["a" * 152, "€" + "b" * 10]  # the euro (2 septets) does not fit in the 153rd septet
    assert gsm.measure("a" * 153 * 3).parts == 3 and gsm.measure("a" * (153 * 3 + 1)).parts == 4
    assert gsm.measure("reçu").changed == ("ç → c",)


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("06 12 34 56 78", "33612345678"),
        ("07 65 43 21 09", "33765432109"),
        ("+33 6 98 76 54 32", "33698765432"),
        ("06 92 12 34 56", "262692123456"),  # La Réunion
        ("06 90 12 34 56", "590690123456"),  # Guadeloupe
        ("+262692123456", "262692123456"),
        ("01 45 83 12 34", None),  # landline
        ("09 70 00 00 00", None),
        ("", None),
        ("12", None),
    ],
)
def test_which_numbers_get_an_sms(phone: str, expected: str | None) -> None:
    assert msisdn(phone) == expected


def test_national_form_keeps_the_leading_zero() -> None:
    assert national("+33 6 12 34 56 78") == "06 12 34 56 78"
    assert national("0612345678") == "06 12 34 56 78"


def test_previous_open_day() -> None:
    weekdays = lambda d: d.weekday() < 5  # noqa: E731
    assert timing.reminder_day(date(2026, 1, 12), timing.AUTO, weekdays) == date(2026, 1, 9)  # Mon → Fri
    assert timing.reminder_day(date(2026, 1, 13), timing.AUTO, weekdays) == date(2026, 1, 12)
    easter_monday = date(2026, 4, 6)
    closed = lambda d: weekdays(d) and d != easter_monday  # noqa: E731
    assert timing.reminder_day(date(2026, 4, 7), timing.AUTO, closed) == date(2026, 4, 3)  # Tue → Fri
    assert timing.reminder_day(date(2026, 1, 12), "2", weekdays) == date(2026, 1, 10)
    assert timing.reminder_day(date(2026, 1, 12), timing.OFF, weekdays) is None
    assert timing.reminder_day(date(2026, 1, 12), timing.AUTO, lambda d: False) is None


@pytest.mark.parametrize("text", ["15", "-1", "demain", "2.5"])
def test_bad_reminder_rules_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        timing.check_rule(text)


def test_templates_refuse_unknown_fields_and_stray_braces() -> None:
    ok = templates.check(
        "Bonjour {prenom}, RDV le {jour} à {heure}.", kind=MessageKind.REMINDER, part=Part.SMS
    )
    assert ok.startswith("Bonjour")
    with pytest.raises(InputError, match=r"champ inconnu « \{prénom\} »"):
        templates.check("Bonjour {prénom}", kind=MessageKind.REMINDER, part=Part.SMS)
    with pytest.raises(InputError, match="accolade"):
        templates.check("Bonjour {prenom", kind=MessageKind.REMINDER, part=Part.SMS)
    with pytest.raises(InputError, match="vide"):
        templates.check("   ", kind=MessageKind.REMINDER, part=Part.SMS)
    with pytest.raises(InputError, match="SMS"):
        templates.check("x" * 1600, kind=MessageKind.REMINDER, part=Part.SMS)


def test_every_default_template_is_valid_and_the_reminder_sms_fits_in_two_parts() -> None:
    for (kind, part), text in templates.DEFAULTS.items():
        templates.check(text, kind=kind, part=part)
    sms = templates.render_sms(templates.DEFAULTS[(MessageKind.REMINDER, Part.SMS)], templates.SAMPLE)
    assert gsm.measure(sms).parts <= 2
    assert "lundi 30/11 à 14h30" in sms and "pièce d'identité" in sms


T0 = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


def subject(**kw: object) -> Subject:
    base: dict[str, object] = {
        "key": "a:1",
        "family": Family.APPOINTMENT,
        "site_id": "s",
        "youth_id": "y",
        "state": State.BOOKED,
        "version": "2026-01-07T10:00/on_site",
        "expires_at": T0 + timedelta(days=2, hours=1, minutes=30),
        "created_at": T0,
        "changed_at": T0,
        "reminder_at": T0 + timedelta(days=1, hours=2),
    }
    base.update(kw)
    return Subject(**base)  # type: ignore[arg-type]


def test_first_sight_plans_the_reminder_only() -> None:
    d = decide(subject(), None, [], now=T0, activated_at=T0 - timedelta(days=1))
    assert [(w.kind, w.version) for w in d.create] == [(MessageKind.REMINDER, "2026-01-07T10:00/on_site")]
    assert d.watch.baseline == "2026-01-07T10:00/on_site"


def test_a_booking_made_after_the_reminder_time_gets_no_reminder() -> None:
    s = subject(created_at=T0 + timedelta(days=1, hours=3), changed_at=T0 + timedelta(days=1, hours=3))
    assert decide(s, None, [], now=s.created_at, activated_at=T0).create == ()


def test_nothing_is_planned_or_replaced_after_the_last_call() -> None:
    s = subject()
    pending = Existing("m1", MessageKind.REMINDER, s.version, MessageStatus.PENDING, T0)
    d = decide(s, None, [pending], now=s.expires_at, activated_at=T0)
    assert d.create == () and d.supersede == ()


def test_a_sent_cancellation_then_a_restore_then_a_new_cancellation_gives_a_second_notice() -> None:
    s = subject(state=State.CANCELLED_ML)
    sent = Existing("m1", MessageKind.CANCELLED, s.version, MessageStatus.SENT, T0, T0)
    moved = Existing(
        "m2",
        MessageKind.MOVED,
        s.version,
        MessageStatus.SENT,
        T0 + timedelta(hours=1),
        T0 + timedelta(hours=1),
    )
    d = decide(s, None, [sent, moved], now=T0 + timedelta(hours=2), activated_at=T0)
    assert [(w.kind, w.version) for w in d.create] == [(MessageKind.CANCELLED, s.version + "~2")]
