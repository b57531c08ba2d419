"""The list of synced tables is complete whoever asks for it first. A table exists for SQLModel only once
its module is imported, and the container imports a service's module when the service is first used:
the benchmark's sync (which reads the list before building any service) lost the workshop, follow-up
and reception tables, a month's 3,000 workshop rows, when the container became lazy."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import importlib, json, pkgutil
from mlplanner.services.sync.schema import synced_tables
import mlplanner.storage

seen = [t.name for t in synced_tables()]
for module in pkgutil.iter_modules(mlplanner.storage.__path__):
    if module.name.endswith("tables"):
        importlib.import_module("mlplanner.storage." + module.name)
synced_tables.cache_clear()
print(json.dumps([seen, [t.name for t in synced_tables()]]))
"""


def test_synced_tables_are_all_known_before_any_service_is_built() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True
    )
    seen, every = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"workshop_session", "workshop_registration", "booking_request", "youth_profile"} <= set(every)
    assert seen == every
