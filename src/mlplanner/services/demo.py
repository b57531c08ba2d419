"""A realistic demo site: French names, part-time counsellors, rooms, 2,000 youths, ~3 months of
appointments around today with plausible statuses. Same seed, same site code, same day and same clock:
same data.

- "Now" is the clock the services were given: appointments that started before it have outcomes
  (seen, no-show...), later ones are booked, whatever the time of day.
- An i-milo number always designates the same invented person, whatever the seed, site or day: the
  person (name, birth date) is derived from the number (`demo_person`). Two people never share a
  number, across seeds and across sites; each demo site draws its numbers from its own block
  (`imilo_block`), so the sites of a demo network hold different young people.

Bulk paths use SQLAlchemy Core inserts (not the ORM), as measured in ARCHITECTURE.md.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import insert, update
from sqlmodel import col, select

from mlplanner.domain.calendar_fr import holidays_between
from mlplanner.domain.enums import OCCUPYING_STATUSES, Mode, Programme, Referral, Role, RoomKind, Status
from mlplanner.domain.hours import WeeklyHours, available_on
from mlplanner.domain.ids import appointment_type_id
from mlplanner.domain.text import fold
from mlplanner.domain.wallclock import to_utc
from mlplanner.services.container import Services
from mlplanner.services.context import DEMO_KEY, SYSTEM_ACTOR
from mlplanner.services.directory.service import SiteSetup, hash_secret
from mlplanner.services.youths.service import reindex, tokens_for
from mlplanner.storage.tables import (
    Appointment,
    AppointmentType,
    Credential,
    Meta,
    Room,
    Site,
    Staff,
    Youth,
    table_of,
)

DEMO_PIN = "1234"

FIRST_NAMES = [
    "Inès",
    "Mamadou",
    "Hugo",
    "Kévin",
    "Enzo",
    "Océane",
    "Salomé",
    "Moussa",
    "Noé",
    "Léa",
    "Bilal",
    "Rayan",
    "Clémence",
    "Adama",
    "Éloïse",
    "Yasmine",
    "Lucas",
    "Chloé",
    "Aïcha",
    "Théo",
    "Manon",
    "Karim",
    "Fatoumata",
    "Nathan",
    "Emma",
    "Mohamed",
    "Jade",
    "Ibrahim",
    "Camille",
    "Sofiane",
    "Lina",
    "Maëlle",
    "Youssef",
    "Zoé",
    "Amadou",
    "Louise",
    "Samir",
    "Anaïs",
    "Hamza",
    "Lou",
    "Wassim",
    "Jeanne",
    "Ousmane",
    "Maéva",
    "Rania",
    "Dylan",
    "Jean-Baptiste",
    "Marie-Lou",
    "Françoise",
    "Aurélien",
    "Gaëtan",
    "Noémie",
    "Loïc",
    "Célia",
    "Bérénice",
    "Kylian",
    "Naël",
    "Nour",
]
LAST_NAMES = [
    "Girard",
    "Lambert",
    "Belkacem",
    "Koné",
    "Diallo",
    "Bernard",
    "Lefèvre",
    "Sissoko",
    "Fofana",
    "Traoré",
    "Haddad",
    "Mendy",
    "Martin",
    "Moreau",
    "Cissé",
    "Dubois",
    "Petit",
    "Durand",
    "Leroy",
    "Roux",
    "Fournier",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Rousseau",
    "Mathieu",
    "Gaillard",
    "Brunet",
    "N'Diaye",
    "Benali",
    "Camara",
    "Keïta",
    "Touré",
    "Nguyen",
    "Tran",
    "Da Silva",
    "Ferreira",
    "Pereira",
    "Lopez",
    "Garcia",
    "Dumont",
    "Lemaître",
    "Bouvier",
    "Ben Saïd",
    "Coulibaly",
    "Sylla",
    "Doucouré",
    "Le Gall",
    "Lœuvre",
    "Bézier",
    "Hébert",
    "Noël",
    "Aubert",
    "Lacroix",
    "Meunier",
    "Œillet",
]
COUNSELLOR_NAMES = [
    ("Aminata", "Ba"),
    ("Paul", "Garnier"),
    ("Sophie", "Petit"),
    ("Nadia", "Benkhaled"),
    ("Julien", "Morel"),
    ("Claire", "Dufresne"),
    ("Omar", "Sy"),
    ("Hélène", "Marchal"),
    ("Thomas", "Royer"),
    ("Fatou", "Ndiaye"),
    ("Élodie", "Carpentier"),
    ("Rachid", "Amrani"),
]
SITES = {
    "PARIS13": (
        "Mission Locale de Paris — site Paris 13",
        "12 rue de Tolbiac, 75013 Paris",
        "01 45 83 12 34",
    ),
    "PARIS18": ("Mission Locale de Paris — site Paris 18", "4 rue Ordener, 75018 Paris", "01 42 23 45 67"),
    "PARIS20": (
        "Mission Locale de Paris — site Paris 20",
        "33 rue des Pyrénées, 75020 Paris",
        "01 43 70 11 22",
    ),
}
SITE_HOURS = {
    **{str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)},
    "3": [["09:00", "12:30"], ["14:00", "17:30"]],  # Thursday: team meeting until 14:00
}

PATTERNS = [  # full-time, 80 % (Wednesday off), part-time mornings, 4 days...
    {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in range(5)},
    {str(d): [["09:00", "12:30"], ["13:30", "17:30"]] for d in (0, 1, 3, 4)},
    {str(d): [["09:00", "12:30"], ["13:30", "17:00"]] for d in (0, 1, 2, 3)},
    {str(d): [["09:00", "12:30"]] for d in range(5)} | {"1": [["09:00", "12:30"], ["13:30", "17:30"]]},
    {str(d): [["09:30", "12:30"], ["13:30", "17:30"]] for d in (1, 2, 3, 4)},
]
TYPES = [
    ("ACC", "Premier accueil", 45, 15, "#E8A33D", True, Mode.ON_SITE),
    ("SUIVI", "Entretien de suivi", 30, 0, "#4A90D9", True, Mode.ON_SITE),
    ("CEJ", "Entretien CEJ", 45, 0, "#7B61C9", True, Mode.ON_SITE),
    ("TEL", "Entretien téléphonique", 20, 0, "#3FA796", False, Mode.PHONE),
    ("VISIO", "Entretien en visio", 30, 0, "#5FA8D3", False, Mode.VIDEO),
    ("SANTE", "Permanence santé (CPAM)", 30, 0, "#D9534F", True, Mode.ON_SITE),
]


def _seed_for(seed: int, site_code: str) -> int:
    return int(hashlib.sha256(f"{seed}:{site_code}".encode()).hexdigest()[:12], 16)


# --- i-milo numbers: one number, one person ------------------------------------------------------------
IMILO_BLOCK_SIZE = 1_000_000  # numbers of one demo site: block * 10^6 + a position (8 digits in all)
_KNOWN_BLOCKS = {"PARIS13": 13, "PARIS18": 18, "PARIS20": 20}
_BIRTH_FROM = date(2001, 6, 1)  # the invented people are 16 to 25 in 2026-2027
_BIRTH_SPAN_DAYS = (date(2010, 9, 1) - _BIRTH_FROM).days


def imilo_block(site_code: str) -> int:
    """The demo site's block of i-milo numbers: fixed for the README's sites, else from the code."""
    code = site_code.upper()
    if code in _KNOWN_BLOCKS:
        return _KNOWN_BLOCKS[code]
    return 21 + int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) % 79


def demo_imilo_numbers(rng: random.Random, site_code: str, count: int) -> list[str]:
    """`count` distinct numbers of the site's block, in an order the seed decides (an affine
    permutation of the block: injective, so no number comes twice)."""
    if count > IMILO_BLOCK_SIZE:
        raise ValueError("too many youths for one block of i-milo numbers")
    a = rng.randrange(1, IMILO_BLOCK_SIZE // 10) * 10 + rng.choice((1, 3, 7, 9))  # coprime to 10^6
    b = rng.randrange(IMILO_BLOCK_SIZE)
    base = imilo_block(site_code) * IMILO_BLOCK_SIZE
    return [str(base + (a * i + b) % IMILO_BLOCK_SIZE) for i in range(count)]


def demo_person(number: str) -> tuple[str, str, date]:
    """(first name, last name, birth date) of the invented person holding this i-milo number."""
    h = int(hashlib.sha256(f"i-milo:{number}".encode()).hexdigest(), 16)
    first = FIRST_NAMES[h % len(FIRST_NAMES)]
    h //= len(FIRST_NAMES)
    last = LAST_NAMES[h % len(LAST_NAMES)]
    h //= len(LAST_NAMES)
    return first, last, _BIRTH_FROM + timedelta(days=h % _BIRTH_SPAN_DAYS)


def build_demo(
    services: Services,
    *,
    seed: int = 1,
    site_code: str = "PARIS13",
    today: date | None = None,
    youths: int = 2000,
    progress=None,
) -> dict[str, int]:
    """Fill an empty site file. Returns counts. `progress(done, total)` is called along the way."""
    rng = random.Random(_seed_for(seed, site_code.upper()))  # "paris13" is the same site as "PARIS13"

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    code = site_code.upper()
    name, address, phone = SITES.get(
        code, (f"Mission Locale — site {code}", "1 place de la Mairie", "01 00 00 00 00")
    )
    ctx = services.ctx
    now = ctx.now_local("Europe/Paris")  # the demo site's zone: "past" follows the clock given
    today = today or now.date()
    services.directory.create_site(
        SiteSetup(code=code, name=name, address=address, phone=phone, opening_hours=SITE_HOURS)
    )
    report = progress or (lambda done, total: None)
    with ctx.write() as s:
        # marked in the file: banner, title, no sync with a real network (a server's second demo site: again)
        s.merge(Meta(key=DEMO_KEY, value="1"))
        # the site's id comes from the seed too (create_site drew a random one): same seed, same data
        s.execute(update(Site).where(col(Site.code) == code).values(id=uid()))
        site = ctx.site_row(s)
        hlc = ctx.hlc(s)
        now_utc = ctx.clock.now_utc()

        def stamp() -> dict:
            return {
                "updated_at": now_utc,
                "origin_site": code,
                "hlc": str(hlc.tick(int(now_utc.timestamp() * 1000))),
                "deleted": False,
            }

        rooms = [
            dict(
                id=uid(),
                site_id=site.id,
                name=f"Bureau {i}",
                kind=RoomKind.OFFICE.value,
                capacity=3,
                accessible=i != 5,
                active=True,
                **stamp(),
            )
            for i in range(1, 6)
        ]
        rooms.append(
            dict(
                id=uid(),
                site_id=site.id,
                name="Salle d'atelier",
                kind=RoomKind.WORKSHOP.value,
                capacity=14,
                accessible=True,
                active=True,
                **stamp(),
            )
        )
        s.execute(insert(Room), rooms)

        n_counsellors = rng.randint(8, 12)
        picked = rng.sample(COUNSELLOR_NAMES, n_counsellors)
        staff_rows = []
        for i, (first, last) in enumerate(picked):
            pattern = PATTERNS[0] if i < 3 else rng.choice(PATTERNS)
            staff_rows.append(
                dict(
                    id=uid(),
                    site_id=site.id,
                    first_name=first,
                    last_name=last,
                    role=Role.COUNSELLOR.value,
                    working_pattern=WeeklyHours.from_mapping(pattern).to_json(),
                    default_room_id=rooms[i % 5]["id"] if i < 5 else None,
                    active=True,
                    **stamp(),
                )
            )
        others = [
            ("Karima", "Haddou", Role.RECEPTIONIST),
            ("Lucie", "Vasseur", Role.RECEPTIONIST),
            ("Bernard", "Lemoine", Role.SITE_LEAD),
            ("Admin", "Informatique", Role.ADMIN),
        ]
        for first, last, role in others:
            staff_rows.append(
                dict(
                    id=uid(),
                    site_id=site.id,
                    first_name=first,
                    last_name=last,
                    role=role.value,
                    working_pattern=WeeklyHours.from_mapping(PATTERNS[0]).to_json(),
                    default_room_id=None,
                    active=True,
                    **stamp(),
                )
            )
        # a health-insurance advisor holds a desk on Tuesday mornings: staff without a login
        staff_rows.append(
            dict(
                id=uid(),
                site_id=site.id,
                first_name="Marc",
                last_name="Aubry (CPAM)",
                role=Role.PARTNER.value,
                working_pattern=WeeklyHours.from_mapping({"1": [["09:00", "12:30"]]}).to_json(),
                default_room_id=rooms[4]["id"],
                active=True,
                **stamp(),
            )
        )
        s.execute(insert(Staff), staff_rows)
        pin = hash_secret(DEMO_PIN)
        s.execute(
            insert(Credential),
            [
                {"staff_id": r["id"], "secret_hash": pin, "updated_at": now_utc}
                for r in staff_rows
                if r["role"] != Role.PARTNER.value
            ],
        )

        type_rows = [
            dict(
                id=appointment_type_id(c),
                code=c,
                label=lbl,
                duration_min=d,
                buffer_min=b,
                colour=col,
                needs_room=nr,
                mode=m.value,
                active=True,
                **stamp(),
            )
            for c, lbl, d, b, col, nr, m in TYPES
        ]
        # types are shared by the network, keyed by code: a second demo site on a server reuses them
        known = {r.code: r for r in s.exec(select(AppointmentType).where(AppointmentType.deleted == False))}
        fresh = [t for t in type_rows if t["code"] not in known]
        if fresh:
            s.execute(insert(AppointmentType), fresh)
        types = {t["code"]: (known[t["code"]].model_dump() if t["code"] in known else t) for t in type_rows}
        counsellors = [r for r in staff_rows if r["role"] == Role.COUNSELLOR.value]
        partner = staff_rows[-1]
        report(1, 4)

        youth_rows = []
        used_phones: set[str] = set()
        # their own generator: the draws of the main one (and so the rest of the demo) stay as they were
        numbers = iter(demo_imilo_numbers(random.Random(_seed_for(seed, f"i-milo:{code}")), code, youths))
        for i in range(youths):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            birth = today - timedelta(days=rng.randint(16 * 365 + 5, 25 * 365 + 300))
            while True:
                phone = f"0{rng.choice('67')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
                if phone not in used_phones:
                    used_phones.add(phone)
                    break
            prog = rng.choices([Programme.NONE, Programme.CEJ, Programme.PACEA], [40, 30, 30])[0]
            p_start = today - timedelta(days=rng.randint(0, 300)) if prog is not Programme.NONE else None
            p_end = p_start + timedelta(days=365 if prog is Programme.CEJ else 182) if p_start else None
            youth_id, has_email = uid(), rng.random() < 0.8
            external_id = next(numbers) if rng.random() < 0.85 else ""
            if external_id:  # one number, one person: who holds it follows from the number
                first, last, birth = demo_person(external_id)
            youth_rows.append(
                dict(
                    id=youth_id,
                    site_id=site.id,
                    first_name=first,
                    last_name=last,
                    birth_date=birth,
                    phone=phone,
                    phone_digits=phone.replace(" ", ""),
                    email=f"{fold(first)[0]}.{fold(last).replace(' ', '').replace(chr(39), '')}{i}@exemple.fr"
                    if has_email
                    else "",
                    external_id=external_id,
                    referent_id=rng.choice(counsellors)["id"],
                    programme=prog.value,
                    programme_start=p_start,
                    programme_end=p_end,
                    sms_consent=rng.random() < 0.7,
                    needs_accessible_room=rng.random() < 0.02,
                    merged_into_id=None,
                    fold_name=fold(f"{last} {first}"),
                    created_at=now_utc,
                    **stamp(),
                )
            )
        s.execute(insert(table_of(Youth)), youth_rows)
        s.flush()
        report(2, 4)

        appts = _appointments(
            rng, uid, stamp, site, rooms, counsellors, partner, types, youth_rows, today, now, now_utc
        )
        if appts:
            s.execute(insert(table_of(Appointment)), appts)
        report(3, 4)
        reindex(s, list(s.exec(select(Youth))))
        report(4, 4)
    return {
        "rooms": len(rooms),
        "staff": len(staff_rows),
        "youths": len(youth_rows),
        "appointments": len(appts),
    }


def _appointments(
    rng, uid, stamp, site, rooms, counsellors, partner, types, youths, today, now, now_utc
) -> list[dict]:
    """`now`: the site's wall clock (naive); appointments that started before it are in the past."""
    hours = WeeklyHours.from_json(site.opening_hours)
    first, last = today - timedelta(days=45), today + timedelta(days=45)
    holidays = holidays_between(first, last, site.holiday_subdivision)
    offices = [r for r in rooms if r["kind"] == RoomKind.OFFICE.value]
    by_referent: dict[str, list[dict]] = {}
    for y in youths:
        by_referent.setdefault(y["referent_id"], []).append(y)
    out: list[dict] = []
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in holidays:
            room_busy: dict[str, list[tuple[datetime, datetime]]] = {r["id"]: [] for r in rooms}
            youth_today: set[str] = set()
            for c in [*counsellors, partner]:
                pattern = WeeklyHours.from_json(c["working_pattern"])
                for iv in available_on(day, hours, pattern):
                    t = iv.start
                    while True:
                        if c is partner:
                            code = "SANTE"
                        else:
                            code = rng.choices(["SUIVI", "ACC", "CEJ", "TEL", "VISIO"], [50, 12, 20, 12, 6])[
                                0
                            ]
                        tp = types[code]
                        end = t + timedelta(minutes=tp["duration_min"])
                        if end > iv.end:
                            break
                        fill = 0.72 if day <= today else max(0.15, 0.7 - (day - today).days * 0.012)
                        if rng.random() > fill:
                            t += timedelta(minutes=15)
                            continue
                        room_id = None
                        order = sorted(offices, key=lambda r: r["id"] != c["default_room_id"])
                        busy_until = end + timedelta(minutes=tp["buffer_min"])
                        if tp["needs_room"]:
                            room_id = _free_office(order, room_busy, t, busy_until, accessible_only=False)
                            if room_id is None:
                                t += timedelta(minutes=15)
                                continue
                        pool = by_referent.get(c["id"]) or youths
                        youth = rng.choice(pool if rng.random() < 0.85 else youths)
                        if room_id and youth["needs_accessible_room"]:
                            # a wheelchair user never gets the inaccessible office
                            room_id = _free_office(order, room_busy, t, busy_until, accessible_only=True)
                        if youth["id"] in youth_today or (tp["needs_room"] and room_id is None):
                            t += timedelta(minutes=15)
                            continue
                        youth_today.add(youth["id"])
                        if room_id:
                            room_busy[room_id].append((t, end + timedelta(minutes=tp["buffer_min"])))
                        out.append(
                            dict(
                                id=uid(),
                                site_id=site.id,
                                youth_id=youth["id"],
                                counsellor_id=c["id"],
                                room_id=room_id,
                                type_id=tp["id"],
                                start=t,
                                end=end,
                                buffer_min=tp["buffer_min"],
                                mode=tp["mode"],
                                status=_status(rng, t, now).value,
                                cancel_reason="",
                                referred_by=rng.choice(list(Referral)).value if code == "ACC" else "",
                                notes="",
                                forced_reason="",
                                arrived_at=None,
                                created_by="",
                                created_at=now_utc,
                                updated_by="",
                                slot_checked=True,  # placed by the rules above (no room or youth overlap)
                                **stamp(),
                            )
                        )
                        if out[-1]["status"] == Status.CANCELLED_BY_ML.value:
                            out[-1]["cancel_reason"] = "Conseiller en formation"
                        if out[-1]["status"] in (Status.ARRIVED.value, Status.SEEN.value):
                            # arrived a little early or late (its own generator: `now` moves no other data)
                            early = timedelta(minutes=random.Random(out[-1]["id"]).randint(-10, 15))
                            out[-1]["arrived_at"] = to_utc(min(t - early, now), site.timezone)
                        t = end + timedelta(minutes=tp["buffer_min"])
                        if t.minute % 15:
                            t += timedelta(minutes=15 - t.minute % 15)
        day += timedelta(days=1)
    assert all(a["status"] in OCCUPYING_STATUSES or a["status"] in {s.value for s in Status} for a in out)
    return out


