"""Printing from the app: print requests become a preview (`print_preview`), plus the menu actions.

The service renders the PDF with `preview=True` (an on-screen preview is not a print); printing it or
saving it from the preview records the print in the audit log.

Requests arrive as `window.printRequested(kind, params)` (day view, appointment menu, call list,
workshop roster) or from the "Fichier" menu actions added by `install_printing`:

* ``"day"``: ``day`` (date or text), ``grouping``/``kind`` ("counsellor" or "room")
* ``"counsellor"`` / ``"week"``: ``counsellor`` (id or name; default: the logged-in person), ``day``
* ``"roster"``: ``session_id``; ``"slip"``: ``appointment_id``
* ``"calls"``: ``day`` = the appointments' day (as the call list page shows it), or ``call_day`` = the
  day the calls are made (the list then covers the second open day after it)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from mlplanner.domain.errors import DomainError, InputError
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.printing.output import as_day
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.printing.preview import (
    PathChooser,
    PrinterFactory,
    PrintPreviewDialog,
    Produce,
    ask_printer,
    ask_save_path,
)
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import Prompt

# --- requests from the app ------------------------------------------------------------------------


class PrintRequests(QObject):
    """Turns `printRequested(kind, params)` into a service call and opens its preview."""

    opened = Signal(object)  # PrintPreviewDialog

    def __init__(
        self,
        window: MainWindow,
        services: Services,
        actor: Callable[[], Actor],
        *,
        prompt: Prompt | None = None,
        choose_path: PathChooser = ask_save_path,
        make_printer: PrinterFactory = ask_printer,
    ) -> None:
        super().__init__(window)
        self.window, self.services, self.actor = window, services, actor
        self.prompt = prompt or window.prompt
        self.choose_path, self.make_printer = choose_path, make_printer
        self.dialogs: list[PrintPreviewDialog] = []

    def produce_for(self, kind: str, params: dict[str, Any]) -> Produce:
        """The service call for a request (raises `InputError` for an unknown kind)."""
        p, sv, actor = dict(params), self.services.printing, self.actor()
        day = as_day(p["day"]) if p.get("day") else self.context_day()
        if kind == "day":
            grouping = p.get("grouping") or p.get("kind") or "counsellor"
            return lambda: sv.day(actor=actor, day=day, grouping=grouping, preview=True)
        if kind in ("counsellor", "week"):
            who = p.get("counsellor") or actor.id
            if kind == "week":
                return lambda: sv.week(actor=actor, counsellor=who, day=day, preview=True)
            return lambda: sv.counsellor_day(actor=actor, day=day, counsellor=who, preview=True)
        if kind == "roster":
            return lambda: sv.roster(actor=actor, session_id=str(p.get("session_id", "")), preview=True)
        if kind == "slip":
            return lambda: sv.slip(actor=actor, appointment_id=str(p.get("appointment_id", "")), preview=True)
        if kind == "calls":
            if p.get("call_day"):
                return lambda: sv.calls(actor=actor, day=as_day(p["call_day"]), preview=True)
            return lambda: sv.calls(actor=actor, appointments_day=day, preview=True)
        raise InputError(
            "unknown_document", tr("Document à imprimer inconnu : « {kind} ».").format(kind=kind)
        )

    def handle(self, kind: str, params: dict[str, Any]) -> PrintPreviewDialog | None:
        try:
            produce = self.produce_for(kind, params or {})
        except DomainError as exc:
            self.prompt.error(self.window, refusal_text(exc), title=tr("Imprimer"))
            return None
        dialog = PrintPreviewDialog(
            self.services,
            self.actor,
            self.window.ops,
            produce,
            title=tr("Aperçu — {document}").format(document=tr(TITLES_FR.get(kind, "document"))),
            choose_path=self.choose_path,
            make_printer=self.make_printer,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _=None, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()
        dialog.start()
        self.opened.emit(dialog)
        return dialog

    def _forget(self, dialog: PrintPreviewDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def context_day(self) -> date:
        """The day the current page shows (day view: `day`, week view: `monday`), else today."""
        page = self.window.current_page()  # the page itself, not the scroll area around it
        for attr in ("day", "monday"):
            value = getattr(page, attr, None)
            if isinstance(value, date):
                return value
        return self.window.now().date()

    def context_grouping(self) -> str:
        page = self.window.current_page()
        kind = getattr(page, "kind", None)
        return kind if kind in ("counsellor", "room") else "counsellor"

    def mine(self, kind: str) -> None:
        """ "Ma journée" / "Ma semaine": the logged-in counsellor's; others choose whose."""
        actor = self.actor()
        if actor.role.bookable:
            who = actor.id
        else:
            people = self.services.directory.bookable_staff()
            if not people:
                return
            choice = self.prompt.ask_choice(
                self.window, tr("Conseiller :"), [s.display_name for s in people], title=tr("Imprimer")
            )
            if choice is None:
                return
            who = people[choice].id
        self.handle(kind, {"counsellor": who, "day": self.context_day()})


TITLES_FR = {
    "day": tr_noop("planning du jour"),
    "counsellor": tr_noop("rendez-vous du jour"),
    "week": tr_noop("semaine"),
    "roster": tr_noop("feuille d'émargement"),
    "slip": tr_noop("confirmation de rendez-vous"),
    "calls": tr_noop("appels de rappel"),
}


def install_printing(
    window: MainWindow,
    services: Services,
    bus: ChangeBus,
    actor_provider: Callable[[], Actor],
    **options: Any,
) -> PrintRequests:
    """Answer `window.printRequested` with a preview, and add the print actions to the "Fichier" menu.

    `options` (tests, screenshots): `prompt`, `choose_path`, `make_printer`.
    """
    del bus  # prints change no data; the audit entries reach the audit viewer through `ops`
    requests = PrintRequests(window, services, actor_provider, **options)
    window.printRequested.connect(requests.handle)
    menu = window.menu("Fichier")
    first = menu.actions()[0] if menu.actions() else None
    entries = (
        ("print_day", tr("Imprimer le planning du jour…"), "Ctrl+Shift+P",
         lambda: requests.handle("day", {"day": requests.context_day(), "grouping": requests.context_grouping()})),
        ("print_my_day", tr("Imprimer ma journée…"), None, lambda: requests.mine("counsellor")),
        ("print_my_week", tr("Imprimer ma semaine…"), None, lambda: requests.mine("week")),
        ("print_calls", tr("Imprimer la liste d'appels…"), None,
         lambda: requests.handle("calls", {"call_day": window.now().date()})),
    )  # fmt: skip
    for name, label, shortcut, slot in entries:
        action = QAction(label, window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.insertAction(first, action) if first is not None else menu.addAction(action)
        window.addAction(action)
    if first is not None:
        menu.insertSeparator(first)
    return requests


def install(window: MainWindow) -> None:
    """The plug-in entry point listed in `mlplanner.app.PLUGIN_MODULES`."""
    install_printing(window, window.services, window.bus, lambda: window.actor)
