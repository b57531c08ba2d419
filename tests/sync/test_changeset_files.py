"""Change-set files: round trip, atomicity, and every way a damaged or forged set is refused."""

from __future__ import annotations

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
    existing_seqs,
    list_change_sets,
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
