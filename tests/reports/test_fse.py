"""FSE+ participants of a funded operation (issue #16): one row per participant, entry and exit, the
required data, optional items only where enabled and with consent, completeness against 35 %."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, PermissionDenied
from mlplanner.domain.participants import OptionalItem
from mlplanner.domain.periods import Period
from mlplanner.services.reports.tables import report_tables
from mlplanner.services.youths.service import YouthDraft
from support import TestSite

from .helpers import at, mark, register, session

OPERATION = "Parcours emploi FSE+ 2026"
JANUARY = Period(date(2026, 1, 1), date(2026, 1, 31))


@pytest.fixture
def funded(site: TestSite) -> TestSite:
    """Workshops of kind ATELIER and appointments of type LONG belong to the operation. Zoé (complete
    data) attended a workshop on 13/01 and a LONG appointment on 15/01 and has a LONG ahead on 20/01 (not
    left yet); Kévin attended the workshop, left, with nothing recorded; Jean-Pierre was absent."""
    sv = site.services
    sv.reports.kinds.save_kind(
        actor=site.lead,
        code="ATELIER",
        label="Atelier collectif",
        cej_minutes=240,
        funded_operation=OPERATION,
    )
    sv.reports.cej.set_type_scale(
        actor=site.lead, type_code="LONG", cej_minutes=60, funded_operation=OPERATION
    )
    zoe = sv.youths.add(
        actor=site.admin,
        draft=YouthDraft(
            first_name="Zoé",
            last_name="Zéro",
            birth_date=date(2005, 1, 20),
            email="zoe@example.org",
            external_id="00123451",
        ),
    ).youth
    site.youths["zoe"] = zoe
    sv.reports.fse.save_profile(actor=site.counsellor, youth_id=zoe.id, sex="F", diploma_level="3")
    sv.reports.fse.record_situation(
        actor=site.counsellor, youth_id=zoe.id, since=date(2025, 12, 1), situation="unemployed"
    )
    at(site, "2026-01-12 08:00")
    ws = session(site, "2026-01-13 10:00")
    regs = {k: register(site, ws.id, k) for k in ("zoe", "kevin", "jp")}
    long1 = site.book("zoe", "2026-01-15 09:00", type_code="LONG")
    site.book("zoe", "2026-01-20 09:00", type_code="LONG")
    at(site, "2026-01-16 09:00")
    mark(site, regs["zoe"], "present")
    mark(site, regs["kevin"], "late")
    mark(site, regs["jp"], "absent")
    sv.appointments.set_outcome(actor=site.lead, appointment_id=long1.id, status=Status.SEEN)
    return site


def test_participants_entry_exit_and_what_is_missing(funded: TestSite) -> None:
    report = funded.services.reports.fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY)
    by = {p.last_name: p for p in report.participants}
    assert set(by) == {"Zéro", "Koné"}  # Jean-Pierre was absent: not a participant
    zoe, kevin = by["Zéro"], by["Koné"]
    assert (zoe.entry, zoe.exit, zoe.actions) == (date(2026, 1, 13), None, 2)  # an action still planned
    assert zoe.age_at_entry == 20 and zoe.entry_situation == "unemployed"
    assert zoe.missing == ()
    assert (kevin.entry, kevin.exit) == (date(2026, 1, 13), date(2026, 1, 13))
    assert kevin.age_at_entry == 22
    assert kevin.missing == (
        "sexe",
        "téléphone ou courriel",
        "niveau de diplôme",
        "situation à l'entrée",
        "situation à la sortie",
    )
    assert (report.incomplete, report.incomplete_share, report.over_threshold) == (1, 0.5, True)


def test_exit_situation_is_one_noted_after_entry_within_four_weeks(funded: TestSite) -> None:
    fse, kevin = funded.services.reports.fse, funded.youths["kevin"].id
    fse.save_profile(actor=funded.counsellor, youth_id=kevin, sex="M", diploma_level="none")
    fse.record_situation(
        actor=funded.counsellor, youth_id=kevin, since=date(2026, 1, 13), situation="inactive"
    )
    report = fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY)
    kevin_row = next(p for p in report.participants if p.last_name == "Koné")
    assert kevin_row.entry_situation == "inactive" and kevin_row.exit_situation == ""
    fse.record_situation(
        actor=funded.counsellor, youth_id=kevin, since=date(2026, 2, 2), situation="training"
    )
    report = fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY)
    kevin_row = next(p for p in report.participants if p.last_name == "Koné")
    assert kevin_row.exit_situation == "training"
    assert kevin_row.missing == ("téléphone ou courriel",)


def test_optional_items_only_where_enabled_and_with_consent(funded: TestSite) -> None:
    fse, zoe = funded.services.reports.fse, funded.youths["zoe"].id
    with pytest.raises(InputError):  # not enabled on this site
        fse.save_profile(actor=funded.counsellor, youth_id=zoe, optional={"disability": "no"})
    with pytest.raises(PermissionDenied):
        fse.set_optional_items(actor=funded.counsellor, items=["disability"])
    fse.set_optional_items(actor=funded.lead, items=[OptionalItem.DISABILITY, OptionalItem.HOMELESS])
    report = fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY)
    zoe_row = next(p for p in report.participants if p.last_name == "Zéro")
    assert zoe_row.missing == ("situation de handicap", "sans domicile ou exclu du logement")
    with pytest.raises(InputError):  # a yes or a no needs consent first
        fse.save_profile(actor=funded.counsellor, youth_id=zoe, optional={"disability": "no"})
    fse.save_profile(actor=funded.counsellor, youth_id=zoe, optional={"homeless": "refused"})
    fse.save_profile(
        actor=funded.counsellor, youth_id=zoe, sensitive_consent=True, optional={"disability": "no"}
    )
    profile = fse.profile(zoe)
    assert profile.optional == {"disability": "no", "homeless": "refused"} and profile.consent_on is not None
    assert next(
        p
        for p in fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY).participants
        if p.last_name == "Zéro"
    ).complete
    fse.save_profile(actor=funded.counsellor, youth_id=zoe, sensitive_consent=False)  # consent withdrawn
    assert fse.profile(zoe).optional == {"homeless": "refused"}
    audit = funded.services.audit_log.entries(actor=funded.lead, youth_id=zoe)
    assert not any("no" in r.summary.split(" : ")[-1:] and "handicap" in r.summary for r in audit.rows)


def test_unknown_operation_names_the_known_ones(funded: TestSite) -> None:
    with pytest.raises(InputError) as err:
        funded.services.reports.fse.participants(actor=funded.lead, operation="Garantie", period=JANUARY)
    assert OPERATION in err.value.message
    assert funded.services.reports.fse.operations() == (OPERATION,)
    # the name matches whatever the case and spacing
    report = funded.services.reports.fse.participants(
        actor=funded.lead, operation="  parcours EMPLOI fse+   2026", period=JANUARY
    )
    assert len(report.participants) == 2


def test_fse_workbook_matches_the_database(funded: TestSite, tmp_path: Path) -> None:
    report = funded.services.reports.fse.participants(actor=funded.lead, operation=OPERATION, period=JANUARY)
    out = tmp_path / "fse.xlsx"
    funded.services.reports.files.write(actor=funded.lead, kind="fse", tables=report_tables(report), out=out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Participants", "Complétude", "Manquant"]
    ws = wb["Participants"]
    header_row = int(ws.freeze_panes[1:]) - 1
    header = [c.value for c in ws[header_row]]
    rows = {r[header.index("Nom")].value: r for r in ws.iter_rows(min_row=header_row + 1)}
    zoe = rows["Zéro"]
    assert (zoe[0].value, zoe[0].data_type) == ("00123451", "s")
    assert zoe[header.index("Sexe")].value == "Femme"
    assert zoe[header.index("Âge à l'entrée")].value == 20
    assert zoe[header.index("Date d'entrée")].is_date
    assert zoe[header.index("Date de sortie")].value is None
    assert zoe[header.index("Situation à la sortie")].value == "en cours"
    assert zoe[header.index("Complet")].value == "oui"
    assert rows["Koné"][header.index("Complet")].value == "non"
    notes = " ".join(str(ws.cell(r, 1).value) for r in range(1, header_row))
    assert "1 incomplet(s) sur 2, soit 50,0 % (au-dessus du seuil de 35 %)" in notes
    missing = wb["Manquant"]
    assert missing.max_row - (int(missing.freeze_panes[1:]) - 1) == 5  # Kévin's five items
