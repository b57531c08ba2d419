"""The youth search ranked by the server in one statement (`storage.pg_search`) finds, counts and orders
what the service's own reading finds, counts and orders, on both engines: each is compared with a plain
model of the search (every word a prefix of a token, longest word first, at most `cap` token rows per
word in (token, youth_id) order, words equal to a whole token first, then names starting with the first
word typed, then the folded name and id), and on a server with the reading it replaces."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

import pytest
from sqlmodel import select

from mlplanner.domain.enums import Programme
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
                draft=YouthDraft(
                    first_name=first,
                    last_name=last,
                    phone=phone,
                    external_id=f"EXT{n}",
                    birth_date=date(2004 + n % 5, 1 + n % 12, 1 + n % 28) if n % 4 else None,
                    programme=Programme.CEJ if n % 5 == 0 else Programme.NONE,
                    programme_start=date(2026, 1 + n % 12, 1) if n % 5 == 0 else None,
                    sms_consent=n % 2 == 0,
                ),
                confirm_duplicate=True,
            )
    with site.services.ctx.write() as s:  # deleted youths: neither shown nor counted
        for row in s.exec(select(Youth).where(Youth.last_name == "Diarra", Youth.first_name == "Ma")):
            row.deleted = True
            # rows a deleted youth kept from an older version (`reindex` writes none): without the
            # name and token list, as migration 0016 leaves them
            s.execute(
                YouthToken.__table__.update()
                .where(YouthToken.__table__.c.youth_id == row.id)
                .values(fold_name=None, tokens=None)
            )


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
            if engine == "postgresql":  # the reading it replaces finds and shows the same
                served_matches = site.services.youths.matches(query, limit=limit)
                with monkeypatch.context() as m:
                    m.setattr(youths_service, "pg_ranked_youths", lambda *a, **k: None)
                    assert _search(site, query, limit) == got, (query, limit)
                    assert site.services.youths.matches(query, limit=limit) == served_matches
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


def _rows_carry_their_youth(site: TestSite) -> None:
    """Every search row holds its youth's folded name and the whole list of its tokens (the youth's
    rows, space-separated); a deleted or merged youth has no row."""
    with site.services.ctx.read() as s:
        youths = {y.id: y for y in s.exec(select(Youth))}
        rows = list(s.exec(select(YouthToken)))
    per_youth: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        per_youth[r.youth_id].add(r.token)
    for r in rows:
        youth = youths[r.youth_id]
        if youth.deleted:  # only the older version's leftovers of `_fill`: nothing to rank them by
            assert r.fold_name is None and r.tokens is None, r
            continue
        assert not youth.merged_into_id
        assert r.fold_name == youth.fold_name, r
        assert r.tokens is not None and sorted(r.tokens.split(" ")) == sorted(per_youth[r.youth_id]), r
    assert per_youth


def test_search_rows_carry_their_youths_name_and_tokens(site: TestSite) -> None:
    """What the server's ranking reads instead of each candidate's `youth` row and tokens
    (`storage.pg_search`), kept right by every edit: created, renamed to the same tokens
    (« Jean-Pierre » / « Jean Pierre »: another folded name), phone changed, merged."""
    _fill(site)
    _rows_carry_their_youth(site)
    youths = site.services.youths
    jp = youths.add(
        actor=site.receptionist,
        draft=YouthDraft(first_name="Jean-Pierre", last_name="Diallo", phone="06 99 88 77 66"),
        confirm_duplicate=True,
    ).youth
    youths.update(
        actor=site.receptionist,
        youth_id=jp.id,
        draft=YouthDraft(first_name="Jean Pierre", last_name="Diallo", phone="07 11 22 33 44"),
    )
    _rows_carry_their_youth(site)
    with site.services.ctx.read() as s:
        assert {r.fold_name for r in s.exec(select(YouthToken).where(YouthToken.youth_id == jp.id))} == {
            "diallo jean pierre"
        }
    twin = youths.add(
        actor=site.receptionist,
        draft=YouthDraft(first_name="Jean Pierre", last_name="Diallo"),
        confirm_duplicate=True,
    ).youth
    youths.merge(actor=site.lead, keep_id=jp.id, drop_id=twin.id)
    _rows_carry_their_youth(site)
    with site.services.ctx.read() as s:
        assert s.exec(select(YouthToken).where(YouthToken.youth_id == twin.id)).first() is None


def test_the_ranked_search_reads_rows_without_names_as_before(
    site: TestSite, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows without their youth's name or token list (NULL: left so by the migration for a deleted
    youth's rows, or a list that spaces could not split) are read from `youth` and from the token
    index as every row was: the same lines, count and « at least » as the model, with a lowered cap
    too; a deleted youth's leftover rows stay out."""
    _fill(site)
    with site.services.ctx.write() as s:  # (the deleted youth's leftover rows: `_fill`)
        ids = sorted(y.id for y in s.exec(select(Youth)))
        conn = s.connection()
        no_name = ids[::3]
        no_list = ids[1::3]
        conn.execute(
            YouthToken.__table__.update()
            .where(YouthToken.__table__.c.youth_id.in_(no_name))
            .values(fold_name=None, tokens=None)
        )
        conn.execute(
            YouthToken.__table__.update()
            .where(YouthToken.__table__.c.youth_id.in_(no_list))
            .values(tokens=None)
        )
    for query in _queries():
        for limit in (20, 3):
            assert _search(site, query, limit) == _model(site, query, 400 * 4, limit), (query, limit)
    monkeypatch.setattr(youths_service, "MAX_CANDIDATES", 3)
    for query in ("d", "m", "dia", "ma d", "d m", "mar", "m a", "diarra ma"):
        for limit in (20, 5):
            assert _search(site, query, limit) == _model(site, query, 12, limit), (query, limit)


