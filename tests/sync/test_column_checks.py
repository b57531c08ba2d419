"""The change-set checks and decoders work on whole columns (C-level passes over tens of thousands of
fields); they must refuse exactly what checking one field at a time refuses, naming the same first field.
The reference here is the rule as documented, one value at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.domain.hlc import MAX_AHEAD_MS, BadStamp, Stamp
from mlplanner.services.sync.schema import by_name
from mlplanner.services.sync.validate import (
    _BAD_TEXT,
    _LINE_BREAKS,
    YEARS,
    Context,
    Invalid,
    check_bases,
    column_checks,
)
from mlplanner.sync.codec import NULL, BadValue, ColumnSpec, decode_column, decoder_for, encode, encode_column

NOW_MS = 1_796_626_800_000
SENDER = "PARIS18"
CTX = Context("appointment", SENDER, NOW_MS)


def _first_bad(values: list, bad) -> int | None:  # type: ignore[no-untyped-def]
    return next((i for i, v in enumerate(values) if v is not None and bad(v)), None)


def _outcome(check, values: list) -> tuple[str, int] | None:  # type: ignore[no-untyped-def]
    try:
        check(values)
    except Invalid as exc:
        return exc.column, exc.index
    return None


def _stamp_bad(optional: bool, own_site: bool):  # type: ignore[no-untyped-def]
    def bad(v: str) -> bool:
        if optional and v == "":
            return False
        try:
            s = Stamp.parse(v)
        except BadStamp:
            return True
        return (own_site and s.site != SENDER) or s.physical_ms > NOW_MS + MAX_AHEAD_MS

    return bad


# Arabic-Indic digits are \d too (and int() reads them): a stamp written with them sorts differently
ODD = str.maketrans("35", "٣۵")
stamps = st.one_of(
    st.builds(
        lambda p, c, s: f"{p:015d}.{c:05d}.{s}",
        st.integers(NOW_MS - 10**9, NOW_MS + MAX_AHEAD_MS + 10**6),
        st.integers(0, 99_999),
        st.sampled_from([SENDER, "PARIS20", "PARIS1", "XPARIS18", "PARIS18\n"]),
    ),
    st.builds(
        lambda p, c: f"{p:015d}".translate(ODD) + f".{c:05d}." + SENDER,
        st.integers(NOW_MS - 10**9, NOW_MS + MAX_AHEAD_MS + 10**6),
        st.integers(0, 99_999),
    ),
    st.sampled_from(["", "x", "999999999999999.99999." + SENDER, "1.1." + SENDER]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(stamps, min_size=1, max_size=8))
def test_stamps_are_refused_as_one_at_a_time(values: list[str]) -> None:
    hlc = column_checks(by_name()["appointment"], CTX)["hlc"]
    expected = _first_bad(values, _stamp_bad(False, True))
    assert _outcome(hlc, values) == (None if expected is None else ("hlc", expected))
    expected = _first_bad(values, _stamp_bad(True, False))
    assert _outcome(lambda v: check_bases(v, CTX), values) == (
        None if expected is None else ("_base", expected)
    )


ids = st.one_of(
    st.uuids().map(str),
    st.none(),
    st.sampled_from(["", "a\nb", "é", "x" * 37, "x" * 36, "abc-DEF-123", "a b", "-", "٣", "a_b"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ids, min_size=1, max_size=8))
def test_ids_are_refused_as_one_at_a_time(values: list[str | None]) -> None:
    checks = column_checks(by_name()["appointment"], CTX)
    bad = _first_bad(
        values,
        lambda v: not (1 <= len(v) <= 36 and all(c.isascii() and (c.isalnum() or c == "-") for c in v)),
    )
    assert _outcome(checks["youth_id"], values) == (None if bad is None else ("youth_id", bad))
    # an actor's id may be empty (the system); the first check of `created_by` is its shape
    bad = _first_bad(
        values,
        lambda v: not (len(v) <= 36 and all(c.isascii() and (c.isalnum() or c == "-") for c in v)),
    )
    assert _outcome(checks["created_by"], values) == (None if bad is None else ("created_by", bad))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-5, 2_000_000)), min_size=1, max_size=8))
def test_numbers_are_refused_as_one_at_a_time(values: list[int | None]) -> None:
    checks = column_checks(by_name()["workshop_session"], CTX)
    bad = _first_bad(values, lambda v: not 0 <= v <= 1_000_000)
    assert _outcome(checks["capacity"], values) == (None if bad is None else ("capacity", bad))


when = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.replace(tzinfo=UTC)
    ),
    st.sampled_from([datetime(1899, 12, 31, 23, tzinfo=UTC), datetime(2201, 1, 1, tzinfo=UTC)]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(when, min_size=1, max_size=8))
def test_years_are_refused_as_one_at_a_time(values: list[datetime | None]) -> None:
    checks = column_checks(by_name()["appointment"], CTX)
    low, high = YEARS
    bad = _first_bad(values, lambda v: not low <= v.year <= high)
    assert _outcome(checks["updated_at"], values) == (None if bad is None else ("updated_at", bad))


# --- decoding whole columns -------------------------------------------------------------------------

TEXTS = {
    "str": st.one_of(st.text(max_size=6), st.sampled_from([NULL, "\\\\N", "\\=1", "\\", "a\\b", "\\x"])),
    "int": st.one_of(st.integers(-10, 10**7).map(str), st.sampled_from([NULL, "x", " 7", "1_0", "٣"])),
    "bool": st.sampled_from(["0", "1", NULL, "2", "", "True"]),
    "date": st.one_of(st.dates().map(date.isoformat), st.sampled_from([NULL, "2027-13-01", "20270301"])),
    "datetime": st.one_of(
        st.datetimes().map(datetime.isoformat),
        st.sampled_from([NULL, "2027-03-01T08:00:00+00:00", "2027-03-01 08:00", "x"]),
    ),
    "instant": st.one_of(
        st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))])).map(datetime.isoformat),
        st.sampled_from([NULL, "2027-03-01T08:00:00", "2027-03-01T08:00:00Z", "2027-03-01T08:00:00-00:00"]),
    ),
}


@pytest.mark.parametrize("kind", sorted(TEXTS))
@pytest.mark.parametrize("nullable", [True, False])
def test_columns_decode_as_one_value_at_a_time(kind: str, nullable: bool) -> None:
    spec = ColumnSpec("champ", kind, nullable)  # type: ignore[arg-type]
    one = decoder_for(spec)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(TEXTS[kind], min_size=1, max_size=6))
    def check(texts: list[str]) -> None:
        try:
            expected: object = [one(t) for t in texts]
        except BadValue as exc:
            expected = BadValue
            expected_message = "champ: NULL" if NULL in texts and not nullable else str(exc)
        try:
            got: object = decode_column(texts, spec)
        except BadValue as exc:
            assert expected is BadValue and str(exc) == expected_message
            return
        assert got == expected
        assert [type(v) for v in got] == [type(v) for v in expected]  # type: ignore[union-attr]
        if kind == "instant":
            assert all(v is None or v.tzinfo is UTC for v in got)  # type: ignore[union-attr]

    check()


VALUES = {
    "str": st.one_of(st.none(), st.text(max_size=5), st.sampled_from(["\\N", "=1", "-2", "@x", "\tx", "\\"])),
    "int": st.one_of(st.none(), st.integers(-(10**6), 10**9), st.booleans()),
    "bool": st.one_of(st.none(), st.booleans(), st.sampled_from([0, 1])),
    "date": st.one_of(st.none(), st.dates()),
    "datetime": st.one_of(st.none(), st.datetimes()),
    "instant": st.one_of(
        st.none(),
        st.datetimes(),  # naive: UTC, as read back from SQLite
        st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))])),
    ),
}


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_columns_encode_as_one_value_at_a_time(kind: str) -> None:
    spec = ColumnSpec("champ", kind, nullable=True)  # type: ignore[arg-type]

    @settings(max_examples=150, deadline=None)
    @given(st.lists(VALUES[kind], min_size=1, max_size=6))
    def check(values: list[object]) -> None:
        assert encode_column(values, spec) == [encode(v, kind) for v in values]

    check()


def test_printable_text_holds_nothing_the_text_check_refuses() -> None:
    """The text check skips its searches when a whole column is printable (`str.isprintable`, C-level):
    no printable character is a control, a line break, a non-character or a surrogate."""
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert _BAD_TEXT.search(printable) is None and _LINE_BREAKS.search(printable) is None


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        (["Dupont", "Le\u00a0Goff"], None),  # a no-break space: not printable, and allowed
        (["Dupont", "Le\u00a0Goff", "A\x01"], 2),
        (["Dupont", "Le\u2028Goff"], 1),
        (["Dupont", "Le Goff\x7f"], 1),
    ],
)
def test_text_columns_are_refused_as_one_at_a_time(values: list[str], refused: int | None) -> None:
    check = column_checks(by_name()["youth"], Context("youth", SENDER, NOW_MS))["last_name"]
    assert _outcome(check, values) == (None if refused is None else ("last_name", refused))
