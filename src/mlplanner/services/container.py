"""All services of one site file, built once by the composition root (app, CLI, tests)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.clock import Clock, SystemClock
from ..storage.db import Database
from ..storage.migrate import open_database
from .audit_log import AuditLogService
from .backups import BEFORE_SYNC, BackupService
from .booking import BookingService
from .context import ServiceContext
from .directory import DirectoryService
from .followup import FollowupService
from .import_export import ImportExportService
from .privacy import PrivacyService
from .site_settings import SiteSettingsService
from .slots import SlotService
from .stats import StatsService
from .sync_service import SyncService
from .workshops import WorkshopService  # registers workshop busy time and the merge hook
from .youths import YouthService

if TYPE_CHECKING:
    from .printing_service import PrintingService


@dataclass
class Services:
    ctx: ServiceContext
    directory: DirectoryService
    booking: BookingService
    slots: SlotService
    youths: YouthService
    settings: SiteSettingsService
    followup: FollowupService
    backups: BackupService
    privacy: PrivacyService
    audit_log: AuditLogService
    workshops: WorkshopService
    stats: StatsService
    sync: SyncService
    import_export: ImportExportService

    @classmethod
    def for_database(cls, db: Database, clock: Clock | None = None) -> Services:
        ctx = ServiceContext(db, clock or SystemClock())
        settings = SiteSettingsService(ctx)
        backups = BackupService(ctx)
        privacy = PrivacyService(ctx)
        return cls(
            ctx=ctx,
            directory=DirectoryService(ctx),
            booking=BookingService(ctx),
            slots=SlotService(ctx),
            youths=YouthService(ctx),
            settings=settings,
            followup=FollowupService(ctx, settings),
            backups=backups,
            privacy=privacy,
            audit_log=AuditLogService(ctx),
            workshops=WorkshopService(ctx),
            stats=StatsService(ctx),
            sync=SyncService(
                ctx,
                before_apply=lambda: backups.backup_now(BEFORE_SYNC),
                after_apply=privacy.follow_received,
            ),
            import_export=ImportExportService(ctx),
        )

    @cached_property
    def printing(self) -> PrintingService:
        """Built on first use: reportlab costs ~0.4 s to import and most sessions never print."""
        from .printing_service import PrintingService

        return PrintingService(self.ctx)

    @classmethod
    def open(cls, path: Path | str, clock: Clock | None = None) -> Services:
        """Open (create or migrate) a site file and build its services."""
        return cls.for_database(open_database(path), clock)

    def close(self) -> None:
        self.ctx.db.dispose()
