"""`mlplanner server init | import | password`: the IT person's commands for server mode.

- `server init --db URL`: creates or upgrades the schema (the same Alembic migrations as a site file)
  with what the app needs on PostgreSQL, and says what it did; a second run changes nothing (see
  `services.server.setup`).
- `server import --from site.sqlite3 --db URL`: moves a site onto the server, verified (see
  `services.server.importer`); a second run changes nothing.
- `server password --db URL`: keeps the server password in the operating system's keyring (asked at the
  terminal, or read from standard input with `--stdin`), so no settings file ever holds it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlplanner.cli.common import add_common, run, to_jsonable
from mlplanner.domain.errors import DomainError
from mlplanner.paths import default_db_location
from mlplanner.services.container import Services
from mlplanner.services.server.setup import init_server, store_password


def _report(args: argparse.Namespace, work: Callable[[], Any], render: Callable[[Any], str]) -> int:
    """Run `work()` (no services opened: the base may not be ready yet) and print its result as
    `common.run` does: one French line on stderr for an error, its exit code."""
    try:
        result = work()
    except DomainError as exc:
        if args.json:
            sys.stderr.write(
                json.dumps({"error": exc.code, "message": exc.message}, ensure_ascii=False) + "\n"
            )
        else:
            sys.stderr.write(f"mlplanner : {exc.message}\n")
        return exc.exit_code
    if args.json:
        data = to_jsonable(result)
        if hasattr(result, "summary_fr"):
            data["summary"] = result.summary_fr()
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(result))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    return _report(args, lambda: init_server(args.db or default_db_location()), lambda r: r.summary_fr())


def cmd_import(args: argparse.Namespace, sv: Services) -> dict[str, Any]:
    from mlplanner.services.server.importer import ServerImport

    report = ServerImport(sv.ctx).run(args.source)
    return {**to_jsonable(report), "summary": report.summary_fr()}


def cmd_password(args: argparse.Namespace) -> int:
    def work() -> dict[str, str]:
        secret = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Mot de passe : ")
        return {"keyring_entry": store_password(args.db or default_db_location(), secret)}

    return _report(
        args, work, lambda r: f"Mot de passe enregistré dans le trousseau du système ({r['keyring_entry']})."
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("server", help="mode serveur (PostgreSQL) : préparer la base, y importer un site")
    ssub = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    q = ssub.add_parser("init", help="créer ou mettre à jour le schéma de la base du serveur")
    add_common(q)
    q.set_defaults(func=cmd_init)

    q = ssub.add_parser("import", help="copier un fichier de site sur le serveur (tout, vérifié)")
    q.add_argument("--from", dest="source", type=Path, required=True, help="le fichier du site (.sqlite3)")
    add_common(q)
    # a prepared server (`server init`) that may hold no site yet: the import brings the first one
    q.set_defaults(func=lambda a: run(a, cmd_import, lambda r: r["summary"], needs_site=False))

    q = ssub.add_parser("password", help="garder le mot de passe du serveur dans le trousseau du système")
    q.add_argument("--stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    add_common(q)
    q.set_defaults(func=cmd_password)
