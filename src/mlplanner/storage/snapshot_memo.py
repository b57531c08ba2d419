"""Values derived from a SQLite file, kept between the transactions of one connection for as long as
nothing at all has been written to the file since.

A free-slot search at network size spent a third of its time re-reading what had not changed since
the previous search: the appointment type, the site's counsellors and offices, the calendar's closures
and absences (issue 19). SQLite says exactly when the file may have changed under a connection:
`PRAGMA data_version` changes when another connection (of any process) has committed since this
connection's last transaction, and the connection's own writes show in its `total_changes`. Read
inside a transaction, `data_version` is the version of that transaction's snapshot (the pragma
itself starts the read if nothing has yet). So a value derived in one transaction may be served in a
later one of the same connection while both numbers are unchanged: it is then what a fresh read
would give. A transaction that has written anything (its rows are not committed, and may be rolled
back) neither serves nor keeps memoised values: it reads afresh.

On a PostgreSQL server the same holds for a read-only REPEATABLE READ transaction (`Database.read`):
its snapshot (`pg_current_snapshot()`: the oldest transaction still running, the next to come, those
in progress between) decides everything it sees, and the snapshot is the same text only if no
transaction of the whole cluster has committed in between (a commit changes the list in progress or
moves the next id on). A value derived under one snapshot is served under an equal one, on any
connection of the same engine; any other transaction (a write, READ COMMITTED) reads afresh. The
snapshot costs one statement per transaction, for the several fixed reads it saves.

Keep only plain immutable values here (tuples, frozensets, numbers, strings), never ORM objects:
they outlive the session that read them. Other engines answer `None` (read afresh every time).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session

CHANGES_AT_BEGIN = "mlplanner_changes_at_begin"  # `total_changes` when this transaction began
_MEMO = "mlplanner_snapshot_memo"
MAX_VALUES = 256  # a day's searches use a handful of keys; the memo is emptied past this


class _Memo:
    __slots__ = ("changes", "driver", "values", "version")

    def __init__(self, driver: object, version: object, changes: int) -> None:
        self.driver, self.version, self.changes = driver, version, changes
        self.values: dict[Hashable, Any] = {}


def note_begin(conn: Connection) -> None:
    """Called as each SQLite transaction begins (`storage.db`): the connection's write count then, to
    tell later whether this transaction has written anything."""
    driver = conn.connection.driver_connection
    conn.connection.info[CHANGES_AT_BEGIN] = getattr(driver, "total_changes", None)


def snapshot_memo(session: Session) -> dict[Hashable, Any] | None:
    """A dict of values valid for this transaction's snapshot, shared with the earlier transactions
    of the same connection that saw the same file; `None` when values must be read afresh (another
    engine, or this transaction has written)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        return _server_memo(session, conn)
    if conn.dialect.name != "sqlite":
        return None
    info = conn.connection.info
    driver = conn.connection.driver_connection
    changes = getattr(driver, "total_changes", None)
    if changes is None or changes != info.get(CHANGES_AT_BEGIN):
        return None
    (version,) = driver.execute("PRAGMA data_version").fetchone()  # type: ignore[union-attr]
    memo: _Memo | None = info.get(_MEMO)
    if memo is None or memo.driver is not driver or memo.version != version or memo.changes != changes:
        memo = info[_MEMO] = _Memo(driver, version, changes)
    elif len(memo.values) > MAX_VALUES:
        memo.values.clear()
    return memo.values


_SNAPSHOT = "mlplanner_pg_snapshot"  # this transaction's snapshot, asked once (session.info)


def _server_memo(session: Session, conn: Connection) -> dict[Hashable, Any] | None:
    """The memo of a read-only REPEATABLE READ transaction on a server, keyed by its snapshot."""
    options = conn.get_execution_options()
    if not options.get("postgresql_readonly") or options.get("isolation_level") != "REPEATABLE READ":
        return None
    snapshot = session.info.get(_SNAPSHOT)
    if snapshot is None:
        driver = conn.connection.driver_connection
        (snapshot,) = driver.execute("SELECT pg_current_snapshot()::text").fetchone()  # type: ignore[union-attr]
        session.info[_SNAPSHOT] = snapshot
    pool = conn.engine.pool  # the snapshot is the database's: one memo for every pooled connection
    memo = _SERVER_MEMOS.get(pool)
    if memo is None or memo.version != snapshot:
        memo = _SERVER_MEMOS[pool] = _Memo(pool, snapshot, 0)
    elif len(memo.values) > MAX_VALUES:
        memo.values.clear()
    return memo.values


# per engine's pool (weakly: an engine disposed takes its memo along)
_SERVER_MEMOS: weakref.WeakKeyDictionary[Any, _Memo] = weakref.WeakKeyDictionary()


def memoised(session: Session, key: Hashable, compute: Any) -> Any:
    """`compute()`, or the value it gave for `key` earlier on this connection if the file has not
    changed since (see the module docstring)."""
    values = snapshot_memo(session)
    if values is None:
        return compute()
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value
