"""Regenerate the README's screenshots from demo data, offscreen, at 1366×768.

    uv run python tools/screenshots.py [--out docs/screenshots] [--today 2026-11-26] [--at 10:40] [--seed 1]

A demo site is built in a temporary folder with a fixed seed and a fixed clock (so the "now" line and
every figure are the same from one run to the next), then the main window is opened with a logged-in
user and each view is grabbed. Add a view by appending a `Shot` to `SHOTS`; pages that other areas add
later (workshops...) and that no shot names are grabbed too, as `<page key>.png`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time as _time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MLPLANNER_NO_USER_SETTINGS", "1")

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from mlplanner.app import build_window
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Programme, Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.demo import build_demo
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.shell.prompt import ScriptedPrompt

SIZE = (1366, 768)
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Stage:
    """What the shots share: the app, the window, the demo's people and the day."""

    app: QApplication
    services: Services
    window: QWidget
    today: date
    actors: dict[str, Actor]
    youth_id: str = ""
    counsellor_id: str = ""


@dataclass(frozen=True)
class Shot:
    name: str
    actor: str  # key of Stage.actors
    prepare: Callable[[Stage], QWidget | None]  # returns a dialog to paint over the window, or None


def _page(key: str, then: Callable[[Stage, QWidget], None] | None = None) -> Callable[[Stage], None]:
    def prepare(st: Stage) -> None:
        page = st.window.show_page(key)
        if then is not None:
            then(st, page)

    return prepare


def _week(st: Stage, page: QWidget) -> None:
    page.show_resource("counsellor", st.counsellor_id, st.today)


def _youth(st: Stage, page: QWidget) -> None:
    page.show_youth(st.youth_id)


def _portfolio(st: Stage, page: QWidget) -> None:
    page.select_counsellor(st.counsellor_id)


def _settings_tab(index: int) -> Callable[[Stage, QWidget], None]:
    def then(_st: Stage, page: QWidget) -> None:
        page.tabs.setCurrentIndex(index)
        tab = page.tabs.currentWidget()
        if hasattr(tab, "select_row"):  # the staged counsellor in the staff tab, else the second line
            row = tab.model.row_of_key(_st.counsellor_id)
            tab.select_row(row if row >= 0 else 1)

    return then


def _report(key: str) -> Callable[[Stage, QWidget], None]:
    """A report of the « Rapports » page, once computed (reports are computed off the GUI thread)."""

    def then(st: Stage, page: QWidget) -> None:
        page.report = None
        page.kind.setCurrentIndex(page.kind.findData(key))
        page.refresh()
        deadline = _time.monotonic() + 60
        while page.report is None and not page.message.text() and _time.monotonic() < deadline:
            st.app.processEvents()
            _time.sleep(0.02)

    return then


def _youth_tab(index: int) -> Callable[[Stage, QWidget], None]:
    def then(st: Stage, page: QWidget) -> None:
        page.show_youth(st.youth_id)
        page.sections.setCurrentIndex(index)

    return then


def _booking(st: Stage) -> QWidget:
    st.window.show_page("day")
    dialog = st.window.core.booking
    dialog.start({"youth_id": st.youth_id, "type_code": "SUIVI"})
    return dialog


SHOTS: list[Shot] = [
    Shot("day", "reception", _page("day")),
    Shot("week", "reception", _page("week", _week)),
    Shot("booking", "reception", _booking),
    Shot("arrivals", "reception", _page("arrivals")),
    Shot("my_day", "counsellor", _page("my_day")),
    Shot("youth_file", "counsellor", _page("youth", _youth)),
    Shot("portfolio", "counsellor", _page("portfolio", _portfolio)),
    Shot("calls", "reception", _page("calls")),
    Shot("settings", "lead", _page("settings", _settings_tab(0))),
    Shot("settings_staff", "lead", _page("settings", _settings_tab(2))),
    Shot("reports", "lead", _page("reports", _report("cej"))),
    Shot("reports_imilo", "counsellor", _page("reports", _report("imilo"))),
    Shot("reports_fse", "lead", _page("reports", _report("fse"))),
    Shot("youth_cej", "counsellor", _page("youth", _youth_tab(1))),
    Shot("youth_followup", "counsellor", _page("youth", _youth_tab(2))),
]
PAGES_SHOWN = {"day", "week", "arrivals", "my_day", "youth", "portfolio", "calls", "settings", "reports"}


# --- staging ----------------------------------------------------------------------------------------


def _actor(services: Services, role: Role, staff_id: str | None = None) -> Actor:
    staff = next(s for s in services.directory.staff(role=role) if staff_id in (None, s.id))
    return Actor(staff.id, staff.display_name, staff.role)


