"""Keyboard shortcuts: one way to write them, which ones a person can reach right now, and the F1 help
built from the actions themselves (so it is complete whatever a plug-in adds).

A shortcut is *reachable* when pressing it would trigger something: an enabled action attached to a
visible widget of the window (the window itself, the page shown), an enabled `QShortcut` whose widget
is shown, a shown button's shortcut or mnemonic (Alt+letter), a label's mnemonic for its buddy, a menu
title's mnemonic. Two reachable shortcuts on one key cancel each other out (Qt calls it ambiguous and
triggers neither): `clashes()` lists them, and a test runs it for every page and every role.

Keys that are not actions (Enter on a free cell, P/A/R/E in a roster, Space in the call list...) are
described by the page itself, next to the code that handles them: `key_help()` returns (keys, what).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mlplanner.ui.i18n import language, tr
from mlplanner.ui.widgets.narrow import fit_to_screen

PORTABLE = QKeySequence.SequenceFormat.PortableText
NATIVE = QKeySequence.SequenceFormat.NativeText


def keys_text(seq: str | QKeySequence) -> str:
    """A key sequence as people read it, in the UI language ("Ctrl+Maj+A" / "Ctrl+Shift+A"): the one
    spelling used by tooltips, menus and the F1 help."""
    text = QKeySequence(seq).toString(NATIVE)
    if language() == "fr":  # the key cap says « Entrée », Qt's French says « Retour »
        text = text.replace("Retour", "Entrée")
    return text


def with_keys(text: str, seq: str | QKeySequence) -> str:
    """ "Jour précédent (Alt+Gauche)": a tooltip that names its shortcut the F1 way."""
    return f"{text} ({keys_text(seq)})"


@dataclass(frozen=True)
class Reachable:
    key: str  # portable text, e.g. "Ctrl+Shift+A"
    what: str  # what it does, as shown
    kind: str  # "action", "shortcut", "button", "mnemonic"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget is window or widget.isVisibleTo(window)


def _mnemonic(text: str) -> QKeySequence:
    return QKeySequence.mnemonic(text)


def reachable(window: QMainWindow) -> list[Reachable]:
    """Every shortcut that pressing would trigger now in `window` (see the module docstring)."""
    found: list[Reachable] = []
    for action in window.findChildren(QAction):
        if not action.isEnabled() or not action.isVisible() or not action.shortcuts():
            continue
        hosts = [
            w
            for w in action.associatedObjects()
            if isinstance(w, QWidget) and not isinstance(w, QMenu | QMenuBar)
        ]
        if not any(_shown(w, window) for w in hosts):
            continue
        for seq in action.shortcuts():
            found.append(Reachable(seq.toString(PORTABLE), _plain(action.text()), "action"))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and isinstance(parent, QWidget) and _shown(parent, window):
            found.append(Reachable(shortcut.key().toString(PORTABLE), shortcut.whatsThis() or "", "shortcut"))
    for button in window.findChildren(QAbstractButton):
        seq = button.shortcut()
        if seq.isEmpty() or not button.isEnabled() or not _shown(button, window):
            continue
        mnemonic = seq == _mnemonic(button.text())
        found.append(
            Reachable(
                seq.toString(PORTABLE),
                _plain(button.text()) or button.toolTip() or button.accessibleName(),
                "mnemonic" if mnemonic else "button",
            )
        )
    for label in window.findChildren(QLabel):
        seq = _mnemonic(label.text())
        if label.buddy() is not None and not seq.isEmpty() and _shown(label, window):
            found.append(Reachable(seq.toString(PORTABLE), _plain(label.text()), "mnemonic"))
    for action in window.menuBar().actions():
        seq = _mnemonic(action.text())
        if not seq.isEmpty() and action.isVisible():
            found.append(Reachable(seq.toString(PORTABLE), _plain(action.text()), "mnemonic"))
    return found


def clashes(window: QMainWindow) -> dict[str, list[str]]:
    """Keys that two reachable things share (Qt would trigger neither): key → what each does."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for r in reachable(window):
        by_key[r.key.lower()].append(f"{r.what} [{r.kind}]")
    return {key: whats for key, whats in by_key.items() if len(whats) > 1}


