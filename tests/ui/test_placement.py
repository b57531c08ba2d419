"""The main window opens inside the screen's available area, title bar and status bar included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect

from mlplanner.ui.shell.placement import COMFORTABLE, opening_geometry

FRAME = QMargins(4, 32, 4, 4)


@pytest.mark.parametrize(
    ("available", "maximized"),
    [
        (QRect(0, 0, 1366, 728), True),  # a 1366×768 desk with a 40-pixel taskbar
        (QRect(0, 0, 1024, 728), True),  # 1024×768
        (QRect(0, 0, 910, 485), True),  # 1366×768 at 150 % (logical pixels)
        (QRect(0, 0, 1920, 1040), False),  # room to spare: the comfortable size, centred
        (QRect(1920, 0, 1920, 1040), False),  # on a second screen
    ],
)
def test_the_window_and_its_frame_fit_the_available_area(available, maximized):  # type: ignore[no-untyped-def]
    client, maximize = opening_geometry(available, FRAME)
    assert maximize is maximized
    framed = client.adjusted(-FRAME.left(), -FRAME.top(), FRAME.right(), FRAME.bottom())
    assert available.contains(framed)
    if not maximized:
        assert client.size() == COMFORTABLE and client.center() == available.center()


def test_every_page_lets_the_window_shrink_to_a_150_percent_screen(demo, qtbot, staff_actor):  # type: ignore[no-untyped-def]
    from mlplanner.app import build_window
    from mlplanner.domain.enums import Role
    from mlplanner.ui.shell.prompt import ScriptedPrompt

    window = build_window(
        demo, staff_actor(demo, Role.SITE_LEAD), prompt=ScriptedPrompt(), live_refresh=False
    )
    qtbot.addWidget(window)
    window.show()
    too_big = {}
    for key in window.page_keys():
        window.show_page(key)
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        if least.width() > 902 or least.height() > 449:  # 910×485 minus the frame
            too_big[key] = (least.width(), least.height())
    assert too_big == {}
