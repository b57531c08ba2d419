"""What every service needs: the database, the clock, the local site, and who is acting."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import event, inspect
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from mlplanner.domain import fields
from mlplanner.domain.clock import Clock
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import NoSite, NotFound, RuleViolation, StorageError
from mlplanner.domain.hlc import HybridClock
from mlplanner.domain.models import SiteView
from mlplanner.domain.wallclock import local_now
from mlplanner.storage.db import GLOBAL_LOCK, Database
from mlplanner.storage.snapshot_memo import memoised
from mlplanner.storage.tables import Meta, Site, Synced

SITE_CODE_KEY = "site_code"
DEMO_KEY = "site.demo"  # "1" in a demonstration file (fictitious data, default PIN): see `is_demo`
NO_SITE_MESSAGE = (
    "Ce fichier ne contient pas encore de site. Créez-le avec « mlplanner site init --code CODE "
    '--name NOM --organisation NOM --timezone Europe/Paris --holidays 75 --admin "Prénom Nom" » '
    "(ou rejoignez le réseau : « mlplanner site join --folder DOSSIER --code CODE --name NOM » ; "
    "pour essayer : « mlplanner demo »)."
)
NO_SITE_ON_SERVER_MESSAGE = (
    "La base du serveur ne contient pas encore de site. L'informaticien y copie le fichier d'un site "
    "(« mlplanner server import --from site.sqlite3 --db … ») ou en crée un (« mlplanner site init --db … "
    "--code CODE ... »)."
)
# Sites whose data is written in this database (a server can hold several; a file holds one): the
# codes, space-separated. Without it, the one site of `site_code`.
LOCAL_SITES_KEY = "local_sites"


@dataclass(frozen=True)
class Actor:
    """The person behind an action, as the audit log records it."""

    id: str
    name: str
    role: Role


SYSTEM_ACTOR = Actor(id="", name="système", role=Role.ADMIN)


def local_site_codes(session: Session) -> list[str]:
    """The sites that live in this database (their workstations write here), default site first."""
    listed = session.get(Meta, LOCAL_SITES_KEY)
    first = session.get(Meta, SITE_CODE_KEY)
    codes = [first.value] if first is not None else []
    if listed is not None:
        codes += [c for c in listed.value.split() if c not in codes]
    return codes


# `session.info` keys: this site's code and row, read once per transaction (a session is one transaction)
_SITE_CODE = "mlplanner.site_code"
_SITE_ROW = "mlplanner.site_row"


@dataclass
class ServiceContext:
    """`acting_site`: the site this process works for, on a server holding several (None: the
    database's default site, `meta.site_code`; a site file has only that one)."""

    db: Database
    clock: Clock
    acting_site: str | None = None
    _hlc: HybridClock | None = field(default=None, init=False, repr=False)
    # the clocks of the other sites this process writes a diary of (a server's direct booking there)
    _other_hlc: dict[str, HybridClock] = field(default_factory=dict, init=False, repr=False)
    # the read transaction `one_snapshot` holds open, per thread (a GUI thread and workers share this)
    _shared_read: threading.local = field(default_factory=threading.local, init=False, repr=False)

    # --- the local site -------------------------------------------------------------------
    def site_code(self, session: Session) -> str:
        if self.acting_site:
            return self.acting_site
        known = session.info.get(_SITE_CODE)  # read once per transaction (a booking asked 4 times)
        if known is not None:
            return known
        # and once per state of the file (`storage.snapshot_memo`): every use case asks first
        value: str = memoised(session, _SITE_CODE, lambda: _site_code(session))
        session.info[_SITE_CODE] = value
        return value

    def work_for(self, code: str) -> None:
        """From now on, act for site `code` (its stamps, its server lock)."""
        self.acting_site = code
        self._hlc = None
        self._other_hlc.clear()
        if self.db.is_server:
            self.db.site_lock = code

    def lock_key(self) -> str:
        """The name of the server lock this process's writes take: its site (the database's default
        site if none was chosen), or the global lock while the database has no site yet."""
        if not self.db.is_server:
            return GLOBAL_LOCK
        if self.acting_site:
            self.db.site_lock = self.acting_site
        elif self.db.site_lock == GLOBAL_LOCK:
            with self.db.read() as s:
                row = s.get(Meta, SITE_CODE_KEY)
            if row is not None:
                self.db.site_lock = row.value
        return self.db.site_lock

    def has_site(self) -> bool:
        """Whether this file holds a site yet (a new file does not, until a site is created in it)."""
        with self.db.read() as s:
            return s.get(Meta, SITE_CODE_KEY) is not None

    @staticmethod
    def is_demo(session: Session) -> bool:
        """Whether this file is a demonstration (marked by the demo generator, never by a real site)."""
        row = session.get(Meta, DEMO_KEY)
        return row is not None and row.value == "1"

    def site_row(self, session: Session) -> Site:
        code = self.site_code(session)
        known = session.info.get(_SITE_ROW)  # the same row object for the rest of the transaction
        if known is not None and known[0] == code:
            return known[1]
        site = session.exec(select(Site).where(Site.code == code)).first()
        if site is None:
            raise StorageError("no_site", f"Le site « {code} » est introuvable dans la base.")
        session.info[_SITE_ROW] = (code, site)
        return site

    def site_row_read(self, session: Session, site: Site) -> None:
        """`site` is this site's row, read in this transaction with other rows (`site_row` will not
        read it again)."""
        session.info[_SITE_ROW] = (self.site_code(session), site)

    def site_by_code(self, session: Session, code: str) -> Site:
        """A site of the network known to this database (its own, or received by sync)."""
        wanted = (code or "").strip().upper()
        site = session.exec(select(Site).where(Site.code == wanted, Site.deleted == False)).first()
        if site is None:
            raise NotFound("unknown_site", f"Aucun site ne porte le code « {code} ».")
        return site

    def writes_for(self, session: Session, site: Site) -> bool:
        """Whether this database writes `site`'s diary itself: its own site on a site file (another
        site's appointments are that site's to write, and arrive by sync); on a server, every site it
        holds (`local_site_codes`: their workstations write here), but not a site that stays on its
        file and only sends its change sets."""
        if site.code == self.site_code(session):
            return True
        return self.db.is_server and site.code in local_site_codes(session)

    def writable_site(self, session: Session, code: str) -> Site:
        """The site `code`, if this database writes its diary; refused otherwise (ask that site)."""
        site = self.site_by_code(session, code)
        if not self.writes_for(session, site):
            raise RuleViolation(
                "other_site",
                f"Le planning du site {site.name} est tenu par ce site : envoyez-lui une demande de "
                "rendez-vous, qu'il confirmera à sa prochaine synchronisation.",
            )
        return site

    def site(self) -> SiteView:
        with self.read() as s:
            row = self.site_row(s)
            return site_view(row, demo=self.is_demo(s))

    def now_local(self, tz: str) -> datetime:
        """Wall-clock time now in zone `tz` (for a caller that has the site's row at hand)."""
        return local_now(self.clock.now_utc(), tz)

    def now(self, session: Session | None = None) -> datetime:
        """The site's wall-clock time now, in its own time zone (Paris, La Réunion...): what "now" means
        for every rule and every date people see. Reads the site's zone (in `session` when given)."""
        if session is not None:
            return self.now_local(self.site_row(session).timezone)
        with self.read() as s:
            return self.now_local(self.site_row(s).timezone)

    def today(self, session: Session | None = None) -> date:
        """The site's date now (see `now`): the day a receptionist would write."""
        return self.now(session).date()

    # --- sessions that stamp synced rows ---------------------------------------------------
    def hlc(self, session: Session) -> HybridClock:
        """The site's clock, first moved (once per transaction) past the highest stamp in the file.

        Every workstation of a site then stamps above everything already written, whatever its PC
        clock says: stamps grow within a file, which the sync export's cursors rely on. A transaction
        that writes another site's diary (`write(diary=...)`) stamps with that site's clock: the rows
        are that site's, and leave in its change sets."""
        clock = self._clock(session)
        seen: set[str] = session.info.setdefault(_HLC_SEEN, set())
        if clock.site not in seen:
            self.top_stamp_read(
                session, session.connection().exec_driver_sql(_max_stamp_sql(_synced_tables())).scalar()
            )
        return clock

    def _clock(self, session: Session) -> HybridClock:
        diary = session.info.get(_DIARY)
        if diary and diary != self.site_code(session):
            return self._other_hlc.setdefault(diary, HybridClock(diary))
        if self._hlc is None:
            self._hlc = HybridClock(self.site_code(session))
        return self._hlc

    @staticmethod
    def top_stamp_sql() -> str:
        """The statement `hlc` runs once per transaction: the file's highest stamp (a use case may
        read it with other rows, then give it to `top_stamp_read`), after the transaction's locks."""
        return _max_stamp_sql(_synced_tables())

    def top_stamp_read(self, session: Session, top: str | None) -> None:
        """The file's highest stamp, read in this transaction (see `hlc`)."""
        clock = self._clock(session)
        if top:
            clock.observe(top)  # lenient: a file of an older version may hold a wider counter
        session.info.setdefault(_HLC_SEEN, set()).add(clock.site)

    @contextmanager
    def write(
        self, within: Session | None = None, *, diary: str | None = None, then: Sequence[str] = ()
    ) -> Iterator[Session]:
        """A write transaction whose new or changed synced rows get `updated_at`, `origin_site`, `hlc`.

        `within`: a write transaction already open, which this step joins (a use case made of other
        use cases, such as a walk-in: find who is on duty, book, check in, all under one lock).
        `diary`: the code of another site whose diary this transaction writes (a direct booking there,
        server mode; the caller checks `writes_for`). On a server it takes that site's lock as well as
        this process's, both in sorted order (two desks booking across each other wait, never
        deadlock), so that site's own desks and this one follow each other; its rows are stamped as
        that site's. `then`: the lock names the use case takes first thing (`Database.write`)."""
        if within is not None:
            yield within
            return
        own = self.lock_key()
        other = diary_code(diary) if diary else ""
        with self.db.write(lock=[own, other] if other and other != own else own, then=then) as session:
            session.info["stamper"] = self
            if other:
                session.info[_DIARY] = other
            yield session

    @contextmanager
    def read(self, within: Session | None = None) -> Iterator[Session]:
        """A read transaction (a consistent snapshot), or the transaction `within` already open, or
        the one `one_snapshot` holds open on this thread."""
        if within is None:
            within = getattr(self._shared_read, "session", None)
        if within is not None:
            yield within
            return
        with self.db.read() as session:
            yield session

    @contextmanager
    def one_snapshot(self) -> Iterator[None]:
        """Every `read` of this thread in the block shares one read transaction: the reads of a view
        that asks several services (the day view's schedule and attention marks, a printed day's
        columns, appointments and header) see one state of the data, and on a server cost one
        transaction's round trips (connection check, BEGIN, COMMIT) instead of one per service call,
        issue 19. Writes in the block are their own transactions, as always (a read after a write
        in the block would not see it: keep writes out)."""
        if getattr(self._shared_read, "session", None) is not None:  # nested: the outer one holds it
            yield
            return
        with self.db.read() as session:
            self._shared_read.session = session
            try:
                yield
            finally:
                self._shared_read.session = None

    def stamp(self, session: Session, row: Synced) -> None:
        now = self.clock.now_utc()
        hlc = self.hlc(session)
        if row.hlc:
            hlc.observe(row.hlc)  # an edit always wins over the version it edits
        row.hlc = str(hlc.tick(int(now.timestamp() * 1000)))
        row.updated_at = now
        row.origin_site = hlc.site


def _site_code(session: Session) -> str:
    code = session.get(Meta, SITE_CODE_KEY)
    if code is None:
        raise NoSite("no_site", NO_SITE_MESSAGE)
    return code.value


_HLC_SEEN = "mlplanner_hlc_seen"  # the sites whose clock saw the file's highest stamp in this transaction
_DIARY = "mlplanner_diary"  # another site whose diary this transaction writes (see `write`)


def diary_code(code: str) -> str:
    """A site code as its lock is named (the way `site_by_code` reads a typed code)."""
    return (code or "").strip().upper()


@functools.cache
def _max_stamp_sql(tables: tuple[type[Synced], ...]) -> str:
    """The highest `hlc` of these tables: one index lookup each."""
    arms = " UNION ALL ".join(f'SELECT max(hlc) AS h FROM "{t.__tablename__}"' for t in tables)
    return f"SELECT max(h) FROM ({arms}) AS stamps"


def _synced_tables() -> tuple[type[Synced], ...]:
    """Every table class deriving from Synced (workshop and other modules add their own)."""
    found: list[type[Synced]] = []
    stack = list(Synced.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if getattr(cls, "__table__", None) is not None:
            found.append(cls)
    return tuple(sorted(found, key=lambda c: str(c.__tablename__)))


def _typed_fields(obj: object) -> list[tuple[str, fields.TextField]]:
    """The attributes of `obj` that people fill in, with their field (`domain.fields`)."""
    table = str(getattr(obj, "__tablename__", ""))
    if table in ("meta", "network_setting"):
        spec = fields.setting_field(str(getattr(obj, "key", "")))
        return [("value", spec)] if spec is not None else []
    return _TABLE_FIELDS.get(table, [])


def _fields_by_table() -> dict[str, list[tuple[str, fields.TextField]]]:
    """`domain.fields.FIELDS` grouped by table (built once: every flush looks its rows up here)."""
    out: dict[str, list[tuple[str, fields.TextField]]] = {}
    for (table, column), spec in fields.FIELDS.items():
        out.setdefault(table, []).append((column, spec))
    return out


_TABLE_FIELDS = _fields_by_table()


_SYSTEM_TEXT = "mlplanner_system_text"


def written_by_system(row: object, *attrs: str) -> None:
    """These attributes of `row` hold text the system writes itself (an anonymised name, "n° 1a2b3c4d"),
    not text a person typed: `check_typed_text` leaves them alone in this transaction."""
    session = object_session(row)
    if session is not None:
        session.info.setdefault(_SYSTEM_TEXT, set()).update((id(row), attr) for attr in attrs)


def check_typed_text(session: Session) -> None:
    """Clean every new or changed value of a field people fill in, or refuse it (InputError: the
    transaction is rolled back, nothing is written). Whatever the door (dialog, CLI, import, settings),
    a use case's write goes through here: one rule for every entry point (`domain.fields`)."""
    system = session.info.get(_SYSTEM_TEXT, set())
    for obj in list(session.new) + list(session.dirty):
        typed = _typed_fields(obj)
        if not typed:
            continue
        state = inspect(obj)
        for attr, spec in typed:
            value = getattr(obj, attr, None)
            if not isinstance(value, str) or (obj not in session.new and not state.attrs[attr].history.added):
                continue
            if (id(obj), attr) in system:
                continue
            cleaned = spec.clean(value)
            if cleaned != value:
                setattr(obj, attr, cleaned)


@event.listens_for(Session, "before_flush")
def _stamp_synced_rows(session: Session, _ctx: object, _instances: object) -> None:
    stamper = session.info.get("stamper")
    if stamper is None:
        return
    check_typed_text(session)
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Synced) and (obj in session.new or session.is_modified(obj)):
            stamper.stamp(session, obj)


def site_view(row: Site, *, demo: bool = False) -> SiteView:
    return SiteView(
        id=row.id,
        code=row.code,
        name=row.name,
        address=row.address,
        phone=row.phone,
        timezone=row.timezone,
        holiday_subdivision=row.holiday_subdivision,
        opening_hours_json=row.opening_hours,
        demo=demo,
    )
