"""What the roster's buttons do: register (search, waiting list, back office), attendance marks,
cancellations, and the session's cancel / close / reopen. Mixed into `SessionRoster`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QTableView

from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.workshops.terms import Attendance, RegistrationStatus, SessionState
from mlplanner.services.workshops.views import RegistrationView
from mlplanner.ui.i18n import tr
from mlplanner.ui.widgets.rows_model import RowsModel

if TYPE_CHECKING:
    from mlplanner.ui.workshops.roster import SessionRoster


def registration_sentence(registrations: Sequence[RegistrationView]) -> str:
    """What was done, truly: a seat, or a place on the waiting list (with its rank), never "inscrit(e)"
    for someone who is only waiting."""
    name = registrations[0].youth_name
    seated = [r for r in registrations if r.status is RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status is RegistrationStatus.WAITLISTED]
    parts = []
    if seated:
        parts.append(
            tr("{name} a une place à la séance.").format(name=name)
            if len(seated) == 1 and not waiting
            else tr("{name} a une place à {n} séance(s).").format(name=name, n=len(seated))
        )
    if waiting:
        if len(waiting) == 1 and not seated:
            parts.append(
                tr("{name} est en liste d'attente (rang {rank}) : pas encore de place.").format(
                    name=name, rank=waiting[0].waitlist_rank or waiting[0].queue_no
                )
            )
        else:
            parts.append(
                tr("En liste d'attente pour {n} séance(s) : pas encore de place.").format(n=len(waiting))
            )
    return " ".join(parts)


class RosterActions:
    """User actions of the roster; `self` is the `SessionRoster` (widgets built in its `_build`)."""

    # --- registering -----------------------------------------------------------------------------
    def _search(self: SessionRoster) -> None:
        text = self.search.text().strip()
        self._results_for = text
        self.results.clear()
        if len(text) < 2:
            self.results.hide()
            return
        for y in self.services.youths.search(text, limit=8):
            born = tr(" · né(e) le {date}").format(date=format_date_fr(y.birth_date)) if y.birth_date else ""
            item = QListWidgetItem(f"{y.display_name}{born}{' · ' + y.phone if y.phone else ''}")
            item.setData(Qt.ItemDataRole.UserRole, y.id)
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    def register_chosen(self: SessionRoster) -> bool:
        """Register the youth highlighted in the search results (the first one after typing)."""
        self._search_timer.stop()
        if self._results_for != self.search.text().strip():
            self._search()  # Enter typed before the live search ran: never pick a stale result
        item = self.results.currentItem()
        if item is None or self.view is None:
            return False
        return self.register_youth(item.data(Qt.ItemDataRole.UserRole))

    def register_youth(self: SessionRoster, youth_id: str) -> bool:
        assert self.view is not None
        s = self.view.session
        actor = self.actor()
        ids = [s.id]
        if self.whole_series.isChecked():
            ids = [
                x.id
                for x in self.services.workshops.series_sessions(s.series_id)
                if x.state is SessionState.UPCOMING and x.start >= s.start
            ] or ids
        back_office = s.state is not SessionState.UPCOMING
        if back_office and not self.prompt.confirm(
            self,
            tr("Cette séance a déjà commencé : inscrire ce jeune a posteriori (back-office) ?"),
            title=tr("Inscription"),
        ):
            return False
        full = any(x.confirmed >= x.capacity for x in map(self.services.workshops.session, ids))
        waitlist_ok = False
        if full:
            waitlist_ok = self.prompt.confirm(
                self,
                (
                    tr("Une des séances choisies est complète : inscrire ce jeune en liste d'attente ?")
                    if len(ids) > 1
                    else tr("La séance est complète : inscrire ce jeune en liste d'attente ?")
                ),
                title=tr("Séance complète"),
            )
            if not waitlist_ok:
                return False
        outcome = self.ops.run(
            lambda: self.services.registrations.register_many(
                actor=actor,
                session_ids=ids,
                youth_id=youth_id,
                waitlist_ok=waitlist_ok,
                prescriber=self.prescriber.currentData(),
                back_office=back_office,
            ),
            parent=self,
        )
        if outcome:
            res = outcome.value
            done = registration_sentence(res.registrations)
            self.show_notices([done, *res.notices])
            self.search.clear()
            self.results.clear()
            self.results.hide()
            self.reload()
        return bool(outcome)

    # --- registrations and attendance ------------------------------------------------------------
    def _selected(
        self: SessionRoster, view: QTableView, model: RowsModel[RegistrationView]
    ) -> list[RegistrationView]:
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return [model.row_at(r) for r in rows]

    def select_youths(self: SessionRoster, *names: str) -> None:
        """Select rows of the registered table by youth name (keyboard users and tests)."""
        sel = self.registered.selectionModel()
        sel.clearSelection()
        for n, r in enumerate(self.registered_model.rows()):
            if r.youth_name in names:
                index = self.registered_model.index(n, 0)
                sel.select(index, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)

    def mark_selected(self: SessionRoster, value: Attendance) -> bool:
        chosen = self._selected(self.registered, self.registered_model)
        if not chosen:
            self.prompt.info(self, tr("Sélectionnez d'abord un ou plusieurs inscrits."), title=tr("Présence"))
            return False
        return self._mark({r.id: value for r in chosen})

    def mark_by_key(self: SessionRoster, value: Attendance) -> bool:
        """A key marks the selected participant, then goes down to the next one (as in Ma journée):
        a whole roster is P, P, A, R… without touching the mouse."""
        chosen = self._selected(self.registered, self.registered_model)
        if not self.mark_selected(value):
            return False
        if len(chosen) == 1:  # several selected at once: the selection stays as it was
            row = self.registered_model.row_of_key(chosen[0].id)
            if 0 <= row < self.registered_model.rowCount() - 1:
                self.registered.selectRow(row + 1)
        return True

    def mark_rest_present(self: SessionRoster) -> bool:
        rest = [r for r in self.registered_model.rows() if r.attendance is Attendance.NONE]
        return bool(rest) and self._mark({r.id: Attendance.PRESENT for r in rest})

    def _mark(self: SessionRoster, marks: dict[str, Attendance]) -> bool:
        actor = self.actor()
        outcome = self.ops.run(
            lambda: self.services.registrations.set_attendances(actor=actor, marks=marks), parent=self
        )
        if outcome:
            self.reload()
        return bool(outcome)

    def cancel_selected(self: SessionRoster) -> bool:
        chosen = self._selected(self.registered, self.registered_model) + self._selected(
            self.waitlist, self.waitlist_model
        )
        if len(chosen) != 1:
            self.prompt.info(
                self,
                tr("Sélectionnez une inscription (inscrits ou liste d'attente)."),
                title=tr("Annulation"),
            )
            return False
        reg = chosen[0]
        reason = self.prompt.ask_text(
            self,
            tr("Annuler l'inscription de {name} : motif (facultatif)").format(name=reg.youth_name),
            title=tr("Annuler l'inscription"),
        )
        if reason is None:
            return False
        actor = self.actor()
        outcome = self.ops.run(
            lambda: self.services.registrations.cancel_registration(
                actor=actor, registration_id=reg.id, reason=reason
            ),
            parent=self,
        )
        if outcome:
            self.show_notices(
                [tr("Inscription de {name} annulée.").format(name=reg.youth_name), *outcome.value.notices]
            )
            self.reload()
        return bool(outcome)

    def _open_youth(self: SessionRoster, model: RowsModel[RegistrationView], row: int) -> None:
        if 0 <= row < len(model.rows()):
            self.youthFileRequested.emit(model.row_at(row).youth_id)

    # --- the session itself ------------------------------------------------------------------------
    def cancel_session(self: SessionRoster) -> bool:
        if self.view is None:
            return False
        reason = self.prompt.ask_text(
            self, tr("Motif de l'annulation de la séance :"), title=tr("Annuler la séance")
        )
        if reason is None:  # an empty reason goes on: the service says, in French, that one is needed
            return False
        actor, sid = self.actor(), self.view.session.id
        outcome = self.ops.run(
            lambda: self.services.sessions.cancel_session(actor=actor, session_id=sid, reason=reason),
            parent=self,
        )
        if outcome:
            self.show_notices(outcome.value.notices)
            self.reload()
        return bool(outcome)

    def close_session(self: SessionRoster) -> bool:
        if self.view is None:
            return False
        actor, sid = self.actor(), self.view.session.id
        outcome = self.ops.run(
            lambda: self.services.sessions.close_session(actor=actor, session_id=sid), parent=self
        )
        if outcome:
            self.show_notices([tr("Séance clôturée : elle ne se modifie plus sans réouverture.")])
            self.reload()
        return bool(outcome)

    def reopen_session(self: SessionRoster) -> bool:
        if self.view is None:
            return False
        reason = self.prompt.ask_text(
            self, tr("Pourquoi rouvrir cette séance ?"), title=tr("Rouvrir la séance")
        )
        if reason is None:
            return False
        actor, sid = self.actor(), self.view.session.id
        outcome = self.ops.run(
            lambda: self.services.sessions.reopen_session(actor=actor, session_id=sid, reason=reason),
            parent=self,
        )
        if outcome:
            self.reload()
        return bool(outcome)
