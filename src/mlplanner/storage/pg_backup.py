"""Backups of a server database with PostgreSQL's own tools: `pg_dump` (custom format) and, to restore,
the dump replayed by `psql` in ONE transaction that first drops the app's tables.

Why not `pg_restore --clean`: it drops only what the dump contains, so a dump taken before a migration
would leave the newer tables behind; and dropping first, then restoring in another transaction, would
leave an empty base if the restore failed. `pg_restore -f -` turns the dump into SQL (COPY blocks
included) that `psql --single-transaction` runs after our `DROP TABLE`s: the base is the dump's state or
is left as it was. Other workstations keep their connections and see the restored data at their next
transaction (the drop waits for their open transactions).

The tools are taken from `MLPLANNER_PG_BIN`, else the newest installed PostgreSQL (Debian's layout),
else PATH. The password, when one is needed, goes to the tools through `PGPASSWORD` in their environment
(never on a command line).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mlplanner.domain.errors import StorageError
from mlplanner.storage.backup import FileSummary, _parse_instant

DUMP_SUFFIX = ".dump"
_COPY_HEAD = re.compile(r"^COPY (?:\w+\.)?\"?(\w+)\"? \((.*)\) FROM stdin;$")


def tool(name: str) -> str:
    """The path of a PostgreSQL client tool (`pg_dump`, `pg_restore`, `psql`)."""
    explicit = os.environ.get("MLPLANNER_PG_BIN")
    candidates: list[Path] = [Path(explicit)] if explicit else []
    from mlplanner.storage.pg_local import find_bindir

    bindir = find_bindir()
    if bindir is not None:
        candidates.append(bindir)
    for folder in candidates:
        for exe in (name, f"{name}.exe"):
            if (folder / exe).exists():
                return str(folder / exe)
    found = shutil.which(name)
    if found:
        return found
    raise StorageError(
        "no_pg_tools",
        f"L'outil PostgreSQL « {name} » est introuvable sur ce poste : installez les outils clients de "
        "PostgreSQL (Debian : paquet postgresql-client) ou indiquez leur dossier dans MLPLANNER_PG_BIN.",
    )


@dataclass(frozen=True)
class Target:
    """How the tools reach a database: a libpq connection string (without password) and environment."""

    conninfo: str
    env: dict[str, str]


def target_of(engine: Engine) -> Target:
    """The libpq connection of an engine's URL (host, port, socket, sslmode, service...), and the
    password (URL or keyring) in the tools' environment."""
    from psycopg.conninfo import make_conninfo

    _args, params = engine.dialect.create_connect_args(engine.url)
    params = {k: v for k, v in params.items() if isinstance(v, str | int) and v != ""}
    password = params.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    env.setdefault("PGCONNECT_TIMEOUT", "5")
    return Target(make_conninfo("", **params), env)


def _run(args: list[str], target: Target, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=target.env, capture_output=True, text=True, check=False, **kw)


def _failed(what: str, done: subprocess.CompletedProcess[str]) -> StorageError:
    detail = (done.stderr or done.stdout or "").strip().splitlines()
    text = detail[-1] if detail else f"code {done.returncode}"
    return StorageError("pg_tool_failed", f"{what} a échoué : {text[:300]}")


def dump(engine: Engine, dest: Path) -> Path:
    """`pg_dump -Fc` of the database into `dest` (written as `.part`, then renamed; user-only)."""
    target = target_of(engine)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
    done = _run(
        [tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(tmp),
         "--dbname", target.conninfo],
        target,
    )  # fmt: skip
    if done.returncode != 0:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise _failed("La sauvegarde (pg_dump)", done)
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    os.replace(tmp, dest)
    return dest


def archive_problems(path: Path) -> list[str]:
    """Empty when `pg_restore` can read the dump's table of contents (a damaged file cannot)."""
    done = subprocess.run(
        [tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return [(done.stderr or "pg_restore --list a échoué").strip()[:300]]
    return []


def table_rows(path: Path, table: str) -> Iterator[dict[str, str | None]]:
    """The rows of one table of a dump, as text (`None` for NULL), read from `pg_restore`'s COPY data."""
    proc = subprocess.Popen(
        [tool("pg_restore"), "--data-only", "--table", table, "--file", "-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdout is not None
    columns: list[str] | None = None
    try:
        for line in proc.stdout:
            line = line.rstrip("\n")
            if columns is None:
                m = _COPY_HEAD.match(line)
                if m and m.group(1) == table:
                    columns = [c.strip().strip('"') for c in m.group(2).split(",")]
                continue
            if line == "\\.":
                break
            values = [None if v == "\\N" else _unescape(v) for v in line.split("\t")]
            yield dict(zip(columns, values, strict=False))
    finally:
        proc.stdout.close()
        proc.wait()


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return value.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")


def restore(engine: Engine, path: Path) -> None:
    """Replace the database's content with the dump's, in one transaction (see the module docstring)."""
    target = target_of(engine)
    script = _run([tool("pg_restore"), "--no-owner", "--no-privileges", "--file", "-", str(path)], target)
    if script.returncode != 0:
        raise _failed("La lecture de la sauvegarde (pg_restore)", script)
    with engine.connect() as conn:
        tables = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ]
    drop = "".join(f'DROP TABLE IF EXISTS "{t}" CASCADE;\n' for t in tables)
    done = _run(
        [tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
         "--dbname", target.conninfo, "--file", "-"],
        target,
        input=f"SET lock_timeout = '60s';\n{drop}{script.stdout}\nNOTIFY mlplanner, '*';\n",
    )  # fmt: skip
    if done.returncode != 0:
        raise _failed("La restauration (psql)", done)


def read_summary(path: Path) -> FileSummary:
    """What a site lead needs to recognise a dump (revision, site, counts), read from the dump itself."""
    revision = next((r["version_num"] for r in table_rows(path, "alembic_version")), None)
    if revision is None:
        raise StorageError("not_a_backup", "Ce fichier n'est pas une sauvegarde de mlplanner.")
    meta = {r["key"]: r["value"] for r in table_rows(path, "meta")}
    youths = sum(1 for r in table_rows(path, "youth") if r.get("deleted") == "f")
    appointments, last = 0, ""
    for r in table_rows(path, "appointment"):
        appointments += r.get("deleted") == "f"
        last = max(last, r.get("updated_at") or "")
    for r in table_rows(path, "youth"):
        last = max(last, r.get("updated_at") or "")
    return FileSummary(
        revision=revision,
        site_code=meta.get("site_code") or "",
        youths=youths,
        appointments=appointments,
        last_change=_parse_instant(last.replace(" ", "T", 1) if last else None),
    )


def compact_server(db: Any) -> None:
    """Rewrite the app's tables (`VACUUM FULL`) so the old versions of erased or anonymised rows leave
    the database's files, as SQLite's VACUUM does for a file. Each table is locked while it is
    rewritten (seconds for a network's youths): erasures are rare. Copies in the server's write-ahead
    log and in backups go as those are recycled (the README says so)."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        tables = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            )
        ]
        for table in tables:
            conn.exec_driver_sql(f'VACUUM (FULL) "{table}"')
