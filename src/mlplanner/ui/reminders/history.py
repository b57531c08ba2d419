"""The youth file's "Messages" box: every message to this young person, its status and its receipt,
and the consent given for each channel (changed in the form beside it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.domain.messaging.kinds import MessageStatus
from mlplanner.services.container import Services
from mlplanner.services.reminders.service import MessageView
from mlplanner.ui.i18n import tr
from mlplanner.ui.reminders import labels
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows


def _when(m: MessageView) -> str:
    at = m.sent or m.due
    return f"{at:%d/%m/%Y %H:%M}"


def _about(m: MessageView) -> str:
    return f"{m.about:%d/%m %H:%M}" if m.about else ""


def _receipt(m: MessageView) -> str:
    if m.status in (MessageStatus.SENT, MessageStatus.EXPORTED):
        text = m.receipt or m.status_label
        if m.delivery == "delivered":
            text = tr("distribué") + " — " + text
        elif m.delivery == "undelivered":
            text = tr("non distribué") + " — " + text
        return text
    return m.error


def _tooltip(m: MessageView) -> str:
    parts = [f"{labels.kind(m.kind)} — {labels.status(m.status)}"]
    if m.title:
        parts.append(m.title)
    if m.text:
        parts.append(m.text)
    if m.error:
        parts.append(m.error)
    return "\n\n".join(parts)


def columns() -> list[Column[MessageView]]:
    return [
        Column(tr("Date"), _when, sort_key=lambda m: m.sent or m.due, tooltip=_tooltip),
        Column(tr("Message"), lambda m: labels.kind(m.kind), tooltip=_tooltip),
        Column(tr("RDV du"), _about, sort_key=lambda m: m.about or m.due),
        Column(tr("Canal"), lambda m: labels.channel(m.channel)),
        Column(tr("Destinataire"), lambda m: m.recipient),
        Column(
            tr("Statut"),
            lambda m: labels.status(m.status),
            background=lambda m: labels.STATUS_COLOUR.get(m.status),
            tooltip=_tooltip,
        ),
        Column(tr("Accusé de réception / motif"), _receipt, tooltip=_tooltip),
    ]


class MessagesBox(QGroupBox):
    """Shown in the youth file under the history of appointments."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(tr("Messages (SMS et e-mails)"), parent)
        self.setObjectName("youthMessages")
        self.services = services
        self.youth_id: str | None = None
        self.consent = QLabel()
        self.consent.setObjectName("youthConsent")
        self.consent.setWordWrap(True)
        self.model: RowsModel[MessageView] = RowsModel(columns(), key=lambda m: m.id)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Messages envoyés au jeune"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(tr("Aucun message pour l'instant."))
        lay = QVBoxLayout(self)
        lay.addWidget(self.consent)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        bus.changed.connect(self._on_changed)

    def show_youth(self, youth_id: str) -> None:
        self.youth_id = youth_id
        self.reload()

    def _on_changed(self, changes: object) -> None:
        if self.youth_id and concerns(changes, "youths", "appointments", "workshops", "messages"):
            self.reload()

    def reload(self) -> None:
        if not self.youth_id:
            return
        try:
            youth = self.services.youths.get(self.youth_id)
            rows = self.services.reminders.history(self.youth_id)
        except DomainError:
            return
        yes, no = tr("oui"), tr("non")
        self.consent.setText(
            tr("Accord pour les SMS : {sms} · pour les e-mails : {email} (à changer dans la fiche).").format(
                sms=yes if youth.sms_consent else no, email=yes if youth.email_consent else no
            )
        )
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
