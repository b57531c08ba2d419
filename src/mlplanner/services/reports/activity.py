"""Activity figures the network reports: accompanied young people, the share of remote appointments,
orientations to partners, and the facilitators' timesheet of funded sessions.

Definitions (also written on top of each report):
- a young person is *accompanied* in a period with at least one individual interview held (arrived or
  seen) or one collective session attended (present or late); per counsellor, the young people they met
  in an interview or in a session they facilitated; a site's and the network's totals count each young
  person once;
- a *new* young person had their first contact ever (first attended interview or session, across every
  site the file knows) in the period, counted for whoever held it;
- the *remote share* counts appointments held, by mode, per month;
- the *timesheet* counts the sessions held (not cancelled, started) of workshop kinds tied to a funded
  operation, for the facilitator and the co-facilitator alike.
With `network`, every site of the file (the network as received by sync, or the server's database);
otherwise this site alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mlplanner.domain.enums import Mode
from mlplanner.domain.followup_periods import Outcome, PartnerKind
from mlplanner.domain.periods import Period, months_between
from mlplanner.domain.text import fold
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.followup.orientations import OrientationView, view
from mlplanner.services.reports.common import ReportHeader, chunks, header, require_report, staff_names
from mlplanner.services.workshops.kinds import workshop_kinds
from mlplanner.storage.followup_tables import Orientation
from mlplanner.storage.tables import Appointment, Site, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession

ATTENDED_APPOINTMENT = ("arrived", "seen")
ATTENDED_WORKSHOP = ("present", "late")


@dataclass(frozen=True)
class AccompaniedRow:
    site_code: str
    counsellor_id: str  # "" on a site's or the network's total line
    counsellor_name: str  # "Total site" / "Total réseau" on total lines
    accompanied: int  # distinct young people
    with_interview: int
    with_session: int
    new: int
    interviews: int  # interviews held
    participations: int  # workshop attendances


@dataclass(frozen=True)
class ModeShare:
    month: date  # first day
    on_site: int
    phone: int
    video: int
    outside: int

    @property
    def total(self) -> int:
        return self.on_site + self.phone + self.video + self.outside

    def share(self, mode: Mode) -> float | None:
        n = {
            Mode.ON_SITE: self.on_site,
            Mode.PHONE: self.phone,
            Mode.VIDEO: self.video,
            Mode.OUTSIDE: self.outside,
        }
        return round(n[mode] / self.total, 4) if self.total else None


@dataclass(frozen=True)
class AccompaniedReport:
    header: ReportHeader
    period: Period
    network: bool
    rows: tuple[AccompaniedRow, ...]  # per counsellor, then the site's total; the network's total last
    modes: tuple[ModeShare, ...]  # one per month of the period


@dataclass(frozen=True)
class OrientationCount:
    site_code: str
    partner_kind: PartnerKind
    by_outcome: dict[str, int]  # outcome value -> count
    youths: int  # distinct young people

    @property
    def total(self) -> int:
        return sum(self.by_outcome.values())


@dataclass(frozen=True)
class OrientationReport:
    header: ReportHeader
    period: Period
    rows: tuple[OrientationView, ...]
    youth_names: dict[str, tuple[str, str, str]]  # youth id -> (external id, last name, first name)
    counts: tuple[OrientationCount, ...]

    def outcome_total(self, outcome: Outcome) -> int:
        return sum(c.by_outcome.get(outcome.value, 0) for c in self.counts)


@dataclass(frozen=True)
class TimesheetLine:
    facilitator_id: str
    facilitator_name: str
    day: date
    start: time
    end: time
    title: str
    kind_label: str
    operation: str
    minutes: int
    present: int
    role: str  # "animation" | "co-animation"


@dataclass(frozen=True)
class TimesheetReport:
    header: ReportHeader
    period: Period
    lines: tuple[TimesheetLine, ...]

    def minutes_of(self, facilitator_id: str) -> int:
        return sum(ln.minutes for ln in self.lines if ln.facilitator_id == facilitator_id)


def _site_ids(s: Session, ctx: ServiceContext, network: bool) -> dict[str, str]:
    """Site id -> code of the sites a report covers."""
    if not network:
        site = ctx.site_row(s)
        return {site.id: site.code}
    return {i: c for i, c in s.exec(select(Site.id, Site.code).where(Site.deleted == False))}


@checked_dates
class ActivityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- accompanied young people ---------------------------------------------------------------------
    def accompanied(self, *, actor: Actor, period: Period, network: bool = False) -> AccompaniedReport:
        require_report(actor)
        with self.ctx.read() as s:
            sites = _site_ids(s, self.ctx, network)
            A = Appointment
            appts = list(
                s.execute(
                    sa_select(
                        col(A.site_id), col(A.counsellor_id), col(A.youth_id), col(A.start), col(A.mode)
                    ).where(
                        col(A.site_id).in_(list(sites)),
                        col(A.deleted) == False,
                        col(A.status).in_(ATTENDED_APPOINTMENT),
                        col(A.start) >= period.lo,
                        col(A.start) < period.hi,
                    )
                ).tuples()
            )
            S, R = WorkshopSession, WorkshopRegistration
            attended = list(
                s.execute(
                    sa_select(
                        col(S.site_id),
                        col(S.facilitator_id),
                        col(S.co_facilitator_id),
                        col(R.youth_id),
                        col(S.start),
                    )
                    .join(S, col(S.id) == col(R.session_id))
                    .where(
                        col(S.site_id).in_(list(sites)),
                        col(S.deleted) == False,
                        col(S.status) != "cancelled",
                        col(R.deleted) == False,
                        col(R.status) == "confirmed",
                        col(R.attendance).in_(ATTENDED_WORKSHOP),
                        col(S.start) >= period.lo,
                        col(S.start) < period.hi,
                    )
                ).tuples()
            )
            youths = sorted({y for *_x, y, _s, _m in appts} | {r[3] for r in attended})
            firsts = self._first_contacts(s, youths)
            names = staff_names(
                s, [a[1] for a in appts] + [r[1] for r in attended] + [r[2] for r in attended]
            )
            head = header(s, self.ctx, actor, network=network)
        per: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for site_id, cid, yid, _start, _mode in appts:
            for key in ((site_id, cid), (site_id, ""), ("", "")):
                per[key]["all"].add(yid)
                per[key]["interview"].add(yid)
                counts[key]["interviews"] += 1
        for site_id, fac, co, yid, _start in attended:
            people = [p for p in dict.fromkeys((fac, co)) if p]
            for key in [(site_id, p) for p in people] + [(site_id, ""), ("", "")]:
                per[key]["all"].add(yid)
                per[key]["session"].add(yid)
                counts[key]["participations"] += 1
        for yid, (day, site_id, who) in firsts.items():
            if day in period:
                for key in {(site_id, w) for w in who} | {(site_id, ""), ("", "")}:
                    if yid in per[key]["all"]:
                        per[key]["new"].add(yid)
        rows: list[AccompaniedRow] = []

        def row(key: tuple[str, str], label: str) -> AccompaniedRow:
            d, c = per[key], counts[key]
            return AccompaniedRow(
                sites.get(key[0], ""),
                key[1],
                label,
                len(d["all"]),
                len(d["interview"]),
                len(d["session"]),
                len(d["new"]),
                c["interviews"],
                c["participations"],
            )

        for site_id, code in sorted(sites.items(), key=lambda kv: kv[1]):
            people = sorted(
                (k for k in per if k[0] == site_id and k[1]), key=lambda k: fold(names.get(k[1], k[1]))
            )
            rows += [row(k, names.get(k[1], "?")) for k in people]
            rows.append(row((site_id, ""), f"Total {code}"))
        if network:
            rows.append(row(("", ""), "Total réseau"))
        modes = [
            ModeShare(
                m,
                sum(
                    1 for a in appts if (a[3].year, a[3].month) == (m.year, m.month) and a[4] == Mode.ON_SITE
                ),
                sum(1 for a in appts if (a[3].year, a[3].month) == (m.year, m.month) and a[4] == Mode.PHONE),
                sum(1 for a in appts if (a[3].year, a[3].month) == (m.year, m.month) and a[4] == Mode.VIDEO),
                sum(
                    1 for a in appts if (a[3].year, a[3].month) == (m.year, m.month) and a[4] == Mode.OUTSIDE
                ),
            )
            for m in months_between(period)
        ]
        return AccompaniedReport(head, period, network, tuple(rows), tuple(modes))

    @staticmethod
    def _first_contacts(s: Session, youth_ids: Sequence[str]) -> dict[str, tuple[date, str, set[str]]]:
        """Each young person's first attended contact ever: (day, site id, who held it)."""
        first: dict[str, tuple[datetime, str, set[str]]] = {}

        def keep(yid: str, start: datetime, site_id: str, who: Iterable[str | None]) -> None:
            people = {w for w in who if w}
            known = first.get(yid)
            if known is None or start < known[0]:
                first[yid] = (start, site_id, people)
            elif start == known[0]:
                known[2].update(people)

        A = Appointment
        for part in chunks(list(youth_ids)):
            mins = (
                sa_select(col(A.youth_id).label("youth_id"), func.min(col(A.start)).label("first"))
                .where(
                    col(A.youth_id).in_(part),
                    col(A.deleted) == False,
                    col(A.status).in_(ATTENDED_APPOINTMENT),
                )
                .group_by(col(A.youth_id))
                .subquery()
            )
            q = (
                sa_select(col(A.youth_id), col(A.start), col(A.site_id), col(A.counsellor_id))
                .join(mins, (mins.c.youth_id == col(A.youth_id)) & (mins.c.first == col(A.start)))
                .where(col(A.deleted) == False, col(A.status).in_(ATTENDED_APPOINTMENT))
            )
            for yid, start, site_id, cid in s.execute(q).tuples():
                keep(yid, start, site_id, [cid])
            S, R = WorkshopSession, WorkshopRegistration
            q2 = (
                sa_select(
                    col(R.youth_id),
                    col(S.start),
                    col(S.site_id),
                    col(S.facilitator_id),
                    col(S.co_facilitator_id),
                )
                .join(S, col(S.id) == col(R.session_id))
                .where(
                    col(R.youth_id).in_(part),
                    col(R.deleted) == False,
                    col(R.attendance).in_(ATTENDED_WORKSHOP),
                    col(S.deleted) == False,
                    col(S.status) != "cancelled",
                )
            )
            for yid, start, site_id, fac, co in s.execute(q2).tuples():
                keep(yid, start, site_id, [fac, co])
        return {y: (start.date(), site_id, who) for y, (start, site_id, who) in first.items()}

    # --- orientations ---------------------------------------------------------------------------------
    def orientations(self, *, actor: Actor, period: Period, network: bool = False) -> OrientationReport:
        require_report(actor)
        with self.ctx.read() as s:
            sites = _site_ids(s, self.ctx, network)
            rows = s.exec(
                select(Orientation)
                .where(
                    col(Orientation.site_id).in_(list(sites)),
                    Orientation.deleted == False,
                    Orientation.oriented_on >= period.start,
                    Orientation.oriented_on <= period.end,
                )
                .order_by(col(Orientation.oriented_on))
            ).all()
            names = staff_names(s, [r.staff_id for r in rows])
            youths: dict[str, tuple[str, str, str]] = {}
            for part in chunks(sorted({r.youth_id for r in rows})):
                for yid, ext, last, first in s.exec(
                    select(Youth.id, Youth.external_id, Youth.last_name, Youth.first_name).where(
                        col(Youth.id).in_(part)
                    )
                ):
                    youths[yid] = (ext, last, first)
            head = header(s, self.ctx, actor, network=network)
        views = tuple(view(r, sites[r.site_id], names) for r in rows)
        groups: dict[tuple[str, PartnerKind], list[OrientationView]] = defaultdict(list)
        for v in views:
            groups[(v.site_code, v.partner_kind)].append(v)
        counts = tuple(
            OrientationCount(
                code,
                kind,
                dict(Counter(v.outcome.value for v in group)),
                len({v.youth_id for v in group}),
            )
            for (code, kind), group in sorted(
                groups.items(), key=lambda kv: (kv[0][0], list(PartnerKind).index(kv[0][1]))
            )
        )
        return OrientationReport(head, period, views, youths, counts)

    # --- timesheet ------------------------------------------------------------------------------------
    def timesheet(self, *, actor: Actor, period: Period) -> TimesheetReport:
        """Per facilitator, the funded sessions held in the period (to go with the sign-in sheets)."""
        require_report(actor)
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            now = self.ctx.now_local(site.timezone)
            kinds = workshop_kinds(s)
            funded = {c: k for c, k in kinds.items() if k.funded_operation.strip()}
            S, R = WorkshopSession, WorkshopRegistration
            present = (
                sa_select(func.count())
                .where(
                    col(R.session_id) == col(S.id),
                    col(R.deleted) == False,
                    col(R.status) == "confirmed",
                    col(R.attendance).in_(ATTENDED_WORKSHOP),
                )
                .scalar_subquery()
            )
            q = (
                sa_select(S, col(WorkshopSeries.title), col(WorkshopSeries.kind_code), present)
                .join(WorkshopSeries, col(WorkshopSeries.id) == col(S.series_id))
                .where(
                    col(S.site_id) == site.id,
                    col(S.deleted) == False,
                    col(S.status) != "cancelled",
                    col(S.start) >= period.lo,
                    col(S.start) < min(period.hi, now),
                    col(WorkshopSeries.kind_code).in_(list(funded) or [""]),
                    or_(col(S.facilitator_id).is_not(None), col(S.co_facilitator_id).is_not(None)),
                )
                .order_by(col(S.start))
            )
            sessions = list(s.execute(q).tuples())
            names = staff_names(
                s, [x[0].facilitator_id for x in sessions] + [x[0].co_facilitator_id for x in sessions]
            )
            head = header(s, self.ctx, actor)
        lines = []
        for ses, title, kind_code, n in sessions:
            kind = funded[kind_code]
            minutes = int((ses.end - ses.start).total_seconds() // 60)
            for who, role in ((ses.facilitator_id, "animation"), (ses.co_facilitator_id, "co-animation")):
                if who and not (role == "co-animation" and who == ses.facilitator_id):
                    lines.append(
                        TimesheetLine(
                            who,
                            names.get(who, "?"),
                            ses.start.date(),
                            ses.start.time(),
                            ses.end.time(),
                            title,
                            kind.label,
                            kind.funded_operation,
                            minutes,
                            int(n or 0),
                            role,
                        )
                    )
        lines.sort(key=lambda ln: (fold(ln.facilitator_name), ln.day, ln.start))
        return TimesheetReport(head, period, tuple(lines))
