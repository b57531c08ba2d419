"""RGPD tools: retention (anonymise / reduce), erasure with a tombstone, right of access, audit."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from mlplanner.domain.enums import Role, Status
from mlplanner.domain.errors import InputError, NotFound, PermissionDenied
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.tables import Appointment, AuditEntry, Youth
from mlplanner.storage.tables import Site as SiteRow
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

from .conftest import START, Site

SECRETS = ("Quasimodo", "Zéphyrine", "0612345678", "06 12 34 56 78", "zephyrine.q@example.org", "IM99887766")
NOTE = "Cherche un stage en boulangerie artisanale"


def add_youth(site: Site, first: str = "Zéphyrine", last: str = "Quasimodo", **kw: object) -> str:
    draft = YouthDraft(
        first_name=first,
        last_name=last,
        birth_date=kw.get("birth_date", date(2005, 7, 14)),  # type: ignore[arg-type]
        phone=str(kw.get("phone", "06 12 34 56 78")),
        email=str(kw.get("email", "zephyrine.q@example.org")),
        external_id=str(kw.get("external_id", "IM99887766")),
        sms_consent=True,
        needs_accessible_room=True,
    )
    return site.services.youths.add(actor=site.lead, draft=draft, confirm_duplicate=True).youth.id


def book(site: Site, youth_id: str, notes: str = "") -> str:
    slot = site.services.slots.find(type_code="SUIVI", youth_id=youth_id, count=1)[0]
    return site.services.booking.book(
        actor=site.lead,
        youth_id=youth_id,
        type_code="SUIVI",
        start=slot.start,
        counsellor=slot.counsellor_id,
        notes=notes,
    ).appointment.id


def file_bytes(site: Site) -> bytes:
    """Everything on disk for the base (file and WAL, or the server database's files), lower-cased."""
    return site.stored_bytes().lower()


def statistics(site: Site) -> tuple[int, Counter, int]:
    with site.services.ctx.read() as s:
        youths = s.execute(select(func.count()).select_from(Youth).where(Youth.deleted == False)).scalar_one()
        statuses = Counter(s.exec(select(Appointment.status).where(Appointment.deleted == False)).scalars())
        regs = s.execute(select(func.count()).select_from(WorkshopRegistration)).scalar_one()
    return youths, statuses, regs


def add_workshop(site: Site, youth_id: str, when: datetime) -> str:
    """A confirmed, attended registration to a session on `when` (funder evidence)."""
    with site.services.ctx.write() as s:
        site_id = s.exec(select(SiteRow.id)).scalars().first()
        series = WorkshopSeries(site_id=site_id, title="Atelier CV", first_start=when)
        s.add(series)
        s.flush()
        session = WorkshopSession(
            site_id=site_id,
            series_id=series.id,
            original_start=when,
            start=when,
            end=when + timedelta(hours=2),
        )
        s.add(session)
        s.flush()
        reg = WorkshopRegistration(
            session_id=session.id,
            youth_id=youth_id,
            attendance="present",
            cancel_reason="retard de Quasimodo",
        )
        s.add(reg)
        s.flush()
        return reg.id


def years_later(site: Site, years: int, days: int = 0) -> None:
    site.clock.at = START.replace(year=START.year + years) + timedelta(days=days)


def test_dry_run_lists_and_changes_nothing(site: Site) -> None:
    yid = add_youth(site)
    years_later(site, 4)
    before = file_bytes(site)
    report = site.services.privacy.apply_retention(actor=site.lead, dry_run=True)
    assert yid in {i.youth_id for i in report.to_anonymise}
    assert "QUASIMODO Zéphyrine" in {i.display_name for i in report.items}
    assert report.inactive_before == date(2028, 3, 1) and not report.changes
    assert site.services.youths.get(yid).last_name == "Quasimodo"
    assert b"quasimodo" in before


def test_anonymisation_keeps_statistics_and_leaves_no_name_in_the_file(site: Site) -> None:
    yid = add_youth(site)
    appt = book(site, yid, notes=NOTE)
    view = site.services.youths.get(yid)  # an edit: the audit trail now holds two snapshots with names
    site.services.youths.update(
        actor=site.lead,
        youth_id=yid,
        draft=YouthDraft(
            first_name=view.first_name,
            last_name=view.last_name,
            birth_date=view.birth_date,
            phone="06 12 34 56 78",
            email=view.email,
            external_id=view.external_id,
        ),
    )
    site.services.appointments.cancel(
        actor=site.lead, appointment_id=appt, by_youth=False, reason="Quasimodo malade"
    )
    before = statistics(site)
    years_later(site, 4)

    report = site.services.privacy.apply_retention(actor=site.lead, dry_run=False)

    assert yid in {i.youth_id for i in report.to_anonymise} and report.changes
    assert statistics(site) == before  # same youths, same appointments with the same outcomes
    after = site.services.youths.get(yid)
    assert (after.last_name, after.first_name) == ("Anonyme", f"n° {yid[:8]}")
    assert after.birth_date == date(2005, 1, 1)  # the year stays for age statistics
    assert (after.phone, after.email, after.external_id, after.sms_consent) == ("", "", "", False)
    assert not after.needs_accessible_room
    a = site.services.booking.get(appt)
    assert a.status is Status.CANCELLED_BY_ML and a.notes == "" and a.cancel_reason == ""
    data = file_bytes(site)
    for secret in (*SECRETS, "boulangerie", "malade"):
        assert secret.lower().encode() not in data, secret
    with site.services.ctx.read() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.youth_id == yid)).scalars().all()
    assert "anonymise" in {e.action for e in entries}
    # A second run finds nothing more to do: anonymisation is idempotent.
    assert site.services.privacy.apply_retention(actor=site.lead, dry_run=True).items == ()


