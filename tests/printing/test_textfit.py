"""Text drawn on the canvas never leaves its box: it shrinks, wraps, and only then is cut with "…"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from mlplanner.printing.fonts import BOLD, register_fonts
from mlplanner.printing.textfit import ELLIPSIS, ellipsize, fit, wrap

register_fonts()

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉÈÊÀÇŒéèêàçœ«»€ '-", min_size=0, max_size=80)


@settings(max_examples=150, deadline=None)
@given(text=names, width=st.floats(min_value=14, max_value=200))  # one letter is up to ~12 pt wide
def test_wrapped_lines_fit_the_width_and_keep_every_letter(text: str, width: float) -> None:
    lines = wrap(text, BOLD, 8, width)
    assert all(stringWidth(line, BOLD, 8) <= width + 1e-6 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(text=names, width=st.floats(min_value=10, max_value=150), height=st.floats(min_value=6, max_value=60))
def test_fitted_text_stays_inside_its_box(text: str, width: float, height: float) -> None:
    f = fit(text, BOLD, width, height, max_size=9, min_size=5, leading=1.1)
    assert 5 <= f.size <= 9
    assert all(stringWidth(line, BOLD, f.size) <= width + 1e-6 for line in f.lines)
    if f.size > 5 or len(f.lines) * f.leading <= height:
        assert len(f.lines) * f.leading <= height + 0.01
    else:  # at the smallest size: as many lines as fit (at least one), the rest cut
        assert len(f.lines) == 1 or len(f.lines) * f.leading <= height + 0.01


def test_fit_shrinks_rather_than_cutting_a_name_in_the_middle() -> None:
    width = stringWidth("CŒURDEROY", BOLD, 7) + 0.5  # too narrow at 8 pt, fine at 7 pt
    f = fit("CŒURDEROY Maëlle", BOLD, width, 30, max_size=8, min_size=5)
    assert f.lines == ["CŒURDEROY", "Maëlle"]
    assert f.size == 7


def test_fit_breaks_after_a_hyphen_before_cutting_a_word() -> None:
    f = fit("BENMOHAMMED-ABDELKADER", BOLD, 80, 30, max_size=8, min_size=8)
    assert f.lines == ["BENMOHAMMED-", "ABDELKADER"]


def test_text_too_long_for_the_box_ends_with_an_ellipsis() -> None:
    f = fit("Anne-Sophie Baudelaire-Dumontier de La Rochefoucauld", BOLD, 40, 7, max_size=7, min_size=5)
    assert len(f.lines) == 1 and f.lines[0].endswith(ELLIPSIS)
    assert ellipsize("Court", BOLD, 8, 100) == "Court"
    assert ellipsize("Texte bien trop long", BOLD, 8, 30).endswith(ELLIPSIS)
    assert ellipsize("Texte", BOLD, 8, 1) == ""


def test_a_letter_wider_than_the_box_is_never_drawn_past_it() -> None:
    # found by hypothesis: at 9 pt "Œ" alone is wider than a 10-pt box, and wrapping cannot help
    f = fit("aaŒ", BOLD, 10.0, 30.0, max_size=9, min_size=5, leading=1.1)
    assert all(stringWidth(line, BOLD, f.size) <= 10.0 + 1e-6 for line in f.lines)
