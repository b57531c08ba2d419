"""The print preview dialog and its wiring into the main window (pytest-qt, offscreen).

No test reaches a modal exec(): the save path and the printer are injected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QImage
from PySide6.QtPrintSupport import QPrinter

from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.ui.printing.install import PrintRequests, install_printing
from mlplanner.ui.printing.preview import PrintPreviewDialog, page_images, suggested_name
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import ScriptedPrompt

from .helpers import DAY, actor, make_workshop, prints

WAIT_MS = 20_000


def ink(image: QImage, step: int = 4) -> float:
    """Share of sampled pixels that are not white: a rendered page is not blank."""
    dark = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            c = image.pixelColor(x, y)
            dark += min(c.red(), c.green(), c.blue()) < 230
    return dark / total


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture
def lead(demo: Services) -> Actor:
    return actor(demo, Role.SITE_LEAD)


def test_page_images_match_the_pdf(demo: Services, lead: Actor) -> None:
    result = demo.printing.day(actor=lead, day=DAY, preview=True)
    (page,) = page_images(result.data or b"", 1.0)
    assert page.width() == 842 and abs(page.height() - 595) <= 1  # A4 landscape, in points at scale 1
    assert ink(page) > 0.05


def test_preview_shows_every_page_zooms_and_saves(qtbot, demo: Services, lead: Actor, tmp_path: Path) -> None:
    ws = make_workshop(demo, participants=40, capacity=40, with_room=False)
    chosen = tmp_path / "choisi.pdf"
    asked: list[str] = []

    def choose(_parent, name: str) -> Path:  # type: ignore[no-untyped-def]
        asked.append(name)
        return chosen

    ops = Operations(ChangeBus(), ScriptedPrompt())
    dialog = PrintPreviewDialog(
        demo,
        lambda: lead,
        ops,
        lambda: demo.printing.roster(actor=lead, session_id=ws.session_id, preview=True),
        choose_path=choose,
    )
    qtbot.addWidget(dialog)
    assert not dialog.save_btn.isEnabled()  # nothing to save before the document exists
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS) as ready:
        dialog.start()
    result = dialog.result
    assert result is not None and result.pages >= 2
    assert ready.args == [result.pages] and len(dialog.page_labels) == result.pages
    assert dialog.page_labels[1].accessibleName() == f"Page 2 sur {result.pages}"
    first = dialog.page_labels[0].pixmap().toImage()
    assert abs(first.width() / first.height() - 210 / 297) < 0.01  # A4 portrait
    assert ink(first) > 0.03
    assert "Feuille d'émargement" in dialog.info.text() and f"{result.pages} pages" in dialog.info.text()
    assert dialog.busy.isHidden() and dialog.save_btn.isEnabled()
    assert prints(demo) == []  # a preview is not a print

    # it opens fitted: the whole first page in view, not cut at 100 %
    room = dialog._room()
    page = dialog.page_labels[0].pixmap()
    ratio = page.devicePixelRatio()
    assert page.height() / ratio <= room.height() + 1 and page.width() / ratio <= room.width() + 1
    assert dialog.zoom_label.text() == f"{round(dialog.zoom * 100)} %" and dialog.zoom < 1.0
    width, fitted = page.width(), dialog.zoom
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.step_zoom(+1)
    bigger = min(z for z in (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0) if z > fitted)
    assert dialog.zoom == bigger and dialog.zoom_label.text() == f"{round(bigger * 100)} %"
    assert dialog.page_labels[0].pixmap().width() == pytest.approx(width * bigger / fitted, rel=0.02)
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.fit_width_btn.click()
    across = dialog.page_labels[0].pixmap()
    assert across.width() / across.devicePixelRatio() == pytest.approx(dialog._room().width(), abs=3)

    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_btn.click()
    assert asked == [suggested_name(result)] and asked[0].startswith("feuille-d-emargement-mardi-2-mars-2027")
    assert chosen.read_bytes() == result.data
    (entry,) = prints(demo)
    assert (entry.entity, entry.entity_id, entry.actor_id) == ("roster", ws.session_id, lead.id)
    after = json.loads(entry.after)
    assert after["output"] == "PDF enregistré" and after["file"] == str(chosen) and after["youths"] == 40


def test_print_paints_every_page_on_the_printer(qtbot, demo: Services, lead: Actor, tmp_path: Path) -> None:
    out = tmp_path / "imprimante.pdf"
    ops = Operations(ChangeBus(), ScriptedPrompt())
    dialog = PrintPreviewDialog(
        demo,
        lambda: lead,
        ops,
        lambda: demo.printing.calls(actor=lead, day=DAY, preview=True),
        make_printer=lambda _parent: pdf_printer(out),
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.start()
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS) as printed:
        dialog.print_btn.click()
    assert printed.args == [dialog.result.pages]
    assert len(PdfReader(out).pages) == dialog.result.pages
    (entry,) = prints(demo)
    assert entry.entity == "calls" and json.loads(entry.after)["output"] == "imprimante"


def test_cancelling_the_save_dialog_writes_nothing(qtbot, demo: Services, lead: Actor) -> None:
    ops = Operations(ChangeBus(), ScriptedPrompt())
    dialog = PrintPreviewDialog(
        demo,
        lambda: lead,
        ops,
        lambda: demo.printing.day(actor=lead, day=DAY, preview=True),
        choose_path=lambda _p, _n: None,
        make_printer=lambda _p: None,
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=WAIT_MS):
        dialog.start()
    assert dialog.save_pdf() is None and dialog.print_document() is False
    assert prints(demo) == []


# --- wired into the main window ---------------------------------------------------------------------


@pytest.fixture
def wired(qtbot, demo: Services):  # type: ignore[no-untyped-def]
    """`wired(actor)`: a bare main window with printing installed → (window, requests, prompt)."""

    def make(who: Actor) -> tuple[MainWindow, PrintRequests, ScriptedPrompt]:
        prompt = ScriptedPrompt()
        window = MainWindow(demo, who, ChangeBus(), prompt=prompt)
        qtbot.addWidget(window)
        requests = install_printing(window, demo, window.bus, lambda: window.actor)
        return window, requests, prompt

    return make


def _opened(qtbot, requests: PrintRequests, trigger) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(requests.opened, timeout=WAIT_MS) as opened:
        trigger()
    dialog: PrintPreviewDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.result is not None or dialog.info.text() != "Préparation du document…",
                    timeout=WAIT_MS)  # fmt: skip
    return dialog


def test_appointment_menu_slip_opens_a_preview(qtbot, wired, demo: Services, lead: Actor) -> None:
    window, requests, _ = wired(lead)
    a = next(a for a in demo.booking.day(DAY) if a.status.occupies_slot)
    dialog = _opened(
        qtbot,
        requests,
        lambda: window.printRequested.emit("slip", {"appointment_id": a.id, "youth_id": a.youth_id}),
    )
    assert dialog.result is not None and dialog.result.kind == "slip" and dialog.result.youth_id == a.youth_id
    assert dialog.windowTitle() == "Aperçu — confirmation de rendez-vous"
    assert dialog.isVisible() and not dialog.isModal()


def test_menu_actions(qtbot, wired, demo: Services) -> None:
    receptionist = actor(demo, Role.RECEPTIONIST)
    window, requests, prompt = wired(receptionist)
    names = [a.objectName() for a in window.menu("Fichier").actions() if a.objectName()]
    assert names[:4] == ["print_day", "print_my_day", "print_my_week", "print_calls"]
    day_action = window.findChild(QAction, "print_day")
    assert day_action.shortcut().toString() == "Ctrl+Shift+P"  # Ctrl+P prints the selected appointment's slip
    dialog = _opened(qtbot, requests, day_action.trigger)
    assert dialog.result is not None and dialog.result.kind == "day"
    assert dialog.result.entity_id == window.now().date().isoformat()

    people = [s for s in demo.directory.staff() if s.role in (Role.COUNSELLOR, Role.SITE_LEAD, Role.PARTNER)]
    prompt.queue(2)  # a receptionist is asked whose week
    dialog = _opened(qtbot, requests, window.findChild(QAction, "print_my_week").trigger)
    assert prompt.asked == ["Conseiller :"]
    assert (
        dialog.result is not None and dialog.result.kind == "week" and dialog.result.entity_id == people[2].id
    )

    dialog = _opened(qtbot, requests, window.findChild(QAction, "print_calls").trigger)
    assert dialog.result is not None and dialog.result.entity_id == "2027-03-03"  # Monday's calls: Wednesday


def test_a_counsellor_prints_their_own_day(qtbot, wired, demo: Services) -> None:
    me = actor(demo, Role.COUNSELLOR, 1)
    window, requests, prompt = wired(me)
    dialog = _opened(qtbot, requests, window.findChild(QAction, "print_my_day").trigger)
    assert prompt.asked == []
    assert dialog.result is not None and dialog.result.entity_id == me.id


def test_refusals_are_shown_not_raised(qtbot, wired, demo: Services) -> None:
    window, requests, prompt = wired(actor(demo, Role.PARTNER))
    dialog = _opened(qtbot, requests, lambda: window.printRequested.emit("day", {"day": "02/03/2027"}))
    assert dialog.result is None and "ne peut pas imprimer" in dialog.info.text()
    assert not dialog.print_btn.isEnabled() and not dialog.save_btn.isEnabled()
    window.printRequested.emit("horoscope", {})
    assert prompt.errors == ["Document à imprimer inconnu : « horoscope »."]


def test_closing_the_preview_while_it_renders_drops_the_result(
    qtbot, wired, demo: Services, lead: Actor
) -> None:
    window, requests, prompt = wired(lead)
    with qtbot.waitSignal(requests.opened, timeout=WAIT_MS) as opened:
        window.printRequested.emit("day", {"day": DAY})
    dialog: PrintPreviewDialog = opened.args[0]
    with qtbot.waitSignal(window.ops.busyChanged, timeout=WAIT_MS, check_params_cb=lambda busy, _l: not busy):
        dialog.close()  # deleted on close; the rendering finishes afterwards
    qtbot.waitUntil(lambda: requests.dialogs == [], timeout=WAIT_MS)
    assert prompt.errors == [] and prints(demo) == []


def test_printing_the_day_prints_the_day_shown_and_its_grouping(qtbot, demo: Services, lead: Actor) -> None:
    """The day view's page sits in a scroll area: the day to print is the page's, not today."""
    from datetime import timedelta

    from mlplanner.ui.dayview.grid import ROOM
    from mlplanner.ui.shell.core import install_core

    window = MainWindow(demo, lead, ChangeBus(), prompt=ScriptedPrompt())
    qtbot.addWidget(window)
    install_core(window, live_refresh=False)
    requests = install_printing(window, demo, window.bus, lambda: window.actor)
    day_page = window.show_page("day")
    shown = window.now().date() + timedelta(days=2)
    day_page.set_day(shown)
    day_page.set_kind(ROOM)
    assert requests.context_day() == shown and requests.context_grouping() == ROOM
    dialog = _opened(qtbot, requests, window.findChild(QAction, "print_day").trigger)
    expected = demo.printing.day(actor=lead, day=shown, grouping=ROOM, preview=True)
    today = demo.printing.day(actor=lead, day=window.now().date(), preview=True)
    assert dialog.result is not None and dialog.result.title == expected.title != today.title
