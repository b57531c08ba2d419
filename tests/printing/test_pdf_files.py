"""Properties shared by every document: embedded fonts, metadata, outputs, and non-blank rendered pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from printing_samples import (
    call_list,
    counsellor_day,
    day_grid,
    non_white_ratio,
    pdftoppm_available,
    render_ppm,
    roster,
    slip,
    week_doc,
)
from pypdf import PdfReader

from mlplanner.printing import (
    render_call_list,
    render_counsellor_day,
    render_day_schedule,
    render_roster,
    render_slip,
    render_week,
)

DOCUMENTS: dict[str, tuple[Callable, Callable, str]] = {
    "day": (render_day_schedule, lambda: day_grid(15), "Planning du jour – mardi 6 avril 2027"),
    "week": (
        render_week,
        week_doc,
        "Planning de la semaine – Éloïse Lœuvre · du lundi 5 au vendredi 9 avril 2027",
    ),
    "counsellor": (
        render_counsellor_day,
        counsellor_day,
        "Rendez-vous du jour – Éloïse Lœuvre · mardi 6 avril 2027",
    ),
    "roster": (render_roster, lambda: roster(40), "Feuille d'émargement – mardi 6 avril 2027 · Atelier CV"),
    "slip": (render_slip, slip, "Votre rendez-vous – mardi 6 avril 2027"),
    "calls": (render_call_list, call_list, "Appels de rappel – Rendez-vous du jeudi 8 avril 2027"),
}


@pytest.fixture(params=sorted(DOCUMENTS))
def rendered(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path, int]:
    renderer, make, _ = DOCUMENTS[request.param]
    out = tmp_path / f"{request.param}.pdf"
    pages = renderer(make(), out)
    return request.param, out, pages


def test_metadata_names_the_document_and_who_printed_it(rendered: tuple[str, Path, int]) -> None:
    name, path, pages = rendered
    reader = PdfReader(path)
    assert len(reader.pages) == pages >= 1
    assert reader.metadata.title.startswith(DOCUMENTS[name][2])
    assert reader.metadata.author.startswith("Claire Lefèvre (Mission Locale du Pays de Brocéliande")
    assert reader.metadata.creator == "mlplanner"


def test_every_font_is_embedded_dejavu(rendered: tuple[str, Path, int]) -> None:
    _, path, _ = rendered
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in str(font["/BaseFont"])  # no unembedded Helvetica
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType subset is inside the file


def test_writing_to_a_binary_stream_gives_the_same_document(rendered: tuple[str, Path, int]) -> None:
    name, path, pages = rendered
    renderer, make, _ = DOCUMENTS[name]
    buf = io.BytesIO()
    assert renderer(make(), buf) == pages
    assert buf.getvalue().startswith(b"%PDF-")
    assert [p.extract_text() for p in PdfReader(buf).pages] == [
        p.extract_text() for p in PdfReader(path).pages
    ]


@pytest.mark.skipif(
    not pdftoppm_available(), reason="pdftoppm (Debian package poppler-utils) is not installed"
)
def test_pages_render_and_are_not_blank(rendered: tuple[str, Path, int], tmp_path: Path) -> None:
    name, path, pages = rendered
    images = render_ppm(path, tmp_path)
    assert len(images) == pages
    for image in images:
        ink = non_white_ratio(image)
        assert 0.02 < ink < 0.6, (name, image.name, ink)  # printed on, and not a solid block
