"""The « Rapports » page and the youth file's CEJ and follow-up tabs (issue #16), driven offscreen and
checked through the services (what was stored) and the files written."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from PySide6.QtCore import Qt

from mlplanner.app import build_window
from mlplanner.domain.cej import Level, Theme
from mlplanner.domain.enums import Programme, Status
from mlplanner.domain.followup_periods import PeriodKind
from mlplanner.domain.participants import OptionalItem
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.reports.page import ReportsPage
from mlplanner.ui.reports.table_model import ReportTableModel
from mlplanner.ui.reports.youth_cej import CejPanel
from mlplanner.ui.reports.youth_followup import FollowupPanel
from mlplanner.ui.sync.choosers import ScriptedChoosers
from mlplanner.ui.youths.file import YouthFilePage


def at(site, text: str) -> None:  # type: ignore[no-untyped-def]
    site.clock.at = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def cej_site(site):  # type: ignore[no-untyped-def]
    """Zoé (CEJ, Claire, i-milo 00123451) seen on Monday 12 January 2026; Kévin (CEJ, Claire) nothing."""
    sv = site.services
    for key, first, last, ext in (("zoe", "Zoé", "Zéro", "00123451"), ("kevin_cej", "Kévin", "Traoré", "")):
        site.youths[key] = sv.youths.add(
            actor=site.admin,
            draft=YouthDraft(
                first_name=first,
                last_name=last,
                external_id=ext,
                referent=site.staff["claire"].id,
                programme=Programme.CEJ,
                programme_start=date(2025, 10, 1),
                programme_end=date(2026, 9, 30),
            ),
        ).youth
    at(site, "2026-01-12 08:00")
    appt = site.book("zoe", "2026-01-12 09:00")
    at(site, "2026-01-13 10:00")
    sv.appointments.set_outcome(actor=site.lead, appointment_id=appt.id, status=Status.SEEN)
    return site


def _window(site, actor, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = build_window(site.services, actor, prompt=prompt, live_refresh=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _reports(window, qtbot) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = cast(ReportsPage, window.show_page("reports"))
    page.choosers = ScriptedChoosers()
    return page


def _choose(page: ReportsPage, qtbot, key: str) -> None:  # type: ignore[no-untyped-def]
    page.report = None
    page.kind.setCurrentIndex(page.kind.findData(key))
    qtbot.waitUntil(lambda: page.report is not None or bool(page.message.text()), timeout=15000)


def test_site_lead_sees_every_report_and_exports_the_cej_week(
    cej_site, qtbot, prompt, tmp_path, qtmodeltester
):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.lead, qtbot, prompt)
    page = _reports(window, qtbot)
    keys = [page.kind.itemData(i) for i in range(page.kind.count())]
    assert keys == ["cej", "imilo", "endings", "accompanied", "fse", "timesheet", "orientations", "scale"]
    _choose(page, qtbot, "cej")
    assert "2 jeune(s) en CEJ, 2 sous 15 h (dont 1 à 0 h)" in page.summary.text()
    model = page.models[0]
    qtmodeltester.check(model)
    names = {model.index(r, 2).data(): r for r in range(model.rowCount())}
    assert set(names) == {"Zéro", "Traoré"}
    zoe = names["Zéro"]
    assert model.index(zoe, 1).data() == "00123451"
    assert model.index(zoe, 7).data() == "1"  # declared hours, French figures
    assert model.index(zoe, 7).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Heures CEJ",
        "Par conseiller",
        "Sous 15 h",
    ]
    out = tmp_path / "cej"
    page.choosers.queue(out)
    assert page.export(".xlsx")
    wb = openpyxl.load_workbook(tmp_path / "cej.xlsx")
    assert wb.sheetnames == ["Heures CEJ", "Par conseiller", "Sous 15 h"]
    assert "ligne(s) écrite(s)" in page.message.text()


def test_a_counsellor_ticks_her_lines_keyed_in_imilo(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.counsellor, qtbot, prompt)
    page = _reports(window, qtbot)
    assert [page.kind.itemData(i) for i in range(page.kind.count())] == ["cej", "imilo", "endings"]
    assert [page.counsellor.itemData(i) for i in range(page.counsellor.count())] == [
        cej_site.staff["claire"].id
    ]
    page.week.setDate(page.week.date().addDays(-1))  # Monday 12 January
    _choose(page, qtbot, "imilo")
    model = page.imilo.model
    assert model.rowCount() == 1 and model.row_at(0).status == "Présent"
    assert model.index(0, 1).data() == "00123451"
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(
        lambda: page.imilo.model.rowCount() == 1 and page.imilo.model.row_at(0).keyed, timeout=15000
    )
    stored = cej_site.services.reports.imilo.lines(
        actor=cej_site.lead,
        period=page.report.period,  # type: ignore[union-attr]
    )
    assert [ln.keyed_by for ln in stored.lines] == ["Claire Lefèvre"]
    assert "0 restant à saisir" in page.summary.text()


def test_a_receptionist_gets_no_report(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.receptionist, qtbot, prompt)
    page = _reports(window, qtbot)
    assert page.kind.count() == 0
    assert page.body.currentWidget() is page.denied


def test_a_bad_operation_says_why_in_french(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.lead, qtbot, prompt)
    page = _reports(window, qtbot)
    page.operation.setEditText("Garantie jeunes")
    _choose(page, qtbot, "fse")
    assert "Aucun type de rendez-vous ni d'atelier n'est rattaché" in page.message.text()
    assert page.models == [] or page.models[0].rowCount() == 0


def test_scale_settings_are_stored(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.lead, qtbot, prompt)
    page = _reports(window, qtbot)
    page.kind.setCurrentIndex(page.kind.findData("scale"))
    scale = page.scale
    row = next(r for r in range(scale.types.rowCount()) if scale.types.item(r, 1).text() == "SUIVI")
    scale.types.cellWidget(row, 2).setValue(1.5)
    scale.types.cellWidget(row, 3).setText("  Parcours   FSE+ ")
    scale.optional[OptionalItem.DISABILITY].setChecked(True)
    assert scale.save()
    sv = cej_site.services
    suivi = next(t for t in sv.reports.cej.type_scales() if t.code == "SUIVI")
    assert (suivi.cej_minutes, suivi.funded_operation) == (90, "Parcours FSE+")
    assert sv.reports.fse.optional_items() == (OptionalItem.DISABILITY,)
    scale.new_code.setText("jobdating")
    scale.new_label.setText("Job dating")
    assert scale.add_kind()
    assert "JOBDATING" in {k.code for k in sv.reports.kinds.kinds()}
    assert page.operation.findText("Parcours FSE+") >= 0  # offered in the FSE+ report at once


def test_follow_ups_ending_are_renewed_from_the_list(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    sv = cej_site.services
    at(cej_site, "2025-07-20 10:00")
    sv.periods.start(actor=cej_site.counsellor, youth_id=cej_site.youths["zoe"].id)  # ends 19/01/2026
    at(cej_site, "2026-01-13 10:00")
    window = _window(cej_site, cej_site.counsellor, qtbot, prompt)
    page = _reports(window, qtbot)
    page.kind.setCurrentIndex(page.kind.findData("endings"))
    view = page.endings
    assert view.model.rowCount() == 1 and "1 accompagnement(s)" in page.summary.text()
    view.table.selectRow(0)
    prompt.queue(True)
    view.renew()
    (period,) = sv.periods.of_youth(cej_site.youths["zoe"].id)
    assert period.renewed_on == date(2026, 1, 13) and period.planned_end == date(2026, 7, 19)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)


def test_the_youth_file_cej_tab_and_actions(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    window = _window(cej_site, cej_site.counsellor, qtbot, prompt)
    window.youthFileRequested.emit(cej_site.youths["zoe"].id)
    file = cast(YouthFilePage, window.page("youth"))
    tabs = [file.sections.tabText(i) for i in range(file.sections.count())]
    assert tabs[0] == "Historique" and tabs[1].startswith("CEJ : 1 h") and tabs[2] == "Accompagnement"
    cej = cast(CejPanel, file.sections.widget(1).widget())
    assert "1 h déclarées sur 15 h" in cej.status.text() and "avertissement" in cej.status.text()
    box, spin = cej.themes[Theme.JOB_SEARCH]
    box.setChecked(True)
    assert spin.value() == 3.0  # the theme's default hours
    housing_box, housing = cej.themes[Theme.HOUSING]
    housing_box.setChecked(True)
    housing.setValue(2.5)
    assert cej.save()
    stored = cej_site.services.reports.cej.actions(cej_site.youths["zoe"].id, date(2026, 1, 12))
    assert [(a.theme, a.minutes) for a in stored] == [(Theme.JOB_SEARCH, 180), (Theme.HOUSING, 150)]
    assert "6,5 h déclarées" in cej.status.text()
    weeks = cej_site.services.reports.cej.youth_weeks(cej_site.youths["zoe"].id, last_week=date(2026, 1, 12))
    assert weeks[-1].level is Level.WARNING


def test_the_youth_file_follow_up_tab(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    sv = cej_site.services
    sv.reports.fse.set_optional_items(actor=cej_site.lead, items=[OptionalItem.HOMELESS])
    window = _window(cej_site, cej_site.counsellor, qtbot, prompt)
    window.youthFileRequested.emit(cej_site.youths["zoe"].id)
    file = cast(YouthFilePage, window.page("youth"))
    panel = cast(FollowupPanel, file.sections.widget(2).widget())
    zoe = cej_site.youths["zoe"].id
    assert panel.standing.text() == "Aucun accompagnement enregistré."
    assert panel.start_period()
    assert [p.kind for p in sv.periods.of_youth(zoe)] == [PeriodKind.PERSONAL]
    assert "Accompagnement personnalisé" in panel.standing.text()
    panel.partner.setCurrentIndex(panel.partner.findData("health_insurance"))
    panel.partner_name.setText("CPAM de Paris")
    assert panel.orient()
    panel.orientation_table.selectRow(0)
    panel.outcome.setCurrentIndex(panel.outcome.findData("rights_opened"))
    assert panel.set_outcome()
    (o,) = sv.orientations.of_youth(zoe)
    assert (o.partner_name, o.outcome.value) == ("CPAM de Paris", "rights_opened")
    panel.situation.setCurrentIndex(panel.situation.findData("unemployed"))
    assert panel.add_situation()
    assert [s.situation.value for s in sv.reports.fse.situations(zoe)] == ["unemployed"]
    panel.sex.setCurrentIndex(panel.sex.findData("F"))
    panel.diploma.setCurrentIndex(panel.diploma.findData("4"))
    assert panel.optional[OptionalItem.HOMELESS].isVisibleTo(panel)
    assert not panel.optional[OptionalItem.DISABILITY].isVisibleTo(panel)
    panel.optional[OptionalItem.HOMELESS].setCurrentIndex(
        panel.optional[OptionalItem.HOMELESS].findData("no")
    )
    assert panel.save_fse()  # without consent, a "no" is not kept
    profile = sv.reports.fse.profile(zoe)
    assert (profile.sex, profile.diploma_level, profile.optional) == ("F", "4", {})
    panel.consent.setChecked(True)
    panel.optional[OptionalItem.HOMELESS].setCurrentIndex(
        panel.optional[OptionalItem.HOMELESS].findData("no")
    )
    assert panel.save_fse()
    assert sv.reports.fse.profile(zoe).optional == {"homeless": "no"}
    prompt.queue(1)  # plan the contact rather than booking it now
    assert panel.end_period(light=True)
    kinds = [p.kind for p in sv.periods.of_youth(zoe)]
    assert kinds == [PeriodKind.LIGHT, PeriodKind.PERSONAL]
    assert "prochain contact prévu le 12/02/2026" in panel.standing.text()


def test_report_table_model_sorts_numbers_as_numbers(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from mlplanner.sync.workbook import Column, Kind, Table
    from mlplanner.ui.widgets.rows_model import SORT_ROLE

    model = ReportTableModel(
        Table(
            "t", "p", (Column("Nom"), Column("Heures", Kind.DECIMAL)), (("A", 10.0), ("B", 9.5), ("C", None))
        )
    )
    qtmodeltester.check(model)
    keys = sorted(range(3), key=lambda r: model.index(r, 1).data(SORT_ROLE))
    assert keys == [2, 1, 0] and model.index(1, 1).data() == "9,5"
    assert all(isinstance(model.index(r, c).data(SORT_ROLE), float | str) for r in range(3) for c in range(2))


def test_the_portfolio_says_where_each_follow_up_stands(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    sv = cej_site.services
    at(cej_site, "2025-11-20 10:00")
    sv.periods.start(actor=cej_site.counsellor, youth_id=cej_site.youths["zoe"].id)
    at(cej_site, "2026-01-13 10:00")
    window = _window(cej_site, cej_site.counsellor, qtbot, prompt)
    page = window.show_page("portfolio")
    model = page.model  # type: ignore[attr-defined]
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Accompagnement"
    )
    texts = {model.row_at(r).name: model.index(r, column).data() for r in range(model.rowCount())}
    assert texts["ZÉRO Zoé"] == "mois 2/6" and texts["TRAORÉ Kévin"] == ""


def test_the_statistics_page_counts_orientations_and_remote_appointments(cej_site, qtbot, prompt):  # type: ignore[no-untyped-def]
    sv = cej_site.services
    sv.orientations.record(
        actor=cej_site.counsellor, youth_id=cej_site.youths["zoe"].id, partner_kind="housing"
    )
    window = _window(cej_site, cej_site.lead, qtbot, prompt)
    page = window.show_page("stats")
    page.set_period(date(2026, 1, 1), date(2026, 1, 31))  # type: ignore[attr-defined]
    orientations, modes = page.orientation_model, page.modes_model  # type: ignore[attr-defined]
    assert orientations.rowCount() == 2  # housing, then the total
    assert [orientations.index(0, c).data() for c in range(4)] == [
        "TEST01",
        "Logement, hébergement",
        "1",
        "1",
    ]
    assert modes.index(0, 0).data() == "janvier 2026" and modes.index(0, 1).data() == "1"  # Zoé, on site
