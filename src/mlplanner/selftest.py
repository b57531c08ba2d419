"""`mlplanner --self-test`: prove that an installed bundle works, without touching the site's data.

In a temporary folder: create a database through the migrations, book an appointment, back it up and
check its integrity, render PDFs (a slip and a right-of-access export), then build and show the main
window offscreen. Each step prints one French line; any failure prints what failed and where the log is,
and the exit code is 1 (0 when everything passed). CI runs it against the PyInstaller bundle, so every
resource the bundle forgot (migrations, fonts, holiday data, Qt plugins) shows up here first.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)
T = TypeVar("T")


class StepFailed(Exception):
    pass


def _say(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # a windowed Windows executable has no console: the log keeps the trace
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except UnicodeEncodeError:  # an old console code page: keep the message, drop the accents
        stream.write(text.encode("ascii", "replace").decode() + "\n")


def _step(label: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    try:
        result = fn()
    except Exception as exc:
        log.exception("self-test step failed: %s", label)
        message = getattr(exc, "message", None) or f"{exc.__class__.__name__}: {exc}"
        _say(f"  ÉCHEC  {label} : {message}")
        raise StepFailed(label) from exc
    _say(f"  OK     {label} ({time.perf_counter() - t0:.2f} s)")
    return result


def _resources() -> str:
    import holidays

    from mlplanner.paths import resource_path
    from mlplanner.storage.migrate import MIGRATIONS_DIR

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        if not resource_path("fonts", name).is_file():
            raise FileNotFoundError(f"police absente : {name}")
    if not resource_path("logos", "mission-locale-placeholder.png").is_file():
        raise FileNotFoundError("logo absent")
    versions = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    if not (MIGRATIONS_DIR / "env.py").is_file() or not versions:
        raise FileNotFoundError(f"migrations Alembic absentes de {MIGRATIONS_DIR}")
    year = date.today().year
    if date(year, 7, 14) not in holidays.France(years=year):
        raise RuntimeError("données des jours fériés (holidays) absentes")
    return f"{len(versions)} migrations"


def _database(folder: Path) -> Any:
    from mlplanner.domain.clock import SystemClock
    from mlplanner.services.container import Services
    from mlplanner.services.demo import build_demo
    from mlplanner.storage.migrate import current_revision, head_revision

    services = Services.open(folder / "autotest.sqlite3", SystemClock())
    if current_revision(services.ctx.db) != head_revision():
        raise RuntimeError("la base n'est pas au dernier schéma après les migrations")
    build_demo(services, site_code="AUTOTEST", today=date.today(), youths=30)
    return services


def _book(services: Any) -> Any:
    from mlplanner.services.context import SYSTEM_ACTOR
    from mlplanner.services.youths.service import YouthDraft

    youth = services.youths.add(
        actor=SYSTEM_ACTOR,
        draft=YouthDraft(first_name="Camille", last_name="Autotest"),
        confirm_duplicate=True,
    ).youth
    slot = services.slots.find(type_code="SUIVI", youth_id=youth.id, count=1)[0]
    return services.booking.book(
        actor=SYSTEM_ACTOR,
        youth_id=youth.id,
        type_code="SUIVI",
        start=slot.start,
        counsellor=slot.counsellor_id,
    ).appointment


def _backup(services: Any) -> None:
    from mlplanner.storage.backup import integrity_problems

    problems = services.backups.integrity_problems()
    copy = services.backups.backup_now("manual")
    problems += integrity_problems(copy.path)
    if problems:
        raise RuntimeError("contrôle d'intégrité : " + "; ".join(problems[:3]))


def _check_pdf(path: Path) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:] or len(data) < 1500:
        raise RuntimeError(f"PDF invalide : {path.name}")


def _pdfs(services: Any, appointment: Any, folder: Path) -> str:
    from mlplanner.services.context import SYSTEM_ACTOR

    slip, day = folder / "convocation.pdf", folder / "planning-du-jour.pdf"
    printing = getattr(services, "printing", None)
    if printing is not None:  # the printing service: what the app prints, with its settings and audit
        printing.slip(actor=SYSTEM_ACTOR, appointment_id=appointment.id, out=slip)
        printing.day(actor=SYSTEM_ACTOR, day=appointment.start.date(), out=day)
        _check_pdf(day)
        how = "convocation, planning du jour"
    else:  # no printing service in this build: a bare reportlab page still proves the embedded fonts
        from reportlab.pdfgen.canvas import Canvas

        from mlplanner.printing.fonts import REGULAR, register_fonts

        register_fonts()
        c = Canvas(str(slip))
        c.setFont(REGULAR, 14)
        c.drawString(72, 720, f"Test de fonctionnement — {appointment.youth_name} — œ € « »")
        c.showPage()
        c.save()
        how = "page reportlab minimale"
    _check_pdf(slip)
    from reportlab.lib import rl_accel

    if getattr(rl_accel, "_py_funcs", {}):  # a bundle without `_rl_accel` prints, at half speed
        raise RuntimeError("accélérateur de reportlab (_rl_accel) absent : impressions ralenties")
    export = services.privacy.export_access(actor=SYSTEM_ACTOR, youth_id=appointment.youth_id, out_dir=folder)
    _check_pdf(export.pdf)
    return f"{how} et export droit d'accès"


def _window(services: Any) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mlplanner.app import build_window
    from mlplanner.domain.enums import Role
    from mlplanner.services.context import Actor
    from mlplanner.ui.shell.prompt import ScriptedPrompt

    app = cast(
        QApplication, QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mlplanner"])
    )
    before = set(app.topLevelWidgets())
    lead = services.directory.staff(role=Role.SITE_LEAD)[0]
    try:
        window = build_window(
            services,
            Actor(lead.id, lead.display_name, lead.role),
            prompt=ScriptedPrompt(),
            live_refresh=False,
        )
        window.resize(1280, 760)
        window.show()
        app.processEvents()
        if not window.isVisible() or window.grab().isNull():
            raise RuntimeError("la fenêtre principale ne s'affiche pas")
        return f"{len(window.page_keys())} pages"
    finally:  # every window made here is destroyed now, with its timers, even a half-built one
        _destroy_windows(app, before)


def _destroy_windows(app: Any, before: set[Any]) -> None:
    """Destroy the windows made since `before`: owners first, then whatever they did not take along.

    Popups (a completer's list, a combo box's frame) are top-level widgets owned by a widget of the
    window; deleting one before its owner leaves the owner a dangling pointer that it deletes again
    (a segfault that depended on the order of a set). Owners are destroyed first, and a popup is only
    deleted when it is still alive after them.
    """
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, Qt

    def made_here() -> list[Any]:
        return [w for w in app.topLevelWidgets() if w not in before and shiboken6.isValid(w)]

    def owners_first(widget: Any) -> bool:
        return widget.parent() is not None or widget.windowType() == Qt.WindowType.Popup

    for owned in (False, True):
        for widget in made_here():
            if owners_first(widget) is owned:
                widget.close()
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def run_self_test() -> int:
    """Run every step; 0 when all passed, 1 otherwise (never raises)."""
    from mlplanner.logging_setup import log_file_path

    t0 = time.perf_counter()
    _say("mlplanner : test de fonctionnement")
    services = None
    try:
        with tempfile.TemporaryDirectory(prefix="mlplanner-autotest-") as tmp:
            folder = Path(tmp)
            try:
                _step("ressources embarquées (polices, logos, migrations, jours fériés)", _resources)
                services = _step("base de données créée par les migrations", lambda: _database(folder))
                appointment = _step("prise de rendez-vous", lambda: _book(services))
                _step("sauvegarde et contrôle d'intégrité", lambda: _backup(services))
                _step("impression PDF", lambda: _pdfs(services, appointment, folder))
                _step("fenêtre principale (hors écran)", lambda: _window(services))
            finally:
                if services is not None:
                    services.close()
    except StepFailed:
        _say(f"Test de fonctionnement : ÉCHEC. Détails dans le journal : {log_file_path()}")
        return 1
    except Exception:  # cleaning the temporary folder failed, or worse: still a clear answer
        log.exception("self-test failed outside a step")
        _say(f"Test de fonctionnement : ÉCHEC inattendu. Détails dans le journal : {log_file_path()}")
        return 1
    _say(f"Test de fonctionnement : tout est en ordre ({time.perf_counter() - t0:.1f} s).")
    return 0
