"""Weekly hours typed as text, one line per weekday: "09:00-12:30, 13:30-17:30" (empty = closed).

Parsing gives the mapping `WeeklyHours.from_mapping` expects; overlaps and reversed spans are refused
by `WeeklyHours` itself, with a French message naming the weekday.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours
from mlplanner.domain.wallclock import parse_time
from mlplanner.ui.i18n import tr, weekday_abbr, weekday_name

_SPAN = re.compile(r"^\s*([0-9]{1,2}(?:[:hH][0-9]{0,2})?)\s*[-–à]\s*([0-9]{1,2}(?:[:hH][0-9]{0,2})?)\s*$")


def format_hours(hours: WeeklyHours, weekday: int) -> str:
    return ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in hours.days[weekday])


def parse_day(text: str, weekday: int) -> list[list[str]]:
    spans: list[list[str]] = []
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        m = _SPAN.match(part)
        if not m:
            raise InputError(
                "bad_hours",
                tr(
                    "Horaires du {day} illisibles : « {text} » (attendu par exemple 09:00-12:30, 13:30-17:30)."
                ).format(day=weekday_name(weekday), text=part.strip()),
            )
        start, end = parse_time(m.group(1)), parse_time(m.group(2))
        spans.append([f"{start:%H:%M}", f"{end:%H:%M}"])
    return spans


class HoursEditor(QWidget):
    """Seven lines, Monday first; in `columns` columns (two where height is short)."""

    def __init__(
        self, parent: QWidget | None = None, *, what: str = "", empty: str = "", columns: int = 1
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        what, empty = what or tr("Horaires"), empty or tr("fermé")
        per_column = -(-7 // columns)
        self.lines: list[QLineEdit] = []
        for wd in range(7):
            name = weekday_name(wd)
            edit = QLineEdit()
            edit.setPlaceholderText(empty)
            edit.setToolTip(tr("Par exemple : 09:00-12:30, 13:30-17:30 (vide : {empty})").format(empty=empty))
            edit.setAccessibleName(tr("{what} du {day}").format(what=what, day=name))
            label = QLabel(name.capitalize() if columns == 1 else weekday_abbr(wd).capitalize())
            label.setBuddy(edit)
            row, col = wd % per_column, 2 * (wd // per_column)
            grid.addWidget(label, row, col)
            grid.addWidget(edit, row, col + 1)
            self.lines.append(edit)
        for col in range(columns):
            grid.setColumnStretch(2 * col + 1, 1)

    def set_hours(self, hours: WeeklyHours) -> None:
        for wd, edit in enumerate(self.lines):
            edit.setText(format_hours(hours, wd))

    def mapping(self) -> dict[str, list[list[str]]]:
        """The typed hours (raises a French `InputError`); checked again by the service."""
        data = {str(wd): parse_day(edit.text(), wd) for wd, edit in enumerate(self.lines)}
        data = {k: v for k, v in data.items() if v}
        WeeklyHours.from_mapping(data)
        return data

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.lines:
            edit.setReadOnly(read_only)
