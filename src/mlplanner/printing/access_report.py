"""The right-of-access document (RGPD art. 15): everything held about one young person, as tables.

Plain data in (`AccessReport`), a PDF out; the service builds the sections, so the CSV export and this
document always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from mlplanner.printing import style
from mlplanner.printing.fonts import register_fonts
from mlplanner.printing.layout import Furniture, Output, build_flowing
from mlplanner.printing.model import SiteHeader


@dataclass(frozen=True)
class ReportSection:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths (default: equal)
    empty: str = "Aucune donnée."
    key_value: bool = False  # rows are (field, value) pairs, not records


@dataclass(frozen=True)
class AccessReport:
    header: SiteHeader
    subject: str  # the young person's name as held
    intro: str  # what this document is, retention periods, how to ask for corrections
    sections: tuple[ReportSection, ...]


def _cell(text: str, st: object = style.CELL) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), st)  # type: ignore[arg-type]


def _table(section: ReportSection, width: float) -> Table:
    weights = section.widths or tuple(1.0 for _ in section.headers)
    total = sum(weights)
    widths = [width * w / total for w in weights]
    data = [[_cell(h, style.TH) for h in section.headers]]
    data += [[_cell(v) for v in row] for row in section.rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(style.table_commands(zebra_rows=len(section.rows)))
    return table


def render_access_report(doc: AccessReport, out: Output) -> int:
    """Write the PDF; returns the number of pages."""
    register_fonts()  # paragraphs resolve their font when built, before the document registers it
    pagesize = landscape(A4)
    width = pagesize[0] - 2 * style.MARGIN
    story: list[object] = [
        Paragraph(escape(doc.subject), style.TITLE),
        Spacer(1, 4),
        Paragraph(escape(doc.intro), style.SMALL),
        Spacer(1, 6),
    ]
    for section in doc.sections:
        heading = Paragraph(f"{escape(section.title)} ({len(section.rows)})", style.H2)
        if section.rows:
            story.append(
                KeepTogether([heading, _table(section, width)]) if len(section.rows) < 6 else heading
            )
            if len(section.rows) >= 6:
                story.append(_table(section, width))
        else:
            story += [heading, Paragraph(escape(section.empty), style.SMALL)]
    furniture = Furniture(header=doc.header, title="Données personnelles détenues", subtitle=doc.subject)
    return build_flowing(out, furniture, story, pagesize)  # type: ignore[arg-type]
