"""« Sauvegardes » : list the copies, take one now, preview one, restore it (site leads).

The preview (date, site, counts of youths and appointments, last change) comes from the service before
anything happens; restoring asks for confirmation through the injected prompt, runs as one service call
(`BackupService.restore`: safety copy first, integrity check after) and broadcasts that everything
changed, so every open view reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.wallclock import local_now
from mlplanner.services.backups import MANUAL, BackupInfo, BackupPreview
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.ui.administration.widgets import PickPath, pick_backup_file
from mlplanner.ui.i18n import tr
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.narrow import fit_to_screen
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows


def when(local: datetime | None) -> str:
    """A time already on the site's wall clock (the services convert instants: never the PC's zone)."""
    if not local:
        return tr("date inconnue")
    return tr("{date} à {time}").format(date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M}")


def size(n: int) -> str:
    if n >= 1_048_576:
        return tr("{n} Mo").format(n=f"{n / 1_048_576:.1f}")
    return tr("{n} Ko").format(n=max(1, n // 1024))


def backup_columns() -> list[Column[BackupInfo]]:
    return [
        Column(tr("Date"), lambda b: when(b.local_taken_at), sort_key=lambda b: b.taken_at.isoformat()),
        Column(tr("Type"), lambda b: b.kind_fr),
        Column(tr("Taille"), lambda b: size(b.size_bytes), align_right=True),
    ]


class BackupDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor],
        ops: Operations,
        prompt: Prompt,
        *,
        pick_file: PickPath = pick_backup_file,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._actor = actor
        self.ops = ops
        self.prompt = prompt
        self._pick = pick_file
        self.preview: BackupPreview | None = None
        self.setWindowTitle(tr("Sauvegardes de la base"))
        self.setObjectName("backupDialog")
        self.resize(760, 520)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen

        folder = QLabel(tr("Dossier des sauvegardes : {folder}").format(folder=services.backups.folder))
        folder.setWordWrap(True)
        folder.setObjectName("backupFolder")
        self.model: RowsModel[BackupInfo] = RowsModel(backup_columns(), key=lambda b: b.path, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Sauvegardes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        compact_rows(self.table)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select(cur.row()))

        self.fields = {k: QLabel("—") for k in ("date", "site", "youths", "appointments", "last", "state")}
        box = QGroupBox(tr("Aperçu de la sauvegarde choisie"))
        form = QFormLayout(box)
        for label, key in (
            (tr("Sauvegarde du"), "date"),
            (tr("Site"), "site"),
            (tr("Jeunes"), "youths"),
            (tr("Rendez-vous"), "appointments"),
            (tr("Dernière modification"), "last"),
            (tr("État"), "state"),
        ):
            self.fields[key].setObjectName(f"preview_{key}")
            self.fields[key].setWordWrap(True)
            form.addRow(label, self.fields[key])

        self.backup_button = QPushButton(tr("Sauvegarder maintenant"))
        self.backup_button.clicked.connect(self.backup_now)
        self.other_button = QPushButton(tr("Autre fichier…"))
        self.other_button.clicked.connect(self.choose_file)
        self.restore_button = QPushButton(tr("Restaurer cette sauvegarde…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addWidget(folder)
        lay.addWidget(self.table, 1)
        lay.addWidget(box)
        lay.addLayout(buttons)
        self.refresh()

    # --- content ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.set_rows(self.services.backups.list_backups())
        if self.model.rowCount():
            self.table.selectRow(0)
            self._select(0)
        else:
            self.show_preview(None)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.show_preview(self.services.backups.preview(self.model.row_at(row).path))

    def show_preview(self, preview: BackupPreview | None) -> None:
        self.preview = preview
        f = self.fields
        if preview is None:
            for label in f.values():
                label.setText("—")
        else:
            f["date"].setText(when(preview.local_taken_at) if preview.local_taken_at else preview.path.name)
            f["site"].setText(preview.site_code or "—")
            f["youths"].setText(str(preview.youths))
            f["appointments"].setText(str(preview.appointments))
            last = preview.last_change
            f["last"].setText(when(local_now(last, self.services.directory.site().timezone)) if last else "—")
            f["state"].setText(" ".join(preview.problems) if preview.problems else tr("Peut être restaurée."))
            f["state"].setStyleSheet("color: #a31515;" if preview.problems else "color: #1e7b34;")
        can = allowed(self._actor(), Perm.CONFIGURE_SITE)
        self.restore_button.setEnabled(bool(preview and preview.restorable and can))
        self.restore_button.setToolTip("" if can else tr("Réservé aux responsables de site."))

    # --- actions ---------------------------------------------------------------------------------
    def backup_now(self) -> None:
        done = self.ops.run(lambda: self.services.backups.backup_now(MANUAL), parent=self)
        if done:
            self.refresh()
            self.ops.message.emit(tr("Sauvegarde écrite : {file}").format(file=done.value.path.name), 5000)

    def choose_file(self) -> None:
        path = self._pick(self)
        if path is not None:
            self.table.clearSelection()
            self.show_preview(self.services.backups.preview(Path(path)))

    def restore(self) -> None:
        p = self.preview
        if p is None or not p.restorable:
            return
        question = tr(
            "Remplacer toutes les données actuelles par la sauvegarde du {when} "
            "({youths} jeunes, {appointments} rendez-vous) ?\n\n"
            "Une copie de l'état actuel est faite avant : la restauration peut être annulée en la restaurant. "
            "Les autres postes ouverts sur cette base verront les données restaurées."
        ).format(
            when=when(p.local_taken_at) if p.local_taken_at else p.path.name,
            youths=p.youths,
            appointments=p.appointments,
        )
        if not self.prompt.confirm(self, question, title=tr("Restaurer une sauvegarde")):
            return
        done = self.ops.run(
            lambda: self.services.backups.restore(actor=self._actor(), path=p.path), parent=self
        )
        if done:
            self.prompt.info(
                self,
                tr(
                    "Sauvegarde restaurée. L'état d'avant la restauration est conservé dans « {file} »."
                ).format(file=done.value.safety_copy.path.name),
                title=tr("Restaurer une sauvegarde"),
            )
            self.refresh()