def stage_data(services: Services, today: date) -> tuple[str, str]:
    """A CEJ youth with a history and an end date close enough for the warning; a few calls ticked."""
    admin = _actor(services, Role.ADMIN)
    best: tuple[int, str, str] | None = None
    for counsellor in services.directory.counsellors()[:4]:
        for entry in services.followup.portfolio(counsellor.id).entries:
            if entry.programme is not Programme.CEJ or entry.next_contact is None:
                continue
            history = services.followup.youth_summary(entry.youth_id).history
            n = len(history) + 5 * len({a.kind for a in history})  # prefer appointments and workshops
            if best is None or n > best[0]:
                best = (n, entry.youth_id, counsellor.id)
    assert best is not None, "the demo has no CEJ youth with an appointment ahead"
    _, youth_id, counsellor_id = best
    y = services.youths.get(youth_id)
    draft = YouthDraft(
        first_name=y.first_name,
        last_name=y.last_name,
        birth_date=y.birth_date,
        phone=y.phone,
        email=y.email,
        external_id=y.external_id,
        referent=y.referent_id,
        programme=y.programme,
        programme_start=today - timedelta(days=347),
        programme_end=today + timedelta(days=18),
        sms_consent=y.sms_consent,
        needs_accessible_room=y.needs_accessible_room,
    )
    services.youths.update(actor=admin, youth_id=youth_id, draft=draft)
    reception = _actor(services, Role.RECEPTIONIST)
    for entry in services.followup.call_list().entries[:3]:
        services.followup.tick_call(actor=reception, appointment_id=entry.appointment_id)
    lead = _actor(services, Role.SITE_LEAD)
    holiday = today + timedelta(days=(4 - today.weekday()) % 7 + 21)
    services.directory.add_closure(
        actor=lead, start=holiday, end=holiday, reason="Formation de toute l'équipe"
    )
    monday = today + timedelta(days=7 - today.weekday())
    services.directory.add_absence(
        actor=lead,
        staff_id=counsellor_id,
        start=datetime.combine(monday, time(9, 0)),
        end=datetime.combine(monday + timedelta(days=1), time(17, 30)),
        reason="Formation CEJ à la Mission Locale régionale",
    )
    return youth_id, counsellor_id


# --- grabbing ---------------------------------------------------------------------------------------


def settle(app: QApplication) -> None:
    """Let posted layout requests run (a grab right after a change can catch a half-laid-out page)."""
    for _ in range(3):
        app.processEvents()


def grab(st: Stage, dialog: QWidget | None) -> QPixmap:
    settle(st.app)
    shot = st.window.grab()
    if dialog is not None:
        dialog.show()
        settle(st.app)
        over = dialog.grab()
        title_h = 28
        painter = QPainter(shot)
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))  # dim the window behind the dialog
        x = (shot.width() - over.width()) // 2
        y = max(0, (shot.height() - over.height() - title_h) // 2)
        painter.fillRect(x - 1, y - 1, over.width() + 2, over.height() + title_h + 2, QColor("#5A6472"))
        painter.fillRect(x, y, over.width(), title_h, QColor("#2F3A48"))
        painter.setPen(QColor("white"))
        painter.drawText(x + 10, y, over.width() - 20, title_h, 0x0081, dialog.windowTitle())  # left|vcenter
        painter.drawPixmap(QPoint(x, y + title_h), over)
        painter.end()
        dialog.hide()
    return shot


@contextmanager
def seeded_ids(seed: int) -> Iterator[None]:
    """Row ids from a seeded generator while the demo is built and shot: some demo steps order rows
    by id, and random UUIDs would then give other attendance marks (other pictures) at every run."""
    rng = random.Random(seed)
    original = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    try:
        yield
    finally:
        uuid.uuid4 = original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 26))
    parser.add_argument("--at", type=time.fromisoformat, default=time(10, 40))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--youths", type=int, default=2000, help="size of the demo (tests use fewer)")
    parser.add_argument("--only", nargs="*", help="names of the shots to take (default: all)")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("mlplanner")
    try:
        from mlplanner.ui import i18n

        i18n.install(app, "fr")
    except Exception:  # translations are a nicety here; the French defaults are in the code
        pass
    now = datetime.combine(args.today, args.at, tzinfo=ZoneInfo("Europe/Paris"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mlplanner-shots-") as tmp, seeded_ids(args.seed):
        services = Services.open(Path(tmp) / "demo.sqlite3", clock=FixedClock(now))
        try:
            build_demo(services, seed=args.seed, today=args.today, youths=args.youths)
            try:  # the workshops area, when this build has it
                from mlplanner.services.workshops.demo import build_demo_workshops
            except ImportError:
                pass
            else:
                build_demo_workshops(services, today=args.today, seed=args.seed)
            youth_id, counsellor_id = stage_data(services, args.today)
            actors = {
                "reception": _actor(services, Role.RECEPTIONIST),
                "counsellor": _actor(services, Role.COUNSELLOR, counsellor_id),
                "lead": _actor(services, Role.SITE_LEAD),
            }
            window = build_window(services, actors["reception"], prompt=ScriptedPrompt(), live_refresh=False)
            window.resize(*SIZE)
            window.show()
            st = Stage(app, services, window, args.today, actors, youth_id, counsellor_id)
            extra = [Shot(key, "lead", _page(key)) for key in window.page_keys() if key not in PAGES_SHOWN]
            for shot in [*SHOTS, *extra]:
                if args.only and shot.name not in args.only:
                    continue
                if window.actor != actors[shot.actor]:
                    window.set_actor(actors[shot.actor])
                try:
                    dialog = shot.prepare(st)
                except KeyError as exc:  # a page this build does not have
                    print(f"{shot.name}: skipped ({exc})")
                    continue
                path = args.out / f"{shot.name}.png"
                grab(st, dialog).save(str(path))
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
