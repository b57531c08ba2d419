"""Server-mode tests: on the session's PostgreSQL cluster only (each module: `pytestmark = postgresql_only`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from engines import ServerDatabases
from mlplanner.storage.pg_local import LocalCluster


@pytest.fixture
def new_database(server_dbs: ServerDatabases) -> Iterator[Callable[[], str]]:
    """`new_database()`: the URL of a fresh, empty database (no schema), dropped after the test."""
    made: list[str] = []

    def make() -> str:
        name = server_dbs.create()
        made.append(name)
        return server_dbs.url(name)

    yield make
    for name in made:
        server_dbs.drop(name)


@pytest.fixture
def cluster(pg_cluster: LocalCluster) -> LocalCluster:
    return pg_cluster
