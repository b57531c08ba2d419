"""Property: whatever the PC clocks say (years off, forward and back), whatever stamps arrive (forged,
far in the future, at the counter's limit, malformed), every edit a site makes leaves in its next
change set. Before stamps were bounded, one stamp from 2199 made the counter overflow its width and
the site's later edits sorted below its export cursor: "0 modification(s) envoyée(s)", forever."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.hlc import COUNTER_MAX, MAX_AHEAD_MS, Stamp
from mlplanner.domain.text import fold
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.services.directory.service import SiteSetup
from mlplanner.services.sync.service import SyncService
from mlplanner.storage.tables import Youth
from mlplanner.sync.changeset import existing_seqs

from .conftest import START, open_site
from .forge import rewrite, seq_dir

CODES = ("S1", "S2")
YEAR_MS = 365 * 24 * 3600 * 1000


@pytest.fixture(scope="module")
def bare_pair(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bare-pair")
    out = {}
    for code in CODES:
        path = root / f"{code}.sqlite3"
        sv = Services.open(path, FixedClock(START))
        sv.directory.create_site(SiteSetup(code=code, name=f"Site {code}"))
        SyncService(sv.ctx).allow_sites(actor=SYSTEM_ACTOR, codes=list(CODES))
        sv.close()
        out[code] = path
    return out


offsets = st.one_of(
    st.integers(-3 * 24 * 3600 * 1000, 3 * 24 * 3600 * 1000),  # a few days either way
    st.integers(-120 * YEAR_MS, 170 * YEAR_MS),  # a PC that says 1907 or 2197
)


def _forged(now_ms: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just("999999999999999.99998.S2"),
        st.integers(0, 10**15 - 1).map(lambda p: f"{p:015d}.99999.S2"),
        st.integers(-MAX_AHEAD_MS, MAX_AHEAD_MS).map(lambda d: str(Stamp(now_ms + d, COUNTER_MAX - 3, "S2"))),
        st.integers(0, 10**6).map(lambda c: f"{now_ms:015d}.{c}.S2"),
        st.text(max_size=20),
    )


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 3), offsets),
        st.tuples(st.just("peer"), st.integers(0, 3), offsets),
        st.tuples(st.just("forge"), st.integers(0, 4), st.data()),
        st.tuples(st.just("sync"), st.just(0), st.just(0)),
    ),
    min_size=3,
    max_size=14,
)


def _sent(share: Path, code: str) -> set[tuple[str, str]]:
    """(id, stamp) of every youth version in the site's change sets."""
    found = set()
    for seq in existing_seqs(share, code):
        path = seq_dir(share, code, seq) / "youth.csv"
        if path.exists():
            rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
            found |= {(r["id"], r["hlc"]) for r in rows}
    return found


NAMES = {"S1": "Sa", "S2": "Sb"}  # a name holds no digits (domain/fields.py)


def _own_versions(site, code: str) -> set[tuple[str, str]]:
    with site.services.ctx.read() as s:
        return {(r.id, r.hlc) for r in s.exec(select(Youth).where(Youth.origin_site == code)).scalars()}


def _edit(site, index: int, text: str) -> None:
    with site.services.ctx.write() as s:
        rows = s.exec(select(Youth).order_by(Youth.first_name)).scalars().all()
        row = rows[index % len(rows)]
        row.email = text
        s.add(row)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_every_local_edit_is_exported_whatever_the_clocks_and_stamps(
    bare_pair: dict[str, Path], ops: list
) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="mlp-stamps-"))
    share = tmp / "share"
    share.mkdir()
    sites = []
    for code in CODES:
        shutil.copyfile(bare_pair[code], tmp / f"{code}.sqlite3")
        sites.append(open_site(tmp / f"{code}.sqlite3", code, FixedClock(START)))
    me, peer = sites
    try:
        for site, code in ((me, "S1"), (peer, "S2")):
            with site.services.ctx.write() as s:
                site_id = site.services.ctx.site_row(s).id
                for n in range(2):
                    s.add(
                        Youth(
                            site_id=site_id,
                            first_name=f"{NAMES[code]}-{'ab'[n]}",
                            last_name="T",
                            fold_name=fold("t"),
                        )
                    )
        for site in (me, peer, me):
            site.sync.sync(folder=share)
        for n, (op, i, arg) in enumerate(ops, start=1):
            if op == "edit":
                me.clock.at = START + timedelta(milliseconds=arg)
                _edit(me, i, f"s1-{n}@exemple.fr")
            elif op == "peer":
                peer.clock.at = START + timedelta(milliseconds=arg)
                _edit(peer, i, f"s2-{n}@exemple.fr")
                peer.sync.sync(folder=share)
            elif op == "forge":
                seqs = existing_seqs(share, "S2")
                now_ms = int(me.clock.now_utc().timestamp() * 1000)
                stamp = arg.draw(_forged(now_ms))
                rewrite(seq_dir(share, "S2", seqs[i % len(seqs)]), rows=lambda t, r, h=stamp: {**r, "hlc": h})
            else:
                report = me.sync.sync(folder=share)
                assert {r.code for r in report.refused} <= {"cs_future", "cs_invalid"}
                assert _own_versions(me, "S1") <= _sent(share, "S1")
        me.sync.sync(folder=share)
        assert _own_versions(me, "S1") <= _sent(share, "S1")
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(tmp, ignore_errors=True)


def test_the_clock_bound_is_what_a_wrong_time_zone_needs() -> None:
    """14 hours (a PC set to the wrong zone) are accepted; two days are not."""
    now = datetime(2027, 3, 1, tzinfo=UTC)
    now_ms = int(now.timestamp() * 1000)
    assert 14 * 3600 * 1000 < MAX_AHEAD_MS < 2 * 24 * 3600 * 1000
    assert Stamp(now_ms + MAX_AHEAD_MS, 0, "S2").instant == now + timedelta(milliseconds=MAX_AHEAD_MS)
