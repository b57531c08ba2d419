"""Roles in the follow-up pages: what is greyed out for whom, and that the services refuse anyway when
the greyed-out path is forced (the service-level role tests live in tests/unit/test_booking_lifecycle.py).
"""

from __future__ import annotations

import json

import pytest

from area_pages import install_area_pages
from mlplanner.domain.enums import Role


@pytest.fixture
def ui(site, make_window):  # type: ignore[no-untyped-def]
    def build(actor):  # type: ignore[no-untyped-def]
        window = make_window(site.services, actor)
        return window, install_area_pages(window)

    return build


def row_of(tab, text: str) -> int:  # type: ignore[no-untyped-def]
    m = tab.model
    return next(r for r in range(m.rowCount()) if m.index(r, 0).data() == text)


def test_receptionist_sees_settings_read_only(site, ui) -> None:
    _window, pages = ui(site.receptionist)
    s = pages.settings
    assert not s.notice.isHidden() and s.notice.text().startswith("Consultation seulement")
    assert not s.site.save_site.isEnabled() and s.site.name.isReadOnly()
    assert all(line.isReadOnly() for line in s.site.hours.lines)
    assert not s.site.add_closure_button.isEnabled() and not s.site.save_weeks.isEnabled()
    assert s.site.save_weeks.toolTip() == "Votre rôle ne permet pas de modifier ce réglage."
    for tab in (s.rooms, s.types):
        assert not tab.save_button.isEnabled() and not tab.new_button.isEnabled()
    staff = s.staff
    staff.select_row(row_of(staff, "Claire Lefèvre"))
    assert not staff.save_button.isEnabled() and not staff.role.isEnabled() and not staff.room.isEnabled()
    assert not staff.add_absence_button.isEnabled()
    staff.select_row(row_of(staff, "Karima Haddou"))  # herself: her own PIN and absences only
    assert staff.save_button.isEnabled() and staff.secret.isEnabled() and staff.add_absence_button.isEnabled()
    assert not staff.role.isEnabled() and all(line.isReadOnly() for line in staff.pattern.lines)


def test_forcing_a_greyed_action_is_refused_by_the_services(site, ui) -> None:
    """A receptionist cannot change staff or the site even if the buttons were not greyed."""
    _window, pages = ui(site.receptionist)
    staff = pages.settings.staff
    staff.start_new()
    staff.first_name.setText("Léo")
    staff.last_name.setText("Roux")
    assert not staff.save()
    assert (
        staff.error.text()
        == "En tant que chargé(e) d'accueil, Karima Haddou ne peut pas gérer les comptes du personnel."
    )
    assert "Roux" not in {m.last_name for m in site.services.directory.staff(include_inactive=True)}
    site_tab = pages.settings.site
    before = site.services.directory.site().opening_hours_json
    site_tab.hours.lines[0].setText("10:00-12:00")
    assert not site_tab.save_site_settings()
    assert "ne peut pas modifier la configuration du site" in site_tab.site_error.text()
    assert site.services.directory.site().opening_hours_json == before
    rooms = pages.settings.rooms
    rooms.select_row(0)
    rooms.capacity.setValue(9)
    assert not rooms.save() and "configuration du site" in rooms.error.text()


def test_counsellor_may_declare_her_own_absence_only(site, ui) -> None:
    _window, pages = ui(site.counsellor)
    staff = pages.settings.staff
    staff.select_row(row_of(staff, "Mamadou Diallo"))
    assert not staff.add_absence_button.isEnabled()
    staff.select_row(row_of(staff, "Claire Lefèvre"))
    assert staff.add_absence_button.isEnabled()
    staff.abs_from.setText("12/01/2026")
    assert staff.add_absence()
    assert len(site.services.directory.absences(site.staff["claire"].id)) == 1


def test_site_lead_configures_but_does_not_manage_accounts(site, ui) -> None:
    _window, pages = ui(site.lead)
    s = pages.settings
    assert "gérés par l'administrateur" in s.notice.text()
    assert s.site.save_site.isEnabled() and s.rooms.save_button.isEnabled() and s.types.new_button.isEnabled()
    assert not s.staff.new_button.isEnabled()
    assert s.staff.new_button.toolTip() == "Réservé à l'administrateur (comptes du personnel)."
    assert pages.youth.merge_button.isEnabled()


def test_logging_in_as_someone_else_regreys(site, ui) -> None:
    window, pages = ui(site.receptionist)
    assert not pages.settings.site.save_site.isEnabled()
    window.set_actor(site.admin)
    assert pages.settings.site.save_site.isEnabled() and pages.settings.notice.isHidden()
    assert pages.settings.staff.new_button.isEnabled() and pages.youth.merge_button.isEnabled()
    window.set_actor(site.counsellor)
    assert not pages.settings.site.save_site.isEnabled() and not pages.youth.merge_button.isEnabled()
    assert pages.portfolio.counsellor.currentData() == site.staff["claire"].id  # her own portfolio
    assert json.loads(site.services.directory.site().opening_hours_json)  # nothing was written
    assert window.actor.role is Role.COUNSELLOR
