"""Every report as the tables people get in a spreadsheet (`sync.workbook.Table`): the first table is the
detail (the CSV holds it alone), the next ones the summaries. Column titles are French, i-milo numbers
and phones are text, dates are dates, hours and shares are numbers."""

from __future__ import annotations

from mlplanner.domain.cej import COMMITMENT_HOURS, LEVEL_FR, WARNING_HOURS, Level
from mlplanner.domain.enums import Mode
from mlplanner.domain.followup_periods import OUTCOME_FR, PARTNER_FR, Outcome
from mlplanner.domain.participants import (
    ANSWER_FR,
    CONSENT_NOTE_FR,
    DIPLOMA_FR,
    OPTIONAL_FR,
    SEX_FR,
    SITUATION_FR,
    Answer,
    Diploma,
    Sex,
    Situation,
)
from mlplanner.domain.periods import month_label
from mlplanner.domain.text import fold
from mlplanner.services.reports.activity import AccompaniedReport, OrientationReport, TimesheetReport
from mlplanner.services.reports.cej import CejWeekReport
from mlplanner.services.reports.fse import FseReport
from mlplanner.services.reports.imilo import ImiloReport
from mlplanner.sync.workbook import Column, Kind, Table, Value

Report = CejWeekReport | ImiloReport | FseReport | AccompaniedReport | TimesheetReport | OrientationReport


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)


def _label(table: dict, value: str) -> str:
    for k, v in table.items():
        if k == value or getattr(k, "value", None) == value:
            return str(v)
    return value


def _percent(share: float, decimals: int = 1) -> str:
    """0.5 → "50,0 %" (French: decimal comma, a space before %)."""
    return f"{share * 100:.{decimals}f} %".replace(".", ",")


def cej_tables(r: CejWeekReport) -> list[Table]:
    cols = (
        Column("Conseiller(ère) référent(e)"),
        Column("N° i-milo", Kind.CODE),
        Column("Nom"),
        Column("Prénom"),
        Column("Rendez-vous (h)", Kind.DECIMAL),
        Column("Ateliers (h)", Kind.DECIMAL),
        Column("Actions du jeune (h)", Kind.DECIMAL),
        Column("Heures déclarées", Kind.DECIMAL),
        Column("Heures validées", Kind.DECIMAL),
        Column("Semaine"),
    )
    rows: list[tuple[Value, ...]] = [
        (
            ln.referent_name or "Sans référent",
            ln.external_id,
            ln.last_name,
            ln.first_name,
            _hours(ln.week.minutes_of("appointment")),
            _hours(ln.week.minutes_of("workshop")),
            _hours(ln.week.minutes_of("action")),
            ln.week.declared_hours,
            ln.week.validated_hours,
            "0 h" if ln.week.declared_minutes == 0 else LEVEL_FR[ln.week.level],
        )
        for ln in r.lines
    ]
    notes = (
        "Barème du CEJ : atelier 4 h, information collective 3 h, autre rendez-vous 1 h (réglable par type). "
        "Déclarées : prévues ou réalisées, hors absences ; validées : réalisées. "
        f"Engagement : {COMMITMENT_HOURS} h par semaine ; alerte sous {COMMITMENT_HOURS} h, "
        f"avertissement sous {WARNING_HOURS} h.",
    )
    title = f"Heures CEJ – semaine {r.week_code}"
    detail = Table(
        title,
        r.period.describe_fr(),
        cols,
        tuple(rows),
        "Heures CEJ",
        notes,
        r.header.organisation_site,
        r.header.generated,
    )
    summary_cols = (
        Column("Conseiller(ère) référent(e)"),
        Column("Jeunes en CEJ", Kind.INT),
        Column(f"Sous {COMMITMENT_HOURS} h", Kind.INT),
        Column(f"Sous {WARNING_HOURS} h", Kind.INT),
        Column("À 0 h", Kind.INT),
    )
    summary = tuple(
        (
            c.counsellor_name,
            c.youths,
            len(c.under_commitment),
            sum(1 for ln in c.under_commitment if ln.week.level is Level.WARNING),
            len(c.at_zero),
        )
        for c in sorted(r.counsellors, key=lambda c: fold(c.counsellor_name))
    )
    under_cols = (
        Column("Conseiller(ère) référent(e)"),
        *cols[1:4],
        Column("Heures déclarées", Kind.DECIMAL),
        Column("Liste"),
    )
    under = tuple(
        (
            c.counsellor_name,
            ln.external_id,
            ln.last_name,
            ln.first_name,
            ln.week.declared_hours,
            "à 0 h" if ln.week.declared_minutes == 0 else f"sous {COMMITMENT_HOURS} h",
        )
        for c in sorted(r.counsellors, key=lambda c: fold(c.counsellor_name))
        for ln in c.under_commitment
    )
    return [
        detail,
        Table(
            f"{title} – par conseiller",
            r.period.describe_fr(),
            summary_cols,
            summary,
            "Par conseiller",
            (),
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            f"{title} – jeunes sous {COMMITMENT_HOURS} h",
            r.period.describe_fr(),
            under_cols,
            under,
            f"Sous {COMMITMENT_HOURS} h",
            ("À appeler en priorité : les jeunes à 0 h, puis ceux sous 10 h.",),
            r.header.organisation_site,
            r.header.generated,
        ),
    ]


