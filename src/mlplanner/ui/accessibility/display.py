"""How the window reads for people who see poorly: text size (up to 200 %) and high contrast.

Text size (Affichage > Taille du texte) scales the application's font: every widget without a font of
its own follows, and the pages reflow (they wrap and scroll vertically rather than sideways). High
contrast follows the operating system's setting (Windows' contrast themes; Qt reports it), or the
menu's choice: black text on white, a dark-blue selection, no pastel backgrounds behind text that would
lose against the system's colours. Both choices are remembered on this computer (the user's settings),
never in the site file.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SCALES = (100, 125, 150, 200)
TEXT_KEY = "display/text_scale"
CONTRAST_KEY = "display/high_contrast"
_BASE_POINTS = "mlplanner_base_font_points"  # the application's font size before any scaling


def _settings() -> QSettings | None:
    if os.environ.get("MLPLANNER_NO_USER_SETTINGS"):
        return None
    return QSettings("mlplanner", "mlplanner")


def saved_scale() -> int:
    s = _settings()
    try:
        value = int(str(s.value(TEXT_KEY, 100))) if s is not None else 100
    except (TypeError, ValueError):
        return 100
    return value if value in SCALES else 100


def save_scale(scale: int) -> None:
    s = _settings()
    if s is not None and scale in SCALES:
        s.setValue(TEXT_KEY, scale)


def apply_text_scale(app: QApplication, scale: int) -> None:
    """The application's font at `scale` % of its size at start (every widget without its own font)."""
    base = app.property(_BASE_POINTS)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_POINTS, base)
    font = QFont(app.font())
    font.setPointSizeF(float(base) * scale / 100)
    _refont(app, font)


def _refont(app: QApplication, font: QFont) -> None:
    """The application's font, told to every open widget. Under an application style sheet (high
    contrast) Qt no longer passes a new application font on to open widgets: the sheet is taken off
    while the font changes, then put back."""
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setFont(QFont())  # a change Qt cannot skip as "the same font"
    app.setFont(font)
    if sheet:
        app.setStyleSheet(sheet)
    # a widget with a style sheet of its own took its font when polished: polish it again
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def system_wants_high_contrast() -> bool:
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10+
    if accessibility is None:
        return False
    return accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def system_palette_is_dark() -> bool:
    """A dark or contrast theme of the system (white text on black): the app's colours, chosen for a
    light background, would lose their contrast there."""
    app = QApplication.instance()
    # the system's palette, even once the app's own high contrast replaced it (kept by `apply_contrast`)
    palette = getattr(app, "_mlplanner_palette", None) or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def saved_contrast() -> bool | None:
    """The choice made in the menu (None: follow the system)."""
    s = _settings()
    if s is None:
        return None
    value = s.value(CONTRAST_KEY, None)
    return None if value is None else str(value).lower() in ("true", "1")


def save_contrast(on: bool) -> None:
    s = _settings()
    if s is not None:
        s.setValue(CONTRAST_KEY, on)


def high_contrast_palette() -> QPalette:
    """Black on white, a dark-blue selection, black borders: every pair above 7:1 (WCAG AAA)."""
    p = QPalette()
    black, white, navy, grey = QColor("#000000"), QColor("#ffffff"), QColor("#00226b"), QColor("#595959")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in (
            (QPalette.ColorRole.Window, white),
            (QPalette.ColorRole.WindowText, black),
            (QPalette.ColorRole.Base, white),
            (QPalette.ColorRole.AlternateBase, QColor("#f0f0f0")),
            (QPalette.ColorRole.Text, black),
            (QPalette.ColorRole.Button, QColor("#f0f0f0")),
            (QPalette.ColorRole.ButtonText, black),
            (QPalette.ColorRole.Highlight, navy),
            (QPalette.ColorRole.HighlightedText, white),
            (QPalette.ColorRole.ToolTipBase, white),
            (QPalette.ColorRole.ToolTipText, black),
            (QPalette.ColorRole.PlaceholderText, grey),
            (QPalette.ColorRole.Link, navy),
            (QPalette.ColorRole.Mid, black),
            (QPalette.ColorRole.Dark, black),
            (QPalette.ColorRole.Shadow, black),
        ):
            p.setColor(group, role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, grey)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, grey)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, grey)
    return p


# Text over the pale backgrounds some panels use stays dark whatever the theme puts elsewhere, and
# in high contrast the panels lose their pastel for a plain frame.
READABLE_PANELS = (
    "QFrame#toFillBanner QLabel, QFrame#wishBanner QLabel, QFrame#arrivalNotice QLabel { color: #1a1a1a; }"
    " QListWidget#pageList { color: #1a1a1a; }"
)
HIGH_CONTRAST_SHEET = (
    "QFrame#toFillBanner, QFrame#wishBanner, QFrame#arrivalNotice { background: #ffffff; border: 3px solid #000000; }"
    " QListWidget#pageList { background: #ffffff; color: #000000; }"
    " QListWidget#pageList::item:selected { background: #00226b; color: #ffffff; }"
)


def apply_contrast(app: QApplication, on: bool) -> None:
    """The app's high contrast on or off (off: the palette the application had before)."""
    original = getattr(app, "_mlplanner_palette", None)
    if not on and original is None:
        return  # never turned on: the application keeps its own look, untouched
    if original is None:
        original = QPalette(app.palette())
        app._mlplanner_palette = original  # type: ignore[attr-defined]
    app.setPalette(high_contrast_palette() if on else original)
    font = QFont(app.font())
    app.setStyleSheet(READABLE_PANELS + " " + HIGH_CONTRAST_SHEET if on else "")
    # the open widgets went back to the font they were polished with (seen in a real window: started
    # at 200 % in high contrast, menus and tables at 100 %): the application's font again
    _refont(app, font)
