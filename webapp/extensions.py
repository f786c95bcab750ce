"""Unbound extension singletons; everyone imports them from here."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from webapp.dbtypes import render_migration_item


class Base(DeclarativeBase):
    """Declarative base for typed models."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True, render_item=render_migration_item)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
compress = Compress()  # JSON responses only (COMPRESS_MIMETYPES): a phone's first pull is 10× smaller
def rate_key() -> str:
    """Rate limits count per device token when one is sent (phones of a clinic share one address), else per IP."""
    import hashlib

    from flask import request

    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return "t:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]
    return "ip:" + (get_remote_address() or "-")


def account_key() -> str:
    """The account a sign-in names (form or JSON `username`, case-folded, hashed): failed passwords are also counted
    per account, so guesses spread over many addresses still stop."""
    import hashlib

    from flask import request

    body = request.get_json(silent=True)
    name = request.form.get("username") or (body.get("username") if isinstance(body, dict) else None) or ""
    return "a:" + hashlib.sha256(str(name).strip().casefold().encode()).hexdigest()[:24]


def account_limit() -> str:
    """The failed sign-ins one account may have (ACCOUNT_SIGN_IN_LIMIT), on the web form and the token endpoint."""
    from flask import current_app

    return current_app.config["ACCOUNT_SIGN_IN_LIMIT"]


def failed_sign_in(response) -> bool:
    """Whether a sign-in response is a refusal (the form shown again, 401), the only ones the account limit counts."""
    return response.status_code in (200, 400, 401, 422)


limiter = Limiter(key_func=rate_key, default_limits=[])
