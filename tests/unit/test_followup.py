"""Follow-up services: portfolio, youth summary, call list (with ticks), .ics export, site settings.

The test site's clock stands on Monday 5 January 2026, 08:00 in Paris. Past contacts are recorded as an
administrator would in back office (book in the past, then record the outcome).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from mlplanner.domain.enums import Mode, Programme, Role, Status
from mlplanner.domain.errors import InputError, PermissionDenied
from mlplanner.domain.models import YouthView
from mlplanner.services.context import Actor
from mlplanner.services.followup import service as followup
from mlplanner.services.followup.service import Activity, programme_warning
from mlplanner.services.printing.ics import IcsEvent, calendar_text, escape_text, fold_line, timezone_block
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.tables import AuditEntry, Meta

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def paris_clock(day: date, at: time = time(8, 0)):  # type: ignore[no-untyped-def]
    """A clock at a wall-clock time in Paris (the shared conftest's helper is not importable by name here)."""
    from mlplanner.domain.clock import FixedClock

    return FixedClock(datetime.combine(day, at, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC))


def add_youth(t: TestSite, key: str, first: str, last: str, **kw) -> YouthView:
    kw.setdefault("referent", t.staff["claire"].id)
    view = t.services.youths.add(
        actor=t.admin, draft=YouthDraft(first_name=first, last_name=last, **kw)
    ).youth
    t.youths = {**t.youths, key: view}  # the template's dict is shared by every test: never mutate it
    return view


def past(t: TestSite, youth: str, start: str, status: Status = Status.SEEN, **kw):
    """A past appointment with its outcome, recorded in back office by the administrator."""
    appt = t.book(youth, start, actor=t.admin, back_office=True, **kw)
    if status is Status.CANCELLED_BY_YOUTH:
        t.services.appointments.cancel(actor=t.admin, appointment_id=appt.id, by_youth=True)
    elif status is not Status.BOOKED:
        t.services.appointments.set_outcome(actor=t.admin, appointment_id=appt.id, status=status)
    return appt


# --- portfolio ----------------------------------------------------------------------------------------


@pytest.fixture
def followed(site: TestSite) -> TestSite:
    """Claire follows Inès (seen 3 weeks ago), Hugo (seen 7 weeks ago, no-show since) and Léa (never
    seen, booked on Wednesday); Éloïse's referent is Mamadou."""
    add_youth(site, "ines", "Inès", "Durand", phone="06 11 22 33 44")
    add_youth(site, "hugo", "Hugo", "Bernard")
    add_youth(
        site,
        "lea",
        "Léa",
        "Petit",
        programme=Programme.CEJ,
        programme_start=date(2025, 2, 1),
        programme_end=date(2026, 1, 31),
    )
    past(site, "ines", "2025-12-15 10:00")
    past(site, "hugo", "2025-11-17 10:00")
    past(site, "hugo", "2025-12-22 10:00", Status.NO_SHOW)
    site.book("lea", "2026-01-07 10:00")
    past(site, "eloise", "2025-12-16 10:00", counsellor="mamadou")
    return site


def test_portfolio_lists_referent_youths_with_contacts_and_flags(followed: TestSite) -> None:
    p = followed.services.followup.portfolio(followed.staff["claire"].id)
    by_name = {e.name: e for e in p.entries}
    assert set(by_name) == {"DURAND Inès", "BERNARD Hugo", "PETIT Léa"}  # not Mamadou's Éloïse
    assert p.weeks == 6 and p.today == date(2026, 1, 5)
    ines, hugo, lea = by_name["DURAND Inès"], by_name["BERNARD Hugo"], by_name["PETIT Léa"]
    assert (ines.last_contact, ines.stale, ines.needs_follow_up) == (date(2025, 12, 15), False, False)
    # a no-show is not a contact: Hugo's last contact is seven weeks old and nothing is booked
    assert (hugo.last_contact, hugo.stale, hugo.needs_follow_up) == (date(2025, 11, 17), True, True)
    # never seen, but an appointment is booked: stale, yet already being followed up
    assert lea.last_contact is None and lea.next_contact == wall("2026-01-07 10:00")
    assert lea.stale and not lea.needs_follow_up
    assert lea.programme_warning.startswith("Le CEJ se termine dans 26 jours")
    assert p.to_follow_up == 1 and p.entries[0].name == "BERNARD Hugo"  # flagged first


def test_portfolio_threshold_is_a_site_setting(followed: TestSite) -> None:
    sv = followed.services
    assert sv.settings.no_contact_weeks() == 6
    sv.settings.set_no_contact_weeks(actor=followed.lead, weeks=8)
    assert sv.settings.no_contact_weeks() == 8
    hugo = next(e for e in sv.followup.portfolio("Lefèvre").entries if e.name == "BERNARD Hugo")
    assert not hugo.stale
    with sv.ctx.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity == "setting")).scalars().one()
    assert (entry.actor_name, entry.after) == ("Bernard Lemoine", '{"value": "8"}')


