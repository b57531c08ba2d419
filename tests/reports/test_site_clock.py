"""Every time mlplanner writes is the site's wall clock, whatever the PC's time zone (issue #13).

Each writer is run with the process in UTC, New York and Tokyo time: a check-in at 08:53 in Paris must
read 08:53 in every file and every output.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from support import TestSite, paris_clock, wall


def _arrive_at_0853(site: TestSite) -> str:
    """Book Éloïse at 09:00 on Tuesday 6 January 2026 and check her in at 08:53 Paris time."""
    site.clock.at = paris_clock(wall("2026-01-06 08:00").date()).at
    appt = site.book("eloise", "2026-01-06 09:00")
    site.clock.advance(timedelta(minutes=53))
    site.services.appointments.check_in(actor=site.receptionist, appointment_id=appt.id)
    return appt.id


def test_attendance_export_writes_the_arrival_in_site_time(site: TestSite, pc_zone: str, tmp_path: Path):
    _arrive_at_0853(site)
    out = tmp_path / "presences.csv"
    site.services.import_export.export(
        actor=site.lead,
        kind="attendance",
        start=wall("2026-01-06 00:00").date(),
        end=wall("2026-01-06 00:00").date(),
        out=out,
    )
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert [r["Arrivée"] for r in rows] == ["08:53"]
    assert rows[0]["Heure"] == "09:00"


def test_counsellor_day_pdf_prints_site_times(site: TestSite, pc_zone: str, tmp_path: Path):
    """The PDF's times (appointment and "Imprimé le … à …") are the site's wall clock."""
    import subprocess

    _arrive_at_0853(site)
    out = tmp_path / "journee.pdf"
    site.services.printing.counsellor_day(
        actor=site.lead, day=wall("2026-01-06 00:00").date(), counsellor=site.staff["claire"].id, out=out
    )
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "09:00" in text
    assert "Imprimé le 06/01/2026 à 08:53" in text


def test_ics_events_are_site_wall_clock(site: TestSite, pc_zone: str):
    _arrive_at_0853(site)
    text = site.services.followup.export_ics(
        actor=site.lead,
        counsellor=site.staff["claire"].id,
        start=wall("2026-01-06 00:00").date(),
        end=wall("2026-01-06 00:00").date(),
    )
    lines = text.split("\r\n")
    assert "DTSTART;TZID=Europe/Paris:20260106T090000" in lines
    assert "DTSTAMP:20260106T075300Z" in lines  # an instant, in UTC as RFC 5545 wants


def test_call_list_tick_time_is_site_time(site: TestSite, pc_zone: str):
    appt = site.book("kevin", "2026-01-08 10:00")
    site.clock.at = paris_clock(wall("2026-01-06 00:00").date()).at + timedelta(minutes=53)
    site.services.followup.tick_call(actor=site.receptionist, appointment_id=appt.id)
    entry = next(e for e in site.services.followup.call_list(day=wall("2026-01-08 00:00").date()).entries)
    assert entry.ticked_time == "08:53"


def test_audit_summary_writes_instants_in_site_time():
    from mlplanner.services.audit_log import summarise

    text = summarise("{}", '{"arrived_at": "2026-01-06T07:53:00+00:00"}', {}, "Europe/Paris")
    assert text.endswith("06/01/2026 08:53")
    assert summarise("{}", '{"start": "2026-01-06T09:00:00"}', {}, "Asia/Tokyo").endswith("06/01/2026 09:00")


def test_access_export_creation_date_is_the_site_day(site: TestSite, tmp_path: Path):
    """A youth created at 00:30 in Paris (23:30 UTC the day before) was created on the Paris day."""
    from mlplanner.services.youths.service import YouthDraft

    site.clock.at = paris_clock(wall("2026-01-07 00:00").date(), wall("2026-01-07 00:30").time()).at
    youth = site.services.youths.add(
        actor=site.admin, draft=YouthDraft(first_name="Nina", last_name="Minuit")
    ).youth
    out = site.services.privacy.export_access(actor=site.lead, youth_id=youth.id, out_dir=tmp_path)
    fiche = dict((r[0], r[1]) for r in out.sections[0].rows)
    assert fiche["Fiche créée le"] == "07/01/2026"


def _cli(argv: list[str], capsys, monkeypatch, now: str) -> str:
    from mlplanner.cli.main import main

    monkeypatch.setenv("MLPLANNER_NOW", now)
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_cli_json_gives_instants_on_the_site_clock(site: TestSite, pc_zone: str, capsys, monkeypatch):
    import json

    appt = site.book("eloise", "2026-01-06 09:00")
    db = str(site.services.ctx.db.location)
    out = _cli(
        ["check-in", "--appointment", appt.id, "--db", db, "--json"], capsys, monkeypatch, "2026-01-06T08:53"
    )
    data = json.loads(out)
    assert data["arrived_at"] == "2026-01-06T08:53+01:00"
    assert data["start"] == "2026-01-06T09:00"


def test_cli_backup_list_uses_the_site_zone(tmp_path: Path, pc_zone: str, capsys, monkeypatch):
    """A site in La Réunion (UTC+4) reads its backups' times on its own clock, not Paris's."""
    from mlplanner.domain.clock import FixedClock
    from mlplanner.services.container import Services
    from mlplanner.services.directory.service import SiteSetup

    db = tmp_path / "reunion.sqlite3"
    sv = Services.open(db, clock=FixedClock(paris_clock(wall("2026-01-06 00:00").date()).at))
    sv.directory.create_site(SiteSetup(code="RUN01", name="Saint-Denis", timezone="Indian/Reunion"))
    sv.close()
    _cli(["backup", "--db", str(db)], capsys, monkeypatch, "2026-01-06T08:53")  # 07:53 UTC
    listing = _cli(["backup", "--list", "--db", str(db)], capsys, monkeypatch, "2026-01-06T08:53")
    assert "06/01/2026 11:53" in listing  # 07:53 UTC is 11:53 in Saint-Denis
