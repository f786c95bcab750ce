"""Users with a role and a scope, and the device tokens their phones sync with."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.dbtypes import UTCDateTime, utcnow
from webapp.extensions import db

ROLES = ("nurse", "school", "county", "admin")


class User(UserMixin, db.Model):
    """A person who signs in; `scope_code` is a unit (nurse), school (school) or county (county, admin)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    scope_code: Mapped[str] = mapped_column(String(32), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(8), default=None)
    # Bumped at sign-out and on password change: session cookies carrying an older epoch are refused.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses inactive users."""
        return self.active


class DeviceToken(db.Model):
    """A bearer token issued to one user on one device; only its hash is stored."""

    __tablename__ = "device_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(64), index=True)
    device_name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    app_version: Mapped[str | None] = mapped_column(String(32), default=None)
    clock_offset_s: Mapped[float | None] = mapped_column(default=None)
    outbox_depth: Mapped[int | None] = mapped_column(default=None)
    oldest_unsynced_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    user: Mapped[User] = relationship()
