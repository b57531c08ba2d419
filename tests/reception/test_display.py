"""RGAA 10.4 and 3.2/3.3: the app stays usable with text at 200 % on a 1366×768 screen (no page wider
than the window, the page list not cut), and readable with a high-contrast theme — the operating
system's (white on black) or the app's own (black on white): every table cell and every panel keeps a
contrast of at least 4.5:1 between its text and its background."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from mlplanner.app import build_window
from mlplanner.domain.enums import Role
from mlplanner.services.context import Actor
from mlplanner.ui.accessibility import display
from mlplanner.ui.accessibility.install import fit_page_list
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.widgets.rows_model import contrast

SCREEN = (1366, 768 - 60)  # less a title bar and a task bar


@pytest.fixture
def system_theme(request) -> QPalette | None:  # type: ignore[no-untyped-def]
    """The system's palette at start (a test may give one); None: Qt's own."""
    return getattr(request, "param", None)


@pytest.fixture
def lead_window(demo, qtbot, system_theme):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    app = QApplication.instance()
    before = QPalette(app.palette())
    if system_theme is not None:  # the system's theme, as Qt reads it at start
        app.setPalette(system_theme)
    demo.ctx.clock.advance(timedelta(hours=2))  # 10:00: people waiting, late, seen...
    lead = next(s for s in demo.directory.staff(role=Role.SITE_LEAD) if s.can_log_in)
    window = build_window(demo, Actor(lead.id, lead.display_name, lead.role), prompt=ScriptedPrompt(),
                          live_refresh=False)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    yield window
    display.apply_text_scale(app, 100)
    app.setPalette(before)  # the next tests start from Qt's own look
    app.setStyleSheet("")
    if hasattr(app, "_mlplanner_palette"):
        del app._mlplanner_palette


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_every_page_at_200_percent_text_on_1366x768(lead_window) -> None:  # type: ignore[no-untyped-def]
    window, app = lead_window, QApplication.instance()
    before = app.font().pointSizeF()
    window.findChild(type(window.menu("Affichage").actions()[0]), "text_200").trigger()
    _settle()
    assert app.font().pointSizeF() == pytest.approx(2 * before)
    # the page list is as wide as its longest title in the new size (nothing cut)
    nav = window.nav
    assert all(
        # in the viewport, less the scroll bar the taller text brings, with the items' padding and
        # margins (28 px) and room to spare for another font's wider letters (a real window showed
        # "Plus tôt si possi…" under the scroll bar)
        nav.fontMetrics().horizontalAdvance(nav.item(i).text()) <= nav.viewport().width() - 40
        for i in range(nav.count())
    )
    crowded = []
    for key in window.page_keys():
        window.show_page(key)
        _settle()
        area = window.stack.currentWidget()
        if area.horizontalScrollBar().isVisible():  # a vertical bar is fine: the page reflows downwards
            crowded.append(
                f"{key}: {area.widget().minimumSizeHint().width()} px wide, room for {area.width()}"
            )
    assert crowded == [], "\n".join(crowded)
    assert window.size().width() <= SCREEN[0]


def _colour(value: object) -> QColor:
    return value.color() if isinstance(value, QBrush) else QColor(value)  # type: ignore[arg-type]


def _text_pairs(view: QAbstractItemView, palette: QPalette) -> list[tuple[str, float]]:
    """(where, contrast) of every cell with a colour of its own in a view."""
    model = view.model()
    out = []
    for r in range(min(model.rowCount(), 60)):
        for c in range(model.columnCount()):
            index = model.index(r, c, QModelIndex())
            bg = index.data(Qt.ItemDataRole.BackgroundRole)
            fg = index.data(Qt.ItemDataRole.ForegroundRole)
            if bg is None and fg is None:
                continue
            back = _colour(bg) if bg is not None else palette.color(QPalette.ColorRole.Base)
            text = _colour(fg) if fg is not None else palette.color(QPalette.ColorRole.Text)
            out.append(
                (
                    f"{view.objectName() or view.accessibleName()} [{r},{c}] {index.data()!r}",
                    contrast(back, text),
                )
            )
    return out


def _rendered_contrast(label: QLabel) -> float:
    """Contrast between a label's background and its text as drawn: the commonest colour against the
    colour farthest from it in luminance."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    counts: Counter[int] = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )
    back = QColor(counts.most_common(1)[0][0])
    return max(contrast(back, QColor(rgb)) for rgb in counts)


OS_HIGH_CONTRAST = {  # a Windows contrast theme, as Qt gets it: white text on black
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#1aebff",
    QPalette.ColorRole.HighlightedText: "#000000",
}


