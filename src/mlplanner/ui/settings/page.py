"""The settings page: one tab per kind of reference data. Read-only for roles that may not change it
(greyed, with a tooltip saying who may); the services check the same permissions again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.i18n import tr
from mlplanner.ui.settings.rooms_tab import RoomsTab
from mlplanner.ui.settings.site_tab import SiteTab
from mlplanner.ui.settings.staff_tab import StaffTab
from mlplanner.ui.settings.types_tab import TypesTab
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.operations import Operations


class SettingsPage(QWidget):
    attentionRequested = Signal(dict)  # an absence or closure saved over booked appointments

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor: Callable[[], Actor],
        *,
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("settingsPage")
        self.notice = QLabel()
        self.notice.setObjectName("settingsNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "background:#EEF3FA; border:1px solid #B8C9E3; border-radius:4px; padding:6px;"
        )
        self.tabs = QTabWidget()
        self.site = SiteTab(services, actor, ops)
        self.rooms = RoomsTab(services, actor, ops)
        self.staff = StaffTab(services, actor, ops)
        self.types = TypesTab(services, actor, ops)
        self.site.attentionRequested.connect(self.attentionRequested)
        self.staff.attentionRequested.connect(self.attentionRequested)
        self.tabs.addTab(self.site, tr("Site et horaires"))
        self.tabs.addTab(self.rooms, tr("Salles"))
        self.tabs.addTab(self.staff, tr("Personnel"))
        self.tabs.addTab(self.types, tr("Types de rendez-vous"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(self.notice)
        lay.addWidget(self.tabs, 1)
        bus.changed.connect(self._on_changed)
        self.refresh()
        self.apply_permissions()

    def refresh(self) -> None:
        for tab in (self.site, self.rooms, self.staff, self.types):
            tab.refresh()

    def _on_changed(self, changes: object) -> None:
        if concerns(changes, "config", "staff"):
            self.refresh()

    def apply_permissions(self) -> None:
        actor = self.actor()
        for tab in (self.site, self.rooms, self.staff, self.types):
            tab.apply_permissions()
        if allowed(actor, Perm.MANAGE_STAFF):
            self.notice.hide()
        elif allowed(actor, Perm.CONFIGURE_SITE):
            self.notice.setText(
                tr(
                    "Vous pouvez modifier la configuration du site. Les comptes du personnel (noms, rôles, codes) "
                    "sont gérés par l'administrateur."
                )
            )
            self.notice.show()
        else:
            self.notice.setText(
                tr(
                    "Consultation seulement : la configuration du site est modifiée par le responsable de site. "
                    "Vous pouvez toutefois déclarer vos propres absences dans l'onglet « Personnel »."
                )
            )
            self.notice.show()