def imilo_tables(r: ImiloReport) -> list[Table]:
    cols = (
        Column("N° i-milo", Kind.CODE),
        Column("Nom"),
        Column("Prénom"),
        Column("Date", Kind.DATE),
        Column("Début", Kind.TIME),
        Column("Fin", Kind.TIME),
        Column("Événement"),
        Column("Modalité"),
        Column("Statut i-milo"),
        Column("État de la session"),
        Column("Conseiller(ère)"),
        Column("Saisi dans i-milo"),
        Column("Saisi par"),
        Column("Saisi le", Kind.DATETIME),
        Column("Référence mlplanner", Kind.CODE),
    )
    rows = tuple(
        (
            ln.external_id,
            ln.last_name,
            ln.first_name,
            ln.day,
            ln.start,
            ln.end,
            ln.activity,
            ln.mode,
            ln.status,
            ln.session_state,
            ln.counsellor_name,
            "oui" if ln.keyed else "non",
            ln.keyed_by,
            ln.keyed_at,
            ln.item_id,
        )
        for ln in r.lines
    )
    who = f" – {r.counsellor_name}" if r.counsellor_name else ""
    notes = (
        f"{len(r.lines)} ligne(s), {r.left_to_key} restant à saisir. Statuts et états dans les mots d'i-milo.",
    )
    return [
        Table(
            f"Saisie i-milo{who}",
            r.period.describe_fr(),
            cols,
            rows,
            "Saisie i-milo",
            notes,
            r.header.organisation_site,
            r.header.generated,
        )
    ]


