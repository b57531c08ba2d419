"""The reminder call list: who to phone today about their appointment of ``day`` (the day after tomorrow).

One line per appointment with a box to tick once reached and room to note "message" or "injoignable".
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from mlplanner.domain.enums import Mode
from mlplanner.domain.labels import MODE_FR
from mlplanner.printing import style
from mlplanner.printing.fonts import BOLD, register_fonts
from mlplanner.printing.formatting import hm, long_date
from mlplanner.printing.layout import Furniture, Output, build_flowing
from mlplanner.printing.model import CallListDoc, CallRow

PHONE = style.paragraph_style("phone", fontName=BOLD, fontSize=9.5, leading=12)
COLUMNS = (22, 40, 128, 96, 100)  # tick, time, youth, phone, counsellor; the result column takes the rest


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 10) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c: Canvas = self.canv
        c.setStrokeColor(style.INK)
        c.setLineWidth(0.8)
        c.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _row(r: CallRow) -> list[object]:
    what = escape(r.type_label)
    if r.mode is not Mode.ON_SITE:
        what = f"{what} · {escape(MODE_FR[r.mode])}" if what else escape(MODE_FR[r.mode])
    youth: list[Flowable] = [Paragraph(escape(r.youth_name), style.NAME_BOLD)]
    if what:
        youth.append(Paragraph(what, style.CELL_SMALL))
    return [
        TickBox(),
        Paragraph(hm(r.start), style.CELL_BOLD),
        youth,
        Paragraph(escape(r.phone) or "<i>pas de numéro</i>", PHONE),
        Paragraph(escape(r.counsellor_name), style.NAME),
        "",
    ]


def render_call_list(doc: CallListDoc, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages."""
    register_fonts()
    width = A4[0] - 2 * style.MARGIN
    furniture = Furniture(doc.header, "Appels de rappel", f"Rendez-vous du {long_date(doc.day)}")
    rows = sorted(doc.rows, key=lambda r: (r.start, r.youth_name))
    count = len(rows)
    intro = (
        f"<b>{count} jeune{'s' if count > 1 else ''} à appeler</b> pour leur rappeler leur rendez-vous du "
        f"{long_date(doc.day)}. Cochez la case quand la personne est jointe ; sinon notez « message laissé » "
        "ou « injoignable »."
        if rows
        else f"Aucun rendez-vous à rappeler pour le {long_date(doc.day)}."
    )
    story: list[Flowable] = [Paragraph(intro, style.BODY)]
    if rows:
        head = [
            Paragraph("✓", style.TH_CENTER),
            *(
                Paragraph(t, style.TH)
                for t in ("Heure", "Jeune", "Téléphone", "Conseiller", "Résultat de l'appel")
            ),
        ]
        table = Table(
            [head, *(_row(r) for r in rows)],
            colWidths=[*COLUMNS, width - sum(COLUMNS)],
            repeatRows=1,
        )
        cmds = style.table_commands(zebra_rows=len(rows))
        cmds += [
            ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("TOPPADDING", (0, 1), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
            ("LINEBEFORE", (5, 1), (5, -1), 0.4, style.RULE),
        ]
        table.setStyle(TableStyle(cmds))
        story += [Spacer(1, 8), table]
    return build_flowing(out, furniture, story, A4)
