"""How big the benchmark site is, and how many times each operation is timed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    counsellors: int
    offices: int
    workshop_rooms: int
    youths: int
    days_past: int  # history before today
    days_ahead: int  # bookings already taken after today
    sessions: int  # workshop sessions
    registrations: int  # workshop registrations
    repeat: int  # timed runs of each in-process operation (after a warm-up)
    startup_runs: int  # cold starts of the app (and of the bare-Qt floor)

    @property
    def rooms(self) -> int:
        return self.offices + self.workshop_rooms


SIZES: dict[str, Size] = {
    # The large site: 40 counsellors, 10 rooms, 100,000 youths, two years of appointments
    # (~300,000), 2,000 workshop sessions with 30,000 registrations.
    "large": Size(
        name="large",
        counsellors=40,
        offices=8,
        workshop_rooms=2,
        youths=100_000,
        days_past=850,
        days_ahead=60,
        sessions=2_000,
        registrations=30_000,
        repeat=21,
        startup_runs=5,
    ),
    # A scaled-down site for the test suite and a quick look (under a minute on 2 cores).
    "small": Size(
        name="small",
        counsellors=8,
        offices=3,
        workshop_rooms=1,
        youths=5_000,
        days_past=50,
        days_ahead=20,
        sessions=60,
        registrations=900,
        repeat=5,
        startup_runs=1,
    ),
}
