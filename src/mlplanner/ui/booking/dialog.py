"""The booking dialog, keyboard first.

Fastest path: Ctrl+N, type a few letters of the name, Enter (first match), Enter (type kept), Enter
(first proposed slot booked). The type and counsellor ("Tous" = the referent first) can be changed with
Tab and the arrow keys; the proposals follow. Opened from an empty cell of the day view, the clicked
time comes first in the list. A refusal (clash, closed, holiday, absence) is explained in the dialog,
in French, and the dialog stays open so the receptionist can pick another slot.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError
from mlplanner.domain.models import AppointmentView, Slot, YouthView
from mlplanner.domain.text import fold
from mlplanner.services.permissions import Perm
from mlplanner.ui.i18n import tr, weekday_abbr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.keys import keys_text
from mlplanner.ui.widgets.announce import announce
from mlplanner.ui.widgets.appointment_text import staff_text
from mlplanner.ui.widgets.error_text import ERROR_STYLE
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.youths.picker import YouthPicker

if TYPE_CHECKING:
    from mlplanner.ui.booking.actions import AppointmentActions
    from mlplanner.ui.shell.main_window import MainWindow

ANY = ""
ALL_SITES = "all"
SLOT_COUNT = 8


# The type offered first: the everyday follow-up interview when the site has one.
PREFERRED_TYPES = ("SUIVI",)


# The type for someone the Mission Locale has never met: the first reception interview.
FIRST_VISIT_TYPES = ("ACC",)


def default_type_index(box: QComboBox) -> int:
    for code in PREFERRED_TYPES:
        i = box.findData(code)
        if i >= 0:
            return i
    return 0


def first_visit_type_index(box: QComboBox) -> int:
    """A new young person comes for a first reception ("Premier accueil"), not a follow-up."""
    for code in FIRST_VISIT_TYPES:
        i = box.findData(code)
        if i >= 0:
            return i
    for i in range(box.count()):
        if "accueil" in fold(box.itemText(i)):
            return i
    return box.currentIndex()


def slot_text(start: datetime, who: str, room: str | None) -> str:
    where = f" · {room}" if room else ""
    return when_text(start) + f" — {who}{where}"


def when_text(start: datetime) -> str:
    """ "lun. 01/03 à 14:00" in the UI language."""
    return tr("{day} {date} à {time}").format(
        day=weekday_abbr(start.weekday()), date=f"{start:%d/%m}", time=f"{start:%H:%M}"
    )


class BookingDialog(QDialog):
    booked = Signal(object)  # AppointmentView

    def __init__(
        self, window: MainWindow, actions: AppointmentActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent or window)
        self.setObjectName("bookingDialog")
        self.setWindowTitle(tr("Nouveau rendez-vous"))
        self.window_ = window
        self.services = window.services
        self.appointment_actions = actions
        self.prefill: dict[str, Any] = {}
        self.youth: YouthView | None = None
        self.last_booked: AppointmentView | None = None
        self.last_request: object | None = None  # the last booking asked of another site
        self._direct: set[str] = set()  # the sites booked at once from here (the others: a request)
        self.moving: AppointmentView | None = None  # an appointment being moved (`start(move=...)`)

        self.picker = YouthPicker(window, self)
        self.picker.youthChosen.connect(self._youth_chosen)
        self.type_box = QComboBox()
        self.type_box.setObjectName("typeBox")
        self.type_box.setAccessibleName(tr("Type de rendez-vous"))
        for t in self.services.directory.types():
            if t.active:
                self.type_box.addItem(f"{t.label} ({t.duration_min} min)", t.code)
        self.type_box.setCurrentIndex(default_type_index(self.type_box))
        self.picker.youthCreated.connect(
            lambda _y: self.type_box.setCurrentIndex(first_visit_type_index(self.type_box))
        )
        self.who_box = QComboBox()
        self.who_box.setObjectName("counsellorBox")
        self.who_box.setAccessibleName(tr("Conseiller"))
        self.second_box = QComboBox()
        self.second_box.setObjectName("secondStaffBox")
        self.second_box.setAccessibleName(tr("Deuxième personne"))
        self.second_box.setAccessibleDescription(
            tr("Un partenaire ou un second conseiller présent au rendez-vous : il doit être libre lui aussi")
        )
        # booking at another site of the network (issue 18): the caller's site first, then the nearest
        self.site_box = QComboBox()
        self.site_box.setObjectName("siteBox")
        self.site_box.setAccessibleName(tr("Site"))
        self.site_box.setAccessibleDescription(
            tr(
                "Un autre site du réseau : en mode serveur le rendez-vous est pris, sinon une demande part "
                "et le site la confirme à sa prochaine synchronisation"
            )
        )
        self.from_date = QDateEdit()
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("dd/MM/yyyy")
        self.from_date.setAccessibleName(tr("Chercher à partir du"))
        self.slots = QListWidget()
        self.slots.setObjectName("slotList")
        self.slots.setAccessibleName(tr("Créneaux proposés"))
        self.slots.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)  # 200 % text: within 768 px
        self.slots.itemActivated.connect(lambda _i: self.book())
        self.notes = QLineEdit()
        self.notes.setAccessibleName(tr("Note"))
        self.notes.setPlaceholderText(tr("facultatif"))
        self.error = QLabel()
        self.error.setObjectName("bookingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
        self.error.setAccessibleName(tr("Refus"))
        self.error.hide()
        self.book_btn = QPushButton(tr("&Prendre le rendez-vous"))
        self.book_btn.setObjectName("bookButton")
        self.book_btn.setToolTip(
            tr("Réserver le créneau sélectionné (Entrée dans la liste, ou {keys})").format(
                keys=keys_text("Ctrl+Return")
            )
        )
        self.book_btn.clicked.connect(self.book)
        close_btn = QPushButton(tr("Fermer"))
        close_btn.clicked.connect(self.close)
        for b in (self.book_btn, close_btn):
            b.setAutoDefault(False)

        form = self._form = QFormLayout()
        form.addRow(self._label(tr("&Jeune :"), self.picker.search), self.picker)
        form.addRow(self._label(tr("&Type :"), self.type_box), self.type_box)
        form.addRow(self._label(tr("S&ite :"), self.site_box), self.site_box)
        form.addRow(self._label(tr("&Conseiller :"), self.who_box), self.who_box)
        form.addRow(self._label(tr("Deu&xième personne :"), self.second_box), self.second_box)
        form.addRow(self._label(tr("À partir du :"), self.from_date), self.from_date)
        form.addRow(self._label(tr("Cré&neaux :"), self.slots), self.slots)
        form.addRow(self._label(tr("N&ote :"), self.notes), self.notes)
        self._fill_sites()  # the site row, shown when there are other sites
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.book_btn)
        buttons.addWidget(close_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.resize(640, 620)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self.refresh_slots)
        self.type_box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.who_box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.second_box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.site_box.currentIndexChanged.connect(lambda _i: self._site_changed())
        self.from_date.dateChanged.connect(lambda _d: self._timer.start())
        # a refusal speaks of the request that was refused: it goes as soon as the request changes
        self.type_box.currentIndexChanged.connect(lambda _i: self.error.hide())
        self.who_box.currentIndexChanged.connect(lambda _i: self.error.hide())
        self.second_box.currentIndexChanged.connect(lambda _i: self.error.hide())
        self.site_box.currentIndexChanged.connect(lambda _i: self.error.hide())
        self.from_date.dateChanged.connect(lambda _d: self.error.hide())
        self.slots.currentRowChanged.connect(lambda _r: self.error.hide())
        self.picker.search.textEdited.connect(lambda _t: self.error.hide())
        for w in (self.type_box, self.site_box, self.who_box, self.second_box, self.slots, self.from_date):
            w.installEventFilter(self)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self, activated=self.book)
            shortcut.setWhatsThis(tr("Prendre le rendez-vous sélectionné"))

    @staticmethod
    def key_help() -> tuple[tuple[str, str], ...]:
        """The dialog's keys, for F1 (the dialog itself is built on first use)."""
        return (
            (tr("lettres puis Entrée"), tr("le premier jeune trouvé (↓ pour un autre)")),
            (keys_text("Alt+U"), tr("créer la fiche d'un nouveau jeune")),
            (keys_text("Return"), tr("sur le type, le conseiller ou la date : aller aux créneaux")),
            (keys_text("Return"), tr("dans les créneaux : prendre le rendez-vous")),
            (keys_text("Ctrl+Return"), tr("prendre le rendez-vous du créneau sélectionné")),
            (keys_text("Esc"), tr("fermer sans rien enregistrer")),
        )

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- opening ---------------------------------------------------------------------------------
    def start(self, prefill: dict[str, Any] | None = None) -> None:
        """(Re)initialise for a new booking; `prefill` may hold start, counsellor, room, youth_id, type_code,
        and `from` (the first day to search). With `move` (an AppointmentView) the dialog moves that
        appointment instead: same young person and type, the slots proposed from `from` or today."""
        self.prefill = dict(prefill or {})
        moving: AppointmentView | None = self.prefill.get("move")
        self.moving = moving
        if moving is not None:
            self.prefill.setdefault("youth_id", moving.youth_id)
            self.prefill.setdefault("type_code", moving.type_code)
        self.error.hide()
        self.notes.clear()
        self.youth = None
        self.picker.reset()
        self._fill_sites()  # sites arrive by sync: read again; a new booking starts at this site
        for box in (self.who_box, self.second_box):
            box.setEnabled(True)
        for w in (self.picker, self.type_box, self.notes):
            w.setEnabled(moving is None)
        self.book_btn.setText(tr("Dé&placer ici") if moving is not None else tr("&Prendre le rendez-vous"))
        self._fill_counsellors(None, keep=False)  # "Tous (le référent d'abord)" unless prefilled
        counsellor = self.prefill.get("counsellor")
        if counsellor:
            self.who_box.setCurrentIndex(max(0, self.who_box.findData(counsellor)))
        if self.prefill.get("type_code"):
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(self.prefill["type_code"])))
        else:
            self.type_box.setCurrentIndex(default_type_index(self.type_box))
        start: datetime | None = self.prefill.get("start")
        day = start.date() if start else self.prefill.get("from") or self.window_.now().date()
        self.from_date.blockSignals(True)
        self.from_date.setDate(QDate(day.year, day.month, day.day))
        self.from_date.blockSignals(False)
        if moving is not None:
            self.setWindowTitle(
                tr("Déplacer le rendez-vous de {name} ({when})").format(
                    name=moving.youth_name, when=when_text(moving.start)
                )
            )
        elif start is not None:
            where = self._resource_name()
            self.setWindowTitle(tr("Nouveau rendez-vous — {when}").format(when=when_text(start)) + where)
        else:
            self.setWindowTitle(tr("Nouveau rendez-vous"))
        youth_id = self.prefill.get("youth_id")
        if youth_id:
            self.picker.set_youth(self.services.youths.get(youth_id))
        self.refresh_slots()
        # the young person is known: the cursor waits on the type (Enter, Enter books); moving: the slots
        (self.slots if moving is not None else self.type_box if youth_id else self.picker.search).setFocus()

    def _resource_name(self) -> str:
        if self.prefill.get("counsellor"):
            i = self.who_box.findData(self.prefill["counsellor"])
            return f" — {self.who_box.itemText(i)}" if i >= 0 else ""
        if self.prefill.get("room"):
            room = next((r for r in self.services.directory.rooms() if r.id == self.prefill["room"]), None)
            return f" — {room.name}" if room else ""
        return ""

    def _fill_sites(self) -> None:
        """This site, the other sites of the network nearest first, and "all of them"."""
        self.site_box.blockSignals(True)
        self.site_box.clear()
        order = self.services.slots.site_order("all")
        self._direct = self.services.requests.booked_directly() if len(order) > 1 else set()
        for i, (code, name) in enumerate(order):
            label = tr("Ce site ({code})").format(code=code) if i == 0 else f"{code} — {name}"
            if i > 0 and code not in self._direct:  # folder sync: a request, confirmed at that site's sync
                label += tr(" (sur demande)")
            self.site_box.addItem(label, code)
        if len(order) > 1:
            self.site_box.addItem(tr("Tous les sites (le plus proche d'abord)"), ALL_SITES)
        self.site_box.setCurrentIndex(0)
        self._form.setRowVisible(self.site_box, len(order) > 1)  # a site alone has no one to ask
        self.site_box.blockSignals(False)

    def _other_site(self) -> bool:
        return self.site_box.currentIndex() > 0

    def _site_changed(self) -> None:
        """Another site: its own counsellors decide (the proposals name them); here, this site's staff."""
        other = self._other_site()
        for box in (self.who_box, self.second_box):
            if other:
                box.setCurrentIndex(0)
            box.setEnabled(not other)
        if self.moving is None:  # a site that only takes requests: the button says what it does
            code = self.site_box.currentData()
            asks = other and code != ALL_SITES and code not in self._direct
            self.book_btn.setText(tr("&Envoyer la demande") if asks else tr("&Prendre le rendez-vous"))
        self._timer.start()

    def _fill_counsellors(
        self, referent_id: str | None, *, keep_second: bool = False, keep: bool = True
    ) -> None:
        current = self.who_box.currentData() if keep else None
        staff = self.services.directory.bookable_staff()
        staff.sort(key=lambda s: (s.id != referent_id, s.role is not Role.COUNSELLOR, s.last_name))
        self.who_box.blockSignals(True)
        self.who_box.clear()
        self.who_box.addItem(tr("Tous (le référent d'abord)"), ANY)
        for s in staff:
            suffix = tr(" — référent(e)") if s.id == referent_id else ""
            self.who_box.addItem(s.display_name + suffix, s.id)
        if current is not None:
            self.who_box.setCurrentIndex(max(0, self.who_box.findData(current)))
        self.who_box.blockSignals(False)
        second = self.second_box.currentData() if keep_second else None
        self.second_box.blockSignals(True)
        self.second_box.clear()
        self.second_box.addItem(tr("Personne d'autre"), ANY)
        for s in sorted(staff, key=lambda s: (s.role is not Role.PARTNER, s.last_name)):
            self.second_box.addItem(s.display_name, s.id)
        self.second_box.setCurrentIndex(max(0, self.second_box.findData(second)) if second else 0)
        self.second_box.blockSignals(False)

    def _youth_chosen(self, youth: YouthView) -> None:
        self.youth = youth
        self._fill_counsellors(youth.referent_id, keep_second=True)
        self.error.hide()
        self.refresh_slots()
        self.type_box.setFocus()

    # --- proposals -------------------------------------------------------------------------------
    def refresh_slots(self) -> None:
        self._timer.stop()
        self.error.hide()
        self.slots.blockSignals(True)  # refilling is not the user choosing another slot
        try:
            self._fill_slots()
        finally:
            self.slots.blockSignals(False)

    def _fill_slots(self) -> None:
        self.slots.clear()
        code = self.type_box.currentData()
        if not code:
            return
        start: datetime | None = self.prefill.get("start")
        if start is not None:
            who = self.who_box.currentText() if self.who_box.currentData() else tr("conseiller libre")
            room = self.prefill.get("room")
            room_name = self._resource_name().removeprefix(" — ") if room else None
            item = QListWidgetItem(
                tr("Créneau choisi : {slot}").format(slot=slot_text(start, who, room_name))
            )
            item.setData(
                Qt.ItemDataRole.UserRole, ("chosen", start, self.who_box.currentData() or None, room)
            )
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.slots.addItem(item)
        q = self.from_date.date()
        day = date(q.year(), q.month(), q.day())
        from_ = start if start is not None and start.date() == day else day
        site = self.site_box.currentData()
        if self._other_site():
            outcome = self.window_.ops.run(
                lambda: self.services.slots.find_across(
                    sites=site if site == ALL_SITES else [site],
                    type_code=code,
                    youth_id=self.youth.id if self.youth else None,
                    start=from_,
                    count=SLOT_COUNT if site != ALL_SITES else 3,
                ),
                on_error=self._show_error,
            )
        else:
            outcome = self.window_.ops.run(
                lambda: self.services.slots.find(
                    type_code=code,
                    counsellor=self.who_box.currentData() or None,
                    youth_id=self.youth.id if self.youth else None,
                    start=from_,
                    count=SLOT_COUNT,
                    second_staff=self.second_box.currentData() or None,
                ),
                on_error=self._show_error,
            )
        found: list[Slot] = outcome.value or []
        for s in found:
            if (
                start is not None
                and s.start == start
                and s.counsellor_id == (self.who_box.currentData() or s.counsellor_id)
            ):
                continue
            who = f"{s.counsellor_name} + {s.second_staff_name}" if s.second_staff_id else s.counsellor_name
            here = not s.site_code or s.site_code == self.site_box.itemData(0)
            text = slot_text(s.start, who, s.room_name)
            item = QListWidgetItem(text if here else f"[{s.site_code}] {text}")
            item.setData(
                Qt.ItemDataRole.UserRole,
                ("slot", s.start, s.counsellor_id, s.room_id, None if here else s.site_code),
            )
            self.slots.addItem(item)
        if not self.slots.count():
            item = QListWidgetItem(tr("Aucun créneau libre dans les trois prochains mois."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.slots.addItem(item)
        self.slots.setCurrentRow(0)

    # --- booking ---------------------------------------------------------------------------------
    def _show_error(self, exc: DomainError) -> None:
        self.error.setText(refusal_text(exc))
        self.error.show()

    def booking_request(self) -> dict[str, Any] | None:
        item = self.slots.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.youth is None:
            self.error.setText(tr("Choisissez d'abord le jeune (tapez quelques lettres de son nom)."))
            self.error.show()
            self.picker.search.setFocus()
            return None
        if not data:
            self.error.setText(tr("Choisissez un créneau dans la liste."))
            self.error.show()
            return None
        _kind, start, counsellor, room, *site = data
        if site and site[0]:  # another site: what its desk needs to book it
            return {
                "site": site[0],
                "youth_id": self.youth.id,
                "type_code": self.type_box.currentData(),
                "start": start,
                "counsellor": counsellor,
                "notes": self.notes.text(),
            }
        return {
            "youth_id": self.youth.id,
            "type_code": self.type_box.currentData(),
            "start": start,
            "counsellor": counsellor,
            "room": room,
            "notes": self.notes.text(),
            "second_staff": self.second_box.currentData() or None,
        }

    def book(self) -> AppointmentView | None:
        request = self.booking_request()
        if request is None:
            return None
        self.error.hide()
        if self.moving is not None:
            return self._move(self.moving, request)
        if "site" in request:
            return self._book_elsewhere(request)
        a = self.appointment_actions.book(request, on_error=self._show_error)
        if a is None:
            self.slots.setFocus()
            return None
        self.last_booked = a
        self.window_.status.showMessage(
            tr("Rendez-vous pris : {name}, {when} avec {who}").format(
                name=a.youth_name, when=when_text(a.start), who=staff_text(a)
            )
            + (f", {a.room_name}" if a.room_name else "")
            + ".",
            10000,
        )
        self.booked.emit(a)
        self.close()
        return a

    def _book_elsewhere(self, request: dict[str, Any]) -> AppointmentView | None:
        """At another site: booked there directly (server mode), or a request it confirms at its sync."""
        done = self.window_.ops.run(
            lambda: self.services.requests.book_anywhere(actor=self.window_.actor, **request),
            on_error=self._show_error,
        )
        if not done or done.value is None:
            self.slots.setFocus()
            return None
        result = done.value
        if result.appointment is not None:
            a = result.appointment
            text = tr("Rendez-vous pris au site {site} : {name}, {when} avec {who}.").format(
                site=request["site"], name=a.youth_name, when=when_text(a.start), who=staff_text(a)
            )
        else:
            assert result.request is not None
            r = result.request
            text = tr(
                "Demande envoyée au site {site} pour {name}, {when} : en attente de confirmation "
                "(à sa prochaine synchronisation)."
            ).format(site=r.to_site, name=r.youth_name, when=when_text(r.start))
        self.window_.status.showMessage(text, 12000)
        announce(self.window_, text)
        self.last_request = result
        self.close()
        if result.appointment is not None and self.window_.can(Perm.PRINT):
            # booked there directly: it is confirmed, so its slip (headed with that site) prints now
            a = result.appointment
            self.window_.printRequested.emit("slip", {"appointment_id": a.id, "youth_id": a.youth_id})
        return result.appointment

    def _move(self, a: AppointmentView, request: dict[str, Any]) -> AppointmentView | None:
        start: datetime = request["start"]
        counsellor, room = request["counsellor"], request["room"]
        if not self.appointment_actions.move(
            a, start=start, counsellor=counsellor, room=room, on_error=self._show_error
        ):
            if self.error.isHidden():  # nothing refused: the slot chosen is where it already is
                self.close()
            self.slots.setFocus()
            return None
        moved = self.services.booking.get(a.id)
        self.last_booked = moved
        self.window_.status.showMessage(
            tr("Rendez-vous de {name} déplacé : {when} avec {who}").format(
                name=moved.youth_name, when=when_text(moved.start), who=moved.counsellor_name
            )
            + (f", {moved.room_name}" if moved.room_name else "")
            + ".",
            10000,
        )
        self.booked.emit(moved)
        self.close()
        return moved

    # --- keyboard --------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            if obj in (self.type_box, self.site_box, self.who_box, self.second_box, self.from_date):
                if self._timer.isActive():
                    self.refresh_slots()
                self.slots.setFocus()
                return True
            if obj is self.slots:
                self.book()
                return True
        return super().eventFilter(obj, event)
