"""The site's day schedule pinned at reception: A4 landscape, one column per counsellor or room.

Up to ``COLUMNS_PER_PAGE`` columns fit a page; further columns continue on the next pages, each with
its own time axis, header and legend, so any page can be pinned on its own.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape

from mlplanner.printing import style
from mlplanner.printing.fonts import REGULAR
from mlplanner.printing.formatting import long_date
from mlplanner.printing.layout import Furniture, Output, draw_header, header_height, make_canvas
from mlplanner.printing.model import DayGrid, GridBlock, Grouping
from mlplanner.printing.timegrid import LEGEND_H, GridArea, check_columns, draw_grid, draw_legend, grid_bounds

COLUMNS_PER_PAGE = 12


def day_schedule_title(doc: DayGrid) -> str:
    return "Planning du jour par salle" if doc.grouping is Grouping.ROOM else "Planning du jour"


def column_chunks(n: int) -> list[range]:
    """Columns of each page: as few pages as possible, balanced (15 columns print as 8 + 7, not 12 + 3)."""
    if n == 0:
        return [range(0)]
    pages = -(-n // COLUMNS_PER_PAGE)
    per_page = -(-n // pages)
    return [range(i, min(i + per_page, n)) for i in range(0, n, per_page)]


def render_day_schedule(doc: DayGrid, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages."""
    check_columns(doc.blocks, len(doc.columns))
    pagesize = landscape(A4)
    pw, ph = pagesize
    furniture = Furniture(doc.header, day_schedule_title(doc), long_date(doc.day), personal_data=True)
    c = make_canvas(out, furniture, pagesize)
    lo, hi = grid_bounds(doc.start, doc.end, doc.blocks)
    n = len(doc.columns)
    chunks = column_chunks(n)
    width = pw - 2 * style.MARGIN
    top = ph - style.MARGIN
    for chunk in chunks:
        draw_header(c, furniture, style.MARGIN, top, width)
        grid_top = top - header_height(furniture, width) - 10
        if len(chunks) > 1:
            c.setFont(REGULAR, 7.5)
            c.setFillColor(style.MUTED)
            what = "salles" if doc.grouping is Grouping.ROOM else "colonnes"
            c.drawRightString(
                style.MARGIN + width, grid_top + 1, f"{what} {chunk.start + 1} à {chunk.stop} sur {n}"
            )
            grid_top -= 8
        bottom = style.FOOTER_Y + 16 + LEGEND_H
        area = GridArea(style.MARGIN, bottom, width, grid_top - bottom)
        blocks = [
            GridBlock(b.column - chunk.start, b.start, b.end, b.title, b.subtitle, b.colour, b.kind, b.status)
            for b in doc.blocks
            if b.column in chunk
        ]
        draw_grid(c, area, [doc.columns[i] for i in chunk], blocks, lo, hi, doc.closed)
        draw_legend(c, style.MARGIN, bottom - 12, width, blocks)
        c.showPage()
    pages = c.page_count
    c.save()
    return pages
