"""Fitting text drawn straight on the canvas into a box: shrink, wrap, and only then cut with "…".

Table cells use reportlab Paragraphs (which wrap by themselves); the time grid and the page header
draw on the canvas, where nothing stops a long name from running over the next column but this.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

ELLIPSIS = "…"


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """The longest prefix of ``text`` that fits ``width`` with an ellipsis (the whole text if it fits)."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # binary search on the prefix length
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid].rstrip() + ELLIPSIS, font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else ""


def _split_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Cut a word longer than the line (a long hyphen-less surname) into pieces that fit."""
    pieces, current = [], ""
    for ch in word:
        if current and stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def _tokens(text: str) -> list[tuple[str, str]]:
    """(glue, piece) pairs: words, further split after each hyphen so "Jean-Pierre" may break."""
    out: list[tuple[str, str]] = []
    for word in text.split():
        parts = word.split("-")
        for i, part in enumerate(parts):
            piece = part + ("-" if i < len(parts) - 1 else "")
            if piece:
                out.append((" " if i == 0 else "", piece))
    return out


def wraps_whole_words(text: str, font: str, size: float, width: float) -> bool:
    """Whether every word (or hyphenated part) fits the width at this size, so none gets cut."""
    return all(stringWidth(piece, font, size) <= width for _, piece in _tokens(text))


def wrap(text: str, font: str, size: float, width: float, *, split_words: bool = True) -> list[str]:
    """Greedy word wrap; also breaks after a hyphen. A word alone too long for the line is split into
    pieces (`split_words`) or left whole on its own line, for the caller to cut with "…"."""
    lines: list[str] = []
    current = ""
    for glue, piece in _tokens(text):
        candidate = current + glue + piece if current else piece
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if stringWidth(piece, font, size) <= width or not split_words:
            current = piece
        else:
            *full, current = _split_word(piece, font, size, width)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: list[str]
    leading: float


def fit_line(
    text: str, font: str, width: float, *, max_size: float, min_size: float, short: str = ""
) -> tuple[str, float]:
    """One line for ``text``: the largest size at which it fits whole, else its ``short`` form (a name
    with initials), else the short form cut with "…" at ``min_size`` keeping its last word (the initial).
    """
    for candidate in dict.fromkeys(c for c in (text, short) if c):
        size = max_size
        while size >= min_size:
            if stringWidth(candidate, font, size) <= width:
                return candidate, size
            size -= 0.5
    candidate = short or text
    head, _, tail = candidate.rpartition(" ")
    if head and tail.endswith("."):  # "BELKAC… Y.": the initial tells two BELKACEM apart
        room = width - stringWidth(" " + tail, font, min_size)
        cut = ellipsize(head, font, min_size, room) if room > 0 else ""
        if cut:
            return f"{cut} {tail}", min_size
    return ellipsize(candidate, font, min_size, width), min_size


def fit(
    text: str,
    font: str,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    leading: float = 1.18,
) -> Fitted:
    """The largest size (by half points) at which ``text`` wraps into the box; else cut at ``min_size``.

    Words are never broken inside (only after a hyphen): "CŒURDEROY" shrunk reads better than
    "CŒURDER/OY", and at the smallest size a word still too long is cut with "…" ("MONTALEMB…"), so a
    reader always sees where a name was cut.
    """
    size = max_size
    while size >= min_size:
        if wraps_whole_words(text, font, size, width):
            lines = wrap(text, font, size, width)
            fits_height = len(lines) * size * leading <= height + 0.01
            # a single letter wider than the box (an "Œ" in a 10-pt column) still overflows
            if fits_height and all(stringWidth(line, font, size) <= width for line in lines):
                return Fitted(size, lines, size * leading)
        size -= 0.5
    size = min_size
    max_lines = max(1, int((height + 0.01) // (size * leading)))
    lines = wrap(text, font, size, width, split_words=False)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], ellipsize(" ".join(lines[max_lines - 1 :]), font, size, width)]
    lines = [ellipsize(line, font, size, width) for line in lines]
    return Fitted(size, lines, size * leading)


def draw_fitted(
    c: Canvas, f: Fitted, font: str, x: float, top: float, width: float, *, align: str = "left"
) -> float:
    """Draw fitted lines from ``top`` downwards; returns the y below the last line."""
    c.setFont(font, f.size)
    y = top - f.size * 0.92
    for line in f.lines:
        if align == "center":
            c.drawCentredString(x + width / 2, y, line)
        elif align == "right":
            c.drawRightString(x + width, y, line)
        else:
            c.drawString(x, y, line)
        y -= f.leading
    return y + f.leading - f.size * 0.25
