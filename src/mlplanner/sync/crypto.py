"""Optional network passphrase: authenticated encryption of change sets with Fernet (AES-CBC + HMAC).

The key is derived from the passphrase with PBKDF2-SHA256 and a random salt recorded in each manifest;
derived keys are cached, so a sync pays the derivation once per writing site, not once per file.
"""

from __future__ import annotations

import base64
import functools
import os

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

KDF_NAME = "pbkdf2-sha256"
KDF_ITERATIONS = 200_000
# what a manifest may ask for: a forged count of billions would make the sync hang
KDF_MIN_ITERATIONS, KDF_MAX_ITERATIONS = 100_000, 2_000_000


class AuthenticationFailed(Exception):
    """Wrong passphrase, or a file altered after it was sealed."""


def new_salt() -> str:
    return base64.urlsafe_b64encode(os.urandom(16)).decode("ascii")


@functools.lru_cache(maxsize=64)
def _fernet(passphrase: str, salt: str, iterations: int) -> Fernet:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode("ascii"), iterations=iterations)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8"))))


def seal(data: bytes, passphrase: str, salt: str, iterations: int = KDF_ITERATIONS) -> bytes:
    return _fernet(passphrase, salt, iterations).encrypt(data)


def unseal(token: bytes, passphrase: str, salt: str, iterations: int = KDF_ITERATIONS) -> bytes:
    try:
        return _fernet(passphrase, salt, iterations).decrypt(token)
    except (InvalidToken, ValueError) as exc:
        raise AuthenticationFailed() from exc
