"""Confidential appointment types (health, violence, housing emergency): who sees what.

Reception screens, arrival lists and printed day lists show "Rendez-vous confidentiel" and the
counsellor, never the type, its colour (a colour would tell the type to anyone who learns the legend)
nor the notes. The staff members holding the appointment and the site's leads (and administrators,
who hold every permission of a lead) see everything; opening one is audited by the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mlplanner.domain.enums import Role
from mlplanner.domain.models import AppointmentView

CONFIDENTIAL_LABEL = "Rendez-vous confidentiel"
#: one neutral colour for every confidential appointment seen without its details
CONFIDENTIAL_COLOUR = "#B8BCC2"
#: roles that see every confidential appointment of the site
SEE_ALL_ROLES = frozenset({Role.SITE_LEAD, Role.ADMIN})


def sees_details(viewer_id: str | None, viewer_role: Role | None, a: AppointmentView) -> bool:
    """Whether this person may see a confidential appointment's type and notes."""
    if not a.confidential:
        return True
    if viewer_role in SEE_ALL_ROLES:
        return True
    return bool(viewer_id) and viewer_id in a.staff_ids


def redact(a: AppointmentView) -> AppointmentView:
    """The appointment as someone outside it sees it: who, when, where and with whom, nothing more."""
    return replace(
        a,
        type_code="",
        type_label=CONFIDENTIAL_LABEL,
        colour=CONFIDENTIAL_COLOUR,
        notes="",
        referred_by="",
        redacted=True,
    )


def for_viewer(
    views: Iterable[AppointmentView], viewer_id: str | None, viewer_role: Role | None
) -> list[AppointmentView]:
    """Each view as this person may see it (confidential ones redacted unless theirs)."""
    return [a if sees_details(viewer_id, viewer_role, a) else redact(a) for a in views]
