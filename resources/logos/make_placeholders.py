"""Regenerate the placeholder logos of this folder (run: ``uv run python resources/logos/make_placeholders.py``).

They are NOT the official emblems: each site replaces them with the files its funders send
(European Social Fund+, Region, State...). Pillow comes with reportlab, DejaVu with the app.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _dashed_frame(draw: ImageDraw.ImageDraw, w: int, h: int, colour: str) -> None:
    """A dashed border that says "placeholder" at a glance."""
    dash = 18
    for x in range(0, w, dash * 2):
        draw.line([(x, 2), (min(x + dash, w), 2)], fill=colour, width=4)
        draw.line([(x, h - 3), (min(x + dash, w), h - 3)], fill=colour, width=4)
    for y in range(0, h, dash * 2):
        draw.line([(2, y), (2, min(y + dash, h))], fill=colour, width=4)
        draw.line([(w - 3, y), (w - 3, min(y + dash, h))], fill=colour, width=4)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def make_fse(path: Path) -> None:
    w, h = 900, 260
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    # A flag-like blue field with a ring of twelve yellow stars (simplified, not the official emblem).
    fx, fy, fw, fh = 30, 40, 270, 180
    draw.rectangle([fx, fy, fx + fw, fy + fh], fill="#003399")
    cx, cy, ring = fx + fw / 2, fy + fh / 2, 62
    for k in range(12):
        a = 2 * math.pi * k / 12
        draw.polygon(_star(cx + ring * math.sin(a), cy - ring * math.cos(a), 13), fill="#FFCC00")
    draw.text((330, 52), "Cofinancé par", font=_font(40), fill="#1A1A1A")
    draw.text((330, 100), "l'Union européenne", font=_font(46, bold=True), fill="#1A1A1A")
    draw.text((330, 176), "FSE+  ·  LOGO PROVISOIRE, à remplacer", font=_font(24), fill="#B3261E")
    _dashed_frame(draw, w, h, "#B3261E")
    img.save(path, optimize=True)


def make_mission_locale(path: Path) -> None:
    w, h = 760, 260
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([30, 40, 210, 220], radius=36, fill="#1F5C99")
    draw.text((120, 130), "ML", font=_font(84, bold=True), fill="white", anchor="mm")
    draw.text((240, 62), "Mission Locale", font=_font(50, bold=True), fill="#1F5C99")
    draw.text((240, 128), "pour l'emploi des jeunes", font=_font(30), fill="#333333")
    draw.text((240, 180), "LOGO PROVISOIRE, à remplacer", font=_font(24), fill="#B3261E")
    _dashed_frame(draw, w, h, "#B3261E")
    img.save(path, optimize=True)


if __name__ == "__main__":
    make_fse(HERE / "fse-placeholder.png")
    make_mission_locale(HERE / "mission-locale-placeholder.png")
