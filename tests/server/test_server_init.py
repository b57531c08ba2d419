"""`mlplanner server init` and opening a server database: what is created, what is refused, in French.

Workstations never change a server's schema: an empty or older schema is refused with the command the
IT person runs; a schema from a newer mlplanner and a database of another program are refused and left
as they were.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mlplanner.domain.errors import StorageError
from mlplanner.services.container import Services
from mlplanner.storage.db import Database, server_url
from mlplanner.storage.migrate import EXCLUSION_CONSTRAINTS, head_revision, open_server, server_problems
from mlplanner.storage.pg_local import LocalCluster

pytestmark = pytest.mark.postgresql_only


def mlplanner(*args: str, home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = os.environ | {"XDG_DATA_HOME": str(home), "PYTHONIOENCODING": "utf-8"} | (env or {})
    full.pop("MLPLANNER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "mlplanner", *args], capture_output=True, text=True, env=full, timeout=300
    )


def sql(url: str, statement: str) -> list[tuple]:
    engine = create_engine(server_url(url))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def test_init_creates_the_schema_then_a_second_run_changes_nothing(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    first = mlplanner("server", "init", "--db", url, "--json", home=tmp_path)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["before"] is None and report["after"] == head_revision()
    assert "schéma créé" in report["summary"] and "btree_gist" in report["summary"]
    db = Database.for_url(url)
    try:
        assert server_problems(db) == []
    finally:
        db.dispose()
    assert {r[0] for r in sql(url, "SELECT extname FROM pg_extension")} >= {"btree_gist"}
    constraints = {r[0] for r in sql(url, "SELECT conname FROM pg_constraint WHERE contype = 'x'")}
    assert set(EXCLUSION_CONSTRAINTS) <= constraints
    schema = sql(
        url, "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY 1, 2"
    )

    second = mlplanner("server", "init", "--db", url, home=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "rien n'a changé" in second.stdout
    assert (
        sql(url, "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY 1, 2")
        == schema
    )


def test_text_columns_get_the_binary_order_whatever_the_database_collation(
    new_database: Callable[[], str], cluster: LocalCluster
) -> None:
    """The test cluster's default collation is ICU French (as a French server's may be): stamps and
    search tokens must still compare byte by byte, as on SQLite."""
    url = new_database()
    assert "fr" in cluster.psql("SELECT daticulocale FROM pg_database WHERE datname = 'postgres'")
    Services.open(url, create=True).close()
    loose = sql(
        url,
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' "
        "AND data_type IN ('character varying', 'text') AND coalesce(collation_name, '') <> 'C'",
    )
    assert loose == [(0,)]
    # in French order "é" sorts next to "e"; in the binary order every stamp and token sorts as text
    assert sql(url, "SELECT max(v) FROM (VALUES ('e'), ('é'), ('f')) AS t(v)") == [("f",)]
    assert sql(
        url, "SELECT max(code) FROM (SELECT 'e'::varchar COLLATE \"C\" UNION SELECT 'é') AS t(code)"
    ) == [("é",)]


def test_a_workstation_never_migrates_a_server(new_database: Callable[[], str], tmp_path: Path) -> None:
    url = new_database()
    with pytest.raises(StorageError) as err:
        open_server(url)
    assert err.value.code == "db_not_ready" and "mlplanner server init" in err.value.message
    assert sql(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]  # untouched
    r = mlplanner("day", "--db", url, home=tmp_path)
    assert r.returncode == 4 and r.stderr.count("\n") == 1 and "server init" in r.stderr

    Services.open(url, create=True).close()  # `create`: what the demo does on an empty base
    sql(url, "UPDATE alembic_version SET version_num = '0002'")  # as if an older mlplanner had made it
    with pytest.raises(StorageError) as err:
        open_server(url)
    assert err.value.code == "db_not_ready" and "version antérieure" in err.value.message


def test_a_newer_schema_and_another_programs_tables_are_refused_untouched(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    newer = new_database()
    Services.open(newer, create=True).close()
    sql(newer, "UPDATE alembic_version SET version_num = '0099_future'")
    for run in (lambda: open_server(newer), lambda: open_server(newer, create=True)):
        with pytest.raises(StorageError) as err:
            run()
        assert err.value.code == "db_too_new" and "plus récente" in err.value.message
    r = mlplanner("server", "init", "--db", newer, home=tmp_path)
    assert r.returncode == 4 and "plus récente" in r.stderr
    assert sql(newer, "SELECT version_num FROM alembic_version") == [("0099_future",)]

    foreign = new_database()
    sql(foreign, "CREATE TABLE factures (id serial PRIMARY KEY, montant numeric)")
    r = mlplanner("server", "init", "--db", foreign, home=tmp_path)
    assert r.returncode == 4 and "autre logiciel" in r.stderr and r.stderr.count("\n") == 1
    assert sql(foreign, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'") == [("factures",)]


def test_an_unreachable_server_or_a_missing_base_is_one_french_line_exit_4(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    closed_port = f"postgresql+psycopg://postgres@127.0.0.1:{_free_port()}/mlplanner"
    missing = cluster.url("base_qui_n_existe_pas")
    for url, words in ((closed_port, "injoignable"), (missing, "n'existe pas")):
        r = mlplanner("day", "--db", url, home=tmp_path)
        assert r.returncode == 4, r.stderr
        assert r.stderr.count("\n") == 1 and words in r.stderr and "Traceback" not in r.stderr


def test_init_wants_a_server_address(tmp_path: Path) -> None:
    r = mlplanner("server", "init", "--db", str(tmp_path / "site.sqlite3"), home=tmp_path)
    assert r.returncode == 2 and "postgresql+psycopg://" in r.stderr
    assert not (tmp_path / "site.sqlite3").exists()


def _free_port() -> int:
    from mlplanner.storage.pg_local import free_port

    return free_port()
