"""`ServiceContext.today()` / `.now()`: the site's own wall-clock date and time, not the PC's nor UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mlplanner.domain.clock import FixedClock
from mlplanner.services.container import Services
from mlplanner.services.directory.service import SiteSetup


@pytest.mark.parametrize(
    ("zone", "today", "hour"),
    [
        ("Europe/Paris", date(2026, 1, 5), 22),
        ("Indian/Reunion", date(2026, 1, 6), 1),
        ("America/Guadeloupe", date(2026, 1, 5), 17),
    ],
)
def test_today_is_the_sites_own_date(services: Services, zone: str, today: date, hour: int) -> None:
    services.ctx.clock = FixedClock(datetime(2026, 1, 5, 21, 30, tzinfo=UTC))
    services.directory.create_site(SiteSetup(code="S1", name="Site", timezone=zone))
    assert services.ctx.today() == today
    assert services.ctx.now().hour == hour and services.ctx.now().tzinfo is None  # a wall-clock time
    with services.ctx.read() as s:
        assert services.ctx.today(s) == today
