"""Sync in the app: the periodic controller on two real demo site files, the status line, the site
lead's page (conflicts, double bookings, settings, network), errors in French, never two syncs at once."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time as _time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton

from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import RuleViolation
from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.demo import build_demo
from mlplanner.services.sync.settings import SyncSettingsService
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.shell.core import install_core
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.sync.controller import PASSPHRASE_ENV
from mlplanner.ui.sync.install import SyncUi, install_sync_ui

TODAY = date(2026, 11, 23)  # a Monday


def paris_clock(day: date) -> FixedClock:
    """08:00 in Paris that day (07:00 UTC in winter)."""
    return FixedClock(datetime.combine(day, time(7, 0), tzinfo=UTC))


CODES = ("PARIS13", "PARIS18")


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two demo sites (100 youths each) that allow each other, before and after a first full exchange.

    Keys: "PARIS13", "PARIS18" (never synced) and "x:PARIS13", "x:PARIS18", "x:share" (exchanged).
    """
    root = tmp_path_factory.mktemp("sync_ui")
    out: dict[str, Path] = {}
    opened = {}
    for code in CODES:
        path = root / f"{code}.sqlite3"
        sv = Services.open(path, paris_clock(TODAY))
        build_demo(sv, site_code=code, today=TODAY, youths=100)
        sv.sync.allow_sites(actor=SYSTEM_ACTOR, codes=list(CODES))
        sv.close()
        out[code] = root / f"fresh-{code}.sqlite3"
        shutil.copyfile(path, out[code])
        opened[code] = Services.open(path, paris_clock(TODAY))
    share = root / "share"
    share.mkdir()
    for code in (*CODES, CODES[0]):
        assert opened[code].sync.sync(folder=share).ok
    for code in CODES:
        opened[code].close()
        out[f"x:{code}"] = root / f"{code}.sqlite3"
    out["x:share"] = share
    return out


@dataclass
class Site:
    code: str
    services: Services

    def staff(self, role: Role, index: int = 0) -> Actor:
        s = [x for x in self.services.directory.staff(role=role) if x.can_log_in][index]
        return Actor(s.id, s.display_name, s.role)


@pytest.fixture
def network(templates: dict[str, Path], tmp_path: Path) -> Callable[..., tuple[Site, Site, Path]]:
    """`network(exchanged=False)`: private copies of the two sites and of the share folder."""
    opened: list[Services] = []

    def make(exchanged: bool = False) -> tuple[Site, Site, Path]:
        share = tmp_path / "partage"
        if exchanged:
            shutil.copytree(templates["x:share"], share)
        else:
            share.mkdir()
        sites = []
        for code in CODES:
            path = tmp_path / f"{code}.sqlite3"
            shutil.copyfile(templates[f"x:{code}" if exchanged else code], path)
            sv = Services.open(path, paris_clock(TODAY))
            opened.append(sv)
            sites.append(Site(code, sv))
        return sites[0], sites[1], share

    yield make
    for sv in opened:
        sv.close()


@pytest.fixture
def sync_window(qtbot, make_window, prompt) -> Iterator[Callable[..., tuple[MainWindow, SyncUi]]]:  # type: ignore[no-untyped-def]
    """`sync_window(site, role=..., core=False, **options)`: a window of that site with the sync UI."""
    made: list[SyncUi] = []

    def make(
        site: Site, *, role: Role = Role.SITE_LEAD, core: bool = False, **options
    ) -> tuple[MainWindow, SyncUi]:  # type: ignore[no-untyped-def]
        window = make_window(site.services, site.staff(role))
        if core:
            install_core(window, live_refresh=False)
        options.setdefault("choosers", ScriptedChoosers())
        options.setdefault("environ", {})
        ui = install_sync_ui(window, site.services, window.bus, lambda: window.actor, **options)
        window.resize(1366, 768)
        made.append(ui)
        return window, ui

    yield make
    for ui in made:
        ui.controller.shutdown()


def _configure(site: Site, folder: Path, ui: SyncUi, **kw) -> None:  # type: ignore[no-untyped-def]
    SyncSettingsService(site.services.ctx).update(actor=SYSTEM_ACTOR, folder=folder, **kw)
    ui.controller.reload_settings()


def _run(qtbot, ui: SyncUi, *, manual: bool = True):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ui.controller.finished, timeout=60_000) as blocker:
        assert ui.controller.sync_now(manual=manual)
    return blocker.args[0]


