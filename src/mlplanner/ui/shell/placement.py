"""Where the main window opens: inside the screen's available area, title bar and status bar included.

It used to open at 1366×768 whatever the screen: on a 1366×768 desk the status bar fell below the
edge (the title bar and the taskbar take their share), and at 150 % scaling or on 1024×768 half the
grid and its buttons were off-screen. Now: a screen with room for the comfortable size gets it,
centred; a smaller one gets the window maximized (it then fits the available area exactly, whatever
the scale). The pages scroll rather than push the window past that size (`PageScroll`).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

COMFORTABLE = QSize(1366, 768)  # the desk's usual screen, the size the pages were laid out for
# a title bar and borders, before the window manager has said (the real ones are read once shown)
FRAME_GUESS = QMargins(4, 32, 4, 4)


def opening_geometry(available: QRect, frame: QMargins = FRAME_GUESS) -> tuple[QRect, bool]:
    """(the client area, maximize?) for a screen whose available area is `available`."""
    room = QSize(
        available.width() - frame.left() - frame.right(),
        available.height() - frame.top() - frame.bottom(),
    )
    if room.width() < COMFORTABLE.width() or room.height() < COMFORTABLE.height():
        client = QRect(
            available.left() + frame.left(), available.top() + frame.top(), room.width(), room.height()
        )
        return client, True
    client = QRect(0, 0, COMFORTABLE.width(), COMFORTABLE.height())
    client.moveCenter(available.center())
    return client, False


def show_fitted(window: QMainWindow) -> None:
    """Show the main window within its screen's available area (maximized on a small screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(COMFORTABLE)
        window.show()
        return
    client, maximize = opening_geometry(screen.availableGeometry())
    window.setGeometry(client)
    if maximize:
        window.showMaximized()
    else:
        window.show()


def keep_inside(window: QMainWindow) -> None:
    """Once shown (the frame is known): pull the window back inside the available area if any part of it,
    title bar or status bar, is outside."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    if available.contains(frame):
        return
    margins = QMargins(
        window.geometry().left() - frame.left(),
        window.geometry().top() - frame.top(),
        frame.right() - window.geometry().right(),
        frame.bottom() - window.geometry().bottom(),
    )
    client, maximize = opening_geometry(available, margins)
    if maximize:
        window.showMaximized()
    else:
        window.setGeometry(client)