def test_migration_0016_fills_a_servers_rows_and_leaves_a_files(site: TestSite, engine: str) -> None:
    """Upgrading to 0016: on a server every live youth's rows get its name and token list (its search
    reads them), a deleted youth's leftover rows none; a site file's rows stay NULL (SQLite does not
    read them: no rewrite of a large file at start-up). Either way the search finds what it found."""
    from alembic import command

    from mlplanner.storage.migrate import alembic_config, current_revision, head_revision, upgrade

    _fill(site)
    db = site.services.ctx.db
    db.engine.dispose()
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0015_youth_merged_into_index")
    db.engine.dispose()
    upgrade(db)
    assert current_revision(db) == head_revision()
    db.engine.dispose()
    if engine == "postgresql":
        _rows_carry_their_youth(site)
    else:
        with site.services.ctx.read() as s:
            rows = list(s.exec(select(YouthToken)))
        assert rows and all(r.fold_name is None and r.tokens is None for r in rows)
    for query in _queries():
        assert _search(site, query, 20) == _model(site, query, 400 * 4, 20), query


def test_a_view_read_column_by_column_is_the_rows_view(site: TestSite) -> None:
    """The server's search reads the rows shown as `YOUTH_VIEW_COLUMNS` (`storage.pg_search`): the
    same views as the rows read whole, every field, in `YouthView`'s order."""
    from dataclasses import fields

    from mlplanner.domain.models import YouthView
    from mlplanner.services.views import YOUTH_VIEW_COLUMNS, youth_view, youth_view_of

    assert tuple(f.name for f in fields(YouthView)) == YOUTH_VIEW_COLUMNS
    _fill(site)
    with site.services.ctx.read() as s:
        rows = list(s.exec(select(Youth)))
    assert rows
    for row in rows:
        assert youth_view_of([getattr(row, c) for c in YOUTH_VIEW_COLUMNS]) == youth_view(row)


@pytest.mark.postgresql_only
def test_a_keystroke_on_the_server_is_one_statement(site: TestSite) -> None:
    """The ranking and the rows shown come back together: nothing else is read through SQLAlchemy
    (before: the twenty rows shown, read by id in a second statement)."""
    from sqlalchemy import event

    _fill(site)
    sent: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_a: object) -> None:
        sent.append(statement)

    engine = site.services.ctx.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        found = site.services.youths.matches("diallo m", limit=5)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert found.total == 4 and len(found.youths) == 4  # Ma, Mamadou, Mariam, Marie-Anne
    assert sent == []
