"""RGPD and the follow-up data (issue #16): the right of access lists it, erasure and anonymisation clear
its free text and the optional FSE+ answers (special-category data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mlplanner.domain.cej import Theme
from mlplanner.domain.participants import OptionalItem
from support import TestSite

from .helpers import at


def _follow(site: TestSite) -> str:
    sv, kevin = site.services, site.youths["kevin"].id
    at(site, "2026-01-12 10:00")
    sv.reports.fse.set_optional_items(actor=site.lead, items=[OptionalItem.DISABILITY])
    sv.reports.fse.save_profile(
        actor=site.counsellor, youth_id=kevin, sex="M", sensitive_consent=True, optional={"disability": "yes"}
    )
    sv.reports.fse.record_situation(
        actor=site.counsellor, youth_id=kevin, since=date(2026, 1, 5), situation="inactive"
    )
    sv.reports.cej.record_action(
        actor=site.counsellor, youth_id=kevin, week=date(2026, 1, 12), theme=Theme.HEALTH, note="suivi psy"
    )
    sv.orientations.record(
        actor=site.counsellor,
        youth_id=kevin,
        partner_kind="health",
        partner_name="CMP Tolbiac",
        note="addiction",
    )
    sv.periods.start(actor=site.counsellor, youth_id=kevin, note="situation familiale difficile")
    return kevin


def test_right_of_access_lists_the_follow_up(site: TestSite, tmp_path: Path) -> None:
    kevin = _follow(site)
    out = site.services.privacy.export_access(actor=site.lead, youth_id=kevin, out_dir=tmp_path)
    titles = [s.title for s in out.sections]
    for title in (
        "Accompagnements",
        "Orientations vers des partenaires",
        "Actions déclarées pour le CEJ",
        "Situations (suivi du Fonds social européen)",
        "Données pour le Fonds social européen",
    ):
        assert title in titles
    by = {s.title: s for s in out.sections}
    assert by["Orientations vers des partenaires"].rows[0][1:3] == ("Santé, soins", "CMP Tolbiac")
    assert ("Situation de handicap", "oui") in by["Données pour le Fonds social européen"].rows
    assert by["Actions déclarées pour le CEJ"].rows == (("12/01/2026", "Santé", "2", "suivi psy"),)
    csv_text = out.csv.read_text(encoding="utf-8-sig")
    assert "CMP Tolbiac" in csv_text and "Inactif" in csv_text


def test_erasure_clears_notes_and_optional_answers(site: TestSite, tmp_path: Path) -> None:
    kevin = _follow(site)
    site.services.privacy.erase(actor=site.lead, youth_id=kevin, reason="courrier du 12/01/2026")
    sv = site.services
    assert (
        sv.reports.fse.profile(kevin).optional == {} and not sv.reports.fse.profile(kevin).sensitive_consent
    )
    assert [a.note for a in sv.reports.cej.actions(kevin, date(2026, 1, 12))] == [""]
    assert [o.note for o in sv.orientations.of_youth(kevin)] == [""]
    assert [p.note for p in sv.periods.of_youth(kevin)] == [""]
