"""How an appointment's type reads on screen, confidential types included (one place for every view)."""

from __future__ import annotations

from mlplanner.domain.models import AppointmentView
from mlplanner.ui.i18n import tr


def type_text(a: AppointmentView) -> str:
    """The type's label; "Rendez-vous confidentiel" for someone who may not see a confidential type;
    the label marked "(confidentiel)" for the people who may (so they do not read it aloud at the desk)."""
    if a.redacted:
        return tr("Rendez-vous confidentiel")
    if a.confidential:
        return tr("{label} (confidentiel)").format(label=a.type_label)
    return a.type_label


def staff_text(a: AppointmentView) -> str:
    """ "Claire Lefèvre", or both people of a two-person appointment."""
    if a.second_staff_id:
        return tr("{first} et {second}").format(first=a.counsellor_name, second=a.second_staff_name)
    return a.counsellor_name
