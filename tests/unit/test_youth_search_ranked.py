"""The youth search ranked by the server in one statement (`storage.pg_search`) finds, counts and orders
what the service's own reading finds, counts and orders, on both engines: each is compared with a plain
model of the search (every word a prefix of a token, longest word first, at most `cap` token rows per
word in (token, youth_id) order, words equal to a whole token first, then names starting with the first
word typed, then the folded name and id), and on a server with the reading it replaces."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pytest
from sqlmodel import select

from mlplanner.services.youths import service as youths_service
from mlplanner.services.youths.service import YouthDraft, _query_words
from mlplanner.storage.tables import Youth, YouthToken

if TYPE_CHECKING:
    from support import TestSite

LAST = ("Diallo", "Dia", "Diarra", "Diop", "Martin", "Martinez", "N'Diaye", "Le Gall", "Lœuvre", "Bâ", "Ba")
LAST += ("N'Da", "N-Da")  # apostrophe and hyphen: byte order, not a French collation's
FIRST = ("Mamadou", "Mariam", "Ma", "Marie-Anne", "Aïssatou", "Dia", "Éloïse")
TYPED = ("diallo mam", "dia dia", "ma dia", "martin ma", "n'diaye a", "le gall m", "ba ma", "loeuvre e")
TYPED += ("nda m",)
OTHER = ("d", "m", "0612", "06 12 34", "+33 6 12", "ext7", "zzz", "dia zzz", "a b", "marie anne", "mariea")


def _queries() -> list[str]:
    prefixes = {t[:i] for t in TYPED for i in range(1, len(t) + 1) if not t[:i].endswith(" ")}
    return sorted(prefixes | set(OTHER))


def _fill(site: TestSite) -> None:
    add = site.services.youths.add
    n = 0
    for last in LAST:
        for first in FIRST:
            n += 1
            phone = f"06 12 34 {n // 10 % 10}{n % 10} {n:02d}"[:14] if n % 3 == 0 else ""
            add(
                actor=site.receptionist,
                draft=YouthDraft(first_name=first, last_name=last, phone=phone, external_id=f"EXT{n}"),
                confirm_duplicate=True,
            )
    with site.services.ctx.write() as s:  # deleted youths: neither shown nor counted
        for row in s.exec(select(Youth).where(Youth.last_name == "Diarra", Youth.first_name == "Ma")):
            row.deleted = True


def _model(site: TestSite, query: str, cap: int, limit: int) -> tuple[list[str], int, bool]:
    words = _query_words(query)
    if not words:
        return [], 0, False
    with site.services.ctx.read() as s:
        tokens = sorted((t.token, t.youth_id) for t in s.exec(select(YouthToken)))
        names = {y.id: y.fold_name for y in s.exec(select(Youth)) if not y.deleted}
    ids: set[str] | None = None
    exact: dict[str, int] = defaultdict(int)
    capped = False
    for w in sorted(words, key=len, reverse=True):
        hits = [(t, y) for t, y in tokens if t.startswith(w) and (ids is None or y in ids)][:cap]
        capped = capped or len(hits) >= cap
        for t, y in hits:
            exact[y] += t == w
        ids = {y for _t, y in hits}
        if not ids:
            return [], 0, False
    assert ids is not None
    found = [i for i in ids if i in names]
    ranked = sorted(found, key=lambda i: (-exact[i], not names[i].startswith(words[0]), names[i], i))
    return ranked[:limit], len(found), capped


def _search(site: TestSite, query: str, limit: int) -> tuple[list[str], int, bool]:
    m = site.services.youths.matches(query, limit=limit)
    return [y.id for y in m.youths], m.total, m.at_least


def test_the_ranked_search_matches_the_model_and_the_other_reading(
    site: TestSite, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(site)
    served: list[object] = []
    ranked = youths_service.pg_ranked_youths

    def spy(*args: object, **kwargs: object) -> object:
        served.append(out := ranked(*args, **kwargs))  # type: ignore[arg-type]
        return out

    monkeypatch.setattr(youths_service, "pg_ranked_youths", spy)
    cap = youths_service.MAX_CANDIDATES * 4
    compared = 0
    for query in _queries():
        for limit in (20, 3):
            got = _search(site, query, limit)
            assert got == _model(site, query, cap, limit), (query, limit)
            compared += bool(got[1])
            if engine == "postgresql":  # the reading it replaces finds the same
                with monkeypatch.context() as m:
                    m.setattr(youths_service, "pg_ranked_youths", lambda *a, **k: None)
                    assert _search(site, query, limit) == got, (query, limit)
    assert compared > 60
    assert (served[0] is not None) is (engine == "postgresql")  # the server's ranking is the one used


@pytest.mark.postgresql_only
def test_the_ranked_search_stops_at_the_cap_in_key_order(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A very short query reads at most `cap` tokens per word, the first in (token, youth_id) order
    (as SQLite's scan of the same key gives them): the shown lines, the count and « at least »."""
    _fill(site)
    monkeypatch.setattr(youths_service, "MAX_CANDIDATES", 3)  # 12 token rows per word
    seen_capped = False
    for query in ("d", "m", "dia", "ma d", "d m", "mar", "m a", "zzz"):
        for limit in (20, 5):
            got = _search(site, query, limit)
            assert got == _model(site, query, 12, limit), (query, limit)
            seen_capped = seen_capped or got[2]
    assert seen_capped
