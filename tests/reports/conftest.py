"""Fixtures of the reports tests: the process time zone, moved for one test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

#: Process time zones a PC may have: none of them may change a time written by mlplanner.
PC_ZONES = ("UTC", "America/New_York", "Asia/Tokyo")


@pytest.fixture(params=PC_ZONES)
def pc_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test with the process in another time zone (`TZ` + `time.tzset`), then put it back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
