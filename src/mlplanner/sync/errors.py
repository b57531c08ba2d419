"""Errors of the sync folder and of change sets, with a French sentence for the user."""

from __future__ import annotations

from mlplanner.domain.errors import StorageError


class SyncFolderError(StorageError):
    """The sync folder is missing, read-only, full or already being synced by this site."""


class ChangeSetRefused(StorageError):
    """A change set that must not be applied (damaged, incomplete, forged, too new). Retried next sync."""