def test_recent_activity_keeps_a_youth(site: Site) -> None:
    years_later(site, 4)
    yid = add_youth(site, "Active", "Personne")
    book(site, yid)
    report = site.services.privacy.apply_retention(actor=site.lead, dry_run=True)
    assert yid not in {i.youth_id for i in report.items}


def test_funder_evidence_is_reduced_then_anonymised_after_its_period(site: Site) -> None:
    yid = add_youth(site)
    reg = add_workshop(site, yid, datetime(2027, 3, 10, 14, 0))
    years_later(site, 4)  # inactive for 48 months, the sign-in sheet is 4 years old

    report = site.services.privacy.apply_retention(actor=site.lead, dry_run=False)
    item = next(i for i in report.items if i.youth_id == yid)
    assert item.action == "reduce" and item.evidence_until == date(2032, 3, 10)
    kept = site.services.youths.get(yid)
    assert (kept.last_name, kept.first_name) == ("Quasimodo", "Zéphyrine")  # the funder needs the name
    assert (kept.phone, kept.email, kept.external_id) == ("", "", "")
    assert [y.id for y in site.services.youths.search("quasimodo")] == [yid]
    with site.services.ctx.read() as s:
        row = s.get(WorkshopRegistration, reg)
        assert row.attendance == "present" and row.cancel_reason == ""

    years_later(site, 5, days=10)  # past 10/03/2032: the evidence period is over
    report = site.services.privacy.apply_retention(actor=site.lead, dry_run=False)
    assert [i.action for i in report.items if i.youth_id == yid] == ["anonymise"]
    assert site.services.youths.get(yid).last_name == "Anonyme"
    with site.services.ctx.read() as s:
        assert s.get(WorkshopRegistration, reg).attendance == "present"  # attendance still counted


def test_retention_periods_are_settings(site: Site) -> None:
    privacy = site.services.privacy
    assert (
        privacy.retention_settings().inactive_months,
        privacy.retention_settings().funder_evidence_years,
    ) == (36, 5)
    privacy.set_retention(actor=site.lead, inactive_months=24, funder_evidence_years=7)
    assert privacy.retention_settings().inactive_months == 24
    yid = add_youth(site)
    years_later(site, 2, days=30)
    assert yid in {i.youth_id for i in privacy.apply_retention(actor=site.lead).items}
    with pytest.raises(InputError):
        privacy.set_retention(actor=site.lead, inactive_months=2)
    with pytest.raises(PermissionDenied):
        privacy.set_retention(actor=site.actor(Role.COUNSELLOR), inactive_months=40)


