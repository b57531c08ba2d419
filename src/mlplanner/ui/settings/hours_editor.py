"""Weekly hours typed as text, one line per weekday: "09:00-12:30, 13:30-17:30" (empty = closed).

Parsing gives the mapping `WeeklyHours.from_mapping` expects; overlaps and reversed spans are refused
by `WeeklyHours` itself, with a French message naming the weekday.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ...domain.errors import InputError
from ...domain.hours import WeeklyHours
from ...domain.labels import WEEKDAYS_FR
from ...domain.wallclock import parse_time

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
                f"Horaires du {WEEKDAYS_FR[weekday]} illisibles : « {part.strip()} » "
                "(attendu par exemple 09:00-12:30, 13:30-17:30).",
            )
        start, end = parse_time(m.group(1)), parse_time(m.group(2))
        spans.append([f"{start:%H:%M}", f"{end:%H:%M}"])
    return spans


class HoursEditor(QWidget):
    """Seven lines, Monday first; in `columns` columns (two where height is short)."""

    def __init__(
        self, parent: QWidget | None = None, *, what: str = "Horaires", empty: str = "fermé", columns: int = 1
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        per_column = -(-len(WEEKDAYS_FR) // columns)
        self.lines: list[QLineEdit] = []
        for wd, name in enumerate(WEEKDAYS_FR):
            edit = QLineEdit()
            edit.setPlaceholderText(empty)
            edit.setToolTip("Par exemple : 09:00-12:30, 13:30-17:30 (vide : " + empty + ")")
            edit.setAccessibleName(f"{what} du {name}")
            label = QLabel(name.capitalize() if columns == 1 else name[:3].capitalize() + ".")
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
