"""Explicit wiring: what one area adds to another is passed by the composition root
(`Services.for_database`), never registered by importing a module.

Each test goes through the services the container builds (as the app and the CLI do) and checks that
every use case sees every source; the last one checks that no module-level registry came back.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import mlplanner
from mlplanner.domain.errors import RuleViolation
from support import TestSite, wall

SESSION = "2026-01-13 10:00"  # a Tuesday: Claire facilitates a workshop in the workshop room, 10:00-12:00


@pytest.fixture
def workshop(site: TestSite):  # type: ignore[no-untyped-def]
    from mlplanner.services.workshops.service import SeriesDraft

    draft = SeriesDraft(
        title="Atelier CV",
        start=wall(SESSION),
        duration_min=120,
        capacity=12,
        rrule="FREQ=WEEKLY;COUNT=1",
        room=site.rooms["atelier"].id,
        facilitator=site.staff["claire"].id,
    )
    series = site.services.workshops.create_series(actor=site.lead, draft=draft).series
    return site.services.workshops.series_sessions(series.id)[0]


def test_booking_built_by_the_container_counts_workshop_sessions_as_busy_time(
    site: TestSite, workshop
) -> None:
    with pytest.raises(RuleViolation) as refused:
        site.book("eloise", "2026-01-13 10:30", counsellor="claire")
    assert refused.value.code == "counsellor_overlap" and "Atelier CV" in refused.value.message
    appt = site.book("eloise", "2026-01-13 09:00", counsellor="claire")
    with pytest.raises(RuleViolation) as refused:
        site.services.booking.move(actor=site.lead, appointment_id=appt.id, start=wall("2026-01-13 11:00"))
    assert refused.value.code == "counsellor_overlap"


def test_slots_built_by_the_container_avoid_workshop_sessions(site: TestSite, workshop) -> None:
    starts = {
        s.start
        for s in site.services.slots.find(
            type_code="SUIVI", counsellor=site.staff["claire"].id, start=wall("2026-01-13 09:00"), count=40
        )
        if s.start.date() == wall(SESSION).date()
    }
    assert wall("2026-01-13 09:30") in starts  # before the session: free
    assert not any(wall("2026-01-13 09:31") <= t < wall("2026-01-13 12:00") for t in starts)


def test_workshops_built_by_the_container_see_other_sessions_and_appointments(
    site: TestSite, workshop
) -> None:
    from mlplanner.services.workshops.service import SeriesDraft

    site.book("kevin", "2026-01-20 10:00", counsellor="mamadou")  # Mamadou busy the next Tuesday
    draft = SeriesDraft(
        title="Atelier lettre de motivation",
        start=wall(SESSION),
        duration_min=60,
        capacity=8,
        rrule="FREQ=WEEKLY;COUNT=2",
        room=site.rooms["atelier"].id,
        facilitator=site.staff["mamadou"].id,
    )
    preview = site.services.workshops.preview_series(draft)
    reasons = " ".join(s.reason for s in preview.skipped)
    assert len(preview.skipped) == 2
    assert "Atelier CV" in reasons  # the room is taken by the other session
    assert "KONÉ" in reasons.upper()  # Mamadou has an appointment


def test_registering_a_youth_busy_in_another_session_is_refused(site: TestSite, workshop) -> None:
    from mlplanner.services.workshops.service import SeriesDraft

    other = site.services.workshops.create_series(
        actor=site.lead,
        draft=SeriesDraft(
            title="Atelier numérique",
            start=wall("2026-01-13 11:00"),
            duration_min=60,
            capacity=2,
            rrule="FREQ=WEEKLY;COUNT=1",
            room=site.rooms["b1"].id,
            facilitator=site.staff["sophie"].id,
        ),
    ).series
    second = site.services.workshops.series_sessions(other.id)[0]
    youth = site.youths["kevin"].id
    site.services.registrations.register(actor=site.receptionist, session_id=workshop.id, youth_id=youth)
    with pytest.raises(RuleViolation) as refused:
        site.services.registrations.register(actor=site.receptionist, session_id=second.id, youth_id=youth)
    assert refused.value.code == "youth_overlap" and "Atelier CV" in refused.value.message


def test_youth_file_and_merge_built_by_the_container_see_workshops(site: TestSite, workshop) -> None:
    from mlplanner.services.youths.service import YouthDraft

    kevin = site.youths["kevin"].id
    double = site.services.youths.add(
        actor=site.admin,
        draft=YouthDraft(first_name="Kevin", last_name="Kone", birth_date=None),
        confirm_duplicate=True,
    ).youth
    site.services.registrations.register(actor=site.receptionist, session_id=workshop.id, youth_id=double.id)
    history = site.services.followup.youth_summary(double.id).history
    assert [h.title for h in history] == ["Atelier CV"]
    site.services.youths.merge(actor=site.lead, keep_id=kevin, drop_id=double.id)
    roster = site.services.workshops.roster(workshop.id)
    assert [r.youth_id for r in roster.registered] == [kevin]
    assert [h.title for h in site.services.followup.youth_summary(kevin).history] == ["Atelier CV"]


def test_printing_reads_through_the_container_services(site: TestSite) -> None:
    sv = site.services
    assert sv.printing.workshops is sv.workshops and sv.printing.followup is sv.followup
    assert sv.printing.directory is sv.directory


def test_restore_built_by_the_container_reapplies_erasures(site: TestSite) -> None:
    """(The behaviour itself: tests/ops/test_privacy.py::test_a_restore_never_brings_an_erased_person_back.)"""
    assert site.services.backups.restore_hooks == (site.services.privacy.carry_over_erasures,)


# --- no module-level registry ---------------------------------------------------------------------------

MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "__setitem__"}
REGISTRY_NAMES = ("_SOURCES", "_HOOKS", "_REGISTRY", "_PLUGINS", "_HANDLERS", "_LISTENERS")


def _modules() -> list[str]:
    names = ["mlplanner"]
    for info in pkgutil.walk_packages(mlplanner.__path__, "mlplanner."):
        if ".migrations." not in info.name and not info.name.endswith(".__main__"):
            names.append(info.name)
    return names


def _source(name: str) -> tuple[Path, ast.Module]:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin)
    return path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_module_is_filled_at_import_time() -> None:
    """No statement at the top level of a module mutates a container (X.append(...), X[k] = ...)."""
    found = []
    for name in _modules():
        path, tree = _source(name)
        for node in tree.body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            for sub in ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else ():
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                    break
                call = isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                if call and sub.func.attr in MUTATORS and not isinstance(node, ast.Assign | ast.AnnAssign):
                    found.append(f"{path.name}:{sub.lineno}: {ast.unparse(sub)[:80]}")
                if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Subscript) for t in sub.targets):
                    found.append(f"{path.name}:{sub.lineno}: {ast.unparse(sub)[:80]}")
    assert found == []


def test_no_module_mutates_another_modules_state() -> None:
    """Nowhere does code reach into another module to change its lists (`availability.X.append(...)`)."""
    found = []
    for name in _modules():
        path, tree = _source(name)
        imported = {
            alias.asname or alias.name.split(".")[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mlplanner")
            for alias in node.names
        } | {
            (alias.asname or alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.name.startswith("mlplanner")
        }
        for sub in ast.walk(tree):
            if not (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)):
                continue
            target = sub.func.value
            if (
                sub.func.attr in MUTATORS
                and isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id in imported
                and target.attr.isupper()
            ):
                found.append(f"{path.name}:{sub.lineno}: {ast.unparse(sub)[:80]}")
    assert found == []


def test_no_registry_like_module_attribute() -> None:
    """No module-level list, dict or set named like a registry (…_SOURCES, …_HOOKS, …_REGISTRY)."""
    found = []
    for name in _modules():
        if name.startswith("mlplanner.ui") or name in ("mlplanner.app", "mlplanner.selftest"):
            continue  # Qt: checked by tests/ui/test_app.py (same rule, with a QApplication)
        if name.startswith("mlplanner.bench"):
            continue
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.endswith(REGISTRY_NAMES) and isinstance(value, list | dict | set):
                found.append(f"{name}.{attr}")
    assert found == []


def test_the_container_builds_each_service_once_on_first_use_whatever_the_thread(site: TestSite) -> None:
    """Services are built when first asked for (a start to the day does not import the sync, the
    outbox or the reports: issue 19), once per container even when threads ask at the same moment
    (the GUI thread, the file's check and the sync timer), and their collaborators are shared."""
    import threading

    from mlplanner.services.container import Services

    services = Services.for_database(site.services.ctx.db, site.services.ctx.clock)
    assert "sync" not in vars(services) and "network" not in vars(services)
    barrier = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        barrier.wait()
        seen.append(services.network)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(x) for x in seen}) == 1
    assert services.network.sync_service is services.sync  # the one sync service, built for the network
    assert services.booking.busy is services.slots.busy  # one view of busy time


def test_opening_the_services_imports_none_of_the_other_areas(tmp_path: Path) -> None:
    """`Services.open` and the day's services (directory, schedule, attention marks, booking) import
    neither the sync, the network, the outbox, the reports nor the imports (~0.5 s at start-up)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from mlplanner.services.container import Services\n"
        "s = Services.open(Path(sys.argv[1]))\n"
        "s.directory, s.schedule, s.impact, s.booking, s.appointments, s.slots, s.walk_ins, s.youths\n"
        "later = ('mlplanner.services.sync.service', 'mlplanner.services.network.service',\n"
        "    'mlplanner.services.reminders.service', 'mlplanner.services.reports.stats',\n"
        "    'mlplanner.services.youths.import_export', 'mlplanner.storage.message_tables')\n"
        "print([m for m in later if m in sys.modules])\n"
        "s.sync\n"
        "print('mlplanner.services.sync.service' in sys.modules)\n"
    )
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "site.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.splitlines() == ["[]", "True"]
