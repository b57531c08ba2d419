"""Shared CLI plumbing: opening the site file, who is acting, printing results, exit codes.

Exit codes: 0 success, 2 bad input (unknown id, impossible date...), 3 refused by a rule (overlap,
holiday, permission...), 4 database unusable (locked too long, read-only, corrupt, foreign, too new).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from mlplanner.cli.identity import add_identity_options, resolve_actor
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.errors import (
    DomainError,
    InputError,
    NoSite,
    StorageError,
    os_reason_fr,
)
from mlplanner.domain.limits import FIRST_YEAR, LAST_YEAR
from mlplanner.domain.wallclock import DEFAULT_TZ, parse_date, parse_datetime, zone
from mlplanner.paths import default_db_location, default_site, location_from_text
from mlplanner.services.backups import damaged_file_error
from mlplanner.services.container import Services
from mlplanner.services.context import NO_SITE_MESSAGE, NO_SITE_ON_SERVER_MESSAGE, Actor

Handler = Callable[[argparse.Namespace, Services], Any]
Renderer = Callable[[Any], str] | None


class CliParser(argparse.ArgumentParser):
    """argparse in French: a usage error is one line on stderr and exit code 2; help headings in French
    (argparse ships no French catalogue, so its own few words are set here)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "utilisation : ", 1)

    _FR = (
        ("the following arguments are required", "arguments obligatoires manquants"),
        ("unrecognized arguments", "arguments inconnus"),
        ("invalid choice", "choix invalide"),
        ("choose from", "au choix"),
        ("expected one argument", "une valeur est attendue"),
        ("invalid int value", "nombre entier attendu"),
        ("not allowed with argument", "incompatible avec"),
    )

    def error(self, message: str) -> NoReturn:
        for english, french in self._FR:
            message = message.replace(english, french)
        sys.stderr.write(f"mlplanner : erreur d'usage : {message} (voir « {self.prog} --help »)\n")
        raise SystemExit(2)


def arg_location(text: str) -> Path | str:
    """`--db`: a site file, or a server URL (`postgresql+psycopg://…`) kept as text."""
    return location_from_text(text)


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=arg_location,
        default=argparse.SUPPRESS,  # unset here, `mlplanner --db FILE cmd` keeps FILE (the main parser's)
        help="fichier de la base du site, ou adresse du serveur postgresql+psycopg://… "
        "(défaut : MLPLANNER_DB ou le dossier de données de l'utilisateur)",
    )
    p.add_argument("--json", action="store_true", help="sortie JSON (pour les scripts)")
    add_identity_options(p)


# Dates typed on the command line stay within the domain's years (the services refuse others too):
# refused by argparse, they get its usage line.
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


def _in_years(value: date, text: str) -> None:
    if value.year not in YEARS:
        raise argparse.ArgumentTypeError(
            f"Date hors limites : « {text.strip()} » (années {YEARS.start} à {YEARS.stop - 1})."
        )


