"""Domain errors carry a reason code (for tests and machines) and a French sentence (for people).

The CLI maps the class to an exit code: `InputError` (and subclasses) → 2, `RuleViolation` → 3.
"""

from __future__ import annotations

import errno
from typing import Any


class DomainError(Exception):
    """Base of every error a user may see. `message` is a complete French sentence."""

    exit_code = 2

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class InputError(DomainError):
    """Malformed or impossible input: a date that does not exist, an empty name..."""


class NotFound(InputError):
    """An id or name that matches nothing."""


class RuleViolation(DomainError):
    """Well-formed input that a business rule refuses (overlap, closed site, holiday...)."""

    exit_code = 3


class PermissionDenied(RuleViolation):
    """The logged-in person's role does not allow the action."""


class StorageError(DomainError):
    """The database cannot be used: locked for too long, read-only, corrupt, foreign or too new."""

    exit_code = 4


class NoSite(StorageError):
    """The file has no site yet. For a command that is the user's input (exit 2): the message says how
    to create one (`site init`, `site join`, or the demo)."""

    exit_code = 2


_ERRNO_FR = {
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOENT: "introuvable",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EBUSY: "indiquez un nom de fichier",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise (fichier protégé ?)",
    errno.EROFS: "support en lecture seule",
    errno.ENOSPC: "disque plein",
}


def os_reason_fr(exc: OSError) -> str:
    """Why a file could not be used, in French words (the system's own text is in English)."""
    return _ERRNO_FR.get(exc.errno or 0, exc.strerror or str(exc))
