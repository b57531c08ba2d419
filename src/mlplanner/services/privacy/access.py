"""Right of access (RGPD art. 15): export everything the file holds about one young person.

One set of sections feeds both outputs: a PDF to hand over, and a `;`-separated CSV (UTF-8 with BOM,
one line per value: section, line, field, value) that a spreadsheet opens as is. Included: the youth
record (and records merged into it), appointments with notes, workshop registrations, and the audit
trail of who created, read out or changed the record. The export itself is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, col, or_, select

from mlplanner.domain.cej import THEME_FR, Theme
from mlplanner.domain.enums import Mode, Programme, Referral, Status
from mlplanner.domain.errors import NotFound
from mlplanner.domain.followup_periods import (
    END_FR,
    KIND_FR,
    OUTCOME_FR,
    PARTNER_FR,
    EndReason,
    Outcome,
    PartnerKind,
    PeriodKind,
)
from mlplanner.domain.labels import MODE_FR, PROGRAMME_FR, REFERRAL_FR, STATUS_FR
from mlplanner.domain.models import Changes
from mlplanner.domain.participants import (
    ANSWER_FR,
    DIPLOMA_FR,
    OPTIONAL_FR,
    SEX_FR,
    SITUATION_FR,
    Answer,
    Diploma,
    OptionalItem,
    Sex,
    Situation,
)
from mlplanner.domain.wallclock import format_date_fr, local_now
from mlplanner.paths import resource_path
from mlplanner.printing.access_report import AccessReport, ReportSection, render_access_report
from mlplanner.printing.model import SiteHeader
from mlplanner.services import audit
from mlplanner.services.audit_log import ACTION_FR
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.site_settings import SiteSettingsService
from mlplanner.services.permissions import Perm, require
from mlplanner.services.privacy.service import FUNDER_EVIDENCE_YEARS, INACTIVE_MONTHS
from mlplanner.services.queries import appointment_views
from mlplanner.storage.backup import make_private
from mlplanner.storage.followup_tables import (
    FollowupPeriod,
    Orientation,
    YouthAction,
    YouthProfile,
    YouthSituation,
)
from mlplanner.storage.tables import AuditEntry, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession
from mlplanner.sync.excel import write_excel_csv

REGISTRATION_FR = {"confirmed": "inscrit(e)", "waitlisted": "liste d'attente", "cancelled": "annulée"}
ATTENDANCE_FR = {
    "": "",
    "present": "présent(e)",
    "absent": "absent(e)",
    "excused": "excusé(e)",
    "late": "en retard",
}


@dataclass(frozen=True)
class AccessExport:
    pdf: Path
    csv: Path
    sections: tuple[ReportSection, ...]
    changes: Changes


def _d(value: date | None) -> str:
    return format_date_fr(value) if value else ""


def _dt(value: datetime | None) -> str:
    return f"{format_date_fr(value.date())} {value:%H:%M}" if value else ""


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _label(table: dict, enum: type, value: str) -> str:
    try:
        return table[enum(value)]
    except (ValueError, KeyError):
        return value


def _youth_section(row: Youth, referent: str, title: str, tz: str) -> ReportSection:
    fields = (
        ("Nom", row.last_name),
        ("Prénom", row.first_name),
        ("Date de naissance", _d(row.birth_date)),
        ("Téléphone", row.phone),
        ("Courriel", row.email),
        ("Identifiant externe (i-milo)", row.external_id),
        ("Conseiller(ère) référent(e)", referent),
        ("Programme", _label(PROGRAMME_FR, Programme, row.programme)),
        ("Début du programme", _d(row.programme_start)),
        ("Fin du programme", _d(row.programme_end)),
        ("Accord pour les SMS", "oui" if row.sms_consent else "non"),
        ("Accord pour les e-mails", "oui" if row.email_consent else "non"),
        ("Besoin d'une salle accessible", "oui" if row.needs_accessible_room else "non"),
        ("Fiche créée le", _d(local_now(_aware(row.created_at), tz).date()) if row.created_at else ""),
        ("Identifiant interne", row.id),
    )
    return ReportSection(title, ("Donnée", "Valeur"), tuple(fields), widths=(1, 3), key_value=True)


def _long_rows(sections: list[ReportSection]) -> list[tuple[str, int, str, str]]:
    """One CSV line per value: a record section gives one line per column of each of its rows."""
    out: list[tuple[str, int, str, str]] = []
    for sec in sections:
        for n, row in enumerate(sec.rows, start=1):
            if sec.key_value:
                out.append((sec.title, n, row[0], row[1]))
            else:
                out.extend((sec.title, n, head, value) for head, value in zip(sec.headers, row, strict=True))
    return out


class AccessExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export(self, *, actor: Actor, youth_id: str, out_dir: Path) -> AccessExport:
        """Write `acces-<id>.pdf` and `acces-<id>.csv` into `out_dir`; both are user-readable only."""
        require(actor, Perm.PRIVACY)
        with self.ctx.read() as s:
            youth = s.get(Youth, youth_id)
            if youth is None or youth.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            site = self.ctx.site_row(s)
            now = local_now(self.ctx.clock.now_utc(), site.timezone)
            sections = self._sections(s, youth)
            subject = f"{youth.last_name.upper()} {youth.first_name}"
            header = SiteHeader(
                organisation="Mission Locale",
                site_name=site.name,
                address=site.address,
                phone=site.phone,
                logo=resource_path("logos", "mission-locale-placeholder.png"),
                printed_by=actor.name,
                printed_at=now,
            )
        settings = SiteSettingsService(self.ctx)
        intro = (
            f"Données détenues par {site.name} sur {subject} au {format_date_fr(now.date())}, "
            "au titre du droit d'accès (article 15 du RGPD). Elles servent à organiser l'accompagnement "
            "(rendez-vous, ateliers) et les bilans demandés par les financeurs. Conservation : "
            f"{settings.get_int(INACTIVE_MONTHS)} mois après la dernière activité, puis anonymisation ; "
            f"listes d'émargement des ateliers : {settings.get_int(FUNDER_EVIDENCE_YEARS)} ans. "
            "Pour corriger ou effacer ces données, adressez-vous à l'accueil ou au responsable du site."
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"acces-{youth_id[:8]}-{now:%Y%m%d}"
        pdf, csv = out_dir / f"{stem}.pdf", out_dir / f"{stem}.csv"
        render_access_report(AccessReport(header, subject, intro, tuple(sections)), pdf)
        write_excel_csv(
            csv,
            ("Rubrique", "Ligne", "Donnée", "Valeur"),
            _long_rows(sections),
        )
        make_private(pdf)
        make_private(csv)
        with self.ctx.write() as s:  # recorded once the files exist
            audit.record(
                s,
                self.ctx,
                actor,
                action="export_access",
                entity="youth",
                entity_id=youth_id,
                youth_id=youth_id,
                after={"sections": len(sections)},
            )
        return AccessExport(pdf, csv, tuple(sections), Changes())

    def _sections(self, s: Session, youth: Youth) -> list[ReportSection]:
        staff = {i: f"{f} {n}" for i, f, n in s.execute(select(Staff.id, Staff.first_name, Staff.last_name))}
        merged = s.exec(select(Youth).where(Youth.merged_into_id == youth.id)).all()
        ids = [youth.id, *(m.id for m in merged)]
        tz = self.ctx.site_row(s).timezone
        sections = [_youth_section(youth, staff.get(youth.referent_id or "", ""), "Fiche", tz)]
        sections += [
            _youth_section(m, staff.get(m.referent_id or "", ""), "Fiche fusionnée", tz) for m in merged
        ]

        appts = [a for i in ids for a in appointment_views(s, youth_id=i)]
        sections.append(
            ReportSection(
                "Rendez-vous",
                ("Date", "Type", "Conseiller(ère)", "Lieu", "Statut", "Orienté(e) par", "Notes et motifs"),
                tuple(
                    (
                        f"{_dt(a.start)}–{a.end:%H:%M}",
                        a.type_label,
                        a.counsellor_name,
                        a.room_name or _label(MODE_FR, Mode, a.mode),
                        _label(STATUS_FR, Status, a.status),
                        _label(REFERRAL_FR, Referral, a.referred_by) if a.referred_by else "",
                        "\n".join(t for t in (a.cancel_reason, a.forced_reason, a.notes) if t),
                    )
                    for a in sorted(appts, key=lambda a: a.start)
                ),
                widths=(1.3, 1.2, 1.2, 1, 0.9, 1, 3),
            )
        )
        q = (
            select(WorkshopRegistration, WorkshopSession.start, WorkshopSeries.title)
            .join(WorkshopSession, col(WorkshopSession.id) == WorkshopRegistration.session_id)
            .join(WorkshopSeries, col(WorkshopSeries.id) == WorkshopSession.series_id)
            .where(col(WorkshopRegistration.youth_id).in_(ids), WorkshopRegistration.deleted == False)
            .order_by(col(WorkshopSession.start))
        )
        sections.append(
            ReportSection(
                "Ateliers",
                ("Date", "Atelier", "Inscription", "Présence", "Motif d'annulation"),
                tuple(
                    (
                        _dt(start),
                        title,
                        REGISTRATION_FR.get(r.status, r.status),
                        ATTENDANCE_FR.get(r.attendance, r.attendance),
                        r.cancel_reason,
                    )
                    for r, start, title in s.execute(q)
                ),
                widths=(1.2, 2, 1, 1, 2),
            )
        )
        sections += followup_sections(s, ids, staff)
        events = s.exec(
            select(AuditEntry)
            .where(or_(col(AuditEntry.youth_id).in_(ids), col(AuditEntry.entity_id).in_(ids)))
            .order_by(col(AuditEntry.at))
        )
        sections.append(
            ReportSection(
                "Historique des actions sur ces données",
                ("Date", "Action", "Par"),
                tuple(
                    (_dt(local_now(_aware(e.at), tz)), ACTION_FR.get(e.action, e.action), e.actor_name)
                    for e in events
                ),
                widths=(1, 2, 1.5),
            )
        )
        return sections


def followup_sections(s: Session, ids: list[str], staff: dict[str, str]) -> list[ReportSection]:
    """What the follow-up holds on the young person: periods, orientations, CEJ actions, FSE+ data."""
    periods = s.exec(
        select(FollowupPeriod).where(col(FollowupPeriod.youth_id).in_(ids), FollowupPeriod.deleted == False)
    ).all()
    orientations = s.exec(
        select(Orientation).where(col(Orientation.youth_id).in_(ids), Orientation.deleted == False)
    ).all()
    actions = s.exec(
        select(YouthAction).where(
            col(YouthAction.youth_id).in_(ids), YouthAction.deleted == False, YouthAction.minutes > 0
        )
    ).all()
    situations = s.exec(
        select(YouthSituation).where(col(YouthSituation.youth_id).in_(ids), YouthSituation.deleted == False)
    ).all()
    profiles = s.exec(
        select(YouthProfile).where(col(YouthProfile.youth_id).in_(ids), YouthProfile.deleted == False)
    ).all()
    fse: list[tuple[str, str]] = []
    for prof in profiles:
        fse.append(("Sexe", _label(SEX_FR, Sex, prof.sex) if prof.sex else ""))
        fse.append(
            (
                "Niveau de diplôme",
                _label(DIPLOMA_FR, Diploma, prof.diploma_level) if prof.diploma_level else "",
            )
        )
        for item in OptionalItem:
            answer = getattr(prof, item.value)
            if answer:
                fse.append((OPTIONAL_FR[item], _label(ANSWER_FR, Answer, answer)))
        fse.append(
            ("Accord pour les données facultatives", _d(prof.consent_on) if prof.sensitive_consent else "non")
        )
    return [
        ReportSection(
            "Accompagnements",
            (
                "Type",
                "Début",
                "Fin prévue",
                "Renouvelé le",
                "Terminé le",
                "Issue",
                "Prochain contact",
                "Note",
            ),
            tuple(
                (
                    _label(KIND_FR, PeriodKind, p.kind),
                    _d(p.start),
                    _d(p.planned_end),
                    _d(p.renewed_on),
                    _d(p.ended_on),
                    _label(END_FR, EndReason, p.end_reason),
                    _d(p.next_contact_on),
                    p.note,
                )
                for p in sorted(periods, key=lambda p: p.start)
            ),
        ),
        ReportSection(
            "Orientations vers des partenaires",
            ("Date", "Partenaire", "Organisme", "Par", "Résultat", "Date du résultat", "Note"),
            tuple(
                (
                    _d(o.oriented_on),
                    _label(PARTNER_FR, PartnerKind, o.partner_kind),
                    o.partner_name,
                    staff.get(o.staff_id or "", ""),
                    _label(OUTCOME_FR, Outcome, o.outcome),
                    _d(o.outcome_on),
                    o.note,
                )
                for o in sorted(orientations, key=lambda o: o.oriented_on)
            ),
        ),
        ReportSection(
            "Actions déclarées pour le CEJ",
            ("Semaine du", "Thème", "Heures", "Note"),
            tuple(
                (
                    _d(a.week),
                    _label(THEME_FR, Theme, a.theme),
                    f"{a.minutes / 60:g}".replace(".", ","),
                    a.note,
                )
                for a in sorted(actions, key=lambda a: (a.week, a.theme))
            ),
        ),
        ReportSection(
            "Situations (suivi du Fonds social européen)",
            ("Depuis le", "Situation"),
            tuple(
                (_d(x.since), _label(SITUATION_FR, Situation, x.situation))
                for x in sorted(situations, key=lambda x: x.since)
            ),
        ),
        ReportSection(
            "Données pour le Fonds social européen",
            ("Donnée", "Valeur"),
            tuple(fse),
            widths=(1, 2),
            key_value=True,
        ),
    ]
