"""The main window: a page list on the left, the current page on the right, menus, undo, status bar.

Plug-in contract (see `mlplanner.ui.__init__`): other UI areas call `add_page` / `add_menu_action`,
connect to `youthFileRequested(youth_id)` / `printRequested(kind, params)`, and may emit
`bookingRequested({"youth_id": ...})` to open the booking dialog. They read `services`,
`actor` (changes on re-login: `actorChanged`), `bus`, `ops`, `prompt` and `undo_stack` from the window.

Pages may be given as a factory (`add_page(key, title, lambda: Page(...))`): the page is built the
first time it is shown or asked for (`page(key)`), so a start builds only the page it shows. An area
that adds to another area's page (a tab, a section) does it in `when_built(key, add)`, which waits for
the page rather than building it.

Start-up: `MainWindow()` without services is the window shown at once while the app starts (title,
menus, a "starting" panel with a busy indicator); `attach(services)` then `set_actor(actor)` make it the
full window. This module imports no database code, so that window is up before SQLAlchemy is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.feedback import FeedbackBar
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt, QtPrompt
from mlplanner.ui.widgets.focus_ring import FocusRing
from mlplanner.ui.widgets.page_scroll import PageScroll

if TYPE_CHECKING:  # imported for real in attach(): the start-up window comes before the database code
    from mlplanner.services.container import Services
    from mlplanner.services.context import Actor
    from mlplanner.services.permissions import Perm
    from mlplanner.ui.shell.status_bar import StatusBar

PageFactory = Callable[[], QWidget]

# Menus appear in this order whatever order plug-ins add them in; unknown titles go before "Aide".
# Plug-ins name menus by these French keys; the menu bar shows them translated.
MENU_ORDER = (
    tr_noop("Fichier"),
    tr_noop("Édition"),
    tr_noop("Affichage"),
    tr_noop("Rendez-vous"),
    tr_noop("Jeunes"),
    tr_noop("Ateliers"),
    tr_noop("Outils"),
    tr_noop("Aide"),
)


# Distinct Alt+letter for each menu (the buttons of the pages avoid these letters).
MENU_TITLES = {
    "Fichier": tr_noop("&Fichier"),
    "Édition": tr_noop("É&dition"),
    "Affichage": tr_noop("&Affichage"),
    "Rendez-vous": tr_noop("&Rendez-vous"),
    "Jeunes": tr_noop("&Jeunes"),
    "Ateliers": tr_noop("A&teliers"),
    "Outils": tr_noop("&Outils"),
    "Aide": tr_noop("Aid&e"),
}


def _plain(title: str) -> str:
    return title.replace("&", "").strip()


class MainWindow(QMainWindow):
    youthFileRequested = Signal(str)  # youth id: open the youth file
    printRequested = Signal(str, dict)  # kind ("slip", "day", ...), parameters
    bookingRequested = Signal(dict)  # open the booking dialog, prefilled (youth_id, type_code, start...)
    # the appointments an absence, closure or holiday leaves in the way: start, end, counsellor, intro
    attentionRequested = Signal(dict)
    actorChanged = Signal(object)  # Actor: someone else logged in
    pageChanged = Signal(str)  # key of the page now shown
    # The window was closed for good (closing the main window ends the app, or the test): what acts on
    # its own (periodic sync, reminders, live refresh, background results) stops here, not when Qt
    # deletes the window, which may be much later (`deleteLater`, the next event loop that runs it).
    closed = Signal()

    services: Services
    status: StatusBar

    def __init__(
        self,
        services: Services | None = None,
        actor: Actor | None = None,
        bus: ChangeBus | None = None,
        *,
        prompt: Prompt | None = None,
        ops: Operations | None = None,
    ) -> None:
        """The full window; without `services`, the start-up window (see the module docstring)."""
        super().__init__()
        self._actor: Actor | None = None
        self.bus = bus or ChangeBus()
        self.prompt: Prompt = prompt or QtPrompt()
        self.ops = ops or Operations(self.bus, self.prompt, self)
        self.undo_stack = QUndoStack(self)
        self._pages: dict[str, QWidget | None] = {}  # None: not built yet
        self._factories: dict[str, PageFactory] = {}
        self._when_built: dict[str, list[Callable[[QWidget], None]]] = {}  # additions waiting for a page
        self._titles: dict[str, str] = {}
        self._menus: dict[str, QMenu] = {}
        self._tz: str | None = None

        self.setObjectName("mainWindow")
        FocusRing.install()  # a focus outline people can see, in every window of the app
        self.nav = QListWidget()
        self.nav.setObjectName("pageList")
        self.nav.setAccessibleName(tr("Pages"))
        self.nav.setFixedWidth(120)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget#pageList { background: #f3f5f8; border: none; border-right: 1px solid #d5d9e0;"
            " padding-top: 6px; }"
            "QListWidget#pageList::item { padding: 7px 10px; border-radius: 4px; margin: 1px 4px; }"
            "QListWidget#pageList::item:selected { background: #1f4e99; color: white; }"
        )
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._on_row)
        self.starting = _StartingPanel()
        # Shown while the database cannot be reached (see `set_offline`): what is on screen stays, nothing
        # can be changed, and the window says so above the pages.
        self.offline_banner = QLabel()
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setAccessibleName(tr("Connexion à la base de données"))
        self.offline_banner.setStyleSheet(
            "QLabel#offlineBanner { background: #b00020; color: white; font-weight: bold; padding: 8px 12px; }"
        )
        self.offline_banner.hide()
        self.demo_banner = QLabel(tr("DÉMONSTRATION — données fictives"))
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(
            "QLabel#demoBanner { background: #b34700; color: white; font-weight: bold; padding: 3px; }"
        )
        self.demo_banner.setAccessibleName(self.demo_banner.text())
        self.demo_banner.hide()
        self.feedback = FeedbackBar(self._wall_clock)
        self._panel: QWidget | None = None  # the welcome window, while the file has no site
        body = QWidget()
        self._body = QHBoxLayout(body)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(0)
        self._body.addWidget(self.nav)
        self._body.addWidget(self.stack, 1)
        self._body.addWidget(self.starting, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.offline_banner)
        column.addWidget(self.demo_banner)
        column.addWidget(body, 1)
        column.addWidget(self.feedback)
        self.setCentralWidget(central)
        self._build_standard_menus()
        if services is None:  # the start-up window: a panel saying what is happening, no pages yet
            self.nav.hide()
            self.stack.hide()
            self.setWindowTitle("mlplanner")
            return
        self.starting.hide()
        self.attach(services)
        if actor is not None:
            self.set_actor(actor)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted() and not self.ops.disposed:
            self.ops.dispose()  # results of work still running are dropped, never shown in a dead window
            self.closed.emit()

    # --- start-up ----------------------------------------------------------------------------------
    def attach(self, services: Services) -> None:
        """The site file is open: the status bar shows the site and the file, the title the site."""
        from mlplanner.ui.shell.status_bar import StatusBar

        self.services = services
        self.status = StatusBar(services, self.ops, self, feedback=self.feedback)
        self.setStatusBar(self.status)  # replaces (and deletes) the start-up window's empty one
        self._update_title()

    def show_panel(self, panel: QWidget | None) -> None:
        """A panel in place of the start-up one (the welcome window), or back to the start-up panel."""
        if self._panel is not None:
            self._panel.hide()
            self._panel.deleteLater()
            self._panel = None
        if panel is None:
            self.starting.show()
            return
        self.starting.hide()
        self._panel = panel
        self._body.addWidget(panel, 1)
        panel.show()

    def set_offline(self, offline: bool, text: str = "") -> None:
        """The database stopped (or started again) answering: the banner, and no change goes out (the
        operations runner refuses them) until it is back. What is on screen stays, read-only."""
        self.offline_banner.setText(text)
        self.offline_banner.setVisible(offline)
        self.ops.offline = offline
        self.undo_stack.setActive(not offline)

    def show_background_work(self, busy: bool, label: str) -> None:
        """Work the start runs behind the day (its first backup): the status bar's busy bar and label,
        as for the operations runner's tasks (whose bar stays while one of them still runs)."""
        self.ops.busyChanged.emit(busy or self.ops.busy, label)

    def finish_starting(self) -> None:
        """The pages are installed: the start-up panel gives way to the page list and the pages, laid
        out to the end (see `settle`) so that the first paint that follows is the only one."""
        self.starting.hide()
        self.starting.busy.setRange(0, 1)  # stop the busy animation
        self.nav.show()
        self.stack.show()
        settle(self)

    # --- the logged-in person ------------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        assert self._actor is not None, "nobody has logged in yet"
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        """Someone (else) logged in: the undo history was theirs, so it is cleared."""
        self._actor = actor
        self.undo_stack.clear()
        self.status.set_actor(actor)
        self._update_title()
        self.actorChanged.emit(actor)

    def now(self) -> datetime:
        """Wall-clock time at the site (from the services' clock: fixed in tests)."""
        if self._tz is None:
            self._tz = self.services.directory.site().timezone
        return self.services.ctx.now_local(self._tz)

    def _wall_clock(self) -> datetime:
        try:
            return self.now()
        except AttributeError:  # the start-up window: no services yet
            return datetime.now()

    def can(self, perm: Perm) -> bool:
        """What the UI may offer (greyed out otherwise); the services check again anyway."""
        from mlplanner.services.permissions import allowed

        return allowed(self.actor, perm)

    # --- pages -----------------------------------------------------------------------------------
    def add_page(
        self, key: str, title: str, widget: QWidget | PageFactory, *, shortcut: str | None = None
    ) -> None:
        """Add a page; a factory (any callable returning the page) is called when the page is first
        shown or asked for (`page(key)`)."""
        if key in self._pages:
            raise ValueError(f"page {key!r} already added")
        self._titles[key] = title
        if isinstance(widget, QWidget):
            self._pages[key] = widget
            self._add_to(key, widget)
            self.stack.addWidget(self._scroll(key, widget))
        else:
            self._pages[key] = None
            self._factories[key] = widget
            holder = QWidget()  # stands in the stack until the page is built
            holder.setProperty("pageKey", key)
            self.stack.addWidget(holder)
        self.nav.setFixedWidth(max(self.nav.width(), self.fontMetrics().horizontalAdvance(title) + 48))
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if shortcut:
            item.setToolTip(
                f"{title} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            action = QAction(title, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.add_menu_action("Affichage", action)
        self.nav.addItem(item)
        if self.nav.currentRow() < 0 and key not in self._factories:
            self.nav.setCurrentRow(0)  # (a page built on demand waits for show_page)

    def _scroll(self, key: str, widget: QWidget) -> PageScroll:
        widget.setProperty("pageKey", key)
        if not widget.accessibleName():
            widget.setAccessibleName(self._titles[key].replace("&", ""))
        # Tab leaves a table for the next control (Qt's tables keep it to move between cells; the
        # arrows do that): no page traps the keyboard
        for view in widget.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        # every page scrolls rather than forcing the window bigger (small screens, 150 % scaling)
        area = PageScroll(widget)
        area.setObjectName(f"page_{key}")
        area.setProperty("pageKey", key)
        return area

    def _built(self, key: str) -> QWidget:
        """The page, built now if it was given as a factory and never shown."""
        widget = self._pages[key]
        if widget is not None:
            return widget
        widget = self._factories.pop(key)()
        self._pages[key] = widget
        self._add_to(key, widget)
        index = list(self._pages).index(key)
        holder = self.stack.widget(index)
        assert holder is not None  # every page has its place in the stack (`add_page`)
        was_current = self.stack.currentWidget() is holder
        area = self._scroll(key, widget)
        self.stack.insertWidget(index, area)
        if was_current:
            self.stack.setCurrentWidget(area)
        self.stack.removeWidget(holder)
        holder.setParent(None)  # deleted later away from the window: no repaint of the page over it
        holder.deleteLater()
        return widget

    def when_built(self, key: str, add: Callable[[QWidget], None]) -> None:
        """`add(page)` once the page `key` exists: now if it is built, else as soon as it is (another area's
        tab or section goes in without building the page: a start builds only the page it shows)."""
        widget = self._pages.get(key)
        if widget is not None:
            add(widget)
        else:
            self._when_built.setdefault(key, []).append(add)

    def _add_to(self, key: str, widget: QWidget) -> None:
        for add in self._when_built.pop(key, []):
            add(widget)

    def is_built(self, key: str) -> bool:
        """Whether the page exists yet (a page given as a factory is built when first shown)."""
        return self._pages.get(key) is not None

    def show_page(self, key: str) -> QWidget:
        widget = self._built(key)
        self.nav.setCurrentRow(list(self._pages).index(key))
        return widget

    def page(self, key: str) -> QWidget | None:
        return self._built(key) if key in self._pages else None

    def current_page(self) -> QWidget | None:
        key = self.current_page_key()
        return self._pages.get(key) if key else None

    def current_page_key(self) -> str | None:
        widget = self.stack.currentWidget()
        return widget.property("pageKey") if widget is not None else None

    def page_keys(self) -> list[str]:
        return list(self._pages)

    def page_title(self, key: str | None) -> str:
        return self._titles.get(key or "", "").replace("&", "")

    def _on_row(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self._built(list(self._pages)[row])
            self.stack.setCurrentIndex(row)
            key = self.current_page_key()
            if key:
                self.pageChanged.emit(key)

    # --- menus -----------------------------------------------------------------------------------
    def menu(self, menu_title: str) -> QMenu:
        """The menu with that title (created at its place in MENU_ORDER if missing)."""
        plain = _plain(menu_title)
        if plain in self._menus:
            return self._menus[plain]
        title = tr(MENU_TITLES.get(plain, f"&{plain}"))
        menu = QMenu(title if "&" in title else f"&{title}", self)
        menu.setObjectName(f"menu_{plain}")
        bar = self.menuBar()
        rank = MENU_ORDER.index(plain) if plain in MENU_ORDER else MENU_ORDER.index("Aide") - 0.5
        before = None
        for other_plain, other in self._menus.items():
            other_rank = MENU_ORDER.index(other_plain) if other_plain in MENU_ORDER else len(MENU_ORDER) - 1.5
            if other_rank > rank and (before is None or other_rank < before[0]):
                before = (other_rank, other)
        if before is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(before[1].menuAction(), menu)
        self._menus[plain] = menu
        return menu

    def add_menu_action(self, menu_title: str, action: QAction) -> None:
        if action.parent() is None:
            action.setParent(self)
        self.menu(menu_title).addAction(action)
        self.addAction(action)  # shortcuts work whichever page has the focus

    def _build_standard_menus(self) -> None:
        quit_action = QAction(tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.add_menu_action("Fichier", quit_action)
        stack = self.undo_stack
        undo = QAction(tr("Annuler"), self)
        undo.setObjectName("undoAction")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        undo.triggered.connect(self.undo)
        redo = QAction(tr("Rétablir"), self)
        redo.setObjectName("redoAction")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.triggered.connect(self.redo)
        for action, can, text, label in (
            (undo, stack.canUndoChanged, stack.undoTextChanged, tr_noop("Annuler : {what}")),
            (redo, stack.canRedoChanged, stack.redoTextChanged, tr_noop("Rétablir : {what}")),
        ):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(
                lambda what, a=action, lab=label, plain=action.text(): a.setText(
                    tr(lab).format(what=what) if what else plain
                )
            )
        self.add_menu_action("Édition", undo)
        self.add_menu_action("Édition", redo)

    def undo(self) -> bool:
        """Ctrl+Z, saying what was undone (a refused undo says why, and leaves the history)."""
        stack = self.undo_stack
        return stack.canUndo() and self._step(stack.undoText(), stack.undo, tr_noop("Annulé : {what}."))

    def redo(self) -> bool:
        stack = self.undo_stack
        return stack.canRedo() and self._step(stack.redoText(), stack.redo, tr_noop("Rétabli : {what}."))

    def _step(self, what: str, step: Callable[[], None], said: str) -> bool:
        before = self.undo_stack.count()
        step()
        if self.undo_stack.count() < before:  # refused: the command dropped itself, the reason was shown
            return False
        self.status.showMessage(tr(said).format(what=what), 8000)
        return True

    def _update_title(self) -> None:
        try:
            view = self.services.directory.site()
            site, demo = view.name, view.demo
        except Exception:  # a title must never stop the window from opening
            site, demo = "mlplanner", False
        self.demo_banner.setVisible(demo)  # marked in the file: never mistaken for the real site
        who = f" — {self._actor.name}" if self._actor is not None else ""
        mark = tr("DÉMONSTRATION — données fictives") + " — " if demo else ""
        self.setWindowTitle(f"mlplanner — {mark}{site}{who}")


class _StartingPanel(QWidget):
    """What the start-up window shows while the site file opens: the name, a busy bar, a sentence."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startingPanel")
        name = QLabel("mlplanner")
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        name.setFont(font)
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # an animated "busy" bar: no known end
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(240)
        self.message = QLabel(tr("Ouverture de la base…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy.setAccessibleName(self.message.text())
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(name)
        lay.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.message)
        lay.addStretch(2)

    def say(self, text: str) -> None:
        """Something is being waited for: the busy bar runs, the sentence says what."""
        self.message.setText(text)
        self.busy.setAccessibleName(text)
        self.busy.setRange(0, 0)
        self.busy.show()

    def waiting_for_login(self) -> None:
        """The file is open: the login dialog in front is what happens next, nothing to wait for."""
        self.busy.setRange(0, 1)
        self.busy.hide()
        self.message.clear()


def settle(window: QWidget) -> None:
    """What Qt leaves to the event loop after widgets are shown, done now: their layouts, their scroll
    bars shown or hidden (a scroll area does it in a queued call), and the paint each asks for when
    shown. A paint right after this is then final; without it, the start painted the first page, then
    again once the event loop ran (the day's grid twice, a horizontal scroll bar flashing, issue 19)."""
    for _ in range(2):  # laying out may ask for another layout or another look at the scroll bars
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for area in window.findChildren(QAbstractScrollArea):
            QCoreApplication.sendPostedEvents(area, QEvent.Type.MetaCall)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)
