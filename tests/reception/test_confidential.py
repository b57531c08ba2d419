"""Confidential appointment types: reception, arrivals, other counsellors and printed day lists see
"Rendez-vous confidentiel" and the counsellor; the counsellor and the site lead see everything; opening
one is audited. Every surface is checked as the wrong role too."""

from __future__ import annotations

import io
import json
from datetime import date, time, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mlplanner.domain.confidentiality import CONFIDENTIAL_COLOUR, CONFIDENTIAL_LABEL
from mlplanner.domain.enums import Mode, Status
from mlplanner.storage.tables import AuditEntry
from support import TestSite, cli_pins, paris_clock

DAY = date(2026, 1, 6)  # a Tuesday; the test clock stands at Monday 5 January 2026, 08:00


@pytest.fixture
def health(site: TestSite) -> TestSite:
    """A confidential "Point santé" type and one such appointment for Éloïse with Claire, with a note."""
    site.types["SANTE"] = site.services.directory.add_type(
        actor=site.admin,
        code="SANTE",
        label="Point santé (CPAM)",
        duration_min=30,
        colour="#C0392B",
        confidential=True,
    )
    site.book("eloise", "2026-01-06 10:00", type_code="SANTE", notes="suivi addictologie")
    site.book("kevin", "2026-01-06 11:00")  # an ordinary one next to it
    return site


def _santé(rows):  # type: ignore[no-untyped-def]
    (a,) = [r for r in rows if r.confidential]
    return a


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def test_a_type_can_be_marked_confidential_and_back(site: TestSite) -> None:
    d = site.services.directory
    t = d.add_type(actor=site.admin, code="VIOL", label="Violences", duration_min=45, confidential=True)
    assert t.confidential
    d.update_type(actor=site.admin, type_id=t.id, confidential=False)
    assert not next(x for x in d.types() if x.code == "VIOL").confidential


@pytest.mark.parametrize("who", ["receptionist", "colleague"])
def test_reception_and_other_counsellors_see_only_the_counsellor(health: TestSite, who: str) -> None:
    viewer = getattr(health, who)
    a = _santé(health.services.booking.day(DAY, viewer=viewer))
    assert a.redacted
    assert a.type_label == CONFIDENTIAL_LABEL and a.type_code == ""
    assert a.notes == "" and a.colour == CONFIDENTIAL_COLOUR
    assert a.counsellor_name == "Claire Lefèvre" and a.youth_name == "LŒUVRE Éloïse"
    ordinary = next(r for r in health.services.booking.day(DAY, viewer=viewer) if not r.confidential)
    assert ordinary.type_label == "Entretien de suivi"  # only confidential types are hidden
    # every other read as that person: history, one appointment, the to-fill-in list
    assert _santé(health.services.booking.youth_history(a.youth_id, viewer=viewer)).redacted
    assert health.services.booking.get(a.id, viewer=viewer).notes == ""
    assert health.services.booking.open_appointment(actor=viewer, appointment_id=a.id).redacted


@pytest.mark.parametrize("who", ["counsellor", "lead", "admin"])
def test_the_counsellor_and_the_site_lead_see_everything(health: TestSite, who: str) -> None:
    a = _santé(health.services.booking.day(DAY, viewer=getattr(health, who)))
    assert not a.redacted
    assert a.type_label == "Point santé (CPAM)" and a.notes == "suivi addictologie"
    assert a.colour == "#C0392B"


def test_no_viewer_means_redacted(health: TestSite) -> None:
    assert _santé(health.services.booking.day(DAY)).redacted


def test_a_check_in_by_reception_returns_the_redacted_appointment(health: TestSite) -> None:
    a = _santé(health.services.booking.day(DAY, viewer=health.receptionist))
    health.clock.at = paris_clock(DAY, time(9, 50)).at
    done = health.services.appointments.check_in(actor=health.receptionist, appointment_id=a.id).appointment
    assert done.status is Status.ARRIVED and done.redacted and done.notes == ""


def _opens(site: TestSite) -> list[AuditEntry]:
    with site.services.ctx.read() as s:
        q = select(AuditEntry).where(AuditEntry.action == "open_confidential")
        return list(s.exec(q).scalars())


