"""The youth file page, driven offscreen: summary, edit, inline French errors, live refresh, merge.

Everything is asserted through the services (what was stored), not only through the widgets' text.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from area_pages import install_area_pages
from mlplanner.domain.enums import Programme, Status
from mlplanner.domain.errors import NotFound, PermissionDenied
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.youths.widgets import MergeDialog
from support import FIELD_REFUSALS


def wall(text: str) -> datetime:
    return datetime.fromisoformat(text)


class FakeChooser:
    """Stands in for the merge dialog: answers with a fixed pair, and remembers it was asked."""

    def __init__(self, pair: tuple[str, str] | None) -> None:
        self.pair = pair
        self.asked_for: list[str] = []

    def choose(self, parent, services, youth):  # type: ignore[no-untyped-def]
        self.asked_for.append(youth.id)
        return self.pair


@pytest.fixture
def ui(site, make_window):  # type: ignore[no-untyped-def]
    def build(actor):  # type: ignore[no-untyped-def]
        window = make_window(site.services, actor)
        return window, install_area_pages(window)

    return build


def past(t, youth: str, start: str, status: Status) -> None:
    appt = t.book(youth, start, actor=t.admin, back_office=True)
    t.services.appointments.set_outcome(actor=t.admin, appointment_id=appt.id, status=status)


def make_cej(t, key: str, end: date) -> None:
    """Put a youth in a CEJ ending on `end` (the fixture's views are shared by every test: left as is)."""
    y = t.youths[key]
    draft = YouthDraft(
        first_name=y.first_name,
        last_name=y.last_name,
        birth_date=y.birth_date,
        phone=y.phone,
        external_id=y.external_id,
        referent=t.staff["claire"].id,
        programme=Programme.CEJ,
        programme_start=date(2025, 3, 1),
        programme_end=end,
    )
    t.services.youths.update(actor=t.admin, youth_id=y.id, draft=draft)


def test_youth_file_shows_summary_warning_history_and_hours(site, ui, qtbot, qtmodeltester) -> None:
    make_cej(site, "eloise", date(2026, 1, 20))
    past(site, "eloise", "2025-12-15 10:00", Status.SEEN)
    past(site, "eloise", "2025-12-16 10:00", Status.NO_SHOW)
    site.book("eloise", "2026-01-07 10:00")
    window, pages = ui(site.receptionist)
    window.show()
    window.youthFileRequested.emit(site.youths["eloise"].id)
    page = pages.youth
    assert window.current_page_key() == "youth"
    assert page.name_label.text() == "LŒUVRE Éloïse"
    assert "20 ans" in page.sub_label.text() and "référent : Claire Lefèvre" in page.sub_label.text()
    assert page.warning.isVisible()
    assert page.warning.text() == "Le CEJ se termine dans 15 jours, le 20/01/2026."
    assert "50 % (1 présent(s) sur 2)" in page.stats.text()
    assert "mercredi 07/01/2026 à 10:00" in page.stats.text()
    model = page.history_model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    statuses = [model.index(r, 6).data() for r in range(3)]
    assert statuses == ["prévu", "absent", "reçu"]  # most recent first
    assert model.index(0, 0).data() == "mer. 07/01/2026"
    # the CEJ hours (on the CEJ's scale) are the reports area's tab: tests/ui/test_reports_ui.py
    assert page.sections.tabText(0) == "Historique" and page.sections.currentIndex() == 0


def test_edit_through_the_form_is_stored(site, ui, qtbot) -> None:
    window, pages = ui(site.receptionist)
    page = pages.youth
    page.show_youth(site.youths["kevin"].id)
    window.show()
    window.show_page("youth")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    phone = page.f["phone"]
    phone.setFocus()
    phone.clear()
    qtbot.keyClicks(phone, "0611223344")
    page.programme.setCurrentIndex(page.programme.findData("PACEA"))
    page.sms.setChecked(True)
    with qtbot.waitSignal(window.bus.changed):
        qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = site.services.youths.get(site.youths["kevin"].id)
    assert (stored.phone, stored.programme, stored.sms_consent) == ("06 11 22 33 44", Programme.PACEA, True)
    assert page.f["phone"].text() == "06 11 22 33 44"  # reloaded as stored
    assert page.error.text() == ""


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("birth_date", "31/02/2005", "Cette date n'existe pas : « 31/02/2005 »."),
        ("phone", "12", "Numéro de téléphone invalide : « 12 »."),
        ("first_name", "", "Le prénom est obligatoire."),
        ("programme_end", "2020", "Date illisible : « 2020 » (attendu jj/mm/aaaa)."),
        # the same sentences as the service and the CLI (tests/support.py, FIELD_REFUSALS)
        *FIELD_REFUSALS.values(),
    ],
)
def test_bad_input_is_explained_inline_and_nothing_is_stored(
    site, ui, qtbot, prompt, field, text, message
) -> None:
    _window, pages = ui(site.receptionist)
    page = pages.youth
    page.show_youth(site.youths["eloise"].id)
    page.f[field].setText(text)
    page.f[field].textEdited.emit(text)
    assert not page.save()
    assert page.error.text() == message
    assert prompt.errors == []  # inline, no dialog
    assert site.services.youths.get(site.youths["eloise"].id) == site.youths["eloise"]


