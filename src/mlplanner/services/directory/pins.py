"""Logging in with a personal code, and the PIN policy around it (see `domain.pins`).

Mixed into `DirectoryService` (`services.directory.login(...)`), kept in its own module:
- a wrong code is counted in the site file, in the same write transaction that checks it; from the 3rd
  in a row the account is locked for a while, longer each time. While locked, no code is even checked.
  The file is shared by the workstations and survives restarts, so the lock does too;
- the lock and the unlock are audited (an expired lock is recorded as unlocked at the next good code);
- an administrator may unlock an account or reset its code: the new code is a one-time code, to be
  replaced by the person at their next login (`pin_change_required`, then `set_secret` on themselves).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from mlplanner.domain.enums import Role
from mlplanner.domain.errors import DomainError, InputError, NotFound, RuleViolation
from mlplanner.domain.models import Changes
from mlplanner.domain.pins import MIN_DIGITS, check_pin, lock_after
from mlplanner.domain.wallclock import local_now
from mlplanner.services import audit
from mlplanner.services.context import SYSTEM_ACTOR, Actor, ServiceContext
from mlplanner.services.permissions import Perm, require
from mlplanner.storage.tables import Credential, Staff

BAD_LOGIN = "Nom ou code incorrect."
ONE_TIME_DIGITS = 8

# --- login secrets (scrypt, never stored in clear, never synced) ---------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        _, n, r, p, salt_hex, digest_hex = stored.split("$")
        digest = hashlib.scrypt(
            secret.encode(), salt=bytes.fromhex(salt_hex), dklen=32, n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def one_time_pin() -> str:
    """A random code to hand over once (8 digits, never an easy one)."""
    while True:
        pin = f"{secrets.randbelow(10**ONE_TIME_DIGITS):0{ONE_TIME_DIGITS}d}"
        try:
            return check_pin(pin)
        except InputError:
            continue


@dataclass(frozen=True)
class LockState:
    failures: int
    locked_until: datetime | None  # aware UTC; None: not locked


class PinPolicy:
    """Login, wrong-PIN locks and one-time PINs (`ctx` and `hash_secret`/`verify_secret` from the host)."""

    ctx: ServiceContext

    def login(self, *, staff_id: str, secret: str) -> Actor:
        """The person behind a name and a code; a wrong code is counted (and may lock the account)."""
        now = self.ctx.clock.now_utc()
        refusal: DomainError | None = None
        actor: Actor | None = None
        with self.ctx.write() as s:
            row = s.get(Staff, staff_id)
            cred = s.get(Credential, staff_id)
            if row is None or not row.active or row.deleted or cred is None:
                raise RuleViolation("bad_login", BAD_LOGIN)
            name = f"{row.first_name} {row.last_name}"
            locked = _aware(cred.locked_until)
            if locked is not None and locked > now:
                refusal = RuleViolation(
                    "locked",
                    f"Compte de {name} verrouillé après {cred.failures} codes erronés, jusqu'à "
                    f"{self._site_time(s, locked)} : réessayez ensuite, ou demandez à un administrateur "
                    "de le déverrouiller.",
                    until=locked,
                )
            elif not verify_secret(secret, cred.secret_hash):
                cred.failures += 1
                lock = lock_after(cred.failures)
                message = BAD_LOGIN
                if lock is not None:
                    cred.locked_until = now + lock
                    seconds = int(lock.total_seconds())
                    span = f"{seconds} secondes" if seconds < 60 else f"{seconds // 60} minute(s)"
                    message = (
                        f"{BAD_LOGIN} Après {cred.failures} codes erronés de suite, le compte est "
                        f"verrouillé pendant {span}."
                    )
                    audit.record(
                        s,
                        self.ctx,
                        SYSTEM_ACTOR,
                        action="lock",
                        entity="staff",
                        entity_id=row.id,
                        reason=f"{cred.failures} codes erronés de suite",
                        after={"locked_until": cred.locked_until.isoformat()},
                    )
                s.add(cred)
                refusal = RuleViolation("bad_login", message, failures=cred.failures)
            else:
                if cred.failures or cred.locked_until is not None:
                    if cred.locked_until is not None:
                        audit.record(
                            s,
                            self.ctx,
                            Actor(id=row.id, name=name, role=Role(row.role)),
                            action="unlock",
                            entity="staff",
                            entity_id=row.id,
                            reason="verrou expiré, code correct",
                        )
                    cred.failures, cred.locked_until = 0, None
                    s.add(cred)
                actor = Actor(id=row.id, name=name, role=Role(row.role))
        if refusal is not None:  # raised after the commit: the count is stored
            raise refusal
        assert actor is not None
        return actor

    def _site_time(self, s: object, instant: datetime) -> str:
        try:
            tz = self.ctx.site_row(s).timezone  # type: ignore[arg-type]
        except DomainError:
            tz = "Europe/Paris"
        return f"{local_now(instant, tz):%H:%M:%S}"

    def lock_state(self, staff_id: str) -> LockState:
        with self.ctx.read() as s:
            cred = s.get(Credential, staff_id)
            if cred is None:
                return LockState(0, None)
            locked = _aware(cred.locked_until)
            now = self.ctx.clock.now_utc()
            return LockState(cred.failures, locked if locked is not None and locked > now else None)

    def pin_change_required(self, staff_id: str) -> bool:
        """Whether this person logged in with a one-time code and must now choose their own."""
        with self.ctx.read() as s:
            cred = s.get(Credential, staff_id)
            return cred is not None and cred.must_change

    def reset_pin(self, *, actor: Actor, staff_id: str) -> str:
        """A new one-time code for someone who forgot theirs (administrators): returned once, to hand
        over; the account is unlocked and the person chooses their own code at the next login."""
        require(actor, Perm.MANAGE_STAFF)
        pin = one_time_pin()
        with self.ctx.write() as s:
            row = s.get(Staff, staff_id)
            if row is None or row.deleted:
                raise NotFound("unknown_staff", "Membre du personnel introuvable.")
            if row.site_id != self.ctx.site_row(s).id:
                raise RuleViolation("other_site", "Ce membre du personnel dépend d'un autre site.")
            if row.role == Role.PARTNER.value:
                raise RuleViolation(
                    "no_login", f"{row.first_name} {row.last_name} n'a pas de compte (partenaire)."
                )
            cred = s.get(Credential, staff_id) or Credential(staff_id=staff_id, secret_hash="")
            cred.secret_hash = hash_secret(pin)
            cred.must_change = True
            cred.failures, cred.locked_until = 0, None
            cred.updated_at = self.ctx.clock.now_utc()
            s.add(cred)
            audit.record(s, self.ctx, actor, action="reset_pin", entity="staff", entity_id=staff_id)
        return pin

    def unlock(self, *, actor: Actor, staff_id: str) -> Changes:
        """End a lock now, keeping the code (administrators)."""
        require(actor, Perm.MANAGE_STAFF)
        with self.ctx.write() as s:
            cred = s.get(Credential, staff_id)
            if cred is None:
                raise NotFound("unknown_staff", "Ce membre du personnel n'a pas de code.")
            if cred.failures or cred.locked_until is not None:
                cred.failures, cred.locked_until = 0, None
                s.add(cred)
                audit.record(
                    s,
                    self.ctx,
                    actor,
                    action="unlock",
                    entity="staff",
                    entity_id=staff_id,
                    reason="par un administrateur",
                )
        return Changes.of("staff", ids=(staff_id,))


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes from some paths: they are UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


__all__ = [
    "BAD_LOGIN",
    "MIN_DIGITS",
    "LockState",
    "PinPolicy",
    "hash_secret",
    "one_time_pin",
    "verify_secret",
]
