"""Password hashing with argon2id."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

_hasher = PasswordHasher()
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # tests only


def _current() -> PasswordHasher:
    return _fast_hasher if has_app_context() and current_app.config.get("TESTING") else _hasher


def hash_password(password: str) -> str:
    """Hash a password for storage (argon2id; cheap parameters only under TESTING)."""
    return _current().hash(password)


_STAND_IN = {}


def stand_in_hash() -> str:
    """A hash of a random secret with the current parameters: verified for unknown names so they take as long."""
    hasher = _current()
    if id(hasher) not in _STAND_IN:
        _STAND_IN[id(hasher)] = hasher.hash(secrets.token_urlsafe(24))
    return _STAND_IN[id(hasher)]


def verify_password(stored: str, password: str) -> bool:
    """True when the password matches the stored hash."""
    try:
        return _hasher.verify(stored, password)  # parameters are read from the stored hash
    except (VerificationError, InvalidHashError):
        return False