@pytest.mark.parametrize("weeks", [0, 53, -1])
def test_setting_out_of_range_is_refused_in_french(site: TestSite, weeks: int) -> None:
    with pytest.raises(InputError, match="entre 1 et 52 semaines"):
        site.services.settings.set_no_contact_weeks(actor=site.lead, weeks=weeks)
    assert site.services.settings.no_contact_weeks() == 6


def test_receptionist_cannot_change_settings(site: TestSite) -> None:
    with pytest.raises(PermissionDenied):
        site.services.settings.set_no_contact_weeks(actor=site.receptionist, weeks=4)


def test_unreadable_setting_falls_back_to_default(site: TestSite) -> None:
    with site.services.ctx.db.write() as s:
        s.add(Meta(key="followup.no_contact_weeks", value="douze"))
    assert site.services.settings.no_contact_weeks() == 6


def test_merged_record_leaves_the_portfolio(followed: TestSite) -> None:
    sv = followed.services
    dup = add_youth(followed, "hugo2", "Hugo", "Bernard", phone="06 99 88 77 66")
    assert len(sv.followup.portfolio("Lefèvre").entries) == 4
    sv.youths.merge(actor=followed.lead, keep_id=followed.youths["hugo"].id, drop_id=dup.id)
    names = [e.name for e in sv.followup.portfolio("Lefèvre").entries]
    assert names.count("BERNARD Hugo") == 1


# --- youth summary ------------------------------------------------------------------------------------


def test_youth_summary_history_attendance_and_cej_hours(followed: TestSite) -> None:
    t = followed
    past(t, "lea", "2025-12-15 11:00")  # 30 min seen
    past(t, "lea", "2025-12-16 11:00", Status.NO_SHOW)
    past(t, "lea", "2025-12-17 11:00", Status.EXCUSED)
    past(t, "lea", "2025-12-18 11:00", Status.CANCELLED_BY_YOUTH)
    t.book("lea", "2026-01-09 14:00", type_code="LONG")  # 60 min ahead (Wednesday's 30 min too)
    summary = t.services.followup.youth_summary(t.youths["lea"].id)
    assert summary.referent_name == "Claire Lefèvre"
    starts = [a.start for a in summary.history]
    assert starts == sorted(starts, reverse=True) and len(starts) == 6
    assert [a.status_label for a in summary.history][-4:] == [
        "annulé par le jeune",
        "excusé",
        "absent",
        "reçu",
    ]
    # excused and cancelled appointments do not count: 1 came out of 2 due
    assert (summary.attendance.attended, summary.attendance.missed) == (1, 1)
    assert summary.attendance.rate == 0.5
    assert summary.attendance.describe_fr() == "50 % (1 présent(s) sur 2)"
    assert summary.last_contact == wall("2025-12-15 11:00")
    assert summary.next_contact == wall("2026-01-07 10:00")
    weeks = {w.week_start: w for w in summary.cej_weeks}
    assert min(weeks) == date(2025, 11, 17) and max(weeks) == date(2026, 1, 12)  # 8 back + 1 ahead
    assert (weeks[date(2025, 12, 15)].done_hours, weeks[date(2025, 12, 15)].planned_hours) == (0.5, 0)
    assert weeks[date(2026, 1, 5)].planned_hours == 1.5 and weeks[date(2026, 1, 5)].level == "below"
    assert summary.programme_warning == "Le CEJ se termine dans 26 jours, le 31/01/2026."


def test_cej_hours_only_for_cej_youths(followed: TestSite) -> None:
    assert followed.services.followup.youth_summary(followed.youths["ines"].id).cej_weeks == ()


def test_youth_summary_of_a_youth_without_history(site: TestSite) -> None:
    summary = site.services.followup.youth_summary(site.youths["kevin"].id)
    assert summary.history == () and summary.attendance.rate is None
    assert summary.attendance.describe_fr() == "pas encore de rendez-vous passé"
    assert summary.referent_name == "" and summary.programme_warning == ""


