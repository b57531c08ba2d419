"""Preparing a server database (`mlplanner server init`) and keeping its password in the keyring.

Init creates or upgrades the schema with the same Alembic migrations as a site file, then what the app
needs on PostgreSQL (btree_gist and the no-overlap constraints come with the migrations; every text
column gets the binary order, see `storage.migrate.binary_collation`), and says what it did: a second
run changes nothing. Before upgrading a schema that holds data, the database is dumped (`pg_dump`) into
the backups folder, as a site file is copied before its migration; that dump is never rotated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from mlplanner.domain.errors import InputError, StorageError
from mlplanner.storage.db import (
    KEYRING_SERVICE,
    Database,
    is_server_url,
    keyring_key,
    server_url,
    storage_error,
)
from mlplanner.storage.migrate import head_revision, known_revisions, server_revision, upgrade_server


@dataclass(frozen=True)
class InitResult:
    before: str | None
    after: str
    collation_fixed: int
    backup: str | None
    where: str

    def summary_fr(self) -> str:
        if self.before == self.after and not self.collation_fixed:
            return f"Base {self.where} déjà prête (schéma {self.after}) : rien n'a changé."
        if self.before is None:
            what = f"schéma créé (révision {self.after})"
        elif self.before != self.after:
            what = f"schéma mis à jour de {self.before} vers {self.after}"
        else:
            what = f"schéma {self.after} inchangé"
        extra = [
            "extension btree_gist et contraintes anti-chevauchement en place",
            "ordre binaire des textes (collation C)",
        ]
        if self.collation_fixed:
            extra.append(f"{self.collation_fixed} colonne(s) passée(s) en ordre binaire")
        if self.backup:
            extra.append(f"sauvegarde préalable : {self.backup}")
        return f"Base {self.where} : {what} ; " + " ; ".join(extra) + "."


def require_server(location: Path | str) -> str:
    """The location as a server URL, or bad input naming what is expected."""
    if not is_server_url(location):
        raise InputError(
            "not_a_server",
            "Indiquez l'adresse du serveur : --db postgresql+psycopg://utilisateur@serveur/base "
            "(ou MLPLANNER_DB).",
        )
    return str(location)


def init_server(location: Path | str) -> InitResult:
    url = require_server(location)
    db = Database.for_url(url)
    try:
        try:
            current, foreign = server_revision(db)
        except DBAPIError as exc:
            raise storage_error(exc) from exc
        if foreign:
            raise StorageError(
                "db_foreign",
                f"La base {db.where} contient les tables d'un autre logiciel : base laissée intacte.",
            )
        if current is not None and current not in known_revisions():
            raise StorageError(
                "db_too_new",
                "La base du serveur a été préparée par une version plus récente de mlplanner : "
                "mettez le logiciel à jour. Base laissée intacte.",
            )
        backup = None
        if current is not None and current != head_revision():
            backup = str(_backup_before(db, current))
        try:
            before, after, fixed = upgrade_server(db)
        except DBAPIError as exc:
            raise storage_error(exc) from exc
        return InitResult(before, after, len(fixed), backup, db.where)
    finally:
        db.dispose()


def _backup_before(db: Database, revision: str) -> Path:
    """A dump of a server's data before its schema is upgraded (never rotated, like a file's)."""
    from mlplanner.domain.clock import SystemClock
    from mlplanner.services.backups import BackupService
    from mlplanner.services.context import ServiceContext

    backups = BackupService(ServiceContext(db, SystemClock()), restore_hooks=())  # it only takes a dump
    return backups.backup_now(f"before-{revision.lower()}").path


def store_password(location: Path | str, secret: str) -> str:
    """Keep the server password in the operating system's keyring (entry `user@host:port/database`);
    returns the entry's name. The engine finds it there when the URL has none."""
    url = server_url(require_server(location))
    if url.password:
        raise InputError(
            "password_in_url", "L'adresse contient déjà un mot de passe : retirez-le de l'adresse."
        )
    if not secret:
        raise InputError("empty_password", "Mot de passe vide : rien n'a été enregistré.")
    import keyring
    from keyring.errors import KeyringError

    key = keyring_key(url)
    try:
        keyring.set_password(KEYRING_SERVICE, key, secret)
    except (KeyringError, RuntimeError) as exc:
        raise StorageError(
            "no_keyring",
            "Aucun trousseau du système n'est disponible sur ce poste : utilisez un fichier pgpass ou "
            "un service libpq (voir la section « Mode serveur » du README).",
        ) from exc
    return key