def test_typed_edits_survive_a_refresh_from_elsewhere(site, ui, qtbot) -> None:
    window, pages = ui(site.receptionist)
    page = pages.youth
    page.show_youth(site.youths["kevin"].id)
    qtbot.keyClicks(page.f["email"], "kevin@exemple.fr")
    site.book("kevin", "2026-01-05 14:00")  # as if from another workstation
    window.bus.publish_external()
    assert page.history_model.rowCount() == 1  # the new booking is shown...
    assert page.f["email"].text() == "kevin@exemple.fr"  # ...and the typing is kept


@pytest.mark.qt_log_ignore("grabbing the keyboard", "propagateSizeHints", r"support raise\(\)")
def test_search_field_opens_a_youth(site, ui, qtbot) -> None:
    window, pages = ui(site.receptionist)
    window.show()
    page = pages.youth
    window.show_page("youth")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "loeu")  # accent-insensitive: finds Lœuvre
    assert page.search.result_ids() == [site.youths["eloise"].id]
    popup = page.search._completer.popup()
    assert popup.isVisible()
    with qtbot.waitSignal(page.youthShown):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert page.youth_id == site.youths["eloise"].id and page.search.text() == ""
    # without the popup, Enter opens the first result
    page.search.setText("kon")
    page.search.refresh_results("kon")
    popup.hide()
    with qtbot.waitSignal(page.youthShown):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.youth_id == site.youths["kevin"].id


@pytest.mark.qt_log_ignore("grabbing the keyboard", "propagateSizeHints", r"support raise\(\)")
def test_one_enter_opens_the_first_result_while_the_list_shows(site, ui, qtbot) -> None:
    window, pages = ui(site.receptionist)
    window.show()
    page = pages.youth
    window.show_page("youth")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "loeu")
    popup = page.search._completer.popup()
    assert popup.isVisible() and not popup.currentIndex().isValid()
    with qtbot.waitSignal(page.youthShown):
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # once
    assert page.youth_id == site.youths["eloise"].id


def test_merge_asks_then_merges_through_the_service(site, ui, prompt) -> None:
    dup = site.services.youths.add(
        actor=site.admin, draft=YouthDraft(first_name="Eloise", last_name="Loeuvre", phone="07 00 00 00 01")
    ).youth
    dup_appt = site.services.booking.book(
        actor=site.receptionist, youth_id=dup.id, type_code="SUIVI", start=wall("2026-01-06 11:00")
    ).appointment
    keep = site.youths["eloise"].id
    _window, pages = ui(site.lead)
    page = pages.youth
    chooser = FakeChooser((keep, dup.id))
    page.merge_chooser = chooser
    page.show_youth(dup.id)
    assert page.merge_button.isEnabled()
    prompt.queue(False)  # the user says no at the confirmation
    page.merge_button.click()
    assert chooser.asked_for == [dup.id]
    assert "Fusionner la fiche « LOEUVRE Eloise » dans « LŒUVRE Éloïse »" in prompt.asked[-1]
    assert site.services.youths.get(dup.id).id == dup.id  # nothing merged
    prompt.queue(True)
    page.merge_button.click()
    with pytest.raises(NotFound):
        site.services.youths.get(dup.id)
    assert page.youth_id == keep and page.name_label.text() == "LŒUVRE Éloïse"
    assert site.services.booking.get(dup_appt.id).youth_id == keep
    assert [a.id for a in page.summary.history] == [dup_appt.id]


def test_merge_is_greyed_for_reception_and_refused_by_the_service(site, ui) -> None:
    dup = site.services.youths.add(
        actor=site.admin, draft=YouthDraft(first_name="Kevin", last_name="Kone", phone="07 00 00 00 02")
    ).youth
    _window, pages = ui(site.receptionist)
    page = pages.youth
    page.show_youth(site.youths["kevin"].id)
    assert not page.merge_button.isEnabled()
    assert page.merge_button.toolTip() == "Réservé au responsable de site."
    assert page.save_button.isEnabled()  # reception may edit a record, not merge two
    with pytest.raises(PermissionDenied):
        site.services.youths.merge(actor=site.receptionist, keep_id=site.youths["kevin"].id, drop_id=dup.id)


def test_merge_dialog_offers_likely_duplicates(site, qtbot) -> None:
    dup = site.services.youths.add(
        actor=site.admin,
        draft=YouthDraft(first_name="Kévin", last_name="Koné", birth_date=date(2004, 1, 2)),
        confirm_duplicate=True,
    ).youth
    dialog = MergeDialog(site.services, site.youths["kevin"], None)
    qtbot.addWidget(dialog)
    assert dialog.candidates.count() == 1 and "né(e) le 02/01/2004" in dialog.candidates.item(0).text()
    assert dialog.result_pair() == (site.youths["kevin"].id, dup.id)
    dialog.keep_other.setChecked(True)
    assert dialog.result_pair() == (dup.id, site.youths["kevin"].id)
