"""All services of one site file, wired by the composition root (app, CLI, tests).

Each service is built, and its module imported, the first time it is used (`built_once`): a start to
the site's day needs the directory, the schedule, the booking rules and the attention marks, not the
network sync, the outbox, the reports or the imports (their modules, and the tables they bring, cost
~0.5 s of CPU at start-up: issue 19). The wiring stays here, in one place, explicit: each property
says which collaborators its service gets; nothing registers itself by being imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from mlplanner.domain.clock import Clock, SystemClock
from mlplanner.services.context import ServiceContext
from mlplanner.storage.changes import ChangeWatch, watch
from mlplanner.storage.db import GLOBAL_LOCK, Database, is_server_url, site_in_url
from mlplanner.storage.migrate import open_database

__all__ = ["ChangeWatch", "Services"]

if TYPE_CHECKING:
    from mlplanner.services.audit_log import AuditLogService
    from mlplanner.services.backups import BackupService
    from mlplanner.services.booking.availability import BusyTime
    from mlplanner.services.booking.impact import ImpactService
    from mlplanner.services.booking.service import BookingService
    from mlplanner.services.booking.slots import SlotService
    from mlplanner.services.booking.status import AppointmentStatusService
    from mlplanner.services.booking.walk_in import WalkInService
    from mlplanner.services.directory.service import DirectoryService
    from mlplanner.services.directory.setup import SiteSetupService
    from mlplanner.services.directory.site_settings import SiteSettingsService
    from mlplanner.services.directory.staff_import import StaffImportService
    from mlplanner.services.followup.orientations import OrientationService
    from mlplanner.services.followup.periods import PeriodService
    from mlplanner.services.followup.service import FollowupService
    from mlplanner.services.network.service import NetworkService
    from mlplanner.services.printing.service import PrintingService
    from mlplanner.services.privacy.service import PrivacyService
    from mlplanner.services.reception.requests import BookingRequestService
    from mlplanner.services.reception.wishes import WishService
    from mlplanner.services.reminders.sender import TransportKit
    from mlplanner.services.reminders.service import RemindersService
    from mlplanner.services.reminders.settings import SecretStore
    from mlplanner.services.reports import ReportServices
    from mlplanner.services.reports.stats import StatsService
    from mlplanner.services.schedule.service import ScheduleService
    from mlplanner.services.sync.service import SyncService
    from mlplanner.services.sync.undo import SyncUndoService
    from mlplanner.services.workshops.registrations import RegistrationService
    from mlplanner.services.workshops.service import WorkshopService
    from mlplanner.services.workshops.sessions import SessionService
    from mlplanner.services.youths.import_export import ImportExportService
    from mlplanner.services.youths.service import YouthService

T = TypeVar("T")


class built_once(Generic[T]):  # used as a decorator, like `cached_property`
    """A service built the first time it is asked for, then kept (one per `Services`, whatever the
    thread: the GUI thread, the file's check and the sync timer may ask at once). An instance value
    set by a test replaces it, as with `cached_property`."""

    def __init__(self, build: Callable[[Services], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> built_once[T]: ...
    @overload
    def __get__(self, obj: Services, owner: type | None = None) -> T: ...
    def __get__(self, obj: Services | None, owner: type | None = None) -> T | built_once[T]:
        if obj is None:
            return self
        built = obj.__dict__.get(self.name, _MISSING)
        if built is _MISSING:
            with obj._building:  # one builder at a time: a service built by two threads would be two
                built = obj.__dict__.get(self.name, _MISSING)
                if built is _MISSING:
                    built = obj.__dict__[self.name] = self.build(obj)
        return built


_MISSING: Any = object()


class Services:
    """The use cases of one database (a site file, or a server for one site), built on first use."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        environ: Mapping[str, str],
        secrets: SecretStore | None = None,
        transports: TransportKit | None = None,
    ) -> None:
        self.ctx = ctx
        self._environ, self._secrets, self._transports = environ, secrets, transports
        self._building = threading.RLock()  # reentrant: a service's collaborators are built within

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
        return cls(
            ctx, environ=os.environ if environ is None else environ, secrets=secrets, transports=transports
        )

    @classmethod
    def names(cls) -> list[str]:
        """Every service's name, built or not (the shared collaborators, private, are not services)."""
        return [n for n, v in vars(cls).items() if isinstance(v, built_once) and not n.startswith("_")]

    # --- shared collaborators ------------------------------------------------------------------------
    @built_once
    def _busy(self) -> BusyTime:
        """What takes a person or a room besides appointments: workshop sessions."""
        from mlplanner.services.booking.availability import BusyTime
        from mlplanner.services.workshops.clashes import workshop_spans

        return BusyTime(others=(workshop_spans,))

    # --- the day: directory, schedule, booking --------------------------------------------------------
    @built_once
    def directory(self) -> DirectoryService:
        from mlplanner.services.directory.service import DirectoryService

        return DirectoryService(self.ctx)

    @built_once
    def schedule(self) -> ScheduleService:
        from mlplanner.services.schedule.service import ScheduleService
        from mlplanner.services.workshops.schedule import session_activities

        return ScheduleService(self.ctx, activities=(session_activities,))

    @built_once
    def impact(self) -> ImpactService:
        from mlplanner.services.booking.impact import ImpactService

        return ImpactService(self.ctx)

    @built_once
    def booking(self) -> BookingService:
        from mlplanner.services.booking.service import BookingService

        return BookingService(self.ctx, busy=self._busy)

    @built_once
    def appointments(self) -> AppointmentStatusService:
        from mlplanner.services.booking.status import AppointmentStatusService

        return AppointmentStatusService(self.ctx, busy=self._busy)

    @built_once
    def slots(self) -> SlotService:
        from mlplanner.services.booking.slots import SlotService

        return SlotService(self.ctx, busy=self._busy)

    @built_once
    def walk_ins(self) -> WalkInService:
        from mlplanner.services.booking.walk_in import WalkInService

        return WalkInService(self.ctx, self.booking, self.appointments, self.slots)

    @built_once
    def youths(self) -> YouthService:
        from mlplanner.services.followup.merge import merge_followup
        from mlplanner.services.workshops.registrations import merge_registrations
        from mlplanner.services.youths.service import YouthService

        return YouthService(self.ctx, merge_hooks=(merge_registrations, merge_followup))

    # --- the site's settings and safety -----------------------------------------------------------------
    @built_once
    def settings(self) -> SiteSettingsService:
        from mlplanner.services.backups import KEEP_SETTINGS
        from mlplanner.services.directory.site_settings import (
            NO_CONTACT_WEEKS,
            NO_SHOW_FREES_AFTER,
            SiteSettingsService,
        )
        from mlplanner.services.privacy.service import FUNDER_EVIDENCE_YEARS, INACTIVE_MONTHS
        from mlplanner.services.sync.settings import PERIOD as SYNC_PERIOD
        from mlplanner.services.sync.settings import USE_PASSPHRASE as SYNC_USE_PASSPHRASE

        return SiteSettingsService(
            self.ctx,
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

    @built_once
    def privacy(self) -> PrivacyService:
        from mlplanner.services.privacy.service import PrivacyService

        return PrivacyService(self.ctx)

    @built_once
    def backups(self) -> BackupService:
        from mlplanner.services.backups import BackupService

        return BackupService(self.ctx, restore_hooks=(self.privacy.carry_over_erasures,))

    @built_once
    def audit_log(self) -> AuditLogService:
        from mlplanner.services.audit_log import AuditLogService

        return AuditLogService(self.ctx)

    @built_once
    def site_setup(self) -> SiteSetupService:
        from mlplanner.services.directory.setup import SiteSetupService

        return SiteSetupService(self.ctx)

    @built_once
    def staff_import(self) -> StaffImportService:
        from mlplanner.services.directory.staff_import import StaffImportService

        return StaffImportService(self.ctx)

    # --- follow-up --------------------------------------------------------------------------------------
    @built_once
    def followup(self) -> FollowupService:
        from mlplanner.services.followup.service import FollowupService
        from mlplanner.services.workshops.history import workshop_activities

        return FollowupService(self.ctx, self.settings, other_activities=(workshop_activities,))

    @built_once
    def periods(self) -> PeriodService:
        from mlplanner.services.followup.periods import PeriodService

        return PeriodService(self.ctx)

    @built_once
    def orientations(self) -> OrientationService:
        from mlplanner.services.followup.orientations import OrientationService

        return OrientationService(self.ctx)

    # --- workshops ----------------------------------------------------------------------------------------
    @built_once
    def workshops(self) -> WorkshopService:
        from mlplanner.services.workshops.service import WorkshopService

        return WorkshopService(self.ctx, busy=self._busy)

    @built_once
    def sessions(self) -> SessionService:
        from mlplanner.services.workshops.sessions import SessionService

        return SessionService(self.ctx, busy=self._busy)

    @built_once
    def registrations(self) -> RegistrationService:
        from mlplanner.services.workshops.registrations import RegistrationService

        return RegistrationService(self.ctx, busy=self._busy)

    # --- reception between sites ----------------------------------------------------------------------------
    @built_once
    def requests(self) -> BookingRequestService:
        from mlplanner.services.reception.requests import BookingRequestService

        return BookingRequestService(self.ctx, self.booking)

    @built_once
    def wishes(self) -> WishService:
        """A granted wish moves the appointment: the reminders outbox tells the young person by itself (a
        moved-appointment notice); `notify` is there for a message of the wishes' own."""
        from mlplanner.services.reception.wishes import WishService

        return WishService(self.ctx, self.booking)

    # --- sync, network, imports -------------------------------------------------------------------------------
    @built_once
    def sync(self) -> SyncService:
        from mlplanner.services.sync.service import SyncService

        return SyncService(
            self.ctx,
            before_apply=self.backups.before_sync_if_due,
            after_apply=self.privacy.follow_received,
            answer=self.requests.answer_pending,  # booking requests from other sites
        )

    @built_once
    def sync_undo(self) -> SyncUndoService:
        from mlplanner.services.sync.undo import SyncUndoService

        return SyncUndoService(self.ctx)

    @built_once
    def network(self) -> NetworkService:
        from mlplanner.services.network.service import NetworkService

        return NetworkService(self.ctx, self.sync)

    @built_once
    def import_export(self) -> ImportExportService:
        from mlplanner.services.youths.import_export import ImportExportService

        return ImportExportService(self.ctx)

    # --- messages, reports, paper ------------------------------------------------------------------------------
    @built_once
    def reminders(self) -> RemindersService:
        from mlplanner.services.reminders.service import RemindersService
        from mlplanner.services.reminders.settings import SystemSecrets

        ctx = self.ctx
        return RemindersService(
            ctx,
            secrets=self._secrets or SystemSecrets(lambda: ctx.site().code, self._environ),
            environ=self._environ,
            transports=self._transports,
        )

    @built_once
    def stats(self) -> StatsService:
        from mlplanner.services.reports.stats import StatsService

        return StatsService(self.ctx)

    @built_once
    def reports(self) -> ReportServices:
        from mlplanner.services.reports import ReportServices

        return ReportServices.build(self.ctx)

    @built_once
    def printing(self) -> PrintingService:
        """reportlab costs ~0.4 s to import and most sessions never print."""
        from mlplanner.services.printing.service import PrintingService

        return PrintingService(
            self.ctx,
            directory=self.directory,
            workshops=self.workshops,
            followup=self.followup,
            schedule=self.schedule,
        )

    # --- the database --------------------------------------------------------------------------------------------
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
