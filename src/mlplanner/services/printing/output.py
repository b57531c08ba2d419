"""Where a rendered document goes (memory, a file, a stream) and the audit entry that goes with it.

A document is rendered into memory first; the file is written to a temporary name next to its target
and renamed over it inside the transaction that records the audit entry, so an error at any step leaves
neither a half-written file nor a print that the log does not know about.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlmodel import Session

from mlplanner.domain.errors import InputError
from mlplanner.domain.wallclock import parse_date
from mlplanner.services import audit
from mlplanner.services.context import Actor, ServiceContext

Out = Path | str | BinaryIO | None

KINDS_FR = {
    "day": "Planning du jour",
    "counsellor": "Rendez-vous du jour",
    "week": "Planning de la semaine",
    "roster": "Feuille d'émargement",
    "slip": "Confirmation de rendez-vous",
    "calls": "Appels de rappel",
}
OUTPUTS_FR = {
    "file": "fichier PDF",
    "stream": "PDF transmis",
    "data": "PDF transmis à l'application",
    "printer": "imprimante",
    "pdf": "PDF enregistré",
}


@dataclass(frozen=True)
class PrintResult:
    """A rendered document: where it went, how many pages, and what the audit log says about it."""

    kind: str  # "day", "counsellor", "week", "roster", "slip", "calls"
    title: str  # "Planning du jour – mardi 2 mars 2027"
    pages: int
    size: int  # bytes
    path: Path | None = None  # the file written, if any
    data: bytes | None = field(default=None, repr=False)  # the PDF, when no file or stream was given
    entity_id: str = ""  # day (ISO), appointment, session or counsellor id
    youth_id: str = ""  # the slip's young person
    people: int = 0  # young people named in the document
    recorded: bool = False  # an audit entry was written


@dataclass(frozen=True)
class Document:
    """What to render and how the audit log names it."""

    kind: str
    title: str
    render: Callable[[Any, Any], int]
    doc: object
    entity_id: str = ""
    youth_id: str = ""
    people: int = 0


def as_day(value: date | datetime | str) -> date:
    """A day from a date, a datetime or text (dd/mm/yyyy or ISO), as the UI's signals may carry any."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


def emit(ctx: ServiceContext, actor: Actor, d: Document, out: Out, *, preview: bool) -> PrintResult:
    """Render `d` into memory, then deliver it to `out` and record the print (unless a preview)."""
    path = Path(out) if isinstance(out, str | Path) else None
    if path is not None and not path.parent.is_dir():
        raise InputError("no_folder", f"Le dossier « {path.parent} » n'existe pas.")
    if path is not None and path.is_dir():
        raise InputError("out_is_folder", f"« {path} » est un dossier : indiquez un nom de fichier PDF.")
    buf = io.BytesIO()
    pages = d.render(d.doc, buf)
    data = buf.getvalue()
    result = PrintResult(
        kind=d.kind,
        title=d.title,
        pages=pages,
        size=len(data),
        path=path,
        data=data if out is None else None,
        entity_id=d.entity_id,
        youth_id=d.youth_id,
        people=d.people,
        recorded=not preview,
    )
    if preview:
        return result
    tmp = write_temp(path, data) if path is not None else None
    try:
        with ctx.write() as s:
            output = "file" if path is not None else "stream" if out is not None else "data"
            record(s, ctx, actor, result, output, path)
            if tmp is not None and path is not None:
                os.replace(tmp, path)
                tmp = None
            elif out is not None and path is None:
                out.write(data)  # type: ignore[union-attr]
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return result


def record(
    s: Session, ctx: ServiceContext, actor: Actor, r: PrintResult, output: str, path: Path | None
) -> None:
    """The audit entry of a print: which document, how many pages and young people, where it went."""
    after: dict[str, Any] = {
        "document": r.title,
        "pages": r.pages,
        "youths": r.people,
        "output": OUTPUTS_FR.get(output, output),
    }
    if path is not None:
        after["file"] = str(path)
    audit.record(
        s,
        ctx,
        actor,
        action="print",
        entity=r.kind,
        entity_id=r.entity_id,
        youth_id=r.youth_id,
        after=after,
    )


def write_temp(path: Path, data: bytes) -> str:
    """The PDF in a temporary file next to `path` (renamed over it once the audit entry is written)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mlplanner-", suffix=".pdf", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise InputError("cannot_write", f"Impossible d'écrire « {path} » : {exc.strerror or exc}.") from exc
    return tmp
