"""Page furniture shared by every document: the site header, the footer with "page x / y", metadata.

"page x / y" needs the page count before the first page is final, so the canvas keeps each page's
state and draws the footers when it is saved (the classic reportlab two-pass canvas).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from mlplanner.printing import style
from mlplanner.printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from mlplanner.printing.formatting import author, printed_line
from mlplanner.printing.model import SiteHeader
from mlplanner.printing.textfit import ellipsize, fit

Output = Path | str | BinaryIO

HEADER_BAND = 40.0  # logos and organisation lines
PERSONAL_DATA_NOTE = "Document nominatif : à ne pas laisser en libre accès, à détruire après usage."


@dataclass(frozen=True)
class Furniture:
    """What the header and the footer of a document say."""

    header: SiteHeader
    title: str
    subtitle: str = ""
    personal_data: bool = True  # footer asks not to leave it lying around
    show_funders: bool = False  # funders' logos on the right of the header (sign-in sheets)
    trace: bool = True  # footer says when and by whom it was printed (not on the youth's slip)


def target(out: Output) -> Any:
    """reportlab takes a file name or a binary file object."""
    return str(out) if isinstance(out, Path) else out


def _draw_logo(c: Canvas, path: Path, x: float, y: float, max_w: float, h: float, *, right: bool) -> float:
    """Draw a logo scaled to height ``h`` (narrower if needed); returns the width used (0 if unreadable)."""
    # one reader per logo and document: reportlab decodes a new reader's pixels on every page to find
    # the image it already embedded (a sixth of a 6-page day schedule's time); a reader keeps them
    readers: dict[str, ImageReader] = c.__dict__.setdefault("_mlplanner_logos", {})
    try:
        reader = readers.get(str(path)) or ImageReader(str(path))
        iw, ih = reader.getSize()
    except OSError:
        return 0.0  # a missing logo must not stop the day's printing
    readers[str(path)] = reader
    w = min(max_w, h * iw / ih)
    dh = w * ih / iw
    c.drawImage(reader, x - w if right else x, y + (h - dh) / 2, w, dh, mask="auto")
    return w


def _title_row(f: Furniture, width: float) -> bool:
    """Title on its own row under the band: when funders' logos take the right, or on portrait pages."""
    return bool(f.show_funders and f.header.funder_logos) or width < 600


def fit_line(text: str, font: str, size: float, min_size: float, width: float) -> tuple[float, str]:
    """One line of text: a little smaller if that makes it fit, else cut with an ellipsis."""
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    return size, ellipsize(text, font, size, width)


def header_height(f: Furniture, width: float) -> float:
    """Height taken by the header, down to and including its rule."""
    return HEADER_BAND + (30.0 if _title_row(f, width) else 8.0)


def draw_header(c: Canvas, f: Furniture, x: float, top: float, width: float) -> None:
    """Logo and organisation on the left; the title on the right, or on a row of its own below."""
    h = f.header
    band_y = top - HEADER_BAND
    left = x
    if h.logo is not None:
        used = _draw_logo(c, h.logo, x, band_y, 120, HEADER_BAND, right=False)
        left = x + used + (10 if used else 0)
    right_edge = x + width
    if f.show_funders:
        for logo in reversed(h.funder_logos):
            used = _draw_logo(c, logo, right_edge, band_y + 2, 150, HEADER_BAND - 4, right=True)
            right_edge -= used + (10 if used else 0)
    title_row = _title_row(f, width)
    if title_row:
        text_w = right_edge - 10 - left
    else:
        tw = width * 0.5
        t = fit(f.title, BOLD, tw, 20, max_size=16, min_size=10)
        title_w = max(c.stringWidth(t.lines[0], BOLD, t.size), c.stringWidth(f.subtitle, REGULAR, 10.5))
        text_w = x + width - min(title_w, tw) - 16 - left
    contact = "  ·  ".join(p for p in (h.address, f"Tél. {h.phone}" if h.phone else "") if p)
    lines = ((h.organisation, BOLD, 10.5, style.BRAND, 11), (h.site_name, REGULAR, 9, style.INK, 23))
    for text, font, size, colour, dy in (*lines, (contact, REGULAR, 7.5, style.MUTED, 34)):
        fitted_size, fitted = fit_line(text, font, size, size - 1.5, text_w)
        c.setFillColor(colour)
        c.setFont(font, fitted_size)
        c.drawString(left, top - dy, fitted)

    if title_row:
        title = ellipsize(f.title, BOLD, 15, width * 0.5)
        c.setFillColor(style.BRAND)
        c.setFont(BOLD, 15)
        c.drawString(x, band_y - 20, title)
        if f.subtitle:
            sub_w = width - c.stringWidth(title, BOLD, 15) - 20
            sub_size, sub = fit_line(f.subtitle, REGULAR, 10, 8, sub_w)
            c.setFillColor(style.INK)
            c.setFont(REGULAR, sub_size)
            c.drawRightString(x + width, band_y - 19.5, sub)
        rule_y = band_y - 28
    else:
        c.setFillColor(style.BRAND)
        c.setFont(BOLD, t.size)
        c.drawRightString(x + width, top - 4 - t.size * 0.9, t.lines[0])
        if f.subtitle:
            c.setFillColor(style.INK)
            c.setFont(REGULAR, 10.5)
            c.drawRightString(x + width, top - 35, ellipsize(f.subtitle, REGULAR, 10.5, tw))
        rule_y = band_y - 6
    c.setStrokeColor(style.BRAND)
    c.setLineWidth(1.2)
    c.line(x, rule_y, x + width, rule_y)