def fse_tables(r: FseReport) -> list[Table]:
    optional_cols = tuple(Column(OPTIONAL_FR[i]) for i in r.optional_items)
    cols = (
        Column("N° i-milo", Kind.CODE),
        Column("Nom"),
        Column("Prénom"),
        Column("Sexe"),
        Column("Date de naissance", Kind.DATE),
        Column("Âge à l'entrée", Kind.INT),
        Column("Téléphone", Kind.CODE),
        Column("Courriel"),
        Column("Niveau de diplôme"),
        Column("Date d'entrée", Kind.DATE),
        Column("Situation à l'entrée"),
        Column("Date de sortie", Kind.DATE),
        Column("Situation à la sortie"),
        *optional_cols,
        Column("Actions suivies", Kind.INT),
        Column("Complet", Kind.BOOL),
        Column("Manquant"),
    )
    rows = tuple(
        (
            p.external_id,
            p.last_name,
            p.first_name,
            SEX_FR[Sex(p.sex)] if p.sex in {s.value for s in Sex} else "",
            p.birth_date,
            p.age_at_entry,
            p.phone,
            p.email,
            DIPLOMA_FR[Diploma(p.diploma_level)] if p.diploma_level in {d.value for d in Diploma} else "",
            p.entry,
            _label(SITUATION_FR, p.entry_situation)
            if p.entry_situation in {x.value for x in Situation}
            else "",
            p.exit,
            _label(SITUATION_FR, p.exit_situation)
            if p.exit_situation in {x.value for x in Situation}
            else ("en cours" if p.exit is None else ""),
            *(ANSWER_FR[Answer(p.optional.get(i.value, ""))] for i in r.optional_items),
            p.actions,
            p.complete,
            ", ".join(p.missing),
        )
        for p in r.participants
    )
    share = r.incomplete_share
    verdict = (
        "aucun participant"
        if share is None
        else f"{r.incomplete} incomplet(s) sur {len(r.participants)}, soit {_percent(share)} "
        f"({'au-dessus' if r.over_threshold else 'en dessous'} du seuil de {_percent(r.threshold, 0)})"
    )
    notes = (
        f"Opération : {r.operation}. Entrée : première action suivie ; sortie : dernière, sauf action encore prévue.",
        f"Complétude : {verdict}.",
        *((CONSENT_NOTE_FR,) if r.optional_items else ()),
    )
    title = f"Participants FSE+ – {r.operation}"
    summary_cols = (Column("Indicateur"), Column("Valeur", Kind.DECIMAL))
    summary_rows: tuple[tuple[Value, ...], ...] = (
        ("Participants", float(len(r.participants))),
        ("Participants complets", float(len(r.participants) - r.incomplete)),
        ("Participants incomplets", float(r.incomplete)),
        ("Part d'incomplets (%)", round((share or 0) * 100, 1)),
        ("Seuil (%)", r.threshold * 100),
        ("Femmes", float(sum(1 for p in r.participants if p.sex == Sex.FEMALE))),
        ("Hommes", float(sum(1 for p in r.participants if p.sex == Sex.MALE))),
        ("Sorties dans la période", float(sum(1 for p in r.participants if p.exit and p.exit in r.period))),
    )
    missing_cols = (Column("N° i-milo", Kind.CODE), Column("Nom"), Column("Prénom"), Column("Ce qui manque"))
    missing_rows = tuple(
        (p.external_id, p.last_name, p.first_name, item) for p in r.participants for item in p.missing
    )
    return [
        Table(
            title,
            r.period.describe_fr(),
            cols,
            rows,
            "Participants",
            notes,
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            f"{title} – complétude",
            r.period.describe_fr(),
            summary_cols,
            summary_rows,
            "Complétude",
            (f"Complétude : {verdict}.",),
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            f"{title} – données manquantes",
            r.period.describe_fr(),
            missing_cols,
            missing_rows,
            "Manquant",
            (),
            r.header.organisation_site,
            r.header.generated,
        ),
    ]


def accompanied_tables(r: AccompaniedReport) -> list[Table]:
    cols = (
        Column("Site"),
        Column("Conseiller(ère)"),
        Column("Jeunes accompagnés", Kind.INT),
        Column("dont en entretien individuel", Kind.INT),
        Column("dont en atelier", Kind.INT),
        Column("Nouveaux jeunes (premier accueil)", Kind.INT),
        Column("Entretiens réalisés", Kind.INT),
        Column("Présences en atelier", Kind.INT),
    )
    rows = tuple(
        (
            x.site_code,
            x.counsellor_name,
            x.accompanied,
            x.with_interview,
            x.with_session,
            x.new,
            x.interviews,
            x.participations,
        )
        for x in r.rows
    )
    notes = (
        "Accompagné : au moins un entretien individuel réalisé ou une séance collective suivie dans la période. "
        "Les totaux comptent chaque jeune une fois. Nouveau : premier contact réalisé dans la période.",
    )
    title = "Jeunes accompagnés" + (" – réseau" if r.network else "")
    mode_cols = (
        Column("Mois"),
        Column("Sur place", Kind.INT),
        Column("Téléphone", Kind.INT),
        Column("Visio", Kind.INT),
        Column("Hors les murs", Kind.INT),
        Column("Total", Kind.INT),
        Column("Part sur place", Kind.PERCENT),
        Column("Part téléphone", Kind.PERCENT),
        Column("Part visio", Kind.PERCENT),
    )
    mode_rows = tuple(
        (
            month_label(m.month),
            m.on_site,
            m.phone,
            m.video,
            m.outside,
            m.total,
            m.share(Mode.ON_SITE),
            m.share(Mode.PHONE),
            m.share(Mode.VIDEO),
        )
        for m in r.modes
    )
    return [
        Table(
            title,
            r.period.describe_fr(),
            cols,
            rows,
            "Accompagnés",
            notes,
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            "Rendez-vous réalisés sur place, par téléphone, en visio",
            r.period.describe_fr(),
            mode_cols,
            mode_rows,
            "Présentiel et distance",
            ("Rendez-vous réalisés (arrivés ou reçus), par mois et par modalité.",),
            r.header.organisation_site,
            r.header.generated,
        ),
    ]


