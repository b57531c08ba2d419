"""Small widgets of the youth file: the search field, the CEJ hours chart, the merge chooser.

Kept apart from the page so that the page reads as layout and actions only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.models import YouthView
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.container import Services
from mlplanner.services.followup.service import CEJ_MAX_HOURS, CEJ_MIN_HOURS, WeekHours
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole + 10


def youth_line(y: YouthView) -> str:
    """How a youth appears in search results: enough to tell two namesakes apart."""
    parts = [y.display_name]
    if y.birth_date:
        parts.append(tr("né(e) le {date}").format(date=format_date_fr(y.birth_date)))
    if y.phone:
        parts.append(y.phone)
    if y.external_id:
        parts.append(tr("n° {number}").format(number=y.external_id))
    return " — ".join(parts)


class YouthSearchField(QLineEdit):
    """Type a few letters (accent-insensitive), pick a youth: `chosen(youth_id)`."""

    chosen = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None, *, exclude: str = "") -> None:
        super().__init__(parent)
        self.services = services
        self.exclude = exclude
        self.setPlaceholderText(tr("Rechercher un jeune : nom, téléphone ou identifiant…"))
        self.setAccessibleName(tr("Rechercher un jeune"))
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(self._completer)
        # Enter while the list shows and nothing is highlighted: the first result, in one keystroke
        # (the completer alone would only close its list, and a second Enter was needed)
        self._popup = self._completer.popup()
        assert self._popup is not None
        self._popup.installEventFilter(self)
        self.textEdited.connect(self.refresh_results)
        self.returnPressed.connect(self.choose_first)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            obj is self._popup
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not self._popup.currentIndex().isValid()
        ):
            self._popup.hide()
            ids = self.result_ids()
            if ids:
                self._pick(ids[0])
            return True
        return super().eventFilter(obj, event)

    def refresh_results(self, text: str) -> None:
        results = [y for y in self.services.youths.search(text, limit=12) if y.id != self.exclude]
        self._model.clear()
        for y in results:
            item = QStandardItem(youth_line(y))
            item.setData(y.id, ID_ROLE)
            self._model.appendRow(item)
        if results and self.hasFocus():
            self._completer.complete()

    def result_ids(self) -> list[str]:
        return [self._model.item(i).data(ID_ROLE) for i in range(self._model.rowCount())]

    def choose_first(self) -> None:
        if self._completer.popup().isVisible():
            return  # the popup's own Enter picks the highlighted line
        ids = self.result_ids()
        if ids:
            self._pick(ids[0])

    def _activated(self, index: QModelIndex) -> None:
        youth_id = index.data(ID_ROLE)
        if youth_id:
            self._pick(youth_id)

    def _pick(self, youth_id: str) -> None:
        self.clear()
        self._model.clear()
        self.chosen.emit(youth_id)


class CejHoursChart(QWidget):
    """One bar per week: hours done (solid) and planned (light), against the 15–20 h band."""

    ROW = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: tuple[WeekHours, ...] = ()
        self.setAccessibleName(tr("Heures d'activité par semaine"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_weeks(self, weeks: tuple[WeekHours, ...]) -> None:
        self.weeks = weeks
        lines = [
            tr("semaine du {week} : {done} h faites, {planned} h prévues").format(
                week=format_date_fr(w.week_start), done=f"{w.done_hours:g}", planned=f"{w.planned_hours:g}"
            )
            for w in weeks
        ]
        self.setAccessibleDescription("\n".join(lines))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.ROW * (len(self.weeks) + 1) + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())  # narrower bars at 150 % scaling

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        label_w = fm.horizontalAdvance("sem. du 00/00/0000") + 8
        value_w = fm.horizontalAdvance("00,0 h") + 8
        x0, x1 = label_w, max(label_w + 60, self.width() - value_w)
        scale = (x1 - x0) / (CEJ_MAX_HOURS + 5)
        height = self.ROW * len(self.weeks)
        band = QRectF(x0 + CEJ_MIN_HOURS * scale, 0, (CEJ_MAX_HOURS - CEJ_MIN_HOURS) * scale, height)
        p.fillRect(band, QColor("#E3F1E3"))
        text_pen = QPen(self.palette().windowText().color())
        for i, w in enumerate(self.weeks):
            y = i * self.ROW
            p.setPen(text_pen)
            p.drawText(
                QRectF(0, y, label_w - 6, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                tr("sem. du {week}").format(week=f"{w.week_start:%d/%m}"),
            )
            done = QRectF(x0, y + 4, w.done_hours * scale, self.ROW - 8)
            p.fillRect(done, QColor("#3E7CB1"))
            planned = QRectF(done.right(), y + 4, w.planned_hours * scale, self.ROW - 8)
            p.fillRect(planned, QColor("#A9C7E3"))
            value = f"{w.total:.1f} h".replace(".", ",")
            p.drawText(
                QRectF(x1 + 4, y, value_w, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                value,
            )
        p.setPen(QPen(QColor("#5B8C5A"), 1, Qt.PenStyle.DashLine))
        for hours in (CEJ_MIN_HOURS, CEJ_MAX_HOURS):
            p.drawLine(int(x0 + hours * scale), 0, int(x0 + hours * scale), height)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(text_pen)
        legend = tr("■ fait   □ prévu   zone verte : engagement CEJ de 15 à 20 h")
        fits = QFontMetrics(small).horizontalAdvance(legend) <= self.width() - x0
        p.drawText(  # under the bars, or from the left edge when the chart is narrow
            QRectF(x0 if fits else 0, height, self.width() - (x0 if fits else 0), self.ROW),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            legend,
        )
        p.end()


class MergeChooser(Protocol):
    """Picks the other record and which one to keep: `(keep_id, drop_id)`, or None if cancelled."""

    def choose(
        self, parent: QWidget | None, services: Services, youth: YouthView
    ) -> tuple[str, str] | None: ...


class DialogMergeChooser:
    """The real chooser: likely duplicates first, a search for any other record, which one to keep."""

    def choose(self, parent: QWidget | None, services: Services, youth: YouthView) -> tuple[str, str] | None:
        dialog = MergeDialog(services, youth, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_pair()


class MergeDialog(QDialog):
    def __init__(self, services: Services, youth: YouthView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Fusionner deux fiches"))
        self.services = services
        self.youth = youth
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                tr("Fiche ouverte : <b>{youth}</b><br>Autre fiche de la même personne :").format(
                    youth=youth_line(youth)
                )
            )
        )
        self.search = YouthSearchField(services, self, exclude=youth.id)
        self.search.chosen.connect(self._add_candidate)
        lay.addWidget(self.search)
        self.candidates = QListWidget()
        self.candidates.setAccessibleName(tr("Fiches candidates"))
        lay.addWidget(self.candidates)
        draft = YouthDraft(
            first_name=youth.first_name,
            last_name=youth.last_name,
            birth_date=youth.birth_date,
            phone=youth.phone,
            external_id=youth.external_id,
        )
        for other in services.youths.likely_duplicates(draft, exclude_id=youth.id):
            self._add_view(other)
        self.keep_this = QRadioButton(tr("Garder la fiche ouverte (l'autre y est fusionnée)"))
        self.keep_other = QRadioButton(tr("Garder l'autre fiche"))
        self.keep_this.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep_this)
        group.addButton(self.keep_other)
        lay.addWidget(self.keep_this)
        lay.addWidget(self.keep_other)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        if self.candidates.count():
            self.candidates.setCurrentRow(0)
        self.resize(560, 360)

    def _add_candidate(self, youth_id: str) -> None:
        self._add_view(self.services.youths.get(youth_id))
        self.candidates.setCurrentRow(self.candidates.count() - 1)

    def _add_view(self, y: YouthView) -> None:
        item = QListWidgetItem(youth_line(y))
        item.setData(ID_ROLE, y.id)
        self.candidates.addItem(item)

    def result_pair(self) -> tuple[str, str] | None:
        item = self.candidates.currentItem()
        if item is None:
            return None
        other = item.data(ID_ROLE)
        return (self.youth.id, other) if self.keep_this.isChecked() else (other, self.youth.id)