def draw_footer(c: Canvas, f: Furniture, page: int, pages: int) -> None:
    """Who printed, the personal-data reminder and "page x / y"; the reminder drops to a second
    line when the page is too narrow for all three."""
    pw, _ = c._pagesize  # type: ignore[attr-defined]  # reportlab has no public getter
    x0, x1, y = style.MARGIN, pw - style.MARGIN, style.FOOTER_Y
    c.saveState()
    c.setStrokeColor(style.RULE)
    c.setLineWidth(0.5)
    c.line(x0, y + 9, x1, y + 9)
    org = f"{f.header.organisation} – {f.header.site_name}" if f.header.site_name else f.header.organisation
    left = ellipsize((printed_line(f.header) if f.trace else "") or org, REGULAR, 7, (x1 - x0) * 0.45)
    right = f"page {page} / {pages}"
    left_w = c.stringWidth(left, REGULAR, 7)
    right_w = c.stringWidth(right, BOLD, 7.5)
    c.setFillColor(style.MUTED)
    c.setFont(REGULAR, 7)
    c.drawString(x0, y, left)
    if f.personal_data:
        c.setFont(ITALIC, 6.5)
        note_w = c.stringWidth(PERSONAL_DATA_NOTE, ITALIC, 6.5)
        free_x0, free_x1 = x0 + left_w + 12, x1 - right_w - 12
        if note_w <= free_x1 - free_x0:
            c.drawCentredString((free_x0 + free_x1) / 2, y, PERSONAL_DATA_NOTE)
        else:
            c.drawString(x0, y - 8.5, ellipsize(PERSONAL_DATA_NOTE, ITALIC, 6.5, x1 - x0))
    c.setFont(BOLD, 7.5)
    c.setFillColor(style.INK)
    c.drawRightString(x1, y, right)
    c.restoreState()


class NumberedCanvas(Canvas):
    """Holds every page until ``save`` so each footer can say "page x / y"."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        # Without this, reportlab starts every page in (unembedded) Helvetica.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's method name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            draw_footer(self, self._furniture, number, total)
            super().showPage()
        super().save()

    @property
    def page_count(self) -> int:
        return len(self._pages)


def make_canvas(out: Output, f: Furniture, pagesize: tuple[float, float]) -> NumberedCanvas:
    """A canvas for documents drawn by hand (the time grids), with metadata and embedded fonts."""
    register_fonts()
    c = NumberedCanvas(target(out), pagesize=pagesize, furniture=f, pageCompression=1)
    c.setTitle(f"{f.title} – {f.subtitle}" if f.subtitle else f.title)
    c.setAuthor(author(f.header))
    c.setSubject(f.header.organisation)
    c.setCreator("mlplanner")
    return c


def build_flowing(
    out: Output,
    f: Furniture,
    story: Sequence[Flowable],
    pagesize: tuple[float, float],
    *,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> int:
    """Lay out flowables (tables, paragraphs) under the site header; returns the number of pages."""
    register_fonts()
    pw, ph = pagesize
    top = ph - style.MARGIN
    frame_top = top - header_height(f, pw - 2 * style.MARGIN) - 10
    frame = Frame(
        style.MARGIN,
        style.FOOTER_Y + 16,
        pw - 2 * style.MARGIN,
        frame_top - style.FOOTER_Y - 16,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def decorate(c: Canvas, doc: BaseDocTemplate) -> None:
        c.saveState()
        draw_header(c, f, style.MARGIN, top, pw - 2 * style.MARGIN)
        c.restoreState()
        if on_page is not None:
            on_page(c, doc)

    doc = BaseDocTemplate(
        target(out),
        pagesize=pagesize,
        title=f"{f.title} – {f.subtitle}" if f.subtitle else f.title,
        author=author(f.header),
        subject=f.header.organisation,
        creator="mlplanner",
        leftMargin=style.MARGIN,
        rightMargin=style.MARGIN,
        topMargin=style.MARGIN,
        bottomMargin=style.MARGIN,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    holder: list[NumberedCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, furniture=f, **kwargs)
        holder.append(canvas)
        return canvas

    doc.build(list(story), canvasmaker=partial(maker))
    return holder[-1].page_count if holder else 0
