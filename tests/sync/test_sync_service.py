"""Sync between site databases: convergence, idempotence, conflicts, ownership, clocks, security, faults."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mlplanner.domain.errors import StorageError
from mlplanner.domain.text import fold
from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.storage.sync_tables import SyncApplied, SyncConflict
from mlplanner.storage.tables import Appointment, Staff, Youth, YouthToken
from mlplanner.sync.changeset import MANIFEST
from mlplanner.sync.errors import SyncFolderError

from .conftest import Site, shared_state


def _sync_all(sites: dict[str, Site], share: Path, rounds: int = 2) -> None:
    for _ in range(rounds):
        for site in sites.values():
            report = site.sync.sync(folder=share)
            assert report.ok, [r.message for r in report.refused]


def _youth(site: Site, **filters) -> Youth:
    with site.services.ctx.read() as s:
        q = select(Youth).where(Youth.deleted == False)
        for k, v in filters.items():
            q = q.where(getattr(Youth, k) == v)
        return s.exec(q.order_by(Youth.id)).scalars().first()


def _edit_youth(site: Site, youth_id: str, **fields) -> None:
    with site.services.ctx.write() as s:
        row = s.get(Youth, youth_id)
        for k, v in fields.items():
            setattr(row, k, v)
        s.add(row)


def _conflicts(site: Site) -> list[SyncConflict]:
    with site.services.ctx.read() as s:
        return list(s.exec(select(SyncConflict)).scalars())


def test_three_sites_converge_and_reapply_changes_nothing(sites: dict[str, Site], share: Path) -> None:
    _sync_all(sites, share)
    states = [shared_state(s) for s in sites.values()]
    assert states[0] == states[1] == states[2]
    assert len(states[0]["site"]) == 3 and len(states[0]["youth"]) == 90
    paris = sites["PARIS13"]
    # the youths of other sites are searchable here (tokens rebuilt after apply)
    lyon_youth = _youth(sites["LYON"])
    assert paris.services.youths.search(lyon_youth.last_name)
    # a second pass, and even forgetting what was applied, changes nothing
    before = shared_state(paris)
    with paris.services.ctx.db.write() as s:
        s.execute(SyncApplied.__table__.delete())
    report = paris.sync.sync(folder=share)
    assert len(report.applied) == 2 and report.exported_rows == 0
    assert shared_state(paris) == before
    assert _conflicts(paris) == []


def test_credentials_and_local_tables_never_travel(sites: dict[str, Site], share: Path) -> None:
    sites["PARIS13"].sync.sync(folder=share)
    files = sorted(p.name for p in (share / "PARIS13" / "00000001").iterdir())
    assert files == [
        "appointment.csv",
        "appointment_type.csv",
        "manifest.json",
        "room.csv",
        "site.csv",
        "staff.csv",
        "youth.csv",
    ]
    folder = share / "PARIS13" / "00000001"
    # the schema's revision is named in the manifest (0014_youth_token_by_youth): a name, not the table
    schema = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["schema"].encode()
    blob = b"".join(p.read_bytes() for p in folder.iterdir()).replace(schema, b"")
    assert b"pbkdf2" not in blob.lower() and b"secret_hash" not in blob and b"youth_token" not in blob


def test_concurrent_edit_newer_wins_and_loser_is_kept(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    _sync_all({"P": paris, "L": lyon}, share)
    y = _youth(paris, origin_site="PARIS13")
    _edit_youth(paris, y.id, phone="06 11 11 11 11", phone_digits="0611111111")
    lyon.clock.advance(timedelta(minutes=5))
    _edit_youth(lyon, y.id, phone="06 22 22 22 22", phone_digits="0622222222")
    _sync_all({"P": paris, "L": lyon}, share)
    assert _youth(paris, id=y.id).phone == _youth(lyon, id=y.id).phone == "06 22 22 22 22"
    lost = [c for c in _conflicts(paris) + _conflicts(lyon) if c.row_id == y.id]
    assert lost and {json.loads(c.loser_data)["phone"] for c in lost} == {"06 11 11 11 11"}
    view = paris.sync.conflicts(actor=SYSTEM_ACTOR)
    assert view[0].table_fr == "jeune" and view[0].loser_site == "PARIS13" and view[0].winner_site == "LYON"
    paris.sync.mark_reviewed(actor=SYSTEM_ACTOR, conflict_id=view[0].id)
    assert paris.sync.conflicts(actor=SYSTEM_ACTOR) == []


def test_knowing_edit_is_not_a_conflict(sites: dict[str, Site], share: Path) -> None:
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    _sync_all(sites, share)
    y = _youth(paris, origin_site="PARIS13")
    _edit_youth(paris, y.id, email="a@exemple.fr")
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    lyon.clock.advance(timedelta(minutes=1))
    _edit_youth(lyon, y.id, email="b@exemple.fr")  # Lyon saw Paris's version: a normal update
    lyon.sync.sync(folder=share)
    lille.sync.sync(folder=share)  # Lille gets both at once
    _sync_all(sites, share)
    assert {_youth(s, id=y.id).email for s in sites.values()} == {"b@exemple.fr"}
    assert all(_conflicts(s) == [] for s in sites.values())


def test_tombstone_beats_older_and_loses_to_newer(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    pair = {"P": paris, "L": lyon}
    _sync_all(pair, share)
    with paris.services.ctx.read() as s:
        y1, y2 = s.exec(
            select(Youth.id).where(Youth.origin_site == "PARIS13").order_by(Youth.id).limit(2)
        ).scalars()
    # y1: Lyon edits first, Paris deletes later -> deleted everywhere
    _edit_youth(lyon, y1, email="x@exemple.fr")
    paris.clock.advance(timedelta(minutes=2))
    _edit_youth(paris, y1, deleted=True)
    # y2: Paris deletes first, Lyon edits later -> the edit wins, the youth is back
    _edit_youth(paris, y2, deleted=True)
    lyon.clock.advance(timedelta(minutes=5))
    _edit_youth(lyon, y2, email="y@exemple.fr")
    _sync_all(pair, share)
    for site in pair.values():
        with site.services.ctx.read() as s:
            assert s.get(Youth, y1).deleted is True
            assert s.get(Youth, y2).deleted is False and s.get(Youth, y2).email == "y@exemple.fr"
    with lyon.services.ctx.read() as s:  # the tombstone arrived by sync: no longer searchable there
        assert s.exec(select(YouthToken).where(YouthToken.youth_id == y1)).first() is None
    assert shared_state(paris) == shared_state(lyon)


def test_a_renamed_youth_arrives_with_its_new_name_on_its_search_rows(
    sites: dict[str, Site], share: Path
) -> None:
    """The search rows carry the youth's folded name (the server ranks by it: `storage.pg_search`):
    a rename that keeps the same tokens (« Jean-Pierre » → « Jean Pierre ») re-indexes the youth too."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    pair = {"P": paris, "L": lyon}
    _sync_all(pair, share)
    y = _youth(paris, origin_site="PARIS13")
    for first in ("Jean-Pierre", "Jean Pierre"):
        paris.clock.advance(timedelta(minutes=1))
        _edit_youth(paris, y.id, first_name=first, fold_name=fold(f"{y.last_name} {first}"))
        _sync_all(pair, share)
        with lyon.services.ctx.read() as s:
            held = s.get(Youth, y.id).fold_name
            names = set(s.exec(select(YouthToken.fold_name).where(YouthToken.youth_id == y.id)).scalars())
        assert held == fold(f"{y.last_name} {first}") and names == {held}


