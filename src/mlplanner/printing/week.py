"""A counsellor's week on one A4 landscape page: one column per day, the same grid as the day schedule."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape

from mlplanner.printing import style
from mlplanner.printing.formatting import day_month, week_title
from mlplanner.printing.layout import Furniture, Output, draw_header, header_height, make_canvas
from mlplanner.printing.model import GridColumn, WeekDoc
from mlplanner.printing.timegrid import LEGEND_H, GridArea, check_columns, draw_grid, draw_legend, grid_bounds


def week_columns(doc: WeekDoc) -> list[GridColumn]:
    columns = []
    for i, d in enumerate(doc.days):
        note = doc.day_notes[i] if i < len(doc.day_notes) else ""
        unavailable = doc.unavailable[i] if i < len(doc.unavailable) else ()
        columns.append(GridColumn(day_month(d), f"{d:%d/%m/%Y}", unavailable, note))
    return columns


def render_week(doc: WeekDoc, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages (always 1)."""
    check_columns(doc.blocks, len(doc.days))
    pagesize = landscape(A4)
    pw, ph = pagesize
    subtitle = f"{doc.counsellor_name} · {week_title(doc.days)}" if doc.days else doc.counsellor_name
    furniture = Furniture(doc.header, "Planning de la semaine", subtitle, personal_data=True)
    c = make_canvas(out, furniture, pagesize)
    width = pw - 2 * style.MARGIN
    top = ph - style.MARGIN
    draw_header(c, furniture, style.MARGIN, top, width)
    grid_top = top - header_height(furniture, width) - 10
    bottom = style.FOOTER_Y + 16 + LEGEND_H
    lo, hi = grid_bounds(doc.start, doc.end, doc.blocks)
    draw_grid(
        c,
        GridArea(style.MARGIN, bottom, width, grid_top - bottom),
        week_columns(doc),
        doc.blocks,
        lo,
        hi,
        doc.closed,
    )
    draw_legend(c, style.MARGIN, bottom - 12, width, doc.blocks)
    c.showPage()
    c.save()
    return 1
