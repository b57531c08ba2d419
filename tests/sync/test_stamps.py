"""Stamps keep their order in every case: counter carry, strict reading, a bound on how far ahead a
stamp from another site may be; a forged or far-future change set is refused and the site's own edits
keep leaving."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from mlplanner.domain.hlc import COUNTER_MAX, MAX_AHEAD_MS, BadStamp, HybridClock, Stamp
from mlplanner.storage.tables import Youth
from mlplanner.sync.changeset import existing_seqs

from .conftest import Site
from .forge import rewrite, seq_dir

# --- the clock itself -----------------------------------------------------------------------------


def test_counter_carries_into_the_physical_part_and_text_order_holds() -> None:
    clock = HybridClock("PARIS13")
    clock.observe(Stamp(1_000, COUNTER_MAX - 2, "LYON"))
    stamps = [clock.tick(5) for _ in range(6)]  # the PC clock is behind: the counter runs
    texts = [str(s) for s in stamps]
    assert texts == sorted(texts) and len(set(texts)) == 6
    assert all(len(t.split(".")[1]) == 5 for t in texts)
    assert stamps[2] == Stamp(1_001, 0, "PARIS13")


@given(
    start=st.integers(0, 10**15 - 10**6),
    counter=st.integers(0, COUNTER_MAX),
    nows=st.lists(st.integers(0, 10**15 - 10**6), min_size=1, max_size=300),
)
def test_ticks_always_grow_in_text_order(start: int, counter: int, nows: list[int]) -> None:
    clock = HybridClock("S1", Stamp(start, counter, "S1"))
    previous = str(clock.last)
    for now in nows:
        text = str(clock.tick(now))
        assert text > previous and Stamp.parse(text)
        previous = text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "999999999999999.100000.LYON",  # a counter wider than 5 digits breaks text order
        "1.2.LYON",
        "000000000000001.00002.",
        "000000000000001.00002.LY ON",
        "000000000000001.00002.LYON.X",
        "-00000000000001.00002.LYON",
        "０００００００００００００1.00002.LYON",
    ],
)
def test_strict_reading_refuses_malformed_stamps(text: str) -> None:
    with pytest.raises(BadStamp):
        Stamp.parse(text)


def test_lenient_reading_of_a_wide_counter_left_by_an_older_version() -> None:
    old = Stamp.parse_lenient("000000000001000.100001.PARIS13")
    assert old == Stamp(1_001, 1, "PARIS13")
    clock = HybridClock("PARIS13")
    clock.observe("000000000001000.100001.PARIS13")
    assert str(clock.tick(0)) > "000000000001001.00000.PARIS13"
    assert Stamp.parse_lenient("nonsense") is None
    clock.observe("nonsense")  # ignored, not an error that would stop every write


# --- change sets with stamps from the future ------------------------------------------------------


def _first_youth(site: Site, origin: str) -> Youth:
    with site.services.ctx.read() as s:
        q = select(Youth).where(Youth.origin_site == origin, Youth.deleted == False).order_by(Youth.id)
        return s.exec(q).scalars().first()


def _edit(site: Site, youth_id: str, **fields: object) -> None:
    with site.services.ctx.write() as s:
        row = s.get(Youth, youth_id)
        for k, v in fields.items():
            setattr(row, k, v)
        s.add(row)


def _forge_last_stamps(share: Path, site: str, stamp: str) -> None:
    seq = max(existing_seqs(share, site))
    rewrite(seq_dir(share, site, seq), rows=lambda t, r: {**r, "hlc": stamp} if t == "youth" else r)


@pytest.mark.parametrize(
    "stamp",
    ["999999999999999.99998.LYON", "007258118400000.00000.LYON"],  # forged; a PC that says 2199
)
def test_a_change_set_from_the_far_future_is_refused_and_local_edits_keep_leaving(
    sites: dict[str, Site], share: Path, stamp: str
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.sync.sync(folder=share)
    _edit(lyon, _first_youth(lyon, "LYON").id, email="forge@example.org")
    lyon.sync.sync(folder=share)
    _forge_last_stamps(share, "LYON", stamp)

    report = paris.sync.sync(folder=share)
    assert [r.code for r in report.refused] == ["cs_future"]
    assert "futur" in report.refused[0].message and "horloge" in report.refused[0].message
    with paris.services.ctx.read() as s:
        assert s.exec(select(Youth).where(Youth.email == "forge@example.org")).first() is None
    mine = _first_youth(paris, "PARIS13").id
    for i in range(4):  # every later edit of Paris still leaves (it used to sort below the cursor)
        _edit(paris, mine, email=f"p{i}@example.org")
        assert paris.sync.sync(folder=share).exported_rows == 1


def test_a_stamp_a_few_hours_ahead_is_accepted_and_the_edit_after_it_wins(
    sites: dict[str, Site], share: Path
) -> None:
    """A PC a few hours ahead (a wrong time zone) is within the bound: its edits flow, and an edit made
    after seeing one still wins over it."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.sync.sync(folder=share)
    youth = _first_youth(lyon, "LYON").id
    _edit(lyon, youth, email="lyon@example.org")
    lyon.sync.sync(folder=share)
    now_ms = int(paris.clock.now_utc().timestamp() * 1000)
    _forge_last_stamps(share, "LYON", str(Stamp(now_ms + MAX_AHEAD_MS - 60_000, 7, "LYON")))
    assert paris.sync.sync(folder=share).ok
    _edit(paris, youth, email="paris@example.org")
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.read() as s:
        assert s.get(Youth, youth).email == "paris@example.org"


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("hlc", "abc", "cs_invalid"),
        ("hlc", "000000000000001.00002.PARIS13", "cs_invalid"),  # a stamp of another site
        ("_base", "not a stamp", "cs_invalid"),
        ("id", "x" * 37, "cs_invalid"),
        ("first_name", "Nul\x00le", "cs_invalid"),
        ("first_name", "Ligne\nbrisée", "cs_invalid"),
        ("first_name", "é" * 81, "cs_invalid"),
        ("email", "\x1b[31mrouge", "cs_invalid"),
        ("programme", "XYZ", "cs_invalid"),
        ("birth_date", "0001-01-01", "cs_invalid"),
        ("created_at", "9999-12-31T00:00:00+00:00", "cs_invalid"),
    ],
)
def test_a_malformed_field_refuses_the_change_set_and_the_others_flow(
    sites: dict[str, Site], share: Path, column: str, value: str, code: str
) -> None:
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    lyon.sync.sync(folder=share)
    lille.sync.sync(folder=share)
    first = [True]

    def damage(table: str, row: dict[str, str]) -> dict[str, str]:
        if table == "youth" and first[0]:
            first[0] = False
            return {**row, column: value}
        return row

    rewrite(seq_dir(share, "LYON", 1), rows=damage)
    report = paris.sync.sync(folder=share)
    assert [(r.site, r.code) for r in report.refused] == [("LYON", code)]
    assert f"« {column} »" in report.refused[0].message and "ligne 2" in report.refused[0].message
    assert [a[:2] for a in report.applied] == [("LILLE", 1)]
