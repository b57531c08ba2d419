"""« Protection des données (RGPD) » : retention periods, the inactive-youth run, one person's requests.

Everything goes through `PrivacyService` (permission `PRIVACY`): a dry run lists who would be anonymised
or reduced before the real run; the right of access writes a PDF and a CSV into a folder the user picks;
an erasure asks for the request's reference (no name) and a confirmation. Questions go through the
injected prompt and folder chooser, so tests never reach a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.privacy.service import (
    FUNDER_EVIDENCE_YEARS,
    INACTIVE_MONTHS,
    RetentionItem,
    RetentionReport,
)
from mlplanner.ui.administration.widgets import PickPath, YouthChooser, pick_folder
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows

ACTION_FR = {"anonymise": tr_noop("anonymiser"), "reduce": tr_noop("réduire (preuve financeur)")}


def retention_columns() -> list[Column[RetentionItem]]:
    return [
        Column(tr("Jeune"), lambda i: i.display_name),
        Column(
            tr("Dernière activité"),
            lambda i: f"{i.last_activity:%d/%m/%Y}",
            sort_key=lambda i: i.last_activity.isoformat(),
        ),
        Column(
            tr("Traitement"),
            lambda i: (
                tr(ACTION_FR[i.action])
                + (
                    tr(", anonymisation le {date}").format(date=f"{i.evidence_until:%d/%m/%Y}")
                    if i.evidence_until
                    else ""
                )
            ),
        ),
    ]


def _spin(setting: object, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(setting.minimum, setting.maximum)  # type: ignore[attr-defined]
    box.setSuffix(f" {suffix}")
    box.setMinimumWidth(110)
    # named by its row's label (QFormLayout makes it the buddy)
    return box


class PrivacyDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor],
        ops: Operations,
        prompt: Prompt,
        *,
        pick_folder: PickPath = pick_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._actor = actor
        self.ops = ops
        self.prompt = prompt
        self._pick_folder = pick_folder
        self.report: RetentionReport | None = None
        self.setWindowTitle(tr("Protection des données (RGPD)"))
        self.setObjectName("privacyDialog")
        self.resize(780, 640)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen

        # Retention periods
        self.months = _spin(INACTIVE_MONTHS, tr("mois"))
        self.years = _spin(FUNDER_EVIDENCE_YEARS, tr("ans"))
        save = QPushButton(tr("Enregistrer les durées"))
        save.clicked.connect(self.save_settings)
        periods = QGroupBox(tr("Durées de conservation"))
        form = QFormLayout(periods)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(tr("Anonymiser un jeune sans activité depuis"), self.months)
        form.addRow(tr("Garder les listes d'émargement (financeurs)"), self.years)
        form.addRow("", save)

        # Inactive youths
        self.model: RowsModel[RetentionItem] = RowsModel(
            retention_columns(), key=lambda i: i.youth_id, parent=self
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Jeunes concernés"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        compact_rows(self.table)
        self.summary = QLabel(
            tr("Lancez une simulation pour voir les jeunes concernés ; rien n'est modifié.")
        )
        self.summary.setWordWrap(True)
        self.summary.setObjectName("retentionSummary")
        simulate = QPushButton(tr("Simuler"))
        simulate.clicked.connect(self.simulate)
        self.apply_button = QPushButton(tr("Appliquer"))
        self.apply_button.setObjectName("applyRetention")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_retention)
        run_buttons = QHBoxLayout()
        run_buttons.addWidget(self.summary, 1)
        run_buttons.addWidget(simulate)
        run_buttons.addWidget(self.apply_button)
        inactive = QGroupBox(tr("Jeunes sans activité"))
        inactive_lay = QVBoxLayout(inactive)
        inactive_lay.addWidget(self.table, 1)
        inactive_lay.addLayout(run_buttons)

        # One person's request
        self.youth = YouthChooser(services)
        self.export_button = QPushButton(tr("Exporter ses données (PDF et CSV)…"))
        self.export_button.clicked.connect(self.export_access)
        self.erase_button = QPushButton(tr("Effacer ses données…"))
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.clicked.connect(self.erase)
        for b in (self.export_button, self.erase_button):
            b.setEnabled(False)
        self.youth.youthChanged.connect(self._youth_changed)
        request = QGroupBox(tr("Demande d'une personne (droit d'accès, effacement)"))
        req_lay = QVBoxLayout(request)
        req_lay.addWidget(self.youth)
        req_buttons = QHBoxLayout()
        req_buttons.addWidget(self.export_button)
        req_buttons.addStretch(1)
        req_buttons.addWidget(self.erase_button)
        req_lay.addLayout(req_buttons)

        self.denied = QLabel(tr("Ces outils sont réservés aux responsables de site."))
        self.denied.setObjectName("privacyDenied")
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.denied)
        lay.addWidget(periods)
        lay.addWidget(inactive, 1)
        lay.addWidget(request)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self._groups = (periods, inactive, request)
        self.load()

    def load(self) -> None:
        conf = self.services.privacy.retention_settings()
        self.months.setValue(conf.inactive_months)
        self.years.setValue(conf.funder_evidence_years)
        ok = allowed(self._actor(), Perm.PRIVACY)
        self.denied.setVisible(not ok)
        for group in self._groups:
            group.setEnabled(ok)

    def _youth_changed(self, youth_id: str) -> None:
        for b in (self.export_button, self.erase_button):
            b.setEnabled(bool(youth_id))

    # --- actions ---------------------------------------------------------------------------------
    def save_settings(self) -> None:
        done = self.ops.run(
            lambda: self.services.privacy.set_retention(
                actor=self._actor(),
                inactive_months=self.months.value(),
                funder_evidence_years=self.years.value(),
            ),
            parent=self,
            success=tr("Durées de conservation enregistrées."),
        )
        if done:
            self.model.set_rows([])
            self.apply_button.setEnabled(False)

    def simulate(self) -> None:
        done = self.ops.run(
            lambda: self.services.privacy.apply_retention(actor=self._actor(), dry_run=True), parent=self
        )
        if not done:
            return
        report: RetentionReport = done.value
        self.report = report
        self.model.set_rows(report.items)
        if report.items:
            self.summary.setText(
                tr(
                    "Dernière activité avant le {date} : {anonymise} à anonymiser, "
                    "{reduce} à réduire (listes d'émargement de moins de {years} ans)."
                ).format(
                    date=f"{report.inactive_before:%d/%m/%Y}",
                    anonymise=len(report.to_anonymise),
                    reduce=len(report.to_reduce),
                    years=self.years.value(),
                )
            )
        else:
            self.summary.setText(
                tr("Aucun jeune dont la dernière activité précède le {date}.").format(
                    date=f"{report.inactive_before:%d/%m/%Y}"
                )
            )
        self.apply_button.setText(tr("Appliquer ({n})").format(n=len(report.items)))
        self.apply_button.setEnabled(bool(report.items))

    def apply_retention(self) -> None:
        if self.report is None or not self.report.items:
            return
        n = len(self.report.items)
        question = tr(
            "Anonymiser ou réduire les données de {n} jeune(s) ? Les noms, coordonnées et notes disparaissent "
            "sur tous les sites ; les statistiques restent. Cette opération ne se défait qu'en restaurant une sauvegarde."
        ).format(n=n)
        if not self.prompt.confirm(self, question, title=tr("Protection des données")):
            return
        done = self.ops.run(
            lambda: self.services.privacy.apply_retention(actor=self._actor(), dry_run=False), parent=self
        )
        if done:
            self.prompt.info(
                self,
                tr("{n} jeune(s) traité(s).").format(n=len(done.value.items)),
                title=tr("Protection des données"),
            )
            self.model.set_rows([])
            self.apply_button.setEnabled(False)
            self.summary.setText(tr("Traitement terminé."))

    def export_access(self) -> None:
        youth_id = self.youth.youth_id
        folder = self._pick_folder(self) if youth_id else None
        if folder is None:
            return
        done = self.ops.run(
            lambda: self.services.privacy.export_access(
                actor=self._actor(), youth_id=youth_id, out_dir=folder
            ),
            parent=self,
        )
        if done:
            self.prompt.info(
                self,
                tr(
                    "Export écrit :\n{pdf}\n{csv}\n\nCes fichiers sont nominatifs : remettez-les "
                    "à la personne puis supprimez-les de ce poste."
                ).format(pdf=done.value.pdf, csv=done.value.csv),
                title=tr("Droit d'accès"),
            )

    def erase(self) -> None:
        youth_id, name = self.youth.youth_id, self.youth.edit.text()
        if not youth_id:
            return
        reason = self.prompt.ask_text(
            self,
            tr("Référence de la demande, sans nom (ex. « courrier du 12/03/2027 ») :"),
            title=tr("Effacer les données"),
        )
        if reason is None:
            return
        question = tr(
            "Effacer définitivement les données de {name} sur tous les sites ? Ses rendez-vous à venir sont annulés ; "
            "l'historique anonyme reste dans les statistiques."
        ).format(name=name)
        if not self.prompt.confirm(self, question, title=tr("Effacer les données")):
            return
        done = self.ops.run(
            lambda: self.services.privacy.erase(actor=self._actor(), youth_id=youth_id, reason=reason),
            parent=self,
        )
        if done:
            self.youth.clear()
            self.prompt.info(
                self,
                tr(
                    "Données effacées ; {n} rendez-vous à venir annulé(s). "
                    "L'effacement sera transmis aux autres sites à la prochaine synchronisation."
                ).format(n=done.value.cancelled_appointments),
                title=tr("Effacer les données"),
            )
