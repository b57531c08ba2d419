"""The CEJ view of the youth file: this week against the 15-hour commitment (warning under 10 h, alert under
15 h), the last weeks on the CEJ's scale (declared and validated), and the young person's own actions of
a week by theme, recorded by the counsellor. Its own widget, added beside the file's history."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.cej import (
    COMMITMENT_HOURS,
    THEME_DEFAULT_MINUTES,
    THEME_FR,
    WARNING_HOURS,
    Level,
    Theme,
)
from mlplanner.domain.enums import Programme
from mlplanner.domain.errors import DomainError
from mlplanner.domain.wallclock import week_start
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reports.cej import CejYouthWeek
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.reports.words import word
from mlplanner.ui.shell.main_window import MainWindow

LEVEL_STYLE = {
    Level.OK: "background:#E3F1E3; border:1px solid #7DB87D; color:#1E5A1E;",
    Level.ALERT: "background:#FFF3CD; border:1px solid #E0B252; color:#5C4400;",
    Level.WARNING: "background:#FBE3E4; border:1px solid #D9777D; color:#7A1C22;",
}
WEEKS_SHOWN = 6


def hours(minutes: int) -> str:
    return f"{minutes / 60:g}".replace(".", ",") + " h"


def level_text(level: Level) -> str:
    if level is Level.WARNING:
        return tr("avertissement : moins de {h} h").format(h=WARNING_HOURS)
    if level is Level.ALERT:
        return tr("alerte : moins de {h} h").format(h=COMMITMENT_HOURS)
    return tr("engagement tenu")


class CejWeeksChart(QWidget):
    """One bar per week: validated hours (solid) and the rest of the declared ones (light), with the
    10-hour and 15-hour marks."""

    ROW = 20

    def __init__(self) -> None:
        super().__init__()
        self.weeks: tuple[CejYouthWeek, ...] = ()
        self.setAccessibleName(tr("Heures CEJ par semaine"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_weeks(self, weeks: tuple[CejYouthWeek, ...]) -> None:
        self.weeks = weeks
        self.setAccessibleDescription(
            "\n".join(
                tr("semaine du {week} : {declared} déclarées, {validated} validées").format(
                    week=f"{w.week:%d/%m/%Y}",
                    declared=hours(w.declared_minutes),
                    validated=hours(w.validated_minutes),
                )
                for w in weeks
            )
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.ROW * (len(self.weeks) + 1) + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        label_w = fm.horizontalAdvance(tr("sem. du {week}").format(week="00/00")) + 10
        value_w = fm.horizontalAdvance("00,5 h / 00,5 h") + 10
        x0, x1 = label_w, max(label_w + 60, self.width() - value_w)
        top = max([COMMITMENT_HOURS + 5] + [w.declared_minutes / 60 for w in self.weeks])
        scale = (x1 - x0) / top
        height = self.ROW * len(self.weeks)
        text = QPen(self.palette().windowText().color())
        for i, w in enumerate(self.weeks):
            y = i * self.ROW
            p.setPen(text)
            p.drawText(
                QRectF(0, y, label_w - 6, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                tr("sem. du {week}").format(week=f"{w.week:%d/%m}"),
            )
            declared = QRectF(x0, y + 4, w.declared_minutes / 60 * scale, self.ROW - 8)
            p.fillRect(declared, QColor("#A9C7E3"))
            p.fillRect(QRectF(x0, y + 4, w.validated_minutes / 60 * scale, self.ROW - 8), QColor("#3E7CB1"))
            p.setPen(text)
            p.drawText(
                QRectF(x1 + 4, y, value_w, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                f"{hours(w.validated_minutes)} / {hours(w.declared_minutes)}",
            )
        for mark, colour in ((WARNING_HOURS, "#D9777D"), (COMMITMENT_HOURS, "#2E7D32")):
            x = x0 + mark * scale
            p.setPen(QPen(QColor(colour), 1, Qt.PenStyle.DashLine))
            p.drawLine(int(x), 0, int(x), height)
        p.end()


class CejPanel(QWidget):
    """The youth file's CEJ tab. `titleChanged` carries a short tab title with this week's hours."""

    titleChanged = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        self.youth_id: str | None = None
        self.action_week: date = week_start(window.now().date())
        self.status = QLabel()
        self.status.setObjectName("cejStatus")
        self.status.setWordWrap(True)
        self.chart = CejWeeksChart()
        legend = QLabel(tr("Barres : heures validées (foncé) et déclarées (clair) ; traits : 10 h et 15 h."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color:#5f6670;")
        self.none = QLabel(tr("Ce jeune n'est pas en CEJ."))
        self.week_label = QLabel()
        prev_b, next_b = QPushButton("◀"), QPushButton("▶")
        prev_b.setAccessibleName(tr("Semaine précédente"))
        next_b.setAccessibleName(tr("Semaine suivante"))
        prev_b.clicked.connect(lambda: self.set_action_week(self.action_week - timedelta(weeks=1)))
        next_b.clicked.connect(lambda: self.set_action_week(self.action_week + timedelta(weeks=1)))
        for b in (prev_b, next_b):
            b.setMaximumWidth(40)
        self.themes: dict[Theme, tuple[QCheckBox, QDoubleSpinBox]] = {}
        grid = QGridLayout()
        for i, theme in enumerate(Theme):
            box = QCheckBox(word(THEME_FR[theme]))
            spin = QDoubleSpinBox()
            spin.setRange(0.5, 40)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" h")
            spin.setAccessibleName(tr("Heures : {theme}").format(theme=word(THEME_FR[theme])))
            box.toggled.connect(lambda on, s=spin, t=theme: self._toggle(on, s, t))
            self.themes[theme] = (box, spin)
            grid.addWidget(box, i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
        self.save_button = QPushButton(tr("Enregistrer les actions de la semaine"))
        self.save_button.setObjectName("saveCejActions")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(prev_b)
        head.addWidget(self.week_label, 1)
        head.addWidget(next_b)
        self.actions_box = QGroupBox(tr("Actions du jeune (déclarées par le conseiller)"))
        al = QVBoxLayout(self.actions_box)
        al.addLayout(head)
        al.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        al.addLayout(row)
        lay = QVBoxLayout(self)
        lay.addWidget(self.none)
        lay.addWidget(self.status)
        lay.addWidget(self.chart)
        lay.addWidget(legend)
        lay.addWidget(self.actions_box)
        lay.addStretch(1)
        self._legend = legend

    def _toggle(self, on: bool, spin: QDoubleSpinBox, theme: Theme) -> None:
        spin.setEnabled(on and allowed(self.window_.actor, Perm.FOLLOW_UP))
        if on and spin.value() == spin.minimum():
            spin.setValue(THEME_DEFAULT_MINUTES[theme] / 60)

    def show_youth(self, youth_id: str) -> None:
        if youth_id != self.youth_id:
            self.action_week = week_start(self.window_.now().date())
        self.youth_id = youth_id
        self.reload()

    def set_action_week(self, monday: date) -> None:
        self.action_week = week_start(monday)
        self.reload()

    def reload(self) -> None:
        sv, youth_id = self.window_.services, self.youth_id
        if youth_id is None:
            return
        youth = sv.youths.get(youth_id)
        is_cej = youth.programme is Programme.CEJ
        for w in (self.status, self.chart, self._legend, self.actions_box):
            w.setVisible(is_cej)
        self.none.setVisible(not is_cej)
        if not is_cej:
            self.titleChanged.emit(tr("CEJ"))
            return
        today = self.window_.now().date()
        weeks = sv.reports.cej.youth_weeks(youth_id, last_week=today + timedelta(weeks=1), weeks=WEEKS_SHOWN)
        self.chart.set_weeks(weeks)
        this = next(w for w in weeks if w.week == week_start(today))
        self.status.setText(
            tr("Semaine du {week} : {declared} déclarées sur {h} h, {validated} validées — {level}").format(
                week=f"{this.week:%d/%m/%Y}",
                declared=hours(this.declared_minutes),
                h=COMMITMENT_HOURS,
                validated=hours(this.validated_minutes),
                level=level_text(this.level),
            )
        )
        self.status.setStyleSheet(LEVEL_STYLE[this.level] + " padding:6px; border-radius:4px;")
        mark = {Level.OK: "", Level.ALERT: " !", Level.WARNING: " !!"}[this.level]
        self.titleChanged.emit(tr("CEJ : {h}").format(h=hours(this.declared_minutes)) + mark)
        self.week_label.setText(tr("Semaine du {week}").format(week=f"{self.action_week:%d/%m/%Y}"))
        recorded = {a.theme: a.minutes for a in sv.reports.cej.actions(youth_id, self.action_week)}
        can = allowed(self.window_.actor, Perm.FOLLOW_UP)
        for theme, (box, spin) in self.themes.items():
            box.blockSignals(True)
            box.setChecked(theme in recorded)
            box.blockSignals(False)
            box.setEnabled(can)
            spin.setValue(recorded.get(theme, THEME_DEFAULT_MINUTES[theme]) / 60)
            spin.setEnabled(can and theme in recorded)
        self.save_button.setEnabled(can)
        self._recorded = recorded

    def save(self) -> bool:
        w, youth_id = self.window_, self.youth_id
        if youth_id is None:
            return False
        changes = []
        for theme, (box, spin) in self.themes.items():
            minutes = round(spin.value() * 60) if box.isChecked() else 0
            if minutes != self._recorded.get(theme, 0):
                changes.append((theme, minutes))
        cej, week = w.services.reports.cej, self.action_week
        for theme, minutes in changes:
            call = partial(
                cej.record_action, actor=w.actor, youth_id=youth_id, week=week, theme=theme, minutes=minutes
            )
            if not w.ops.run(call, on_error=self._error):
                return False
        self.message.setStyleSheet("color:#1d6b2c;")
        self.message.setText(tr("Actions enregistrées.") if changes else tr("Rien n'a changé."))
        self.reload()
        return True

    def _error(self, exc: DomainError) -> None:
        self.message.setStyleSheet("color:#b00020;")
        self.message.setText(refusal_text(exc))
