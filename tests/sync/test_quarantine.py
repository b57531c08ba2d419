"""One bad change set must not stop a site: it is refused, reported once, put aside while the others
flow, and its origin site sends it again (damaged or missing); a copy under a new number is reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from mlplanner.services.sync import service as sync_service
from mlplanner.storage.sync_tables import SyncRefusal, SyncSent
from mlplanner.storage.tables import Youth
from mlplanner.sync.changeset import MANIFEST, fingerprint
from mlplanner.sync.resend import REQUESTS

from .conftest import Site, shared_state
from .forge import make_writable, read_rows, rewrite, seq_dir


def _sync_all(sites: list[Site], share: Path, rounds: int = 2) -> None:
    for _ in range(rounds):
        for site in sites:
            site.sync.sync(folder=share)


def _edit_first_youth(site: Site, **fields: object) -> str:
    with site.services.ctx.write() as s:
        q = select(Youth).where(Youth.origin_site == site.code, Youth.deleted == False).order_by(Youth.id)
        row = s.exec(q).scalars().first()
        for k, v in fields.items():
            setattr(row, k, v)
        s.add(row)
        return row.id


def _spreadsheet_save(path: Path) -> None:
    """What a French spreadsheet writes back: no BOM, dates as dd/mm/yyyy, the rest as it read it."""
    header, body = read_rows(path)
    lines = [";".join(header)]
    for row in body:
        cells = []
        for cell in row:
            if len(cell) == 10 and cell[4] == "-" and cell[7] == "-":
                cell = f"{cell[8:10]}/{cell[5:7]}/{cell[0:4]}"
            cells.append(f'"{cell}"' if ";" in cell else cell)
        lines.append(";".join(cells))
    path.chmod(0o644)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def test_a_change_set_saved_back_from_a_spreadsheet_is_put_aside_then_sent_again(
    sites: dict[str, Site], share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    lyon.sync.sync(folder=share)
    lille.sync.sync(folder=share)
    damaged = seq_dir(share, "LYON", 1)
    _spreadsheet_save(damaged / "youth.csv")

    report = paris.sync.sync(folder=share)
    assert [(r.site, r.code, r.new) for r in report.refused] == [("LYON", "cs_damaged", True)]
    assert "renverra" in report.refused[0].message and "tableur" in report.refused[0].message
    assert [a[:2] for a in report.applied] == [("LILLE", 1)]  # the others keep flowing
    requests = json.loads((share / "PARIS13" / REQUESTS).read_text("utf-8"))["requests"]
    assert requests == [{"site": "LYON", "seq": 1, "fingerprint": fingerprint(damaged)}]

    reads: list[str] = []
    real = sync_service.read_change_set
    monkeypatch.setattr(
        sync_service, "read_change_set", lambda ref, **kw: reads.append(ref.label) or real(ref, **kw)
    )
    again = paris.sync.sync(folder=share)
    assert [(r.code, r.new) for r in again.refused] == [("cs_damaged", False)]  # reported once
    assert reads == []  # quarantined: not read again while its files stay the same

    resent = lyon.sync.sync(folder=share)
    assert [(r.seq, r.asked_by) for r in resent.resent] == [(1, ("PARIS13",))]
    assert lyon.sync.sync(folder=share).resent == ()  # written once, not at every sync
    healed = paris.sync.sync(folder=share)
    assert healed.ok and [a[:2] for a in healed.applied] == [("LYON", 1)]
    assert not (share / "PARIS13" / REQUESTS).exists()
    with paris.services.ctx.read() as s:
        assert s.exec(select(SyncRefusal)).first() is None
    _sync_all([paris, lyon, lille], share)
    assert shared_state(paris) == shared_state(lyon) == shared_state(lille)


@pytest.mark.parametrize(
    "manifest",
    [
        lambda m: {**m, "seq": "abc"},
        lambda m: {**m, "tables": "youth"},
        lambda m: {**m, "tables": [{**m["tables"][0], "rows": "12"}, *m["tables"][1:]]},
        lambda m: {**m, "max_hlc": "999999999999999.100000.LYON"},
        lambda m: [m],
    ],
)
def test_a_malformed_manifest_is_refused_and_the_others_flow(
    sites: dict[str, Site], share: Path, manifest
) -> None:
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    lyon.sync.sync(folder=share)
    lille.sync.sync(folder=share)
    rewrite(seq_dir(share, "LYON", 1), manifest=manifest)
    for _ in range(2):  # every later sync too (this used to raise at every sync)
        report = paris.sync.sync(folder=share)
        assert [(r.site, r.code) for r in report.refused] == [("LYON", "cs_damaged")]
    with paris.services.ctx.read() as s:
        assert s.exec(select(Youth).where(Youth.origin_site == "LILLE")).first() is not None


def test_a_missing_change_set_is_asked_again_and_the_next_ones_wait_for_it(
    sites: dict[str, Site], share: Path
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    lyon.sync.sync(folder=share)  # n° 1: everything
    youth = _edit_first_youth(lyon, email="deux@exemple.fr")
    lyon.sync.sync(folder=share)  # n° 2
    gone = seq_dir(share, "LYON", 1)
    make_writable(gone)
    shutil.rmtree(gone)  # someone "tidied" the share

    report = paris.sync.sync(folder=share)
    assert [(r.site, r.seq, r.code) for r in report.refused] == [("LYON", 1, "cs_missing")]
    assert "manque" in report.refused[0].message
    assert [(w.seq, w.code) for w in report.waiting] == [(2, "cs_waiting")]  # needs n° 1's youths

    assert [r.seq for r in lyon.sync.sync(folder=share).resent] == [1]
    healed = paris.sync.sync(folder=share)
    assert healed.ok and sorted(a[:2] for a in healed.applied) == [("LYON", 1), ("LYON", 2)]
    with paris.services.ctx.read() as s:
        assert s.get(Youth, youth).email == "deux@exemple.fr"


def test_a_change_set_written_before_it_was_tracked_is_sent_again_whole(
    sites: dict[str, Site], share: Path
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    lyon.sync.sync(folder=share)
    with lyon.services.ctx.write() as s:
        s.execute(delete(SyncSent))  # as written by an older version
    _spreadsheet_save(seq_dir(share, "LYON", 1) / "youth.csv")
    paris.sync.sync(folder=share)
    assert [r.seq for r in lyon.sync.sync(folder=share).resent] == [1]
    assert paris.sync.sync(folder=share).ok
    _sync_all([paris, lyon], share)
    assert shared_state(paris) == shared_state(lyon)


def test_a_copy_under_a_new_number_is_reported(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    lyon.sync.sync(folder=share)
    paris.sync.sync(folder=share)
    copy = seq_dir(share, "LYON", 2)
    shutil.copytree(seq_dir(share, "LYON", 1), copy)
    rewrite(copy, manifest=lambda m: {**m, "seq": 2})
    before = shared_state(paris)
    report = paris.sync.sync(folder=share)
    assert report.ok and [a[:3] for a in report.applied] == [("LYON", 2, 0)]
    assert [(n.seq, n.code) for n in report.notices] == [(2, "cs_replay")]
    assert "déjà reçues" in report.notices[0].message
    assert shared_state(paris) == before
    assert paris.sync.sync(folder=share).notices == ()  # applied: reported once


def test_a_site_answering_requests_ignores_a_malformed_request_file(
    sites: dict[str, Site], share: Path
) -> None:
    lyon = sites["LYON"]
    lyon.sync.sync(folder=share)
    (share / "PARIS13").mkdir(exist_ok=True)
    for junk in (
        b"\xff\xfe",
        b"[]",
        b'{"format": "mlplanner-resend", "site": "PARIS13", "requests": [1, {}]}',
    ):
        (share / "PARIS13" / REQUESTS).write_bytes(junk)
        report = lyon.sync.sync(folder=share)
        assert report.resent == ()


def test_a_request_for_a_set_already_resent_is_not_answered_twice(
    sites: dict[str, Site], share: Path
) -> None:
    """Two sites found the same set damaged; the first re-send satisfies both."""
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    lyon.sync.sync(folder=share)
    _spreadsheet_save(seq_dir(share, "LYON", 1) / "youth.csv")
    paris.sync.sync(folder=share)
    lille.sync.sync(folder=share)
    assert [(r.seq, r.asked_by) for r in lyon.sync.sync(folder=share).resent] == [(1, ("LILLE", "PARIS13"))]
    assert lyon.sync.sync(folder=share).resent == ()
    assert paris.sync.sync(folder=share).ok and lille.sync.sync(folder=share).ok


def test_the_manifest_of_a_resent_set_verifies(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    lyon.sync.sync(folder=share)
    before = (seq_dir(share, "LYON", 1) / MANIFEST).read_text("utf-8")
    _spreadsheet_save(seq_dir(share, "LYON", 1) / "youth.csv")
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    after = json.loads((seq_dir(share, "LYON", 1) / MANIFEST).read_text("utf-8"))
    assert after["seq"] == 1 and after["tables"] == json.loads(before)["tables"]
