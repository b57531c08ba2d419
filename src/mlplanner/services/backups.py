"""Backups of the site file: daily at first open, before a sync or a restore, on demand; restore safely.

Every copy goes through SQLite's backup API (`storage.backup`), never a file copy of a live database.
Rotation keeps the newest N copies of each kind; N is stored in the `meta` table (`backup.keep.<tag>`),
so a site lead changes it once for every workstation sharing the file. Copies taken before a migration
(`before-<revision>`) are never rotated: they are rare and are the way back from a failed upgrade.

Restore (see docs/windows-build.md, "Sauvegardes"): refused while another mlplanner process of this user
holds the instance lock; the current state is backed up first (`before-restore`), then the backup's pages
are written into the live file through the backup API, so any other connection reads the restored data
on its next transaction; the result must pass `PRAGMA integrity_check`, else the safety copy goes back.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.domain.models import Changes
from mlplanner.domain.wallclock import DEFAULT_TZ, local_now
from mlplanner.instance_lock import acquire_instance_lock
from mlplanner.paths import app_data_dir
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import SITE_CODE_KEY, Actor, ServiceContext
from mlplanner.services.directory.site_settings import IntSetting, SiteSettingsService
from mlplanner.services.permissions import Perm, require
from mlplanner.storage import backup as store
from mlplanner.storage import pg_backup
from mlplanner.storage.db import storage_error
from mlplanner.storage.migrate import (
    head_revision,
    known_revisions,
    server_problems,
    upgrade,
    upgrade_server,
)
from mlplanner.storage.tables import Meta

log = logging.getLogger(__name__)

DAILY, MANUAL, BEFORE_SYNC, BEFORE_RESTORE = "daily", "manual", "before-sync", "before-restore"
DEFAULT_KEEP: dict[str, int] = {DAILY: 14, BEFORE_SYNC: 20, MANUAL: 10, BEFORE_RESTORE: 5}
KIND_FR: dict[str, str] = {
    DAILY: "quotidienne",
    MANUAL: "manuelle",
    BEFORE_SYNC: "avant synchronisation",
    BEFORE_RESTORE: "avant restauration",
}

# Called before a restore; returns a function called after the restore succeeded. The privacy tools
# give one (`PrivacyService.carry_over_erasures`) so a restored backup never brings back a person erased
# since it was taken.
RestoreHook = Callable[[], Callable[[], object]]


def kind_fr(tag: str) -> str:
    if tag in KIND_FR:
        return KIND_FR[tag]
    return "avant mise à jour" if tag.startswith("before-") else tag


def keep_key(tag: str) -> str:
    return f"backup.keep.{tag}"


# Each count is a site setting (meta table): the settings page and `mlplanner` read the same value.
KEEP_SETTINGS: dict[str, IntSetting] = {
    tag: IntSetting(
        key=keep_key(tag),
        label=f"Sauvegardes {KIND_FR[tag]}s conservées"
        if tag == DAILY
        else f"Sauvegardes « {KIND_FR[tag]} » conservées",
        default=keep,
        minimum=1,
        maximum=365,
        unit="copies",
    )
    for tag, keep in DEFAULT_KEEP.items()
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    tag: str
    taken_at: datetime  # aware UTC
    size_bytes: int
    local_taken_at: datetime | None = None  # the same instant on the site's wall clock (what people read)

    @property
    def kind_fr(self) -> str:
        return kind_fr(self.tag)


@dataclass(frozen=True)
class BackupPreview:
    """What the restore dialog shows before a site lead confirms."""

    path: Path
    taken_at: datetime | None  # from the file name (None for a file picked elsewhere)
    site_code: str
    youths: int
    appointments: int
    last_change: datetime | None  # aware UTC
    revision: str | None
    problems: tuple[str, ...] = ()  # empty when the file can be restored
    local_taken_at: datetime | None = None  # `taken_at` on the site's wall clock

    @property
    def restorable(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupPreview
    safety_copy: BackupInfo  # the state just before the restore, to undo it
    changes: Changes


@dataclass(frozen=True)
class StartupReport:
    integrity_ok: bool
    daily_backup: BackupInfo | None


def damaged_file_error(db_path: Path, tz: str = DEFAULT_TZ) -> StorageError:
    """The refusal of a file that fails the integrity check: nothing was changed, and the way back —
    the newest backup that passes the check itself (a copy taken after the damage would not help)."""
    good = next(
        (b for b in store.list_backups(db_path) if not store.integrity_problems(b.path, quick=True)), None
    )
    if good is not None:
        hint = (
            f" Dernière sauvegarde saine : {good.path} (du {local_now(good.taken_at, tz):%d/%m/%Y à %H:%M}). "
            f'Pour la restaurer : mlplanner restore "{good.path}" --db "{db_path}", ou dans '
            "l'application : Fichier → Sauvegardes et restauration (un responsable de site)."
        )
    else:
        hint = " Aucune sauvegarde saine n'a été trouvée à côté du fichier : contactez l'informatique."
    return StorageError(
        "db_corrupt",
        f"Le fichier de la base de données « {db_path.name} » est endommagé (contrôle d'intégrité en "
        f"échec) ; rien n'y a été écrit.{hint}",
    )


def _info(name: store.BackupName, tz: str) -> BackupInfo:
    try:
        size = name.path.stat().st_size
    except OSError:
        size = 0
    return BackupInfo(name.path, name.tag, name.taken_at, size, local_now(name.taken_at, tz))


@checked_dates
class BackupService:
    """`restore_hooks`: what must survive a restore (the privacy tools' erasures), given by the
    composition root."""

    def __init__(
        self, ctx: ServiceContext, folder: Path | None = None, *, restore_hooks: Sequence[RestoreHook]
    ) -> None:
        self.ctx = ctx
        self._folder = folder
        self.restore_hooks = tuple(restore_hooks)

    # --- where -----------------------------------------------------------------------------------
    @property
    def on_server(self) -> bool:
        return self.ctx.db.is_server

    @property
    def db_path(self) -> Path:
        """The site file; on a server, a name standing for the database (its backups are named after it)."""
        if self.ctx.db.path is not None:
            return self.ctx.db.path
        url = self.ctx.db.engine.url
        return Path(f"{url.database or 'mlplanner'}")

    @property
    def suffix(self) -> str:
        return pg_backup.DUMP_SUFFIX if self.on_server else ".sqlite3"

    @property
    def folder(self) -> Path:
        """Next to the site file; for a server, `MLPLANNER_BACKUP_DIR` or this machine's data folder
        (`backups/<host>-<port>-<database>`): a nightly `mlplanner backup` runs where the tools are."""
        if self._folder is not None:
            return self._folder
        if not self.on_server:
            return store.backup_dir_for(self.db_path)
        chosen = os.environ.get("MLPLANNER_BACKUP_DIR", "").strip()
        if chosen:
            return Path(chosen).expanduser()
        url = self.ctx.db.engine.url
        parts = [url.host or url.query.get("host") or "local", url.port or url.query.get("port") or 5432]
        host, port = (str(x[-1] if isinstance(x, tuple) else x) for x in parts)  # ?host=a&host=b: the last
        host = host.strip("/").replace("/", "_") or "local"
        key = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{host}-{port}-{url.database}")
        return app_data_dir() / "backups" / key

    def _tz(self) -> str:
        try:
            return self.ctx.site().timezone
        except (StorageError, SQLAlchemyError):
            return DEFAULT_TZ  # a file without a site yet (or unreadable): Paris time is as good as any

    # --- taking backups --------------------------------------------------------------------------
    def backup_now(self, reason: str = MANUAL, *, out: Path | None = None) -> BackupInfo:
        """Copy the live file now. `reason` is the tag (`before-sync` before applying change sets).

        With `out`, the copy goes to that file and is left out of rotation (the user chose where).
        """
        now = self.ctx.clock.now_utc()
        magic = b"PGDMP" if self.on_server else b"SQLite format 3\x00"
        if out is not None:
            target = Path(out)
            if not target.parent.is_dir():  # a chosen place: never create folders the user did not make
                raise InputError(
                    "backup_folder_missing",
                    f"Le dossier « {target.parent} » n'existe pas : créez-le d'abord ou choisissez un autre "
                    "emplacement.",
                )
            if target.is_file() and target.stat().st_size and not target.read_bytes()[:16].startswith(magic):
                what = "une sauvegarde de serveur" if self.on_server else "une base de données"
                raise InputError(
                    "backup_target_not_db",
                    f"« {target} » existe et n'est pas {what} : choisissez un autre nom "
                    "(une sauvegarde ne remplace jamais un autre fichier).",
                )
            dest = self._copy(target)
            log.info("backup (%s) written to a chosen file", reason)
            return BackupInfo(dest, reason, now, dest.stat().st_size, local_now(now, self._tz()))
        self.folder.mkdir(parents=True, exist_ok=True)
        store.make_private_dir(self.folder)
        dest = store.free_name(self.folder / store.backup_name(self.db_path, reason, now, self.suffix))
        self._copy(dest)
        info = BackupInfo(dest, reason, now, dest.stat().st_size, local_now(now, self._tz()))
        log.info("backup (%s) written: %s", reason, dest.name)
        self.rotate()
        return info

    def _copy(self, dest: Path) -> Path:
        if self.on_server:
            return pg_backup.dump(self.ctx.db.engine, dest)
        return store.backup_file(self.db_path, dest)

    def daily_backup_if_due(self) -> BackupInfo | None:
        """The first open of the day (site's local date) takes the daily copy; later opens do nothing."""
        tz = self._tz()
        today = local_now(self.ctx.clock.now_utc(), tz).date()
        for b in self.list_backups():
            if b.tag == DAILY and local_now(b.taken_at, tz).date() >= today:
                return None
        return self.backup_now(DAILY)

    def before_sync_if_due(self) -> BackupInfo | None:
        """Before applying change sets: a copy of the whole file at most once a day (site's local date).

        Each apply journals what it overwrites (`sync_undo`), which is what undoes a wrong change set;
        this daily copy is the second line (a disaster, a bug of the journal), taken only when no copy of
        today exists (the daily one taken at start-up counts), so that a sync every 15 minutes does not
        copy a file of several gigabytes each time (issue 19)."""
        tz = self._tz()
        today = local_now(self.ctx.clock.now_utc(), tz).date()
        for b in self.list_backups():
            if b.tag in (DAILY, BEFORE_SYNC) and local_now(b.taken_at, tz).date() >= today:
                return None
        return self.backup_now(BEFORE_SYNC)

    # --- rotation --------------------------------------------------------------------------------
    def keep_count(self, tag: str) -> int | None:
        """How many copies of this kind are kept; None for kinds never rotated (pre-migration)."""
        if tag not in KEEP_SETTINGS:
            return None
        return SiteSettingsService(self.ctx).get_int(KEEP_SETTINGS[tag])

    def rotate(self) -> list[Path]:
        """Delete the oldest copies beyond each kind's count; returns what was removed."""
        removed: list[Path] = []
        by_tag: dict[str, list[BackupInfo]] = {}
        for b in self.list_backups():
            by_tag.setdefault(b.tag, []).append(b)
        for tag, items in by_tag.items():
            keep = self.keep_count(tag)
            if keep is None:
                continue
            for old in items[keep:]:  # newest first
                try:
                    old.path.unlink()
                    removed.append(old.path)
                except OSError as exc:
                    log.warning("could not remove old backup %s: %s", old.path.name, exc.strerror)
        return removed

    def list_backups(self) -> list[BackupInfo]:
        """Backups of this file, newest first."""
        tz = self._tz()
        return [_info(b, tz) for b in store.list_backups(self.db_path, self.folder)]

    # --- checks ----------------------------------------------------------------------------------
    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """`PRAGMA integrity_check` of the live file (empty list: all good); `quick`: `quick_check`.
        On a server: what the app relies on (schema version, btree_gist, constraints, collation);
        the server checks its own pages."""
        if self.on_server:
            return server_problems(self.ctx.db)
        return store.integrity_problems(self.db_path, quick=quick)

    def refuse_if_damaged(self) -> None:
        """Raise the damaged-file refusal (`damaged_file_error`) if the file fails SQLite's quick check.

        Run before anything reads or writes: the app at start, every CLI command (but `check`, which
        reports the details, and `restore`, the way out)."""
        problems = self.integrity_problems(quick=True)
        if problems:
            log.error("integrity check failed: %s", "; ".join(problems[:3]))
            raise damaged_file_error(self.db_path, self._tz())

    def startup(self) -> StartupReport:
        """At app start: protect the files, check them quickly, take the day's first backup.

        The check is SQLite's `quick_check` (every page read, b-trees checked, indexes not matched
        against their tables): 0.7 s instead of 5 s for the full `integrity_check` on a 460 MB file. The
        full check runs after a restore and from « Outils → Contrôler l'intégrité de la base ».
        A damaged file raises StorageError naming the newest backup, so the user knows the way out; the
        daily copy is not taken from a damaged file (it would rotate a good copy away). The app runs the
        two halves (`check_at_start`, `daily_backup_at_start`) itself, after its day view is shown.
        """
        self.check_at_start()
        return StartupReport(integrity_ok=True, daily_backup=self.daily_backup_at_start())

    def check_at_start(self) -> None:
        """The start's check: the file's quick check (a server: its schema); raises StorageError."""
        if self.on_server:  # the nightly dump is the IT person's (see the README): none per workstation
            problems = self.integrity_problems(quick=True)
            if problems:
                raise StorageError(
                    "db_incomplete",
                    "La base du serveur n'est pas complète (" + "; ".join(problems[:3]) + ") : "
                    "l'informaticien lance « mlplanner server init --db … ».",
                )
            return
        store.make_private(self.db_path)
        self.refuse_if_damaged()

    def daily_backup_at_start(self) -> BackupInfo | None:
        """The day's first copy of a checked file (none on a server); a failure is logged, not raised."""
        if self.on_server:
            return None
        try:
            return self.daily_backup_if_due()
        except (OSError, StorageError) as exc:  # a full disk must not stop the day's work
            log.error("daily backup failed: %s", exc)
            return None

    # --- restore ---------------------------------------------------------------------------------
    def preview(self, path: Path) -> BackupPreview:
        """Date and counts of a backup, and why it cannot be restored if so (never raises for a bad file)."""
        path = Path(path)
        name = store.parse_backup_name(path, self.db_path.stem)
        taken = name.taken_at if name else None
        local = local_now(taken, self._tz()) if taken else None
        empty = BackupPreview(path, taken, "", 0, 0, None, None, local_taken_at=local)
        if not path.is_file():
            return replace(empty, problems=(f"Fichier introuvable : « {path} ».",))
        if self.on_server:
            if pg_backup.archive_problems(path):
                return replace(
                    empty, problems=("Ce fichier est endommagé ou n'est pas une sauvegarde de serveur.",)
                )
            read = pg_backup.read_summary
        else:
            if store.integrity_problems(path):
                return replace(empty, problems=("Ce fichier est endommagé ou n'est pas une base SQLite.",))
            read = store.read_summary
        try:
            summary = read(path)
        except Exception:  # any unreadable or foreign file: described, not raised
            return replace(empty, problems=("Ce fichier n'est pas une sauvegarde de mlplanner.",))
        found: list[str] = []
        if summary.revision not in known_revisions():
            found.append("Cette sauvegarde vient d'une version plus récente de mlplanner : mettez-le à jour.")
        if not summary.site_code:  # a file with the schema but no site: restoring it would empty the base
            found.append("Cette sauvegarde ne contient aucun site : il n'y a rien à restaurer.")
        own = self._own_site_code()
        if own and summary.site_code and summary.site_code != own:
            found.append(f"Cette sauvegarde est celle du site {summary.site_code}, pas du site {own}.")
        return BackupPreview(
            path,
            taken,
            summary.site_code,
            summary.youths,
            summary.appointments,
            summary.last_change,
            summary.revision,
            tuple(found),
            local,
        )

    def _own_site_code(self) -> str:
        with self.ctx.read() as s:
            row = s.get(Meta, SITE_CODE_KEY)
            return row.value if row else ""

    def restore(self, *, actor: Actor, path: Path) -> RestoreResult:
        """Put the content of backup `path` back into the live file (after a safety copy of today's)."""
        require(actor, Perm.CONFIGURE_SITE)
        preview = self.preview(Path(path))
        if not preview.restorable:
            raise InputError("bad_backup", " ".join(preview.problems))
        gate = self.ctx.db.writes
        if gate.retired is not None:  # the site moved to a server: a restore would make the file live again
            raise gate.retired
        refusal = gate.refusal  # a damaged file refuses writes; the restore is the way out of it
        if refusal is not None:
            gate.open()
        try:
            return self._restore(actor, preview)
        except BaseException:
            if refusal is not None:
                gate.open(refusal)  # still the damaged file
            raise

    def _restore(self, actor: Actor, preview: BackupPreview) -> RestoreResult:
        with acquire_instance_lock(self.ctx.db.location):
            after_hooks = [hook() for hook in self.restore_hooks]
            safety = self.backup_now(BEFORE_RESTORE)
            self.ctx.db.engine.dispose()  # no pooled connection keeps a page cache of the old content
            try:  # one write transaction on the live base: it fails whole or succeeds whole
                self._put_back(preview.path)
            except sqlite3.Error as exc:
                raise storage_error(exc) from exc
            try:
                if preview.revision != head_revision():
                    if self.on_server:
                        upgrade_server(self.ctx.db)
                    else:
                        upgrade(self.ctx.db)
                problems = self.integrity_problems()
                if problems:
                    raise StorageError("restore_corrupt", "; ".join(problems[:3]))
            except Exception as exc:
                log.error("restore failed (%s); putting the safety copy back", exc.__class__.__name__)
                self.ctx.db.engine.dispose()
                self._put_back(safety.path)
                raise StorageError(
                    "restore_failed",
                    "La restauration a échoué ; la base a été remise dans l'état d'avant la restauration.",
                ) from exc
            for after in after_hooks:
                after()
            with self.ctx.write() as s:
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="restore",
                    entity="backup",
                    entity_id=preview.path.name[:36],
                    reason=f"copie de sécurité : {safety.path.name}"[:300],
                    after={"youths": preview.youths, "appointments": preview.appointments},
                )
        if self.on_server:
            self.ctx.db.engine.dispose()  # connections opened before the restore knew the old tables
        log.info("restored %s (safety copy %s)", preview.path.name, safety.path.name)
        return RestoreResult(preview, safety, Changes.everything())

    def _put_back(self, backup: Path) -> None:
        """The backup's content into the live base (SQLite's backup API; a server: pg_backup.restore)."""
        if self.on_server:
            pg_backup.restore(self.ctx.db.engine, backup)
        else:
            store.restore_file(backup, self.db_path)
