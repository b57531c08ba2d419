"""The operations UI: audit log page and its model, backup dialog, RGPD dialog, main-window plug-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import NotFound
from mlplanner.services import audit
from mlplanner.services.audit_log import Person
from mlplanner.storage.tables import Appointment
from mlplanner.ui.administration.audit import PAGE, AuditFilter, AuditTableModel
from mlplanner.ui.administration.backups import BackupDialog
from mlplanner.ui.administration.install import install as install_administration
from mlplanner.ui.administration.privacy import PrivacyDialog
from mlplanner.ui.shell.bus import ChangeBus
from mlplanner.ui.shell.guard import release_instance, startup_guard
from mlplanner.ui.shell.main_window import MainWindow
from mlplanner.ui.shell.prompt import ScriptedPrompt

from .conftest import Site
from .test_backups import _lock_holder
from .test_privacy import add_youth, book, years_later

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def prompt() -> ScriptedPrompt:
    return ScriptedPrompt()


@pytest.fixture
def window(qtbot, site: Site, prompt: ScriptedPrompt) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(site.services, site.lead, ChangeBus(), prompt=prompt)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    yield w


def _add_entries(site: Site, n: int) -> None:
    with site.services.ctx.write() as s:
        for i in range(n):
            audit.record(
                s, site.services.ctx, site.lead, action="configure", entity="setting", entity_id=f"k{i}"
            )


def test_audit_model_pages_lazily_and_passes_the_model_tester(qtmodeltester, site: Site) -> None:  # type: ignore[no-untyped-def]
    _add_entries(site, PAGE + 50)
    model = AuditTableModel(
        lambda off, lim: site.services.audit_log.entries(actor=site.lead, offset=off, limit=lim)
    )
    model.reload()
    assert (model.rowCount(), model.total, model.canFetchMore(QModelIndex())) == (PAGE, PAGE + 50, True)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE + 50 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Action"
    assert model.data(model.index(0, 2)) == "réglage modifié"
    assert model.data(model.index(0, 1)) == site.lead.name
    assert model.data(model.index(0, 0)) == "01/03/2027 09:00"


def test_audit_page_filters_through_its_widgets(qtbot, window: MainWindow, site: Site) -> None:  # type: ignore[no-untyped-def]
    first = add_youth(site)
    site.clock.advance(timedelta(days=1))
    counsellor = site.actor(Role.COUNSELLOR)
    appt = book(site, first)
    site.services.appointments.cancel(actor=counsellor, appointment_id=appt, by_youth=True)
    add_youth(site, "Paul", "Durand", phone="", email="", external_id="")
    pages = install_administration(window)
    window.show()
    window.show_page("audit")
    page = pages.audit
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)

    page.person.setCurrentIndex(page.person.findText(counsellor.name))
    assert [page.model.row_at(i).action for i in range(page.model.rowCount())] == ["cancel"]
    page.person.setCurrentIndex(0)
    page.youth.set_youth(first, "QUASIMODO")
    assert {page.model.row_at(i).youth_id for i in range(page.model.rowCount())} == {first}
    page.youth.clear()
    page.set_filter(AuditFilter(start=date(2027, 3, 2), end=date(2027, 3, 2)))
    assert page.model.rowCount() == 3 and "3 entrée(s)" in page.count.text()
    page.set_filter(AuditFilter(person=Person(counsellor.id, counsellor.name)))
    assert page.person.currentText() == counsellor.name and page.model.rowCount() == 1
    window.grab().save(str(Path(site.path.parent) / "audit.png"))


def test_audit_page_is_closed_to_a_receptionist(qtbot, window: MainWindow, site: Site) -> None:  # type: ignore[no-untyped-def]
    pages = install_administration(window)
    receptionist = site.actor(Role.RECEPTIONIST)
    window.set_actor(receptionist)
    assert pages.audit.stack.currentWidget() is pages.audit.denied
    assert pages.audit.model.rowCount() == 0 and not pages.privacy_action.isEnabled()
    window.set_actor(site.lead)
    assert pages.audit.stack.currentIndex() == 0 and pages.privacy_action.isEnabled()


def test_backup_dialog_previews_and_restores(
    qtbot, window: MainWindow, site: Site, prompt: ScriptedPrompt
) -> None:  # type: ignore[no-untyped-def]
    with site.services.ctx.read() as s:
        appt = s.exec(select(Appointment.id)).scalars().first()
    dialog = BackupDialog(site.services, lambda: window.actor, window.ops, prompt, parent=window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    assert dialog.fields["youths"].text() == "40" and dialog.fields["site"].text() == "PARIS13"
    assert dialog.fields["state"].text() == "Peut être restaurée." and dialog.restore_button.isEnabled()
    dialog.show()
    dialog.grab().save(str(site.path.parent / "backup-dialog.png"))

    with site.services.ctx.write() as s:
        row = s.get(Appointment, appt)
        row.deleted = True
        s.add(row)
    prompt.queue(False)  # the lead hesitates: nothing happens
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFound):
        site.services.booking.get(appt)
    prompt.queue(True)
    with qtbot.waitSignal(window.bus.changed):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert site.services.booking.get(appt).id == appt
    assert "Sauvegarde restaurée" in prompt.infos[-1]
    assert dialog.model.rowCount() == 2  # the backup and the safety copy


def test_backup_dialog_other_file_and_permissions(
    qtbot, site: Site, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "autre.sqlite3"
    junk.write_text("rien")
    counsellor = site.actor(Role.COUNSELLOR)
    dialog = BackupDialog(
        site.services, lambda: counsellor, window.ops, ScriptedPrompt(), pick_file=lambda _p: junk
    )
    qtbot.addWidget(dialog)
    site.services.backups.backup_now("manual")
    dialog.refresh()
    assert not dialog.restore_button.isEnabled()  # a counsellor may back up, not restore
    dialog.choose_file()
    assert "endommagé" in dialog.fields["state"].text() and not dialog.restore_button.isEnabled()


def test_privacy_dialog_simulates_then_anonymises(
    qtbot, window: MainWindow, site: Site, prompt: ScriptedPrompt
) -> None:  # type: ignore[no-untyped-def]
    yid = add_youth(site)
    years_later(site, 4)
    dialog = PrivacyDialog(site.services, lambda: window.actor, window.ops, prompt, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.months.value() == 36 and not dialog.apply_button.isEnabled()
    dialog.simulate()
    assert dialog.model.rowCount() == 41 and dialog.apply_button.text() == "Appliquer (41)"
    assert "41 à anonymiser" in dialog.summary.text()
    assert site.services.youths.get(yid).last_name == "Quasimodo"  # a simulation changes nothing
    dialog.show()
    dialog.grab().save(str(site.path.parent / "privacy-dialog.png"))
    prompt.queue(True)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert site.services.youths.get(yid).last_name == "Anonyme"
    assert prompt.infos[-1] == "41 jeune(s) traité(s)."


def test_privacy_dialog_exports_and_erases_one_person(
    qtbot, window: MainWindow, site: Site, prompt: ScriptedPrompt, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    yid = add_youth(site)
    dialog = PrivacyDialog(
        site.services, lambda: window.actor, window.ops, prompt, pick_folder=lambda _p: tmp_path
    )
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.youth.edit, "quasimodo")
    qtbot.keyClick(dialog.youth.edit, Qt.Key.Key_Return)
    assert dialog.youth.youth_id == yid and dialog.erase_button.isEnabled()

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(list(tmp_path.glob("acces-*.pdf"))) == 1 and "Export écrit" in prompt.infos[-1]

    prompt.queue("courrier du 01/03/2027", True)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFound):
        site.services.youths.get(yid)
    assert "Données effacées" in prompt.infos[-1] and dialog.youth.youth_id == ""


def test_privacy_dialog_is_read_only_for_a_counsellor(qtbot, site: Site, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    counsellor = site.actor(Role.COUNSELLOR)
    dialog = PrivacyDialog(site.services, lambda: counsellor, window.ops, ScriptedPrompt())
    qtbot.addWidget(dialog)
    assert not dialog.denied.isHidden() and not dialog.months.isEnabled()


def test_startup_guard_refuses_a_second_instance(
    qtbot, site: Site, prompt: ScriptedPrompt, user_dirs: Path
) -> None:  # type: ignore[no-untyped-def]
    holder = _lock_holder(site.path, user_dirs)
    try:
        assert not startup_guard(site.path, site.services, prompt)
        assert "déjà ouvert" in prompt.errors[-1]
    finally:
        holder.communicate("")
    try:
        assert startup_guard(site.path, site.services, prompt)
        assert [b.tag for b in site.services.backups.list_backups()] == ["daily"]
    finally:
        release_instance()


def test_menu_actions_are_installed(window: MainWindow, site: Site) -> None:
    pages = install_administration(window)
    assert "audit" in window.page_keys()
    assert pages.backups_action in window.menu("Fichier").actions()
    assert pages.privacy_action in window.menu("Outils").actions()
    prompt: ScriptedPrompt = window.prompt  # type: ignore[assignment]
    pages.check_action.trigger()
    assert prompt.infos[-1] == "La base de données est intacte."