# --- the F1 help ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[tuple[str, str], ...]  # (keys as shown, what)


def _menu_sections(window: QMainWindow) -> list[Section]:
    out = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if menu is None:
            continue
        lines = []
        for action in _menu_actions(menu):
            for seq in action.shortcuts()[:1]:
                lines.append((keys_text(seq), _plain(action.text()).rstrip("…")))
        if lines:
            out.append(Section(_plain(bar_action.text()), tuple(lines)))
    return out


def _menu_actions(menu: QObject | None) -> Iterable[QAction]:
    if not isinstance(menu, QMenu):
        return
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu())
        elif not action.isSeparator():
            yield action


def _page_section(window: QMainWindow) -> Section | None:
    page = window.current_page()  # type: ignore[attr-defined]
    if page is None:
        return None
    in_menus = {
        id(a)
        for bar in window.menuBar().actions()
        if bar.menu() is not None
        for a in _menu_actions(bar.menu())
    }
    lines: list[tuple[str, str]] = []
    for action in page.findChildren(QAction) + QWidget.actions(page):
        if id(action) in in_menus or not action.shortcuts() or not action.isEnabled():
            continue
        if not any(isinstance(w, QWidget) and _shown(w, window) for w in action.associatedObjects()):
            continue
        lines.append((keys_text(action.shortcuts()[0]), _plain(action.text())))
    for shortcut in page.findChildren(QShortcut):
        if shortcut.isEnabled():
            lines.append((keys_text(shortcut.key()), shortcut.whatsThis()))
    for button in page.findChildren(QAbstractButton):
        seq = button.shortcut()
        if seq.isEmpty() or seq == _mnemonic(button.text()) or not _shown(button, window):
            continue
        lines.append((keys_text(seq), _plain(button.text())))
    helper = getattr(page, "key_help", None)
    if callable(helper):
        lines.extend(helper())
    title = window.page_title(window.current_page_key())  # type: ignore[attr-defined]
    unique = tuple(dict.fromkeys(lines))
    return Section(tr("Sur cette page : {page}").format(page=title), unique) if unique else None


def help_sections(window: QMainWindow, extra: Iterable[Section] = ()) -> list[Section]:
    """This page's keys first, then every menu's shortcuts, then `extra` (dialogs' own keys)."""
    page = _page_section(window)
    return [*([page] if page else []), *_menu_sections(window), *extra]


def help_html(sections: list[Section]) -> str:
    parts = [f"<h3>{escape(tr('Raccourcis clavier'))}</h3>"]
    for section in sections:
        parts.append(f"<p style='margin:10px 0 2px 0'><b>{escape(section.title)}</b></p><table>")
        for keys, what in section.lines:
            parts.append(
                f"<tr><td style='padding:1px 14px 1px 0; white-space:nowrap'><code>{escape(keys)}</code></td>"
                f"<td>{escape(what)}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)


def help_text(sections: list[Section]) -> str:
    """The same, as plain text (tests, and a screen reader's copy)."""
    lines = [tr("Raccourcis clavier")]
    for section in sections:
        lines.append("")
        lines.append(section.title)
        lines.extend(f"  {keys} : {what}" for keys, what in section.lines)
    return "\n".join(lines)


class KeyHelpDialog(QDialog):
    """F1: the keys of this page and of every menu, read from the actions. Not modal."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelp")
        self.setWindowTitle(tr("Raccourcis clavier"))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(tr("Raccourcis clavier"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
        self.resize(620, 640)
        fit_to_screen(self)
        self.sections: list[Section] = []

    def show_for(self, window: QMainWindow, extra: Iterable[Section] = ()) -> None:
        self.sections = help_sections(window, extra)
        self.browser.setHtml(help_html(self.sections))
        self.browser.setAccessibleDescription(help_text(self.sections))
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
