"""Change-set files: round trip, atomicity, and every way a damaged or forged set is refused."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlplanner.sync import codec
from mlplanner.sync.changeset import (
    MANIFEST,
    TableData,
    cleanup_temporaries,
    csv_bytes,
    existing_seqs,
    list_change_sets,
    parse_csv,
    read_change_set,
    write_change_set,
)
from mlplanner.sync.errors import ChangeSetRefused

ROWS = [["a1", "Éloïse", 'ligne 1\nligne 2; avec ; des "guillemets"'], ["a2", "", "\\N"]]


def _write(folder: Path, *, seq: int = 1, passphrase: str | None = None) -> Path:
    return write_change_set(
        folder,
        site="LYON",
        seq=seq,
        schema="0001",
        created_at="2027-03-01T08:00:00+00:00",
        tables=[TableData("youth", ("id", "first_name", "notes"), ROWS)],
        max_hlc="",
        passphrase=passphrase,
    )


def test_round_trip(tmp_path: Path) -> None:
    _write(tmp_path)
    (ref,) = list_change_sets(tmp_path)
    cs = read_change_set(ref)
    assert (ref.site, ref.seq) == ("LYON", 1)
    assert cs.tables["youth"].rows == ROWS
    assert cs.manifest.tables[0].rows == 2
    assert (
        (tmp_path / "LYON" / "00000001" / "youth.csv").read_bytes().startswith(b"\xef\xbb\xbfid;first_name")
    )


def test_own_site_excluded_and_temporaries_ignored(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "LYON" / ".tmp-00000002-99").mkdir()
    assert [r.seq for r in list_change_sets(tmp_path)] == [1]
    assert list_change_sets(tmp_path, exclude_site="LYON") == []
    cleanup_temporaries(tmp_path, "LYON")
    assert not (tmp_path / "LYON" / ".tmp-00000002-99").exists()
    assert existing_seqs(tmp_path, "LYON") == [1]


def test_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mlplanner.sync.changeset as mod

    calls = {"n": 0}
    real = mod.write_synced

    def full_disk(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(mod, "write_synced", full_disk)
    with pytest.raises(OSError):
        _write(tmp_path)
    assert list((tmp_path / "LYON").iterdir()) == []


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (lambda d: (d / "youth.csv").write_bytes((d / "youth.csv").read_bytes()[:-9]), "cs_damaged"),
        (lambda d: (d / "youth.csv").unlink(), "cs_incomplete"),
        (lambda d: (d / MANIFEST).unlink(), "cs_incomplete"),
        (lambda d: (d / MANIFEST).write_text("{ not json", "utf-8"), "cs_damaged"),
        (
            lambda d: (d / "youth.csv").write_bytes((d / "youth.csv").read_bytes().replace(b"a2", b"a3")),
            "cs_damaged",
        ),
    ],
)
def test_damaged_change_set_refused(tmp_path: Path, damage, code: str) -> None:
    damage(_write(tmp_path))
    (ref,) = list_change_sets(tmp_path)
    with pytest.raises(ChangeSetRefused) as err:
        read_change_set(ref)
    assert err.value.code == code
    assert "lot n° 1 du site LYON" in err.value.message and "Rien n'en a été appliqué" in err.value.message


def test_truncated_but_consistent_manifest_refused(tmp_path: Path) -> None:
    """A file cut at a line end whose checksum was recomputed still fails the row count."""
    d = _write(tmp_path)
    from mlplanner.sync.files import sha256_file

    data = (d / "youth.csv").read_bytes()
    (d / "youth.csv").write_bytes(data[: data.rindex(b"a2")])
    manifest = json.loads((d / MANIFEST).read_text("utf-8"))
    manifest["tables"][0]["sha256"] = sha256_file(d / "youth.csv")
    (d / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ChangeSetRefused, match="tronqué"):
        read_change_set(list_change_sets(tmp_path)[0])


def test_newer_format_refused(tmp_path: Path) -> None:
    d = _write(tmp_path)
    manifest = json.loads((d / MANIFEST).read_text("utf-8"))
    manifest["format_version"] = 99
    (d / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ChangeSetRefused, match="plus récente") as err:
        read_change_set(list_change_sets(tmp_path)[0])
    assert err.value.code == "cs_too_new"


def test_encrypted_round_trip_and_refusals(tmp_path: Path) -> None:
    d = _write(tmp_path, passphrase="réseau secret")
    assert not (d / "youth.csv").exists()
    blob = (d / "youth.csv.fernet").read_bytes() + (d / MANIFEST).read_bytes()
    assert (
        b"Elo" not in blob and "Éloïse".encode() not in blob and b"youth" not in (d / MANIFEST).read_bytes()
    )
    ref = list_change_sets(tmp_path)[0]
    assert read_change_set(ref, passphrase="réseau secret").tables["youth"].rows == ROWS
    with pytest.raises(ChangeSetRefused) as err:
        read_change_set(ref, passphrase="mauvaise")
    assert err.value.code == "cs_auth"
    with pytest.raises(ChangeSetRefused) as err:
        read_change_set(ref)
    assert err.value.code == "cs_encrypted"
    _write(tmp_path, seq=2)
    with pytest.raises(ChangeSetRefused) as err:
        read_change_set(list_change_sets(tmp_path)[1], passphrase="réseau secret")
    assert err.value.code == "cs_not_encrypted"


def test_forged_encrypted_file_refused(tmp_path: Path) -> None:
    d = _write(tmp_path, passphrase="p")
    other = _write(tmp_path, seq=2, passphrase="autre")
    # swap in a file sealed under another passphrase, with a matching checksum in a re-sealed manifest: the
    # manifest itself cannot be re-sealed without the passphrase, so only the raw file can be swapped
    (d / "youth.csv.fernet").write_bytes((other / "youth.csv.fernet").read_bytes())
    with pytest.raises(ChangeSetRefused) as err:
        read_change_set(list_change_sets(tmp_path)[0], passphrase="p")
    assert err.value.code in ("cs_damaged", "cs_auth")


SPECS = {
    "str": st.text(),
    "int": st.integers(-(2**62), 2**62),
    "bool": st.booleans(),
    "date": st.dates(),
    "datetime": st.datetimes(),
    "instant": st.datetimes(timezones=st.just(UTC)),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(*(st.tuples(st.just(k), st.none() | v) for k, v in SPECS.items())))
def test_codec_round_trip(kind_value: tuple) -> None:
    kind, value = kind_value
    spec = codec.ColumnSpec("c", kind, nullable=True)
    assert codec.decoder_for(spec)(codec.encoder_for(spec)(value)) == value


def test_codec_distinguishes_null_and_text() -> None:
    spec = codec.ColumnSpec("c", "str", nullable=True)
    enc, dec = codec.encoder_for(spec), codec.decoder_for(spec)
    assert [enc(v) for v in (None, "", "\\N", "\\")] == ["\\N", "", "\\\\N", "\\\\"]
    assert [dec(enc(v)) for v in (None, "", "\\N", "\\")] == [None, "", "\\N", "\\"]
    with pytest.raises(codec.BadValue):
        codec.decoder_for(codec.ColumnSpec("d", "date"))("31/02/2027")
    with pytest.raises(codec.BadValue):
        codec.decoder_for(codec.ColumnSpec("d", "date"))("\\N")
    assert codec.encode(date(2027, 3, 1), "date") == "2027-03-01"
    assert codec.encode(datetime(2027, 3, 1, 9, 30), "datetime") == "2027-03-01T09:30:00"


def _csv_module_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def _csv_module_rows(text: str) -> list[list[str]] | str:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    except csv.Error as exc:
        return f"csv.Error: {exc}"


FIELD = st.text(
    alphabet=st.sampled_from(["a", "é", " ", ";", '"', "\r", "\n", "\\", "\x00", "\u2028"]), max_size=4
)


@settings(max_examples=400, deadline=None)
@given(
    width=st.integers(1, 3),
    cells=st.lists(st.lists(FIELD, min_size=3, max_size=3), max_size=4),
    plain=st.booleans(),
)
def test_change_set_csv_is_written_and_read_as_the_csv_module_does(
    width: int, cells: list[list[str]], plain: bool
) -> None:
    """The C-speed join and split used when no field needs quotes give the csv module's bytes and rows,
    and anything else goes through the csv module itself."""
    if plain:  # most change sets: no field to quote
        cells = [[f.translate(str.maketrans("", "", ';"\r\n')) for f in r] for r in cells]
    columns = tuple(f"c{i}" for i in range(width))
    rows = [r[:width] for r in cells]
    data = csv_bytes(columns, rows)
    assert data == _csv_module_bytes(columns, rows)
    text = data.decode("utf-8-sig")
    assert parse_csv(text) == _csv_module_rows(text)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(["a", ";", '"', "\r", "\n", "\r\n", "\r\n", "\x00", "é"]), max_size=12))
def test_any_text_is_read_as_the_csv_module_reads_it(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        rows: list[list[str]] | str = parse_csv(text)
    except csv.Error as exc:
        rows = f"csv.Error: {exc}"
    assert rows == _csv_module_rows(text)


def test_a_field_over_the_csv_limit_is_refused_as_the_csv_module_refuses_it() -> None:
    text = "id;notes\r\na1;" + "x" * (csv.field_size_limit() + 1) + "\r\n"
    with pytest.raises(csv.Error) as ours:
        parse_csv(text)
    assert f"csv.Error: {ours.value}" == _csv_module_rows(text)
