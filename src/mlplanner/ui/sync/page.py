"""The "Synchronisation" page: last result and "Synchroniser maintenant" for anyone who may sync; for
the site lead, tabs to review conflicts and double bookings from merges, the sync settings (folder,
period, passphrase on/off) and the network's allowed sites.

Review tabs need `VIEW_AUDIT`, settings tabs `CONFIGURE_SITE` (the site lead; the services check again).
The page refreshes lazily: a change marks it stale, and it reloads when shown.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.sync.service import Clash, ConflictView
from mlplanner.services.sync.settings import PERIOD
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import concerns
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import Choosers
from mlplanner.ui.sync.controller import PASSPHRASE_ENV, SyncController
from mlplanner.ui.sync.models import PeerRow, clashes_model, conflict_details, conflicts_model, peers_model
from mlplanner.ui.widgets.narrow import WrapBar
from mlplanner.ui.widgets.rows_model import RowsModel, compact_rows

LEAD_ONLY = tr_noop("Réservé au responsable de site.")
CONFLICTS_TAB = tr_noop("Conflits à examiner")
CLASHES_TAB = tr_noop("Doubles réservations")


def _table(model: RowsModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    compact_rows(view)
    return view


class SyncPage(QWidget):
    def __init__(self, window: MainWindow, controller: SyncController, choosers: Choosers) -> None:
        super().__init__()
        self.window_ = window
        self.services = window.services
        self.controller = controller
        self.choosers = choosers
        self._stale = True
        self.setObjectName("syncPage")

        title = QLabel(tr("Synchronisation avec les autres sites"))
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.state_label.setAccessibleName(tr("État de la synchronisation"))
        self.sync_button = QPushButton(tr("Synchroniser maintenant (F9)"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: controller.sync_now())
        self.report_label = QLabel()
        self.report_label.setObjectName("syncReport")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setAccessibleName(tr("Résultat de la dernière synchronisation"))
        self.lead_note = QLabel(
            tr("Les conflits, les doubles réservations et les réglages sont réservés au responsable de site.")
        )
        self.lead_note.setStyleSheet("color: #5f6670;")
        head = QHBoxLayout()
        head.addWidget(self.state_label, 1)
        head.addWidget(self.sync_button)
        box = QFrame()
        box.setObjectName("syncBox")
        box.setStyleSheet(
            "QFrame#syncBox { background: #f7f9fc; border: 1px solid #d5d9e0; border-radius: 6px; }"
        )
        box_lay = QVBoxLayout(box)
        box_lay.addLayout(head)
        box_lay.addWidget(self.report_label)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._conflicts_tab(), tr(CONFLICTS_TAB))
        self.tabs.addTab(self._clashes_tab(), tr(CLASHES_TAB))
        self.tabs.addTab(self._settings_tab(), tr("Réglages"))
        self.tabs.addTab(self._peers_tab(), tr("Sites du réseau"))

        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(box)
        lay.addWidget(self.lead_note)
        lay.addWidget(self.tabs, 1)

        controller.stateChanged.connect(self._state)
        controller.finished.connect(lambda _r: self.mark_stale())
        controller.failed.connect(lambda _m: self.mark_stale())
        window.bus.changed.connect(self._bus)
        window.actorChanged.connect(lambda _a: self.mark_stale())
        self._state(*controller.state())

    # --- tabs ------------------------------------------------------------------------------------
    def _conflicts_tab(self) -> QWidget:
        self.conflicts = conflicts_model(self.controller.tz, self)
        self.conflicts_view = _table(self.conflicts)
        self.conflicts_view.setObjectName("conflictsTable")
        self.conflicts_view.setAccessibleName(tr(CONFLICTS_TAB))
        self.conflicts_view.selectionModel().selectionChanged.connect(lambda *_: self._conflict_selected())
        self.show_reviewed = QCheckBox(tr("Afficher aussi les conflits déjà examinés"))
        self.show_reviewed.toggled.connect(lambda _c: self.refresh())
        self.review_button = QPushButton(tr("Marquer comme examiné"))
        self.review_button.setObjectName("markReviewed")
        self.review_button.clicked.connect(self.mark_reviewed)
        self.open_youth_button = QPushButton(tr("Ouvrir la fiche du jeune"))
        self.open_youth_button.clicked.connect(self._open_youth)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        self.details.setPlaceholderText(tr("Choisissez un conflit pour voir la version remplacée."))
        self.details.setAccessibleName(tr("Version remplacée"))
        intro = QLabel(
            tr(
                "Quand deux sites ont modifié la même fiche, la modification la plus récente est gardée ; "
                "l'autre version est conservée ici. Vérifiez-la, corrigez la fiche si besoin, puis marquez "
                "le conflit comme examiné."
            )
        )
        intro.setWordWrap(True)
        # the buttons go under the check box when the row is too narrow (200 % text)
        buttons = WrapBar([self.show_reviewed], None, [self.open_youth_button, self.review_button])
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(intro)
        lay.addWidget(self.conflicts_view, 1)
        lay.addWidget(self.details)
        lay.addWidget(buttons)
        return w

    def _clashes_tab(self) -> QWidget:
        self.clashes = clashes_model(self)
        self.clashes_view = _table(self.clashes)
        self.clashes_view.setObjectName("clashesTable")
        self.clashes_view.setAccessibleName(tr(CLASHES_TAB))
        self.clashes_view.doubleClicked.connect(lambda _i: self.open_clash())
        self.open_day_button = QPushButton(tr("Ouvrir le jour dans le planning"))
        self.open_day_button.clicked.connect(self.open_clash)
        intro = QLabel(
            tr(
                "Rendez-vous pris hors ligne par deux sites pour le même conseiller, la même salle ou le même "
                "jeune, à la même heure (à partir d'aujourd'hui). Aucun n'a été supprimé : déplacez ou annulez "
                "l'un des deux depuis le planning."
            )
        )
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_day_button)
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(intro)
        lay.addWidget(self.clashes_view, 1)
        lay.addLayout(buttons)
        return w

    def _settings_tab(self) -> QWidget:
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("syncFolder")
        self.folder_edit.setPlaceholderText(tr("dossier partagé : réseau, clé USB ou dossier synchronisé"))
        self.folder_edit.setAccessibleName(tr("Dossier de synchronisation"))
        choose = QPushButton(tr("Choisir…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.period_spin = QSpinBox()
        self.period_spin.setObjectName("syncPeriod")
        self.period_spin.setRange(PERIOD.minimum, PERIOD.maximum)
        self.period_spin.setSuffix(" min")
        self.period_spin.setSpecialValueText(tr("à la demande seulement"))
        self.period_spin.setAccessibleName(tr("Période de synchronisation en minutes"))
        self.passphrase_check = QCheckBox(tr("Chiffrer les échanges avec la phrase secrète du réseau"))
        self.passphrase_check.setObjectName("syncPassphrase")
        note = QLabel(
            tr(
                "La phrase secrète n'est jamais enregistrée : elle est demandée une fois par session, ou lue "
                "dans la variable d'environnement {variable} si le poste en a une. Tous les sites du "
                "réseau doivent utiliser la même."
            ).format(variable=PASSPHRASE_ENV)
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670;")
        self.forget_button = QPushButton(tr("Oublier la phrase secrète de cette session"))
        self.forget_button.clicked.connect(self._forget)
        self.settings_error = QLabel()
        self.settings_error.setWordWrap(True)
        self.settings_error.setStyleSheet("color: #b00020;")
        self.save_button = QPushButton(tr("Enregistrer les réglages"))
        self.save_button.setObjectName("saveSyncSettings")
        self.save_button.clicked.connect(self.save_settings)
        form = QFormLayout()
        form.addRow(tr("Dossier partagé :"), folder_row)
        self.period_spin.setMinimumWidth(
            self.period_spin.fontMetrics().horizontalAdvance(tr("à la demande seulement")) + 40
        )
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_spin)
        period_row.addStretch(1)
        form.addRow(tr("Synchroniser toutes les :"), period_row)
        form.addRow("", self.passphrase_check)
        form.addRow("", note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addLayout(form)
        lay.addWidget(self.settings_error)
        lay.addStretch(1)
        lay.addLayout(buttons)
        return w

    def _peers_tab(self) -> QWidget:
        self.own_code = self.services.directory.site().code
        self.peers = peers_model(self.own_code, self)
        self.peers_view = _table(self.peers)
        self.peers_view.setObjectName("peersTable")
        self.peers_view.setAccessibleName(tr("Sites du réseau"))
        self.peer_edit = QLineEdit()
        self.peer_edit.setObjectName("peerCode")
        self.peer_edit.setPlaceholderText(tr("code du site, par ex. PARIS18"))
        self.peer_edit.setAccessibleName(tr("Code du site à accepter"))
        self.peer_edit.returnPressed.connect(self.add_peer)
        add = QPushButton(tr("Accepter ce site"))
        add.clicked.connect(self.add_peer)
        self.accept_button = QPushButton(tr("Accepter la demande choisie"))
        self.accept_button.setObjectName("acceptRequest")
        self.accept_button.clicked.connect(self.accept_selected)
        self.remove_peer_button = QPushButton(tr("Retirer le site choisi"))
        self.remove_peer_button.clicked.connect(self.remove_peer)
        intro = QLabel(
            tr(
                "Les lots des sites acceptés sont appliqués. Un nouveau site dépose sa demande dans le "
                "dossier ; l'accepter ici l'accepte pour tous les sites du réseau (à la synchronisation "
                "suivante), sans rien saisir ailleurs."
            )
        )
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.peer_edit, 1)
        row.addWidget(add)
        row.addWidget(self.remove_peer_button)
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(intro)
        lay.addWidget(self.peers_view, 1)
        lay.addLayout(row)
        return w

    # --- refresh ----------------------------------------------------------------------------------
    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _bus(self, changes: object) -> None:
        if concerns(changes, "sync", "appointments", "youths", "config"):
            self.mark_stale()

    def refresh(self) -> None:
        self._stale = False
        actor = self.window_.actor
        review, configure = allowed(actor, Perm.VIEW_AUDIT), allowed(actor, Perm.CONFIGURE_SITE)
        self.sync_button.setEnabled(allowed(actor, Perm.SYNC))
        self.lead_note.setVisible(not (review and configure))
        self.report_label.setText(self._report_text())
        sync = self.services.sync
        conflicts = (
            sync.conflicts(actor=actor, include_reviewed=self.show_reviewed.isChecked()) if review else []
        )
        clashes = sync.clashes(actor=actor, since=self.window_.now().date()) if review else []
        self.conflicts.set_rows(conflicts)
        self.clashes.set_rows(clashes)
        self.peers.set_rows(self._peer_rows() if configure else [])
        open_conflicts = sum(1 for c in conflicts if not c.reviewed)
        conflicts_tab, clashes_tab = tr(CONFLICTS_TAB), tr(CLASHES_TAB)
        self.tabs.setTabText(0, f"{conflicts_tab} ({open_conflicts})" if review else conflicts_tab)
        self.tabs.setTabText(1, f"{clashes_tab} ({len(clashes)})" if review else clashes_tab)
        for i, ok in ((0, review), (1, review), (2, configure), (3, configure)):
            self.tabs.setTabEnabled(i, ok)
            self.tabs.setTabToolTip(i, "" if ok else tr(LEAD_ONLY))
        settings = self.controller.settings
        self.folder_edit.setText(settings.folder)
        self.period_spin.setValue(settings.period_minutes)
        self.passphrase_check.setChecked(settings.use_passphrase)
        self.forget_button.setEnabled(self.controller.has_passphrase)
        self._conflict_selected()

    def show_setup(self) -> None:
        """The settings tab, its folder field ready to type in."""
        self.refresh()
        self.tabs.setCurrentIndex(2)
        self.folder_edit.setFocus()

    def _report_text(self) -> str:
        c = self.controller
        if c.last_error:
            return f"<span style='color:#b00020'>{escape(c.last_error)}</span>"
        report = c.last_report
        if not report:
            text = tr("Aucune synchronisation n'a encore eu lieu sur ce poste.")
            if not c.settings.configured:
                text += " " + tr(
                    "Elle n'est pas encore configurée : un responsable de site choisit le dossier partagé "
                    "dans l'onglet « Réglages » ci-dessous."
                )
            return text
        lines = [escape(str(report.get("summary", "")))]
        for refused in report.get("refused") or []:
            lines.append(f"<span style='color:#b00020'>• {escape(str(refused.get('message', '')))}</span>")
        waiting = [p for p in c.pending if p.acceptable]
        if waiting:
            names = ", ".join(f"{p.code} ({p.name})" if p.name else p.code for p in waiting)
            lines.append(
                "<span style='color:#b34700'>• "
                + escape(
                    tr(
                        "Demande(s) d'adhésion au réseau : {names}. Acceptez-les dans l'onglet « Sites du réseau »."
                    ).format(names=names)
                )
                + "</span>"
            )
        return "<br>".join(lines)

    def _state(self, text: str, ok: bool, tooltip: str) -> None:
        self.state_label.setText(tr("<b>État :</b> {state}").format(state=text))
        self.state_label.setStyleSheet("" if ok else "color: #b00020;")
        self.state_label.setToolTip(tooltip)
        self.sync_button.setEnabled(not self.controller.running and allowed(self.window_.actor, Perm.SYNC))
        if not self.controller.running:
            self.report_label.setText(self._report_text())

    # --- actions ----------------------------------------------------------------------------------
    def selected_conflicts(self) -> list[ConflictView]:
        rows = sorted({i.row() for i in self.conflicts_view.selectionModel().selectedRows()})
        return [self.conflicts.row_at(r) for r in rows]

    def _conflict_selected(self) -> None:
        chosen = self.selected_conflicts()
        self.details.setPlainText(conflict_details(chosen[0], self.controller.tz) if chosen else "")
        self.review_button.setEnabled(any(not c.reviewed for c in chosen))
        self.open_youth_button.setEnabled(len(chosen) == 1 and chosen[0].table == "youth")

    def mark_reviewed(self) -> None:
        actor = self.window_.actor
        for c in self.selected_conflicts():
            if not c.reviewed:
                done = self.window_.ops.run(
                    lambda c=c: self.services.sync.mark_reviewed(actor=actor, conflict_id=c.id), parent=self
                )
                if not done:
                    break
        self.refresh()

    def _open_youth(self) -> None:
        chosen = self.selected_conflicts()
        if chosen and chosen[0].table == "youth":
            self.window_.youthFileRequested.emit(chosen[0].row_id)

    def selected_clash(self) -> Clash | None:
        rows = self.clashes_view.selectionModel().selectedRows()
        return self.clashes.row_at(rows[0].row()) if rows else None

    def open_clash(self) -> bool:
        """Show the clash's day in the planning with one of its two appointments selected (False, with
        a note on the planning, when neither is in this site's columns: another site's resource)."""
        clash = self.selected_clash()
        core = getattr(self.window_, "core", None)
        if clash is None or core is None:
            return False
        day = core.day
        day.set_day(clash.first_start.date())
        (day.by_room if clash.kind == "room" else day.by_counsellor).setChecked(True)
        self.window_.show_page("day")
        if day.table.select_appointment(clash.first_id) or day.table.select_appointment(clash.second_id):
            return True
        day.notice.show_message(
            clash.sentence_fr()
            + " "
            + tr(
                "Ces rendez-vous ne sont pas dans les colonnes de ce site : voyez-les "
                "dans le planning du site concerné."
            ),
            ms=20_000,
        )
        return False

    def _choose_folder(self) -> None:
        start = Path(self.folder_edit.text() or Path.home())
        chosen = self.choosers.folder(self, tr("Dossier de synchronisation"), start)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def save_settings(self) -> bool:
        self.settings_error.clear()
        folder = self.folder_edit.text().strip()
        outcome = self.window_.ops.run(
            lambda: self.controller.settings_service.update(
                actor=self.window_.actor,
                folder=folder,
                period_minutes=self.period_spin.value(),
                use_passphrase=self.passphrase_check.isChecked(),
            ),
            on_error=lambda e: self.settings_error.setText(refusal_text(e)),
            success=tr("Réglages de synchronisation enregistrés."),
        )
        if outcome:
            self.controller.reload_settings()
            if folder and not Path(folder).is_dir():
                self.settings_error.setText(
                    tr(
                        "Attention : le dossier « {folder} » est introuvable pour l'instant (clé USB ou "
                        "partage réseau débranché ?). Les synchronisations échoueront tant qu'il manquera."
                    ).format(folder=folder)
                )
        return bool(outcome)

    def _forget(self) -> None:
        self.controller.forget_passphrase()
        self.forget_button.setEnabled(self.controller.has_passphrase)
        self.window_.ops.message.emit(tr("Phrase secrète oubliée : elle sera redemandée."), 5000)

    def _peer_rows(self) -> list[PeerRow]:
        network = self.services.network
        names = network.site_names()
        me = "self_waiting" if network.standing() == "waiting" else "self"  # its sets wait: say so
        rows = [
            PeerRow(code, me if code == self.own_code else "member", names.get(code, ""))
            for code in sorted({self.own_code, *network.members()})
        ]
        known = {r.code for r in rows}
        for p in self.controller.pending:
            if p.code not in known:
                rows.append(PeerRow(p.code, "pending" if p.acceptable else "refused", p.name, p.reason))
        return rows

    def _approve(self, code: str) -> None:
        folder = self.controller.settings.folder or None

        def approve() -> list[str]:
            return self.services.network.approve(actor=self.window_.actor, codes=[code], folder=folder)

        if self.window_.ops.run(
            approve,
            parent=self,
            success=tr(
                "Site {code} accepté dans le réseau : les autres sites l'accepteront à leur prochaine synchronisation."
            ).format(code=code),
        ):
            self.peer_edit.clear()
            self.controller.pending = tuple(p for p in self.controller.pending if p.code != code)
        self.refresh()

    def add_peer(self) -> None:
        code = self.peer_edit.text().strip()
        if code:
            self._approve(code)

    def accept_selected(self) -> None:
        rows = self.peers_view.selectionModel().selectedRows()
        if rows:
            peer = self.peers.row_at(rows[0].row())
            if peer.state == "pending":
                self._approve(peer.code)

    def remove_peer(self) -> None:
        rows = self.peers_view.selectionModel().selectedRows()
        if not rows:
            return
        code = self.peers.row_at(rows[0].row()).code
        if code == self.own_code:
            return
        if not self.window_.prompt.confirm(
            self,
            tr(
                "Retirer le site {code} du réseau ? Ses prochains lots seront refusés, par tous les sites."
            ).format(code=code),
            title=tr("Sites du réseau"),
        ):
            return
        self.window_.ops.run(
            lambda: self.services.network.remove(actor=self.window_.actor, code=code), parent=self
        )
        self.refresh()
