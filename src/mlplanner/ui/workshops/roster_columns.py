"""The roster's tables: columns of the registered and waiting lists, attendance colours and keys."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.workshops.terms import ATTENDANCE_FR, REFERRAL_KIND_FR, Attendance, ReferralKind
from mlplanner.services.workshops.views import RegistrationView
from mlplanner.ui.i18n import tr, tr_noop
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows
from mlplanner.ui.workshops.common import MUTED

ATTENDANCE_COLOURS = {
    Attendance.PRESENT: "#2e7d32",
    Attendance.LATE: "#8a6d00",
    Attendance.EXCUSED: "#1f4e99",
    Attendance.ABSENT: "#a31515",
    Attendance.NONE: MUTED,
}
ATTENDANCE_KEYS = (
    (Attendance.PRESENT, tr_noop("Présent"), "P"),
    (Attendance.LATE, tr_noop("En retard"), "R"),
    (Attendance.EXCUSED, tr_noop("Excusé"), "E"),
    (Attendance.ABSENT, tr_noop("Absent"), "A"),
)


def _referral(r: RegistrationView) -> str:
    if r.referral is ReferralKind.PRESCRIBED and r.prescriber_name:
        return tr("prescrit par {name}").format(name=r.prescriber_name)
    return tr(REFERRAL_KIND_FR[r.referral])


def _registered_on(r: RegistrationView) -> str:
    return format_date_fr(r.created_at.date())


def _registered_tip(r: RegistrationView) -> str:
    return tr("Inscription saisie a posteriori (back-office)") if r.back_office else ""


def registered_columns() -> list[Column[RegistrationView]]:
    return [
        Column(tr("Nom"), lambda r: r.youth_name),
        Column(tr("Orientation"), _referral),
        Column(tr("Inscrit le"), _registered_on, sort_key=lambda r: r.created_at, tooltip=_registered_tip),
        Column(
            tr("Présence"),
            lambda r: tr(ATTENDANCE_FR[r.attendance]),
            foreground=lambda r: ATTENDANCE_COLOURS[r.attendance],
        ),
    ]


def waitlist_columns() -> list[Column[RegistrationView]]:
    return [
        Column(
            tr("Rang"), lambda r: str(r.waitlist_rank), sort_key=lambda r: r.waitlist_rank, align_right=True
        ),
        Column(tr("Nom"), lambda r: r.youth_name),
        Column(tr("Orientation"), _referral),
        Column(tr("Inscrit le"), _registered_on, sort_key=lambda r: r.created_at, tooltip=_registered_tip),
    ]


def roster_table(model: RowsModel, name: str, *, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    compact_rows(view)
    return view
