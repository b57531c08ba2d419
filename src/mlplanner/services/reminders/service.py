"""Use cases of the outbox: send, preview, status, CSV batch, a youth's messages, consent, settings,
and the no-show statistics with and without a reminder."""

from __future__ import annotations

import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, NotFound, RuleViolation
from mlplanner.domain.messaging.kinds import (
    CHANNEL_FR,
    KIND_FR,
    STATUS_FR,
    Channel,
    MessageKind,
    MessageStatus,
    SmsRoute,
)
from mlplanner.domain.messaging.plan import base_version, version_of
from mlplanner.domain.models import Changes
from mlplanner.domain.wallclock import local_now, to_utc
from mlplanner.messaging import csv_batch
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SYSTEM_ACTOR, Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.services.queries import columns
from mlplanner.services.reminders import facts as facts_mod
from mlplanner.services.reminders import lease, outbox, planner
from mlplanner.services.reminders.sender import Moment, Progress, Sender, SendReport, TransportKit, moment
from mlplanner.services.reminders.settings import (
    BY_NAME,
    ENABLED_AT,
    KEYS,
    LAST_RUN,
    PATTERNS,
    ReminderSettings,
    SecretStore,
    load,
    resolve,
)
from mlplanner.services.reminders.subjects import aware
from mlplanner.storage.message_tables import OutboxMessage
from mlplanner.storage.tables import Appointment, AppointmentType, Meta, Site, Youth


@dataclass(frozen=True)
class MessageView:
    """One message as people see it (youth file, status, preview): wall-clock times at the site."""

    id: str
    youth_id: str
    youth_name: str
    kind: MessageKind
    kind_label: str
    channel: str  # "sms", "email" or "" (not chosen yet)
    channel_label: str
    recipient: str
    status: MessageStatus
    status_label: str
    due: datetime
    sent: datetime | None
    receipt: str
    delivery: str
    error: str
    title: str
    text: str
    parts: int
    about: datetime | None  # the appointment's or session's start (its version)


@dataclass(frozen=True)
class PreviewItem:
    youth_id: str
    youth_name: str
    kind: MessageKind
    kind_label: str
    due: datetime  # wall clock at the site
    appointment_start: datetime
    channel: str
    recipient: str
    text: str
    title: str
    parts: int
    sendable: bool
    why_not: str
    queued: bool  # already in the outbox (else: would be queued by the next run)


@dataclass(frozen=True)
class Preview:
    day: date
    items: tuple[PreviewItem, ...]
    past: bool = False  # a day gone by: what the outbox did (each item's `why_not` says how it ended)

    @property
    def sms_parts(self) -> int:
        return sum(i.parts for i in self.items if i.sendable and i.channel == Channel.SMS.value)


@dataclass(frozen=True)
class ChannelState:
    channel: str
    route: str
    ready: bool
    detail: str


@dataclass(frozen=True)
class OutboxStatus:
    enabled: bool
    channels: tuple[ChannelState, ...]
    counts: dict[str, int]  # by status, messages of the last 30 days and every pending one
    due_now: int
    next_due: datetime | None
    sender: str  # who holds the lease now ("" = nobody)
    last_run: dict[str, object]
    attention: tuple[MessageView, ...]  # failed and uncertain of the last 7 days


@dataclass(frozen=True)
class ExportReport:
    path: Path | None
    messages: int
    parts: int


@dataclass(frozen=True)
class SettingLine:
    key: str
    label: str
    value: str
    source: str  # défaut, fichier, variable X, trousseau du système


@dataclass(frozen=True)
class NoShowCounts:
    appointments: int
    no_shows: int

    @property
    def rate(self) -> float | None:
        return self.no_shows / self.appointments if self.appointments else None


@dataclass(frozen=True)
class NoShowRow:
    month: str  # "2026-11"
    type_code: str
    type_label: str
    with_reminder: NoShowCounts
    without_reminder: NoShowCounts


CSV_UPLOAD_DELAY = timedelta(hours=2)  # a CSV batch is uploaded by hand: keep a margin before the start
_ATTENDED = (Status.ARRIVED.value, Status.SEEN.value)
_COUNTED = (*_ATTENDED, Status.NO_SHOW.value)
_REACHED = (MessageStatus.SENT.value, MessageStatus.EXPORTED.value)


