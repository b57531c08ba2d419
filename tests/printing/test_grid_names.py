"""Names in the by-room day schedule (issue #13): cut with "…" never bare, short blocks show the time
and the first name's initial, long names never break inside a word, a session without a room."""

from __future__ import annotations

import io
from datetime import date, time

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from mlplanner.printing.fonts import register_fonts
from mlplanner.printing.model import GridBlock, GridColumn
from mlplanner.printing.textfit import ELLIPSIS
from mlplanner.printing.timegrid import GridArea, draw_grid

register_fonts()


class RecordingCanvas(Canvas):
    """A canvas that remembers every string drawn, with its position."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), pagesize=landscape(A4))
        self.texts: list[tuple[float, float, str]] = []

    def drawString(self, x, y, text, *a, **k):  # type: ignore[override]
        self.texts.append((x, y, text))
        return super().drawString(x, y, text, *a, **k)

    def drawRightString(self, x, y, text, *a, **k):  # type: ignore[override]
        self.texts.append((x, y, text))
        return super().drawRightString(x, y, text, *a, **k)

    def drawCentredString(self, x, y, text, *a, **k):  # type: ignore[override]
        self.texts.append((x, y, text))
        return super().drawCentredString(x, y, text, *a, **k)


def _grid(blocks: list[GridBlock], n_columns: int = 12) -> RecordingCanvas:
    """A by-room grid as the day schedule draws it: 12 rooms on A4 landscape, 09:00 to 17:30."""
    c = RecordingCanvas()
    columns = [GridColumn(f"Bureau {i + 1}", "3 places") for i in range(n_columns)]
    draw_grid(c, GridArea(28, 60, 786, 440), columns, blocks, 9 * 60, 17 * 60 + 30)
    return c


COLUMN_W = (786 - 60) / 12  # the grid's width less both time axes, over 12 columns


def _block_texts(c: RecordingCanvas, start_y: float, end_y: float, column: int = 0) -> list[str]:
    """Strings drawn inside a column between two heights (the time axes are outside the columns)."""
    left = 28 + 30 + column * COLUMN_W
    return [t for x, y, t in c.texts if end_y < y < start_y and left <= x < left + COLUMN_W]


def _b(title: str, start: tuple[int, int], end: tuple[int, int], column: int = 0) -> GridBlock:
    return GridBlock(column, time(*start), time(*end), title, "Entretien de suivi · Claire Lefèvre")


def _ys(block: GridBlock) -> tuple[float, float]:
    """Vertical extent of a block in `_grid`'s geometry (top of the grid minus the column heads)."""
    top = 60 + 440 - 30
    per_min = (top - 60) / (8.5 * 60)
    y0 = top - ((block.start.hour * 60 + block.start.minute) - 540) * per_min
    y1 = top - ((block.end.hour * 60 + block.end.minute) - 540) * per_min
    return y0, y1


def test_short_name_keeps_the_last_name_and_the_first_names_initials() -> None:
    from mlplanner.printing.formatting import short_name

    assert short_name("BELKACEM Yanis") == "BELKACEM Y."
    assert short_name("N'DIAYE Aïssatou") == "N'DIAYE A."
    assert short_name("DE LA FONTAINE Jean-Marc") == "DE LA FONTAINE J.-M."
    assert short_name("LŒUVRE Éloïse") == "LŒUVRE É."
    assert short_name("Atelier CV") == "Atelier CV"  # not a person's name: left alone


def test_twenty_minute_blocks_show_the_time_and_tell_two_belkacem_apart() -> None:
    yanis, sarah = _b("BELKACEM Yanis", (9, 0), (9, 20)), _b("BELKACEM Sarah", (9, 20), (9, 40))
    c = _grid([yanis, sarah])
    first, second = (" ".join(_block_texts(c, *_ys(b))) for b in (yanis, sarah))
    assert "09:00" in first and "09:20" in second
    assert "Y" in first.replace("BELKACEM", "") and "S" in second.replace("BELKACEM", "")
    assert first.replace("09:00", "").replace("09:20", "") != second.replace("09:00", "").replace("09:20", "")


def test_a_name_that_does_not_fit_ends_with_an_ellipsis_never_bare() -> None:
    """Three appointments at once in one room share its column (lanes): "SISSOK" must read "SISS…"."""
    blocks = [_b(name, (10, 0), (10, 20)) for name in ("SISSOKO Aminata", "TRAORÉ Moussa", "BA Fatou")]
    c = _grid(blocks)
    texts = _block_texts(c, *_ys(blocks[0]))
    words = {"SISSOKO", "Aminata", "TRAORÉ", "Moussa", "BA", "Fatou", "A.", "M.", "F."}
    assert texts
    for text in texts:
        for token in text.split():
            if token[:2].isdigit():
                continue  # the time
            assert token in words or token.endswith(ELLIPSIS), (token, texts)


def test_long_names_never_break_inside_a_word() -> None:
    title = "CŒURDEROY-MONTALEMBERT Marie-Bernadette"
    blocks = [_b(title, (11, 0), (12, 0), column=i) for i in range(12)]
    c = _grid(blocks)
    allowed = {
        "CŒURDEROY-",
        "MONTALEMBERT",
        "Marie-",
        "Bernadette",
        "CŒURDEROY-MONTALEMBERT",
        "Marie-Bernadette",
    }
    for block in blocks[:1]:
        for text in _block_texts(c, *_ys(block)):
            if text.startswith("Entretien") or ":" in text:
                continue  # subtitle and time
            for token in text.split():
                assert token in allowed or token.endswith(ELLIPSIS), (token, text)


def test_roster_of_a_session_without_room_names_the_site_alone() -> None:
    import subprocess
    import tempfile
    from pathlib import Path

    from mlplanner.printing.model import RosterDoc, SiteHeader, participants
    from mlplanner.printing.roster import render_roster

    doc = RosterDoc(
        header=SiteHeader("Mission Locale de Paris", "Site Paris 13"),
        title="Atelier CV",
        day=date(2027, 4, 6),
        start=time(9, 30),
        end=time(12, 0),
        room="",
        facilitators=("Claire Lefèvre",),
        participants=participants([("KONÉ", "Kévin")]),
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "roster.pdf"
        render_roster(doc, out)
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    line = next(line for line in text.splitlines() if line.strip().startswith("Lieu"))
    assert "–" not in line and "Site Paris 13" in line
