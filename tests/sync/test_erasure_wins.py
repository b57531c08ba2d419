"""An erasure (right to be forgotten) wins over any concurrent or later edit of the erased person, at
every site, whatever the clocks; a restored backup keeps the person erased. Syncs go through the
container's service (with its hooks: backup before applying, privacy follow-up after), as in the app.

Before: site A erased a young person at 10:00, site B (not synced yet) filled in her e-mail at 10:01;
B's version had the greater stamp, so after the sync both sites held her name, birth date, phone and the
new e-mail again, and search found her."""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mlplanner.services.context import SYSTEM_ACTOR
from mlplanner.storage.sync_tables import SyncConflict
from mlplanner.storage.tables import Youth

from .conftest import START, Site, open_site, shared_state


def _paris_youth(site: Site) -> Youth:
    with site.services.ctx.read() as s:
        q = select(Youth).where(Youth.origin_site == "PARIS13", Youth.deleted == False).order_by(Youth.id)
        return s.exec(q).scalars().first()


def _edit(site: Site, youth_id: str, **fields: object) -> None:
    with site.services.ctx.write() as s:
        row = s.get(Youth, youth_id)
        for k, v in fields.items():
            setattr(row, k, v)
        s.add(row)


def _erase(site: Site, youth_id: str) -> None:
    site.services.privacy.erase(actor=SYSTEM_ACTOR, youth_id=youth_id, reason="courrier du 01/03/2027")


def _assert_erased_everywhere(sites: list[Site], youth_id: str, name: str) -> None:
    for site in sites:
        with site.services.ctx.read() as s:
            row = s.get(Youth, youth_id)
            assert row.deleted and row.last_name == "Anonyme", site.code
            assert (row.email, row.phone, row.birth_date, row.external_id) == ("", "", None, ""), site.code
            for c in s.exec(select(SyncConflict).where(SyncConflict.row_id == youth_id)).scalars():
                assert name.lower() not in c.loser_data.lower(), site.code
        assert youth_id not in [y.id for y in site.services.youths.search(name)], site.code


@pytest.mark.parametrize(
    "lyon_skew",
    [timedelta(minutes=1), timedelta(hours=5), timedelta(days=-3)],
    ids=["one-minute-later", "clock-5h-ahead", "clock-3-days-behind"],
)
def test_an_erasure_wins_over_a_concurrent_later_edit(
    sites: dict[str, Site], share: Path, lyon_skew: timedelta
) -> None:
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.services.sync.sync(folder=share)
    youth = _paris_youth(paris)
    paris.clock.at = START + timedelta(hours=2)  # 10:00 in Paris
    _erase(paris, youth.id)
    lyon.clock.at = START + timedelta(hours=2, minutes=1) + lyon_skew - timedelta(minutes=1)
    _edit(lyon, youth.id, email="nouvelle@exemple.fr")  # Lyon has not synced yet
    for site in (paris, lyon, paris, lyon):
        site.clock.at = max(paris.clock.at, lyon.clock.at)
        site.services.sync.sync(folder=share)
    _assert_erased_everywhere([paris, lyon], youth.id, youth.last_name)
    assert shared_state(paris) == shared_state(lyon)


def test_a_third_site_that_got_the_edit_first_ends_erased_too(sites: dict[str, Site], share: Path) -> None:
    paris, lyon, lille = sites["PARIS13"], sites["LYON"], sites["LILLE"]
    for site in (paris, lyon, lille, paris, lyon, lille):
        site.services.sync.sync(folder=share)
    youth = _paris_youth(paris)
    _erase(paris, youth.id)
    lyon.clock.advance(timedelta(hours=1))
    _edit(lyon, youth.id, email="nouvelle@exemple.fr", phone="06 00 00 00 00")
    lyon.services.sync.sync(folder=share)
    lille.services.sync.sync(folder=share)  # Lille adopts Lyon's edit...
    with lille.services.ctx.read() as s:
        assert s.get(Youth, youth.id).email == "nouvelle@exemple.fr"
    for site in (paris, lille, lyon, paris, lille, lyon):  # ...then the erasure arrives
        site.services.sync.sync(folder=share)
    _assert_erased_everywhere([paris, lyon, lille], youth.id, youth.last_name)
    assert shared_state(paris) == shared_state(lyon) == shared_state(lille)


