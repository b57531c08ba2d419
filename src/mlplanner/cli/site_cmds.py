"""`mlplanner site init | show | set`: create a real site in a new file, show it, change its calendar.

`site init` checks everything (the PIN included) before it creates the file, and removes the file it
created if the creation is refused, so a refusal leaves the disk as it was. The administrator's PIN is
never on the command line: `--pin-env VAR` names an environment variable, else it is asked twice on
the terminal (a script without a terminal must use `--pin-env`).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from mlplanner.cli.common import actor_for, add_common, run
from mlplanner.domain.errors import DomainError, InputError, RuleViolation
from mlplanner.domain.pins import check_pin
from mlplanner.domain.territories import TIME_ZONES, check_holiday_code, check_timezone
from mlplanner.domain.text import clean_name
from mlplanner.paths import default_db_location
from mlplanner.services.container import Services
from mlplanner.services.directory.setup import (
    CalendarChange,
    NewSite,
    SiteCreated,
    SiteSetupService,
    SiteSummary,
    check_site_code,
    split_person_name,
)
from mlplanner.services.network.service import JoinResult, check_join


def read_pin(env: str | None, *, who: str) -> str:
    """The PIN from `env`, or typed twice at the terminal; never from the command line."""
    if env:
        value = os.environ.get(env, "")
        if not value:
            raise InputError("no_pin", f"La variable d'environnement {env} est vide ou absente.")
        return value.strip()
    if not sys.stdin.isatty():
        raise InputError(
            "no_pin",
            f"Code personnel de {who} : indiquez --pin-env VARIABLE (le code n'est jamais écrit sur la "
            "ligne de commande), ou lancez la commande dans un terminal pour le taper.",
        )
    first = getpass.getpass(f"Code personnel de {who} (6 à 12 chiffres) : ")
    second = getpass.getpass("Le même code, encore une fois : ")
    if first != second:
        raise InputError("pin_mismatch", "Les deux codes tapés diffèrent : rien n'a été créé.")
    return first


def _fail(args: argparse.Namespace, exc: DomainError) -> int:
    if getattr(args, "json", False):
        sys.stderr.write(json.dumps({"error": exc.code, "message": exc.message}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"mlplanner : {exc.message}\n")
    return exc.exit_code


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _draft(args: argparse.Namespace) -> NewSite:
    """The new site as typed, checked (all but the PIN)."""
    first, last = split_person_name(args.admin)
    draft = NewSite(
        code=args.code,
        name=args.name,
        organisation=args.organisation,
        timezone=args.timezone,
        holidays=args.holidays,
        admin_first_name=first,
        admin_last_name=last,
        admin_pin="",
        address=args.address or "",
        phone=args.phone or "",
    )
    SiteSetupService.check(draft, with_pin=False)
    return draft


def cmd_init(args: argparse.Namespace) -> int:
    location: Path | str = args.db or default_db_location()
    if not isinstance(location, Path):  # a server holds several sites: one more, refused if the code is taken
        return _init_on_server(args, location)
    path = location
    try:
        draft = _draft(args)  # the PIN is asked below, once the other fields are known to be right
        if path.is_dir():
            raise InputError("bad_path", f"« {path} » est un dossier : indiquez un fichier (site.sqlite3).")
        if path.exists() and path.stat().st_size > 0:
            raise RuleViolation(
                "site_exists",
                f"« {path} » existe déjà : choisissez un nouveau fichier (--db) pour créer un site.",
            )
        if not path.parent.is_dir():
            raise InputError("bad_path", f"Le dossier « {path.parent} » n'existe pas.")
        new = SiteSetupService.check(replace(draft, admin_pin=read_pin(args.pin_env, who=args.admin)))
    except DomainError as exc:
        return _fail(args, exc)
    existed = path.exists()
    args.db = path
    code = run(args, lambda _a, sv: sv.site_setup.create(new), _render_created, must_exist=False)
    if code and not existed:
        _remove_new_file(path)
    return code


def _init_on_server(args: argparse.Namespace, url: str) -> int:
    """`site init` on a server prepared by `server init`: the site is added to the database."""
    try:
        draft = _draft(args)
        new = SiteSetupService.check(replace(draft, admin_pin=read_pin(args.pin_env, who=args.admin)))
    except DomainError as exc:
        return _fail(args, exc)
    args.db = url
    return run(args, lambda _a, sv: sv.site_setup.create(new), _render_created, must_exist=False)


def _render_created(r: SiteCreated) -> str:
    site = r.site
    return (
        f"Site {site.code} créé : {site.name} (fuseau {site.timezone}, jours fériés {site.holiday_subdivision}), "
        f"{r.rooms} salle(s), {r.types} type(s) de rendez-vous. Administrateur : {r.admin.display_name} "
        "(code personnel choisi, aucun code par défaut)."
    )


def _passphrase(env: str | None) -> str | None:
    if not env:
        return None
    value = os.environ.get(env)
    if not value:
        raise InputError("no_passphrase", f"La variable d'environnement {env} est vide ou absente.")
    return value


def cmd_join(args: argparse.Namespace) -> int:
    location: Path | str = args.db or default_db_location()
    if not isinstance(location, Path):
        return _fail(
            args,
            InputError(
                "join_on_server",
                "« site join » crée le fichier d'un site qui rejoint le réseau. Sur un serveur : « mlplanner "
                "site init --db … » ajoute un site, « mlplanner server import » y copie un fichier de site, "
                "et « mlplanner sync --db … » fait du serveur un membre du réseau.",
            ),
        )
    path = location
    try:
        passphrase = _passphrase(args.passphrase_env)
        code, name = check_site_code(args.code), clean_name(args.name, "nom du site")
        if args.timezone is not None:
            check_timezone(args.timezone)
        if args.holidays is not None:
            check_holiday_code(args.holidays)
        admin = None
        if args.admin:
            first, last = split_person_name(args.admin)
        if path.is_dir():
            raise InputError("bad_path", f"« {path} » est un dossier : indiquez un fichier (site.sqlite3).")
        if path.exists() and path.stat().st_size > 0:
            raise RuleViolation(
                "site_exists", f"« {path} » existe déjà : choisissez un nouveau fichier (--db) pour ce site."
            )
        if not path.parent.is_dir():
            raise InputError("bad_path", f"Le dossier « {path.parent} » n'existe pas.")
        check_join(folder=args.folder, code=code, passphrase=passphrase)  # before the file is created
        if args.admin:
            admin = (first, last, check_pin(read_pin(args.pin_env, who=args.admin)))
    except DomainError as exc:
        return _fail(args, exc)
    existed = path.exists()
    args.db = path

    def handler(a: argparse.Namespace, sv: Services) -> JoinResult:
        return sv.network.join(
            folder=a.folder,
            code=code,
            name=name,
            passphrase=passphrase,
            timezone=a.timezone,
            holidays=a.holidays,
            admin=admin,
        )

    result = run(args, handler, _render_join, must_exist=False)
    if result and not existed:
        _remove_new_file(path)
    return result


def _render_join(r: JoinResult) -> str:
    received = ", ".join(f"{n} {what}" for what, n in r.received.items())
    lines = [
        f"Site {r.site.code} créé : {r.site.name}, dans le réseau fondé par {r.founder} "
        f"(fuseau {r.site.timezone}, jours fériés {r.site.holiday_subdivision or 'nationaux'}).",
        f"Reçu du réseau : {received}.",
    ]
    if r.admin:
        lines.append(f"Administrateur : {r.admin}.")
    else:
        lines.append(
            "Aucun administrateur : importez le personnel (mlplanner staff import) ou créez-le à la "
            "première ouverture de l'application."
        )
    if r.approved:
        lines.append("Le réseau avait déjà accepté ce site : ses envois sont appliqués par les autres sites.")
    else:
        lines.append(
            f"Demande d'adhésion déposée : un responsable d'un site du réseau l'accepte "
            f"(mlplanner site approve {r.site.code}, ou page Synchronisation), une seule fois pour tous les sites."
        )
    return "\n".join(lines)


def cmd_approve(args: argparse.Namespace, sv: Services) -> list[str]:
    return sv.network.approve(actor=actor_for(args, sv), codes=args.codes, folder=args.folder)


def cmd_show(_args: argparse.Namespace, sv: Services) -> SiteSummary:
    return sv.site_setup.summary()


def _render_summary(s: SiteSummary) -> str:
    lines = [
        f"Site : {s.code} — {s.name}" + ("  [DÉMONSTRATION — données fictives]" if s.demo else ""),
        f"Structure : {s.organisation or '—'}",
        f"Adresse : {s.address or '—'}",
        f"Téléphone : {s.phone or '—'}",
        f"Fuseau horaire : {s.timezone} ({s.timezone_label})",
        f"Jours fériés : {s.holidays_label}",
        f"Ouverture : {s.opening_hours}",
        f"{s.rooms} salle(s), {s.staff} membre(s) du personnel, {s.types} type(s) de rendez-vous.",
    ]
    return "\n".join(lines)


def cmd_set(args: argparse.Namespace, sv: Services) -> dict:
    actor = actor_for(args, sv)
    out: dict = {}
    if args.timezone is not None or args.holidays is not None:
        change = sv.site_setup.set_calendar(actor=actor, timezone=args.timezone, holidays=args.holidays)
        out["calendar"] = change
    if args.name is not None or args.address is not None or args.phone is not None:
        sv.directory.update_site(actor=actor, name=args.name, address=args.address, phone=args.phone)
        out["site"] = sv.site_setup.summary()
    if not out:
        raise InputError(
            "nothing_to_change",
            "Indiquez ce qui change : --timezone, --holidays, --name, --address ou --phone.",
        )
    return out


def _render_set(out: dict) -> str:
    lines = []
    change: CalendarChange | None = out.get("calendar")
    if change is not None:
        lines.append(f"Fuseau horaire : {change.timezone} ; jours fériés : {change.holidays}.")
        lines.append(change.warning)
    if "site" in out:
        lines.append(_render_summary(out["site"]))
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    site = sub.add_parser(
        "site", help="créer le site réel, le consulter, changer son fuseau ou ses jours fériés"
    )
    ssub = site.add_subparsers(dest="site_cmd", required=True, metavar="ACTION")
    zones = ", ".join(z for z, _label in TIME_ZONES)

    p = ssub.add_parser("init", help="créer le site dans un nouveau fichier, avec son premier administrateur")
    p.add_argument("--code", required=True, help="code du site, lettres et chiffres (ex. PARIS13)")
    p.add_argument("--name", required=True, help="nom du site imprimé sur les documents")
    p.add_argument("--organisation", required=True, help="nom de la structure (ex. Mission Locale de Paris)")
    p.add_argument("--timezone", required=True, help=f"fuseau horaire IANA : {zones}")
    p.add_argument(
        "--holidays",
        required=True,
        metavar="CODE",
        help="département ou territoire des jours fériés : 01 à 95, 2A, 2B, 971 à 978, 984, 986 à 988",
    )
    p.add_argument("--admin", required=True, metavar='"Prénom Nom"', help="premier administrateur")
    p.add_argument(
        "--pin-env", metavar="VAR", help="variable d'environnement contenant son code (sinon demandé)"
    )
    p.add_argument("--address", help="adresse imprimée sur les documents")
    p.add_argument("--phone", help="téléphone imprimé sur les documents")
    add_common(p)
    p.set_defaults(func=cmd_init)

    p = ssub.add_parser("join", help="créer ce site dans un nouveau fichier, comme nouveau site du réseau")
    p.add_argument("--folder", type=Path, required=True, help="dossier de synchronisation du réseau")
    p.add_argument("--code", required=True, help="code du nouveau site, lettres et chiffres (ex. PARIS18)")
    p.add_argument("--name", required=True, help="nom du site imprimé sur les documents")
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="variable d'environnement contenant la phrase secrète du réseau",
    )
    p.add_argument("--admin", metavar='"Prénom Nom"', help="premier administrateur du site (facultatif)")
    p.add_argument("--pin-env", metavar="VAR", help="variable d'environnement contenant son code")
    p.add_argument("--timezone", help="fuseau horaire (défaut : celui du site fondateur)")
    p.add_argument("--holidays", metavar="CODE", help="jours fériés (défaut : ceux du site fondateur)")
    add_common(p)
    p.set_defaults(func=cmd_join)

    p = ssub.add_parser("approve", help="accepter des sites dans le réseau (pour tous les sites)")
    p.add_argument("codes", nargs="+", metavar="CODE", help="code du site qui a demandé à rejoindre")
    p.add_argument("--folder", type=Path, help="dossier du réseau (vérifie la demande du site)")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_approve, lambda r: "Sites du réseau : " + ", ".join(r) + "."))

    p = ssub.add_parser("show", help="afficher le site : noms, fuseau, jours fériés, horaires")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_show, _render_summary))

    p = ssub.add_parser(
        "set",
        help="changer le fuseau horaire, le calendrier des jours fériés, le nom, l'adresse, le téléphone",
    )
    p.add_argument("--timezone", help=f"fuseau horaire IANA : {zones}")
    p.add_argument("--holidays", metavar="CODE", help="département ou territoire des jours fériés")
    p.add_argument("--name")
    p.add_argument("--address")
    p.add_argument("--phone")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_set, _render_set))
