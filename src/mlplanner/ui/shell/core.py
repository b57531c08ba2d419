"""Install the core pages and actions into the main window (called first by the composition root).

Pages: day (Ctrl+1), week (Ctrl+2), arrivals (Ctrl+3), my day (Ctrl+4). Actions: new booking (Ctrl+N),
walk-in (Ctrl+Shift+N), change user (Ctrl+L), keyboard help (F1), and the "Rendez-vous" menu.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from mlplanner.domain.enums import Role
from mlplanner.ui import i18n
from mlplanner.ui.booking.actions import AppointmentActions
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.main_window import MainWindow

if TYPE_CHECKING:  # each imported where it is first built: a start builds the first page only
    from mlplanner.domain.models import AppointmentView
    from mlplanner.ui.booking.dialog import BookingDialog
    from mlplanner.ui.booking.impact_dialog import ImpactDialog
    from mlplanner.ui.dayview.view import DayPage
    from mlplanner.ui.dayview.week import WeekPage
    from mlplanner.ui.followup.my_day import MyDayPage
    from mlplanner.ui.reception.arrivals import ArrivalsPage
    from mlplanner.ui.shell.keys import KeyHelpDialog
    from mlplanner.ui.shell.live_refresh import LiveRefresh
    from mlplanner.ui.shell.login import LoginDialog


def _language_menu(window: MainWindow) -> None:
    """Affichage > Langue: saved for the next start (every widget is built in one language)."""
    menu = window.menu("Affichage").addMenu(tr("&Langue"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    current = i18n.chosen_language()
    for code, name in i18n.LANGUAGES.items():
        act = menu.addAction(name)
        act.setObjectName(f"language_{code}")
        act.setCheckable(True)
        act.setChecked(code == current)
        group.addAction(act)

        def choose(_checked: bool = False, code: str = code) -> None:
            i18n.save_language(code)
            window.prompt.info(
                window,
                tr("La langue choisie sera utilisée au prochain démarrage de mlplanner."),
                title=tr("Langue"),
            )

        act.triggered.connect(choose)


class Core:
    """The core pages, the booking dialog and the appointment actions.

    Each page (and the booking dialog) is built, and its module imported, the first time it is shown
    or used: a start builds only the page it opens on (the week view alone costs ~0.3 s on a large
    site; the modules of the other pages and dialogs ~0.2 s of imports at network size, issue 19).
    """

    def __init__(self, window: MainWindow, actions: AppointmentActions) -> None:
        self.window = window
        self.actions = actions
        self.live: LiveRefresh | None = None
        self._booking: BookingDialog | None = None
        self._key_help: KeyHelpDialog | None = None
        self._impact: ImpactDialog | None = None

    @property
    def booking(self) -> BookingDialog:
        if self._booking is None:
            from mlplanner.ui.booking.dialog import BookingDialog

            self._booking = BookingDialog(self.window, self.actions)
            self._booking.booked.connect(self._select_booked)
        return self._booking

    @property
    def day(self) -> DayPage:
        return cast("DayPage", self.window.page("day"))

    @property
    def week(self) -> WeekPage:
        return cast("WeekPage", self.window.page("week"))

    @property
    def arrivals(self) -> ArrivalsPage:
        return cast("ArrivalsPage", self.window.page("arrivals"))

    @property
    def my_day(self) -> MyDayPage:
        return cast("MyDayPage", self.window.page("my_day"))

    def open_booking(self, prefill: dict[str, Any]) -> BookingDialog:
        booking = self.booking
        booking.start(prefill)
        booking.show()
        booking.raise_()
        booking.activateWindow()
        return booking

    def show_key_help(self) -> KeyHelpDialog:
        """F1: built from the actions of the window and of the page shown (see `shell.keys`)."""
        from mlplanner.ui.booking.dialog import BookingDialog
        from mlplanner.ui.shell.keys import KeyHelpDialog, Section

        if self._key_help is None:
            self._key_help = KeyHelpDialog(self.window)
        booking = Section(tr("Dans « Nouveau rendez-vous »"), BookingDialog.key_help())
        self._key_help.show_for(self.window, [booking])
        return self._key_help

    def show_impact(self, request: dict[str, Any]) -> ImpactDialog:
        """The appointments to deal with (absence, closure, holiday), for `request`'s days/counsellor."""
        from mlplanner.ui.booking.impact_dialog import ImpactDialog, Scope

        if self._impact is None:
            self._impact = ImpactDialog(self.window, self.actions, self.open_booking)
        self._impact.show_scope(Scope.of(request))
        return self._impact

    def open_week(self, kind: str, resource_id: str, day: date) -> None:
        self.week.show_resource(kind, resource_id, day)
        self.window.show_page("week")

    def _select_booked(self, appointment: AppointmentView) -> None:
        if self.window.is_built("day"):
            self.day.table.select_appointment(appointment.id)