def _free_office(
    order: list[dict],
    busy: dict[str, list[tuple[datetime, datetime]]],
    start: datetime,
    until: datetime,
    *,
    accessible_only: bool,
) -> str | None:
    """The first office in `order` free from `start` to `until` (the appointment and its buffer)."""
    return next(
        (
            r["id"]
            for r in order
            if (r["accessible"] or not accessible_only)
            and all(until <= b0 or b1 <= start for b0, b1 in busy[r["id"]])
        ),
        None,
    )


def _status(rng: random.Random, start: datetime, now: datetime) -> Status:
    """Booked (or cancelled) from `now` on; before it, the outcomes of a day gone by, or of today's
    morning (some not marked yet). Each branch draws one number, so `now` moves no other data."""
    if start >= now:
        return Status.CANCELLED_BY_YOUTH if rng.random() < 0.05 else Status.BOOKED
    if start.date() == now.date():
        return rng.choices([Status.SEEN, Status.ARRIVED, Status.NO_SHOW, Status.BOOKED], [60, 15, 10, 15])[0]
    return rng.choices(
        [
            Status.SEEN,
            Status.NO_SHOW,
            Status.EXCUSED,
            Status.CANCELLED_BY_YOUTH,
            Status.CANCELLED_BY_ML,
            Status.BOOKED,
        ],
        [68, 13, 5, 8, 3, 3],
    )[0]


def ensure_demo(services: Services, **kw) -> bool:
    """Build the demo (with its workshops) on an empty file; leave a file that already has a site alone.

    Only for a file meant to be the demo (the welcome window's "Essayer la démonstration", `--demo`):
    opening an empty file never seeds anything by itself."""
    if services.ctx.has_site():
        return False
    build_demo(services, **kw)
    from mlplanner.services.workshops.demo import build_demo_workshops  # workshops need the site built above

    today = kw.get("today") or services.ctx.today()
    build_demo_workshops(services, today=today, seed=kw.get("seed", 1))
    return True


__all__ = ["DEMO_PIN", "SYSTEM_ACTOR", "build_demo", "ensure_demo", "tokens_for"]
