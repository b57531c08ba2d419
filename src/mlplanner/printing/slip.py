"""The confirmation slip a young person leaves with: when, where, with whom, what to bring, how to cancel.

Written for the young person (plain words, the date spelled out, a big time), so the footer carries
neither the staff member's name nor the internal "personal data" reminder.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from mlplanner.domain.enums import Mode
from mlplanner.printing import style
from mlplanner.printing.fonts import BOLD, REGULAR, register_fonts
from mlplanner.printing.formatting import long_date, spoken_time
from mlplanner.printing.layout import Furniture, Output, build_flowing
from mlplanner.printing.model import SlipDoc

BIG_DATE = style.paragraph_style("big-date", fontName=BOLD, fontSize=22, leading=27, textColor=style.BRAND)
BIG_TIME = style.paragraph_style("big-time", fontName=BOLD, fontSize=17, leading=22)
LABEL = style.paragraph_style("slip-label", fontName=BOLD, fontSize=9.5, leading=14, textColor=style.BRAND)
BULLET = style.paragraph_style("bullet", fontSize=10.5, leading=15, leftIndent=14, bulletIndent=2)


def _duration(doc: SlipDoc) -> str:
    total = int((doc.end - doc.start).total_seconds() // 60)
    if total <= 0:
        return ""
    h, m = divmod(total, 60)
    if not h:
        return f"{m} min"
    return f"{h} h" if not m else f"{h} h {m:02d}"


def _where(doc: SlipDoc) -> str:
    h = doc.header
    if doc.mode is Mode.PHONE:
        return (
            f"<b>Par téléphone</b> : {escape(doc.counsellor_name)} vous appellera à l'heure du rendez-vous."
        )
    if doc.mode is Mode.VIDEO:
        return "<b>En visio</b> : le lien de connexion vous sera envoyé avant le rendez-vous."
    if doc.mode is Mode.OUTSIDE:
        return f"<b>Hors de nos locaux</b> : {escape(doc.counsellor_name)} vous précisera le lieu."
    place = escape(h.site_name) + (f" – {escape(doc.room_name)}" if doc.room_name else "")
    address = f"<br/>{escape(h.address)}" if h.address else ""
    return f"<b>{place}</b>{address}"


def default_how_to_cancel(doc: SlipDoc) -> str:
    phone = f" au {doc.header.phone}" if doc.header.phone else ""
    return (
        f"Prévenez-nous au plus tôt, si possible 24 heures à l'avance, par téléphone{phone} ou à l'accueil : "
        "nous fixerons ensemble un autre rendez-vous, et votre créneau pourra servir à un autre jeune."
    )


def _when_box(doc: SlipDoc, width: float) -> Table:
    date_text = long_date(doc.start.date())
    duration = _duration(doc)
    duration_text = (
        f"<font name='{REGULAR}' size=10 color='#5F6B76'>   durée prévue : {duration}</font>"
        if duration
        else ""
    )
    cell = [
        Paragraph(date_text[0].upper() + date_text[1:], BIG_DATE),
        Paragraph(f"à {spoken_time(doc.start.time())}{duration_text}", BIG_TIME),
    ]
    box = Table([[cell]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                *style.TABLE_FONT,
                ("BACKGROUND", (0, 0), (-1, -1), style.BRAND_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, style.BRAND),
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return box


def _details(doc: SlipDoc, width: float) -> Table:
    rows = [("Avec", escape(doc.counsellor_name))]
    if doc.type_label:
        rows.append(("Objet", escape(doc.type_label)))
    rows.append(("Où", _where(doc)))
    if doc.header.phone:
        rows.append(("Accueil", f"{escape(doc.header.phone)}"))
    data = [[Paragraph(k, LABEL), Paragraph(v, style.BODY)] for k, v in rows]
    table = Table(data, colWidths=[80, width - 80])
    table.setStyle(
        TableStyle(
            [
                *style.TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, style.RULE),
            ]
        )
    )
    return table


def render_slip(doc: SlipDoc, out: Output) -> int:
    """Write the PDF to ``out`` (path or binary file); returns the number of pages."""
    register_fonts()
    width = A4[0] - 2 * style.MARGIN
    furniture = Furniture(
        doc.header, "Votre rendez-vous", long_date(doc.start.date()), personal_data=False, trace=False
    )
    story: list[Flowable] = [
        Spacer(1, 6),
        Paragraph(f"Bonjour {escape(doc.youth_name)},", style.BODY),
        Spacer(1, 2),
        Paragraph("Nous vous confirmons votre rendez-vous à la Mission Locale :", style.BODY),
        Spacer(1, 10),
        _when_box(doc, width),
        Spacer(1, 12),
        _details(doc, width),
    ]
    if doc.what_to_bring:
        story.append(Paragraph("À apporter", style.H2))
        story += [Paragraph(escape(item), BULLET, bulletText="•") for item in doc.what_to_bring]
    story.append(Paragraph("Un empêchement ?", style.H2))
    story.append(Paragraph(escape(doc.how_to_cancel or default_how_to_cancel(doc)), style.BODY))
    if doc.mode is Mode.ON_SITE:
        story += [Spacer(1, 10), Paragraph("Merci d'arriver quelques minutes avant l'heure.", style.SMALL)]
    return build_flowing(out, furniture, story, A4)
