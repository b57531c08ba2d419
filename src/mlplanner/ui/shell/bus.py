"""One signal for "something changed": service results and other workstations' writes alike.

Every service result carries a `Changes` (kinds from the closed set `Change`: appointments, youths,
staff, config, workshops, sync, calls; and optionally ids). The UI emits it here once; each view
refreshes only if a kind it shows is in `changes.kinds`. Live refresh (another process wrote to the same
file) emits `Changes.everything()`, because SQLite only tells us *that* the file changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mlplanner.domain.models import Change, Changes


class ChangeBus(QObject):
    changed = Signal(object)  # Changes

    def publish(self, changes: Changes | None) -> None:
        """Emit `changes` unless empty (a read-only call changes nothing)."""
        if changes:
            self.changed.emit(changes)

    def publish_external(self) -> None:
        """Another process changed the file: every view reloads what it shows."""
        self.changed.emit(Changes.everything())


class StaleWhileHidden:
    """For pages: a change seen while another page is shown only marks this one stale; it reloads when
    shown again (a live refresh then costs one query, not one per page). `reload()` is the page's."""

    _stale = False

    def refresh_or_mark(self) -> None:
        window = self.window()  # type: ignore[attr-defined]
        if window.isVisible() and not self.isVisible():  # type: ignore[attr-defined]
            self._stale = True
            return
        self._stale = False
        self.reload()  # type: ignore[attr-defined]

    def reload_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()  # type: ignore[attr-defined]


def concerns(changes: object, *kinds: Change | str) -> bool:
    """Whether a `Changes` emitted on the bus touches one of `kinds` (views call this in their slot). A
    kind that is not a `Change` is a programming error (ValueError), not a view that never refreshes."""
    return isinstance(changes, Changes) and any(Change(k) in changes.kinds for k in kinds)
