"""The site's sync preferences: shared folder, period of the automatic sync, passphrase on or off.

Kept in the file's `meta` table (local, never synced), like the other site settings: the period and the
passphrase switch are `IntSetting`s (so the generic settings code reads and bounds them); the folder is text, so it is stored here. The passphrase itself is never stored: the app
asks it once per session or reads it from an environment variable (see `ui.sync_controller`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlplanner.domain.errors import InputError
from mlplanner.domain.models import Changes
from mlplanner.services import audit
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.directory.site_settings import IntSetting, SiteSettingsService
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Meta

FOLDER_KEY = "sync.folder"
PERIOD = IntSetting(
    key="sync.period_minutes",
    label="Synchroniser automatiquement toutes les",
    default=15,
    minimum=0,  # 0: by hand only
    maximum=24 * 60,
    unit="minutes",
)
USE_PASSPHRASE = IntSetting(
    key="sync.use_passphrase",
    label="Chiffrer les échanges avec la phrase secrète du réseau",
    default=0,
    minimum=0,
    maximum=1,
)


@dataclass(frozen=True)
class SyncSettings:
    folder: str  # "" when not chosen yet
    period_minutes: int  # 0: no automatic sync
    use_passphrase: bool

    @property
    def configured(self) -> bool:
        return bool(self.folder)


class SyncSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._ints = SiteSettingsService(ctx)

    def current(self) -> SyncSettings:
        with self.ctx.read() as s:
            row = s.get(Meta, FOLDER_KEY)
        return SyncSettings(
            folder=row.value if row is not None else "",
            period_minutes=self._ints.get_int(PERIOD),
            use_passphrase=bool(self._ints.get_int(USE_PASSPHRASE)),
        )

    def update(
        self,
        *,
        actor: Actor,
        folder: str | Path | None = None,
        period_minutes: int | None = None,
        use_passphrase: bool | None = None,
    ) -> Changes:
        """Change what is given (None keeps the value), in one transaction, audited per setting."""
        require(actor, Perm.CONFIGURE_SITE)
        wanted: dict[str, str] = {}
        if folder is not None:
            text = str(folder).strip()
            if text and not Path(text).expanduser().is_absolute():
                raise InputError(
                    "bad_sync_folder",
                    f"Dossier de synchronisation : indiquez un chemin complet (par exemple "
                    f"« \\\\serveur\\partage\\mlplanner » ou « E:\\mlplanner »), pas « {text} ».",
                )
            wanted[FOLDER_KEY] = str(Path(text).expanduser()) if text else ""
        if period_minutes is not None:
            if not isinstance(period_minutes, int) or not PERIOD.minimum <= period_minutes <= PERIOD.maximum:
                raise InputError(
                    "bad_setting",
                    f"{PERIOD.label} : indiquez un nombre entre {PERIOD.minimum} et {PERIOD.maximum} "
                    f"{PERIOD.unit} (0 : seulement à la demande).",
                )
            wanted[PERIOD.key] = str(period_minutes)
        if use_passphrase is not None:
            wanted[USE_PASSPHRASE.key] = "1" if use_passphrase else "0"
        changed = False
        with self.ctx.write() as s:
            for key, value in wanted.items():
                row = s.get(Meta, key)
                before = row.value if row is not None else None
                if before == value:
                    continue
                row = row or Meta(key=key)
                row.value = value
                s.add(row)
                changed = True
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="update",
                    entity="setting",
                    entity_id=key,
                    before={"value": before} if before else None,
                    after={"value": value},
                )
        return Changes.of("sync") if changed else Changes()
