"""Test helpers shared by every test folder: import them with `from support import ...`
(never `from support import ...`, which another folder's conftest.py can shadow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from keyring.backend import KeyringBackend

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Mode, Role, RoomKind
from mlplanner.domain.models import AppointmentTypeView, RoomView, SiteView, StaffView, YouthView
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.directory.service import SiteSetup
from mlplanner.services.youths.service import YouthDraft

#: Monday 5 January 2026, 08:00 in Paris (07:00 UTC, winter time).
CLOCK_START = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)

#: Opening hours of the test site: Monday–Friday with a lunch break, Saturday morning, Sunday closed.
SITE_HOURS: dict[str, list[list[str]]] = {
    **{str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)},
    "5": [["09:00", "12:00"]],
}
FULL_TIME = {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)}
NO_WEDNESDAY = {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in (0, 1, 3, 4)}
MORNINGS = {str(d): [["09:00", "12:30"]] for d in (0, 1, 3)}  # part-timer: Mon, Tue, Thu mornings


def wall(text: str) -> datetime:
    """A naive wall-clock datetime from "YYYY-MM-DD HH:MM" (test shorthand)."""
    return datetime.fromisoformat(text)


def paris_clock(day: date, at: time = time(8, 0)) -> FixedClock:
    """A fixed clock at a wall-clock time in Paris (DST handled by zoneinfo)."""
    from zoneinfo import ZoneInfo

    return FixedClock(datetime.combine(day, at, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC))


def actor_of(staff: StaffView) -> Actor:
    return Actor(id=staff.id, name=staff.display_name, role=staff.role)


@dataclass
class TestSite:
    """A small site and handles on what it contains (ids through views)."""

    __test__ = False  # not a test class, despite the name

    services: Services
    clock: FixedClock
    site: SiteView
    rooms: dict[str, RoomView] = field(default_factory=dict)
    staff: dict[str, StaffView] = field(default_factory=dict)
    types: dict[str, AppointmentTypeView] = field(default_factory=dict)
    youths: dict[str, YouthView] = field(default_factory=dict)

    # actors ------------------------------------------------------------------------------------
    @property
    def receptionist(self) -> Actor:
        return actor_of(self.staff["karima"])

    @property
    def counsellor(self) -> Actor:
        """Claire Lefèvre (full time)."""
        return actor_of(self.staff["claire"])

    @property
    def colleague(self) -> Actor:
        """Mamadou Diallo (another counsellor)."""
        return actor_of(self.staff["mamadou"])

    @property
    def lead(self) -> Actor:
        return actor_of(self.staff["bernard"])

    @property
    def admin(self) -> Actor:
        return actor_of(self.staff["admin"])

    def book(
        self, youth: str, start: str, *, type_code: str = "SUIVI", counsellor: str | None = "claire", **kw
    ):
        """Book as the receptionist; `youth` and `counsellor` are keys of `youths` / `staff`."""
        return self.services.booking.book(
            actor=kw.pop("actor", self.receptionist),
            youth_id=self.youths[youth].id,
            type_code=type_code,
            start=wall(start),
            counsellor=self.staff[counsellor].id if counsellor else None,
            **kw,
        ).appointment


def build_test_site(services: Services, clock: FixedClock) -> TestSite:
    """Build the small site through the services, as an administrator would.

    Rooms: Bureau 1 and 2 (offices, accessible), Bureau 3 (office for 2, NOT wheelchair-accessible),
    Salle d'atelier (workshop, 12). Counsellors: Claire Lefèvre (full time, Bureau 1), Mamadou Diallo
    (no Wednesday, Bureau 2), Sophie Martin (part-timer: Monday, Tuesday, Thursday mornings, Bureau 3).
    Types: SUIVI 30 min; ACC 45 min + 15 min buffer; TEL 20 min by phone (no room); LONG 60 min.
    Youths: Éloïse Lœuvre (referent Mamadou), Aïssatou N'Diaye (needs an accessible room),
    Kévin Koné, Jean-Pierre Martin.
    """
    site = services.directory.create_site(
        SiteSetup(
            code="TEST01",
            name="Mission Locale de test — site Tolbiac",
            address="12 rue de Tolbiac, 75013 Paris",
            phone="01 45 83 12 34",
            opening_hours=SITE_HOURS,
        )
    )
    t = TestSite(services=services, clock=clock, site=site)
    d = services.directory
    t.staff["admin"] = d.add_staff(
        actor=SYSTEM_ACTOR, first_name="Admin", last_name="Informatique", role=Role.ADMIN
    )
    admin = t.admin
    for key, name, kind, capacity, accessible in (
        ("b1", "Bureau 1", RoomKind.OFFICE, 3, True),
        ("b2", "Bureau 2", RoomKind.OFFICE, 3, True),
        ("b3", "Bureau 3", RoomKind.OFFICE, 2, False),
        ("atelier", "Salle d'atelier", RoomKind.WORKSHOP, 12, True),
    ):
        t.rooms[key] = d.add_room(actor=admin, name=name, kind=kind, capacity=capacity, accessible=accessible)
    for key, first, last, role, pattern, room in (
        ("claire", "Claire", "Lefèvre", Role.COUNSELLOR, FULL_TIME, "b1"),
        ("mamadou", "Mamadou", "Diallo", Role.COUNSELLOR, NO_WEDNESDAY, "b2"),
        ("sophie", "Sophie", "Martin", Role.COUNSELLOR, MORNINGS, "b3"),
        ("karima", "Karima", "Haddou", Role.RECEPTIONIST, FULL_TIME, None),
        ("bernard", "Bernard", "Lemoine", Role.SITE_LEAD, FULL_TIME, None),
    ):
        t.staff[key] = d.add_staff(
            actor=admin,
            first_name=first,
            last_name=last,
            role=role,
            working_pattern=pattern,
            default_room_id=t.rooms[room].id if room else None,
        )
    for code, label, duration, buffer, needs_room, mode in (
        ("SUIVI", "Entretien de suivi", 30, 0, True, Mode.ON_SITE),
        ("ACC", "Premier accueil", 45, 15, True, Mode.ON_SITE),
        ("TEL", "Entretien téléphonique", 20, 0, False, Mode.PHONE),
        ("LONG", "Bilan approfondi", 60, 0, True, Mode.ON_SITE),
    ):
        t.types[code] = d.add_type(
            actor=admin,
            code=code,
            label=label,
            duration_min=duration,
            buffer_min=buffer,
            needs_room=needs_room,
            mode=mode,
        )
    for key, draft in (
        (
            "eloise",
            YouthDraft(
                first_name="Éloïse",
                last_name="Lœuvre",
                birth_date=date(2005, 4, 12),
                phone="06 12 34 56 78",
                external_id="1234567",
                referent=t.staff["mamadou"].id,
            ),
        ),
        (
            "aissatou",
            YouthDraft(
                first_name="Aïssatou",
                last_name="N'Diaye",
                birth_date=date(2006, 9, 30),
                phone="07 65 43 21 09",
                needs_accessible_room=True,
            ),
        ),
        ("kevin", YouthDraft(first_name="Kévin", last_name="Koné", birth_date=date(2004, 1, 2))),
        ("jp", YouthDraft(first_name="Jean-Pierre", last_name="Martin", phone="+33 6 98 76 54 32")),
    ):
        t.youths[key] = services.youths.add(actor=admin, draft=draft).youth
    return t


#: The day the demo fixture is built around (a Monday); its clock stands at 08:00 that day in Paris.
DEMO_TODAY = date(2027, 3, 1)
DEMO_SEED = 7


def sql_rows(location: object, sql: str, params: dict | None = None) -> list[tuple]:
    """Rows of a plain SQL query run on a site's database, file or server (`:name` parameters; write
    `deleted = false`, `= true`: both engines read booleans that way)."""
    from pathlib import Path

    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from mlplanner.storage.db import server_url

    url = f"sqlite:///{location}" if isinstance(location, Path) else server_url(str(location))
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params or {})
            return [tuple(r) for r in result.fetchall()] if result.returns_rows else []
    finally:
        engine.dispose()


#: Text typed into one field of a young person's record, and the one French sentence that refuses it
#: wherever it is typed: the service, the CLI (`youth add`) and the app's form say the same words
#: (`domain/fields.py`; tests/unit/test_fields.py, tests/cli/test_bad_input.py, tests/ui/test_youth_file.py).
FIELD_REFUSALS: dict[str, tuple[str, str, str]] = {
    # key: (the YouthDraft field, the text, the refusal)
    "bidi": (
        "first_name",
        "Lou\u202e",
        "Prénom : caractère invisible ou de contrôle refusé, U+202E (contrôle du sens d'écriture). "
        "Retapez le texte au lieu de le coller.",
    ),
    "escape": (
        "last_name",
        "Bernard\x1b[31m",
        "Nom : caractère invisible ou de contrôle refusé, U+001B (caractère de contrôle). "
        "Retapez le texte au lieu de le coller.",
    ),
    "long_email": ("email", "x" * 10_000 + "@a.fr", "E-mail : 10005 caractères, 200 au plus."),
    "long_file_number": ("external_id", "1" * 41, "N° de dossier i-milo : 41 caractères, 40 au plus."),
    "phone_15_digits": (
        "phone",
        "06 00 12 34 56 78 901",
        "Numéro de téléphone invalide : « 06 00 12 34 56 78 901 ».",
    ),
}


#: The PIN the CLI tests give the people they act as (`--as`, README "CLI": a person proves who they are).
CLI_PIN = "482915"


def cli_pins(site: TestSite, *keys: str) -> dict[str, str]:
    """Give these staff members (keys of `site.staff`) a PIN, as an administrator would in the app, and
    return the environment that carries it to the CLI (`MLPLANNER_PIN`)."""
    for key in keys:
        site.services.directory.set_secret(actor=SYSTEM_ACTOR, staff_id=site.staff[key].id, secret=CLI_PIN)
    return {"MLPLANNER_PIN": CLI_PIN}


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: tests store and read passwords without touching the system's keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)
