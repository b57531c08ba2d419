"""A counsellor's day sheet: A4 portrait list of the day's appointments with room to write notes."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from mlplanner.domain.enums import Mode, Status
from mlplanner.domain.labels import MODE_FR
from mlplanner.printing import style
from mlplanner.printing.fonts import register_fonts
from mlplanner.printing.formatting import hm, long_date
from mlplanner.printing.layout import Furniture, Output, build_flowing
from mlplanner.printing.model import CounsellorDayDoc, CounsellorDayRow

ROW_HEIGHT = 50  # enough to jot two or three lines by hand
COLUMNS = (44, 124, 84, 104)  # time, youth, phone, type & place; notes take the rest


def _summary(doc: CounsellorDayDoc) -> str:
    active = [r for r in doc.rows if r.status.occupies_slot]
    if not active:
        return "Aucun rendez-vous ce jour."
    first = min(r.start for r in active)
    last = max(r.end for r in active)
    count = f"{len(active)} rendez-vous" if len(active) > 1 else "1 rendez-vous"
    cancelled = len(doc.rows) - len(active)
    extra = f" (et {cancelled} annulé{'s' if cancelled > 1 else ''})" if cancelled else ""
    return f"<b>{count}</b>{extra}, de {hm(first)} à {hm(last)}"


def _row(r: CounsellorDayRow) -> list[Any]:
    off = r.status.is_cancelled or r.status is Status.EXCUSED
    name = escape(r.youth_name)
    who: list[Flowable] = [
        Paragraph(f"<strike>{name}</strike>" if off else name, style.NAME if off else style.NAME_BOLD)
    ]
    mark = style.status_mark(r.status)
    if mark:
        colour = style.status_colour(r.status).hexval().replace("0x", "#")
        who.append(Paragraph(f"<font color='{colour}'>{escape(mark)}</font>", style.CELL_SMALL))
    where = MODE_FR[r.mode] if r.mode is not Mode.ON_SITE else (r.room_name or MODE_FR[r.mode])
    if r.with_whom:
        where += f" · avec {r.with_whom}"
    return [
        [Paragraph(hm(r.start), style.CELL_BOLD), Paragraph(hm(r.end), style.CELL_SMALL)],
        who,
        Paragraph(escape(r.phone) or "–", style.CELL),
        [Paragraph(escape(r.type_label), style.NAME), Paragraph(escape(where), style.CELL_SMALL)],
        Paragraph(escape(r.notes), style.CELL_ITALIC),
    ]


def render_counsellor_day(doc: CounsellorDayDoc, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages."""
    register_fonts()  # before any Paragraph: their styles name the DejaVu faces
    furniture = Furniture(doc.header, "Rendez-vous du jour", f"{doc.counsellor_name} · {long_date(doc.day)}")
    width = A4[0] - 2 * style.MARGIN
    head = [Paragraph(t, style.TH) for t in ("Heure", "Jeune", "Téléphone", "Objet, lieu", "Notes")]
    rows = sorted(doc.rows, key=lambda r: (r.start, r.end))
    widths = [*COLUMNS, width - sum(COLUMNS)]
    data = [head, *(_row(r) for r in rows)]
    heights = [0.0] + [float(ROW_HEIGHT)] * len(rows)
    table = Table(data, colWidths=widths, repeatRows=1, minRowHeights=heights)
    cmds = style.table_commands()
    for i, r in enumerate(rows, start=1):
        if r.status.is_cancelled or r.status is Status.EXCUSED:
            cmds.append(("BACKGROUND", (0, i), (-1, i), style.FAINT))
        cmds.append(("LINEBEFORE", (4, i), (4, i), 0.4, style.RULE))
    table.setStyle(TableStyle(cmds))
    intro = Paragraph(_summary(doc), style.BODY)
    story = [intro, Spacer(1, 8), table] if rows else [intro]
    return build_flowing(out, furniture, story, A4)
