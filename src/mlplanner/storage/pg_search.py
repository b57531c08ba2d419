"""The youth search ranked on a PostgreSQL server, in one statement.

Through SQLAlchemy, a search on a server is a round trip per word plus one for the candidates' names,
and the client ranks them: after « dial » (1,600 candidates on a network's server) the ids, tokens and
names of every candidate cross the socket to rank twenty (issue 19: 58 ms of wall time for 14 ms of
client CPU). Here the server does the same work and returns only the ranked ids:

- each word's tokens are the prefix range `[word, word + U+FFFF)` on `youth_token`, as the other path
  reads them (the server's text columns have the C collation, `storage.migrate.binary_collation`: the
  range is exactly the tokens starting with the word, as on SQLite); at most `cap` rows per word, the
  first in the primary key's order (token, youth_id), the order SQLite's scan of the same key gives;
  each word after the first (longest first) is read among the candidates left by the previous ones;
- the ranking is the service's: words equal to a whole token first, then names starting with the
  first word typed, then the folded name and the id in code-point order (byte order, Python's).

Other engines answer `None` and the caller reads as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection


@lru_cache(maxsize=16)
def _sql(n_words: int) -> str:
    """The statement for `n_words` words (longest first): hits per word, candidates, ranking."""
    # the first word's range is read in key order from its start, and cut at its end after the cap:
    # the same rows (the range's first `cap` keys are the first keys from its start that are in it),
    # but the planner cannot take a prefix range of unknown size (it guesses from the histogram, 60
    # tokens where « dia » has 12,000 on a network's server) for a bitmap scan of every token of the
    # range, their heap pages and a sort (45-130 ms) instead of the first `cap` keys of the index
    ctes = [
        "h0 AS (SELECT youth_id, token FROM (SELECT youth_id, token FROM youth_token WHERE token >= %(w0)s "
        "ORDER BY token, youth_id LIMIT %(cap)s) f WHERE token < %(h0)s)"
    ]
    for i in range(1, n_words):
        ctes.append(
            f"h{i} AS (SELECT youth_id, token FROM youth_token WHERE token >= %(w{i})s AND token < %(h{i})s "
            f"AND youth_id IN (SELECT youth_id FROM h{i - 1}) ORDER BY token, youth_id LIMIT %(cap)s)"
        )
    last = n_words - 1
    # a youth's tokens are unique (the primary key): each word equals at most one of them, so the
    # number of words equal to a whole token is a sum of memberships (hashed once per word)
    exact = " + ".join(
        f"(c.id IN (SELECT youth_id FROM h{i} WHERE token = %(w{i})s))::int" for i in range(n_words)
    )
    capped = " OR ".join(f"(SELECT count(*) FROM h{i}) >= %(cap)s" for i in range(n_words))
    ctes.append(
        f"cand AS (SELECT y.id, y.fold_name FROM youth y WHERE y.id IN (SELECT youth_id FROM h{last}) "
        "AND NOT y.deleted)"
    )
    return (
        f"WITH {', '.join(ctes)} "
        "SELECT (SELECT count(*) FROM cand), "
        f"EXISTS (SELECT 1 FROM h{last}) AND ({capped}), "
        f"ARRAY(SELECT c.id FROM cand c ORDER BY {exact} DESC, NOT starts_with(c.fold_name, %(first)s), "
        'c.fold_name COLLATE "C", c.id COLLATE "C" LIMIT %(limit)s)'
    )


def pg_ranked_youths(
    conn: Connection, words: Sequence[str], *, first: str, limit: int, cap: int
) -> tuple[list[str], int, bool] | None:
    """The ids of the first `limit` youths matching every word (`words` longest first; `first`: the
    first word typed), how many match in all, and whether a word's reading stopped at `cap` rows.
    `None` on an engine other than PostgreSQL."""
    if conn.dialect.name != "postgresql":
        return None
    params: dict[str, Any] = {"cap": cap, "first": first, "limit": limit}
    for i, w in enumerate(words):
        params[f"w{i}"], params[f"h{i}"] = w, w + "\uffff"
    cursor = conn.connection.driver_connection.execute(_sql(len(words)), params)  # type: ignore[union-attr]
    total, capped, ids = cursor.fetchone()
    return list(ids), int(total), bool(capped)