def test_opening_a_confidential_appointment_is_audited_once_a_day(health: TestSite) -> None:
    b = health.services.booking
    a = _santé(b.day(DAY, viewer=health.counsellor))
    b.open_appointment(actor=health.counsellor, appointment_id=a.id)
    b.open_appointment(actor=health.counsellor, appointment_id=a.id)  # the same day: one fact
    b.open_appointment(actor=health.lead, appointment_id=a.id)
    b.open_appointment(actor=health.receptionist, appointment_id=a.id)  # saw nothing: nothing opened
    ordinary = next(r for r in b.day(DAY) if not r.confidential)
    b.open_appointment(actor=health.lead, appointment_id=ordinary.id)  # not confidential: no entry
    opened = _opens(health)
    assert sorted(e.actor_name for e in opened) == ["Bernard Lemoine", "Claire Lefèvre"]
    assert {e.entity_id for e in opened} == {a.id} and {e.youth_id for e in opened} == {a.youth_id}
    health.clock.advance(timedelta(days=1))
    b.open_appointment(actor=health.counsellor, appointment_id=a.id)
    assert len(_opens(health)) == 3


def test_the_youth_file_history_hides_the_type_from_reception(health: TestSite) -> None:
    f = health.services.followup
    youth = health.youths["eloise"].id
    (item,) = f.youth_summary(youth, viewer=health.receptionist).history
    assert item.title == CONFIDENTIAL_LABEL
    (item,) = f.youth_summary(youth, viewer=health.counsellor).history
    assert item.title == "Point santé (CPAM)"


def test_reception_lists_and_exports_never_name_the_type(health: TestSite) -> None:
    f = health.services.followup
    entries = f.call_list(day=DAY).entries
    assert {e.type_label for e in entries if e.youth_name.startswith("LŒUVRE")} == {CONFIDENTIAL_LABEL}
    ics = f.export_ics(actor=health.counsellor, counsellor=health.counsellor.id, start=DAY, end=DAY)
    assert "Point santé" not in ics and CONFIDENTIAL_LABEL in ics


def test_printed_day_lists(health: TestSite) -> None:
    p = health.services.printing
    for actor in (health.lead, health.receptionist):  # the site's day list: never named, whoever prints
        doc = p.day_document(actor=actor, day=DAY).doc
        texts = {b.subtitle for b in doc.blocks} | {b.kind for b in doc.blocks}
        assert not any("santé" in t for t in texts)
        assert CONFIDENTIAL_LABEL in {b.kind for b in doc.blocks}
        text = _pdf_text(p.day(actor=actor, day=DAY).data or b"")
        assert "Point santé" not in text and "addictologie" not in text
    # a counsellor's own sheet: theirs in full; printed by reception: redacted
    mine = _pdf_text(
        p.counsellor_day(actor=health.counsellor, day=DAY, counsellor=health.counsellor.id).data or b""
    )
    assert "Point santé" in mine and "addictologie" in mine
    theirs = _pdf_text(
        p.counsellor_day(actor=health.receptionist, day=DAY, counsellor=health.counsellor.id).data or b""
    )
    assert "Point santé" not in theirs and "addictologie" not in theirs
    assert "Rendez-vous" in theirs and "confidentiel" in theirs
    week = _pdf_text(p.week(actor=health.receptionist, counsellor=health.counsellor.id, day=DAY).data or b"")
    assert "Point santé" not in week
    a = _santé(health.services.booking.day(DAY))
    slip = _pdf_text(p.slip(actor=health.receptionist, appointment_id=a.id).data or b"")
    assert "Point santé" not in slip and "Claire Lefèvre" in slip


def test_a_phone_confidential_appointment_keeps_its_mode(health: TestSite) -> None:
    health.services.directory.add_type(
        actor=health.admin,
        code="SANTETEL",
        label="Point santé par téléphone",
        duration_min=20,
        needs_room=False,
        mode=Mode.PHONE,
        confidential=True,
    )
    health.book("jp", "2026-01-06 14:00", type_code="SANTETEL")
    a = next(r for r in health.services.booking.day(DAY, viewer=health.receptionist) if r.mode is Mode.PHONE)
    assert a.redacted and a.mode is Mode.PHONE


def test_the_cli_day_list_as_reception_does_not_name_the_type(
    health: TestSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlplanner.cli.main import main

    db = str(health.services.ctx.db.location)
    monkeypatch.setenv("MLPLANNER_NOW", "2026-01-05T08:00")
    for name, value in cli_pins(health, "karima", "claire").items():  # `--as` proves who acts
        monkeypatch.setenv(name, value)
    assert main(["day", "--date", "06/01/2026", "--as", "Karima Haddou", "--db", db]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "LŒUVRE" in x)
    assert "CONFID." in line and "SANTE" not in line and "Claire Lefèvre" in line
    assert main(["day", "--date", "06/01/2026", "--as", "Claire Lefèvre", "--json", "--db", db]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["type_label"] for r in rows if r["confidential"]} == {"Point santé (CPAM)"}
