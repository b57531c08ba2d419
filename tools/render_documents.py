"""Regenerate PNG renders of every printed document from demo data, for the README.

    uv run python tools/render_documents.py [--out docs/documents] [--today 2026-11-26] [--seed 1] [--dpi 70]

A demo site (and its workshops, when this build has them) is built in a temporary folder with a fixed
seed and clock; each document is printed through the same service the app and the CLI use
(`Services.printing`), then rasterised with poppler's `pdftoppm` (first page; every page of the
sign-in sheet). No Qt involved. Needs poppler-utils (`pdftoppm`) on the PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.hours import WeeklyHours
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]


def _actor(services: Services, role: Role) -> Actor:
    staff = services.directory.staff(role=role)[0]
    return Actor(staff.id, staff.display_name, staff.role)


def _open_day(services: Services, start: date) -> date:
    """The first day from `start` with appointments (the demo's "today" may be a quiet day)."""
    day = start
    for _ in range(14):
        if any(a.status.occupies_slot for a in services.booking.day(day)):
            return day
        day += timedelta(days=1)
    return start


def stage(services: Services, day: date) -> None:
    """A little real life on the day shown: a counsellor called away for the afternoon, whose afternoon
    appointments were cancelled (their column is hatched from 13:30)."""
    lead = _actor(services, Role.SITE_LEAD)
    appts = [a for a in services.booking.day(day) if a.status.occupies_slot]
    full_day = [
        c
        for c in services.directory.counsellors()
        if len(WeeklyHours.from_json(c.working_pattern_json).days[day.weekday()]) > 1
    ]
    if not full_day:
        return
    away = min(
        full_day, key=lambda c: sum(1 for a in appts if a.counsellor_id == c.id and a.start.hour >= 13)
    )
    services.directory.add_absence(
        actor=lead,
        staff_id=away.id,
        start=datetime.combine(day, time(13, 30)),
        end=datetime.combine(day, time(17, 30)),
        reason="Réunion partenaires",
    )
    for a in appts:
        if a.counsellor_id == away.id and a.start.hour >= 13:
            services.appointments.cancel(
                actor=lead, appointment_id=a.id, by_youth=False, reason="Conseiller absent"
            )


def documents(services: Services, day: date, out: Path) -> dict[str, Path]:
    """Print each document to a PDF in `out`; returns name → PDF path."""
    reception = _actor(services, Role.RECEPTIONIST)
    p = services.printing
    appts = [a for a in services.booking.day(day) if a.status.occupies_slot]
    by_counsellor: dict[str, int] = {}
    for a in appts:
        by_counsellor[a.counsellor_id] = by_counsellor.get(a.counsellor_id, 0) + 1
    busiest = max(by_counsellor, key=lambda k: by_counsellor[k])
    ahead = [a for a in services.booking.between(day + timedelta(days=1), day + timedelta(days=14))]
    first_visit = next(  # a first interview booked for next week: the slip's most common use
        (a for a in ahead if a.type_code == "ACC" and a.status.occupies_slot),
        appts[0],
    )
    pdfs = {
        name: out / f"{name}.pdf"
        for name in ("day", "day-by-room", "counsellor-day", "week", "slip", "calls")
    }
    p.day(actor=reception, day=day, out=pdfs["day"])
    p.day(actor=reception, day=day, grouping="room", out=pdfs["day-by-room"])
    p.counsellor_day(actor=reception, day=day, counsellor=busiest, out=pdfs["counsellor-day"])
    p.week(actor=reception, day=day, counsellor=busiest, out=pdfs["week"])
    p.slip(actor=reception, appointment_id=first_visit.id, out=pdfs["slip"])
    p.calls(actor=reception, day=day, out=pdfs["calls"])
    sessions = services.workshops.sessions_between(day, day + timedelta(days=13), include_cancelled=False)
    if sessions:
        fullest = max(sessions, key=lambda s: (s.confirmed, -s.start.timestamp()))
        pdfs["roster"] = out / "roster.pdf"
        p.roster(actor=reception, session_id=fullest.id, out=pdfs["roster"])
    return pdfs


def rasterise(pdf: Path, target: Path, dpi: int, *, all_pages: bool) -> list[Path]:
    """PNG(s) of a PDF with pdftoppm: `target.png`, or `target-1.png`, `target-2.png`... for every page."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        args = ["pdftoppm", "-png", "-r", str(dpi)]
        if not all_pages:
            args += ["-f", "1", "-l", "1"]
        subprocess.run([*args, str(pdf), str(prefix)], check=True, capture_output=True)
        pages = sorted(Path(tmp).glob("page*.png"))
        written = []
        for i, page in enumerate(pages, start=1):
            dest = (
                target.with_name(f"{target.stem}-{i}.png") if len(pages) > 1 else target.with_suffix(".png")
            )
            shutil.move(page, dest)
            written.append(dest)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "documents")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 26))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--keep-pdf", action="store_true", help="copy the PDFs next to the PNGs")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm est introuvable : installez poppler-utils.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    now = datetime.combine(args.today, time(8, 30), tzinfo=ZoneInfo("Europe/Paris"))
    with tempfile.TemporaryDirectory(prefix="mlplanner-docs-") as tmp:
        services = Services.open(Path(tmp) / "demo.sqlite3", clock=FixedClock(now))
        try:
            build_demo(services, seed=args.seed, today=args.today)
            try:  # the workshops area, when this build has it
                from mlplanner.services.workshops.demo import build_demo_workshops
            except ImportError:
                pass
            else:
                build_demo_workshops(services, today=args.today, seed=args.seed)
            day = _open_day(services, args.today)
            stage(services, day)
            for name, pdf in documents(services, day, Path(tmp)).items():
                for png in rasterise(pdf, args.out / name, args.dpi, all_pages=name == "roster"):
                    print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
                if args.keep_pdf:
                    shutil.copy(pdf, args.out / pdf.name)
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