def arg_date(text: str) -> date:
    try:
        value = parse_date(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc
    _in_years(value, text)
    return value


def arg_datetime(text: str) -> datetime:
    try:
        value = parse_datetime(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc
    _in_years(value.date(), text)
    return value


def to_jsonable(value: Any, tz: str = DEFAULT_TZ) -> Any:
    """JSON values; an instant (aware datetime: arrival, backup...) on the site's wall clock `tz` with its
    offset ("2026-01-06T08:53+01:00"), a wall-clock time as it is, never the PC's zone."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name), tz) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, tz) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v, tz) for v in value]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone(tz))
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):  # a wall-clock time of day
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, DomainError):  # a line's remark: its code for scripts, its sentence for people
        return {"code": value.code, "message": value.message}
    return value


def actor_for(args: argparse.Namespace, services: Services) -> Actor:
    """Who this command acts as: decided by `run` before the command starts (`cli.identity`)."""
    actor = getattr(args, "_actor", None)
    if actor is None:
        actor = args._actor = resolve_actor(args, services)
    return actor


def shown(path: Path | str, limit: int = 160) -> str:
    """A path as put in a message: a 10,000-character one would bury the sentence."""
    text = str(path)
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-limit // 2 :]


def db_path(args: argparse.Namespace) -> Path | str:
    """`--db`, `MLPLANNER_DB` or the user's file: a site file, or a server URL (text)."""
    return args.db or default_db_location()


def check_db_path(path: Path, *, must_exist: bool) -> bool:
    """Refuse a `--db` that cannot be a site file before anything touches the disk; True if it exists."""
    try:
        exists = path.exists()
        if exists and path.is_dir():
            raise InputError(
                "bad_path", f"« {shown(path)} » est un dossier : indiquez le fichier de la base."
            )
        if exists and path.stat().st_size == 0:
            raise InputError(
                "db_empty",
                f"« {shown(path)} » est vide (0 octet) : ce n'est pas un fichier de site mlplanner. Fichier "
                "laissé intact ; indiquez le bon fichier, ou un nom qui n'existe pas encore pour créer le "
                "site (« mlplanner site init ») ou la démonstration (« mlplanner demo »).",
            )
        if not exists and must_exist:
            raise InputError(
                "no_db",
                f"Aucun fichier de site à « {shown(path)} ». Créez le site avec « mlplanner site init --db "
                f"{path} --code CODE ... », rejoignez le réseau avec « mlplanner site join --db {path} ... », "
                f"ou essayez la démonstration : « mlplanner demo --db {path} ».",
            )
        if not exists and not path.parent.is_dir():
            raise InputError(
                "bad_path",
                f"Le dossier « {shown(path.parent)} » n'existe pas : créez-le d'abord ou choisissez un autre "
                "emplacement.",
            )
    except OSError as exc:  # a name too long, a component that is a file...
        raise os_error(exc) from exc
    return exists


def open_services(args: argparse.Namespace, *, must_exist: bool = True, check: bool = True) -> Services:
    """The services of the site file named by `--db`. `check`: refuse a file that fails SQLite's quick
    integrity check, naming the last good backup (nothing is read or written in a damaged file)."""
    path = db_path(args)
    if isinstance(path, Path):
        check_db_path(path, must_exist=must_exist)
    # on a server holding several sites, the one this workstation works for: MLPLANNER_SITE, or the
    # URL's `?site=` (a file belongs to one site; `--site` of some commands means another site)
    site = default_site() if isinstance(path, str) else None
    try:
        services = Services.open(path, clock=env_clock(), site=site, create=not must_exist)
    except StorageError as exc:
        if exc.code == "db_corrupt" and isinstance(path, Path):
            raise damaged_file_error(path) from exc
        raise
    except OSError as exc:
        raise os_error(exc) from exc
    if check and must_exist:
        try:
            services.backups.refuse_if_damaged()
        except BaseException:
            services.close()
            raise
    return services


def remove_created_file(path: Path) -> None:
    """A command that created the site file and then failed leaves the disk as it was."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()


NOW_ENV = "MLPLANNER_NOW"


def env_clock() -> FixedClock | None:
    """`MLPLANNER_NOW` (ISO date-time; without an offset, Paris time) fixes "now" for tests and replays."""
    text = os.environ.get(NOW_ENV, "").strip()
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text)
        if at.year not in YEARS:  # far years overflow the date arithmetic further on
            raise ValueError(text)
    except ValueError as exc:
        raise InputError(
            "bad_now", f"{NOW_ENV} illisible : « {text} » (attendu par exemple 2027-03-01T09:00)."
        ) from exc
    return FixedClock(at if at.tzinfo else at.replace(tzinfo=zone(DEFAULT_TZ)))


def site_timezone(services: Services) -> str:
    """The site's zone (Paris for a file that has no site yet, e.g. after a failed demo)."""
    try:
        return services.directory.site().timezone
    except DomainError:
        return DEFAULT_TZ


# A file or folder the user named that the system refuses: which errno is the user's input (2)
# rather than the disk or the rights on it (4).
_PATH_INPUT_ERRNOS = {
    errno.EISDIR,
    errno.ENOTDIR,
    errno.ENOENT,
    errno.EEXIST,
    errno.EBUSY,
    errno.ENAMETOOLONG,
}


def os_error(exc: OSError) -> DomainError:
    """An OSError no service turned into words (writing a PDF onto a folder...): one French line."""
    where = exc.filename2 or exc.filename  # os.replace(temporary, chosen): name the chosen one
    where = shown(where) if where else where
    why = os_reason_fr(exc)
    message = f"Impossible d'utiliser « {where} » : {why}." if where else f"Erreur du système : {why}."
    if exc.errno in _PATH_INPUT_ERRNOS:
        return InputError("bad_path", message)
    return StorageError("os_error", message)


def run(
    args: argparse.Namespace,
    handler: Handler,
    render: Callable[[Any], str] | None,
    *,
    must_exist: bool = True,
    check: bool = True,
    needs_site: bool = True,
) -> int:
    """Open the services, run one command, print its result; turn domain errors into one stderr line.

    A command that creates the site file (`must_exist=False`) and is refused removes it again.
    `needs_site`: the base must hold a site (`server import` brings the first one to a prepared server)."""
    services: Services | None = None
    created: Path | None = None
    done = False
    tz = DEFAULT_TZ
    try:
        try:
            location = db_path(args)
            if (
                not must_exist
                and isinstance(location, Path)
                and not check_db_path(location, must_exist=False)
            ):
                created = location
            services = open_services(args, must_exist=must_exist, check=check)
            if must_exist and needs_site and not services.ctx.has_site():
                on_server = services.ctx.db.is_server
                # before anything is read or written
                raise NoSite("no_site", NO_SITE_ON_SERVER_MESSAGE if on_server else NO_SITE_MESSAGE)
            if must_exist and needs_site:  # who acts (cli.identity), before anything is done
                args._actor = resolve_actor(args, services)
            try:
                result = handler(args, services)
                tz = site_timezone(services)
            except OSError as exc:
                raise os_error(exc) from exc
            done = True
        except DomainError as exc:
            if getattr(args, "json", False):
                sys.stderr.write(
                    json.dumps({"error": exc.code, "message": exc.message}, ensure_ascii=False) + "\n"
                )
            else:
                sys.stderr.write(f"mlplanner : {exc.message}\n")
            return exc.exit_code
    finally:
        if services is not None:
            services.close()
        if created is not None and not done:
            remove_created_file(created)
    try:
        if args.json:
            print(json.dumps(to_jsonable(result, tz), ensure_ascii=False, indent=2))
        elif render is not None:
            text = render(result)
            if text:
                print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `mlplanner ... | head`: the reader left; the work itself is done
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
