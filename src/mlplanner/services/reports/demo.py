"""The demo site's follow-up data, so that the reports show something a newcomer recognises: the workshop
kind tied to a funded operation, CEJ actions of the last weeks, follow-up periods (some ending soon),
orientations with outcomes, FSE+ data for part of the young people, and the i-milo ticks of last week.

Built through the services (as counsellors would record it), from the seed and the day: same seed, same
day, same data. Called after the demo workshops, whose attendance the FSE+ report and the timesheet count.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import col, select

from mlplanner.domain.cej import THEME_DEFAULT_MINUTES, Theme
from mlplanner.domain.enums import Programme, Role
from mlplanner.domain.followup_periods import Outcome, PartnerKind
from mlplanner.domain.ids import youth_action_id
from mlplanner.domain.participants import Diploma, Sex, Situation
from mlplanner.domain.periods import Period
from mlplanner.domain.wallclock import week_start
from mlplanner.services.context import SYSTEM_ACTOR, Actor
from mlplanner.services.reports import ReportServices
from mlplanner.storage.followup_tables import YouthAction
from mlplanner.storage.tables import Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration

if TYPE_CHECKING:
    from mlplanner.services.container import Services

OPERATION = "Parcours emploi FSE+ Paris"
# the demo's first names that are women's (the others are men's, "Camille", "Lou" and "Nour" either)
WOMEN = frozenset(
    [
        "Inès",
        "Océane",
        "Salomé",
        "Léa",
        "Clémence",
        "Éloïse",
        "Yasmine",
        "Chloé",
        "Aïcha",
        "Manon",
        "Fatoumata",
        "Emma",
        "Jade",
        "Lina",
        "Maëlle",
        "Zoé",
        "Louise",
        "Anaïs",
        "Jeanne",
        "Maéva",
        "Rania",
        "Marie-Lou",
        "Françoise",
        "Noémie",
        "Célia",
        "Bérénice",
    ]
)
EITHER = frozenset({"Camille", "Lou", "Nour"})
PARTNERS = (
    PartnerKind.SOCIAL_SERVICES,
    PartnerKind.HEALTH_INSURANCE,
    PartnerKind.HEALTH_INSURANCE,
    PartnerKind.HOUSING,
    PartnerKind.TRAINING,
    PartnerKind.EMPLOYMENT,
    PartnerKind.JUSTICE,
)


def build_demo_followup(sv: Services, *, today: date, seed: int = 1) -> dict[str, int]:
    """Record the demo's follow-up data (see the module's docstring). Returns counts."""
    rng = random.Random(seed * 104729 + today.toordinal())
    reports: ReportServices = sv.reports
    counsellors = {
        s.id: Actor(s.id, s.display_name, s.role) for s in sv.directory.staff(role=Role.COUNSELLOR)
    }
    reports.kinds.save_kind(
        actor=SYSTEM_ACTOR,
        code="ATELIER",
        label="Atelier collectif",
        cej_minutes=240,
        funded_operation=OPERATION,
    )
    with sv.ctx.read() as s:
        youths = list(
            s.exec(
                select(Youth)
                .where(Youth.deleted == False, col(Youth.referent_id).in_(list(counsellors)))
                .order_by(col(Youth.fold_name), col(Youth.id))
            )
        )
    counts = {"actions": 0, "periods": 0, "orientations": 0, "profiles": 0, "ticks": 0}
    monday = week_start(today)
    cej = [y for y in youths if y.programme == Programme.CEJ.value]
    rows: list[YouthAction] = []
    for y in cej:
        # engaged (most themes: about 15 h with an appointment), partly engaged, or nothing recorded yet
        engaged = rng.choices((6, 3, 0), (45, 35, 20))[0]
        for week in (monday - timedelta(weeks=1), monday):
            n = max(0, min(len(Theme), engaged + rng.randint(-1, 1))) if engaged else 0
            for theme in rng.sample(list(Theme), n):
                rows.append(
                    YouthAction(
                        id=youth_action_id(y.id, week.isoformat(), theme.value),
                        youth_id=y.id,
                        week=week,
                        theme=theme.value,
                        minutes=THEME_DEFAULT_MINUTES[theme],
                        recorded_by=y.referent_id or "",
                    )
                )
    with sv.ctx.write() as s:  # thousands of rows: one transaction (the demo's appointments are bulk too)
        s.add_all(rows)
    counts["actions"] = len(rows)
    for y in rng.sample(youths, min(len(youths), 160)):
        actor = counsellors[y.referent_id or ""]
        start = today - timedelta(days=rng.randint(20, 340))
        sv.periods.start(actor=actor, youth_id=y.id, start=start)
        counts["periods"] += 1
    for y in rng.sample(youths, min(len(youths), 70)):
        actor = counsellors[y.referent_id or ""]
        o = sv.orientations.record(
            actor=actor,
            youth_id=y.id,
            partner_kind=rng.choice(PARTNERS),
            oriented_on=today - timedelta(days=rng.randint(0, 60)),
        )
        answered = o.oriented_on + timedelta(days=rng.randint(7, 45))  # partners answer in weeks
        if answered <= today and rng.random() < 0.8:
            outcome = rng.choice(
                (Outcome.RIGHTS_OPENED, Outcome.RIGHTS_OPENED, Outcome.TAKEN_IN, Outcome.REFUSED)
            )
            sv.orientations.set_outcome(actor=actor, orientation_id=o.id, outcome=outcome, on=answered)
        counts["orientations"] += 1
    # FSE+ data: most of the operation's participants (the young people at the demo workshops) and some
    # others; a quarter of the participants lack something, as on a real site before the data are chased
    with sv.ctx.read() as s:
        attendees = set(
            s.exec(
                select(WorkshopRegistration.youth_id).where(
                    col(WorkshopRegistration.attendance).in_(("present", "late")),
                    WorkshopRegistration.deleted == False,
                )
            )
        )
    by_id = {y.id: y for y in youths}
    chosen = [by_id[i] for i in sorted(attendees) if i in by_id and rng.random() < 0.8]
    chosen += [y for y in rng.sample(youths, min(len(youths), 80)) if y.id not in attendees]
    for y in chosen:
        actor = counsellors[y.referent_id or ""]
        sex = Sex.FEMALE if y.first_name in WOMEN else Sex.MALE
        if y.first_name in EITHER:
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
        age = (today - y.birth_date).days // 365 if y.birth_date else 20
        levels = (Diploma.NONE, Diploma.LEVEL_3) if age < 18 else tuple(Diploma)
        weights = (3, 2) if age < 18 else (4, 4, 4, 2, 1)
        reports.fse.save_profile(
            actor=actor,
            youth_id=y.id,
            sex=sex.value,
            diploma_level=rng.choices(levels, weights)[0].value if rng.random() < 0.9 else "",
        )
        since = min(today - timedelta(days=rng.randint(60, 300)), y.programme_start or today)
        situation = rng.choice(
            (Situation.UNEMPLOYED, Situation.UNEMPLOYED, Situation.INACTIVE, Situation.STUDENT)
        )
        reports.fse.record_situation(actor=actor, youth_id=y.id, since=since, situation=situation)
        if rng.random() < 0.8:  # where they stand now (the situation at exit, for those who left)
            now_situation = rng.choice((Situation.EMPLOYED, Situation.TRAINING, Situation.UNEMPLOYED))
            reports.fse.record_situation(
                actor=actor,
                youth_id=y.id,
                since=today - timedelta(days=rng.randint(0, 6)),
                situation=now_situation,
            )
        counts["profiles"] += 1
    # last week's lines keyed into i-milo by most counsellors (some are late, as in real life)
    last_week = Period(monday - timedelta(weeks=1), monday - timedelta(days=1))
    for cid, actor in counsellors.items():
        lines = reports.imilo.lines(actor=SYSTEM_ACTOR, period=last_week, counsellor=cid).lines
        done = [ln.item_id for ln in lines if rng.random() < 0.8]
        if done:
            reports.imilo.tick(actor=actor, item_ids=done)
            counts["ticks"] += len(done)
    return counts
