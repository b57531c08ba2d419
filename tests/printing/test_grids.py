"""The site's day schedule and the counsellor's week: text, pages, time axis, and nothing overflowing."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import time

import pytest
from printing_samples import COUNSELLORS, day_grid, pdf_pages_text, text_runs, week_doc
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape

from mlplanner.domain.enums import Status
from mlplanner.printing import GridBlock, GridColumn, Grouping, render_day_schedule, render_week
from mlplanner.printing.layout import HEADER_BAND
from mlplanner.printing.style import FOOTER_Y, MARGIN
from mlplanner.printing.timegrid import AXIS_W, LEGEND_H


def _render(doc, renderer=render_day_schedule) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = renderer(doc, buf)
    return pages, buf.getvalue()


def test_day_schedule_prints_names_times_statuses_and_page_number() -> None:
    pages, pdf = _render(day_grid(6))
    texts = pdf_pages_text(pdf)
    assert pages == len(texts) == 1
    text = texts[0]
    for expected in (
        "Planning du jour",
        "mardi 6 avril 2027",
        "Éloïse Lœuvre",
        "CŒURDEROY Maëlle",
        "N'DIAYE Aïssatou",
        "09:00–09:45",
        "✓ reçu",
        "✗ absent",
        "annulé",
        "Absente (formation)",
        "page 1 / 1",
        "Mission Locale du Pays de Brocéliande",
    ):
        assert expected in text, expected
    width, height = (float(v) for v in PdfReader(io.BytesIO(pdf)).pages[0].mediabox[2:])
    assert (round(width), round(height)) == tuple(round(v) for v in landscape(A4))


def test_overlapping_appointments_are_both_printed() -> None:
    _, pdf = _render(day_grid(1))
    text = pdf_pages_text(pdf)[0]
    assert "LAMBERT" in text and "ROUSSEAU" in text  # 10:00–11:00 and the forced 10:30–11:00


def test_fifteen_counsellors_continue_on_a_second_page_with_the_time_axis() -> None:
    pages, pdf = _render(day_grid(15))
    texts = pdf_pages_text(pdf)
    assert pages == len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / 2" in text
        assert "Planning du jour" in text and "mardi 6 avril 2027" in text
        for hour in ("08:30", "09:00", "12:00", "17:00", "18:00"):
            assert text.count(hour) >= 2, (number, hour)  # axis on both sides of the grid
    assert "colonnes 1 à 8 sur 15" in texts[0] and "colonnes 9 à 15 sur 15" in texts[1]
    for _name, room in COUNSELLORS:  # each counsellor's column (headed by the room) on exactly one page
        assert sum(bool(re.search(rf"{room}\b", t)) for t in texts) == 1, room


def test_twelve_columns_still_fit_one_page() -> None:
    pages, _ = _render(day_grid(12))
    assert pages == 1


def test_room_schedule_says_so_in_its_title() -> None:
    doc = replace(day_grid(3), grouping=Grouping.ROOM)
    _, pdf = _render(doc)
    assert "Planning du jour par salle" in pdf_pages_text(pdf)[0]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Planning du jour par salle – mardi 6 avril 2027"


def test_a_day_with_no_columns_still_prints_a_page() -> None:
    doc = replace(day_grid(1), columns=(), blocks=())
    pages, pdf = _render(doc)
    assert pages == 1 and "page 1 / 1" in pdf_pages_text(pdf)[0]


def test_appointments_outside_opening_hours_widen_the_grid_instead_of_vanishing() -> None:
    late = GridBlock(0, time(18, 15), time(19, 0), "TARDIF Léon", "Entretien", "#4A90D9", "Entretien")
    doc = replace(day_grid(1), blocks=(late,))
    text = pdf_pages_text(_render(doc)[1])[0]
    assert "TARDIF Léon" in text and "19:00" in text


def test_no_text_leaves_its_column_even_with_extreme_names() -> None:
    long_name = "BENMOHAMMED-ABDELKADER-OUEDRAOGO Jean-Christophe Marie-Aïssatou"
    columns = tuple(
        GridColumn(f"Anne-Sophie Baudelaire-Dumontier n°{i}", "Bureau d'accueil collectif du rez-de-chaussée")
        for i in range(12)
    )
    blocks = []
    for i in range(12):
        for start, end in ((time(9), time(9, 15)), (time(10), time(11)), (time(10, 30), time(11))):
            blocks.append(
                GridBlock(
                    i,
                    start,
                    end,
                    long_name,
                    "Accompagnement renforcé · Bureau 12",
                    "#27AE60",
                    "x",
                    Status.NO_SHOW,
                )
            )
    doc = replace(day_grid(1), columns=columns, blocks=tuple(blocks))
    _, pdf = _render(doc)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    pw, ph = float(page.mediabox[2]), float(page.mediabox[3])
    left, right = MARGIN + AXIS_W, pw - MARGIN - AXIS_W
    grid_top, grid_bottom = ph - MARGIN - HEADER_BAND - 8, FOOTER_Y + 16 + LEGEND_H - 1
    col_w = (right - left) / 12
    runs = text_runs(page)
    checked = 0
    for run in runs:
        if not (left <= run.x < right and grid_bottom < run.y < grid_top):
            continue  # axis labels, header, legend, footer
        column = int((run.x - left) // col_w)
        assert run.x + run.width <= left + (column + 1) * col_w + 0.01, run
        checked += 1
    assert checked > 12 * 4


def test_week_prints_on_one_page_with_days_notes_and_appointments() -> None:
    pages, pdf = _render(week_doc(), render_week)
    texts = pdf_pages_text(pdf)
    assert pages == len(texts) == 1
    text = texts[0]
    for expected in (
        "Planning de la semaine",
        "Éloïse Lœuvre · du lundi 5 au vendredi 9 avril 2027",
        "lundi 5 avril",
        "vendredi 9 avril",
        "Férié : lundi de Pâques",
        "14:00–14:45",
        "page 1 / 1",
    ):
        assert expected in text, expected


def test_a_block_outside_the_columns_is_a_wiring_error_not_a_silent_gap() -> None:
    stray = GridBlock(6, time(9), time(10), "PERDU Jean")
    with pytest.raises(ValueError, match="column 6"):
        _render(replace(day_grid(6), blocks=(stray,)))
    with pytest.raises(ValueError, match="column 6"):
        _render(replace(week_doc(), blocks=(stray,)), render_week)


def test_a_malformed_type_colour_does_not_stop_the_print() -> None:
    odd = GridBlock(0, time(9), time(10), "COULEUR Zoé", "Suivi", "pas-une-couleur", "Suivi")
    _, pdf = _render(replace(day_grid(1), blocks=(odd,)))
    assert "COULEUR Zoé" in pdf_pages_text(pdf)[0]
