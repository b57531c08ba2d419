"""Plug accessibility into the main window: descriptions of every control (`describe`), results of
actions said to screen readers (`widgets.announce`), text size and high contrast (`display`, in the
Affichage menu)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QStyle

from mlplanner.ui.accessibility import display
from mlplanner.ui.accessibility.describe import Describer, describe_missing
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.widgets.announce import announce


def contrast_wanted() -> bool:
    """High contrast: the person's choice on this computer, else the system's (its contrast setting, or
    a dark theme: the app's colours are made for a light background, and there its own high contrast
    keeps every text readable)."""
    chosen = display.saved_contrast()
    system = display.system_wants_high_contrast() or display.system_palette_is_dark()
    return system if chosen is None else chosen


def apply_saved_display() -> None:
    """The text size and contrast this computer keeps, applied before the first page is built (the
    start shows the day before this area's menus are installed: it must be laid out at its final size
    and colours, not reflowed a moment later)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if (scale := display.saved_scale()) != 100:
        display.apply_text_scale(app, scale)
    display.apply_contrast(app, contrast_wanted())


def install(window: MainWindow) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if app.findChild(Describer) is None:
        app.installEventFilter(Describer(app))  # dialogs and other windows, when shown
    window.pageChanged.connect(lambda key: describe_missing(window.page(key) or window))
    describe_missing(window)
    # what happened, said aloud: confirmations politely (every one goes through the status bar, the
    # operations' messages included), refusals at once
    window.ops.refused.connect(lambda text: announce(window, text, assertive=True))
    status = getattr(window, "status", None)
    if status is not None:

        def said(text: str) -> None:
            if text:
                announce(window, text)

        status.messageChanged.connect(said)
        # the feedback line under the page (issue 13) shows the messages instead of the status bar
        feedback = getattr(window, "feedback", None)
        if feedback is not None and hasattr(feedback, "shown"):
            feedback.shown.connect(said)
    _display_menu(window, app)


def fit_page_list(window: MainWindow) -> None:
    """The list of pages as wide as its longest title in the new text size (it was measured once)."""
    nav = window.nav
    metrics = QFontMetrics(QApplication.font(nav))  # the new size, before the widgets are told of it
    widest = max((metrics.horizontalAdvance(nav.item(i).text()) for i in range(nav.count())), default=0)
    width = widest + 48  # the items' padding (10 px each side) and margins (4 px each side), and slack
    # and a scroll bar when the larger text makes the list taller than the window (an item: a line and
    # its padding, 7 px above and below, and margins, 1 px)
    if nav.count() * (metrics.lineSpacing() + 16) > nav.height():
        width += nav.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    nav.setFixedWidth(width)


def _display_menu(window: MainWindow, app: QApplication) -> None:
    menu = window.menu("Affichage").addMenu(tr("Taille du &texte"))
    menu.setObjectName("textSizeMenu")
    group = QActionGroup(menu)
    current = display.saved_scale()
    for scale in display.SCALES:
        act = menu.addAction(f"{scale} %")
        act.setObjectName(f"text_{scale}")
        act.setCheckable(True)
        act.setChecked(scale == current)
        group.addAction(act)

        def choose(_checked: bool = False, scale: int = scale) -> None:
            display.apply_text_scale(app, scale)
            fit_page_list(window)
            display.save_scale(scale)
            announce(window, tr("Taille du texte : {scale} %.").format(scale=scale))

        act.triggered.connect(choose)
    if current != 100:
        display.apply_text_scale(app, current)
        fit_page_list(window)
    contrast = QAction(tr("&Contraste élevé"), window)
    contrast.setObjectName("highContrastAction")
    contrast.setCheckable(True)
    chosen = display.saved_contrast()
    on = contrast_wanted()
    contrast.setChecked(on)

    def toggle(checked: bool) -> None:
        display.apply_contrast(app, checked)
        display.save_contrast(checked)
        announce(window, tr("Contraste élevé activé.") if checked else tr("Contraste élevé désactivé."))

    contrast.toggled.connect(toggle)
    window.menu("Affichage").addAction(contrast)
    display.apply_contrast(app, on)
    hints = getattr(QGuiApplication.styleHints(), "accessibility", None)
    if hints is not None and chosen is None:  # following the system: follow its changes too
        hints().contrastPreferenceChanged.connect(
            lambda _pref: contrast.setChecked(display.system_wants_high_contrast())
        )
