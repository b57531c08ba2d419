"""The change bus: a write made on another workstation reaches every view, whatever it shows."""

from __future__ import annotations

import pytest

from mlplanner.domain.models import Change


def test_the_bus_tells_every_view_of_a_change_made_elsewhere(qapp) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.ui.shell.bus import ChangeBus, concerns

    bus = ChangeBus()
    seen: list[object] = []
    bus.changed.connect(seen.append)
    bus.publish_external()
    assert all(concerns(seen[0], kind) for kind in Change)
    with pytest.raises(ValueError):
        concerns(seen[0], "call")
