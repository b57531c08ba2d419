"""What the printing service puts in each document (the frozen data handed to the renderers), and when it
writes the audit log."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time

import pytest

from mlplanner.domain.enums import Mode, Role
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.printing import GridBlock, Grouping, TimeRange
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR

from .helpers import DAY, actor, make_workshop, pdf_text, prints

LUNCH = TimeRange(time(12, 30), time(13, 30))


def column(doc, label: str) -> tuple[int, object]:  # type: ignore[no-untyped-def]
    i = next(i for i, c in enumerate(doc.columns) if c.label == label)
    return i, doc.columns[i]


def blocks_in(doc, i: int) -> list[GridBlock]:  # type: ignore[no-untyped-def]
    return [b for b in doc.blocks if b.column == i]


def test_day_grid_greys_lunch_absences_and_days_off(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    morel = demo.directory.staff_member("Julien Morel")
    demo.directory.add_absence(
        actor=lead, staff_id=morel.id, start=datetime(2027, 3, 2, 14, 0), end=datetime(2027, 3, 2, 18, 0),
        reason="Formation",
    )  # fmt: skip
    doc = demo.printing.day_document(actor=lead, day=DAY).doc
    assert (doc.start, doc.end) == (time(9, 0), time(17, 30))
    assert doc.closed == (LUNCH,)  # the site's lunch break, greyed for everyone
    _, julien = column(doc, "Julien Morel")
    assert TimeRange(time(14, 0), time(17, 30)) in julien.unavailable
    assert julien.note == ""  # a partial absence is hatched where it is, not announced at the top
    i, marc = column(doc, "Marc Aubry (CPAM)")  # a partner's desk: Tuesday mornings only
    assert marc.unavailable == (TimeRange(time(13, 30), time(17, 30)),)
    assert all(b.start < time(12, 30) for b in blocks_in(doc, i))
    staff = demo.directory.staff_member("Claire Dufresne")  # works all Tuesday
    _, claire = column(doc, staff.display_name)
    rooms = {r.id: r.name for r in demo.directory.rooms()}
    assert claire.unavailable == () and claire.sublabel == rooms.get(staff.default_room_id or "", "")


def test_a_whole_day_absence_is_named(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    sy = demo.directory.staff_member("Omar Sy")
    demo.directory.add_absence(
        actor=lead, staff_id=sy.id, start=datetime(2027, 3, 2, 0, 0), end=datetime(2027, 3, 3, 0, 0),
        reason="Congés",
    )  # fmt: skip
    doc = demo.printing.day_document(actor=lead, day=DAY).doc
    _, omar = column(doc, "Omar Sy")
    assert omar.note == "Absent(e) : Congés"
    assert omar.unavailable == (TimeRange(time(9, 0), time(12, 30)), TimeRange(time(13, 30), time(17, 30)))


def test_a_public_holiday_greys_every_column(demo: Services) -> None:
    doc = demo.printing.day_document(actor=SYSTEM_ACTOR, day=date(2027, 3, 29)).doc  # Easter Monday
    assert doc.columns and doc.blocks == ()
    for c in doc.columns:
        assert c.note.startswith("Férié : ")
        assert c.unavailable == (TimeRange(time(9, 0), time(17, 30)),)


def test_a_site_closure_is_named_in_the_room_grid(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    demo.directory.add_closure(actor=lead, start=date(2027, 6, 7), end=date(2027, 6, 7), reason="inventaire")
    doc = demo.printing.day_document(actor=lead, day=date(2027, 6, 7), grouping="room").doc
    assert doc.grouping is Grouping.ROOM
    assert {c.note for c in doc.columns} == {"Fermé : inventaire"}


def test_workshop_sessions_show_in_room_and_facilitator_columns(demo: Services) -> None:
    ws = make_workshop(demo, participants=5)
    by_person = demo.printing.day_document(actor=SYSTEM_ACTOR, day=DAY).doc
    i, _ = column(by_person, "Bernard Lemoine")
    (block,) = [b for b in blocks_in(by_person, i) if b.kind == "Atelier"]
    assert (block.title, block.start, block.end) == (ws.title, time(14, 0), time(16, 0))
    assert "Salle d'atelier" in block.subtitle and "5/14 inscrits" in block.subtitle
    by_room = demo.printing.day_document(actor=SYSTEM_ACTOR, day=DAY, grouping=Grouping.ROOM).doc
    j, _ = column(by_room, "Salle d'atelier")
    (block,) = blocks_in(by_room, j)
    assert block.title == ws.title and "Bernard Lemoine" in block.subtitle
    rows = demo.printing.counsellor_day_document(
        actor=SYSTEM_ACTOR, day=DAY, counsellor="Bernard Lemoine"
    ).doc.rows
    assert any(r.youth_name == ws.title and r.type_label == "Atelier · 5 inscrits" for r in rows)


def test_a_cancelled_session_has_no_roster(demo: Services) -> None:
    ws = make_workshop(demo, participants=2)
    lead = actor(demo, Role.SITE_LEAD)
    demo.sessions.cancel_session(actor=lead, session_id=ws.session_id, reason="Animateur malade")
    with pytest.raises(RuleViolation, match="annulée"):
        demo.printing.roster(actor=lead, session_id=ws.session_id)
    assert not any(b.kind == "Atelier" for b in demo.printing.day_document(actor=lead, day=DAY).doc.blocks)


def test_week_marks_an_absent_day_and_keeps_the_common_lunch(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    person = next(  # a counsellor who works on Wednesdays
        s for s in demo.directory.counsellors() if json.loads(s.working_pattern_json).get("2")
    )
    demo.directory.add_absence(
        actor=lead, staff_id=person.id, start=datetime(2027, 3, 3, 9, 0), end=datetime(2027, 3, 3, 17, 30),
        reason="Congés",
    )  # fmt: skip
    doc = demo.printing.week_document(actor=lead, counsellor=person.id, day=date(2027, 3, 4)).doc
    assert doc.days == tuple(date(2027, 3, d) for d in range(1, 6))
    assert doc.closed == (LUNCH,)  # Thursday's longer break (until 14:00) is greyed on Thursday only
    assert doc.day_notes[2] == "Absent(e) : Congés"
    assert any(r.start <= time(13, 30) and r.end >= time(14, 0) for r in doc.unavailable[3])
    assert doc.unavailable[2] == (TimeRange(time(9, 0), time(12, 30)), TimeRange(time(13, 30), time(17, 30)))


def test_slip_what_to_bring_comes_from_the_settings(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    suivi = next(a for a in demo.booking.day(DAY) if a.type_code == "SUIVI" and a.status.occupies_slot)
    phone = next(a for a in demo.booking.day(DAY) if a.mode is Mode.PHONE and a.status.occupies_slot)
    slip = demo.printing.slip_document(actor=lead, appointment_id=suivi.id).doc
    assert slip.what_to_bring[0].startswith("Pièce d'identité")
    assert (
        demo.printing.slip_document(actor=lead, appointment_id=phone.id)
        .doc.what_to_bring[0]
        .startswith("Un endroit calme")
    )
    demo.printing.set_setting(
        actor=lead, key="print.bring.SUIVI", value="Carnet de suivi\nDernier bulletin de salaire"
    )
    demo.printing.set_setting(actor=lead, key="print.organisation", value="Mission Locale Paris Sud")
    doc = demo.printing.slip_document(actor=lead, appointment_id=suivi.id).doc
    assert doc.what_to_bring == ("Carnet de suivi", "Dernier bulletin de salaire")
    assert doc.header.organisation == "Mission Locale Paris Sud"
    demo.printing.set_setting(actor=lead, key="print.bring.SUIVI", value=None)  # back to the default
    assert (
        demo.printing.slip_document(actor=lead, appointment_id=suivi.id)
        .doc.what_to_bring[0]
        .startswith("Pièce d'identité")
    )
    with pytest.raises(InputError):
        demo.printing.set_setting(actor=lead, key="print.couleur", value="rouge")
    with pytest.raises(PermissionDenied):
        demo.printing.set_setting(actor=actor(demo, Role.RECEPTIONIST), key="print.logo", value="")


def test_funder_logos_default_to_the_bundled_placeholders(demo: Services) -> None:
    ws = make_workshop(demo, participants=1)
    header = demo.printing.roster_document(actor=SYSTEM_ACTOR, session_id=ws.session_id).doc.header
    assert [p.name for p in header.funder_logos] == ["fse-placeholder.png"]
    assert (
        header.logo is not None
        and header.logo.name == "mission-locale-placeholder.png"
        and header.logo.exists()
    )
    assert (header.organisation, header.site_name) == ("Mission Locale de Paris", "Site Paris 13")


def test_call_day_skips_weekends_and_holidays(demo: Services) -> None:
    p = demo.printing
    assert p.call_day(date(2027, 3, 1)) == date(2027, 3, 3)  # Monday → Wednesday
    assert p.call_day(date(2027, 3, 4)) == date(2027, 3, 8)  # Thursday → Monday
    assert p.call_day(date(2027, 3, 5)) == date(2027, 3, 9)  # Friday → Tuesday
    assert p.call_day(date(2027, 5, 4)) == date(2027, 5, 7)  # Tuesday → Friday (Ascension Thursday)
    assert p.calls_document(actor=SYSTEM_ACTOR).doc.day == date(2027, 3, 3)  # today (the clock's Monday)


def test_a_preview_is_not_a_print_until_it_is_printed(demo: Services) -> None:
    lead = actor(demo, Role.SITE_LEAD)
    result = demo.printing.day(actor=lead, day=DAY, preview=True)
    assert result.data is not None and result.data.startswith(b"%PDF") and not result.recorded
    assert prints(demo) == []
    demo.printing.record_output(actor=lead, result=result, output="printer")
    (entry,) = prints(demo)
    assert (entry.actor_id, entry.entity, entry.entity_id) == (lead.id, "day", "2027-03-02")
    assert json.loads(entry.after)["output"] == "imprimante"
    with pytest.raises(PermissionDenied):
        demo.printing.record_output(actor=actor(demo, Role.PARTNER), result=result, output="pdf")


def test_a_stream_gets_the_same_document(demo: Services) -> None:
    buf = io.BytesIO()
    result = demo.printing.counsellor_day(actor=SYSTEM_ACTOR, day=DAY, counsellor="Omar Sy", out=buf)
    assert result.data is None and result.size == len(buf.getvalue()) and result.recorded
    assert "Omar Sy" in pdf_text(buf.getvalue())[0]
    assert json.loads(prints(demo)[0].after)["output"] == "PDF transmis"


def test_every_document_refuses_a_partner(demo: Services) -> None:
    partner = actor(demo, Role.PARTNER)
    a = demo.booking.day(DAY)[0]
    calls = [
        lambda: demo.printing.day(actor=partner, day=DAY),
        lambda: demo.printing.counsellor_day(actor=partner, day=DAY, counsellor="Omar Sy"),
        lambda: demo.printing.week(actor=partner, day=DAY, counsellor="Omar Sy"),
        lambda: demo.printing.roster(actor=partner, session_id="x"),
        lambda: demo.printing.slip(actor=partner, appointment_id=a.id),
        lambda: demo.printing.calls(actor=partner),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert prints(demo) == []
