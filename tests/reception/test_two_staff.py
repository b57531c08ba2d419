"""Two people on one appointment (a counsellor and a health-insurance partner, or two counsellors): both
are checked for clashes by the booking rules and by the free-slot finder, both see it in their day, and
it prints on both sheets."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import InputError, RuleViolation
from support import TestSite, actor_of, paris_clock, wall

TUESDAY = date(2026, 1, 6)
CPAM_DESK = {"1": [["09:00", "12:30"]], "3": [["09:00", "12:30"]]}  # Tuesday and Thursday mornings


@pytest.fixture
def duo(site: TestSite) -> TestSite:
    """Nadia Ferhat, the health-insurance (CPAM) partner holding a desk on Tuesday and Thursday mornings."""
    site.staff["nadia"] = site.services.directory.add_staff(
        actor=site.admin,
        first_name="Nadia",
        last_name="Ferhat",
        role=Role.PARTNER,
        working_pattern=CPAM_DESK,
    )
    return site


def _pdf(data: bytes | None) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data or b"")).pages)


def test_an_appointment_holds_a_second_staff_member(duo: TestSite) -> None:
    a = duo.book("eloise", "2026-01-06 10:00", second_staff=duo.staff["nadia"].id)
    assert a.second_staff_id == duo.staff["nadia"].id and a.second_staff_name == "Nadia Ferhat"
    assert a.staff_ids == (duo.staff["claire"].id, duo.staff["nadia"].id)
    # by name too, as the desk types it
    b = duo.book("kevin", "2026-01-06 11:00", second_staff="Ferhat")
    assert b.second_staff_name == "Nadia Ferhat"


def test_the_second_person_is_checked_for_clashes(duo: TestSite) -> None:
    nadia = duo.staff["nadia"].id
    duo.book("eloise", "2026-01-06 10:00", second_staff=nadia)
    # Nadia is taken from 10:00 to 10:30: another appointment with her at 10:15 is refused, naming her
    with pytest.raises(RuleViolation) as err:
        duo.book("kevin", "2026-01-06 10:15", counsellor="mamadou", second_staff=nadia)
    assert err.value.code == "counsellor_overlap" and "Nadia Ferhat" in err.value.message
    # ... and so is booking her as the one receiving someone (her as the counsellor)
    with pytest.raises(RuleViolation) as err:
        duo.book("kevin", "2026-01-06 10:00", counsellor="nadia")
    assert err.value.code == "counsellor_overlap"
    # Claire, the first person, is busy too, even as someone's second person
    with pytest.raises(RuleViolation) as err:
        duo.book("jp", "2026-01-06 10:00", counsellor="mamadou", second_staff=duo.staff["claire"].id)
    assert err.value.code == "counsellor_overlap" and "Claire Lefèvre" in err.value.message


def test_the_second_person_must_work_then_and_not_be_absent(duo: TestSite) -> None:
    nadia = duo.staff["nadia"].id
    with pytest.raises(RuleViolation) as err:  # Nadia's desk is on Tuesday mornings only
        duo.book("eloise", "2026-01-06 14:00", second_staff=nadia)
    assert err.value.code == "outside_working_hours" and "Nadia Ferhat" in err.value.message
    duo.services.directory.add_absence(
        actor=duo.lead, staff_id=nadia, start=wall("2026-01-08 09:00"), end=wall("2026-01-08 12:30")
    )
    with pytest.raises(RuleViolation) as err:
        duo.book("eloise", "2026-01-08 10:00", second_staff=nadia)
    assert err.value.code == "counsellor_absent"


def test_bad_second_person(duo: TestSite) -> None:
    with pytest.raises(InputError) as err:
        duo.book("eloise", "2026-01-06 10:00", second_staff=duo.staff["claire"].id)
    assert err.value.code == "same_staff"
    with pytest.raises(RuleViolation) as err:  # a receptionist receives nobody
        duo.book("eloise", "2026-01-06 10:00", second_staff=duo.staff["karima"].id)
    assert err.value.code == "not_bookable"
    with pytest.raises(InputError):
        duo.book("eloise", "2026-01-06 10:00", second_staff="Personne Inconnue")
    assert duo.services.booking.day(TUESDAY) == []  # nothing stored by any refusal


def test_the_room_must_hold_both_staff(duo: TestSite) -> None:
    # Bureau 3 holds two people: the young person, Claire and Nadia are three
    with pytest.raises(RuleViolation) as err:
        duo.book("kevin", "2026-01-06 10:00", room=duo.rooms["b3"].id, second_staff=duo.staff["nadia"].id)
    assert err.value.code == "room_capacity"


def test_moving_checks_both_people_again(duo: TestSite) -> None:
    nadia = duo.staff["nadia"].id
    a = duo.book("eloise", "2026-01-06 10:00", second_staff=nadia)
    duo.book("kevin", "2026-01-06 11:00", counsellor="nadia")
    with pytest.raises(RuleViolation) as err:
        duo.services.booking.move(actor=duo.receptionist, appointment_id=a.id, start=wall("2026-01-06 11:00"))
    assert "Nadia Ferhat" in err.value.message
    moved = duo.services.booking.move(
        actor=duo.receptionist, appointment_id=a.id, start=wall("2026-01-06 11:30")
    ).appointment
    assert moved.second_staff_id == nadia
    alone = duo.services.booking.move(
        actor=duo.receptionist, appointment_id=a.id, start=wall("2026-01-06 14:00"), second_staff=""
    ).appointment
    assert alone.second_staff_id is None  # the partner left the appointment: it may go past her desk hours


def test_the_free_slot_finder_needs_both_people_free(duo: TestSite) -> None:
    nadia = duo.staff["nadia"].id
    duo.book("kevin", "2026-01-06 09:00", counsellor="nadia")  # Nadia busy 09:00–09:30
    duo.book("jp", "2026-01-06 09:30")  # Claire busy 09:30–10:00
    slots = duo.services.slots.find(
        type_code="SUIVI", counsellor=duo.staff["claire"].id, second_staff=nadia, start=TUESDAY, count=3
    )
    assert [s.start for s in slots] == [
        wall("2026-01-06 10:00"),
        wall("2026-01-06 10:15"),
        wall("2026-01-06 10:30"),
    ]
    assert all(s.second_staff_id == nadia for s in slots)
    # only on her desk mornings (until 12:30): from Tuesday 12:15 the next slot is on Thursday
    later = duo.services.slots.find(
        type_code="SUIVI",
        counsellor=duo.staff["claire"].id,
        second_staff=nadia,
        start=wall("2026-01-06 12:15"),
        count=1,
    )
    assert later[0].start == wall("2026-01-08 09:00")
    # the joint appointment makes both busy for anyone else's search
    duo.book("eloise", "2026-01-06 10:00", second_staff=nadia)
    for_nadia = duo.services.slots.find(type_code="SUIVI", counsellor=nadia, start=TUESDAY, count=3)
    assert [s.start for s in for_nadia] == [  # 10:00–10:30 is taken by the joint appointment
        wall("2026-01-06 09:30"),
        wall("2026-01-06 10:30"),
        wall("2026-01-06 10:45"),
    ]


def test_both_see_it_in_their_day_and_both_may_record_the_outcome(duo: TestSite) -> None:
    a = duo.book("eloise", "2026-01-06 10:00", counsellor="claire", second_staff=duo.staff["mamadou"].id)
    for who in ("claire", "mamadou"):
        (mine,) = duo.services.booking.day(TUESDAY, counsellor=duo.staff[who].id)
        assert mine.id == a.id
    duo.clock.at = paris_clock(TUESDAY, time(10, 40)).at
    done = duo.services.appointments.set_outcome(actor=duo.colleague, appointment_id=a.id, status=Status.SEEN)
    assert done.appointment.status is Status.SEEN  # Mamadou, the second counsellor, records it
    with pytest.raises(RuleViolation):  # Sophie is not on it
        duo.services.appointments.set_outcome(
            actor=actor_of(duo.staff["sophie"]), appointment_id=a.id, status=Status.NO_SHOW
        )


def test_a_confidential_one_is_open_to_the_second_person(duo: TestSite) -> None:
    duo.services.directory.add_type(
        actor=duo.admin, code="SANTE", label="Point santé", duration_min=30, confidential=True
    )
    duo.book("eloise", "2026-01-06 10:00", type_code="SANTE", second_staff=duo.staff["mamadou"].id)
    (a,) = duo.services.booking.day(TUESDAY, viewer=duo.colleague)
    assert not a.redacted and a.type_label == "Point santé"
    (a,) = duo.services.booking.day(TUESDAY, viewer=actor_of(duo.staff["sophie"]))
    assert a.redacted


def test_it_prints_on_both_sheets_and_in_both_columns(duo: TestSite) -> None:
    p = duo.services.printing
    duo.book("eloise", "2026-01-06 10:00", second_staff=duo.staff["nadia"].id)
    for who in ("claire", "nadia"):
        text = _pdf(p.counsellor_day(actor=duo.lead, day=TUESDAY, counsellor=duo.staff[who].id).data)
        assert "LŒUVRE" in text
    week = _pdf(p.week(actor=duo.lead, counsellor=duo.staff["nadia"].id, day=TUESDAY).data)
    assert "LŒUVRE" in week
    grid = p.day_document(actor=duo.lead, day=TUESDAY).doc
    labels = [c.label for c in grid.columns]
    columns = {labels[b.column] for b in grid.blocks if "LŒUVRE" in b.title}
    assert columns == {"Claire Lefèvre", "Nadia Ferhat"}


def test_clashes_made_offline_include_the_second_person(duo: TestSite) -> None:
    """Two sites may both book Nadia offline; after the merge the clash is listed like any other."""
    from sqlalchemy import update

    from mlplanner.storage.tables import Appointment

    nadia = duo.staff["nadia"].id
    a = duo.book("eloise", "2026-01-06 10:00", second_staff=nadia)
    b = duo.book("kevin", "2026-01-06 10:00", counsellor="mamadou")
    with duo.services.ctx.db.write() as s:  # what a merge of another site's version can produce
        s.execute(update(Appointment).where(Appointment.id == b.id).values(second_staff_id=nadia))
    clashes = duo.services.sync.clashes(actor=duo.lead)
    assert any({c.first_id, c.second_id} == {a.id, b.id} and c.who == "Nadia Ferhat" for c in clashes)
