"""Sample documents and PDF helpers for the printing tests (imported by name: tests/printing is on sys.path).

Realistic French names with accents, ligatures and very long hyphenated names, every status.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from pypdf import PageObject, PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from mlplanner.domain.enums import Mode, Status
from mlplanner.paths import resource_path
from mlplanner.printing.model import (
    CallListDoc,
    CallRow,
    CounsellorDayDoc,
    CounsellorDayRow,
    DayGrid,
    GridBlock,
    GridColumn,
    RosterDoc,
    SiteHeader,
    SlipDoc,
    TimeRange,
    WeekDoc,
    participants,
)

DAY = date(2027, 4, 6)  # a Tuesday
LUNCH = TimeRange(time(12, 30), time(13, 30))

TYPES = {
    "accueil": ("Premier accueil", "#E67E22"),
    "suivi": ("Entretien de suivi", "#4A90D9"),
    "cej": ("Entretien CEJ", "#27AE60"),
    "sante": ("Point santé", "#C0392B"),
    "logement": ("Logement", "#8E44AD"),
}

COUNSELLORS = [
    ("Claire Lefèvre", "Bureau 1"),
    ("Mamadou Diallo", "Bureau 2"),
    ("Éloïse Lœuvre", "Bureau 3"),
    ("François Nguyen", "Bureau 4"),
    ("Anne-Sophie Baudelaire-Dumontier", "Bureau 5"),
    ("Karim Benali", "Bureau 6"),
    ("Sophie Martin", "Bureau 7"),
    ("Jérôme Caillaud", "Bureau 8"),
    ("Nadia Haddad", "Bureau 9"),
    ("Thomas Le Gall", "Bureau 10"),
    ("Inès Girard", "Bureau 11"),
    ("Hugo Belkacem", "Bureau 12"),
    ("Fatou Ba", "Bureau 13"),
    ("Lucas Petit", "Bureau 14"),
    ("Chloé Garnier", "Bureau 15"),
]

YOUTHS = [
    ("GIRARD", "Inès"),
    ("LAMBERT", "Mamadou"),
    ("KONÉ", "Kévin"),
    ("N'DIAYE", "Aïssatou"),
    ("CŒURDEROY", "Maëlle"),
    ("BENMOHAMMED-ABDELKADER", "Jean-Christophe"),
    ("ROUSSEAU", "Zoé"),
    ("FAURE", "Noël"),
    ("MÜLLER", "Léa"),
    ("DA SILVA", "João"),
    ("OUEDRAOGO", "Françoise"),
    ("LEROY", "Œdipe"),
]


def header(*, funders: bool = False) -> SiteHeader:
    return SiteHeader(
        organisation="Mission Locale du Pays de Brocéliande",
        site_name="Antenne de Montfort-sur-Meu",
        address="12 rue de l'Église, 35160 Montfort-sur-Meu",
        phone="02 99 09 00 00",
        logo=resource_path("logos", "mission-locale-placeholder.png"),
        funder_logos=(resource_path("logos", "fse-placeholder.png"),) if funders else (),
        printed_by="Claire Lefèvre",
        printed_at=datetime(2027, 4, 5, 14, 2),
    )


def _t(h: int, m: int = 0) -> time:
    return time(h, m)


def day_grid(n_counsellors: int = 6) -> DayGrid:
    columns = []
    blocks = []
    kinds = list(TYPES)
    statuses = [
        Status.SEEN,
        Status.ARRIVED,
        Status.BOOKED,
        Status.NO_SHOW,
        Status.BOOKED,
        Status.CANCELLED_BY_YOUTH,
    ]
    for i, (name, room) in enumerate(COUNSELLORS[:n_counsellors]):
        unavailable = (TimeRange(_t(16), _t(18)),) if i == 2 else ()
        note = "Absente (formation)" if i == 4 else ""
        if i == 4:
            unavailable = (TimeRange(_t(8, 30), _t(18)),)
        columns.append(GridColumn(name, room, unavailable, note))
        if i == 4:
            continue
        slots = [(9, 0, 45), (10, 0, 60), (11, 15, 30), (14, 0, 45), (15, 0, 30), (15, 30, 15), (16, 30, 60)]
        for j, (h, m, dur) in enumerate(slots):
            if (i + j) % 5 == 4:
                continue
            last, first = YOUTHS[(i * 7 + j) % len(YOUTHS)]
            label, colour = TYPES[kinds[(i + j) % len(kinds)]]
            start = _t(h, m)
            end_min = h * 60 + m + dur
            blocks.append(
                GridBlock(
                    column=i,
                    start=start,
                    end=_t(end_min // 60, end_min % 60),
                    title=f"{last} {first}",
                    subtitle=f"{label} · {room}",
                    colour=colour,
                    kind=label,
                    status=statuses[(i + j) % len(statuses)] if h < 12 else Status.BOOKED,
                )
            )
    # Two appointments overlapping in the first column (a forced double booking) must both show.
    blocks.append(
        GridBlock(0, _t(10, 30), _t(11), "ROUSSEAU Zoé", "Point santé · Bureau 1", "#C0392B", "Point santé")
    )
    return DayGrid(
        header=header(),
        day=DAY,
        columns=tuple(columns),
        start=_t(8, 30),
        end=_t(18),
        blocks=tuple(blocks),
        closed=(LUNCH,),
    )


def week_doc() -> WeekDoc:
    days = tuple(date(2027, 4, d) for d in range(5, 10))
    grid = day_grid(5)
    blocks = []
    for d in range(5):
        for b in grid.blocks:
            if b.column == (d + 1) % 4:
                blocks.append(replace(b, column=d, status=Status.BOOKED if d >= 1 else b.status))
    return WeekDoc(
        header=header(),
        counsellor_name="Éloïse Lœuvre",
        days=days,
        start=_t(8, 30),
        end=_t(18),
        blocks=tuple(b for b in blocks if b.column != 0),
        day_notes=("Férié : lundi de Pâques", "", "", "", ""),
        unavailable=((TimeRange(_t(8, 30), _t(18)),), (), (TimeRange(_t(14), _t(18)),), (), ()),
        closed=(LUNCH,),
    )


def counsellor_day() -> CounsellorDayDoc:
    rows = []
    grid = day_grid(6)
    for b in sorted((b for b in grid.blocks if b.column == 2), key=lambda b: b.start):
        rows.append(
            CounsellorDayRow(
                start=b.start,
                end=b.end,
                youth_name=b.title,
                phone="06 98 73 29 18",
                type_label=b.kind,
                mode=Mode.PHONE if b.start.hour == 15 else Mode.ON_SITE,
                room_name="Bureau 3",
                status=b.status,
                notes="Apporter le CV « à jour » ; frais de transport 12,50 € à rembourser"
                if b.start.hour == 9
                else "",
            )
        )
    return CounsellorDayDoc(header=header(), day=DAY, counsellor_name="Éloïse Lœuvre", rows=tuple(rows))


def roster(n: int = 12, *, end_day: date | None = None) -> RosterDoc:
    names = [
        (YOUTHS[i % len(YOUTHS)][0] + ("" if i < len(YOUTHS) else f" {i}"), YOUTHS[i % len(YOUTHS)][1])
        for i in range(n)
    ]
    return RosterDoc(
        header=header(funders=True),
        title="Atelier CV et lettre de motivation : « Se présenter à un employeur »",
        day=DAY,
        start=_t(9, 30),
        end=_t(16, 30),
        room="Salle Brocéliande (rez-de-chaussée)",
        facilitators=("Claire Lefèvre", "Karim Benali (partenaire France Travail)"),
        participants=participants(names),
        blank_rows=5,
        end_day=end_day,
        funding_note="Action cofinancée par le Fonds social européen plus (FSE+) dans le cadre du programme national FSE+ 2021-2027.",
    )


def slip() -> SlipDoc:
    return SlipDoc(
        header=header(),
        youth_name="Maëlle CŒURDEROY",
        start=datetime(2027, 4, 6, 9, 30),
        end=datetime(2027, 4, 6, 10, 15),
        counsellor_name="Éloïse Lœuvre",
        type_label="Entretien CEJ",
        mode=Mode.ON_SITE,
        room_name="Bureau 3",
        what_to_bring=(
            "Pièce d'identité",
            "Attestation de sécurité sociale (carte Vitale)",
            "CV à jour, si vous en avez un",
        ),
    )


def call_list() -> CallListDoc:
    rows = []
    grid = day_grid(6)
    for b in sorted(grid.blocks, key=lambda b: (b.start, b.column)):
        if b.status is not Status.BOOKED:
            continue
        rows.append(
            CallRow(
                start=b.start,
                youth_name=b.title,
                phone=f"06 {10 + b.column:02d} 34 56 {b.start.hour:02d}",
                counsellor_name=COUNSELLORS[b.column][0],
                type_label=b.kind,
                mode=Mode.VIDEO if b.start.hour == 16 else Mode.ON_SITE,
            )
        )
    return CallListDoc(header=header(), day=date(2027, 4, 8), rows=tuple(rows))


# --- helpers used by several test modules -------------------------------------------------------


def pdf_pages_text(data: bytes | Path) -> list[str]:
    import io

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return [page.extract_text() or "" for page in PdfReader(source).pages]


def pdftoppm_available() -> bool:
    return shutil.which("pdftoppm") is not None


def render_ppm(pdf: Path, out_dir: Path, dpi: int = 40) -> list[Path]:
    """Render each page with poppler's pdftoppm as PPM (plain to parse without Pillow or Qt)."""
    prefix = out_dir / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), str(pdf), str(prefix)], check=True, capture_output=True)
    return sorted(out_dir.glob("page*.ppm"))


def non_white_ratio(ppm: Path) -> float:
    """Share of pixels that are not (almost) white in a binary P6 PPM file."""
    data = ppm.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:  # magic, width, height, maxval; comments start with '#'
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6", fields[0]
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1 : pos + 1 + width * height * 3]
    dark = sum(1 for i in range(0, len(pixels), 3) if min(pixels[i], pixels[i + 1], pixels[i + 2]) < 235)
    return dark / (width * height)


@dataclass(frozen=True)
class Run:
    """One piece of text drawn on a page, where it starts and how wide it is."""

    text: str
    x: float
    y: float
    width: float
    size: float


def text_runs(page: PageObject) -> list[Run]:
    """Every text run of a page with its position (text matrix × CTM) and its width in the embedded font."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        text = text.rstrip("\n")
        if not text.strip() or font is None:
            return
        a, b, c, d, e, f = cm
        x = tm[4] * a + tm[5] * c + e
        y = tm[4] * b + tm[5] * d + f
        scale = (tm[0] * a) or 1.0
        name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        real_size = size * scale
        runs.append(Run(text, x, y, stringWidth(text, name, real_size), real_size))

    page.extract_text(visitor_text=visit)
    return runs
