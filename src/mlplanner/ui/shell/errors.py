"""Unexpected errors: log them with their traceback, tell the user in French where the log is, go on.

`install(prompt)` replaces `sys.excepthook` (exceptions escaping Qt slots end there in PySide6), so no
traceback ever reaches a user and the app keeps running. Domain errors are not "unexpected": they are
shown by `Operations` with their own French message.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from mlplanner import logging_setup
from mlplanner.domain.errors import DomainError, StorageError
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.prompt import Prompt

log = logging.getLogger("mlplanner.ui")

_state: dict[str, object] = {"log_file": None, "prompt": None, "showing": False}


def setup_logging(directory: Path | None = None) -> Path | None:
    """The shared rotating log (personal data masked, see `mlplanner.logging_setup`); its path is shown
    in error dialogs. None when the folder cannot be written: the app still runs."""
    path = logging_setup.configure(folder=directory)
    _state["log_file"] = path
    return path


def log_file() -> Path | None:
    return _state["log_file"]  # type: ignore[return-value]


def unexpected_message(path: Path | None) -> str:
    where = (
        tr("\n\nLe détail technique est enregistré dans le journal :\n{path}").format(path=path)
        if path
        else ""
    )
    return (
        tr(
            "Une erreur inattendue s'est produite. L'application reste ouverte et rien de ce qui était "
            "déjà enregistré n'est perdu ; vérifiez la dernière action puis recommencez si besoin."
        )
        + where
    )


def report_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The excepthook: log the traceback, show a French dialog once at a time, never raise."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, DomainError):  # escaped a slot without Operations: still a readable message
        log.warning("domain error outside an operation: %s", exc.code)
        message = refusal_text(exc)
        # nothing unexpected about it: say what it is about (a base that went away is the usual one)
        title = tr("Base de données") if isinstance(exc, StorageError) else "mlplanner"
    else:
        logging_setup.log_unexpected(exc_type, exc, tb)
        message = unexpected_message(log_file())
        title = tr("Erreur inattendue")
    prompt: Prompt | None = _state["prompt"]  # type: ignore[assignment]
    if prompt is None or _state["showing"]:
        return
    _state["showing"] = True
    try:
        prompt.error(None, message, title=title)
    except Exception:  # a failing dialog must not loop back here
        log.exception("could not show the error dialog")
    finally:
        _state["showing"] = False


def install(prompt: Prompt) -> None:
    _state["prompt"] = prompt
    sys.excepthook = report_unexpected
