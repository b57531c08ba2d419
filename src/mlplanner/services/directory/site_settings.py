"""Small site preferences kept in the file's `meta` table (local to the site, never synced).

Each setting is declared once, as an `IntSetting` constant of the module that uses it (with its default,
bounds and French label), and read or changed through that constant, so the settings page, the CLI and
the services read the same value; the composition root gives the service the catalogue of them all (for
`mlplanner settings list`). Changing one is permission-checked and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from mlplanner.domain.errors import InputError, NotFound
from mlplanner.domain.models import Changes
from mlplanner.services import audit
from mlplanner.services.bounds import checked_dates
from mlplanner.services.context import Actor, ServiceContext
from mlplanner.services.network import settings as network_settings
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Meta


@dataclass(frozen=True)
class IntSetting:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str = ""


NO_CONTACT_WEEKS = IntSetting(
    key="followup.no_contact_weeks",
    label="Relancer un jeune sans contact depuis",
    default=6,
    minimum=1,
    maximum=52,
    unit="semaines",
)

# The no-show policy (issue 18): a young person still not there this long after the start, once marked
# absent, gives the rest of the slot back (proposed to the "plus tôt si possible" list). 0: never.
NO_SHOW_FREES_AFTER = IntSetting(
    key="reception.no_show_frees_after_min",
    label="Libérer le reste du créneau d'un jeune absent après",
    default=0,
    minimum=0,
    maximum=120,
    unit="minutes de retard (0 : jamais)",
)


def int_setting(session: Session, setting: IntSetting) -> int:
    """A setting read inside the caller's transaction (the default when unset or out of bounds)."""
    row = session.get(Meta, setting.key)
    try:
        value = int(row.value) if row is not None else setting.default
    except ValueError:
        return setting.default
    return value if setting.minimum <= value <= setting.maximum else setting.default


@checked_dates
class SiteSettingsService:
    """`catalogue`: every numeric setting of every area, for whoever lists them or finds one by its key
    (`mlplanner settings`), given by the composition root. A service reading its own setting needs none:
    it passes the `IntSetting` constant itself."""

    def __init__(self, ctx: ServiceContext, *, catalogue: Sequence[IntSetting] = ()) -> None:
        self.ctx = ctx
        self.catalogue: tuple[IntSetting, ...] = tuple(catalogue)

    def setting(self, key: str) -> IntSetting:
        """The numeric setting of that key (from the catalogue)."""
        found = next((s for s in self.catalogue if s.key == key), None)
        if found is None:
            raise NotFound("unknown_setting", f"Réglage inconnu : « {key} ».")
        return found

    def get_int(self, setting: IntSetting) -> int:
        """The stored value, or the default when unset or unreadable (a bad value never blocks a view)."""
        with self.ctx.read() as s:
            row = s.get(Meta, setting.key)
        try:
            value = int(row.value) if row is not None else setting.default
        except ValueError:
            return setting.default
        return value if setting.minimum <= value <= setting.maximum else setting.default

    def set_int(self, *, actor: Actor, setting: IntSetting, value: int) -> Changes:
        require(actor, Perm.CONFIGURE_SITE)
        if not isinstance(value, int) or not setting.minimum <= value <= setting.maximum:
            raise InputError(
                "bad_setting",
                f"{setting.label} : indiquez un nombre entre {setting.minimum} et {setting.maximum}"
                f"{' ' + setting.unit if setting.unit else ''}.",
            )
        with self.ctx.write() as s:
            row = s.get(Meta, setting.key)
            before = row.value if row is not None else ""
            row = row or Meta(key=setting.key)
            row.value = str(value)
            s.add(row)
            network_settings.share(s, setting.key, str(value))  # the structure's rules travel to every site
            audit.record(
                s,
                self.ctx,
                actor,
                action="update",
                entity="setting",
                entity_id=setting.key,
                before={"value": before} if before else None,
                after={"value": str(value)},
            )
        return Changes.of("config")

    def stored(self, prefix: str) -> dict[str, str]:
        """The values written in the file for keys starting with `prefix` (what `settings list` shows)."""
        with self.ctx.read() as s:
            rows = s.execute(select(Meta).where(col(Meta.key).startswith(prefix))).scalars()
            return {row.key: row.value for row in rows}

    # --- named accessors ---------------------------------------------------------------------------
    def no_contact_weeks(self) -> int:
        return self.get_int(NO_CONTACT_WEEKS)

    def set_no_contact_weeks(self, *, actor: Actor, weeks: int) -> Changes:
        return self.set_int(actor=actor, setting=NO_CONTACT_WEEKS, value=weeks)

    def no_show_frees_after(self) -> int:
        return self.get_int(NO_SHOW_FREES_AFTER)
