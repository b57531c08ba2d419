"""The sign-in sheet: every page identifies the session, repeats the table header and says "page x / y"."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from printing_samples import pdf_pages_text, roster, text_runs
from pypdf import PdfReader

from mlplanner.printing import Participant, render_roster
from mlplanner.printing.roster import FIRST_W, LAST_W, NUMBER_W
from mlplanner.printing.style import FOOTER_Y, MARGIN


def _render(doc) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = render_roster(doc, buf)
    return pages, buf.getvalue()


def test_forty_participants_span_pages_with_the_header_repeated() -> None:
    doc = roster(40)
    pages, pdf = _render(doc)
    texts = pdf_pages_text(pdf)
    assert pages == len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / {pages}" in text
        assert "Feuille d'émargement" in text
        assert "mardi 6 avril 2027" in text  # the session is named on every page
        assert re.search(r"N°\s*Nom\s*Prénom\s*Matin\s*Après-midi", text), number  # repeated table header
    everything = "\n".join(texts)
    joined = everything.replace("-\n", "-")  # a long name wraps after its hyphen
    for p in doc.participants:
        assert p.last_name.upper() in joined, p
    numbers = [int(n) for n in re.findall(r"^(\d{1,2})$", everything, flags=re.MULTILINE)]
    assert numbers == list(range(1, 46))  # 40 participants, then 5 numbered blank rows for walk-ins
    for expected in ("Claire Lefèvre", "Karim Benali (partenaire France Travail)", "Nombre de présents"):
        assert expected in texts[-1]


def test_first_page_describes_the_session_for_the_funder() -> None:
    _, pdf = _render(roster(12))
    text = pdf_pages_text(pdf)[0]
    for expected in (
        "Atelier CV et lettre de motivation : « Se présenter à un employeur »",
        "9 h 30 – 16 h 30",
        "Salle Brocéliande (rez-de-chaussée) – Antenne de Montfort-sur-Meu",
        "Claire Lefèvre, Karim Benali",
        "Fonds social européen plus (FSE+)",
        "12 inscrits",
    ):
        assert expected in text, expected


def test_funder_logos_are_printed_on_every_page() -> None:
    _, pdf = _render(roster(40))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        images = [
            name
            for name, obj in page["/Resources"]["/XObject"].items()
            if obj.get_object()["/Subtype"] == "/Image"
        ]
        assert len(images) == 2  # the Mission Locale's logo and the FSE+ placeholder


def test_missing_logo_files_do_not_stop_the_print(tmp_path) -> None:
    doc = roster(3)
    header = replace(doc.header, logo=tmp_path / "absent.png", funder_logos=(tmp_path / "gone.png",))
    pages, pdf = _render(replace(doc, header=header))
    assert pages == 1 and "Feuille d'émargement" in pdf_pages_text(pdf)[0]


def test_multi_day_workshop_gets_one_column_per_half_day_on_a_landscape_page() -> None:
    _, pdf = _render(roster(8, end_day=date(2027, 4, 8)))
    text = pdf_pages_text(pdf)[0]
    assert "du mardi 6 au jeudi 8 avril 2027" in text
    for label in ("mar. 06/04", "mer. 07/04", "jeu. 08/04"):
        assert label in text
    assert text.count("après-midi") >= 3
    mediabox = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(mediabox[2]) > float(mediabox[3])


def test_long_names_never_leave_their_cell() -> None:
    people = (
        Participant("BENMOHAMMED-ABDELKADER-OUEDRAOGO-DA SILVA", "Jean-Christophe Marie-Aïssatou"),
        Participant("Anticonstitutionnellementissimementeux", "Œdipe-Éloïse-Françoise"),
        *(Participant(f"NOM{i}", "Léa") for i in range(30)),
    )
    _, pdf = _render(replace(roster(1), participants=people))
    columns = [MARGIN, MARGIN + NUMBER_W, MARGIN + NUMBER_W + LAST_W, MARGIN + NUMBER_W + LAST_W + FIRST_W]
    checked = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs = text_runs(page)
        head_y = max(r.y for r in runs if r.text.startswith("Prénom"))
        closing = [r.y for r in runs if r.text.startswith("Animation : nom")]
        floor = max(closing) + 1 if closing else FOOTER_Y + 12  # above the footer
        for run in runs:
            if not (floor < run.y < head_y) or not (columns[0] <= run.x < columns[-1]):
                continue
            right = next(edge for edge in columns[1:] if run.x < edge)
            assert run.x + run.width <= right, run
            checked += 1
    assert checked >= 64