def orientation_tables(r: OrientationReport) -> list[Table]:
    cols = (
        Column("Date", Kind.DATE),
        Column("Site"),
        Column("N° i-milo", Kind.CODE),
        Column("Nom"),
        Column("Prénom"),
        Column("Partenaire"),
        Column("Organisme"),
        Column("Orienté(e) par"),
        Column("Résultat"),
        Column("Date du résultat", Kind.DATE),
    )
    rows = tuple(
        (
            v.oriented_on,
            v.site_code,
            *r.youth_names.get(v.youth_id, ("", "", "")),
            v.partner_label,
            v.partner_name,
            v.staff_name,
            v.outcome_label,
            v.outcome_on,
        )
        for v in r.rows
    )
    count_cols = (
        Column("Site"),
        Column("Partenaire"),
        Column("Orientations", Kind.INT),
        Column("Jeunes", Kind.INT),
        *(Column(OUTCOME_FR[o].capitalize(), Kind.INT) for o in Outcome),
    )
    count_rows: list[tuple[Value, ...]] = [
        (
            c.site_code,
            PARTNER_FR[c.partner_kind],
            c.total,
            c.youths,
            *(c.by_outcome.get(o.value, 0) for o in Outcome),
        )
        for c in r.counts
    ]
    total: tuple[Value, ...] = (
        "Total",
        "",
        sum(c.total for c in r.counts),
        len({v.youth_id for v in r.rows}),
        *(r.outcome_total(o) for o in Outcome),
    )
    with_total: list[tuple[Value, ...]] = [*count_rows, total] if count_rows else []
    return [
        Table(
            "Orientations vers les partenaires",
            r.period.describe_fr(),
            cols,
            rows,
            "Orientations",
            (),
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            "Orientations par partenaire et résultat",
            r.period.describe_fr(),
            count_cols,
            tuple(with_total),
            "Comptes",
            ("Jeunes : chaque jeune compté une fois par partenaire (et une fois au total).",),
            r.header.organisation_site,
            r.header.generated,
        ),
    ]


def timesheet_tables(r: TimesheetReport) -> list[Table]:
    cols = (
        Column("Animateur(trice)"),
        Column("Date", Kind.DATE),
        Column("Début", Kind.TIME),
        Column("Fin", Kind.TIME),
        Column("Séance"),
        Column("Type d'action"),
        Column("Opération financée"),
        Column("Rôle"),
        Column("Heures", Kind.DECIMAL),
        Column("Présents", Kind.INT),
    )
    rows: list[tuple[Value, ...]] = []
    people: dict[str, str] = {}
    for ln in r.lines:
        people.setdefault(ln.facilitator_id, ln.facilitator_name)
        rows.append(
            (
                ln.facilitator_name,
                ln.day,
                ln.start,
                ln.end,
                ln.title,
                ln.kind_label,
                ln.operation,
                ln.role,
                _hours(ln.minutes),
                ln.present,
            )
        )
    summary_cols = (Column("Animateur(trice)"), Column("Séances", Kind.INT), Column("Heures", Kind.DECIMAL))
    summary = tuple(
        (name, sum(1 for ln in r.lines if ln.facilitator_id == fid), _hours(r.minutes_of(fid)))
        for fid, name in sorted(people.items(), key=lambda kv: fold(kv[1]))
    )
    notes = (
        "Séances tenues (non annulées) des types d'atelier rattachés à une opération financée ; "
        "à joindre aux feuilles d'émargement.",
    )
    title = f"Feuille de temps des animateurs – {month_label(r.period.start)}"
    return [
        Table(
            title,
            r.period.describe_fr(),
            cols,
            tuple(rows),
            "Feuille de temps",
            notes,
            r.header.organisation_site,
            r.header.generated,
        ),
        Table(
            f"{title} – totaux",
            r.period.describe_fr(),
            summary_cols,
            summary,
            "Totaux",
            notes,
            r.header.organisation_site,
            r.header.generated,
        ),
    ]


def report_tables(report: Report) -> list[Table]:
    if isinstance(report, CejWeekReport):
        return cej_tables(report)
    if isinstance(report, ImiloReport):
        return imilo_tables(report)
    if isinstance(report, FseReport):
        return fse_tables(report)
    if isinstance(report, AccompaniedReport):
        return accompanied_tables(report)
    if isinstance(report, OrientationReport):
        return orientation_tables(report)
    return timesheet_tables(report)
