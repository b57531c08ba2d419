"""A workstation joining a server from the app: the connection an IT person types, and its test.

`ServerAddress` is what the welcome window's server dialog asks (host, port, database, user, sslmode,
and any other libpq option of a pasted URL); it never holds the password. `probe_server` opens the
database exactly as a workstation's start does (`storage.migrate.open_server`: a workstation never
prepares nor upgrades a server, that is `mlplanner server init`), and says which sites it holds and
whether it is a demonstration; each failure is a `StorageError` whose French sentence says what to do.
Nothing is written: a test that fails leaves the server, the workstation's files and its keyring as
they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import URL, make_url
from sqlmodel import select

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.services.context import ServiceContext, local_site_codes
from mlplanner.storage.db import SITE_PARAM, redact, server_url, site_in_url
from mlplanner.storage.migrate import open_server
from mlplanner.storage.tables import Site

DEFAULT_PORT = 5432
# libpq's sslmode values (https://www.postgresql.org/docs/current/libpq-ssl.html); "" = libpq's default
SSL_MODES = ("", "disable", "allow", "prefer", "require", "verify-ca", "verify-full")
_NAME_LIMIT = 63  # PostgreSQL's identifier length (database and role names)


@dataclass(frozen=True)
class ServerAddress:
    """Where the server is and who connects; `options` are the other libpq settings of a pasted URL
    (sslrootcert, connect_timeout…), kept as they were."""

    host: str
    port: int
    database: str
    user: str
    sslmode: str = ""
    options: tuple[tuple[str, str], ...] = field(default=())

    def url(self, *, site: str | None = None, password: str | None = None) -> str:
        """The SQLAlchemy URL (`postgresql+psycopg://user@host:port/db?…`); the password only when
        given (in memory, for this session), `?site=` when a site is chosen."""
        query = dict(self.options)
        if self.sslmode:
            query["sslmode"] = self.sslmode
        host: str | None = self.host
        if self.host.startswith("/"):  # a Unix socket folder is libpq's `host` option, not a URL host
            query["host"], host = self.host, None
            query["port"] = str(self.port)
        if site:
            query[SITE_PARAM] = site
        url = URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=host,
            port=None if host is None else self.port,
            database=self.database,
            query=query,
        )
        return url.render_as_string(hide_password=False)

    @property
    def where(self) -> str:
        """For messages: `user@host:port/database`."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def check_address(
    host: str, port: str | int, database: str, user: str, sslmode: str = "", options: tuple = ()
) -> ServerAddress:
    """The fields as typed, checked (bad input: a French sentence naming the field)."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise InputError("no_server_host", "Indiquez le serveur (son nom sur le réseau ou son adresse IP).")
    odd = any(c.isspace() or c in "?@#" for c in host) or ("/" in host and not host.startswith("/"))
    if odd or len(host) > 255:  # a socket folder starts with "/"; an IPv6 address keeps its ":"
        raise InputError("bad_server_host", f"Nom de serveur illisible : « {host[:60]} ».")
    try:
        number = int(str(port).strip() or DEFAULT_PORT)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise InputError("bad_server_port", f"Le port doit être un nombre de 1 à 65535 (« {port} »).")
    for value, what in ((database, "la base de données"), (user, "l'utilisateur")):
        if not value:
            raise InputError("no_server_field", f"Indiquez {what}.", field=what)
        if len(value) > _NAME_LIMIT or any(c.isspace() or c in "/?@:" for c in value):
            raise InputError(
                "bad_server_field",
                f"Nom illisible pour {what} : « {value[:70]} » ({_NAME_LIMIT} caractères au plus, sans "
                "espace ni / ? @ :).",
                field=what,
            )
    if sslmode not in SSL_MODES:
        raise InputError("bad_sslmode", f"Réglage sslmode inconnu : « {sslmode} ».")
    return ServerAddress(host, number, database, user, sslmode, tuple(options))


def address_from_url(text: str) -> tuple[ServerAddress, str | None, str | None]:
    """A pasted or remembered URL: (address, password in it if any, `site=` if any)."""
    url = server_url(text)  # bad_db_url if it is not a PostgreSQL URL
    raw = make_url(text.strip())
    query = {k: (v[-1] if isinstance(v, tuple) else v) for k, v in url.query.items()}
    host = url.host or query.pop("host", "") or "localhost"
    port = url.port or query.pop("port", None) or DEFAULT_PORT
    if url.host:
        query.pop("host", None)
        query.pop("port", None)
    sslmode = query.pop("sslmode", "")
    site = raw.query.get(SITE_PARAM)
    if isinstance(site, tuple):
        site = site[-1]
    address = check_address(
        host, port, url.database or "", url.username or "", sslmode, tuple(sorted(query.items()))
    )
    return address, url.password, (site.strip().upper() if site else None)


def _plain_where(url: str, fallback: str) -> str:
    """`user@host:port/database`, as a person reads it (not the URL with `***` for the password)."""
    try:
        return address_from_url(url)[0].where
    except Exception:
        return fallback


@dataclass(frozen=True, order=True)
class ServerSite:
    code: str
    name: str


@dataclass(frozen=True)
class ServerProbe:
    """What the server holds: the sites whose diary it keeps (a workstation works for one of them) and
    whether it is a demonstration (fictitious data: never a real site, nor a real network)."""

    where: str
    sites: tuple[ServerSite, ...]
    demo: bool


def probe_server(url: str) -> ServerProbe:
    """Connect as a workstation would and read the sites; a StorageError (French) if it cannot."""
    db = open_server(url, create=False)
    try:
        with db.read() as s:
            demo = ServiceContext.is_demo(s)
            codes = local_site_codes(s)
            names = {row.code: row.name for row in s.exec(select(Site).where(Site.code.in_(codes)))}  # type: ignore[attr-defined]
        sites = sorted(ServerSite(code, names[code]) for code in codes if code in names)
        return ServerProbe(_plain_where(url, db.where), tuple(sites), demo)
    except StorageError:
        raise
    except Exception as exc:  # a driver error while reading: the same sentences as everywhere
        from mlplanner.storage.db import storage_error

        raise storage_error(exc) from exc
    finally:
        db.dispose()


def with_password(url: str, password: str | None) -> str:
    """`url` with `password` in it (for an engine, in memory only: never written anywhere)."""
    if not password:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def with_site(url: str, code: str) -> str:
    """`url` naming the site `code` (`?site=CODE`): the next start works for it."""
    return make_url(url).update_query_dict({SITE_PARAM: code}).render_as_string(hide_password=False)


def site_of(url: str) -> str | None:
    """The site a server URL names (`?site=CODE`), if any."""
    return site_in_url(url)


def shown(location: str) -> str:
    """A server location fit for the screen: without its password."""
    return redact(location)