def test_clock_a_day_ahead_still_converges_to_the_knowing_edit(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    pair = {"P": paris, "L": lyon}
    _sync_all(pair, share)
    y = _youth(paris, origin_site="PARIS13")
    lyon.clock.advance(timedelta(days=1))  # Lyon's PC is a day ahead
    _edit_youth(lyon, y.id, email="lyon@exemple.fr")
    _sync_all(pair, share)
    paris.clock.advance(timedelta(minutes=10))  # later in real time, Paris corrects it
    _edit_youth(paris, y.id, email="paris@exemple.fr")
    _sync_all(pair, share)
    assert _youth(lyon, id=y.id).email == _youth(paris, id=y.id).email == "paris@exemple.fr"
    assert _conflicts(paris) == _conflicts(lyon) == []


def test_other_sites_rows_are_not_editable(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    pair = {"P": paris, "L": lyon}
    _sync_all(pair, share)
    with lyon.services.ctx.read() as s:
        appt = s.exec(select(Appointment).where(Appointment.origin_site == "PARIS13")).scalars().first()
    with lyon.services.ctx.write() as s:
        row = s.get(Appointment, appt.id)
        row.notes = "modifié à Lyon"
        s.add(row)
    report = lyon.sync.sync(folder=share)
    assert report.not_shared == 1 and report.exported_rows == 0
    paris.sync.sync(folder=share)
    with paris.services.ctx.read() as s:
        assert s.get(Appointment, appt.id).notes != "modifié à Lyon"


def test_forged_rows_for_another_site_are_refused_on_apply(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    paris.sync.sync(folder=share)
    lyon.sync.sync(folder=share)
    # Lyon's file now holds Paris's staff; make Lyon claim an edit of one and export it by force
    with lyon.services.ctx.read() as s:
        staff = s.exec(select(Staff).where(Staff.origin_site == "PARIS13")).scalars().first()
    from mlplanner.services.sync import export as sync_export

    real = sync_export.Owners.owners_of_columns  # what the export asks of each row it sends
    try:
        sync_export.Owners.owners_of_columns = lambda self, tbl, columns, n: [None] * n  # type: ignore[method-assign]
        with lyon.services.ctx.write() as s:
            row = s.get(Staff, staff.id)
            row.last_name = "Usurpé"
            s.add(row)
        lyon.sync.sync(folder=share)
    finally:
        sync_export.Owners.owners_of_columns = real  # type: ignore[method-assign]
    paris.sync.sync(folder=share)
    with paris.services.ctx.read() as s:
        assert s.get(Staff, staff.id).last_name != "Usurpé"
    refused = [c for c in _conflicts(paris) if c.reason == "not_allowed"]
    assert [c.row_id for c in refused] == [staff.id]
    assert paris.sync.conflicts(actor=SYSTEM_ACTOR)[0].reason == "modification non autorisée"


def test_unknown_site_refused_until_allowed(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    paris.sync.remove_site(actor=SYSTEM_ACTOR, code="LYON")
    lyon.sync.sync(folder=share)
    report = paris.sync.sync(folder=share)
    assert [r.code for r in report.refused] == ["cs_unknown_site"]
    assert "liste des sites du réseau" in report.refused[0].message
    assert not report.ok and "incomplète" in report.summary_fr()
    paris.sync.allow_sites(actor=SYSTEM_ACTOR, codes=["lyon"])
    assert paris.sync.sync(folder=share).applied[0][:2] == ("LYON", 1)


def test_encrypted_network(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    paris.sync.sync(folder=share, passphrase="clé du réseau")
    assert not list(share.glob("PARIS13/*/*.csv"))
    bad = lyon.sync.sync(folder=share, passphrase="autre")
    assert [r.code for r in bad.refused] == ["cs_auth"]
    none = lyon.sync.sync(folder=share)
    assert [r.code for r in none.refused] == ["cs_encrypted"]
    good = lyon.sync.sync(folder=share, passphrase="clé du réseau")
    assert good.ok and good.applied[0][:2] == ("PARIS13", 1)


def test_damaged_change_set_refused_then_retried_once_its_files_change(
    sites: dict[str, Site], share: Path
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    paris.sync.sync(folder=share)
    csv_path = share / "PARIS13" / "00000001" / "youth.csv"
    good = csv_path.read_bytes()
    csv_path.write_bytes(good[: len(good) // 2])  # truncated (e.g. a copy still in progress)
    before = shared_state(lyon)
    report = lyon.sync.sync(folder=share)
    assert [r.code for r in report.refused] == ["cs_damaged"]
    assert "tronqué" in report.refused[0].message and "renverra" in report.refused[0].message
    assert shared_state(lyon) == before
    csv_path.write_bytes(good)  # the copy completes
    assert lyon.sync.sync(folder=share).applied[0][:2] == ("PARIS13", 1)


def test_newer_schema_refused(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    paris.sync.sync(folder=share)
    manifest = share / "PARIS13" / "00000001" / MANIFEST
    data = json.loads(manifest.read_text("utf-8"))
    data["schema"] = "9999"
    manifest.write_text(json.dumps(data), "utf-8")
    report = lyon.sync.sync(folder=share)
    assert [r.code for r in report.refused] == ["cs_too_new"]
    assert "plus récente" in report.refused[0].message


def test_missing_folder(sites: dict[str, Site], tmp_path: Path) -> None:
    paris = sites["PARIS13"]
    before = shared_state(paris)
    with pytest.raises(StorageError) as err:
        paris.sync.sync(folder=tmp_path / "clé-usb-absente")
    assert err.value.code == "sync_folder_missing" and "introuvable" in err.value.message
    assert shared_state(paris) == before


def test_read_only_folder(sites: dict[str, Site], share: Path) -> None:
    """A shared folder the PC may not write to. As root (CI, containers) permission bits do not apply,
    so the sync then runs in a child process without the capability that overrides them
    (`setpriv`, util-linux: every Debian has it) and reads the same refusal; never skipped."""
    paris = sites["PARIS13"]
    before = shared_state(paris)
    share.chmod(0o555)
    try:
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            with pytest.raises(StorageError) as err:
                paris.sync.sync(folder=share)
            assert err.value.code == "sync_folder_readonly"
        else:
            setpriv = shutil.which("setpriv")
            assert setpriv is not None, (
                "setpriv (util-linux) is needed to drop root's override of permissions"
            )
            env = os.environ | {"PYTHONIOENCODING": "utf-8"}
            env.pop("MLPLANNER_DB", None)
            run = subprocess.run(
                [
                    setpriv,
                    "--bounding-set=-dac_override,-dac_read_search",
                    *(sys.executable, "-m", "mlplanner", "sync"),
                    *("--folder", str(share), "--db", str(paris.path)),
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=180,
            )
            assert run.returncode == 4, run.stderr
            assert "lecture seule" in run.stderr and len(run.stderr.strip().splitlines()) == 1
        assert list(share.iterdir()) == [] and shared_state(paris) == before
    finally:
        share.chmod(0o755)


def test_read_only_folder_simulated(
    sites: dict[str, Site], share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root, permissions are not enforced: simulate the OS refusal where the sync writes."""
    from mlplanner.sync import changeset

    paris = sites["PARIS13"]
    before = shared_state(paris)

    def refuse(*_a, **_k):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(changeset, "write_synced", refuse)
    with pytest.raises(StorageError) as err:
        paris.sync.sync(folder=share)
    assert err.value.code == "sync_folder_readonly" and "lecture seule" in err.value.message
    assert shared_state(paris) == before
    monkeypatch.undo()
    assert paris.sync.sync(folder=share).exported_seq == 1  # nothing was marked as sent


def test_two_syncs_of_one_site_never_overlap(sites: dict[str, Site], share: Path) -> None:
    paris = sites["PARIS13"]
    seen = []

    def progress(msg: str, done: int, total: int) -> None:
        if not seen:
            seen.append(msg)
            with pytest.raises(StorageError, match="déjà en cours"):
                paris.sync.sync(folder=share)

    paris.sync.sync(folder=share, progress=progress)
    assert seen


def test_offline_double_bookings_are_listed(sites: dict[str, Site], share: Path) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    pair = {"P": paris, "L": lyon}
    _sync_all(pair, share)
    with paris.services.ctx.read() as s:
        a = (
            s.exec(
                select(Appointment).where(
                    Appointment.origin_site == "PARIS13",
                    Appointment.status == "booked",
                    Appointment.start >= datetime(2027, 3, 2),
                )
            )
            .scalars()
            .first()
        )
    # Lyon books the same youth at the same time, offline (written directly, as a merge would)
    with lyon.services.ctx.write() as s:
        site = lyon.services.ctx.site_row(s)
        staff = (
            s.exec(select(Staff).where(Staff.site_id == site.id, Staff.role == "counsellor"))
            .scalars()
            .first()
        )
        s.add(
            Appointment(
                site_id=site.id,
                youth_id=a.youth_id,
                counsellor_id=staff.id,
                type_id=a.type_id,
                start=a.start,
                end=a.end,
            )
        )
    _sync_all(pair, share)
    report = paris.sync.sync(folder=share)
    clashes = [c for c in paris.sync.clashes(actor=SYSTEM_ACTOR) if c.kind == "youth"]
    assert len(clashes) == 1 and {clashes[0].first_site, clashes[0].second_site} == {"PARIS13", "LYON"}
    assert "se chevauchent" in clashes[0].sentence_fr()
    assert report.clashes >= 1 and paris.sync.last_report()["clashes"] == report.clashes


def test_last_report_saved(sites: dict[str, Site], share: Path) -> None:
    paris = sites["PARIS13"]
    assert paris.sync.last_report() is None
    paris.sync.sync(folder=share)
    last = paris.sync.last_report()
    assert last["ok"] and last["exported_seq"] == 1 and last["summary"].startswith("Synchronisation réussie")


def test_copied_share_with_missing_site_folder_is_fine(sites: dict[str, Site], share: Path) -> None:
    sites["LYON"].sync.sync(folder=share)
    shutil.rmtree(share / "LYON")
    assert sites["PARIS13"].sync.sync(folder=share).ok


def test_received_workshops_are_announced_as_workshop_changes(sites: dict[str, Site], share: Path) -> None:
    """The sync report's `changes` say what arrived, so the workshops page reloads (it said "config")."""
    from mlplanner.domain.enums import Role
    from mlplanner.domain.models import Change
    from mlplanner.services.context import Actor
    from mlplanner.services.workshops.service import SeriesDraft

    paris, lyon = sites["PARIS13"], sites["LYON"]
    _sync_all({"LYON": lyon}, share, rounds=1)
    lead = paris.services.directory.staff(role=Role.SITE_LEAD)[0]
    room = next(r for r in paris.services.directory.rooms() if r.kind.value == "workshop")
    paris.services.workshops.create_series(
        actor=Actor(lead.id, lead.display_name, lead.role),
        draft=SeriesDraft(
            title="Atelier CV",
            start=datetime(2027, 3, 9, 14, 0),
            duration_min=60,
            capacity=8,
            rrule="FREQ=WEEKLY;COUNT=1",
            room=room.id,
            facilitator=lead.id,
        ),
    )
    assert paris.sync.sync(folder=share).ok
    report = lyon.sync.sync(folder=share)
    assert Change.WORKSHOPS in report.changes.kinds


def test_the_cycle_collector_waits_during_a_sync_and_runs_again_after(
    sites: dict[str, Site], share: Path
) -> None:
    """A sync makes hundreds of thousands of short-lived values: Python's cycle collector is paused
    meanwhile (it walked every object of the process again and again), and resumed after, even when the
    sync fails; a collector paused by the caller stays paused."""
    seen: list[bool] = []
    paris = sites["PARIS13"]
    assert paris.sync.sync(folder=share, progress=lambda *_a: seen.append(gc.isenabled())).ok
    assert seen and not any(seen) and gc.isenabled()
    with pytest.raises(SyncFolderError):
        paris.sync.sync(folder=share / "absent")
    assert gc.isenabled()
    gc.disable()
    try:
        paris.sync.sync(folder=share)
        assert not gc.isenabled()
    finally:
        gc.enable()
