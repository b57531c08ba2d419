"""`mlplanner print ...` on the demo site: real PDFs whose text holds the right names, times and page
numbers, one audit entry per print, and refusals that write nothing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mlplanner.domain.enums import Role
from mlplanner.domain.text import fold
from mlplanner.printing import long_date
from mlplanner.services.container import Services

from .helpers import DAY, make_workshop, pdf_text, prints


def flat(pages: list[str]) -> str:
    """Every page's text on one line (names wrapped in narrow cells join again)."""
    return " ".join(" ".join(p.split()) for p in pages)


def occupying(demo: Services, day: date, **kw):  # type: ignore[no-untyped-def]
    return [a for a in demo.booking.day(day, **kw) if a.status.occupies_slot]


def test_day_schedule_shows_every_counsellor_and_appointment(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "jour.pdf"
    code, stdout, err = cli("print", "day", "--date", "02/03/2027", "--out", str(out))
    assert code == 0, err
    assert "Planning du jour – mardi 2 mars 2027 : 1 page" in stdout
    text = flat(pdf_text(out))
    assert "Planning du jour" in text and "mardi 2 mars 2027" in text and "page 1 / 1" in text
    appts = occupying(demo, DAY)
    assert len(appts) > 40
    for a in appts:
        assert a.youth_name.split()[0] in text, a.youth_name  # "LŒUVRE", "FRANÇOIS": accents intact
        assert a.counsellor_name.split()[-1] in text
        if (a.end - a.start).total_seconds() >= 1800:  # short blocks have no room for their times
            assert f"{a.start:%H:%M}–{a.end:%H:%M}" in text
    cancelled = [a for a in demo.booking.day(DAY) if a.status.is_cancelled]
    assert all(
        a.youth_name not in text for a in cancelled if a.youth_name not in {x.youth_name for x in appts}
    )
    (entry,) = prints(demo)
    assert (entry.entity, entry.entity_id, entry.actor_id) == ("day", "2027-03-02", "")
    after = json.loads(entry.after)
    assert (
        after["pages"] == 1
        and after["file"] == str(out)
        and after["youths"] == len({a.youth_id for a in appts})
    )


def test_day_schedule_by_room(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "salles.pdf"
    code, _, err = cli("print", "day", "--date", "2027-03-02", "--by", "room", "--out", str(out))
    assert code == 0, err
    text = flat(pdf_text(out))
    assert "Planning du jour par salle" in text
    appts = occupying(demo, DAY)
    for room in demo.directory.rooms():  # each room's column counts its appointments
        n = sum(1 for a in appts if a.room_id == room.id)
        assert f"{room.name} {room.capacity} places" + (f" · {n} rdv" if n else "") in text
    remote = sum(1 for a in appts if a.room_id is None)
    assert remote and f"Sans salle téléphone, visio… · {remote} rdv" in text


def test_counsellor_day_sheet_lists_names_and_phones(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "sy.pdf"
    code, _, err = cli(
        "print", "counsellor", "--date", "02/03/2027", "--counsellor", "Omar Sy", "--out", str(out)
    )
    assert code == 0, err
    text = flat(pdf_text(out))
    assert "Rendez-vous du jour" in text and "Omar Sy · mardi 2 mars 2027" in text
    appts = occupying(demo, DAY, counsellor="Omar Sy")
    assert appts
    assert f"{len(appts)} rendez-vous" in text
    for a in appts:
        assert a.youth_name.split()[0] in text
        assert f"{a.start:%H:%M}" in text
        phone = demo.youths.get(a.youth_id).phone
        assert phone and phone in text
    others = {a.youth_name for a in occupying(demo, DAY)} - {a.youth_name for a in appts}
    assert not any(name in text for name in others)
    assert prints(demo)[-1].entity == "counsellor"


def test_week_on_one_page(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "semaine.pdf"
    code, _, err = cli(
        "print", "week", "--counsellor", "Claire Dufresne", "--date", "03/03/2027", "--out", str(out)
    )
    assert code == 0, err
    pages = pdf_text(out)
    assert len(pages) == 1
    text = flat(pages)
    assert "Planning de la semaine" in text and "du lundi 1er au vendredi 5 mars 2027" in text
    for day in ("lundi 1er mars", "mardi 2 mars", "mercredi 3 mars", "jeudi 4 mars", "vendredi 5 mars"):
        assert day in text
    assert "samedi" not in text  # the demo site does not open on Saturdays
    week = [a for a in demo.booking.between(date(2027, 3, 1), date(2027, 3, 7), counsellor="Claire Dufresne")]
    for a in week:
        if a.status.occupies_slot:
            assert a.youth_name.split()[0] in text


def test_roster_of_a_workshop_session(cli, demo: Services, workshop, tmp_path: Path) -> None:
    out = tmp_path / "emargement.pdf"
    code, _, err = cli("print", "roster", "--session", workshop.session_id, "--out", str(out))
    assert code == 0, err
    (page,) = pdf_text(out)
    text = " ".join(page.split())
    assert "Feuille d'émargement" in text and workshop.title in text and "mardi 2 mars 2027" in text
    assert "14 h – 16 h" in text and "Salle d'atelier" in text and "Bernard Lemoine" in text
    assert "Fonds social européen plus (FSE+)" in text  # the default funding sentence
    assert "page 1 / 1" in text
    youths = sorted(
        (demo.youths.get(i) for i in workshop.registered),
        key=lambda y: (fold(y.last_name), fold(y.first_name)),
    )
    positions = [text.index(f"{y.last_name.upper()} {y.first_name}") for y in youths]
    assert positions == sorted(positions)  # every registered youth, in alphabetical order
    (entry,) = prints(demo)
    assert (entry.entity, entry.entity_id) == ("roster", workshop.session_id)
    assert json.loads(entry.after)["youths"] == 11


def test_roster_of_40_spans_pages_with_the_header_repeated(cli, demo: Services, tmp_path: Path) -> None:
    big = make_workshop(demo, participants=40, capacity=40, with_room=False)
    out = tmp_path / "emargement-40.pdf"
    code, _, err = cli("print", "roster", "--session", big.session_id, "--out", str(out))
    assert code == 0, err
    pages = pdf_text(out)
    assert len(pages) >= 2
    for i, page in enumerate(pages, start=1):
        assert f"page {i} / {len(pages)}" in page
        assert "Feuille d'émargement" in page and "N°" in page and "Nom" in page and "Prénom" in page
    text = flat(pages)
    numbers = [int(n) for n in re.findall(r"(?m)^(\d{1,2})\n[A-ZÀ-ÖØ-ÞŒ]", "\n".join(pages))]
    assert set(range(1, 41)) <= set(numbers)
    assert all(demo.youths.get(i).last_name.upper() in text for i in big.registered)


def test_slip_for_the_young_person(cli, demo: Services, tmp_path: Path) -> None:
    a = next(a for a in occupying(demo, DAY) if a.type_code == "ACC")
    youth = demo.youths.get(a.youth_id)
    out = tmp_path / "coupon.pdf"
    code, _, err = cli("print", "slip", "--appointment", a.id, "--out", str(out))
    assert code == 0, err
    text = flat(pdf_text(out))
    assert f"Bonjour {youth.first_name} {youth.last_name.upper()}" in text
    assert "Mardi 2 mars 2027" in text
    hour = f"{a.start.hour} h" if a.start.minute == 0 else f"{a.start.hour} h {a.start.minute:02d}"
    assert f"à {hour}" in text
    assert a.counsellor_name in text and (a.room_name or "") in text
    assert "12 rue de Tolbiac" in text and "01 45 83 12 34" in text
    assert "Justificatif de domicile" in text  # what to bring to a first interview ("ACC")
    (entry,) = prints(demo)
    assert (entry.entity, entry.entity_id, entry.youth_id) == ("slip", a.id, a.youth_id)


def test_call_list_of_the_day_after_tomorrow(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "appels.pdf"
    code, _, err = cli("print", "calls", "--date", "01/03/2027", "--out", str(out))
    assert code == 0, err
    text = flat(pdf_text(out))
    assert "Rendez-vous du mercredi 3 mars 2027" in text
    expected = [
        a
        for a in demo.booking.day(date(2027, 3, 3))
        if a.status.value == "booked" and not demo.youths.get(a.youth_id).sms_consent
    ]
    assert expected
    assert f"{len(expected)} jeunes à appeler" in text
    for a in expected:
        assert a.youth_name in text and f"{a.start:%H:%M}" in text
    consenting = [a for a in demo.booking.day(date(2027, 3, 3)) if demo.youths.get(a.youth_id).sms_consent]
    assert consenting and not any(a.youth_name in text for a in consenting if a.youth_name not in
                                  {e.youth_name for e in expected})  # fmt: skip


def test_fridays_calls_are_about_tuesday(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "appels-vendredi.pdf"
    code, _, err = cli("print", "calls", "--date", "05/03/2027", "--out", str(out))
    assert code == 0, err
    assert "Rendez-vous du mardi 9 mars 2027" in flat(pdf_text(out))
    code, _, err = cli("print", "calls", "--appointments-of", "08/03/2027", "--out", str(out))
    assert code == 0, err
    assert "Rendez-vous du lundi 8 mars 2027" in flat(pdf_text(out))


def test_json_output_names_the_file_and_pages(cli, tmp_path: Path) -> None:
    out = tmp_path / "jour.pdf"
    code, stdout, err = cli("print", "day", "--date", "02/03/2027", "--out", str(out), "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["path"] == str(out) and result["pages"] == 1 and result["data"] is None
    assert result["size"] == out.stat().st_size and result["recorded"] is True


# --- refusals -----------------------------------------------------------------------------------------


def _partner(demo: Services) -> str:
    return demo.directory.staff(role=Role.PARTNER)[0].display_name


@pytest.mark.parametrize(
    ("args", "exit_code", "message"),
    [
        (["print", "slip", "--appointment", "pas-un-rendez-vous"], 2, "Rendez-vous introuvable"),
        (["print", "roster", "--session", "pas-une-seance"], 2, "Séance d'atelier introuvable"),
        (["print", "day", "--date", "31/02/2027"], 2, "Cette date n'existe pas"),
        (["print", "day", "--date", "02/03/2027", "--by", "bureau"], 2, "choix invalide"),
        (["print", "counsellor", "--date", "02/03/2027", "--counsellor", "Personne"], 2, "Aucun membre"),
        (["print", "week", "--counsellor", "Omar Sy", "--as", "Inconnu Total"], 2, "Aucun membre"),
        (["print", "day", "--date", "02/03/2027", "--as", "PARTNER"], 3, "pas de code PIN"),  # no login
        (["print", "calls", "--as", "PARTNER"], 3, "pas de code PIN"),
    ],
)
def test_refusals_write_no_file_and_no_audit(
    cli, demo: Services, tmp_path: Path, args: list[str], exit_code: int, message: str
) -> None:
    args = [_partner(demo) if a == "PARTNER" else a for a in args]
    out = tmp_path / "refus.pdf"
    code, _, err = cli(*args, "--out", str(out))
    assert code == exit_code
    assert message in err
    assert "Traceback" not in err
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []
    assert prints(demo) == []


def test_missing_folder_is_bad_input(cli, demo: Services, tmp_path: Path) -> None:
    out = tmp_path / "absent" / "jour.pdf"
    code, _, err = cli("print", "day", "--date", "02/03/2027", "--out", str(out))
    assert code == 2 and "n'existe pas" in err
    assert prints(demo) == []


def test_a_cancelled_appointment_has_no_slip(cli, demo: Services, tmp_path: Path) -> None:
    a = next(a for a in demo.booking.day(DAY) if a.status.is_cancelled)
    out = tmp_path / "coupon.pdf"
    code, _, err = cli("print", "slip", "--appointment", a.id, "--out", str(out))
    assert code == 3 and "annulé" in err
    assert not out.exists()


def test_pdf_metadata_names_the_printer(cli, demo: Services, tmp_path: Path) -> None:
    lead = demo.directory.staff(role=Role.SITE_LEAD)[0]
    out = tmp_path / "jour.pdf"
    code, _, err = cli("print", "day", "--date", "02/03/2027", "--as", lead.display_name, "--out", str(out))
    assert code == 0, err
    meta = PdfReader(out).metadata
    assert meta.title.startswith(f"Planning du jour – {long_date(DAY)}")
    assert meta.author.startswith(f"{lead.display_name} (Mission Locale de Paris")
    assert prints(demo)[-1].actor_id == lead.id