def _os_high_contrast() -> QPalette:
    palette = QPalette()
    for role, colour in OS_HIGH_CONTRAST.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize(
    ("theme", "system_theme"), [("system", _os_high_contrast()), ("app", None)], indirect=["system_theme"]
)
def test_high_contrast_keeps_every_text_readable(lead_window, theme, system_theme) -> None:  # type: ignore[no-untyped-def]
    window, app = lead_window, QApplication.instance()
    action = window.findChild(type(window.menu("Affichage").actions()[0]), "highContrastAction")
    if theme == "system":  # the system's contrast theme: the app follows with its own
        assert action.isChecked()
    else:  # chosen in the menu
        assert not action.isChecked()
        action.trigger()
    assert app.palette().color(QPalette.ColorRole.Text) == QColor("#000000")
    palette = app.palette()
    poor, cells, labels = [], 0, 0
    for key in window.page_keys():
        page = window.show_page(key)
        _settle()
        for view in page.findChildren(QAbstractItemView):
            if view.isVisible() and view.model() is not None and type(view).__name__ != "QHeaderView":
                pairs = _text_pairs(view, palette)
                cells += len(pairs)
                poor += [f"{key}: {w} = {ratio:.1f}" for w, ratio in pairs if ratio < 4.5]
        for label in page.findChildren(QLabel):
            if label.isVisible() and label.text().strip() and label.width() > 20:
                labels += 1
                ratio = _rendered_contrast(label)
                if ratio < 4.5:
                    poor.append(f"{key}: label {label.objectName() or label.text()[:40]!r} = {ratio:.1f}")
    assert cells > 20 and labels > 30
    assert poor == [], "\n".join(poor)


def test_the_page_list_follows_the_text_size(lead_window) -> None:  # type: ignore[no-untyped-def]
    window, app = lead_window, QApplication.instance()
    width = window.nav.width()
    display.apply_text_scale(app, 150)
    fit_page_list(window)
    assert window.nav.width() > width
    display.apply_text_scale(app, 100)
    fit_page_list(window)
    assert window.nav.width() == width


def test_every_dialog_at_200_percent_text_opens_within_the_screen(lead_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.services.workshops.demo import build_demo_workshops

    from .test_accessibility_interface import _dialogs

    window, app = lead_window, QApplication.instance()
    build_demo_workshops(window.services, today=window.now().date(), seed=7)
    display.apply_text_scale(app, 200)
    dialogs = _dialogs(window, qtbot)
    _settle()
    too_big = [
        f"{name}: at least {d.minimumSizeHint().width()}×{d.minimumSizeHint().height()}"
        for name, d in dialogs.items()
        if d.minimumSizeHint().width() > SCREEN[0] or d.minimumSizeHint().height() > SCREEN[1]
    ]
    assert too_big == [], "\n".join(too_big)


@pytest.mark.parametrize("contrast_first", [True, False])
def test_text_size_and_high_contrast_in_either_order(qtbot, contrast_first: bool) -> None:  # type: ignore[no-untyped-def]
    """Under the application's style sheet (high contrast) Qt stops passing a new application font on
    to open widgets, and setting the sheet gave them back their old font: a real window started at
    200 % in high contrast had its menus and tables at 100 %."""
    from PySide6.QtWidgets import QMainWindow, QTableWidget

    app = QApplication.instance()
    before = QPalette(app.palette())
    window = QMainWindow()
    qtbot.addWidget(window)
    menu_bar = window.menuBar()
    menu_bar.addMenu("Fichier")
    table = QTableWidget(2, 2)
    window.setCentralWidget(table)
    window.show()
    base = app.font().pointSizeF()
    try:
        steps = [lambda: display.apply_contrast(app, True), lambda: display.apply_text_scale(app, 200)]
        for step in steps if contrast_first else reversed(steps):
            step()
            _settle()
        assert menu_bar.font().pointSizeF() == table.font().pointSizeF() == pytest.approx(2 * base)
        display.apply_text_scale(app, 100)
        _settle()
        assert menu_bar.font().pointSizeF() == table.font().pointSizeF() == pytest.approx(base)
    finally:
        display.apply_text_scale(app, 100)
        display.apply_contrast(app, False)
        app.setPalette(before)
        app.setStyleSheet("")
        if hasattr(app, "_mlplanner_palette"):
            del app._mlplanner_palette


def test_a_counsellors_day_at_200_percent_fits_1366x768(demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Seen in a real window: Ma journée of a counsellor with appointments to complete was wider than
    the window at 200 % (the banner's sentence on one line)."""
    from datetime import timedelta

    app = QApplication.instance()
    demo.ctx.clock.advance(timedelta(hours=2))
    counsellor = next(s for s in demo.directory.staff(role=Role.COUNSELLOR) if s.can_log_in)
    window = build_window(demo, Actor(counsellor.id, counsellor.display_name, counsellor.role),
                          prompt=ScriptedPrompt(), live_refresh=False)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    try:
        display.apply_text_scale(app, 200)
        window.show_page("my_day")
        _settle()
        area = window.stack.currentWidget()
        assert not area.horizontalScrollBar().isVisible(), area.widget().minimumSizeHint().width()
    finally:
        display.apply_text_scale(app, 100)
