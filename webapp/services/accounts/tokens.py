"""Device tokens: issued at sign-in on a phone, stored as hashes, sliding expiry, revocable at once."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request
from flask_login import current_user
from sqlalchemy import select

from webapp.dbtypes import utcnow
from webapp.extensions import db
from webapp.models import DeviceToken, User
from webapp.services.audit import record_audit


def token_digest(token: str) -> str:
    """The stored form of a token (tokens are 256-bit random, so a plain SHA-256 is enough)."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, device_id: str, device_name: str) -> tuple[str, DeviceToken]:
    """Create a token for a user on a device; returns the plain token (shown once) and its row."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = DeviceToken(user_id=user.id, device_id=device_id, device_name=device_name,
                      token_hash=token_digest(token), created_at=now, last_used_at=now,
                      expires_at=now + _idle())
    db.session.add(row)
    db.session.flush()
    return token, row


def _idle() -> timedelta:
    return timedelta(days=current_app.config["TOKEN_IDLE_DAYS"])


def find_valid_token(token: str) -> DeviceToken | None:
    """The live token row for a bearer token, or None if unknown, revoked, expired or its user inactive."""
    row = db.session.execute(
        select(DeviceToken).where(DeviceToken.token_hash == token_digest(token))
    ).scalar_one_or_none()
    now = utcnow()
    if row is None or row.revoked_at is not None or row.expires_at <= now or not row.user.active:
        return None
    return row


def touch_token(row: DeviceToken) -> None:
    """Slide the expiry: a token expires only after a long time without any use."""
    now = utcnow()
    if (now - row.last_used_at) > timedelta(minutes=5):
        row.last_used_at = now
        row.expires_at = now + _idle()


def bearer_token() -> str | None:
    """The token of this request's `Authorization: Bearer` header, if one is sent."""
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else None


def request_token_row() -> DeviceToken | None:
    """The live token row of this request's bearer token (looked up once per request, kept on the request: an app
    context, and so `g`, may outlive one request), or None."""
    if not hasattr(request, "token_row"):
        token = bearer_token()
        request.token_row = find_valid_token(token) if token else None
    return request.token_row


def authenticate_request() -> User | None:
    """The user behind the bearer token, or the session user for reads when no token is sent."""
    if bearer_token() is not None:
        row = request_token_row()
        if row is None:
            return None
        touch_token(row)
        request.device_token = row
        return row.user
    if request.method in ("GET", "HEAD") and current_user.is_authenticated:
        # Session cookies are honoured only for safe methods: writes need a bearer token, so no CSRF risk.
        request.device_token = None
        return current_user._get_current_object()
    return None


def revoke_token(actor, token_id: int) -> DeviceToken:
    """Revoke a device token now; the next request with it gets 401."""
    row = db.get_or_404(DeviceToken, token_id)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        record_audit(actor, "device.revoke", "device_token", row.id,
                     after={"device_id": row.device_id, "user": row.user.username})
    db.session.flush()
    return row


def revoke_user_tokens(actor, user: User, reason: str) -> int:
    """Revoke every live token of a user (password reset, deactivation); audited once; returns how many."""
    rows = db.session.execute(select(DeviceToken).where(DeviceToken.user_id == user.id,
                                                        DeviceToken.revoked_at.is_(None))).scalars().all()
    now = utcnow()
    for row in rows:
        row.revoked_at = now
    if rows:
        record_audit(actor, "device.revoke_all", "user", user.id, after={"tokens": len(rows), "reason": reason})
    db.session.flush()
    return len(rows)