def test_another_activity_source_counts_everywhere(followed: TestSite) -> None:
    """Another area's source given to the service: history, attendance, CEJ hours and portfolio see it."""
    hugo = followed.youths["hugo"].id

    def workshops(_session, youth_ids, _now):
        if hugo not in youth_ids:
            return []
        return [
            Activity(
                kind="workshop",
                kind_label="Atelier",
                id="w1",
                youth_id=hugo,
                start=wall("2025-12-30 09:00"),
                end=wall("2025-12-30 12:00"),
                title="Atelier CV",
                with_whom="Sophie Martin",
                place="Salle d'atelier",
                status="attended",
                status_label="présent",
                attended=True,
                upcoming=False,
            )
        ]

    sv = followed.services
    service = followup.FollowupService(sv.ctx, sv.settings, other_activities=(workshops,))
    summary = service.youth_summary(hugo)
    assert summary.history[0].title == "Atelier CV"
    assert (summary.attendance.attended, summary.attendance.missed) == (2, 1)
    entry = next(e for e in service.portfolio("Lefèvre").entries if e.youth_id == hugo)
    assert entry.last_contact == date(2025, 12, 30) and not entry.stale


@pytest.mark.parametrize(
    ("programme", "end", "expected"),
    [
        (Programme.CEJ, date(2026, 2, 5), ""),  # 31 days
        (Programme.CEJ, date(2026, 2, 4), "Le CEJ se termine dans 30 jours, le 04/02/2026."),
        (Programme.PACEA, date(2026, 1, 6), "Le PACEA se termine demain, le 06/01/2026."),
        (Programme.CEJ, date(2026, 1, 5), "Le CEJ se termine aujourd'hui, le 05/01/2026."),
        (Programme.CEJ, date(2026, 1, 4), "Le CEJ est terminé depuis le 04/01/2026."),
        (Programme.NONE, date(2026, 1, 6), ""),
        (Programme.CEJ, None, ""),
    ],
)
def test_programme_end_warning(site: TestSite, programme, end, expected) -> None:
    youth = dataclasses.replace(site.youths["kevin"], programme=programme, programme_end=end)
    assert programme_warning(youth, date(2026, 1, 5)) == expected


# --- call list ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 5), date(2026, 1, 7)),  # Monday → Wednesday
        (date(2026, 1, 8), date(2026, 1, 10)),  # Thursday → Saturday (the site opens on Saturday mornings)
        (date(2026, 1, 9), date(2026, 1, 12)),  # Friday → Monday
        (date(2026, 1, 10), date(2026, 1, 13)),  # Saturday → Tuesday
        (date(2026, 4, 29), date(2026, 5, 2)),  # Wednesday → Saturday: Friday 1 May is a holiday
    ],
)
def test_call_day_is_the_second_open_day(site: TestSite, today: date, expected: date) -> None:
    site.clock.at = paris_clock(today, time(9, 0)).at
    assert site.services.followup.call_day() == expected


def test_call_day_skips_a_closure(site: TestSite) -> None:
    site.services.directory.add_closure(actor=site.lead, start=date(2026, 1, 7), end=date(2026, 1, 7))
    assert site.services.followup.call_day() == date(2026, 1, 8)


def test_call_list_keeps_booked_youths_without_sms(site: TestSite) -> None:
    sms = add_youth(site, "sms", "Inès", "Durand", phone="06 11 22 33 44", sms_consent=True)
    eloise = site.book("eloise", "2026-01-07 11:00")
    kevin = site.book("kevin", "2026-01-07 10:00")
    site.book("sms", "2026-01-07 14:00")
    gone = site.book("aissatou", "2026-01-07 15:00")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=gone.id, by_youth=True)
    site.book("jp", "2026-01-08 10:00")  # another day
    calls = site.services.followup.call_list()
    assert calls.day == date(2026, 1, 7)
    assert [(e.youth_name, e.phone, e.start.time()) for e in calls.entries] == [
        ("KONÉ Kévin", "", time(10, 0)),
        ("LŒUVRE Éloïse", "06 12 34 56 78", time(11, 0)),
    ]
    assert calls.entries[1].counsellor_name == "Claire Lefèvre" and calls.entries[1].mode is Mode.ON_SITE
    assert {e.appointment_id for e in calls.entries} == {kevin.id, eloise.id}
    assert sms.id not in {e.youth_id for e in calls.entries}


def test_ticks_are_shared_audited_and_pruned(site: TestSite) -> None:
    sv = site.services
    appt = site.book("eloise", "2026-01-07 11:00")
    changes = sv.followup.tick_call(actor=site.receptionist, appointment_id=appt.id)
    assert "calls" in changes.kinds
    entry = sv.followup.call_list(day=date(2026, 1, 7)).entries[0]
    assert entry.ticked and entry.ticked_by == "Karima Haddou"
    sv.followup.tick_call(actor=site.receptionist, appointment_id=appt.id, done=False)
    assert not sv.followup.call_list(day=date(2026, 1, 7)).entries[0].ticked
    with sv.ctx.read() as s:
        actions = s.exec(select(AuditEntry.action).where(AuditEntry.entity_id == appt.id)).scalars().all()
    assert actions[-2:] == ["reminder_call", "reminder_call_undone"]
    # two months later, ticking another day drops January's bookkeeping
    site.clock.at = paris_clock(date(2026, 3, 16)).at
    later = site.book("eloise", "2026-03-18 11:00")
    sv.followup.tick_call(actor=site.receptionist, appointment_id=later.id)
    with sv.ctx.read() as s:
        keys = s.exec(select(Meta.key).where(Meta.key.startswith("calls:"))).scalars().all()
    assert keys == ["calls:2026-03-18"]


