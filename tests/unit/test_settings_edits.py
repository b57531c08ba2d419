"""Settings edits added to the directory: rooms, types, closures, absences, staff names.

Each is validated with a French message, permission-checked and audited.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from mlplanner.domain.enums import Mode, RoomKind
from mlplanner.domain.errors import InputError, NotFound, PermissionDenied, RuleViolation
from mlplanner.storage.tables import AuditEntry

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def audit_actions(t: TestSite, entity_id: str) -> list[tuple[str, str]]:
    with t.services.ctx.read() as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.entity_id == entity_id)).scalars().all()
        return [(r.action, r.actor_name) for r in rows]


def test_update_room(site: TestSite) -> None:
    d, b3 = site.services.directory, site.rooms["b3"]
    d.update_room(actor=site.lead, room_id=b3.id, name="Bureau 3 bis", capacity=4, accessible=True)
    room = next(r for r in d.rooms() if r.id == b3.id)
    assert (room.name, room.capacity, room.accessible) == ("Bureau 3 bis", 4, True)
    d.update_room(actor=site.lead, room_id=b3.id, active=False, kind=RoomKind.WORKSHOP)
    assert b3.id not in {r.id for r in d.rooms()}
    assert next(r for r in d.rooms(include_inactive=True) if r.id == b3.id).kind is RoomKind.WORKSHOP
    assert audit_actions(site, b3.id)[-2:] == [("update", "Bernard Lemoine")] * 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "bureau 1"}, "Une salle s'appelle déjà « bureau 1 »."),
        ({"name": "  "}, "Le nom de la salle est obligatoire."),
        ({"capacity": 0}, "La capacité d'une salle va de 1 à 200 personnes."),
    ],
)
def test_update_room_validation(site: TestSite, changes: dict, message: str) -> None:
    with pytest.raises(InputError) as err:
        site.services.directory.update_room(actor=site.lead, room_id=site.rooms["b2"].id, **changes)
    assert err.value.message == message
    assert next(r for r in site.services.directory.rooms() if r.id == site.rooms["b2"].id).name == "Bureau 2"


def test_update_type_and_its_validation(site: TestSite) -> None:
    d, suivi = site.services.directory, site.types["SUIVI"]
    d.update_type(actor=site.lead, type_id=suivi.id, label="Suivi", duration_min=40, colour="#00aa11")
    t = next(t for t in d.types() if t.id == suivi.id)
    assert (t.label, t.duration_min, t.colour) == ("Suivi", 40, "#00AA11")
    d.update_type(actor=site.lead, type_id=suivi.id, mode=Mode.VIDEO, needs_room=False, active=False)
    t = next(t for t in d.types() if t.id == suivi.id)
    assert (t.mode, t.needs_room, t.active) == (Mode.VIDEO, False, False)
    for bad, msg in (
        ({"colour": "rouge"}, "Couleur invalide"),
        ({"duration_min": 4}, "entre 5 minutes et 8 heures"),
        ({"buffer_min": 121}, "entre 0 et 120 minutes"),
        ({"label": " "}, "libellé"),
    ):
        with pytest.raises(InputError, match=msg):
            d.update_type(actor=site.lead, type_id=suivi.id, **bad)


def test_type_edit_moves_no_booked_appointment(site: TestSite) -> None:
    appt = site.book("kevin", "2026-01-06 10:00")
    site.services.directory.update_type(actor=site.lead, type_id=site.types["SUIVI"].id, duration_min=60)
    assert site.services.booking.get(appt.id).end == wall("2026-01-06 10:30")


def test_remove_closure_reopens_the_day(site: TestSite) -> None:
    d = site.services.directory
    d.add_closure(actor=site.lead, start=date(2026, 1, 6), end=date(2026, 1, 6), reason="Inventaire")
    (closure,) = d.closure_views()
    assert (closure.start, closure.reason) == (date(2026, 1, 6), "Inventaire")
    with pytest.raises(RuleViolation, match="fermé"):
        site.book("kevin", "2026-01-06 10:00")
    with pytest.raises(PermissionDenied):
        d.remove_closure(actor=site.receptionist, closure_id=closure.id)
    d.remove_closure(actor=site.lead, closure_id=closure.id)
    assert d.closure_views() == [] and d.closures() == []
    site.book("kevin", "2026-01-06 10:00")
    with pytest.raises(NotFound, match="n'existe plus"):
        d.remove_closure(actor=site.lead, closure_id=closure.id)


def test_remove_absence_own_or_configure_site(site: TestSite) -> None:
    d = site.services.directory
    claire = site.staff["claire"].id
    d.add_absence(
        actor=site.lead, staff_id=claire, start=wall("2026-01-06 09:00"), end=wall("2026-01-06 12:30")
    )
    (absence_id, *_rest) = d.absences(claire)[0]
    with pytest.raises(PermissionDenied):
        d.remove_absence(actor=site.colleague, absence_id=absence_id)
    d.remove_absence(actor=site.counsellor, absence_id=absence_id)  # her own absence
    assert d.absences(claire) == []
    assert audit_actions(site, absence_id)[-1] == ("delete", "Claire Lefèvre")


def test_rename_staff_is_for_staff_managers(site: TestSite) -> None:
    d, sophie = site.services.directory, site.staff["sophie"].id
    with pytest.raises(PermissionDenied):
        d.rename_staff(actor=site.lead, staff_id=sophie, first_name="Sophie", last_name="Martin-Roy")
    d.rename_staff(actor=site.admin, staff_id=sophie, first_name=" Sophie ", last_name="Martin-Roy")
    assert d.staff_member(sophie).display_name == "Sophie Martin-Roy"
    with pytest.raises(InputError, match="nom est obligatoire"):
        d.rename_staff(actor=site.admin, staff_id=sophie, first_name="Sophie", last_name="")