@checked_dates
class RemindersService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        secrets: SecretStore,
        environ: Mapping[str, str] | None = None,
        transports: TransportKit | None = None,
    ) -> None:
        self.ctx = ctx
        self.secrets = secrets
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.transports = transports or TransportKit()

    # --- settings ------------------------------------------------------------------------------------
    def settings(self) -> ReminderSettings:
        with self.ctx.read() as s:
            return load(s, self.environ)

    def setting_lines(self) -> list[SettingLine]:
        """Every key with its value and where the value comes from (secrets are never shown)."""
        st = self.settings()
        out = []
        for key in KEYS:
            if key.secret:
                where = self.secrets.source(key.name)
                out.append(
                    SettingLine(key.name, key.label, "(défini)" if where else "(non défini)", where or "—")
                )
            else:
                out.append(SettingLine(key.name, key.label, st.raw(key.name), st.source(key.name)))
        for name in sorted(
            k
            for k in st.stored
            if k.startswith(("reminders.confirm.", "reminders.rule.", "reminders.template."))
        ):
            out.append(SettingLine(name, "", st.stored[name], "fichier"))
        return out

    @staticmethod
    def patterns() -> tuple[tuple[str, str], ...]:
        return PATTERNS

    def set_setting(self, *, actor: Actor, key: str, value: str | None) -> Changes:
        """Store a setting (`None` restores its default). Checked before anything is written."""
        require(actor, Perm.CONFIGURE_SITE)
        name, check = resolve(key.strip())
        clean = check(value) if value is not None else None
        with self.ctx.write() as s:
            if name.startswith(("reminders.confirm.", "reminders.rule.")):
                code = name.rsplit(".", 1)[1]
                if s.execute(select(AppointmentType.id).where(AppointmentType.code == code)).first() is None:
                    raise NotFound("unknown_type", f"Type de rendez-vous inconnu : « {code} ».")
            row = s.get(Meta, name)
            before = row.value if row is not None else None
            if clean is None:
                if row is not None:
                    s.delete(row)
            else:
                row = row or Meta(key=name)
                row.value = clean
                s.add(row)
            if name == "reminders.enabled" and clean == "oui" and before != "oui":
                s.merge(Meta(key=ENABLED_AT, value=self.ctx.clock.now_utc().isoformat()))
            audit.record(
                s,
                self.ctx,
                actor,
                action="update",
                entity="setting",
                entity_id=name,
                before={"value": before} if before is not None else None,
                after={"value": clean} if clean is not None else None,
            )
        return Changes.of("config")

    def set_secret(self, *, actor: Actor, key: str, value: str | None) -> Changes:
        """Keep a secret in the system keyring (never in the file); the audit log says who, not what."""
        require(actor, Perm.CONFIGURE_SITE)
        spec = BY_NAME.get(key.strip())
        if spec is None or not spec.secret:
            secrets = ", ".join(k.name for k in KEYS if k.secret)
            raise NotFound("unknown_secret", f"Secret inconnu : « {key} » (secrets : {secrets}).")
        if value is not None and (not value.strip() or len(value) > 500 or "\n" in value.strip()):
            raise InputError("bad_secret", "Le secret doit tenir sur une ligne (500 caractères au plus).")
        self.secrets.set(spec.name, value.strip() if value is not None else None)
        with self.ctx.write() as s:
            audit.record(s, self.ctx, actor, action="update", entity="secret", entity_id=spec.name)
        return Changes.of("config")

    # --- sending -------------------------------------------------------------------------------------
    def sender(self, holder: str | None = None) -> Sender:
        return Sender(
            self.ctx, secrets=self.secrets, environ=self.environ, kit=self.transports, holder=holder
        )

    def send(
        self, *, actor: Actor = SYSTEM_ACTOR, limit: int = 1000, progress: Progress | None = None
    ) -> SendReport:
        """One sending run (the app's schedule, `mlplanner reminders send`, "Envoyer maintenant")."""
        require(actor, Perm.BOOK)
        return self.sender().run(limit=limit, progress=progress)

    def dry_run(self) -> Preview:
        """What a run would send now, nothing written and nothing sent."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            m = moment(self.ctx, s)
            today = local_now(m.clock, site.timezone).date()
            items = self._preview(s, site, m, start=None, end=m.clock + timedelta(seconds=1))  # due by now
        return Preview(today, tuple(items))

    def preview(self, day: date) -> Preview:
        """The messages of a day: for a day to come, what is queued or would be; for a past day, what the
        outbox did."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            m = moment(self.ctx, s)
            tz = site.timezone
            start = to_utc(datetime.combine(day, time.min), tz)
            end = to_utc(datetime.combine(day + timedelta(days=1), time.min), tz)
            past = end <= m.clock
            if past:
                items = [self._item_from_row(s, site, r) for r in self._rows_due(s, site, start, end)]
            else:
                at = max(m.guard, start)
                items = self._preview(s, site, Moment(max(m.clock, start), at), start=start, end=end)
        return Preview(day, tuple(items), past)

    def _rows_due(self, s: Session, site: Site, start: datetime, end: datetime) -> list[OutboxMessage]:
        q = (
            select(OutboxMessage)
            .where(
                col(OutboxMessage.site_id) == site.id,
                col(OutboxMessage.due_at) >= start,
                col(OutboxMessage.due_at) < end,
            )
            .order_by(col(OutboxMessage.due_at))
        )
        return list(s.execute(q).scalars())

    def _preview(
        self, s: Session, site: Site, m: Moment, *, start: datetime | None, end: datetime
    ) -> list[PreviewItem]:
        settings = load(s, self.environ)
        activated = settings.enabled_at or m.clock
        planned = planner.compute(s, site, settings, now=m.guard, activated_at=activated)
        items: list[PreviewItem] = []
        superseded = {row_id for p in planned for row_id in p.decision.supersede}
        wanted: list[tuple[str, MessageKind, datetime, datetime, bool]] = []
        for p in planned:
            for want in p.decision.create:
                wanted.append((p.subject.key, want.kind, want.due_at, want.expires_at, False))
            for _row_id, want in p.decision.revive:
                wanted.append((p.subject.key, want.kind, want.due_at, want.expires_at, False))
        rows = s.execute(
            select(OutboxMessage).where(
                col(OutboxMessage.site_id) == site.id,
                col(OutboxMessage.status) == MessageStatus.PENDING.value,
                col(OutboxMessage.expires_at) > m.guard,
            )
        ).scalars()
        for r in rows:
            if r.id not in superseded:
                due = max(aware(r.due_at), aware(r.next_try_at) if r.next_try_at else aware(r.due_at))
                wanted.append((r.subject, MessageKind(r.kind), due, aware(r.expires_at), True))
        for key, kind, due, expires, queued in sorted(wanted, key=lambda w: w[2]):
            if due >= end or (start is not None and due < start) or expires <= max(due, m.guard):
                continue
            found = facts_mod.facts_for(s, key, site)
            if found is None:
                continue
            facts, youth = found
            route = facts_mod.route_for(youth, settings)
            text = facts_mod.render(kind, route.channel or Channel.SMS, facts, settings)
            items.append(
                PreviewItem(
                    youth_id=youth.id,
                    youth_name=f"{youth.last_name.upper()} {youth.first_name}",
                    kind=kind,
                    kind_label=KIND_FR[kind],
                    due=local_now(max(due, m.clock), site.timezone),
                    appointment_start=facts.start,
                    channel=route.channel.value if route.channel else "",
                    recipient=(route.national or route.recipient) if route.channel else "",
                    text=text.body,
                    title=text.title,
                    parts=text.parts,
                    sendable=route.channel is not None,
                    why_not=route.why_not,
                    queued=queued,
                )
            )
        return items

    def _item_from_row(self, s: Session, site: Site, r: OutboxMessage) -> PreviewItem:
        youth = s.get(Youth, r.youth_id)
        view = _view(r, youth, site.timezone)
        return PreviewItem(
            youth_id=r.youth_id,
            youth_name=view.youth_name,
            kind=view.kind,
            kind_label=view.kind_label,
            due=view.due,
            appointment_start=view.about or view.due,
            channel=r.channel,
            recipient=r.recipient,
            text=r.body,
            title=r.title,
            parts=r.parts,
            sendable=r.status in _REACHED,
            why_not=STATUS_FR[MessageStatus(r.status)] + (f" : {r.error}" if r.error else ""),
            queued=True,
        )

    # --- CSV batch -----------------------------------------------------------------------------------
    def export_sms(self, *, actor: Actor, path: Path | str) -> ExportReport:
        """Write the due SMS to a CSV batch for the provider's upload page; they are then marked exported
        (never exported twice). Refused unless the site's SMS go by CSV."""
        require(actor, Perm.PRINT)
        path = Path(path)
        if path.suffix.lower() != ".csv":
            raise InputError("bad_extension", f"« {path.name} » : le lot de SMS est un fichier .csv.")
        if path.is_dir():
            raise InputError("out_is_folder", f"« {path} » est un dossier : indiquez un nom de fichier .csv.")
        if not path.parent.is_dir():
            raise InputError("no_folder", f"Le dossier « {path.parent} » n'existe pas.")
        if path.exists():
            raise InputError(
                "file_exists",
                f"« {path.name} » existe déjà : un lot pas encore déposé serait perdu. Choisissez un autre nom.",
            )
        settings = self.settings()
        if settings.sms_route is not SmsRoute.CSV:
            raise RuleViolation(
                "not_csv_route",
                "Les SMS de ce site ne partent pas par fichier CSV (réglage reminders.sms_route = "
                f"{settings.sms_route.value}) : rien n'est exporté.",
            )
        if settings.enabled:
            self._plan_now()
        token = f"csv-{os.getpid()}-{self.ctx.clock.now_utc().timestamp():.0f}"
        tmp: Path | None = None
        placed = False
        try:
            with self.ctx.write() as s:
                site = self.ctx.site_row(s)
                m = moment(self.ctx, s)
                batch: list[csv_batch.BatchRow] = []
                claimed: list[outbox.Claimed] = []
                # a batch leaves when someone uploads it: what would not survive that delay stays out
                guard = m.guard + CSV_UPLOAD_DELAY
                for row_id in outbox.due_ids(s, site_id=site.id, now=m.clock, guard=guard, limit=5000):
                    c = outbox.claim(
                        s,
                        row_id,
                        token=token,
                        holder="export CSV",
                        now=m.clock,
                        guard=guard,
                        until=m.clock + lease.TTL,
                        site=site,
                        settings=settings,
                        channels=frozenset({Channel.SMS}),
                        csv_export=True,
                    )
                    row = s.get(OutboxMessage, row_id) if c is not None else None
                    if c is None or row is None:
                        continue
                    youth = s.get(Youth, row.youth_id)
                    claimed.append(c)
                    batch.append(
                        csv_batch.BatchRow(
                            phone=c.national,
                            text=c.body,
                            first_name=youth.first_name if youth else "",
                            last_name=youth.last_name if youth else "",
                            due=local_now(max(aware(row.due_at), m.clock), site.timezone),
                            parts=c.parts,
                            ref=c.id,
                        )
                    )
                if not claimed:
                    return ExportReport(None, 0, 0)
                s.flush()
                for c in claimed:
                    outbox.exported(s, c.id, token=token, batch=path.name, now=m.clock)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="export_sms",
                    entity="outbox",
                    after={"file": str(path), "messages": len(claimed)},
                )
                try:
                    tmp = csv_batch.write_temporary(path, batch)
                    os.replace(tmp, path)
                except OSError as exc:
                    raise InputError(
                        "cannot_write", f"Impossible d'écrire « {path} » : {exc.strerror or exc}."
                    ) from exc
                tmp, placed = None, True
        except BaseException:
            for leftover in (tmp, path if placed else None):  # the file never outlives a refused export
                if leftover is not None:
                    with contextlib.suppress(OSError):
                        leftover.unlink()
            raise
        return ExportReport(path, len(batch), sum(b.parts for b in batch))

    def _plan_now(self) -> None:
        """Plan under the lease before an export (when another sender runs, its planning is as good)."""
        sender = self.sender(holder="export CSV")
        with self.ctx.write() as s:
            site = self.ctx.site_row(s)
            settings = load(s, self.environ)
            m = moment(self.ctx, s)
            state = lease.acquire(s, token=sender.token, holder=sender.holder, now=m.clock)
            if not state.held:
                return
            outbox.recover(s, now=m.clock)
            outbox.expire(s, site_id=site.id, guard=m.guard)
            activated = settings.enabled_at or m.clock
            planner.apply(
                s, site, planner.compute(s, site, settings, now=m.guard, activated_at=activated), now=m.clock
            )
            lease.release(s, token=sender.token, now=m.clock)

    # --- status and history --------------------------------------------------------------------------
    def status(self) -> OutboxStatus:
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            settings = load(s, self.environ)
            m = moment(self.ctx, s)
            since = m.clock - timedelta(days=30)
            counts: dict[str, int] = dict(
                s.exec(
                    select(col(OutboxMessage.status), func.count())
                    .where(col(OutboxMessage.site_id) == site.id)
                    .where(
                        (col(OutboxMessage.created_at) >= since)
                        | (col(OutboxMessage.status) == MessageStatus.PENDING.value)
                    )
                    .group_by(col(OutboxMessage.status))
                ).all()
            )
            due_now = len(outbox.due_ids(s, site_id=site.id, now=m.clock, guard=m.guard, limit=100000))
            next_due = s.execute(
                select(func.min(OutboxMessage.due_at)).where(
                    col(OutboxMessage.site_id) == site.id,
                    col(OutboxMessage.status) == MessageStatus.PENDING.value,
                    col(OutboxMessage.expires_at) > m.guard,
                    col(OutboxMessage.due_at) > m.clock,
                )
            ).scalar()
            holder = lease.current(s, now=m.clock)
            row = s.get(Meta, LAST_RUN)
            try:
                last = json.loads(row.value) if row is not None else {}
            except ValueError:
                last = {}
            week = m.clock - timedelta(days=7)
            bad = s.execute(
                select(OutboxMessage)
                .where(
                    col(OutboxMessage.site_id) == site.id,
                    col(OutboxMessage.status).in_(
                        [MessageStatus.FAILED.value, MessageStatus.UNCERTAIN.value]
                    ),
                    col(OutboxMessage.created_at) >= week,
                )
                .order_by(col(OutboxMessage.created_at).desc())
                .limit(20)
            ).scalars()
            attention = tuple(_view(r, s.get(Youth, r.youth_id), site.timezone) for r in bad)
            built = self.transports.build(settings, self.secrets, site.name)
            channels = (
                ChannelState(
                    "sms",
                    settings.sms_route.value,
                    settings.sms_route is SmsRoute.CSV
                    or (Channel.SMS in built and not isinstance(built[Channel.SMS], str)),
                    built[Channel.SMS] if isinstance(built.get(Channel.SMS), str) else "",  # type: ignore[arg-type]
                ),
                ChannelState(
                    "email",
                    settings.email_route.value,
                    Channel.EMAIL in built and not isinstance(built[Channel.EMAIL], str),
                    built[Channel.EMAIL] if isinstance(built.get(Channel.EMAIL), str) else "",  # type: ignore[arg-type]
                ),
            )
            for t in built.values():
                if not isinstance(t, str):
                    t.close()
            return OutboxStatus(
                enabled=settings.enabled,
                channels=channels,
                counts={str(k): int(v) for k, v in counts.items()},
                due_now=due_now,
                next_due=local_now(aware(next_due), site.timezone) if next_due else None,
                sender=holder.holder if holder.held else "",
                last_run=last,
                attention=attention,
            )

    def history(self, youth_id: str) -> list[MessageView]:
        """Every message of a young person (and of records merged into theirs), newest first."""
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            ids = [youth_id, *s.exec(select(Youth.id).where(col(Youth.merged_into_id) == youth_id))]
            rows = s.execute(
                select(OutboxMessage)
                .where(col(OutboxMessage.youth_id).in_(ids))
                .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.due_at).desc())
            ).scalars()
            youth = s.get(Youth, youth_id)
            return [_view(r, youth, site.timezone) for r in rows]

    # --- consent -------------------------------------------------------------------------------------
    def set_consent(self, *, actor: Actor, youth_id: str, channel: Channel, granted: bool) -> Changes:
        """A young person agrees to, or withdraws from, messages on one channel. Travels by sync (it is a
        field of the youth); messages already queued are checked again when their turn comes."""
        require(actor, Perm.EDIT_YOUTH)
        field_name = "sms_consent" if Channel(channel) is Channel.SMS else "email_consent"
        with self.ctx.write() as s:
            row = s.get(Youth, youth_id)
            if row is None or row.deleted:
                raise NotFound("unknown_youth", "Jeune introuvable.")
            before = getattr(row, field_name)
            if before == granted:
                return Changes()
            setattr(row, field_name, granted)
            s.add(row)
            audit.record(
                s,
                self.ctx,
                actor,
                action="consent" if granted else "opt_out",
                entity="youth",
                entity_id=row.id,
                youth_id=row.id,
                before={field_name: before},
                after={field_name: granted},
            )
        return Changes.of("youths", ids=(youth_id,))

    # --- statistics ----------------------------------------------------------------------------------
    def no_show_stats(self, start: date, end: date) -> list[NoShowRow]:
        """No-show rate of the site's appointments with and without a reminder, per month and type.

        Counted: appointments whose outcome is known (arrived, seen, no-show); excused and cancelled ones
        are left out (the young person warned). "With a reminder": a reminder for the appointment's
        final time was sent (or exported to a CSV batch) — a reminder for a time it was moved from does
        not count, nor a "perhaps sent" one.
        """
        if end < start:
            raise InputError("end_before_start", "La date de fin doit suivre la date de début.")
        with self.ctx.read() as s:
            site = self.ctx.site_row(s)
            rows = s.execute(
                select(
                    *columns(
                        Appointment.id,
                        Appointment.start,
                        Appointment.mode,
                        Appointment.status,
                        AppointmentType.code,
                        AppointmentType.label,
                    )
                )
                .join(AppointmentType, col(AppointmentType.id) == Appointment.type_id)
                .where(
                    col(Appointment.site_id) == site.id,
                    col(Appointment.deleted) == False,
                    col(Appointment.status).in_(_COUNTED),
                    col(Appointment.start) >= datetime.combine(start, time.min),
                    col(Appointment.start) < datetime.combine(end + timedelta(days=1), time.min),
                )
            ).all()
            reminded: set[tuple[str, str]] = set()
            ids = [r.id for r in rows]
            for i in range(0, len(ids), 500):
                for appointment_id, version in s.execute(
                    select(OutboxMessage.appointment_id, OutboxMessage.version).where(
                        col(OutboxMessage.appointment_id).in_(ids[i : i + 500]),
                        col(OutboxMessage.kind) == MessageKind.REMINDER.value,
                        col(OutboxMessage.status).in_(_REACHED),
                    )
                ):
                    reminded.add((appointment_id, base_version(version)))
        cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        labels: dict[str, str] = {}
        for r in rows:
            key = (f"{r.start:%Y-%m}", r.code)
            labels[r.code] = r.label
            with_r = (r.id, version_of(r.start, r.mode)) in reminded
            c = cells[key]
            c[0 if with_r else 2] += 1
            if r.status == Status.NO_SHOW.value:
                c[1 if with_r else 3] += 1
        return [
            NoShowRow(month, code, labels[code], NoShowCounts(c[0], c[1]), NoShowCounts(c[2], c[3]))
            for (month, code), c in sorted(cells.items())
        ]


def _view(r: OutboxMessage, youth: Youth | None, tz: str) -> MessageView:
    kind = MessageKind(r.kind)
    status = MessageStatus(r.status)
    about_text = base_version(r.version).split("/", 1)[0]
    try:
        about: datetime | None = datetime.fromisoformat(about_text)
    except ValueError:
        about = None
    channel = r.channel
    return MessageView(
        id=r.id,
        youth_id=r.youth_id,
        youth_name=f"{youth.last_name.upper()} {youth.first_name}" if youth else "",
        kind=kind,
        kind_label=KIND_FR[kind],
        channel=channel,
        channel_label=CHANNEL_FR[Channel(channel)] if channel else "",
        recipient=r.recipient,
        status=status,
        status_label=STATUS_FR[status],
        due=local_now(aware(r.due_at), tz),
        sent=local_now(aware(r.sent_at), tz) if r.sent_at else None,
        receipt=r.receipt,
        delivery=r.delivery,
        error=r.error,
        title=r.title,
        text=r.body,
        parts=r.parts,
        about=about,
    )


__all__ = ["RemindersService", "SendReport", "TransportKit"]
