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
    # A whole network's server, or a big site after a few years (issue 19): twice the large site's staff
    # and four times its history. At the large site's 11.7 appointments per counsellor and open day, 850
    # days of history give ~590,000 appointments with 80 counsellors; passing one million takes 1,700
    # days (4 years 8 months), the "4× history" of the measurements (1,149,000 appointments).
    "network": Size(
        name="network",
        counsellors=80,
        offices=16,
        workshop_rooms=4,
        youths=400_000,
        days_past=1_700,
        days_ahead=60,
        sessions=8_000,
        registrations=120_000,
        repeat=11,
        startup_runs=3,
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
