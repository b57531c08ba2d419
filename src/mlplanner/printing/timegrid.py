"""A time grid drawn on the canvas: time axis on both sides, one column per person/room/day, blocks.

Shared by the site's day schedule (columns = counsellors or rooms) and a counsellor's week
(columns = days). Overlapping blocks of one column sit side by side in lanes, so none hides another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mlplanner.domain.enums import Status
from mlplanner.printing import style
from mlplanner.printing.fonts import BOLD, ITALIC, REGULAR
from mlplanner.printing.formatting import hm, short_name
from mlplanner.printing.model import GridBlock, GridColumn, TimeRange
from mlplanner.printing.textfit import draw_fitted, ellipsize, fit, fit_line

AXIS_W = 30.0
COLUMN_HEAD_H = 30.0
LEGEND_H = 16.0


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def grid_bounds(start: time, end: time, blocks: Sequence[GridBlock]) -> tuple[int, int]:
    """Opening to closing in minutes, widened to whole hours around any block outside them."""
    lo, hi = minutes(start), minutes(end)
    for b in blocks:
        lo = min(lo, minutes(b.start) // 60 * 60)
        hi = max(hi, -(-minutes(b.end) // 60) * 60)
    return lo, max(hi, lo + 60)


def assign_lanes(blocks: Sequence[GridBlock]) -> list[tuple[GridBlock, int, int]]:
    """(block, lane, lanes in its cluster) for blocks of one column; overlapping ones share the width."""
    ordered = sorted(blocks, key=lambda b: (minutes(b.start), minutes(b.end)))
    out: list[tuple[GridBlock, int, int]] = []
    cluster: list[tuple[GridBlock, int]] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def flush() -> None:
        for b, lane in cluster:
            out.append((b, lane, len(lane_ends)))

    for b in ordered:
        s, e = minutes(b.start), max(minutes(b.end), minutes(b.start) + 1)
        if cluster and s >= cluster_end:
            flush()
            cluster, lane_ends = [], []
        lane = next((i for i, end in enumerate(lane_ends) if end <= s), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(e)
        else:
            lane_ends[lane] = e
        cluster.append((b, lane))
        cluster_end = max(cluster_end, e) if len(cluster) > 1 else e
    flush()
    return out


def check_columns(blocks: Sequence[GridBlock], n_columns: int) -> None:
    """A block pointing at no column is a wiring bug: say so rather than print a page without it."""
    for b in blocks:
        if not 0 <= b.column < n_columns:
            raise ValueError(f"GridBlock {b.title!r} is in column {b.column}, the grid has {n_columns}")


@dataclass(frozen=True)
class GridArea:
    x: float
    y: float  # bottom
    width: float
    height: float


class _Geometry:
    def __init__(self, area: GridArea, n_columns: int, lo: int, hi: int) -> None:
        self.left = area.x + AXIS_W
        self.right = area.x + area.width - AXIS_W
        self.top = area.y + area.height - COLUMN_HEAD_H
        self.bottom = area.y
        self.col_w = (self.right - self.left) / max(n_columns, 1)
        self.lo, self.hi = lo, hi
        self.per_min = (self.top - self.bottom) / (hi - lo)

    def y(self, t: time | int) -> float:
        m = t if isinstance(t, int) else minutes(t)
        return self.top - (min(max(m, self.lo), self.hi) - self.lo) * self.per_min

    def x(self, column: int) -> float:
        return self.left + column * self.col_w


def _hatch(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """Light diagonal hatching: "nobody here" without hiding anything printed on top."""
    if h <= 0 or w <= 0:
        return
    c.saveState()
    path = c.beginPath()
    path.rect(x, y, w, h)
    c.clipPath(path, stroke=0, fill=0)
    c.setFillColor(style.FAINT)
    c.rect(x, y, w, h, stroke=0, fill=1)
    c.setStrokeColor(style.HATCH)
    c.setLineWidth(0.5)
    step = 6.0
    k = -h
    while k < w:
        c.line(x + k, y, x + k + h, y + h)
        k += step
    c.restoreState()


def _column_heads(c: Canvas, g: _Geometry, columns: Sequence[GridColumn], counts: Sequence[int]) -> None:
    c.setFillColor(style.BRAND_LIGHT)
    c.rect(g.left, g.top, g.right - g.left, COLUMN_HEAD_H, stroke=0, fill=1)
    for i, col in enumerate(columns):
        x = g.x(i) + 3
        w = g.col_w - 6
        extra = [col.sublabel] if col.sublabel else []
        if counts[i]:
            extra.append(f"{counts[i]} rdv")
        label_h = 18.0 if extra else COLUMN_HEAD_H - 6
        c.setFillColor(style.INK)
        f = fit(col.label, BOLD, w, label_h, max_size=8.5, min_size=5.5, leading=1.1)
        block_h = len(f.lines) * f.leading + (8 if extra else 0)
        top = g.top + COLUMN_HEAD_H / 2 + block_h / 2
        below = draw_fitted(c, f, BOLD, x, top, w, align="center")
        if extra:
            c.setFillColor(style.MUTED)
            c.setFont(REGULAR, 6.5)
            text = " · ".join(extra)
            if c.stringWidth(text, REGULAR, 6.5) > w:
                text = extra[0]  # the room before the count when the column is narrow
            c.drawCentredString(x + w / 2, below - 7, ellipsize(text, REGULAR, 6.5, w))


def _axis(c: Canvas, g: _Geometry) -> None:
    first_half_hour = -(-g.lo // 30) * 30
    for m in range(first_half_hour, g.hi + 1, 30):
        y = g.y(m)
        on_hour = m % 60 == 0
        c.setStrokeColor(style.RULE if on_hour else style.FAINT)
        c.setLineWidth(0.7 if on_hour else 0.5)
        if not on_hour:
            c.setDash(2, 2)
        c.line(g.left, y, g.right, y)
        c.setDash()
        label = f"{m // 60:02d}:{m % 60:02d}"
        font, size = (BOLD, 7.5) if on_hour else (REGULAR, 6.5)
        c.setFont(font, size)
        c.setFillColor(style.INK if on_hour else style.MUTED)
        ly = y - size * 0.35
        if y - g.bottom < 4:
            ly = y + 1.5  # last label sits above the bottom edge
        elif g.top - y < 4:
            ly = y - size  # first label sits below the header
        c.drawRightString(g.left - 4, ly, label)
        c.drawString(g.right + 4, ly, label)


def _block(c: Canvas, g: _Geometry, b: GridBlock, column: int, lane: int, lanes: int) -> None:
    inner_w = g.col_w - 4
    w = inner_w / lanes - (1.5 if lanes > 1 else 0)
    x = g.x(column) + 2 + lane * (inner_w / lanes)
    y_top, y_bottom = g.y(b.start), g.y(b.end)
    h = max(y_top - y_bottom, 6.0)
    y = y_top - h
    base = style.hex_colour(b.colour)
    cancelled = b.status.is_cancelled or b.status is Status.EXCUSED
    no_show = b.status is Status.NO_SHOW

    c.saveState()
    if cancelled:
        c.setFillColor(style.FAINT)
        c.setStrokeColor(style.HATCH)
    elif no_show:
        c.setFillColor(colors.white)
        c.setStrokeColor(style.ALERT)
        c.setDash(2, 1.5)
    else:
        c.setFillColor(style.tint(base, 0.30))
        c.setStrokeColor(style.shade(base, 0.15))
    c.setLineWidth(0.6)
    c.roundRect(x, y, w, h, 1.5, stroke=1, fill=1)
    c.setDash()
    c.setFillColor(style.HATCH if cancelled else base)
    c.rect(x, y, 2.6, h, stroke=0, fill=1)

    tx, tw = x + 4.5, w - 6
    ink = style.MUTED if cancelled else style.INK
    mark = style.status_mark(b.status)
    mark_colour = style.status_colour(b.status)
    room = h - 2.5
    top = y_top - 1.5
    if room < 15:  # a short slot (20 minutes or less): the time, then the name with its initial
        _short_block(c, b, tx, tw, top, room, ink=ink, cancelled=cancelled)
        c.restoreState()
        return
    c.setFont(REGULAR, 6)
    c.setFillColor(style.MUTED)
    when = _when(b, REGULAR, 6, tw)
    c.drawString(tx, top - 6, ellipsize(when, REGULAR, 6, tw))
    if mark:
        mark_w = c.stringWidth(mark, BOLD, 6)
        if c.stringWidth(when, REGULAR, 6) + mark_w + 4 <= tw:
            c.setFont(BOLD, 6)
            c.setFillColor(mark_colour)
            c.drawRightString(tx + tw, top - 6, mark)
        elif room >= 24:
            c.setFont(BOLD, 6)
            c.setFillColor(mark_colour)
            c.drawString(tx, top - 12.5, ellipsize(mark, BOLD, 6, tw))
            top -= 6.5
            room -= 6.5
    top -= 7.5
    room -= 7.5
    sub_h = 7.5 if b.subtitle and room >= 17 else 0.0
    c.setFillColor(ink)
    f = fit(b.title, BOLD, tw, room - sub_h, max_size=7.5, min_size=5.5, leading=1.1)
    below = draw_fitted(c, f, BOLD, tx, top, tw)
    if cancelled:
        _strike(c, tx, top - f.size * 0.6, min(tw, c.stringWidth(f.lines[0], BOLD, f.size)))
    if sub_h:
        c.setFont(ITALIC, 6)
        c.setFillColor(style.MUTED if cancelled else style.shade(base, 0.45))
        c.drawString(tx, below - 6.5, ellipsize(b.subtitle, ITALIC, 6, tw))
    c.restoreState()


SHORT_TIME_SIZE = 5.5


def _when(b: GridBlock, font: str, size: float, width: float) -> str:
    """ "09:00–09:20", or the start alone where that does not fit (a narrow lane): never "09:…"."""
    span = f"{hm(b.start)}–{hm(b.end)}"
    return span if stringWidth(span, font, size) <= width else hm(b.start)


def _short_block(
    c: Canvas, b: GridBlock, tx: float, tw: float, top: float, room: float, *, ink: object, cancelled: bool
) -> None:
    """A block too short for the full layout. Two lines when they fit (a 20-minute slot): "09:00–09:20"
    and the name; else one line "09:00 NAME". The name shrinks, then loses its first names to their
    initials ("BELKACEM Y."), then is cut with "…": two BELKACEM at 09:00 and 09:20 stay apart."""
    mark = style.status_mark(b.status)
    short = short_name(b.title)
    if room >= 12:
        mark_w = c.stringWidth(mark, BOLD, SHORT_TIME_SIZE) + 3 if mark else 0
        when = _when(b, REGULAR, SHORT_TIME_SIZE, tw - mark_w)
        c.setFont(REGULAR, SHORT_TIME_SIZE)
        c.setFillColor(style.MUTED)
        c.drawString(tx, top - 4.8, ellipsize(when, REGULAR, SHORT_TIME_SIZE, tw - mark_w))
        if mark and c.stringWidth(when, REGULAR, SHORT_TIME_SIZE) + mark_w <= tw:
            c.setFont(BOLD, SHORT_TIME_SIZE)
            c.setFillColor(style.status_colour(b.status))
            c.drawRightString(tx + tw, top - 4.8, mark)
        text, size = fit_line(b.title, BOLD, tw, max_size=7, min_size=5, short=short)
        baseline = top - SHORT_TIME_SIZE - 1 - size * 0.92
        name_x, name_w = tx, tw
    else:
        when = hm(b.start)
        when_w = c.stringWidth(when + " ", REGULAR, SHORT_TIME_SIZE)
        size_cap = max(5.0, min(7.0, room / 1.05))
        name_x, name_w = tx + when_w, tw - when_w
        if name_w < 12:  # not even room for an initial beside the time: the name alone
            name_x, name_w, when = tx, tw, ""
        text, size = fit_line(b.title, BOLD, name_w, max_size=size_cap, min_size=5, short=short)
        baseline = top - room / 2 - size * 0.35  # the line centred in the box
        if when:
            c.setFont(REGULAR, SHORT_TIME_SIZE)
            c.setFillColor(style.MUTED)
            c.drawString(tx, baseline, when)
    c.setFillColor(ink)  # type: ignore[arg-type]
    c.setFont(BOLD, size)
    c.drawString(name_x, baseline, text)
    if cancelled:
        _strike(c, name_x, baseline + size * 0.3, min(name_w, c.stringWidth(text, BOLD, size)))


def _strike(c: Canvas, x: float, y: float, w: float) -> None:
    c.setStrokeColor(style.MUTED)
    c.setLineWidth(0.6)
    c.line(x, y, x + w, y)


def draw_grid(
    c: Canvas,
    area: GridArea,
    columns: Sequence[GridColumn],
    blocks: Sequence[GridBlock],
    lo: int,
    hi: int,
    closed: Sequence[TimeRange] = (),
) -> None:
    """Draw the grid for ``columns``; ``blocks`` use indexes into ``columns``."""
    g = _Geometry(area, len(columns), lo, hi)
    counts = [0] * len(columns)
    for b in blocks:
        if b.status.occupies_slot:
            counts[b.column] += 1
    _column_heads(c, g, columns, counts)
    for r in closed:
        _hatch(c, g.left, g.y(r.end), g.right - g.left, g.y(r.start) - g.y(r.end))
    for i, col in enumerate(columns):
        for r in col.unavailable:
            _hatch(c, g.x(i), g.y(r.end), g.col_w, g.y(r.start) - g.y(r.end))
    _axis(c, g)
    c.setStrokeColor(style.RULE)
    c.setLineWidth(0.6)
    for i in range(1, len(columns)):
        c.line(g.x(i), g.bottom, g.x(i), g.top + COLUMN_HEAD_H)
    for i, col in enumerate(columns):
        if col.note:
            c.setFont(ITALIC, 7.5)
            c.setFillColor(style.MUTED)
            c.drawCentredString(
                g.x(i) + g.col_w / 2, g.top - 14, ellipsize(col.note, ITALIC, 7.5, g.col_w - 6)
            )
    for i in range(len(columns)):
        for b, lane, lanes in assign_lanes([b for b in blocks if b.column == i]):
            _block(c, g, b, i, lane, lanes)
    c.setStrokeColor(style.BRAND)
    c.setLineWidth(0.9)
    c.rect(g.left, g.bottom, g.right - g.left, g.top + COLUMN_HEAD_H - g.bottom, stroke=1, fill=0)


def draw_legend(c: Canvas, x: float, y: float, width: float, blocks: Sequence[GridBlock]) -> None:
    """Colour of each appointment type on the page, then how statuses read."""
    kinds: dict[str, str] = {}
    for b in blocks:
        if b.kind and b.kind not in kinds:
            kinds[b.kind] = b.colour
    cx = x
    c.setFont(BOLD, 7)
    c.setFillColor(style.INK)
    c.drawString(cx, y, "Légende :")
    cx += c.stringWidth("Légende :", BOLD, 7) + 8
    status_text = "✓ arrivé / reçu    ✗ absent    barré : annulé ou excusé    hachuré : indisponible"
    status_w = c.stringWidth(status_text, REGULAR, 7)
    limit = x + width - status_w - 16
    c.setFont(REGULAR, 7)
    for label, colour in kinds.items():
        text_w = c.stringWidth(label, REGULAR, 7)
        if cx + 12 + text_w > limit:
            c.setFillColor(style.MUTED)
            c.drawString(cx, y, "…")
            break
        base = style.hex_colour(colour)
        c.setFillColor(style.tint(base, 0.30))
        c.setStrokeColor(style.shade(base, 0.15))
        c.setLineWidth(0.5)
        c.rect(cx, y - 1, 9, 7, stroke=1, fill=1)
        c.setFillColor(base)
        c.rect(cx, y - 1, 2, 7, stroke=0, fill=1)
        c.setFillColor(style.INK)
        c.drawString(cx + 12, y, label)
        cx += 12 + text_w + 12
    c.setFillColor(style.MUTED)
    c.drawRightString(x + width, y, status_text)