def test_an_edit_after_the_erasure_arrived_cannot_revive_it(sites: dict[str, Site], share: Path) -> None:
    """A version written later anywhere (a forged one, or a site's old file) loses to the erasure."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.services.sync.sync(folder=share)
    youth = _paris_youth(paris)
    _erase(paris, youth.id)
    paris.services.sync.sync(folder=share)
    lyon.services.sync.sync(folder=share)
    with lyon.services.ctx.write() as s:  # not through the services (they refuse an erased youth)
        row = s.get(Youth, youth.id)
        row.deleted, row.last_name, row.first_name = False, youth.last_name, youth.first_name
        s.add(row)
    lyon.services.sync.sync(folder=share)
    paris.services.sync.sync(folder=share)
    _assert_erased_everywhere([paris], youth.id, youth.last_name)


@pytest.mark.sqlite_only  # reads or copies the site file itself
def test_a_restored_backup_keeps_the_person_erased(sites: dict[str, Site], share: Path) -> None:
    """Lyon restores a backup taken before the erasure arrived; Paris's file is put back by hand (IT
    copied a backup over it, no hook ran) to before its own erasure. Both end erased after a sync."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.services.sync.sync(folder=share)
    youth = _paris_youth(paris)
    lyon_backup = lyon.services.backups.backup_now()
    paris_backup = paris.services.backups.backup_now()
    _erase(paris, youth.id)
    for site in (paris, lyon):
        site.services.sync.sync(folder=share)
    lyon.services.backups.restore(actor=SYSTEM_ACTOR, path=lyon_backup.path)
    paris.close()
    for suffix in ("-wal", "-shm"):
        Path(str(paris.path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(paris_backup.path, paris.path)
    paris = open_site(paris.path, "PARIS13", paris.clock)
    sites["PARIS13"] = paris
    with paris.services.ctx.read() as s:
        assert not s.get(Youth, youth.id).deleted  # the copy predates the erasure
    for site in (paris, lyon, paris, lyon):
        site.services.sync.sync(folder=share)
    _assert_erased_everywhere([paris, lyon], youth.id, youth.last_name)
    assert shared_state(paris) == shared_state(lyon)


ERASURE_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("erase"), st.integers(0, 2), st.integers(0, 3)),
        st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 3)),
        st.tuples(st.just("sync"), st.integers(0, 2), st.just(0)),
        st.tuples(st.just("clock"), st.integers(0, 2), st.integers(-600, 600)),
    ),
    min_size=3,
    max_size=16,
)


