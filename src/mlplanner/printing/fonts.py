"""The one typeface of every printout: DejaVu Sans, shipped in ``resources/fonts`` and embedded in PDFs.

reportlab's built-in Helvetica has no œ, € or « » glyphs in a reliable encoding; a TrueType font is
embedded as a subset (only the glyphs used), so a one-page PDF stays small.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mlplanner.paths import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


def register_fonts() -> None:
    """Register the fonts with reportlab once per process (later calls are free)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    if REGULAR in registered and BOLD in registered and ITALIC in registered:
        return
    for name, filename in _FILES.items():
        path = resource_path("fonts", filename)
        if not path.is_file():
            raise FileNotFoundError(f"Police introuvable : {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # Let <b> and <i> inside Paragraph markup pick the right face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