def test_partner_cannot_tick(site: TestSite) -> None:
    appt = site.book("eloise", "2026-01-07 11:00")
    partner = Actor(id="x", name="Marc Aubry", role=Role.PARTNER)
    with pytest.raises(PermissionDenied):
        site.services.followup.tick_call(actor=partner, appointment_id=appt.id)


# --- .ics export ----------------------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_export_is_rfc5545_text_with_minimal_personal_data(site: TestSite) -> None:
    sv = site.services
    sv.directory.add_type(
        actor=site.admin, code="BILAN", label="Bilan; projet, emploi\\formation", duration_min=30
    )
    site.book("kevin", "2026-01-07 10:00", type_code="BILAN")
    site.book("aissatou", "2026-07-06 10:00")  # summer time
    gone = site.book("jp", "2026-01-08 10:00")
    sv.appointments.cancel(actor=site.receptionist, appointment_id=gone.id, by_youth=True)
    site.book("eloise", "2026-01-08 10:00", counsellor="mamadou")  # not Claire's
    text = sv.followup.export_ics(
        actor=site.counsellor, counsellor=site.counsellor.id, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/Paris" in lines
    assert lines.count("BEGIN:VEVENT") == 3
    assert "SUMMARY:Bilan\\; projet\\, emploi\\\\formation — Kévin K." in lines
    assert "DTSTART;TZID=Europe/Paris:20260107T100000" in lines
    assert "DTEND;TZID=Europe/Paris:20260107T103000" in lines
    assert "DTSTART;TZID=Europe/Paris:20260706T100000" in lines  # wall clock, DST by the VTIMEZONE
    assert "STATUS:CANCELLED" in lines and "DTSTAMP:20260105T070000Z" in lines
    for surname in ("Koné", "N'Diaye", "Martin", "Lœuvre", "06 12"):
        assert surname not in text
    assert "Aïssatou N." in text and "Jean-Pierre M." in text
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 3 and all(u.endswith("@mlplanner") for u in uids)


def test_ics_export_checks_range_and_permission(site: TestSite) -> None:
    f = site.services.followup
    with pytest.raises(InputError, match="fin"):
        f.export_ics(
            actor=site.counsellor, counsellor="Lefèvre", start=date(2026, 2, 1), end=date(2026, 1, 1)
        )
    with pytest.raises(InputError, match="année"):
        f.export_ics(
            actor=site.counsellor, counsellor="Lefèvre", start=date(2026, 1, 1), end=date(2027, 6, 1)
        )
    partner = Actor(id="x", name="Marc Aubry", role=Role.PARTNER)
    with pytest.raises(PermissionDenied):
        f.export_ics(actor=partner, counsellor="Lefèvre", start=date(2026, 1, 1), end=date(2026, 1, 31))


def test_fold_line_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 100 + "€𝄞" * 10
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1 and all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_time_zones_without_the_eu_rule() -> None:
    reunion = timezone_block("Indian/Reunion", [2026])
    assert reunion is not None and "TZOFFSETTO:+0400" in reunion and "BEGIN:DAYLIGHT" not in reunion
    assert timezone_block("America/Miquelon", [2026]) is None  # North-American rule: written in UTC
    paris = timezone_block("Europe/Paris", [2026, 2027])
    assert paris is not None and "DTSTART:19700329T020000" in paris and "DTSTART:19701025T030000" in paris
    text = calendar_text(
        name="x",
        tz_name="America/Miquelon",
        events=[IcsEvent("u1", datetime(2026, 7, 6, 10), datetime(2026, 7, 6, 10, 30), "RDV")],
        now_utc=datetime.fromisoformat("2026-01-05T07:00:00+00:00"),
    )
    assert "DTSTART:20260706T120000Z" in unfold(text)  # 10:00 at UTC−2 in summer
    assert not re.search(r"TZID", text)


def test_portfolio_order_ignores_accents_and_ligatures(site: TestSite) -> None:
    for first, last in (("Zoé", "Zidane"), ("Camille", "Œillet"), ("Inès", "Olivier"), ("Léo", "Élan")):
        add_youth(site, last, first, last)
    names = [e.name for e in site.services.followup.portfolio("Lefèvre").entries]
    assert names == ["ÉLAN Léo", "ŒILLET Camille", "OLIVIER Inès", "ZIDANE Zoé"]
