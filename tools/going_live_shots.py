"""Regenerate the README's "Going live" screenshots, offscreen, at 1366×768.

    uv run python tools/going_live_shots.py [--out docs/screenshots/going-live]

Each step a site lead takes on day one, in order, on files built in a temporary folder with a fixed clock:
the welcome window, the site wizard's pages, the first login, the staff import with its one-time PINs,
a person's first login, the day view of the real site; then a second site joining the network from its
sync folder, the founder's site lead accepting it, and the demo, marked as such.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MLPLANNER_NO_USER_SETTINGS", "1")

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import grab  # the README's other screenshots use the same framing

from mlplanner.app import build_window
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.demo import build_demo
from mlplanner.services.directory.setup import NewSite
from mlplanner.services.server.connect import ServerProbe, ServerSite
from mlplanner.ui.shell.login import LoginDialog
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.welcome.join_dialog import JoinDialog
from mlplanner.ui.welcome.panel import WelcomePanel
from mlplanner.ui.welcome.server_dialog import ServerDialog
from mlplanner.ui.welcome.wizard import SiteWizard

SIZE = (1366, 768)
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
NOW = datetime(2027, 1, 4, 8, 30, tzinfo=ZoneInfo("Indian/Reunion"))
PIN = "482915"


class Shots:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app, self.out = app, out
        self.n = 0

    def take(self, name: str, window: QWidget, dialog: QWidget | None = None) -> None:
        self.n += 1
        path = self.out / f"{self.n:02d}-{name}.png"
        grab(SimpleNamespace(app=self.app, window=window), dialog).save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def bare_window(title: str = "mlplanner — bienvenue") -> MainWindow:
    window = MainWindow(prompt=ScriptedPrompt())
    window.resize(*SIZE)
    window.show()
    window.setWindowTitle(title)
    return window


def fill_wizard(w: SiteWizard, shots: Shots, window: MainWindow) -> None:
    w.identity.organisation.setText("Mission Locale Sud Réunion")
    w.identity.name.setText("Mission Locale Sud Réunion — site Saint-Pierre")
    w.identity.code.setText("STPIERRE")
    w.identity.address.setText("12 rue Victor Hugo, 97410 Saint-Pierre")
    w.identity.phone.setText("02 62 35 00 00")
    shots.take("wizard-site", window, w)
    w.next()
    w.calendar.holidays.setCurrentIndex(w.calendar.holidays.findData("974"))
    shots.take("wizard-zone-holidays", window, w)
    w.next()
    w.hours.hours.lines[2].setText("09:00-12:30")  # Wednesday afternoons closed
    shots.take("wizard-hours", window, w)
    w.next()
    shots.take("wizard-rooms", window, w)
    w.next()
    shots.take("wizard-types", window, w)
    w.next()
    w.admin.first_name.setText("Awa")
    w.admin.last_name.setText("Payet")
    w.admin.pin.setText(PIN)
    w.admin.pin_again.setText(PIN)
    shots.take("wizard-administrator", window, w)
    w.next()
    shots.take("wizard-summary", window, w)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "going-live")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("mlplanner")
    from mlplanner.ui import i18n

    i18n.install(app, "fr")
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    shots = Shots(app, args.out)
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory(prefix="mlplanner-golive-") as tmp:
        folder = Path(tmp)
        # 1. the welcome window of a workstation without a site file
        window = bare_window()
        window.show_panel(
            WelcomePanel(where=str(Path("C:/Users/accueil/AppData/Local/mlplanner/mlplanner.sqlite3")))
        )
        shots.take("welcome", window)
        # 2. the wizard, page by page
        wizard = SiteWizard(window, default_path=folder / "stpierre.sqlite3")
        wizard.setOption(QWizard.WizardOption.NoCancelButton, False)
        fill_wizard(wizard, shots, window)
        new = wizard.checked_site()
        window.close()
        sv = Services.open(folder / "stpierre.sqlite3", clock=clock)
        sv.site_setup.create(new)
        # 3. the first login, then the staff import with its one-time PINs
        window = bare_window(f"mlplanner — {sv.directory.site().name}")
        login = LoginDialog(sv, window, site_name=sv.directory.site().name)
        shots.take("first-login", window, login)
        (admin_view,) = sv.directory.staff(role=Role.ADMIN)
        admin = Actor(admin_view.id, admin_view.display_name, Role.ADMIN)
        window.close()
        window = build_window(sv, admin, prompt=ScriptedPrompt(), live_refresh=False)
        window.resize(*SIZE)
        window.show()
        settings = window.show_page("settings")
        settings.tabs.setCurrentIndex(2)
        dialog = settings.staff.open_import()
        dialog.hide()
        dialog.path.setText(str(DATA / "staff-libreoffice.xlsx"))
        dialog.preview()
        shots.take("staff-import-preview", window, dialog)
        dialog.apply()
        shots.take("staff-import-pins", window, dialog)
        dialog.close()
        pins = {a.name: a.one_time_pin for a in (dialog.imported.accounts if dialog.imported else ())}
        settings.staff.refresh(force=True)
        shots.take("staff", window)
        # 4. a person's first login: the one-time PIN, then their own
        lina = next(s for s in sv.directory.staff() if s.last_name == "Payet" and s.role is Role.COUNSELLOR)
        login = LoginDialog(sv, window, site_name=sv.directory.site().name)
        login.select(lina.id)
        login.pin.setText(pins["Lina Payet"])
        login.attempt()
        shots.take("first-login-own-pin", window, login)
        window.show_page("day")
        shots.take("day-view", window)
        window.close()
        # 5. the network: the first site founds it, a second site joins from the folder
        share = folder / "partage"
        share.mkdir()
        sv.network.sync(folder=share, passphrase="la phrase du réseau", actor=admin)
        join_window = bare_window()
        join_window.show_panel(WelcomePanel())
        join = JoinDialog(join_window, default_path=folder / "stlouis.sqlite3")
        join.folder.setText(r"\\serveur\partage\mlplanner")
        join.passphrase.setText("la phrase du réseau")
        join.code.setText("STLOUIS")
        join.name.setText("Mission Locale Sud Réunion — site Saint-Louis")
        join.first_name.setText("Yann")
        join.last_name.setText("Grondin")
        join.pin.setText("705318")
        join.pin_again.setText("705318")
        shots.take("join", join_window, join)
        join_window.close()
        second = Services.open(folder / "stlouis.sqlite3", clock=clock)
        second.network.join(
            folder=share, code="STLOUIS", name="Mission Locale Sud Réunion — site Saint-Louis",
            passphrase="la phrase du réseau", admin=("Yann", "Grondin", "705318"),
        )  # fmt: skip
        report = sv.network.sync(folder=share, passphrase="la phrase du réseau", actor=admin)
        window = build_window(sv, admin, prompt=ScriptedPrompt(), live_refresh=False)
        window.resize(*SIZE)
        window.show()
        page = window.show_page("sync")
        ui = window.sync_ui  # type: ignore[attr-defined]
        ui.controller.pending = report.pending
        page.tabs.setCurrentIndex(3)
        page.refresh()
        rows = [page.peers.row_at(i).code for i in range(page.peers.rowCount())]
        page.peers_view.selectRow(rows.index("STLOUIS"))
        shots.take("accept-the-new-site", window)
        window.close()
        second.close()
        # 6. a site that already runs opens the network's folder for the first time
        third = Services.open(folder / "standre.sqlite3", clock=clock)
        created = third.site_setup.create(
            NewSite(
                code="STANDRE", name="Mission Locale Est Réunion — site Saint-André",
                organisation="Mission Locale Est Réunion", timezone="Indian/Reunion", holidays="974",
                admin_first_name="Inès", admin_last_name="Hoarau", admin_pin="916240",
            )
        )  # fmt: skip
        third_admin = Actor(created.admin.id, created.admin.display_name, Role.ADMIN)
        third.import_export.import_youths(actor=third_admin, path=DATA / "youths-libreoffice.xlsx")
        preview = third.network.preview(folder=share, passphrase="la phrase du réseau")
        window = build_window(third, third_admin, prompt=ScriptedPrompt(), live_refresh=False)
        window.resize(*SIZE)
        window.show()
        window.show_page("sync")
        box = QMessageBox(
            QMessageBox.Icon.Question, "Première synchronisation avec ce dossier", "", parent=window
        )
        box.setText("\n".join(preview.summary_fr()) + "\n\nSynchroniser maintenant ?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        shots.take("first-sync-preview", window, box)
        window.close()
        third.close()
        sv.close()
        # 7. the demo: marked in the file, on the login and in every window
        demo = Services.open(
            folder / "demo.sqlite3",
            clock=FixedClock(datetime(2026, 11, 26, 10, 40, tzinfo=ZoneInfo("Europe/Paris"))),
        )
        build_demo(demo, seed=1, youths=100, today=NOW.date())
        window = bare_window(
            "mlplanner — DÉMONSTRATION — données fictives — Mission Locale de Paris — site Paris 13"
        )
        window.attach(demo)
        login = LoginDialog(demo, window, site_name=demo.directory.site().name, demo_code="1234")
        shots.take("demo-login", window, login)
        window.close()
        demo.close()
        # 8. a workstation joining from the server: the connection, then the sites the server holds
        #    (the answer of a real server is what `probe_server` reads; here, the sites are given)
        server_window = bare_window()
        server_window.show_panel(WelcomePanel())
        sites = (
            ServerSite("PARIS13", "Mission Locale de Paris — site Paris 13"),
            ServerSite("PARIS18", "Mission Locale de Paris — site Paris 18"),
            ServerSite("PARIS19", "Mission Locale de Paris — site Paris 19"),
        )
        server = ServerDialog(
            server_window, probe=lambda _url: ServerProbe("accueil@srv-bdd:5432/mlplanner", sites, False)
        )
        server.fill_from_url("postgresql://accueil@srv-bdd/mlplanner?sslmode=require")
        server.password.setText("mot de passe du poste")
        shots.take("join-server", server_window, server)
        server.test()
        server.wait()
        app.processEvents()
        server.sites.setCurrentRow(1)
        shots.take("join-server-sites", server_window, server)
        server_window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