def test_controller_syncs_two_real_sites_and_the_status_line_shows_it(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    a, b, share = network()
    window, ui = sync_window(b)
    assert "non configurée" in window.status.sync_label.text()
    assert a.services.sync.sync(folder=share).exported_rows > 0
    _configure(b, share, ui)
    assert "prochaine à 08:15" in window.status.sync_label.text()  # one period after now
    paris13_youth = a.services.youths.search("a", limit=1)[0]
    name = f"{paris13_youth.first_name} {paris13_youth.last_name}"
    assert paris13_youth.id not in {y.id for y in b.services.youths.search(name)}
    changes: list[Changes] = []
    window.bus.changed.connect(changes.append)

    report = _run(qtbot, ui)

    assert report.ok and report.applied and report.applied[0][0] == "PARIS13"
    label = window.status.sync_label
    assert "réussie à 08:00" in label.text() and "prochaine à 08:15" in label.text()
    assert "lot(s) reçu(s)" in label.toolTip() and not label.styleSheet()
    assert any("appointments" in c.kinds and "youths" in c.kinds for c in changes)
    # PARIS13's youths are now searchable at PARIS18, and PARIS13 receives PARIS18's rows in turn
    assert paris13_youth.id in {y.id for y in b.services.youths.search(name)}
    assert a.services.sync.sync(folder=share).applied
    assert ui.page.isVisible() is False
    ui.page.refresh()
    assert "Synchronisation réussie" in ui.page.report_label.text()


def test_periodic_timer_runs_the_sync_again_and_again(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network(exchanged=True)
    window, ui = sync_window(b, minute_ms=25)
    _configure(b, share, ui, period_minutes=1)
    assert ui.controller.timer.isActive()
    with qtbot.waitSignal(ui.controller.finished, timeout=30_000):
        pass  # the timer starts it, nobody clicks
    with qtbot.waitSignal(ui.controller.finished, timeout=30_000):
        pass
    assert ui.controller.runs >= 2
    _configure(b, share, ui, period_minutes=0)  # "à la demande seulement"
    qtbot.waitUntil(lambda: not ui.controller.running, timeout=30_000)
    assert not ui.controller.timer.isActive()
    assert "automatique désactivée" in window.status.sync_label.text()


def test_booking_at_site_a_appears_in_site_b_open_day_view(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    a, b, share = network(exchanged=True)
    window, ui = sync_window(b, role=Role.RECEPTIONIST, core=True)
    _configure(b, share, ui)
    day_page = window.core.day  # type: ignore[attr-defined]
    day_page.set_day(TODAY, force=True)
    covering = b.services.directory.counsellors()[0]  # a PARIS18 counsellor covering at PARIS13
    youth = a.services.youths.search("a", limit=1)[0]
    slot = a.services.slots.find(type_code="SUIVI", counsellor=covering.id, start=TODAY, count=1)[0]
    booked = a.services.booking.book(
        actor=a.staff(Role.RECEPTIONIST),
        youth_id=youth.id,
        type_code="SUIVI",
        start=slot.start,
        counsellor=covering.id,
    ).appointment
    assert a.services.sync.sync(folder=share).exported_rows == 1
    assert day_page.model.grid.find(booked.id) is None

    report = _run(qtbot, ui)

    assert report.applied == (("PARIS13", report.applied[0][1], 1),)
    block = day_page.model.grid.find(booked.id)  # reloaded by the bus, nobody touched the page
    assert block is not None and block.appointment.counsellor_id == covering.id


def test_missing_folder_shows_a_french_error_and_nothing_breaks(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network()
    window, ui = sync_window(b)
    _configure(b, share / "clé-usb-débranchée", ui)
    with qtbot.waitSignal(ui.controller.failed, timeout=30_000) as blocker:
        assert ui.controller.sync_now()
    message = blocker.args[0]
    assert "introuvable" in message and "Les données locales n'ont pas été modifiées" in message
    label = window.status.sync_label
    assert "échec à 08:00 (dossier introuvable)" in label.text() and "b00020" in label.styleSheet()
    assert label.toolTip() == message
    assert "introuvable" in window.status.currentMessage()
    assert not ui.controller.running and ui.controller.timer.isActive()  # it will try again
    ui.page.refresh()
    assert "introuvable" in ui.page.report_label.text()
    # the folder comes back: the next sync works and the error goes away
    _configure(b, share, ui)
    assert _run(qtbot, ui).ok
    assert "réussie" in label.text() and not label.styleSheet()


def test_never_two_syncs_at_once(qtbot, network, sync_window, monkeypatch, request) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network()
    window, ui = sync_window(b, minute_ms=10)
    release = threading.Event()
    entered = threading.Event()
    calls: list[float] = []
    real = b.services.sync.sync

    def slow_sync(**kw):  # type: ignore[no-untyped-def]
        calls.append(_time.monotonic())
        entered.set()
        assert release.wait(20)
        return real(**kw)

    monkeypatch.setattr(b.services.sync, "sync", slow_sync)
    request.addfinalizer(release.set)  # the worker never outlives a failed test
    _configure(b, share, ui)
    with qtbot.waitSignal(ui.controller.finished, timeout=30_000):
        assert ui.controller.sync_now(confirmed=True)  # (the first sync's preview: its own test)
        assert entered.wait(10)
        assert "en cours" in window.status.sync_label.text()
        assert not window.status.progress.isHidden()  # the spinner
        messages: list[str] = []
        window.ops.message.connect(lambda text, _ms: messages.append(text))
        assert not ui.controller.sync_now()  # the button
        window.sync_ui.sync_action.trigger()  # the menu / F9
        ui.controller.timer.timeout.emit()  # the period elapsing meanwhile
        assert messages.count("Une synchronisation est déjà en cours.") == 3
        release.set()
    assert len(calls) == 1 and ui.controller.runs == 1
    # another process (a scheduled `mlplanner sync`) holding this site's lock: a French message
    lock = share / "PARIS18" / "sync.lock"
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "at": _time.time()}))
    with qtbot.waitSignal(ui.controller.failed, timeout=30_000) as blocker:
        ui.controller.sync_now()
    assert "déjà en cours" in blocker.args[0]
    assert "déjà en cours ailleurs" in window.status.sync_label.text()


def test_closing_the_app_stops_a_running_sync_cleanly(qtbot, network, sync_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network()
    window, ui = sync_window(b)
    release, entered = threading.Event(), threading.Event()
    real = b.services.sync.sync

    def sync_waiting_at_its_first_step(**kw):  # type: ignore[no-untyped-def]
        entered.set()
        release.wait(20)
        kw["progress"]("préparation des modifications locales", 0, 1)  # where a cancel takes effect
        return real(**kw)

    monkeypatch.setattr(b.services.sync, "sync", sync_waiting_at_its_first_step)
    _configure(b, share, ui)
    assert ui.controller.sync_now(confirmed=True) and entered.wait(10)
    threading.Timer(0.05, release.set).start()
    ui.controller.shutdown()  # what QApplication.aboutToQuit calls: cancel, then wait for the worker
    assert ui.controller.ops.pool.activeThreadCount() == 0
    qtbot.waitUntil(lambda: not ui.controller.running, timeout=10_000)
    assert "interrompue" in window.status.sync_label.text() and not ui.controller.timer.isActive()
    assert b.services.sync.last_report() is None  # nothing half done: no report, no change set
    assert not any((share / "PARIS18").glob("0*"))


def test_passphrase_asked_once_per_session_and_forgotten_when_wrong(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    a, b, share = network(exchanged=True)
    choosers = ScriptedChoosers().queue("mauvaise", "bonne phrase")
    window, ui = sync_window(b, choosers=choosers)
    _configure(b, share, ui, use_passphrase=True)
    youth = a.services.youths.search("a", limit=1)[0]
    a.services.youths.update(
        actor=a.staff(Role.RECEPTIONIST),
        youth_id=youth.id,
        draft=YouthDraft(first_name=youth.first_name, last_name=youth.last_name, phone="06 11 22 33 44"),
    )
    assert a.services.sync.sync(folder=share, passphrase="bonne phrase").exported_rows == 1

    with qtbot.waitSignal(ui.controller.failed, timeout=60_000) as refused:
        assert ui.controller.sync_now()
    assert "Phrase secrète incorrecte" in refused.args[0] and choosers.asked == ["passphrase"]
    assert not ui.controller.has_passphrase  # a typo is not kept
    assert "échec" in window.status.sync_label.text() or "Phrase" in window.status.sync_label.toolTip()
    second = _run(qtbot, ui)
    assert second.ok and second.applied and choosers.asked == ["passphrase", "passphrase"]
    _run(qtbot, ui)
    assert choosers.asked == ["passphrase", "passphrase"]  # kept for the session
    assert b.services.youths.get(youth.id).phone == "06 11 22 33 44"
    # cancelled question: automatic syncs pause instead of asking every period
    ui.controller.forget_passphrase()
    assert not ui.controller.sync_now(manual=False) and choosers.asked[-1] == "passphrase"
    asked = len(choosers.asked)
    assert not ui.controller.sync_now(manual=False) and len(choosers.asked) == asked
    assert "Phrase secrète non saisie" in window.status.sync_label.toolTip()
    # a workstation with the environment variable is never asked
    _w2, ui2 = sync_window(b, choosers=ScriptedChoosers(), environ={PASSPHRASE_ENV: "bonne phrase"})
    assert _run(qtbot, ui2).ok and ui2.controller.choosers.asked == []


def _offline_clash_and_conflict(a: Site, b: Site, share: Path) -> tuple[str, str]:
    """Both sites book the same PARIS18 counsellor at the same time and edit the same youth's phone,
    offline; then they exchange. Returns (appointment booked at A, appointment booked at B)."""
    counsellor = b.services.directory.counsellors()[0]
    youth_a, youth_b = a.services.youths.search("a", limit=2)
    for slot in b.services.slots.find(type_code="SUIVI", counsellor=counsellor.id, start=TODAY, count=40):
        try:  # the first of B's free slots that A can book too (A needs a free office of its own)
            at_a = a.services.booking.book(
                actor=a.staff(Role.RECEPTIONIST), youth_id=youth_a.id, type_code="SUIVI", start=slot.start,
                counsellor=counsellor.id,
            ).appointment  # fmt: skip
            break
        except RuleViolation:
            continue
    at_b = b.services.booking.book(
        actor=b.staff(Role.RECEPTIONIST), youth_id=youth_b.id, type_code="SUIVI", start=slot.start,
        counsellor=counsellor.id,
    ).appointment  # fmt: skip
    for site, phone in ((a, "06 00 00 00 01"), (b, "06 00 00 00 02")):
        y = site.services.youths.get(youth_a.id)
        site.services.youths.update(
            actor=site.staff(Role.RECEPTIONIST),
            youth_id=y.id,
            draft=YouthDraft(first_name=y.first_name, last_name=y.last_name, phone=phone),
        )
    for site in (a, b, a):
        site.services.sync.sync(folder=share)
    return at_a.id, at_b.id


def test_lead_page_lists_conflicts_and_clashes_and_opens_the_day(
    qtbot, qtmodeltester, network, sync_window
) -> None:  # type: ignore[no-untyped-def]
    a, b, share = network(exchanged=True)
    at_a, at_b = _offline_clash_and_conflict(a, b, share)
    site = b  # each site keeps the version it lost; B is the double-booked counsellor's home site
    window, ui = sync_window(site, core=True)
    page = ui.page
    window.show_page("sync")
    window.show()
    qtbot.waitExposed(window)
    assert page.isVisible()  # shown: refreshed on its own
    assert page.lead_note.isHidden() and all(page.tabs.isTabEnabled(i) for i in range(4))

    lead = window.actor
    assert page.conflicts.rowCount() == len(site.services.sync.conflicts(actor=lead)) >= 1
    assert page.tabs.tabText(0) == f"Conflits à examiner ({page.conflicts.rowCount()})"
    qtmodeltester.check(page.conflicts)
    qtmodeltester.check(page.clashes)
    qtmodeltester.check(page.peers)
    texts = [page.conflicts.index(0, c).data() for c in range(page.conflicts.columnCount())]
    assert (
        texts[0] == "23/11/2026 08:00" and texts[1] == "jeune"
    )  # Paris time, not UTC and texts[3] == "modification concurrente" and texts[-1] == "à examiner"
    page.conflicts_view.selectRow(0)
    assert "Version remplacée" in page.details.toPlainText()
    assert "téléphone : 06 00 00 00 0" in page.details.toPlainText()
    assert page.open_youth_button.isEnabled()
    opened: list[str] = []
    window.youthFileRequested.connect(opened.append)
    page.open_youth_button.click()
    assert opened == [page.conflicts.row_at(0).row_id]
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert site.services.sync.conflicts(actor=lead) == []  # stored
    assert page.conflicts.rowCount() == 0 and page.tabs.tabText(0) == "Conflits à examiner (0)"
    page.show_reviewed.setChecked(True)
    assert page.conflicts.rowCount() >= 1 and page.conflicts.index(0, 6).data() == "examiné"

    clashes = site.services.sync.clashes(actor=lead, since=TODAY)
    assert any(c.kind == "counsellor" and {c.first_id, c.second_id} == {at_a, at_b} for c in clashes)
    assert page.clashes.rowCount() == len(clashes)
    row = next(i for i, c in enumerate(page.clashes.rows()) if {c.first_id, c.second_id} == {at_a, at_b})
    assert page.clashes.index(row, 1).data() == "Conseiller"
    assert "(PARIS13)" in page.clashes.index(row, 3).data() + page.clashes.index(row, 4).data()
    page.clashes_view.selectRow(row)
    page.open_day_button.click()
    assert window.current_page_key() == "day"
    day_page = window.core.day  # type: ignore[attr-defined]
    assert day_page.day == TODAY
    # same start, same column: the grid shows one of the two in that cell, selected
    assert day_page.table.current_appointment().id in {at_a, at_b}
    # at PARIS13 the counsellor has no column: the planning says where to look instead
    window_a, ui_a = sync_window(a, core=True)
    ui_a.page.refresh()
    ui_a.page.clashes_view.selectRow(0)
    assert not ui_a.page.open_clash()
    notice = window_a.core.day.notice  # type: ignore[attr-defined]
    assert not notice.isHidden() and "pas dans les colonnes de ce site" in notice.text()
    shots = os.environ.get("MLPLANNER_SHOTS")  # a folder to look at the page in (never the system's /tmp)
    picture = window.grab()
    assert not picture.isNull()
    if shots:
        picture.save(str(Path(shots) / "sync_page.png"))


def test_settings_and_network_tabs(qtbot, network, sync_window, prompt, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network()
    choosers = ScriptedChoosers().queue(share)
    window, ui = sync_window(b, choosers=choosers)
    page = ui.page
    page.refresh()
    page.tabs.setCurrentIndex(2)
    next(b for b in page.findChildren(QPushButton) if b.text() == "Choisir…").click()
    assert page.folder_edit.text() == str(share)
    page.period_spin.setValue(30)
    page.passphrase_check.setChecked(True)
    assert page.save_settings()
    current = SyncSettingsService(b.services.ctx).current()
    assert (current.folder, current.period_minutes, current.use_passphrase) == (str(share), 30, True)
    assert ui.controller.settings == current and "prochaine à 08:30" in window.status.sync_label.text()
    page.folder_edit.setText("relatif/dossier")
    assert not page.save_settings() and "chemin complet" in page.settings_error.text()
    page.folder_edit.setText(str(tmp_path / "absent"))
    assert page.save_settings() and "introuvable pour l'instant" in page.settings_error.text()
    # the network's sites
    page.peer_edit.setText("lyon")
    page.add_peer()
    assert b.services.sync.peers() == ["LYON", "PARIS13", "PARIS18"]
    page.peer_edit.setText("pas un code !")
    page.add_peer()
    assert prompt.errors and "Code de site invalide" in prompt.errors[-1]
    page.peers_view.selectRow(0)
    page.remove_peer()
    assert b.services.sync.peers() == ["PARIS13", "PARIS18"]
    assert page.peers.index(1, 2).data() == "ce site"


def test_receptionist_syncs_but_cannot_review_or_configure(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    _a, b, share = network()
    window, ui = sync_window(b, role=Role.RECEPTIONIST)
    page = ui.page
    page.refresh()
    assert page.sync_button.isEnabled() and ui.sync_action.isEnabled()
    assert [page.tabs.isTabEnabled(i) for i in range(4)] == [False] * 4
    assert not page.lead_note.isHidden()  # says why the tabs are greyed out
    assert page.conflicts.rowCount() == 0 and page.peers.rowCount() == 0
    page.folder_edit.setText(str(share))
    assert not page.save_settings()  # forced: the service refuses
    assert "ne peut pas modifier la configuration du site" in page.settings_error.text()
    partner = Actor("p", "Partenaire", Role.PARTNER)
    window.set_actor(partner)
    assert not ui.sync_action.isEnabled() and not ui.import_action.isEnabled()
    _configure(b, share, ui)
    assert not ui.controller.sync_now() and "droit" in ui.controller.last_error
    assert not ui.controller.timer.isActive()


def test_sync_before_any_folder_is_chosen_is_no_failure_and_leads_to_the_setting(
    qtbot, network, sync_window
) -> None:  # type: ignore[no-untyped-def]
    _a, b, _share = network()
    window, ui = sync_window(b)
    window.show_page("sync")
    assert not ui.controller.sync_now()  # F9 or "Synchroniser maintenant"
    label = window.status.sync_label
    assert "non configurée" in label.text() and "échec" not in label.text()
    assert not label.styleSheet()  # not red: nothing failed
    assert "échec" not in ui.page.state_label.text() and not ui.page.state_label.styleSheet()
    # the person is on the sync page already: the settings tab opens, its folder field ready
    assert window.current_page_key() == "sync" and ui.page.tabs.currentIndex() == 2
    assert "« Synchronisation »" not in window.status.currentMessage()
    assert "ci-dessous" in window.status.currentMessage()
    # a receptionist cannot choose the folder: told who does, not sent to a page they cannot use
    window2, ui2 = sync_window(b, role=Role.RECEPTIONIST)
    assert not ui2.controller.sync_now()
    assert "responsable de site" in window2.status.currentMessage()
    assert "échec" not in window2.status.sync_label.text()


def test_a_closed_window_syncs_no_more(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    """A closed window may live on (Qt deletes it later, or another window opens on another file): its
    periodic sync stopped with it. It used to fire later against the dead window (and, in the test
    suite, fail an unrelated test with "Signal source has been deleted")."""
    _a, b, share = network(exchanged=True)
    window, ui = sync_window(b, minute_ms=10)
    _configure(b, share, ui, period_minutes=1)
    assert ui.controller.timer.isActive()
    messages: list[str] = []
    window.ops.message.connect(lambda text, _ms: messages.append(text))
    window.close()
    assert not ui.controller.timer.isActive() and ui.controller.next_at is None
    ui.controller.timer.timeout.emit()  # a tick already on its way when the window closed
    ui.controller.reload_settings()  # another workstation's settings change, seen on the bus
    assert not ui.controller.timer.isActive()
    assert ui.controller.runs == 0 and not ui.controller.running and not messages


def test_a_window_closed_during_the_passphrase_question_says_nothing(qtbot, network, sync_window) -> None:  # type: ignore[no-untyped-def]
    """The question runs an event loop of its own: the window can close (and be deleted) meanwhile. That
    was the flake's path: the answerless question then wrote its error into the deleted window."""
    _a, b, share = network(exchanged=True)
    choosers = ScriptedChoosers()
    window, ui = sync_window(b, choosers=choosers)
    _configure(b, share, ui, use_passphrase=True)
    messages: list[str] = []
    window.ops.message.connect(lambda text, _ms: messages.append(text))

    def close_while_asked(_parent):  # type: ignore[no-untyped-def]
        window.close()
        return None

    choosers.passphrase = close_while_asked  # type: ignore[method-assign]
    assert not ui.controller.sync_now(manual=False)
    assert not messages and not ui.controller.last_error and not ui.controller.timer.isActive()


def test_a_sync_ending_after_its_window_closed_is_dropped(qtbot, network, sync_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The worker's result arrives after the window closed: nothing is shown, published or scheduled."""
    _a, b, share = network()
    window, ui = sync_window(b)
    release, entered = threading.Event(), threading.Event()
    real = b.services.sync.sync

    def sync_waiting_at_its_first_step(**kw):  # type: ignore[no-untyped-def]
        entered.set()
        assert release.wait(20)
        kw["progress"]("préparation des modifications locales", 0, 1)
        return real(**kw)

    monkeypatch.setattr(b.services.sync, "sync", sync_waiting_at_its_first_step)
    _configure(b, share, ui)
    seen: list[object] = []
    ui.controller.finished.connect(seen.append)
    ui.controller.failed.connect(seen.append)
    window.bus.changed.connect(seen.append)
    window.ops.message.connect(lambda text, _ms: seen.append(text))
    assert ui.controller.sync_now(confirmed=True) and entered.wait(10)
    window.close()
    release.set()
    qtbot.waitUntil(lambda: window.ops.pool.activeThreadCount() == 0, timeout=30_000)
    QCoreApplication.processEvents()  # the worker's queued end is delivered (and dropped)
    assert not seen and not ui.controller.running and not ui.controller.timer.isActive()
    assert b.services.sync.last_report() is None  # stopped at its next step, nothing half done
