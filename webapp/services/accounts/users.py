"""Users: create, authenticate, change role/scope/active, with scope codes checked against the organisation."""

import unicodedata
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import County, School, Unit, User
from webapp.models.people import ROLES
from webapp.services.accounts.passwords import hash_password, stand_in_hash, verify_password
from webapp.services.accounts.tokens import revoke_user_tokens
from webapp.services.audit import record_audit

SCOPE_MODEL = {"nurse": Unit, "school": School, "county": County, "admin": County}
MIN_PASSWORD = 10
COMMON_PASSWORDS = Path(__file__).resolve().parents[2] / "data" / "common_passwords.txt"


class UserError(ValueError):
    """A user change that cannot be made; `field` names the offending field."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


def check_scope(role: str, scope_code: str) -> None:
    """Raise UserError unless the role is known and the scope code exists for that role."""
    if role not in ROLES:
        raise UserError("role", _("未知角色：%(role)s", role=role))
    if db.session.get(SCOPE_MODEL[role], scope_code) is None:
        raise UserError("scope", _("范围代码 %(code)s 不存在或与角色不符", code=scope_code))


@cache
def _common_passwords() -> frozenset:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str) -> None:
    """Raise UserError unless the password has MIN_PASSWORD characters and is not a well-known one."""
    if len(password or "") < MIN_PASSWORD:
        raise UserError("password", _("密码至少 %(n)d 位", n=MIN_PASSWORD))
    if password.casefold() in _common_passwords():
        raise UserError("password", _("该密码过于常见，容易被猜中，请换一个"))


def check_username(username: str) -> str:
    """The trimmed username; UserError when empty, too long, or holding spaces, control or invisible characters."""
    username = (username or "").strip()
    if not username:
        raise UserError("username", _("用户名不能为空"))
    odd = any(unicodedata.category(ch)[0] in "CZ" for ch in username)
    if odd or len(username) > 64:
        raise UserError("username", _("用户名只能使用可见字符（不含空格、控制字符），最多 64 个"))
    return username


def create_user(username, password, role, scope_code, display_name="", actor="system") -> User:
    """Create an active user after checking the name, password strength and scope."""
    username = check_username(username)
    if find_user(username) is not None:
        raise UserError("username", _("用户名 %(name)s 已存在", name=username))
    check_password(password)
    check_scope(role, scope_code)
    display_name = (display_name or "").strip()
    user = User(username=username, password_hash=hash_password(password), role=role,
                scope_code=scope_code, display_name=display_name or username, active=True)
    db.session.add(user)
    db.session.flush()
    record_audit(actor, "user.create", "user", user.id, after=user_snapshot(user), scope_code=scope_code)
    return user


def update_user(actor, user: User, role, scope_code, active, display_name=None, password=None) -> User:
    """Change a user's role, scope, active flag and optionally password; audited."""
    before = user_snapshot(user)
    check_scope(role, scope_code)
    if user.active and not active:
        revoke_user_tokens(actor, user, "deactivated")
    user.role, user.scope_code, user.active = role, scope_code, bool(active)
    if display_name and display_name.strip():
        user.display_name = display_name.strip()
    if password:
        check_password(password)
        user.password_hash = hash_password(password)
        user.session_epoch += 1  # signed-in browsers must sign in again with the new password
        revoke_user_tokens(actor, user, "password")  # and so must every phone
    db.session.flush()
    record_audit(actor, "user.update", "user", user.id, before=before, after=user_snapshot(user),
                 scope_code=scope_code)
    return user


def find_user(username: str) -> User | None:
    """The user with this username (case-insensitive), if any."""
    return db.session.execute(
        select(User).where(func.lower(User.username) == (username or "").strip().lower())
    ).scalar_one_or_none()


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None; an unknown or inactive name verifies a stand-in hash, so
    the answer takes as long whether the name exists or not."""
    user = find_user(username)
    usable = user is not None and user.active
    matches = verify_password(user.password_hash if usable else stand_in_hash(), password or "")
    return user if usable and matches else None


def user_snapshot(user: User) -> dict:
    """The audited view of a user (never the password hash)."""
    return {"username": user.username, "role": user.role, "scope": user.scope_code, "active": user.active}
