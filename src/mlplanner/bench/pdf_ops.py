"""Printed documents: the site's day schedule and a 40-participant sign-in sheet.

Timed through `PrintingService` as the print action runs it: data read, document laid out, rendered
to PDF bytes, print recorded in the audit log. The floor draws the same pages, boxes and names straight on a reportlab canvas,
with no layout code: what reportlab itself costs.
"""

from __future__ import annotations

import io

from mlplanner.bench.model import Site
from mlplanner.bench.ops import open_day
from mlplanner.bench.report import Budget, Row, measure
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor

DAY_PDF = Budget("< 300 ms", limit=0.300)
ROSTER_PDF = Budget("< 200 ms", limit=0.200)


def _actor(sv: Services) -> Actor:
    r = sv.directory.staff(role=Role.RECEPTIONIST)[0]
    return Actor(r.id, r.display_name, r.role)


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
    printing = getattr(sv, "printing", None)
    if printing is None:
        return [day_row, roster_row]
    actor, day, n = _actor(sv), open_day(site), max(3, repeat // 2)
    day_row.take(measure(lambda _i: printing.day(actor=actor, day=day), repeat=n))
    pages = printing.day(actor=actor, day=day, preview=True).pages
    blocks = len([a for a in sv.booking.day(day) if a.status.occupies_slot])
    day_row.floor = measure(
        lambda _i: _floor_grid(site.counts["counsellors"], blocks, pages), repeat=n
    ).median
    day_row.note = (
        f"PrintingService.day (read, lay out, render, audit): {blocks} appointments on {pages} pages; "
        "floor = the same boxes and names on a bare reportlab canvas"
    )
    if not site.roster_session_id:
        roster_row.note = "no workshop session in this file"
        return [day_row, roster_row]
    sid = site.roster_session_id
    roster_row.take(measure(lambda _i: printing.roster(actor=actor, session_id=sid), repeat=n))
    roster_row.floor = measure(lambda _i: _floor_roster(count), repeat=n).median
    roster_row.note = "PrintingService.roster (read, lay out, render, audit); floor = a ruled bare canvas"
    return [day_row, roster_row]
