"""Fuzzing the change-set reader: whatever the folder holds, reading and decoding a change set either
succeeds or refuses it (`ChangeSetRefused`, a French sentence) — never another exception, which would
stop the sync of every later change set."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlplanner.services.sync.decode import decode_change_set
from mlplanner.sync.changeset import MANIFEST, ChangeSetRef, read_change_set
from mlplanner.sync.errors import ChangeSetRefused

from .conftest import open_site
from .forge import make_writable, read_rows, rewrite

NOW_MS = int(datetime(2027, 3, 1, 9, tzinfo=UTC).timestamp() * 1000)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# The change-set reader reads files: the engine behind the site does not matter here.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def seed_set(demo_templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real change set of LYON (its first export: every table)."""
    root = tmp_path_factory.mktemp("fuzz-seed")
    shutil.copyfile(demo_templates["LYON"], root / "LYON.sqlite3")
    share = root / "share"
    share.mkdir()
    site = open_site(root / "LYON.sqlite3", "LYON")
    try:
        site.sync.sync(folder=share)
    finally:
        site.close()
    return share / "LYON" / "00000001"


def _copy(seed: Path) -> tuple[Path, ChangeSetRef]:
    tmp = Path(tempfile.mkdtemp(prefix="mlp-fuzz-"))
    dest = tmp / "LYON" / "00000001"
    shutil.copytree(seed, dest)
    make_writable(dest)
    return tmp, ChangeSetRef("LYON", 1, dest)


def _read_and_decode(ref: ChangeSetRef) -> None:
    try:
        decode_change_set(read_change_set(ref), now_ms=NOW_MS)
    except ChangeSetRefused as exc:
        assert exc.message.startswith("Le lot n° 1 du site LYON"), exc.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
MANIFEST_KEYS = [
    "format",
    "format_version",
    "site",
    "seq",
    "schema",
    "created_at",
    "max_hlc",
    "encrypted",
    "tables",
]
TABLE_KEYS = ["name", "file", "columns", "rows", "sha256"]


@FUZZ
@given(
    top=st.dictionaries(st.sampled_from(MANIFEST_KEYS), json_values, max_size=3),
    table=st.dictionaries(st.sampled_from(TABLE_KEYS), json_values, max_size=2),
    drop=st.lists(st.sampled_from(MANIFEST_KEYS), max_size=2),
)
def test_any_manifest_is_read_or_refused(seed_set: Path, top: dict, table: dict, drop: list) -> None:
    tmp, ref = _copy(seed_set)
    try:
        data = json.loads((ref.path / MANIFEST).read_text("utf-8"))
        data.update(top)
        for key in drop:
            data.pop(key, None)
        if isinstance(data.get("tables"), list) and data["tables"] and isinstance(data["tables"][0], dict):
            data["tables"][0].update(table)
        (ref.path / MANIFEST).write_text(json.dumps(data), "utf-8")
        _read_and_decode(ref)
    finally:
        shutil.rmtree(tmp)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_manifest_bytes_are_read_or_refused(seed_set: Path, raw: bytes) -> None:
    tmp, ref = _copy(seed_set)
    try:
        (ref.path / MANIFEST).write_bytes(raw)
        _read_and_decode(ref)
    finally:
        shutil.rmtree(tmp)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 60), st.text(max_size=40)), min_size=1, max_size=5
    ),
    table_pick=st.integers(0, 20),
)
def test_any_field_value_is_read_or_refused(seed_set: Path, edits: list, table_pick: int) -> None:
    """Valid checksums (a forger recomputes them): only the checks of each field stand in the way."""
    tmp, ref = _copy(seed_set)
    try:
        files = sorted(ref.path.glob("*.csv"))
        target = files[table_pick % len(files)].stem
        header, body = read_rows(ref.path / f"{target}.csv")
        plan: dict[tuple[int, int], str] = {}
        for row, col, value in edits:
            plan[(row % max(1, len(body)), col % len(header))] = value
        position = {"i": 0}

        def edit(name: str, row: dict[str, str]) -> dict[str, str]:
            if name != target:
                return row
            i = position["i"]
            position["i"] += 1
            for (r, c), value in plan.items():
                if r == i:
                    row = {**row, header[c]: value}
            return row

        rewrite(ref.path, rows=edit)
        _read_and_decode(ref)
    finally:
        shutil.rmtree(tmp)


@FUZZ
@given(
    cut=st.integers(0, 5_000), flip=st.integers(0, 5_000), byte=st.integers(0, 255), which=st.integers(0, 20)
)
def test_any_damaged_file_is_refused(seed_set: Path, cut: int, flip: int, byte: int, which: int) -> None:
    tmp, ref = _copy(seed_set)
    try:
        files = sorted(p for p in ref.path.iterdir())
        path = files[which % len(files)]
        data = bytearray(path.read_bytes())
        if data:
            data[flip % len(data)] = byte
        path.write_bytes(bytes(data[: len(data) - cut % (len(data) + 1)]))
        _read_and_decode(ref)
    finally:
        shutil.rmtree(tmp)
