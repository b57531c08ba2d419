"""One rotating log file per user, written by the app and the CLI alike, with personal data masked.

Code logs ids, never names (the rule); this module is the safety net for what slips through: e-mail
addresses, phone numbers, social-security-like numbers and SQL parameter lists (which may hold a youth's
name) are masked in every line, tracebacks included, before they reach the disk.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
import threading
from pathlib import Path
from types import TracebackType

from mlplanner.paths import log_dir

LOG_FILE_NAME = "mlplanner.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s [%(process)d] %(name)s: %(message)s"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_LONG_NUMBER = re.compile(
    r"(?<![\w-])[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2A|2B)\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?![\w-])"
)
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.S)
MASK = "[masqué]"

_handler: logging.Handler | None = None
_path: Path | None = None


def scrub(text: str) -> str:
    """Mask what looks like personal data in one log line (or traceback)."""
    text = _SQL_PARAMS.sub(f"[parameters: {MASK}]", text)
    text = _EMAIL.sub(MASK, text)
    text = _LONG_NUMBER.sub(MASK, text)
    return _PHONE.sub(MASK, text)


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_file_path(folder: Path | None = None) -> Path:
    """Where the log is written (shown to the user in the French error dialog)."""
    if folder is None and _path is not None:
        return _path
    return (folder or log_dir()) / LOG_FILE_NAME


def configure(*, folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send the `mlplanner` loggers (and warnings) to the rotating file; idempotent per process.

    Returns the log file, or None when the folder cannot be written (the program still runs).
    """
    global _handler, _path
    path = log_file_path(folder) if folder is not None else log_dir() / LOG_FILE_NAME
    if _handler is not None:
        if _path == path:
            return _path
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(path.parent, 0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    logging.captureWarnings(True)
    _handler, _path = handler, path
    return path


def reset() -> None:
    """Detach and close the log file (tests; a process normally keeps it until exit)."""
    global _handler, _path
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
    _handler, _path = None, None


def unexpected_error_message(path: Path | None = None) -> str:
    """The French sentence shown for an error nobody foresaw (CLI line or dialog text)."""
    where = path or log_file_path()
    return (
        "Une erreur inattendue s'est produite. Vos données enregistrées ne sont pas perdues. "
        f"Le détail technique est dans le journal : {where}"
    )


def log_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logging.getLogger("mlplanner.crash").error("unexpected exception", exc_info=(exc_type, exc, tb))


def install_cli_excepthook() -> None:
    """An uncaught exception in the CLI: logged with its traceback, one French line on stderr, exit 1."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_unexpected(exc_type, exc, tb)
        sys.stderr.write(f"mlplanner : {unexpected_error_message()}\n")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log_unexpected(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
