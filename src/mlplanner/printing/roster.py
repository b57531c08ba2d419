"""A workshop's sign-in sheet (feuille d'émargement): the attendance evidence that funders audit.

Every page carries the funders' logos, the session's title and date, the table header and "page x / y",
so a page separated from the others still proves something. One signature cell per half-day.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from mlplanner.printing import style
from mlplanner.printing.fonts import register_fonts
from mlplanner.printing.formatting import half_day_label, half_days_between, long_date, time_span, week_title
from mlplanner.printing.layout import Furniture, Output, build_flowing
from mlplanner.printing.model import HalfDay, RosterDoc

NUMBER_W, LAST_W, FIRST_W = 26, 128, 104
SIGN_ROW_H = 24  # high enough for a signature
PORTRAIT_MAX_HALF_DAYS = 4  # more signature columns than this switch the page to landscape


def roster_half_days(doc: RosterDoc) -> tuple[HalfDay, ...]:
    return doc.half_days or half_days_between(doc.day, doc.end_day or doc.day, doc.start, doc.end)


def roster_dates(doc: RosterDoc) -> str:
    last = doc.end_day or doc.day
    return long_date(doc.day) if last == doc.day else week_title((doc.day, last))


def _info_box(doc: RosterDoc, width: float) -> Table:
    label = style.TH
    # a session without a room takes place at the site: no dangling dash before its name
    place = " – ".join(p for p in (doc.room.strip(), doc.header.site_name) if p)
    rows = [
        ("Action", Paragraph(f"<b>{escape(doc.title)}</b>", style.SUBTITLE)),
        ("Date" if doc.end_day in (None, doc.day) else "Dates", Paragraph(roster_dates(doc), style.BODY)),
        ("Horaires", Paragraph(time_span(doc.start, doc.end), style.BODY)),
        ("Lieu", Paragraph(escape(place), style.BODY)),
        (
            "Animation" if len(doc.facilitators) != 1 else "Animé par",
            Paragraph(escape(", ".join(doc.facilitators)) or "–", style.BODY),
        ),
    ]
    table = Table([[Paragraph(k, label), v] for k, v in rows], colWidths=[80, width - 80])
    table.setStyle(
        TableStyle(
            [
                *style.TABLE_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), style.BRAND_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, style.BRAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return table


def _signature_heads(half_days: tuple[HalfDay, ...]) -> list[Paragraph]:
    with_date = len({h.day for h in half_days}) > 1
    return [
        Paragraph(escape(half_day_label(h, with_date=with_date)).replace("\n", "<br/>"), style.TH_CENTER)
        for h in half_days
    ]


def _sheet_table(doc: RosterDoc, half_days: tuple[HalfDay, ...], width: float) -> Table:
    """One table: participants, blank rows for walk-ins, then the facilitators' signatures and head
    counts in the same signature columns. The end never sits alone on a page: it keeps the last two
    rows above it, and every page repeats the header row."""
    sign_w = (width - NUMBER_W - LAST_W - FIRST_W) / max(len(half_days), 1)
    blanks = ["" for _ in half_days]
    head = [Paragraph("N°", style.TH), Paragraph("Nom", style.TH), Paragraph("Prénom", style.TH)]
    data: list[list[object]] = [[*head, *_signature_heads(half_days)]]
    for n, p in enumerate(doc.participants, start=1):
        data.append(
            [
                Paragraph(str(n), style.CELL_SMALL),
                Paragraph(escape(p.last_name.upper()), style.NAME_BOLD),
                Paragraph(escape(p.first_name), style.NAME),
                *blanks,
            ]
        )
    first_blank = len(data)
    for n in range(len(doc.participants) + 1, len(doc.participants) + 1 + doc.blank_rows):
        data.append([Paragraph(str(n), style.CELL_SMALL), "", "", *blanks])
    people_end = len(data)
    attest = (
        "Animation : nom et signature. L'animateur ou l'animatrice certifie que les personnes ci-dessus "
        "ont assisté à l'action aux demi-journées qu'elles ont signées."
    )
    data.append([Paragraph(attest, style.CELL_SMALL), "", "", *blanks])
    facilitators = doc.facilitators or ("",)
    for name in facilitators:
        data.append([Paragraph(escape(name), style.NAME_BOLD), "", "", *blanks])
    data.append([Paragraph("Nombre de présents", style.CELL_BOLD), "", "", *blanks])
    heights = [0.0] + [float(SIGN_ROW_H)] * (people_end - 1) + [0.0] + [34.0] * len(facilitators) + [20.0]
    table = Table(
        data,
        colWidths=[NUMBER_W, LAST_W, FIRST_W, *([sign_w] * len(half_days))],
        repeatRows=1,
        minRowHeights=heights,
    )
    cmds = style.table_commands()
    cmds += [
        ("GRID", (3, 0), (-1, -1), 0.5, style.RULE),
        ("LINEAFTER", (2, 0), (2, -1), 0.8, style.BRAND),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, people_end), (-1, people_end), 0.9, style.BRAND),
        ("SPAN", (0, people_end), (-1, people_end)),
        ("BACKGROUND", (0, people_end), (-1, people_end), style.BRAND_LIGHT),
        # (rowSplitRange would be simpler, but reportlab 4.5 forgets it on the continued table.)
        ("NOSPLIT", (0, max(1, people_end - 2)), (-1, -1)),
    ]
    for row in range(people_end + 1, len(data)):
        cmds.append(("SPAN", (0, row), (2, row)))
    if doc.blank_rows:
        cmds.append(("BACKGROUND", (1, first_blank), (2, people_end - 1), style.FAINT))
    table.setStyle(TableStyle(cmds))
    return table


def render_roster(doc: RosterDoc, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages."""
    register_fonts()
    half_days = roster_half_days(doc)
    pagesize = A4 if len(half_days) <= PORTRAIT_MAX_HALF_DAYS else landscape(A4)
    width = pagesize[0] - 2 * style.MARGIN
    furniture = Furniture(
        doc.header,
        "Feuille d'émargement",
        f"{roster_dates(doc)} · {doc.title}",
        personal_data=True,
        show_funders=True,
    )
    story: list[object] = [_info_box(doc, width)]
    if doc.funding_note:
        story += [Spacer(1, 4), Paragraph(f"<i>{escape(doc.funding_note)}</i>", style.SMALL)]
    count = len(doc.participants)
    people = f"{count} inscrit{'s' if count > 1 else ''}" if count else "aucun inscrit"
    story += [
        Spacer(1, 8),
        Paragraph(
            f"{people.capitalize()} · chaque participant signe dans la case de chaque demi-journée de présence ; "
            "les personnes non inscrites s'ajoutent sur les lignes libres.",
            style.SMALL,
        ),
        Spacer(1, 4),
        _sheet_table(doc, half_days, width),
    ]
    return build_flowing(out, furniture, story, pagesize)  # type: ignore[arg-type]
