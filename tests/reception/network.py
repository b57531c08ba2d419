"""A small network of sites on real files that sync through a real folder, for the booking-at-another-
site tests: Tolbiac (TEST01, the usual test site) and Belleville (TEST02), optionally Bastille (TEST03).

(Not a conftest: `from .network import ...` keeps it apart from the other folders' helpers.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Mode, Role, RoomKind
from mlplanner.domain.models import StaffView
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.directory.service import SiteSetup
from support import FULL_TIME, SITE_HOURS, actor_of, build_test_site

CODES = ("TEST01", "TEST02", "TEST03")


@dataclass
class Node:
    code: str
    services: Services
    staff: dict[str, StaffView] = field(default_factory=dict)

    def actor(self, key: str) -> Actor:
        return actor_of(self.staff[key])

    def sync(self, folder: Path):  # type: ignore[no-untyped-def]
        return self.services.sync.sync(folder=folder)


def build_other_site(services: Services, code: str, name: str, people: tuple[str, str]) -> Node:
    """A second site: two offices, a counsellor working full time, a receptionist, the same types."""
    services.directory.create_site(
        SiteSetup(
            code=code, name=name, address=f"1 rue du site {code}, 75020 Paris", opening_hours=SITE_HOURS
        )
    )
    node = Node(code, services)
    d = services.directory
    node.staff["admin"] = d.add_staff(actor=SYSTEM_ACTOR, first_name="Admin", last_name=code, role=Role.ADMIN)
    admin = node.actor("admin")
    office = d.add_room(
        actor=admin, name=f"Bureau {code}-1", kind=RoomKind.OFFICE, capacity=3, accessible=True
    )
    d.add_room(actor=admin, name=f"Bureau {code}-2", kind=RoomKind.OFFICE, capacity=3, accessible=True)
    first, last = people
    node.staff["counsellor"] = d.add_staff(
        actor=admin, first_name=first, last_name=last, role=Role.COUNSELLOR, working_pattern=FULL_TIME,
        default_room_id=office.id,
    )  # fmt: skip
    node.staff["desk"] = d.add_staff(
        actor=admin, first_name="Accueil", last_name=code, role=Role.RECEPTIONIST, working_pattern=FULL_TIME
    )
    for code_, label, duration, mode in (
        ("SUIVI", "Entretien de suivi", 30, Mode.ON_SITE),
        ("ACC", "Premier accueil", 45, Mode.ON_SITE),
        ("TEL", "Entretien téléphonique", 20, Mode.PHONE),
        ("LONG", "Bilan approfondi", 60, Mode.ON_SITE),
    ):
        d.add_type(actor=admin, code=code_, label=label, duration_min=duration, buffer_min=15 if code_ == "ACC" else 0,
                   needs_room=mode is Mode.ON_SITE, mode=mode)  # fmt: skip
    return node


def build_network(tmp_path: Path, clock: FixedClock, *, three: bool = False) -> tuple[list[Node], Path]:
    """Tolbiac (the usual test site), Belleville and optionally Bastille, each on its own file, having
    exchanged everything through the folder once (each knows the others' staff, rooms, youths)."""
    folder = tmp_path / "partage"
    folder.mkdir()
    a_sv = Services.open(tmp_path / "tolbiac.sqlite3", clock=clock)
    built = build_test_site(a_sv, clock)
    a = Node("TEST01", a_sv, dict(built.staff))
    a.youths = built.youths  # type: ignore[attr-defined]
    nodes = [a]
    others = [("TEST02", "Mission Locale de test — site Belleville", ("Inès", "Garnier"))]
    if three:
        others.append(("TEST03", "Mission Locale de test — site Bastille", ("Paul", "Roux")))
    for code, name, people in others:
        sv = Services.open(tmp_path / f"{code.lower()}.sqlite3", clock=clock)
        nodes.append(build_other_site(sv, code, name, people))
    codes = [n.code for n in nodes]
    for n in nodes:
        n.services.sync.allow_sites(actor=SYSTEM_ACTOR, codes=codes)
    for _round in range(2):
        for n in nodes:
            n.sync(folder)
    return nodes, folder
