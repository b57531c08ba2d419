"""« Importer des jeunes… »: choose a file, see what each line would do, then import.

The preview is the service's dry run (nothing written): per line, « nouveau », « complété », « déjà
présent », « doublon dans le fichier » or « erreur » with the reason. « Importer » runs the same call for
real; matching makes a second import of the same file change nothing. Both run off the GUI thread (a
national-system export can hold thousands of lines); the import's changes go out on the bus.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.youths.import_export import ACTIONS_FR, ImportLine, ImportPreview, ImportResult
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import Choosers
from mlplanner.ui.widgets.rows_model import ROW_ROLE, Column, RowsModel, compact_rows

ACTION_COLOURS = {
    "new": ("#e3f4e6", "#1d6b2c"),
    "fill": ("#e6eefb", "#1f4e99"),
    "same": (None, "#5f6670"),
    "duplicate": ("#fff3dc", "#8a5a00"),
    "error": ("#fdecea", "#b00020"),
}
ORDER = ("new", "fill", "same", "duplicate", "error")


def preview_model(parent: object = None) -> RowsModel[ImportLine]:
    columns: list[Column[ImportLine]] = [
        Column(tr("Ligne"), lambda r: str(r.line), sort_key=lambda r: r.line, align_right=True),
        Column(
            tr("Résultat"),
            lambda r: tr(ACTIONS_FR[r.action]) if r.action in ACTIONS_FR else r.action,
            background=lambda r: ACTION_COLOURS.get(r.action, (None, None))[0],
            foreground=lambda r: ACTION_COLOURS.get(r.action, (None, None))[1],
        ),
        Column(tr("Nom"), lambda r: r.name),
        Column(tr("Remarque"), remark, tooltip=remark),
    ]
    return RowsModel(columns, key=lambda r: r.line, parent=parent)


def remark(line: ImportLine) -> str:
    """A line's remark in the UI's language (the service's French sentence when it has no code)."""
    return refusal_text(line.remark) if line.remark is not None else line.message


PLURAL_FR = {  # translated when shown
    "new": tr_noop("nouveaux"),
    "fill": tr_noop("complétés"),
    "same": tr_noop("déjà présents"),
    "duplicate": tr_noop("doublons dans le fichier"),
    "error": tr_noop("erreurs"),
}


def counts_text(preview: ImportPreview) -> str:
    counts = preview.counts
    parts = [
        f"{counts[a]} {tr(ACTIONS_FR[a]) if counts[a] == 1 else tr(PLURAL_FR[a])}"
        for a in ORDER
        if counts.get(a)
    ]
    return ", ".join(parts) if parts else tr("aucune ligne")


class _ProblemsOnly(QSortFilterProxyModel):
    """Only the lines that need a look (errors, duplicates, remarks) when the box is ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only = False

    def set_only(self, only: bool) -> None:
        self.beginFilterChange()
        self.only = only
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # type: ignore[no-untyped-def]
        if not self.only:
            return True
        line = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return line is not None and (line.action in ("error", "duplicate") or bool(line.message))


class ImportDialog(QDialog):
    def __init__(self, window: MainWindow, choosers: Choosers) -> None:
        super().__init__(window)
        self.window_ = window
        self.services = window.services
        self.choosers = choosers
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.busy = False
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Importer des jeunes"))
        self.resize(860, 560)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(
            tr("classeur .xlsx, ou fichier CSV exporté d'un tableur ou d'i-milo")
        )
        self.path_edit.setAccessibleName(tr("Fichier à importer"))
        self.path_edit.returnPressed.connect(self.load_preview)
        choose = QPushButton(tr("Choisir…"))
        choose.clicked.connect(self.choose_file)
        reread = QPushButton(tr("Relire"))
        reread.setToolTip(tr("Relire le fichier (après l'avoir corrigé)"))
        reread.clicked.connect(self.load_preview)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Fichier :")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(choose)
        top.addWidget(reread)

        self.info = QLabel(tr("Choisissez un fichier : rien n'est enregistré avant « Importer »."))
        self.info.setObjectName("importInfo")
        self.info.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("importCounts")
        self.counts.setStyleSheet("font-weight: bold;")
        self.model = preview_model(self)
        self.proxy = _ProblemsOnly(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName(tr("Aperçu de l'import"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        compact_rows(self.table)
        self.problems_only = QCheckBox(tr("Seulement les lignes à vérifier"))
        self.problems_only.toggled.connect(self.proxy.set_only)
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.import_button = QPushButton(tr("Importer"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems_only)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.info)
        lay.addWidget(self.counts)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addLayout(buttons)

    # --- steps -----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = Path(self.path_edit.text()).parent if self.path_edit.text() else Path.home()
        chosen = self.choosers.open_file(self, tr("Fichier de jeunes à importer"), start)
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self.load_preview()

    def _run(self, dry_run: bool) -> bool:
        text = self.path_edit.text().strip()
        if not text or self.busy:
            return False
        path = Path(text)
        actor = self.window_.actor
        self.busy = True
        self.import_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(tr("Lecture du fichier…") if dry_run else tr("Import en cours…"))
        self.window_.ops.background(
            lambda _progress: self.services.import_export.import_youths(
                actor=actor, path=path, dry_run=dry_run
            ),
            label=tr("Aperçu de l'import") if dry_run else tr("Import des jeunes"),
            on_done=self._shown,
            on_error=self._error,
            parent=self,
        )
        return True

    def load_preview(self) -> bool:
        """Dry run of the chosen file (nothing written)."""
        self.result = None
        return self._run(dry_run=True)

    def apply(self) -> bool:
        if self.preview is None:
            return False
        return self._run(dry_run=False)

    def _shown(self, result: ImportResult) -> None:
        self.busy = False
        p = result.preview
        self.preview = p
        self.model.set_rows(p.lines)
        columns = ", ".join(p.columns.values()) or tr("aucune")
        if p.encoding == "xlsx":
            info = tr("Classeur Excel (.xlsx), première feuille. Colonnes reconnues : {columns}.").format(
                columns=columns
            )
        else:
            info = tr(
                "Encodage {encoding}, séparateur « {delimiter} ». Colonnes reconnues : {columns}."
            ).format(encoding=p.encoding, delimiter=p.delimiter, columns=columns)
        if p.ignored_columns:
            info += " " + tr("Colonnes ignorées : {columns}.").format(columns=", ".join(p.ignored_columns))
        self.info.setText(info)
        counts = tr("Importé : {counts}.") if result.written else tr("Aperçu : {counts}.")
        self.counts.setText(counts.format(counts=counts_text(p)))
        can_write = allowed(self.window_.actor, Perm.EDIT_YOUTH)
        if result.written:
            self.result = result
            self.message.setStyleSheet("color: #1d6b2c;")
            self.message.setText(
                tr(
                    "Import terminé : {created} jeune(s) créé(s), {updated} fiche(s) complétée(s). "
                    "Un nouvel import du même fichier ne changerait rien."
                ).format(created=result.created, updated=result.updated)
            )
            self.import_button.setEnabled(False)
            return
        todo = sum(p.counts.get(a, 0) for a in ("new", "fill"))
        self.import_button.setEnabled(bool(todo) and can_write)
        if todo:
            errors = len(p.errors)
            tail = " " + tr("Les {n} ligne(s) en erreur seront ignorées.").format(n=errors) if errors else ""
            self.message.setText(tr("« Importer » enregistrera {n} fiche(s).").format(n=todo) + tail)
        else:
            self.message.setText(tr("Rien à importer : toutes les personnes du fichier sont déjà connues."))

    def _error(self, exc: DomainError) -> None:
        self.busy = False
        self.preview = None
        self.model.set_rows([])
        self.counts.clear()
        self.import_button.setEnabled(False)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(refusal_text(exc))

    def row_texts(self) -> list[tuple[str, ...]]:
        """What the table shows (tests)."""
        m = self.proxy
        return [
            tuple(str(m.index(r, c).data(Qt.ItemDataRole.DisplayRole)) for c in range(m.columnCount()))
            for r in range(m.rowCount())
        ]
