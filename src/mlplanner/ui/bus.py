"""One signal for "something changed": service results and other workstations' writes alike.

Every service result carries a `Changes` (kinds such as "appointments", "youths", "staff", "config",
"workshops", and optionally ids). The UI emits it here once; each view refreshes only if a kind it shows
is in `changes.kinds`. Live refresh (another process wrote to the same file) emits a `Changes` with every
kind in `ALL_KINDS`, because SQLite only tells us *that* the file changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..domain.models import Changes

ALL_KINDS = ("appointments", "youths", "staff", "config", "workshops", "sync")


class ChangeBus(QObject):
    changed = Signal(object)  # Changes

    def publish(self, changes: Changes | None) -> None:
        """Emit `changes` unless empty (a read-only call changes nothing)."""
        if changes:
            self.changed.emit(changes)

    def publish_external(self) -> None:
        """Another process changed the file: every view reloads what it shows."""
        self.changed.emit(Changes.of(*ALL_KINDS))


def concerns(changes: object, *kinds: str) -> bool:
    """Whether a `Changes` emitted on the bus touches one of `kinds` (views call this in their slot)."""
    return isinstance(changes, Changes) and any(k in changes.kinds for k in kinds)
