"""Weekly hours typed as text, one line per weekday: "09:00-12:30, 13:30-17:30" (empty = closed).

Parsing (the same reader as a staff spreadsheet's cells) gives the mapping `WeeklyHours.from_mapping`
expects; overlaps and reversed spans are refused by `WeeklyHours` itself, with a French message naming
the weekday.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from mlplanner.domain.errors import InputError
from mlplanner.domain.hours import WeeklyHours, read_day, word_hours
from mlplanner.ui.i18n import tr, weekday_abbr, weekday_name


def format_hours(hours: WeeklyHours, weekday: int) -> str:
    return ", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in hours.days[weekday])


def parse_day(
    text: str, weekday: int, site_hours: Callable[[], WeeklyHours] | None = None
) -> list[list[str]]:
    """A typed line, read like a staff spreadsheet's cell (`domain.hours.read_day`): "9h-12h30 13h30-17h"
    as well as "09:00-12:30, 13:30-17:30"; with `site_hours`, "journée", "matin" and "après-midi" too."""
    words = tr(" ; « journée », « matin », « après-midi »") if site_hours else ""
    try:
        day = read_day(text or "")
    except InputError as exc:
        if exc.code != "bad_day":
            raise  # a time that does not exist says so by itself
        raise InputError(
            "bad_hours",
            tr("Horaires du {day} : {problem}").format(day=weekday_name(weekday), problem=exc.message),
        ) from exc
    if isinstance(day, str) and site_hours is not None:
        return word_hours(site_hours(), weekday, day)
    if day is None or isinstance(day, str):
        raise InputError(
            "bad_hours",
            tr(
                "Horaires du {day} illisibles : « {text} » (attendu par exemple 09:00-12:30, 13:30-17:30{words})."
            ).format(day=weekday_name(weekday), text=(text or "").strip(), words=words),
        )
    return day


class HoursEditor(QWidget):
    """Seven lines, Monday first; in `columns` columns (two where height is short)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        what: str = "",
        empty: str = "",
        columns: int = 1,
        site_hours: Callable[[], WeeklyHours] | None = None,
    ) -> None:
        """`site_hours`: for a working pattern, what "journée", "matin" and "après-midi" mean."""
        super().__init__(parent)
        self.site_hours = site_hours
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
        data = {str(wd): parse_day(edit.text(), wd, self.site_hours) for wd, edit in enumerate(self.lines)}
        data = {k: v for k, v in data.items() if v}
        WeeklyHours.from_mapping(data)
        return data

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.lines:
            edit.setReadOnly(read_only)
