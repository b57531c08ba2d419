"""Every booking rule, through the booking service, on the small test site (clock: Mon 5 Jan 2026, 08:00).

Each refusal must be a French sentence naming the clash, and must change nothing.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from mlplanner.domain.errors import InputError, NotFound, PermissionDenied, RuleViolation
from mlplanner.storage.tables import Appointment, AuditEntry

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def counts(t: TestSite) -> tuple[int, int]:
    with t.services.ctx.read() as s:
        return (
            s.exec(select(func.count()).select_from(Appointment)).scalar_one(),
            s.exec(select(func.count()).select_from(AuditEntry)).scalar_one(),
        )


def refused(t: TestSite, exc: type[Exception], code: str, *words: str, **book: object) -> str:
    """Attempt a booking that must be refused with `code`, a message containing `words`, nothing stored."""
    before = counts(t)
    youth, start = book.pop("youth"), book.pop("start")
    with pytest.raises(exc) as err:
        t.book(youth, start, **book)
    assert err.value.code == code, err.value.message
    for w in words:
        assert w in err.value.message, (w, err.value.message)
    assert counts(t) == before
    return err.value.message


# --- overlaps ----------------------------------------------------------------------------------------
def test_counsellor_overlap_names_the_clash(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    msg = refused(
        site,
        RuleViolation,
        "counsellor_overlap",
        "Claire Lefèvre",
        "10:00 à 10:30",
        "LŒUVRE Éloïse",
        youth="kevin",
        start="2026-01-06 10:15",
    )
    assert msg.endswith(".")


@pytest.mark.parametrize("start", ["2026-01-06 09:30", "2026-01-06 10:30"])
def test_touching_ends_are_allowed_for_counsellor_room_and_youth(site: TestSite, start: str) -> None:
    first = site.book("eloise", "2026-01-06 10:00")
    other = site.book("kevin", start)  # same counsellor, same room (her office)
    assert other.room_id == first.room_id
    assert (other.end == first.start) or (other.start == first.end)


def test_youth_touching_ends_with_another_counsellor(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    site.book("eloise", "2026-01-06 10:30", counsellor="mamadou")
    site.book("eloise", "2026-01-06 09:30", counsellor="mamadou")


def test_room_overlap_names_the_room_and_who_holds_it(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    refused(
        site,
        RuleViolation,
        "room_overlap",
        "Bureau 1",
        "10:00 à 10:30",
        "LŒUVRE Éloïse",
        "Claire Lefèvre",
        youth="kevin",
        start="2026-01-06 10:15",
        counsellor="mamadou",
        room=site.rooms["b1"].id,
    )


def test_youth_overlap_names_the_other_appointment(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    refused(
        site,
        RuleViolation,
        "youth_overlap",
        "LŒUVRE Éloïse",
        "10:00 à 10:30",
        "Claire Lefèvre",
        youth="eloise",
        start="2026-01-06 10:15",
        counsellor="mamadou",
    )


def test_youth_overlap_applies_to_phone_appointments_too(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00", type_code="TEL", counsellor="mamadou")
    refused(
        site,
        RuleViolation,
        "youth_overlap",
        "LŒUVRE Éloïse",
        "10:00 à 10:20",
        "Mamadou Diallo",
        youth="eloise",
        start="2026-01-06 10:10",
    )


def test_phone_appointment_takes_no_room(site: TestSite) -> None:
    tel = site.book("kevin", "2026-01-06 10:00", type_code="TEL", room=site.rooms["b1"].id)
    assert tel.room_id is None
    site.book("eloise", "2026-01-06 10:00", counsellor="mamadou", room=site.rooms["b1"].id)


def test_cancelled_appointment_frees_its_slot(site: TestSite) -> None:
    a = site.book("eloise", "2026-01-06 10:00")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)
    b = site.book("kevin", "2026-01-06 10:00", room=site.rooms["b1"].id)
    assert b.room_id == a.room_id


def test_auto_room_picks_another_office_when_the_own_one_is_taken(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00", counsellor="mamadou", room=site.rooms["b1"].id)
    a = site.book("kevin", "2026-01-06 10:00")  # Claire's own office is taken
    assert a.room_name == "Bureau 2"  # the workshop room is never picked for an interview


def test_no_free_office_at_all(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00", counsellor="mamadou", room=site.rooms["b1"].id)
    site.book("kevin", "2026-01-06 10:00", counsellor="sophie", room=site.rooms["b2"].id)
    site.book("jp", "2026-01-06 10:00", counsellor="bernard", room=site.rooms["b3"].id)
    refused(
        site, RuleViolation, "no_free_room", "06/01/2026", "10:00", youth="aissatou", start="2026-01-06 10:00"
    )


def test_a_busy_counsellor_is_named_even_when_every_office_is_taken(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")  # Claire, Bureau 1
    site.book("kevin", "2026-01-06 10:00", counsellor="mamadou")  # Bureau 2
    site.book("jp", "2026-01-06 10:00", counsellor="sophie")  # Bureau 3
    refused(
        site,
        RuleViolation,
        "counsellor_overlap",
        "Claire Lefèvre a déjà un rendez-vous de 10:00 à 10:30 avec LŒUVRE Éloïse",
        youth="aissatou",
        start="2026-01-06 10:15",
    )


# --- calendar: hours, patterns, absences, closures, holidays --------------------------------------
@pytest.mark.parametrize(
    ("start", "words"),
    [
        ("2026-01-06 08:30", ["08:30–09:00", "mardi", "09:00–12:30, 13:30–17:30"]),
        ("2026-01-06 12:15", ["12:15–12:45", "mardi"]),  # runs into the lunch break
        ("2026-01-06 12:45", ["12:45–13:15"]),  # inside the lunch break
        ("2026-01-06 17:15", ["17:15–17:45"]),  # runs past closing
        ("2026-01-11 10:00", ["dimanche", "fermé toute la journée"]),
    ],
)
def test_outside_opening_hours(site: TestSite, start: str, words: list[str]) -> None:
    refused(
        site,
        RuleViolation,
        "outside_opening_hours",
        "horaires d'ouverture",
        *words,
        youth="kevin",
        start=start,
    )


@pytest.mark.parametrize(
    ("counsellor", "start", "words"),
    [
        ("mamadou", "2026-01-07 10:00", ["Mamadou Diallo", "mercredi", "ne travaille pas ce jour-là"]),
        ("sophie", "2026-01-06 14:00", ["Sophie Martin", "14:00 à 14:30", "09:00–12:30"]),  # part-timer
        ("sophie", "2026-01-07 10:00", ["Sophie Martin", "mercredi"]),
        ("claire", "2026-01-10 10:00", ["Claire Lefèvre", "samedi"]),  # site open, Claire off
    ],
)
def test_outside_working_pattern(site: TestSite, counsellor: str, start: str, words: list[str]) -> None:
    refused(
        site,
        RuleViolation,
        "outside_working_hours",
        *words,
        youth="kevin",
        start=start,
        counsellor=counsellor,
    )


def test_part_timer_works_inside_her_pattern(site: TestSite) -> None:
    assert site.book("kevin", "2026-01-06 12:00", counsellor="sophie").room_name == "Bureau 3"
    with pytest.raises(RuleViolation, match="ne travaille pas"):
        site.book("kevin", "2026-01-06 13:30", counsellor="sophie")  # site open, Sophie gone


def test_counsellor_absence(site: TestSite) -> None:
    site.services.directory.add_absence(
        actor=site.admin,
        staff_id=site.staff["claire"].id,
        start=wall("2026-01-06 09:00"),
        end=wall("2026-01-06 12:30"),
        reason="formation",
    )
    refused(
        site,
        RuleViolation,
        "counsellor_absent",
        "Claire Lefèvre",
        "06/01/2026 09:00",
        "12:30",
        "formation",
        youth="kevin",
        start="2026-01-06 10:00",
    )
    refused(site, RuleViolation, "counsellor_absent", youth="kevin", start="2026-01-06 12:00")
    site.book("kevin", "2026-01-06 13:30")
    site.book("eloise", "2026-01-06 10:00", counsellor="mamadou")


def test_multi_day_absence_covers_every_day(site: TestSite) -> None:
    site.services.directory.add_absence(
        actor=site.counsellor,  # one's own absence needs no permission
        staff_id=site.staff["claire"].id,
        start=wall("2026-01-12 00:00"),
        end=wall("2026-01-17 00:00"),
        reason="congés",
    )
    for day in range(12, 17):
        refused(
            site, RuleViolation, "counsellor_absent", "congés", youth="kevin", start=f"2026-01-{day} 15:00"
        )


def test_site_closure(site: TestSite) -> None:
    site.services.directory.add_closure(
        actor=site.lead, start=date(2026, 1, 8), end=date(2026, 1, 9), reason="inventaire"
    )
    for start in ("2026-01-08 10:00", "2026-01-09 16:00"):
        refused(
            site, RuleViolation, "site_closed", "Le site est fermé", "inventaire", youth="kevin", start=start
        )
    site.book("kevin", "2026-01-07 10:00")


HOLIDAYS_2027 = [
    ("2027-03-29", "lundi 29/03/2027"),  # Easter Monday
    ("2027-05-06", "jeudi 06/05/2027"),  # Ascension
    ("2027-05-17", "lundi 17/05/2027"),  # Whit Monday
    ("2027-07-14", "mercredi 14/07/2027"),
    ("2027-11-01", "lundi 01/11/2027"),
    ("2027-11-11", "jeudi 11/11/2027"),
]


@pytest.mark.parametrize(("day", "words"), HOLIDAYS_2027)
def test_french_public_holidays_2027_are_refused(site: TestSite, day: str, words: str) -> None:
    msg = refused(site, RuleViolation, "holiday", "jour férié", words, youth="kevin", start=f"{day} 10:00")
    assert "(" in msg  # names the holiday


@pytest.mark.parametrize(
    "day", ["2027-03-30", "2027-05-07", "2027-05-18", "2027-07-15", "2027-11-02", "2027-11-12"]
)
def test_the_day_after_each_holiday_is_bookable(site: TestSite, day: str) -> None:
    assert site.book("kevin", f"{day} 10:00").start == wall(f"{day} 10:00")


# --- rooms ---------------------------------------------------------------------------------------------
def test_room_capacity(site: TestSite) -> None:
    refused(
        site,
        RuleViolation,
        "room_capacity",
        "Bureau 3",
        "2 personne(s) au plus",
        "3 attendues",
        youth="kevin",
        start="2026-01-06 10:00",
        counsellor="sophie",
        room=site.rooms["b3"].id,
        party_size=2,
    )
    a = site.book("kevin", "2026-01-06 10:00", counsellor="sophie", party_size=2)  # auto: a bigger office
    assert a.room_name in ("Bureau 1", "Bureau 2")


def test_room_accessibility(site: TestSite) -> None:
    refused(
        site,
        RuleViolation,
        "room_not_accessible",
        "Bureau 3",
        "fauteuil roulant",
        "Aïssatou N'DIAYE",
        youth="aissatou",
        start="2026-01-06 10:00",
        counsellor="sophie",
        room=site.rooms["b3"].id,
    )
    a = site.book("aissatou", "2026-01-06 10:00", counsellor="sophie")  # her office is not accessible
    assert a.room_name != "Bureau 3"
    assert site.book("kevin", "2026-01-06 11:00", counsellor="sophie").room_name == "Bureau 3"


# --- buffer ----------------------------------------------------------------------------------------------
def test_buffer_after_an_appointment_is_kept_free(site: TestSite) -> None:
    acc = site.book("eloise", "2026-01-06 10:00", type_code="ACC")  # 10:00–10:45, then 15 min for notes
    assert (acc.end, acc.buffer_min) == (wall("2026-01-06 10:45"), 15)
    refused(
        site, RuleViolation, "counsellor_overlap", "Claire Lefèvre", youth="kevin", start="2026-01-06 10:45"
    )
    refused(  # her office is kept for the notes too
        site,
        RuleViolation,
        "room_overlap",
        "Bureau 1",
        youth="kevin",
        start="2026-01-06 10:45",
        counsellor="mamadou",
        room=site.rooms["b1"].id,
    )
    site.book("kevin", "2026-01-06 11:00")


def test_a_new_appointment_keeps_its_own_buffer_free(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 11:00")
    refused(
        site,
        RuleViolation,
        "counsellor_overlap",
        "battement de 15 min compris",
        youth="kevin",
        start="2026-01-06 10:15",
        type_code="ACC",
    )
    site.book("kevin", "2026-01-06 10:00", type_code="ACC")  # 10:45 + 15 min = 11:00: touching


def test_the_youth_is_free_during_the_counsellors_buffer(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00", type_code="ACC")  # ends 10:45 (+15 min for Claire's notes)
    assert site.book("eloise", "2026-01-06 10:45", counsellor="mamadou").start == wall("2026-01-06 10:45")


# --- past and back-office -----------------------------------------------------------------------------------
def test_booking_in_the_past_needs_the_back_office_flag_and_permission(site: TestSite) -> None:
    site.clock.advance(timedelta(days=1, hours=3))  # Tuesday 6 January, 11:00
    refused(
        site,
        RuleViolation,
        "in_past",
        "06/01/2026 à 10:00",
        "déjà passé",
        "back-office",
        youth="kevin",
        start="2026-01-06 10:00",
    )
    refused(
        site,
        PermissionDenied,
        "forbidden",
        "Karima Haddou",
        "a posteriori",
        youth="kevin",
        start="2026-01-06 10:00",
        back_office=True,
    )
    refused(
        site,
        PermissionDenied,
        "forbidden",
        youth="kevin",
        start="2026-01-06 10:00",
        back_office=True,
        actor=site.counsellor,
    )
    a = site.book("kevin", "2026-01-06 10:00", back_office=True, actor=site.lead)
    assert a.start == wall("2026-01-06 10:00")
    # back-office does not lift the other rules
    refused(
        site,
        RuleViolation,
        "counsellor_overlap",
        youth="eloise",
        start="2026-01-06 10:00",
        back_office=True,
        actor=site.lead,
    )
    refused(
        site,
        RuleViolation,
        "holiday",
        youth="eloise",
        start="2026-01-01 10:00",
        back_office=True,
        actor=site.lead,
    )
    site.book("eloise", "2026-01-06 11:30")  # later today is not the past


# --- forcing a counsellor double-booking ------------------------------------------------------------------
def audit_rows(t: TestSite, action: str) -> list[AuditEntry]:
    with t.services.ctx.read() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_site_lead_may_force_a_counsellor_double_booking_with_a_reason(site: TestSite) -> None:
    first = site.book("eloise", "2026-01-06 10:00")
    forced = site.book("kevin", "2026-01-06 10:15", actor=site.lead, force_reason="  urgence logement ")
    assert forced.counsellor_id == first.counsellor_id
    assert forced.room_id != first.room_id  # the room is never double-booked
    assert forced.forced_reason == "urgence logement"
    (entry,) = audit_rows(site, "book_forced")
    assert entry.reason == "urgence logement"
    assert entry.actor_id == site.lead.id and entry.entity_id == forced.id
    assert json.loads(entry.after)["clashes_with"] == [first.id]


def test_forcing_without_a_clash_is_an_ordinary_booking(site: TestSite) -> None:
    a = site.book("kevin", "2026-01-06 10:00", actor=site.lead, force_reason="au cas où")
    assert a.forced_reason == ""
    assert audit_rows(site, "book_forced") == []
    assert len(audit_rows(site, "book")) == 1


def test_forcing_needs_a_reason_and_the_permission(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    refused(
        site,
        RuleViolation,
        "counsellor_overlap",
        youth="kevin",
        start="2026-01-06 10:00",
        actor=site.lead,
        force_reason="   ",
    )
    for actor in (site.receptionist, site.counsellor):
        refused(
            site,
            PermissionDenied,
            "forbidden",
            "forcer un double rendez-vous",
            youth="kevin",
            start="2026-01-06 10:00",
            actor=actor,
            force_reason="urgence",
        )


def test_a_room_or_a_youth_is_never_double_booked_even_when_forced(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    refused(
        site,
        RuleViolation,
        "room_overlap",
        "Bureau 1",
        youth="kevin",
        start="2026-01-06 10:00",
        actor=site.lead,
        force_reason="urgence",
        room=site.rooms["b1"].id,
    )
    refused(
        site,
        RuleViolation,
        "youth_overlap",
        "LŒUVRE Éloïse",
        youth="eloise",
        start="2026-01-06 10:00",
        counsellor="mamadou",
        actor=site.lead,
        force_reason="urgence",
    )
    refused(  # forcing lifts the counsellor overlap only, not the calendar
        site,
        RuleViolation,
        "holiday",
        youth="kevin",
        start="2027-07-14 10:00",
        actor=site.lead,
        force_reason="urgence",
    )


# --- bad input -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("book", "exc", "code"),
    [
        ({"youth": "kevin", "type_code": "NOPE"}, NotFound, "unknown_type"),
        ({"youth": "kevin", "counsellor": None, "room": "Salle 42"}, NotFound, "unknown_room"),
        ({"youth": "kevin", "duration_min": 500}, InputError, "bad_duration"),
        ({"youth": "kevin", "party_size": 9}, InputError, "bad_party"),
    ],
)
def test_bad_input_is_refused(site: TestSite, book: dict, exc: type[Exception], code: str) -> None:
    refused(site, exc, code, start="2026-01-06 10:00", **book)


def test_unknown_youth_and_counsellor(site: TestSite) -> None:
    before = counts(site)
    with pytest.raises(NotFound, match="Aucun jeune"):
        site.services.booking.book(
            actor=site.receptionist, youth_id="nobody", type_code="SUIVI", start=wall("2026-01-06 10:00")
        )
    with pytest.raises(NotFound, match="Aucun membre du personnel ne s'appelle « Dupont »"):
        site.services.booking.book(
            actor=site.receptionist,
            youth_id=site.youths["kevin"].id,
            type_code="SUIVI",
            start=wall("2026-01-06 10:00"),
            counsellor="Dupont",
        )
    with pytest.raises(RuleViolation, match="ne reçoit pas"):
        site.services.booking.book(
            actor=site.receptionist,
            youth_id=site.youths["kevin"].id,
            type_code="SUIVI",
            start=wall("2026-01-06 10:00"),
            counsellor="Karima Haddou",
        )
    assert counts(site) == before


def test_counsellor_by_name(site: TestSite) -> None:
    a = site.services.booking.book(
        actor=site.receptionist,
        youth_id=site.youths["kevin"].id,
        type_code="suivi",
        start=wall("2026-01-06 10:00"),
        counsellor="mme lefevre",
    )
    assert a.appointment.counsellor_name == "Claire Lefèvre"


def test_any_counsellor_takes_the_referent_first_then_someone_free(site: TestSite) -> None:
    a = site.book("eloise", "2026-01-06 10:00", counsellor=None)
    assert a.counsellor_name == "Mamadou Diallo"  # her referent
    b = site.book("kevin", "2026-01-06 10:00", counsellor=None)
    assert b.counsellor_name != "Mamadou Diallo"
    site.book("jp", "2026-01-06 10:00", counsellor=None)
    refused(
        site,
        RuleViolation,
        "no_counsellor_free",
        "06/01/2026 à 10:00",
        youth="aissatou",
        start="2026-01-06 10:00",
        counsellor=None,
    )


# --- moving re-checks every rule -----------------------------------------------------------------------------
def test_move_rechecks_rules_and_excludes_itself(site: TestSite) -> None:
    a = site.book("eloise", "2026-01-06 10:00")
    site.book("kevin", "2026-01-06 11:00")
    mv = site.services.booking.move
    assert mv(
        actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 10:15")
    ).appointment.start == wall("2026-01-06 10:15")
    with pytest.raises(RuleViolation) as err:
        mv(actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 10:45"))
    assert err.value.code == "counsellor_overlap" and "KONÉ Kévin" in err.value.message
    with pytest.raises(RuleViolation, match="férié"):
        mv(actor=site.receptionist, appointment_id=a.id, start=wall("2027-05-06 10:00"))
    moved = mv(
        actor=site.receptionist,
        appointment_id=a.id,
        start=wall("2026-01-06 11:00"),
        counsellor="mamadou diallo",
    )
    assert moved.appointment.counsellor_name == "Mamadou Diallo" and moved.appointment.room_name == "Bureau 2"
    assert site.services.booking.get(a.id).start == wall("2026-01-06 11:00")


def test_move_keeps_the_room_when_free_and_changes_it_when_taken(site: TestSite) -> None:
    a = site.book("eloise", "2026-01-06 10:00")
    site.book("kevin", "2026-01-06 14:00", counsellor="mamadou", room=site.rooms["b1"].id)
    mv = site.services.booking.move
    assert (
        mv(actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 11:00")).appointment.room_name
        == "Bureau 1"
    )
    moved = mv(actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 14:00")).appointment
    assert moved.room_name == "Bureau 2"
    with pytest.raises(RuleViolation, match="Bureau 1"):
        mv(actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 14:00"), room="bureau 1")


def test_only_a_booked_appointment_moves(site: TestSite) -> None:
    a = site.book("eloise", "2026-01-06 10:00")
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=a.id, by_youth=True)
    with pytest.raises(RuleViolation, match="encore prévu"):
        site.services.booking.move(
            actor=site.receptionist, appointment_id=a.id, start=wall("2026-01-06 11:00")
        )


def test_forced_move_is_audited(site: TestSite) -> None:
    site.book("eloise", "2026-01-06 10:00")
    b = site.book("kevin", "2026-01-06 11:00")
    with pytest.raises(PermissionDenied):
        site.services.booking.move(
            actor=site.receptionist,
            appointment_id=b.id,
            start=wall("2026-01-06 10:00"),
            force_reason="urgence",
        )
    moved = site.services.booking.move(
        actor=site.lead, appointment_id=b.id, start=wall("2026-01-06 10:00"), force_reason="urgence"
    ).appointment
    assert moved.forced_reason == "urgence" and moved.room_name != "Bureau 1"
    (entry,) = audit_rows(site, "move_forced")
    assert entry.reason == "urgence"
    assert json.loads(entry.before)["start"].startswith("2026-01-06T11:00")


def test_moving_a_phone_appointment_takes_no_room(site: TestSite) -> None:
    tel = site.book("kevin", "2026-01-06 10:00", type_code="TEL")
    moved = site.services.booking.move(
        actor=site.receptionist,
        appointment_id=tel.id,
        start=wall("2026-01-06 11:00"),
        room=site.rooms["b1"].id,
    ).appointment
    assert (moved.mode.value, moved.room_id, moved.start) == ("phone", None, wall("2026-01-06 11:00"))
    site.book("eloise", "2026-01-06 11:00", counsellor="mamadou", room=site.rooms["b1"].id)  # still free


def test_a_youth_registered_in_a_workshop_cannot_be_booked_during_it(site: TestSite) -> None:
    from mlplanner.services.workshops.service import SeriesDraft

    series = site.services.workshops.create_series(
        actor=site.lead,
        draft=SeriesDraft(
            title="Atelier CV",
            start=wall("2026-01-06 10:00"),
            duration_min=120,
            capacity=12,
            rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=1",
            room=site.rooms["atelier"].id,
            facilitator=site.staff["sophie"].id,
        ),
        skip_clashes=False,
    )
    site.services.registrations.register(
        actor=site.receptionist, session_id=series.sessions[0].id, youth_id=site.youths["kevin"].id
    )
    refused(
        site, RuleViolation, "youth_overlap", "KONÉ Kévin a déjà un atelier de 10:00 à 12:00 « Atelier CV »",
        youth="kevin", start="2026-01-06 11:30",
    )  # fmt: skip
    refused(  # the facilitator is busy too
        site, RuleViolation, "counsellor_overlap", "Sophie Martin", "Atelier CV",
        youth="eloise", start="2026-01-06 10:00", counsellor="sophie",
    )  # fmt: skip
    assert site.book("kevin", "2026-01-06 12:00").start == wall("2026-01-06 12:00")