def test_erase_leaves_a_tombstone_with_a_newer_stamp(site: Site) -> None:
    yid = add_youth(site)
    past = book(site, yid, notes=NOTE)
    site.clock.advance(timedelta(days=20))
    future = book(site, yid)
    with site.services.ctx.read() as s:
        old_stamp = s.get(Youth, yid).hlc
        old_appt_stamp = s.get(Appointment, past).hlc

    result = site.services.privacy.erase(actor=site.lead, youth_id=yid, reason="courrier du 20/03/2027")

    assert result.cancelled_appointments == 1 and "youths" in result.changes.kinds
    with site.services.ctx.read() as s:
        row = s.get(Youth, yid)
        assert row.deleted and row.hlc > old_stamp and row.origin_site == "PARIS13"
        assert row.updated_at == site.clock.now_utc()
        assert (row.first_name, row.last_name, row.phone, row.email, row.external_id) == (
            f"n° {yid[:8]}",
            "Anonyme",
            "",
            "",
            "",
        )
        assert row.birth_date is None
        p, f = s.get(Appointment, past), s.get(Appointment, future)
        assert p.notes == "" and p.hlc > old_appt_stamp and p.status == Status.BOOKED.value
        assert f.status == Status.CANCELLED_BY_ML.value
        erase = s.exec(select(AuditEntry).where(AuditEntry.action == "erase")).scalars().one()
        assert erase.youth_id == yid and erase.reason == "courrier du 20/03/2027"
    with pytest.raises(NotFound):
        site.services.youths.get(yid)
    assert site.services.youths.search("quasimodo") == []
    data = file_bytes(site)
    for secret in (*SECRETS, "boulangerie"):
        assert secret.lower().encode() not in data, secret


def test_erase_needs_the_privacy_permission_and_a_reason(site: Site) -> None:
    yid = add_youth(site)
    with pytest.raises(PermissionDenied):
        site.services.privacy.erase(actor=site.actor(Role.COUNSELLOR), youth_id=yid, reason="demande orale")
    with pytest.raises(InputError):
        site.services.privacy.erase(actor=site.lead, youth_id=yid, reason="  ")
    assert site.services.youths.get(yid).last_name == "Quasimodo"


def test_a_restore_never_brings_an_erased_person_back(site: Site) -> None:
    yid = add_youth(site)
    copy = site.services.backups.backup_now("manual")
    site.services.privacy.erase(actor=site.lead, youth_id=yid, reason="courriel du 01/03/2027")
    site.services.backups.restore(actor=site.lead, path=copy.path)
    with pytest.raises(NotFound):
        site.services.youths.get(yid)
    with site.services.ctx.read() as s:
        assert s.get(Youth, yid).last_name == "Anonyme"


def test_right_of_access_exports_pdf_and_csv(site: Site, tmp_path: Path) -> None:
    yid = add_youth(site)
    book(site, yid, notes=NOTE)
    add_workshop(site, yid, datetime(2027, 3, 10, 14, 0))
    out = site.services.privacy.export_access(actor=site.lead, youth_id=yid, out_dir=tmp_path / "export")

    csv = out.csv.read_text("utf-8-sig")
    assert csv.splitlines()[0] == "Rubrique;Ligne;Donnée;Valeur"
    for expected in ("Fiche;1;Nom;Quasimodo", "zephyrine.q@example.org", NOTE, "Atelier CV", "présent(e)"):
        assert expected in csv
    text = " ".join(page.extract_text() for page in PdfReader(out.pdf).pages)
    assert "QUASIMODO Zéphyrine" in text and "boulangerie" in text and "Atelier CV" in text
    with site.services.ctx.read() as s:
        actions = s.exec(select(AuditEntry.action).where(AuditEntry.youth_id == yid)).scalars().all()
    assert "export_access" in actions
    with pytest.raises(PermissionDenied):
        site.services.privacy.export_access(
            actor=site.actor(Role.RECEPTIONIST), youth_id=yid, out_dir=tmp_path
        )
