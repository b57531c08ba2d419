"""Who is acting on the command line (README, "CLI", decision of issue 14).

The desktop app acts for a person who typed their PIN; the command line must not be a way around it on
a shared reception PC, nor an administrator by default: `mlplanner staff reset-pin` typed by anyone
would hand out the administrator's account. So:

- `--as "Prénom Nom"` (or `MLPLANNER_AS`): a staff member of this site, active, with a PIN, who proves
  it with that PIN: `MLPLANNER_PIN`, or typed at the terminal (never on the command line, where other
  users of the PC can read it). A wrong PIN counts towards the account's lock, as in the app.
- `--system` (or `MLPLANNER_SYSTEM=1`): the system account, for what IT schedules (sync, backups,
  imports, reminders...). Its audit entries read « système (<OS user>) ».
- Neither: a command that only reads (the day, slots, a search, a report, a print, an export, a
  preview) runs as the system account: reading is what opening the file already gives whoever may open
  it. A command that changes data is refused (exit 2) with both ways to say who acts.
- Account and PIN management and the erasure of a person (RGPD) need a person: `--system` is refused.

Commands that create a site or a server database (`demo`, `site init`, `site join`, `server ...`) have
nobody to act as yet, and do not come here.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError, PermissionDenied
from mlplanner.services.container import Services
from mlplanner.services.context import Actor

AS_ENV = "MLPLANNER_AS"
PIN_ENV = "MLPLANNER_PIN"
SYSTEM_ENV = "MLPLANNER_SYSTEM"

#: Commands that only read: they need nobody (the system account reads).
READS = frozenset(
    {
        "site show", "youth search", "slots", "day", "workshop sessions", "workshop roster",
        "workshop stats", "backup", "check", "privacy export", "audit", "print day", "print counsellor",
        "print week", "print roster", "print slip", "print calls", "export", "reminders preview",
        "reminders status", "reminders stats", "settings list", "settings get", "report cej-hours",
        "report imilo", "report fse", "report accompanied", "report timesheet", "report orientations",
        "wishes list", "requests list", "site-order",
    }
)  # fmt: skip
#: Commands a person answers for: `--system` is refused.
PERSON_ONLY = frozenset({"staff reset-pin", "staff unlock", "privacy erase"})


def add_identity_options(p: argparse.ArgumentParser) -> None:
    who = p.add_mutually_exclusive_group()
    who.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="NOM",
        help=f"agir au nom de ce membre du personnel (défaut : {AS_ENV}) ; son code PIN est lu dans "
        f"{PIN_ENV} ou demandé au clavier",
    )
    who.add_argument(
        "--system",
        action="store_true",
        help=f"agir comme le système, pour les tâches planifiées de l'informatique (défaut : {SYSTEM_ENV}=1)",
    )
    # the command's words ("youth add"), for the rules above
    p.set_defaults(_command=" ".join(p.prog.split()[1:]))


def system_actor() -> Actor:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment (a container, a service account)
        user = "?"
    return Actor(id="", name=f"système ({user})"[:170], role=Role.ADMIN)


def _reads_only(args: argparse.Namespace) -> bool:
    command = str(getattr(args, "_command", ""))
    if command == "sync-undo":
        return not getattr(args, "site", None)  # the list; undoing one is a change
    if command == "privacy retention":
        return not getattr(args, "apply", False)  # a simulation without --apply
    if command == "privacy settings":
        return (
            getattr(args, "inactive_months", None) is None and getattr(args, "evidence_years", None) is None
        )
    previews = ("dry_run", "preview", "show")
    return command in READS or any(getattr(args, flag, None) for flag in previews)


def _pin(name: str) -> str:
    pin = os.environ.get(PIN_ENV)
    if pin is None:
        if not sys.stdin.isatty():
            raise InputError(
                "pin_needed",
                f"Code PIN de {name} manquant : définissez {PIN_ENV}, ou lancez la commande dans un terminal "
                "pour le taper. Rien n'a été fait.",
            )
        pin = getpass.getpass(f"Code PIN de {name} : ")
    return pin


def resolve_actor(args: argparse.Namespace, services: Services) -> Actor:
    """The person (or the system) this command acts as, or a French refusal before anything is done."""
    name = getattr(args, "as_user", None)
    system = bool(getattr(args, "system", False))
    if name is None and not system:
        name = os.environ.get(AS_ENV) or None
        system = name is None and os.environ.get(SYSTEM_ENV, "") not in ("", "0")
    command = str(getattr(args, "_command", ""))
    if name is not None:
        return _person(name, services)
    if system:
        if command in PERSON_ONLY:
            raise PermissionDenied(
                "system_not_allowed",
                f"« mlplanner {command} » se fait au nom d'une personne : --as « Prénom Nom » (avec son "
                "code PIN), pas --system. Rien n'a été fait.",
            )
        return system_actor()
    if _reads_only(args):
        return system_actor()
    raise InputError(
        "who_acts",
        f"Indiquez qui agit : --as « Prénom Nom » (code PIN dans {PIN_ENV}, ou demandé au clavier), ou "
        "--system pour une tâche planifiée de l'informatique. Rien n'a été fait.",
    )


def _person(name: str, services: Services) -> Actor:
    if not name.strip():
        raise InputError("empty_actor", "--as : indiquez le nom d'un membre du personnel du site.")
    staff = services.directory.staff_member(name.strip())
    if not staff.active:
        raise PermissionDenied(
            "staff_inactive",
            f"{staff.display_name} n'est plus en activité sur ce site : il ou elle ne peut plus agir.",
        )
    if not staff.can_log_in:
        raise PermissionDenied(
            "no_login",
            f"{staff.display_name} n'a pas de code PIN (pas d'accès au logiciel) : un administrateur peut "
            "lui en donner un.",
        )
    return services.directory.login(staff_id=staff.id, secret=_pin(staff.display_name))
