"""« Importer des jeunes… » (preview, import, re-import changes nothing) and « Exporter pour Excel… »."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import func, select

from mlplanner.domain.enums import Role
from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.storage.tables import Youth
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.sync.install import SyncUi, install_sync_ui

SAMPLE = Path(__file__).parents[1] / "data" / "youths-sample.csv"  # copy of shared/data (invented people)


def _youths(services: Services) -> int:
    with services.ctx.read() as s:
        return s.execute(select(func.count()).select_from(Youth).where(Youth.deleted == False)).scalar_one()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "export i-milo.csv"
    shutil.copyfile(SAMPLE, path)
    return path


def _ui(make_window, services: Services, actor: Actor, choosers: ScriptedChoosers) -> SyncUi:  # type: ignore[no-untyped-def]
    window = make_window(services, actor)
    ui = install_sync_ui(window, services, window.bus, lambda: window.actor, choosers=choosers, environ={})
    return ui


def test_import_preview_then_apply_and_reimport_changes_nothing(
    qtbot, qtmodeltester, site, make_window, sample
) -> None:  # type: ignore[no-untyped-def]
    services = site.services
    choosers = ScriptedChoosers().queue(sample)
    ui = _ui(make_window, services, site.receptionist, choosers)
    window = ui.page.window_
    before = _youths(services)
    ui.import_action.trigger()
    dlg = ui.import_dialog()
    assert dlg.isVisible() and not dlg.import_button.isEnabled()

    qtbot.mouseClick(
        next(b for b in dlg.findChildren(type(dlg.import_button)) if b.text() == "Choisir…"),
        Qt.MouseButton.LeftButton,
    )
    qtbot.waitUntil(lambda: dlg.preview is not None and not dlg.busy, timeout=20_000)

    assert _youths(services) == before  # a preview writes nothing
    qtmodeltester.check(dlg.model)
    qtmodeltester.check(dlg.proxy)
    preview = dlg.preview
    assert dlg.model.rowCount() == len(preview.lines) == 30
    rows = dlg.row_texts()
    assert rows[0][:3] == ("2", "nouveau", "GIRARD Inès")
    assert "M. Garnier" in rows[0][3] and "inconnu" in rows[0][3]  # nobody called Garnier here
    assert "séparateur « ; »" in dlg.info.text() and "N° dossier i-milo" in dlg.info.text()
    new = preview.counts["new"]
    assert dlg.counts.text().startswith(f"Aperçu : {new} nouveaux")
    assert dlg.import_button.isEnabled() and f"enregistrera {new} fiche(s)" in dlg.message.text()
    colour = dlg.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == "#e3f4e6"
    dlg.problems_only.setChecked(True)
    assert dlg.proxy.rowCount() == sum(1 for line in preview.lines if line.message or line.action == "error")
    dlg.problems_only.setChecked(False)

    published: list[Changes] = []
    window.bus.changed.connect(published.append)
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=20_000)

    assert dlg.result.created == new and _youths(services) == before + new
    assert services.youths.search("ines girard")[0].phone == "06 98 73 29 18"
    assert any("youths" in c.kinds for c in published)
    assert "Import terminé" in dlg.message.text() and not dlg.import_button.isEnabled()

    # the same file again: everybody is known, nothing to import, and forcing it writes nothing
    assert dlg.load_preview()
    qtbot.waitUntil(lambda: dlg.preview is not None and not dlg.busy, timeout=20_000)
    assert not {"new", "fill"} & set(dlg.preview.counts)
    assert "déjà présents" in dlg.counts.text() and not dlg.import_button.isEnabled()
    assert "Rien à importer" in dlg.message.text()
    assert dlg.apply()
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=20_000)
    assert dlg.result.created == dlg.result.updated == 0 and _youths(services) == before + new


def test_import_errors_in_french(qtbot, site, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "jeunes.csv"
    bad.write_text("Nom;Prénom;Date de naissance\nDupont;Léa;31/02/2005\nMartin;Noé;01/01/2004\n", "utf-8")
    ui = _ui(make_window, site.services, site.receptionist, ScriptedChoosers())
    dlg = ui.import_dialog()
    dlg.path_edit.setText(str(tmp_path / "absent.csv"))
    assert dlg.load_preview()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20_000)
    assert "Impossible de lire" in dlg.message.text() and dlg.model.rowCount() == 0
    dlg.path_edit.setText(str(bad))
    assert dlg.load_preview()
    qtbot.waitUntil(lambda: dlg.preview is not None and not dlg.busy, timeout=20_000)
    rows = dlg.row_texts()
    assert rows[0][1] == "erreur" and rows[0][3]  # an impossible date, said in French
    assert rows[1][:3] == ("3", "nouveau", "MARTIN Noé")
    assert dlg.counts.text() == "Aperçu : 1 nouveau, 1 erreur."
    assert "1 ligne(s) en erreur seront ignorées" in dlg.message.text()


def test_export_writes_a_french_spreadsheet_file(
    qtbot, demo, make_window, staff_actor, prompt, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    choosers = ScriptedChoosers().queue(tmp_path / "presences mars", tmp_path / "presences.csv")
    ui = _ui(make_window, demo, staff_actor(demo, Role.SITE_LEAD), choosers)
    ui.export_action.trigger()
    dlg = ui.export_dialog()
    assert dlg.start.date().toString("dd/MM/yyyy") == "01/03/2027"  # this month by default
    assert dlg.end.date().toString("dd/MM/yyyy") == "31/03/2027"
    assert dlg.path_edit.text().endswith("rendez-vous_2027-03-01_2027-03-31.xlsx")  # a workbook by default
    dlg.kind.setCurrentIndex(dlg.kind.findData("attendance"))
    assert dlg.path_edit.text().endswith("presences_2027-03-01_2027-03-31.xlsx")
    dlg.set_period(date(2027, 2, 1), date(2027, 2, 28))
    next(b for b in dlg.findChildren(type(dlg.export_button)) if b.text() == "Choisir…").click()
    out = tmp_path / "presences mars.xlsx"  # the extension is added
    assert dlg.path_edit.text() == str(out)

    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)

    ws = openpyxl.load_workbook(out).active
    header_row = int(ws.freeze_panes[1:]) - 1
    assert [c.value for c in ws[header_row]][:5] == ["Site", "Date", "Heure", "Nom", "Prénom"]
    rows = list(ws.iter_rows(min_row=header_row + 1))
    assert len(rows) > 10 and all(r[1].is_date and r[1].value.month == 2 for r in rows)
    assert f"{len(rows)} ligne(s) écrite(s)" in dlg.message.text()
    data = out.read_bytes()
    # a CSV for another program: chosen by its name (the format follows)
    next(b for b in dlg.findChildren(type(dlg.export_button)) if b.text() == "Choisir…").click()
    assert dlg.format.currentData() == ".csv" and dlg.path_edit.text() == str(tmp_path / "presences.csv")
    assert dlg.export()
    lines = (tmp_path / "presences.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Site;Date;Heure;Nom;Prénom") and len(lines) == len(rows) + 1
    # an existing file is replaced only if the person agrees
    dlg.path_edit.setText(str(out))
    dlg.format.setCurrentIndex(dlg.format.findData(".xlsx"))
    prompt.queue(False)
    dlg.set_period(date(2027, 3, 1), date(2027, 3, 2))
    assert not dlg.export()
    assert out.read_bytes() == data and prompt.asked and "existe déjà" in prompt.asked[-1]
    dlg.set_period(date(2027, 3, 5), date(2027, 3, 1))
    prompt.queue(True)
    assert not dlg.export() and "La date de fin doit suivre la date de début" in dlg.message.text()


def test_file_menu_entries_and_permissions(qtbot, site, make_window) -> None:  # type: ignore[no-untyped-def]
    ui = _ui(make_window, site.services, site.receptionist, ScriptedChoosers())
    window = ui.page.window_
    texts = [a.text() for a in window.menu("Fichier").actions() if not a.isSeparator()]
    assert (
        texts.index("&Importer des jeunes…") < texts.index("&Exporter pour Excel…") < texts.index("&Quitter")
    )
    tools = [a for a in window.menu("Outils").actions() if a.objectName() == "syncNowAction"]
    assert tools and tools[0].shortcut() == QKeySequence("F9")
    assert ui.import_action.isEnabled() and ui.export_action.isEnabled()
    window.set_actor(Actor("p", "Partenaire", Role.PARTNER))
    assert not ui.import_action.isEnabled() and not ui.export_action.isEnabled()
    assert not ui.sync_action.isEnabled()
    window.set_actor(site.receptionist)
    assert ui.import_action.isEnabled()


def test_the_preview_remarks_read_in_english_in_english_mode(site, english) -> None:  # type: ignore[no-untyped-def]
    """Each line's remark is written by the service (French, for the CLI); the dialog words it in the
    UI's language from its code and details. Before, an English preview showed the French remarks."""
    from mlplanner.ui.import_export.import_dialog import preview_model

    data = (
        "Nom;Prénom;Date de naissance;N° dossier i-milo;Conseiller référent;Dispositif\n"
        "Durand;Léo;01/02/2003;555;Mme Personne;\n"
        "DURAND;Leo;01/02/2003;;;\n"
        "Martin;Paul;01/02/1890;;;\n"
        "Petit;Anna;03/04/2004;;;XYZ\n"
    ).encode()
    preview = site.services.import_export.import_youths(
        actor=site.receptionist, data=data, dry_run=True
    ).preview
    model = preview_model()
    model.set_rows(list(preview.lines))
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Remark"
    )
    remarks = {model.row_at(r).line: model.index(r, column).data() for r in range(model.rowCount())}
    assert remarks == {
        2: 'counsellor "Mme Personne" unknown: left empty',
        3: "same person as line 2",
        4: "impossible date of birth (01/02/1890)",
        5: "Unknown programme (CEJ, PACEA or empty).",
    }
    french = {line.line: line.message for line in preview.lines}
    assert french[3] == "même personne que la ligne 2"  # the CLI's words are unchanged


def test_the_staff_import_remarks_and_hours_read_in_english_in_english_mode(site, english) -> None:  # type: ignore[no-untyped-def]
    """The staff list's preview: remarks and working hours in the UI's language (they were French)."""
    from mlplanner.ui.settings.staff_import_dialog import hours, remark

    data = (
        "Nom;Prénom;Rôle;Bureau;Lundi;Mardi\n"
        "Payet;Lina;conseiller;Bureau 99;09:00-12:30;\n"
        "PAYET;Lina;conseiller;;;\n"
        "Lefèvre;Claire;conseiller;;;\n"
    ).encode()
    result = site.services.staff_import.import_staff(actor=site.admin, data=data, dry_run=True)
    lines = {line.line: line for line in result.lines}
    assert remark(lines[2]) == 'office "Bureau 99" unknown: left empty'
    assert hours(lines[2]) == "Monday 09:00–12:30"
    assert remark(lines[3]) == "same person as line 2"
    assert remark(lines[4]) == "already on the site's staff: unchanged"
    assert lines[2].message == "bureau « Bureau 99 » inconnu : laissé vide"  # the CLI's words
    assert lines[2].hours.startswith("lundi 09:00")
