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

The candidates' folded names, and their tokens for a later word, come with their token rows
(`YouthToken.fold_name`, `.tokens`): a keystroke reads index ranges of `youth_token` and no other row.
Looking them up instead (1,600 probes of `youth`, or of `(youth_id, token)` for « diallo m ») was
~10 ms of the server's time per keystroke at network size (issue 19), ~3 ms now. Rows without them
(NULL) are read as before.

Other engines answer `None` and the caller reads as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection


@lru_cache(maxsize=16)
def _sql(n_words: int, cap: int, columns: tuple[str, ...]) -> str:
    """The statement for `n_words` words (longest first): hits per word, candidates, ranking, and the
    `columns` of the youths shown. The cap is written in the statement (a constant `LIMIT`: the
    planner knows how few rows are read)."""
    cap = int(cap)
    # the first word's range is read in key order from its start, and cut at its end after the cap:
    # the same rows (the range's first `cap` keys are the first keys from its start that are in it),
    # but the planner cannot take a prefix range of unknown size (it guesses from the histogram, 60
    # tokens where « dia » has 12,000 on a network's server) for a bitmap scan of every token of the
    # range, their heap pages and a sort (45-130 ms) instead of the first `cap` keys of the index.
    # Each row brings its youth's folded name and token list (`YouthToken`): no lookup of `youth`
    ctes = [
        "h0 AS (SELECT youth_id, token, fold_name, tokens FROM (SELECT youth_id, token, fold_name, tokens "
        f"FROM youth_token WHERE token >= %(w0)s ORDER BY token, youth_id LIMIT {cap}) f WHERE token < %(h0)s)"
    ]
    for i in range(1, n_words):
        # a later word among the candidates left: their tokens in its range, taken from the list their
        # rows carry (split on spaces, which no listed token holds; a youth's rows carry the same list,
        # so one per youth, and a candidate without a token starting with the word is left out by a
        # search of the list first), or read from the (youth_id, token) index for a youth whose rows
        # hold no list: the same rows in the same order as reading the index for all, at most `cap`
        ctes.append(
            f"h{i} AS (SELECT youth_id, token, fold_name, tokens FROM ("
            'SELECT p.youth_id, t.token COLLATE "C" AS token, p.fold_name, p.tokens FROM '
            f"(SELECT DISTINCT youth_id, fold_name, tokens FROM h{i - 1} WHERE tokens IS NOT NULL "
            f"AND strpos(' ' || tokens, ' ' || %(w{i})s) > 0) p, "
            "unnest(string_to_array(p.tokens, ' ')) AS t(token) "
            f'WHERE t.token COLLATE "C" >= %(w{i})s AND t.token COLLATE "C" < %(h{i})s '
            "UNION ALL SELECT k.youth_id, k.token, k.fold_name, k.tokens FROM youth_token k "
            f"WHERE k.token >= %(w{i})s AND k.token < %(h{i})s "
            f"AND k.youth_id IN (SELECT youth_id FROM h{i - 1} WHERE tokens IS NULL)) u "
            f'ORDER BY token COLLATE "C", youth_id COLLATE "C" LIMIT {cap})'
        )
    last = n_words - 1
    # a youth's tokens are unique (the primary key): each word equals at most one of them, so the
    # number of words equal to a whole token is a sum of memberships (hashed once per word)
    exact = " + ".join(
        f"(c.id IN (SELECT youth_id FROM h{i} WHERE token = %(w{i})s))::int" for i in range(n_words)
    )
    capped = " OR ".join(f"(SELECT count(*) FROM h{i}) >= {cap}" for i in range(n_words))
    # the candidates and their names, from their rows: a row with a name is a live youth's (`reindex`
    # writes none for a deleted or merged youth, and writes them again at each change of name or
    # deletion); a row without one (a deleted youth's left from before 0016) is checked against
    # `youth`, as every row was before
    ctes.append(
        f"cand AS (SELECT DISTINCT youth_id AS id, fold_name FROM h{last} WHERE fold_name IS NOT NULL "
        "UNION ALL SELECT y.id, y.fold_name FROM youth y "
        f"WHERE y.id IN (SELECT youth_id FROM h{last} WHERE fold_name IS NULL) AND NOT y.deleted)"
    )
    # one row per youth shown, in the ranking's order, with their columns (read by id: 20 lookups),
    # the count and « at least » on each; a single row of NULL columns when nobody is shown
    shown = ", ".join(f'y."{c}"' for c in columns)
    return (
        f"WITH {', '.join(ctes)} "
        "SELECT t.total, t.capped, " + shown + " FROM (SELECT (SELECT count(*) FROM cand) AS total, "
        f"EXISTS (SELECT 1 FROM h{last}) AND ({capped}) AS capped, "
        f"ARRAY(SELECT c.id FROM cand c ORDER BY {exact} DESC, NOT starts_with(c.fold_name, %(first)s), "
        'c.fold_name COLLATE "C", c.id COLLATE "C" LIMIT %(limit)s) AS ids) t '
        "LEFT JOIN LATERAL unnest(t.ids) WITH ORDINALITY AS s(id, n) ON true "
        "LEFT JOIN youth y ON y.id = s.id ORDER BY s.n"
    )


def pg_ranked_youths(
    conn: Connection, words: Sequence[str], *, first: str, limit: int, cap: int, columns: tuple[str, ...]
) -> tuple[list[tuple[Any, ...]], int, bool] | None:
    """The first `limit` youths matching every word (`words` longest first; `first`: the first word
    typed), as the values of their `columns`, how many match in all, and whether a word's reading
    stopped at `cap` rows. `None` on an engine other than PostgreSQL."""
    if conn.dialect.name != "postgresql":
        return None
    params: dict[str, Any] = {"first": first, "limit": limit}
    for i, w in enumerate(words):
        params[f"w{i}"], params[f"h{i}"] = w, w + "\uffff"
    sql = _sql(len(words), cap, columns)
    rows = conn.connection.driver_connection.execute(sql, params).fetchall()  # type: ignore[union-attr]
    total, capped = rows[0][0], rows[0][1]
    return [r[2:] for r in rows if r[2] is not None], int(total), bool(capped)
