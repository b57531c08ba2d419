"""All services of one site file, built once by the composition root (app, CLI, tests)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mlplanner.domain.clock import Clock, SystemClock
from mlplanner.services.audit_log import AuditLogService
from mlplanner.services.backups import KEEP_SETTINGS, BackupService
from mlplanner.services.booking.availability import BusyTime
from mlplanner.services.booking.impact import ImpactService
from mlplanner.services.booking.service import BookingService
from mlplanner.services.booking.slots import SlotService
from mlplanner.services.booking.status import AppointmentStatusService
from mlplanner.services.booking.walk_in import WalkInService
from mlplanner.services.context import ServiceContext
from mlplanner.services.directory.service import DirectoryService
from mlplanner.services.directory.setup import SiteSetupService
from mlplanner.services.directory.site_settings import (
    NO_CONTACT_WEEKS,
    NO_SHOW_FREES_AFTER,
    SiteSettingsService,
)
from mlplanner.services.directory.staff_import import StaffImportService
from mlplanner.services.followup.merge import merge_followup
from mlplanner.services.followup.orientations import OrientationService
from mlplanner.services.followup.periods import PeriodService
from mlplanner.services.followup.service import FollowupService
from mlplanner.services.network.service import NetworkService
from mlplanner.services.privacy.service import FUNDER_EVIDENCE_YEARS, INACTIVE_MONTHS, PrivacyService
from mlplanner.services.reception.requests import BookingRequestService
from mlplanner.services.reception.wishes import WishService
from mlplanner.services.reminders.sender import TransportKit
from mlplanner.services.reminders.service import RemindersService
from mlplanner.services.reminders.settings import SecretStore, SystemSecrets
from mlplanner.services.reports import ReportServices
from mlplanner.services.reports.stats import StatsService
from mlplanner.services.schedule.service import ScheduleService
from mlplanner.services.sync.service import SyncService
from mlplanner.services.sync.settings import PERIOD as SYNC_PERIOD
from mlplanner.services.sync.settings import USE_PASSPHRASE as SYNC_USE_PASSPHRASE
from mlplanner.services.sync.undo import SyncUndoService
from mlplanner.services.workshops.clashes import workshop_spans
from mlplanner.services.workshops.history import workshop_activities
from mlplanner.services.workshops.registrations import RegistrationService, merge_registrations
from mlplanner.services.workshops.schedule import session_activities
from mlplanner.services.workshops.service import WorkshopService
from mlplanner.services.workshops.sessions import SessionService
from mlplanner.services.youths.import_export import ImportExportService
from mlplanner.services.youths.service import YouthService
from mlplanner.storage.db import GLOBAL_LOCK, Database, is_server_url, site_in_url

__all__ = ["ChangeWatch", "Services"]
from mlplanner.storage.changes import ChangeWatch, watch
from mlplanner.storage.migrate import open_database

if TYPE_CHECKING:
    from mlplanner.services.printing.service import PrintingService


@dataclass
class Services:
    ctx: ServiceContext
    directory: DirectoryService
    booking: BookingService
    appointments: AppointmentStatusService
    slots: SlotService
    walk_ins: WalkInService
    impact: ImpactService
    youths: YouthService
    settings: SiteSettingsService
    followup: FollowupService
    backups: BackupService
    privacy: PrivacyService
    audit_log: AuditLogService
    workshops: WorkshopService
    sessions: SessionService
    registrations: RegistrationService
    stats: StatsService
    sync: SyncService
    sync_undo: SyncUndoService
    import_export: ImportExportService
    reminders: RemindersService
    schedule: ScheduleService
    site_setup: SiteSetupService
    staff_import: StaffImportService
    network: NetworkService
    reports: ReportServices
    periods: PeriodService
    orientations: OrientationService
    wishes: WishService
    requests: BookingRequestService

    @classmethod
    def for_database(
        cls,
        db: Database,
        clock: Clock | None = None,
        *,
        site: str | None = None,
        environ: Mapping[str, str] | None = None,
        secrets: SecretStore | None = None,
        transports: TransportKit | None = None,
    ) -> Services:
        """The one place where use cases get their collaborators: what one area adds to another
        (workshop sessions as busy time and as history, registrations that follow a youth merge,
        erasures that survive a restore) is passed here, never registered by importing a module.

        `site`: on a server holding several sites, the one this process works for. `environ` (default
        `os.environ`), `secrets` (default: environment, then the system keyring) and `transports` (TLS
        context of the relays) feed the outbox; tests pass their own."""
        ctx = ServiceContext(db, clock or SystemClock(), acting_site=site.strip().upper() if site else None)
        if db.is_server:
            ctx.lock_key()  # every write of this process, even a direct `db.write()`, takes its site's lock
        environ = os.environ if environ is None else environ
        busy = BusyTime(others=(workshop_spans,))
        settings = SiteSettingsService(
            ctx,
            catalogue=(
                NO_CONTACT_WEEKS,
                NO_SHOW_FREES_AFTER,
                *KEEP_SETTINGS.values(),
                INACTIVE_MONTHS,
                FUNDER_EVIDENCE_YEARS,
                SYNC_PERIOD,
                SYNC_USE_PASSPHRASE,
            ),
        )
        privacy = PrivacyService(ctx)
        backups = BackupService(ctx, restore_hooks=(privacy.carry_over_erasures,))
        booking = BookingService(ctx, busy=busy)
        requests = BookingRequestService(ctx, booking)
        sync = SyncService(
            ctx,
            before_apply=backups.before_sync_if_due,
            after_apply=privacy.follow_received,
            answer=requests.answer_pending,  # booking requests from other sites
        )
        appointments = AppointmentStatusService(ctx, busy=busy)
        slots = SlotService(ctx, busy=busy)
        return cls(
            ctx=ctx,
            directory=DirectoryService(ctx),
            booking=booking,
            appointments=appointments,
            slots=slots,
            walk_ins=WalkInService(ctx, booking, appointments, slots),
            impact=ImpactService(ctx),
            youths=YouthService(ctx, merge_hooks=(merge_registrations, merge_followup)),
            settings=settings,
            followup=FollowupService(ctx, settings, other_activities=(workshop_activities,)),
            backups=backups,
            privacy=privacy,
            audit_log=AuditLogService(ctx),
            workshops=WorkshopService(ctx, busy=busy),
            sessions=SessionService(ctx, busy=busy),
            registrations=RegistrationService(ctx, busy=busy),
            stats=StatsService(ctx),
            sync=sync,
            sync_undo=SyncUndoService(ctx),
            import_export=ImportExportService(ctx),
            reminders=RemindersService(
                ctx,
                secrets=secrets or SystemSecrets(lambda: ctx.site().code, environ),
                environ=environ,
                transports=transports,
            ),
            schedule=ScheduleService(ctx, activities=(session_activities,)),
            site_setup=SiteSetupService(ctx),
            staff_import=StaffImportService(ctx),
            network=NetworkService(ctx, sync),
            reports=ReportServices.build(ctx),
            periods=PeriodService(ctx),
            orientations=OrientationService(ctx),
            # a granted wish moves the appointment: the reminders outbox tells the young person by
            # itself (a moved-appointment notice); `notify` is there for a message of the wishes' own
            wishes=WishService(ctx, booking),
            requests=requests,
        )

    @cached_property
    def printing(self) -> PrintingService:
        """Built on first use: reportlab costs ~0.4 s to import and most sessions never print."""
        from mlplanner.services.printing.service import PrintingService

        return PrintingService(
            self.ctx,
            directory=self.directory,
            workshops=self.workshops,
            followup=self.followup,
            schedule=self.schedule,
        )

    @classmethod
    def open(
        cls,
        location: Path | str,
        clock: Clock | None = None,
        *,
        site: str | None = None,
        create: bool = True,
        environ: Mapping[str, str] | None = None,
        secrets: SecretStore | None = None,
        transports: TransportKit | None = None,
    ) -> Services:
        """Open (create or migrate) a site file, or a server database (see `storage.migrate.open_server`),
        and build its services. On a server, `site` defaults to the URL's `site=` parameter."""
        if site is None and is_server_url(location):
            site = site_in_url(str(location))
        db = open_database(location, create=create)
        try:
            return cls.for_database(
                db, clock, site=site, environ=environ, secrets=secrets, transports=transports
            )
        except BaseException:
            db.dispose()
            raise

    def watch_changes(self) -> ChangeWatch:
        """What other workstations write, and whether the database answers: the live refresh's source
        (a file's data version; on a server, the notifications of this site's writes and of syncs)."""
        sites = None
        if self.ctx.db.is_server:
            with self.ctx.read() as s:
                sites = {self.ctx.site_code(s), GLOBAL_LOCK}
        return watch(self.ctx.db, sites)

    def close(self) -> None:
        self.ctx.db.dispose()
