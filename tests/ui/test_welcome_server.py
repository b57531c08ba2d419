"""Joining from the server in the app: the welcome window's server dialog against the session's
PostgreSQL cluster (databases copied from its templates, no cluster of their own). Bad input (a port
where nobody listens, a wrong password, a database not prepared) is said in French and changes
nothing; a good connection lists the server's sites: this workstation works for one, or creates a new
one there with the site wizard; the choice is remembered without its password, and the next start
opens the server directly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from engines import ServerDatabases, Templates, private_copy
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import RuleViolation
from mlplanner.paths import CHOSEN_FILE, app_data_dir, default_db_location
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.server.connect import address_from_url, check_address
from mlplanner.storage.pg_local import LocalCluster, free_port
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import ScriptedPrompt
from mlplanner.ui.shell.startup import Startup
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.welcome.server_dialog import ServerDialog
from support import CLOCK_START, MemoryKeyring, build_test_site
from ui.test_welcome import PIN, app_start, choosers, fill_wizard, log_in, user_dirs, welcome_of  # noqa: F401

ROLE, SECRET = "ml_poste", "mot de passe du poste"


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("MLPLANNER_NO_KEYRING", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def server(pg_cluster: LocalCluster) -> LocalCluster:
    """The session's cluster, with a role that logs in with a password over TCP (as a real server's)."""
    pg_cluster.psql(
        f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN PASSWORD '{SECRET}'; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    return pg_cluster


def _build_empty(location: object) -> None:
    Services.open(location, clock=FixedClock(CLOCK_START)).close()  # type: ignore[arg-type]


def _build_site(location: object) -> object:
    clk = FixedClock(CLOCK_START)
    sv = Services.open(location, clock=clk)  # type: ignore[arg-type]
    try:
        return build_test_site(sv, clk)
    finally:
        sv.close()


@pytest.fixture
def server_copy(
    templates: Templates, tmp_path: Path, request: pytest.FixtureRequest, server: LocalCluster
) -> Callable[[str], str]:
    """`server_copy("empty" | "site")`: a prepared database of the test's own on the session's server,
    its tables open to the password role; returns its name."""

    def make(name: str) -> str:
        templates.get("postgresql", name, _build_empty if name == "empty" else _build_site)
        url = str(private_copy(request, templates, "postgresql", name, tmp_path / "x.sqlite3"))
        db = url.rsplit("/", 1)[1].split("?", 1)[0]
        server.psql(
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}; "
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}",
            dbname=db,
        )
        return db

    return make


def tcp(cluster: LocalCluster, db: str, password: str | None = None) -> str:
    return cluster.url(db, user=ROLE, password=password, tcp=True)


def connect_test(qtbot, dialog: ServerDialog) -> ServerDialog:  # type: ignore[no-untyped-def]
    assert dialog.test()
    assert dialog.busy.isVisibleTo(dialog) and not dialog.test_btn.isEnabled()  # busy meanwhile
    dialog.wait()
    qtbot.waitUntil(lambda: dialog.test_btn.isEnabled(), timeout=20000)
    return dialog


def nothing_remembered() -> bool:
    return not (app_data_dir() / CHOSEN_FILE).exists()


def test_the_fields_and_a_pasted_url() -> None:
    a = check_address(" srv-bdd ", "", "mlplanner", "ml", "require")
    assert a.port == 5432 and a.url(site="PARIS18") == (
        "postgresql+psycopg://ml@srv-bdd:5432/mlplanner?site=PARIS18&sslmode=require"
    )
    assert a.url(password="p@ss:w/rd").startswith("postgresql+psycopg://ml:p%40ss%3Aw%2Frd@srv-bdd")
    pasted, password, site = address_from_url(
        "postgresql://ml:secret@srv:5433/base?sslmode=verify-full&sslrootcert=/etc/ca.pem&site=paris18"
    )
    assert (pasted.host, pasted.port, pasted.database, pasted.user) == ("srv", 5433, "base", "ml")
    assert pasted.sslmode == "verify-full" and pasted.options == (("sslrootcert", "/etc/ca.pem"),)
    assert password == "secret" and site == "PARIS18"
    assert address_from_url(pasted.url()) == (pasted, None, None) and "secret" not in pasted.url()


def test_bad_input_is_said_in_french_and_changes_nothing(
    qtbot,
    server: LocalCluster,
    server_dbs: ServerDatabases,
    memory_keyring: MemoryKeyring,
    user_dirs: Path,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Return tests (it used to press Cancel)
    assert dialog.isVisible() and "Indiquez le serveur" in dialog.error.text()
    dialog.host.setText("http://srv-bdd/mlplanner")  # a pasted URL that is not a PostgreSQL one
    assert not dialog.test() and "Adresse de serveur illisible" in dialog.error.text()
    dialog.host.setText("srv-bdd/mlplanner")  # half a URL
    assert not dialog.test() and "Nom de serveur illisible" in dialog.error.text()
    dialog.host.setText("127.0.0.1")
    dialog.port.setText("80000")
    assert not dialog.test() and "1 à 65535" in dialog.error.text()
    dialog.user.setText("a b")
    dialog.port.setText(str(free_port()))  # nobody listens there
    assert not dialog.test() and "l'utilisateur" in dialog.error.text()
    dialog.user.setText(ROLE)
    connect_test(qtbot, dialog)
    assert "injoignable" in dialog.error.text() and dialog.pages.currentIndex() == 0

    empty = server_dbs.create()  # a database the IT person has not prepared (no `server init`)
    try:
        server.psql(f'ALTER DATABASE "{empty}" OWNER TO {ROLE}')
        dialog.fill_from_url(tcp(server, empty))
        dialog.password.setText("pas le bon")
        connect_test(qtbot, dialog)
        assert "refuse la connexion" in dialog.error.text() and dialog.pages.currentIndex() == 0
        dialog.password.setText("")  # no password anywhere on this workstation
        connect_test(qtbot, dialog)
        assert "demande un mot de passe" in dialog.error.text()
        dialog.password.setText(SECRET)
        connect_test(qtbot, dialog)
        assert "mlplanner server init" in dialog.error.text() and dialog.pages.currentIndex() == 0
        assert (
            server.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", dbname=empty).strip()
            == "0"
        )
    finally:
        server_dbs.drop(empty)
    assert dialog.choice is None and memory_keyring.store == {} and nothing_remembered()


def test_a_workstation_joins_a_site_on_the_server_and_the_next_start_opens_it(
    app_start,  # noqa: F811
    qtbot,
    server: LocalCluster,
    server_copy: Callable[[str], str],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    db = server_copy("site")
    sv = Services.open(server.url(db))
    admin = next(s for s in sv.directory.staff() if s.role is Role.ADMIN)
    sv.directory.set_secret(
        actor=Actor(admin.id, admin.display_name, Role.ADMIN), staff_id=admin.id, secret=PIN
    )
    sv.close()
    remembered: list[Path | str] = []
    window, startup = app_start(tmp_path / "site.sqlite3")
    startup.remember = remembered.append
    qtbot.waitUntil(lambda: welcome_of(window).panel is not None, timeout=30000)
    welcome_of(window).panel.buttons["join"].click()
    way = welcome_of(window).way_dialog
    assert set(way.buttons) == {"folder", "server"}
    way.buttons["server"].click()
    dialog = welcome_of(window).server_dialog
    dialog.host.setText(tcp(server, db))  # a URL pasted into the server field fills the fields
    dialog.host.editingFinished.emit()
    assert dialog.host.text() == "127.0.0.1" and dialog.database.text() == db and dialog.user.text() == ROLE
    dialog.password.setText(SECRET)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))
    connect_test(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1, dialog.error.text()
    assert dialog.sites.count() == 1 and dialog.sites.item(0).text().startswith("TEST01 — ")
    assert dialog.connected.text().endswith(f"{ROLE}@127.0.0.1:{server.port}/{db}")  # no "***" to puzzle over
    assert dialog.demo_note.isHidden() and dialog.create_btn.isEnabled()
    dialog.use_btn.click()
    log_in(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.nav.isVisible(), timeout=60000)
    assert startup.services is not None and startup.services.ctx.db.is_server
    assert startup.services.directory.site().code == "TEST01"
    assert window.status.db_label.text() == f"Serveur : 127.0.0.1/{db}"  # it said "base en mémoire"
    (chosen,) = remembered
    assert isinstance(chosen, str) and SECRET not in chosen and "site=TEST01" in chosen
    assert "sslmode=disable" in chosen
    assert memory_keyring.store == {("mlplanner", f"{ROLE}@127.0.0.1:{server.port}/{db}"): SECRET}

    # the next start: the remembered server, its password from the keyring, straight to the login
    from mlplanner.paths import remember_db_path

    remember_db_path(chosen)
    assert default_db_location() == chosen
    startup.shutdown()
    startup.services.close()
    startup.services = None
    again, second = app_start(default_db_location())
    log_in(qtbot, again, PIN)
    qtbot.waitUntil(lambda: again.nav.isVisible(), timeout=60000)
    assert second.server == chosen and second.services.directory.site().code == "TEST01"


def test_a_new_site_is_created_on_the_server_with_the_wizard(
    app_start,  # noqa: F811
    qtbot,
    server: LocalCluster,
    server_copy: Callable[[str], str],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    db = server_copy("site")  # the server already holds TEST01: a second site joins it
    remembered: list[Path | str] = []
    window, startup = app_start(tmp_path / "site.sqlite3")
    startup.remember = remembered.append
    qtbot.waitUntil(lambda: welcome_of(window).panel is not None, timeout=30000)
    dialog = welcome_of(window).join_server()
    dialog.fill_from_url(tcp(server, db, SECRET))  # the password of a pasted URL goes to its field
    assert dialog.password.text() == SECRET
    dialog.keep.setChecked(False)  # this session only
    connect_test(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1 and dialog.sites.count() == 1 and dialog.create_btn.isEnabled()
    dialog.create_btn.click()
    wizard = welcome_of(window).wizard
    assert wizard.summary.path.isHidden()
    fill_wizard(wizard, qtbot)
    assert db in wizard.summary.findChild(type(wizard.summary.summary), "wizardServer").text()
    assert "par le serveur" in wizard.summary.next_steps.text()  # not "open the sync folder"
    assert "lundi 09:00–12:30, 13:30–17:30" in wizard.summary.summary.text()
    wizard.identity.code.setText("test01")  # a code the server already has: refused before anything is sent
    assert not wizard.summary.validatePage() and "déjà un site TEST01" in wizard.summary.summary.text()
    wizard.identity.code.setText("stpierre")
    wizard.accept()
    log_in(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.nav.isVisible(), timeout=60000)
    site = startup.services.directory.site()
    assert (
        site.code == "STPIERRE"
        and site.timezone == "Indian/Reunion"
        and not (tmp_path / "site.sqlite3").exists()
    )
    (chosen,) = remembered
    assert "site=STPIERRE" in chosen and SECRET not in chosen
    assert memory_keyring.store == {}  # not kept, as asked
    assert sorted(server.psql("SELECT code FROM site", dbname=db).split()) == ["STPIERRE", "TEST01"]

    # asked again (a password gone): the site this workstation worked for is the one chosen in the list
    again = ServerDialog(initial=tcp(server, db, SECRET) + "?site=TEST01")
    qtbot.addWidget(again)
    connect_test(qtbot, again)
    assert [again.sites.item(i).text()[:8] for i in range(again.sites.count())] == ["STPIERRE", "TEST01 —"]
    assert again.sites.currentItem().data(Qt.ItemDataRole.UserRole) == "TEST01"


class NoKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import KeyringError

        raise KeyringError("no secret service on this desktop")


def test_without_a_keyring_the_password_serves_this_session_and_it_is_said_after_the_login(
    app_start,  # noqa: F811
    qtbot,
    server: LocalCluster,
    server_copy: Callable[[str], str],
    memory_keyring: MemoryKeyring,
    prompt: ScriptedPrompt,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    """Found in a real window (Linux without a secret service): the notice opened under the login
    window, two windows waiting at once."""
    keyring.set_keyring(NoKeyring())
    db = server_copy("site")
    sv = Services.open(server.url(db))
    admin = next(s for s in sv.directory.staff() if s.role is Role.ADMIN)
    sv.directory.set_secret(
        actor=Actor(admin.id, admin.display_name, Role.ADMIN), staff_id=admin.id, secret=PIN
    )
    sv.close()
    window, startup = app_start(tmp_path / "site.sqlite3")
    qtbot.waitUntil(lambda: welcome_of(window).panel is not None, timeout=30000)
    said_when: list[bool] = []
    prompt.info = lambda parent, message, title="": said_when.append(window.nav.isVisible())  # type: ignore[method-assign]
    dialog = welcome_of(window).join_server()
    dialog.fill_from_url(tcp(server, db, SECRET))
    connect_test(qtbot, dialog)
    dialog.use_btn.click()
    log_in(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.nav.isVisible(), timeout=60000)
    assert said_when == [True] and "trousseau" in startup.notices[0]
    assert startup.services.directory.site().code == "TEST01"


def test_a_server_without_a_site_says_so_and_offers_the_first(
    qtbot, server: LocalCluster, server_copy: Callable[[str], str], memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    db = server_copy("empty")
    dialog = ServerDialog(initial=tcp(server, db, SECRET))
    qtbot.addWidget(dialog)
    dialog.show()
    connect_test(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1 and dialog.sites.isHidden()
    assert "aucun site" in dialog.no_site.text() and dialog.no_site.isVisibleTo(dialog)
    assert not dialog.use_btn.isEnabled() and dialog.create_btn.isEnabled()
    dialog.reject()
    assert dialog.choice is None and nothing_remembered() and memory_keyring.store == {}
    assert server.psql("SELECT count(*) FROM site", dbname=db).strip() == "0"


def test_a_demo_server_never_gets_a_real_site(
    qtbot, server: LocalCluster, server_copy: Callable[[str], str], memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    db = server_copy("site")
    server.psql("INSERT INTO meta (key, value) VALUES ('site.demo', '1')", dbname=db)
    dialog = ServerDialog(initial=tcp(server, db, SECRET))
    qtbot.addWidget(dialog)
    connect_test(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1 and "démonstration" in dialog.demo_note.text()
    assert not dialog.create_btn.isEnabled() and "DÉMONSTRATION" in dialog.sites.item(0).text()
    from mlplanner.services.directory.setup import NewSite

    sv = Services.open(server.url(db))
    try:
        with pytest.raises(RuleViolation, match="démonstration"):
            sv.site_setup.create(
                NewSite(
                    code="VRAI", name="Vrai site", organisation="ML", timezone="Europe/Paris",
                    holidays="75", admin_first_name="Awa", admin_last_name="Diop", admin_pin=PIN,
                )
            )  # fmt: skip
    finally:
        sv.close()
    assert server.psql("SELECT code FROM site", dbname=db).split() == ["TEST01"]


def test_a_remembered_server_that_fails_brings_the_welcome_window_back(
    app_start,  # noqa: F811
    qtbot,
    server: LocalCluster,
    prompt: ScriptedPrompt,
    choosers: ScriptedChoosers,  # noqa: F811
    site_template,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.paths import remember_db_path
    from mlplanner.storage.backup import backup_file

    gone = tcp(server, "plus_la") + "?site=TEST01"  # no password here, nor anywhere on this workstation
    remember_db_path(gone)
    window, startup = app_start(default_db_location())
    qtbot.waitUntil(lambda: welcome_of(window).panel is not None, timeout=30000)
    assert "demande un mot de passe" in prompt.errors[-1] and window.page_keys() == []
    assert startup.failed_server == gone and startup.services is None
    dialog = welcome_of(window).server_dialog  # offered again at once, filled in, for the password
    assert dialog is not None and dialog.isVisible()
    assert dialog.database.text() == "plus_la" and dialog.user.text() == ROLE
    assert (
        "Le serveur de ce poste n'a pas pu être ouvert"
        in welcome_of(window).panel.findChild(QLabel, "welcomeIntro").text()
    )
    dialog.reject()  # Cancel: the welcome window's other choices
    elsewhere = backup_file(site_template[0], tmp_path / "ailleurs.sqlite3")
    startup.remember = remember_db_path
    choosers.queue(elsewhere)
    welcome_of(window).panel.buttons["open"].click()  # "Ouvrir un fichier…" switches back to a file
    qtbot.waitUntil(lambda: getattr(window, "_login_dialog", None) is not None, timeout=30000)
    assert default_db_location() == elsewhere.resolve()
    assert isinstance(Startup, type) and isinstance(window, MainWindow)
