"""Python's garbage collector held while the app starts (no Qt here: held before Qt is imported)."""

from __future__ import annotations

import gc


class CollectorPause:
    """Python's cyclic garbage collector held while the app starts (issue 19).

    The start imports some 600 modules and builds thousands of classes: the collector ran ~270 times
    before the day was shown at network size, two of them full collections, 130–155 ms of CPU of a
    start of ~1.1 s, for almost nothing to free (0.3 MB more at the peak without it). `hold()` at the
    very start; `release()` once the first page is shown, or as soon as the start waits for a person
    (the PIN login, the welcome window) or ends: the collector never stays off while the app waits.

    Given back, the collector leaves what the start built alone (`gc.freeze`): modules, classes,
    functions, the window — objects that live as long as the app. Otherwise its first pass walks all
    of them at the moment the day is painted (~70 ms at network size), and every later full pass walks
    them again (~115 ms each, the GUI frozen meanwhile; ~25 ms without them). Plain reference counting
    still frees any of them let go; only a cycle among them would stay, so the start that builds the
    demonstration (a few MB of cycles) collects first (`collect_now`)."""

    def __init__(self) -> None:
        self.held = False

    def hold(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.held = True

    def release(self) -> None:
        if self.held:
            self.held = False
            gc.freeze()
            gc.enable()

    def collect_now(self) -> None:
        """The start made garbage worth a pass (the demonstration built): collected now, before the
        start's objects are set aside by `release`."""
        gc.collect()
