"""reportlab's C speed-ups are installed (`reportlab[accel]`, issue 19): without them number formatting,
text widths and the image encoding of every PDF run in pure Python, about half of the time of the
network site's day schedule (80 counsellors, 6 pages). The bundle's self-test checks the same."""

from __future__ import annotations

from reportlab.lib import rl_accel


def test_reportlab_uses_its_c_accelerator_for_every_function() -> None:
    pure_python = sorted(getattr(rl_accel, "_py_funcs", {}))
    assert pure_python == []
    assert rl_accel.fp_str(1.5, 2.25) == "1.5 2.25"  # and it answers as reportlab expects