def install_core(window: MainWindow, *, live_refresh: bool = True) -> Core:
    core = Core(window, AppointmentActions(window))
    window.core = core  # type: ignore[attr-defined]
    actions, open_booking = core.actions, core.open_booking

    def day() -> DayPage:
        from mlplanner.ui.dayview.view import DayPage

        return DayPage(window, actions, open_booking=open_booking, open_week=core.open_week)

    def week() -> WeekPage:
        from mlplanner.ui.dayview.week import WeekPage

        return WeekPage(window, actions, open_booking=open_booking)

    def arrivals() -> ArrivalsPage:
        from mlplanner.ui.reception.arrivals import ArrivalsPage

        return ArrivalsPage(window, actions)

    def my_day() -> MyDayPage:
        from mlplanner.ui.followup.my_day import MyDayPage

        return MyDayPage(window, actions)

    window.add_page("day", tr("Planning du jour"), day, shortcut="Ctrl+1")
    window.add_page("week", tr("Semaine"), week, shortcut="Ctrl+2")
    window.add_page("arrivals", tr("Accueil et arrivées"), arrivals, shortcut="Ctrl+3")
    window.add_page("my_day", tr("Ma journée"), my_day, shortcut="Ctrl+4")
    window.bookingRequested.connect(open_booking)
    window.attentionRequested.connect(core.show_impact)

    new = QAction(tr("&Nouveau rendez-vous…"), window)
    new.setShortcut(QKeySequence("Ctrl+N"))

    def booking_from_page() -> None:
        """Ctrl+N: on a page about one young person (youth file, portfolio, calls, Ma journée), for them."""
        prefill = getattr(window.current_page(), "booking_prefill", None)
        open_booking(prefill() if callable(prefill) else {})

    new.triggered.connect(booking_from_page)
    walk_in = QAction(tr("Jeune &sans rendez-vous…"), window)
    walk_in.setShortcut(QKeySequence("Ctrl+Shift+N"))
    walk_in.triggered.connect(lambda: core.arrivals.open_walk_in())
    menu = window.menu("Rendez-vous")
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, new)
    menu.insertAction(first, walk_in)
    menu.insertSeparator(first)
    window.addAction(new)
    window.addAction(walk_in)

    login = QAction(tr("Changer d'&utilisateur…"), window)
    login.setShortcut(QKeySequence("Ctrl+L"))

    def change_user() -> LoginDialog:
        from mlplanner.ui.shell.login import LoginDialog

        dialog = LoginDialog(window.services, window, site_name=window.services.directory.site().name)
        dialog.loggedIn.connect(window.set_actor)
        dialog.open()
        window._login_dialog = dialog  # type: ignore[attr-defined]
        return dialog

    login.triggered.connect(change_user)
    file_menu = window.menu("Fichier")
    file_menu.insertAction(file_menu.actions()[0], login)
    window.addAction(login)
    keys = QAction(tr("&Raccourcis clavier"), window)
    keys.setShortcut(QKeySequence("F1"))
    keys.triggered.connect(core.show_key_help)
    window.add_menu_action("Aide", keys)

    def on_actor(actor) -> None:  # type: ignore[no-untyped-def]
        window.show_page("my_day" if actor.role is Role.COUNSELLOR else "day")

    _language_menu(window)
    window.actorChanged.connect(on_actor)
    on_actor(window.actor)

    db = window.services.ctx.db
    if live_refresh and (db.path is not None or db.is_server):
        from mlplanner.ui.shell.live_refresh import LiveRefresh

        live = LiveRefresh(window.services.watch_changes(), window.bus, window, server=db.is_server)

        def state(ok: bool, text: str) -> None:
            window.status.set_live_state(text, ok=ok)
            window.set_offline(not ok, text)

        live.stateChanged.connect(state)
        window.closed.connect(live.stop)  # a closed window polls no more (Qt may delete it much later)
        window.destroyed.connect(live.stop)
        live.start()
        core.live = live
    return core