@pytest.mark.sqlite_only  # reads or copies the site file itself
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=ERASURE_OPS)
def test_property_erased_somewhere_means_erased_everywhere(
    demo_templates: dict[str, Path], ops: list
) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="mlp-erase-"))
    share = tmp / "share"
    share.mkdir()
    sites = []
    for code in ("PARIS13", "LYON", "LILLE"):
        shutil.copyfile(demo_templates[code], tmp / f"{code}.sqlite3")
        sites.append(open_site(tmp / f"{code}.sqlite3", code))
    try:
        for site in (*sites, *sites):
            site.services.sync.sync(folder=share)
        with sites[0].services.ctx.read() as s:
            q = select(Youth).where(Youth.deleted == False).order_by(Youth.id).limit(4)
            people = [(y.id, y.last_name) for y in s.exec(q).scalars()]
        erased: set[str] = set()
        for n, (op, i, arg) in enumerate(ops):
            site = sites[i]
            youth_id = people[arg % len(people)][0] if op in ("erase", "edit") else ""
            if op == "erase":
                with site.services.ctx.read() as s:
                    if s.get(Youth, youth_id).deleted:
                        continue
                _erase(site, youth_id)
                erased.add(youth_id)
            elif op == "edit":
                with site.services.ctx.read() as s:
                    if s.get(Youth, youth_id).deleted:
                        continue
                _edit(site, youth_id, email=f"e{n}@exemple.fr")
            elif op == "sync":
                site.services.sync.sync(folder=share)
            else:
                site.clock.advance(timedelta(minutes=arg))
        latest = max(s.clock.at for s in sites)
        for site in sites:
            site.clock.at = latest
        for _ in range(6):  # a received erasure makes each site cancel its own bookings, which travel in
            reports = [site.services.sync.sync(folder=share) for site in sites]  # its next change set
            if not any(r.exported_rows or r.applied for r in reports):
                break
        states = [shared_state(s) for s in sites]
        assert states[0] == states[1] == states[2]
        for youth_id, name in people:
            if youth_id in erased:
                _assert_erased_everywhere(sites, youth_id, name)
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(tmp, ignore_errors=True)


def test_a_restored_site_gets_back_what_it_had_sent_since_the_backup(
    sites: dict[str, Site], share: Path
) -> None:
    """Not only erasures: every version a site sent after its backup is at every other site; after a
    restore it comes back from the site's own change sets instead of differing from the network."""
    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.services.sync.sync(folder=share)
    backup = lyon.services.backups.backup_now()
    with lyon.services.ctx.read() as s:
        youth = s.exec(select(Youth).where(Youth.origin_site == "LYON").order_by(Youth.id)).scalars().first()
    _edit(lyon, youth.id, email="apres.sauvegarde@exemple.fr")
    lyon.services.sync.sync(folder=share)
    paris.services.sync.sync(folder=share)
    lyon.services.backups.restore(actor=SYSTEM_ACTOR, path=backup.path)
    with lyon.services.ctx.read() as s:
        assert s.get(Youth, youth.id).email != "apres.sauvegarde@exemple.fr"
    report = lyon.services.sync.sync(folder=share)
    assert report.ok
    with lyon.services.ctx.read() as s:
        assert s.get(Youth, youth.id).email == "apres.sauvegarde@exemple.fr"
    paris.services.sync.sync(folder=share)
    assert shared_state(paris) == shared_state(lyon)


def test_a_record_merged_into_the_erased_person_meanwhile_is_erased_too(
    sites: dict[str, Site], share: Path
) -> None:
    """Lyon merges a duplicate into her record while Paris erases her: the merged-away record (a
    tombstone that still holds her name) must not keep it anywhere."""
    from mlplanner.services.youths.service import YouthDraft

    paris, lyon = sites["PARIS13"], sites["LYON"]
    for site in (paris, lyon, paris):
        site.services.sync.sync(folder=share)
    youth = _paris_youth(paris)
    draft = YouthDraft(first_name=youth.first_name, last_name=youth.last_name, email="doublon@exemple.fr")
    dup = lyon.services.youths.add(actor=SYSTEM_ACTOR, draft=draft, confirm_duplicate=True).youth.id
    lyon.services.youths.merge(actor=SYSTEM_ACTOR, keep_id=youth.id, drop_id=dup)
    _erase(paris, youth.id)
    # both sites anonymise the merged-away record when the erasure meets it: the greater stamp wins, and
    # the last site must receive the other's version (each sync sends before it receives)
    for site in (paris, lyon, paris, lyon, paris, lyon):
        site.services.sync.sync(folder=share)
    for site in (paris, lyon):
        with site.services.ctx.read() as s:
            row = s.get(Youth, dup)
            assert row.last_name == "Anonyme" and row.email == "", site.code
    _assert_erased_everywhere([paris, lyon], youth.id, youth.last_name)
    assert shared_state(paris) == shared_state(lyon)
