"""The look shared by every printout: palette, paragraph styles, sizes, status marks."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from mlplanner.domain.enums import Status
from mlplanner.domain.labels import STATUS_FR
from mlplanner.printing.fonts import BOLD, ITALIC, REGULAR

BRAND = colors.HexColor("#1F5C99")  # deep blue of the header rule and titles
BRAND_LIGHT = colors.HexColor("#E8F0F8")  # table headers, info boxes
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#C9D2DB")
FAINT = colors.HexColor("#EEF1F4")
HATCH = colors.HexColor("#D5DBE1")
ALERT = colors.HexColor("#B3261E")
DONE = colors.HexColor("#1E7B34")

MARGIN = 14 * mm
FOOTER_Y = 10 * mm  # leaves a second footer line clear of the printer's unprintable edge


def hex_colour(value: str, fallback: str = "#4A90D9") -> Color:
    """A type's colour from the database; a malformed value falls back instead of failing a print."""
    try:
        return colors.HexColor(value if value.startswith("#") else f"#{value}")
    except (ValueError, AttributeError):
        return colors.HexColor(fallback)


def tint(colour: Color, amount: float) -> Color:
    """Mix with white: ``amount`` 0 is white, 1 the colour itself (light fills keep text readable)."""
    return Color(
        1 - (1 - colour.red) * amount, 1 - (1 - colour.green) * amount, 1 - (1 - colour.blue) * amount
    )


def shade(colour: Color, amount: float) -> Color:
    """Mix with black: a darker border of the same hue."""
    return Color(colour.red * (1 - amount), colour.green * (1 - amount), colour.blue * (1 - amount))


def status_mark(status: Status) -> str:
    """A word printed on the block, so status reads on a black-and-white printer too."""
    if status is Status.BOOKED:
        return ""
    if status is Status.ARRIVED:
        return "✓ arrivé"
    if status is Status.SEEN:
        return "✓ reçu"
    if status is Status.NO_SHOW:
        return "✗ absent"
    if status is Status.EXCUSED:
        return "excusé"
    return "annulé"


def status_colour(status: Status) -> Color:
    if status is Status.NO_SHOW:
        return ALERT
    if status in (Status.ARRIVED, Status.SEEN):
        return DONE
    return MUTED


def status_label(status: Status) -> str:
    return STATUS_FR[status]


def paragraph_style(name: str, **kw: object) -> ParagraphStyle:
    """A paragraph style in DejaVu with the house defaults, overridden by ``kw``."""
    base: dict[str, object] = {
        "fontName": REGULAR,
        "bulletFontName": REGULAR,
        "fontSize": 9,
        "leading": 11.5,
        "textColor": INK,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


BODY = paragraph_style("body", fontSize=10, leading=14)
SMALL = paragraph_style("small", fontSize=8, leading=10, textColor=MUTED)
# NAME styles break a long "BENMOHAMMED-ABDELKADER" after its hyphen rather than mid-word. Only for
# plain text: reportlab 4.5 drops the hyphens of a paragraph that mixes fonts (<b>, <font>) with it on.
_HYPHENS = {"embeddedHyphenation": 1, "hyphenationLang": ""}
NAME = paragraph_style("name", fontSize=9, leading=11, **_HYPHENS)
NAME_BOLD = paragraph_style("name-bold", fontName=BOLD, fontSize=9, leading=11, **_HYPHENS)
CELL = paragraph_style("cell", fontSize=9, leading=11)
CELL_BOLD = paragraph_style("cell-bold", fontName=BOLD, fontSize=9, leading=11)
CELL_SMALL = paragraph_style("cell-small", fontSize=7.5, leading=9, textColor=MUTED)
CELL_ITALIC = paragraph_style("cell-italic", fontName=ITALIC, fontSize=8, leading=10, textColor=MUTED)
TH = paragraph_style("th", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=BRAND)
TH_CENTER = paragraph_style(
    "th-center", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=BRAND, alignment=TA_CENTER
)
TITLE = paragraph_style("title", fontName=BOLD, fontSize=17, leading=21, textColor=BRAND, alignment=TA_LEFT)
SUBTITLE = paragraph_style("subtitle", fontSize=11, leading=15, textColor=INK)
H2 = paragraph_style(
    "h2", fontName=BOLD, fontSize=11.5, leading=15, textColor=BRAND, spaceBefore=8, spaceAfter=3
)


# One command of a reportlab `TableStyle`: ("NAME", (col, row), (col, row), *values).
TableCommand = tuple[Any, ...]

# Plain-string cells (even empty ones) would otherwise select reportlab's unembedded Helvetica.
TABLE_FONT: list[TableCommand] = [("FONTNAME", (0, 0), (-1, -1), REGULAR)]


def table_commands(*, zebra_rows: int = 0) -> list[TableCommand]:
    """The look of every list table: tinted header row, fine rules, generous padding."""
    cmds: list[TableCommand] = [
        *TABLE_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), BRAND_LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, BRAND),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in range(2, zebra_rows + 1, 2):
        cmds.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#F7F9FB")))
    return cmds
