"""Reading rows that must exist: the row a foreign key points at."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

from mlplanner.domain.errors import StorageError

T = TypeVar("T", bound=SQLModel)


def referenced(session: Session, table: type[T], key: str | None) -> T:
    """The row `key` names in `table`, where a foreign key says it exists. Foreign keys are enforced,
    so a missing row means a damaged file: a clear error rather than an AttributeError on None."""
    row = session.get(table, key) if key is not None else None
    if row is None:
        raise StorageError(
            "missing_row", f"La base est incohérente : {table.__name__} « {key} » introuvable."
        )
    return row
