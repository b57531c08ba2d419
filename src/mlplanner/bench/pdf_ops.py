"""Printed documents: the site's day schedule and a 40-participant sign-in sheet.

Timed from the services' data to the PDF bytes, the way a print action does it (data read, document
model built, rendered). The floor draws the same pages, boxes and names straight on a reportlab canvas,
with no layout code: what reportlab itself costs.
"""

from __future__ import annotations

import io
import itertools
from datetime import time
from importlib.util import find_spec

from sqlalchemy import select

from ..domain.enums import Role
from ..domain.hours import WeeklyHours
from ..services.container import Services
from ..storage.tables import Youth
from .model import Site
from .ops import open_day
from .report import Budget, Row, measure

DAY_PDF = Budget("< 300 ms", limit=0.300)
ROSTER_PDF = Budget("< 200 ms", limit=0.200)


def _printing() -> bool:
    return find_spec("mlplanner.printing") is not None


def _header(sv: Services, site: Site):  # type: ignore[no-untyped-def]
    from ..printing import SiteHeader

    view = sv.directory.site()
    return SiteHeader(
        organisation="Mission Locale de Paris",
        site_name=view.name,
        address=view.address,
        phone=view.phone,
        printed_by="Karima Haddou",
        printed_at=site.now.replace(tzinfo=None),
    )


def day_schedule_pdf(sv: Services, site: Site) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from ..printing import DayGrid, GridColumn, TimeRange, block_from_appointment, render_day_schedule

    day = open_day(site)
    view = sv.directory.site()
    staff = sv.directory.staff(role=Role.COUNSELLOR)
    column = {s.id: i for i, s in enumerate(staff)}
    appointments = [a for a in sv.booking.day(day) if a.status.occupies_slot and a.counsellor_id in column]
    hours = WeeklyHours.from_json(view.opening_hours_json)
    first, last = hours.bounds() or (time(9), time(17, 30))
    spans = hours.intervals_on(day)
    closed = tuple(TimeRange(a.end.time(), b.start.time()) for a, b in itertools.pairwise(spans))
    doc = DayGrid(
        header=_header(sv, site),
        day=day,
        columns=tuple(GridColumn(s.display_name) for s in staff),
        start=first,
        end=last,
        blocks=tuple(block_from_appointment(a, column[a.counsellor_id]) for a in appointments),
        closed=closed,
    )
    out = io.BytesIO()
    pages = render_day_schedule(doc, out)
    return out.getvalue(), pages


def roster_pdf(sv: Services, site: Site) -> bytes:
    from ..printing import RosterDoc, participants, render_roster
    from ..services.workshops import WorkshopService

    roster = WorkshopService(sv.ctx).roster(site.roster_session_id)
    ids = [r.youth_id for r in roster.registered]
    with sv.ctx.read() as s:
        names = {
            r.id: (r.last_name, r.first_name)
            for r in s.execute(select(Youth.id, Youth.last_name, Youth.first_name).where(Youth.id.in_(ids)))
        }
    sess = roster.session
    doc = RosterDoc(
        header=_header(sv, site),
        title=sess.title,
        day=sess.start.date(),
        start=sess.start.time(),
        end=sess.end.time(),
        room=sess.room_name or "",
        facilitators=sess.facilitators,
        participants=participants([names[i] for i in ids]),
        funding_note="Action cofinancée par le Fonds social européen plus (FSE+)",
    )
    out = io.BytesIO()
    render_roster(doc, out)
    return out.getvalue()


def _floor_grid(columns: int, blocks: int, pages: int) -> bytes:
    """Boxes and two lines of text per appointment, column titles, on as many landscape pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    c = Canvas(out, pagesize=landscape(A4))
    per_page = -(-blocks // pages)
    per_col = -(-columns // pages)
    for p in range(pages):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(30, 560, "Planning du jour")
        c.setFont("Helvetica", 7)
        for k in range(per_col):
            c.drawString(40 + k * 75, 530, f"Conseiller {k}")
        for b in range(per_page):
            x, y = 40 + (b % per_col) * 75, 500 - (b // per_col) * 30
            c.setFillColorRGB(0.3, 0.5, 0.8)
            c.rect(x, y, 72, 26, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x + 2, y + 16, "NOM Prénom")
            c.drawString(x + 2, y + 6, "Entretien · Bureau")
        c.drawString(30, 20, f"page {p + 1} / {pages}")
        c.showPage()
    c.save()
    return out.getvalue()


def _floor_roster(n: int) -> bytes:
    """A ruled table of n names with a signature cell each, on one or two portrait pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    c = Canvas(out, pagesize=A4)
    per_page = 25
    for start in range(0, n + 5, per_page):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(40, 800, "Feuille d'émargement")
        c.setFont("Helvetica", 9)
        for i, k in enumerate(range(start, min(start + per_page, n + 5))):
            y = 760 - i * 28
            c.rect(40, y, 515, 28)
            c.line(300, y, 300, y + 28)
            c.drawString(46, y + 10, f"{k + 1}. NOM Prénom" if k < n else "")
        c.showPage()
    c.save()
    return out.getvalue()


def pdfs(sv: Services, site: Site, repeat: int) -> list[Row]:
    day_row = Row(f"site day schedule PDF ({site.counts['counsellors']} counsellors)", DAY_PDF)
    count = site.counts.get("roster_participants", 0)
    roster_row = Row(f"workshop sign-in sheet PDF ({count} participants)", ROSTER_PDF)
    if not _printing():
        return [day_row, roster_row]
    n = max(3, repeat // 2)
    day_row.median, day_row.samples = measure(lambda _i: day_schedule_pdf(sv, site), repeat=n)
    _pdf, pages = day_schedule_pdf(sv, site)
    blocks = len([a for a in sv.booking.day(open_day(site)) if a.status.occupies_slot])
    day_row.floor, _ = measure(lambda _i: _floor_grid(site.counts["counsellors"], blocks, pages), repeat=n)
    day_row.runs = n
    day_row.note = f"{blocks} appointments on {pages} pages, services + printing; floor = bare canvas"
    if not site.roster_session_id or find_spec("mlplanner.services.workshops") is None:
        roster_row.note = "no workshop session in this file"
        return [day_row, roster_row]
    roster_row.median, roster_row.samples = measure(lambda _i: roster_pdf(sv, site), repeat=n)
    roster_row.floor, _ = measure(lambda _i: _floor_roster(count), repeat=n)
    roster_row.runs = n
    roster_row.note = "WorkshopService.roster + printing.render_roster; floor = bare canvas"
    return [day_row, roster_row]
