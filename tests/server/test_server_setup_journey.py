"""An IT person sets a server up from nothing, as the README's "Server mode" section says: a role with a
password, `server init`, a first site created there or imported from its file, and the workstations'
commands. Every step answers in one French line; a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mlplanner.storage.pg_local import LocalCluster
from server.test_server_import import site_file
from server.test_server_init import mlplanner, sql

pytestmark = pytest.mark.postgresql_only


def test_a_server_from_nothing_a_site_created_there_then_one_imported(
    new_database: Callable[[], str], tmp_path: Path
) -> None:
    url = new_database()
    r = mlplanner("day", "--db", url, home=tmp_path)
    assert r.returncode == 4 and "server init" in r.stderr  # not prepared yet
    assert mlplanner("server", "init", "--db", url, home=tmp_path).returncode == 0

    r = mlplanner("day", "--db", url, home=tmp_path)  # prepared, but no site yet: says what to do
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "serveur ne contient pas encore de site" in r.stderr and "server import" in r.stderr

    r = mlplanner(
        "site", "join", "--db", url, "--folder", str(tmp_path), "--code", "X", "--name", "X", home=tmp_path
    )
    assert r.returncode == 2 and "site init --db" in r.stderr and r.stderr.count("\n") == 1

    r = mlplanner(
        "site", "init", "--db", url, "--code", "PARIS13", "--name", "Mission Locale — site Paris 13",
        "--organisation", "Mission Locale de Paris", "--timezone", "Europe/Paris", "--holidays", "75",
        "--admin", "Awa Payet", "--pin-env", "PIN", home=tmp_path, env={"PIN": "482915"},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Site PARIS13 créé" in r.stdout
    again = mlplanner(
        "site", "init", "--db", url, "--code", "PARIS13", "--name", "Autre", "--organisation", "Autre",
        "--timezone", "Europe/Paris", "--holidays", "75", "--admin", "Yann Grondin", "--pin-env", "PIN",
        home=tmp_path, env={"PIN": "482915"},
    )  # fmt: skip
    assert again.returncode == 3 and "déjà un site PARIS13" in again.stderr
    assert sql(url, "SELECT code FROM site") == [("PARIS13",)]

    paris18 = site_file(tmp_path / "paris18.sqlite3", "PARIS18")
    imported = mlplanner("server", "import", "--from", str(paris18), "--db", url, home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert sorted(sql(url, "SELECT code FROM site")) == [("PARIS13",), ("PARIS18",)]
    r = mlplanner("day", "--db", f"{url}&site=PARIS18", "--date", "2026-01-06", "--json", home=tmp_path)
    assert r.returncode == 0, r.stderr


def test_a_workstation_without_the_password_is_told_where_to_put_it(
    new_database: Callable[[], str], cluster: LocalCluster, tmp_path: Path
) -> None:
    url = new_database()
    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    cluster.psql(
        "DO $$ BEGIN CREATE ROLE ml_it LOGIN PASSWORD 's3cret'; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    cluster.psql(f'GRANT ALL ON DATABASE "{name}" TO ml_it; ALTER DATABASE "{name}" OWNER TO ml_it')
    without = cluster.url(name, user="ml_it", tcp=True)
    keyless = {"MLPLANNER_NO_KEYRING": "1", "PGPASSFILE": str(tmp_path / "none")}
    r = mlplanner("server", "init", "--db", without, home=tmp_path, env=keyless)
    assert r.returncode == 4 and r.stderr.count("\n") == 1
    assert "demande un mot de passe" in r.stderr and "server password" in r.stderr
    r = mlplanner("server", "init", "--db", without, home=tmp_path, env={**keyless, "PGPASSWORD": "faux"})
    assert r.returncode == 4 and "refuse la connexion" in r.stderr
    r = mlplanner("server", "init", "--db", without, home=tmp_path, env={**keyless, "PGPASSWORD": "s3cret"})
    assert r.returncode == 0, r.stderr
