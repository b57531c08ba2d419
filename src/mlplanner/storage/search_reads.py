"""The youth search's reads over a list of candidates, straight from the SQLite driver.

After a selective word (« diallo »: 1,600 candidates on a network's server), each further word and the
candidates' names are read for that list of ids. Through SQLAlchemy, an expanding `IN` of 1,600 ids is
rendered again at every keystroke (a third of the slowest keystroke's time, issue 19); here the SQL
for a list of that length is written once and the ids are bound as they are. Other engines answer
`None` and the caller reads through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection


@lru_cache(maxsize=256)
def _marks(n: int) -> str:
    return ",".join("?" * n)


def _run(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    return conn.connection.driver_connection.execute(sql, params).fetchall()  # type: ignore[union-attr]


def sqlite_candidate_tokens(
    conn: Connection, *, lo: str, hi: str, ids: Sequence[str], limit: int, per_candidate: bool
) -> list[tuple[Any, ...]] | None:
    """(youth_id, token) of the candidates `ids` whose tokens fall in [lo, hi), at most `limit` rows.
    `per_candidate`: read through the `youth_id` index (`token || ''` keeps SQLite off the token
    index, whose range for a one- or two-letter prefix is a hundred thousand rows)."""
    if conn.dialect.name != "sqlite":
        return None
    token = "(token || '')" if per_candidate else "token"
    sql = (
        f"SELECT youth_id, token FROM youth_token WHERE {token} >= ? AND {token} < ? "
        f"AND youth_id IN ({_marks(len(ids))}) LIMIT ?"
    )
    return _run(conn, sql, [lo, hi, *ids, limit])


def sqlite_names(conn: Connection, ids: Sequence[str]) -> list[tuple[Any, ...]] | None:
    """(id, fold_name) of the youths `ids` not deleted."""
    if conn.dialect.name != "sqlite":
        return None
    return _run(
        conn, f"SELECT id, fold_name FROM youth WHERE id IN ({_marks(len(ids))}) AND deleted = 0", ids
    )


_FIRST_WORD_NAMED = """SELECT youth_token.youth_id, youth_token.token, youth.fold_name, youth.deleted
FROM youth_token JOIN youth ON youth.id = youth_token.youth_id
WHERE youth_token.token >= ? AND youth_token.token < ?
 LIMIT ? OFFSET ?"""
_FIRST_WORD = """SELECT youth_token.youth_id, youth_token.token
FROM youth_token
WHERE youth_token.token >= ? AND youth_token.token < ?
 LIMIT ? OFFSET ?"""


def sqlite_word_tokens(
    conn: Connection, *, lo: str, hi: str, limit: int, names: bool
) -> list[tuple[Any, ...]] | None:
    """(youth_id, token[, fold_name, deleted]) of the tokens in [lo, hi), at most `limit` rows: the
    first (most selective) word of a search, over every youth (1,600 rows for « dial » at network
    size: through SQLAlchemy a result row object each, a third of the keystroke). The statement
    SQLAlchemy renders for it, run on the driver; `names`: with each youth's folded name and
    deleted mark (a search of one word needs nothing else)."""
    if conn.dialect.name != "sqlite":
        return None
    return _run(conn, _FIRST_WORD_NAMED if names else _FIRST_WORD, [lo, hi, limit, 0])
