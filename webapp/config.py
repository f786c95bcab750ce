"""Configuration in layers: safe defaults, instance/config.py, .env, environment, then a test mapping.

Every entry point (`flask`, gunicorn through wsgi.py, a script calling create_app()) reads settings the same way:
`.env` (python-dotenv; values already in the environment win), then the environment. Outside tests the app refuses
to start without an explicit ENV_NAME, and in production without a real SECRET_KEY and DATABASE_URL.
"""

import os
from pathlib import Path

from webapp.domain.constants import PUSH_LIMIT

ENV_NAMES = ("development", "testing", "production")

DEV_SECRET = "dev-only-not-secret"  # noqa: S105  (refused outside development/testing)


class Defaults:
    """Safe defaults; every setting is documented in .env.example."""

    ENV_NAME = None  # must be chosen explicitly (environment, .env or instance/config.py); tests pass "testing"
    SECRET_KEY = DEV_SECRET
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_CN", "en")
    COUNTY_TIMEZONE = "Asia/Shanghai"
    TOKEN_IDLE_DAYS = 30
    SYNC_MAX_ITEMS = PUSH_LIMIT  # the phone splits its outbox at the same limit (webapp/data/constants.json)
    SYNC_MIN_SCHEMA_VERSION = 1
    SYNC_SCHEMA_VERSION = 1
    LOGIN_RATE_LIMIT = "5 per minute;30 per hour"
    TOKEN_RATE_LIMIT = "10 per minute"  # noqa: S105
    ACCOUNT_SIGN_IN_LIMIT = "20 per hour"  # failed sign-ins per account from one address (web and token)
    ACCOUNT_SPREAD_LIMIT = "100 per hour"  # failed sign-ins per account from all addresses together
    API_RATE_LIMIT = "600 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis away: count in this process's memory, never answer 500
    RATELIMIT_SWALLOW_ERRORS = True  # a storage error between check and count is logged, not raised
    RATELIMIT_HEADERS_ENABLED = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 40 * 1024 * 1024  # a full push: 500 signed consents × 64 KB signature ≈ 33 MB (nginx: 40m)
    ZERO_REPORT_CADENCE = "monthly"
    # Compressed JSON for the phones (brotli or gzip, as the phone's browser offers). HTML pages are not compressed:
    # they carry CSRF tokens beside text a visitor can influence (BREACH); the API's bearer tokens are not cookies.
    COMPRESS_MIMETYPES = ["application/json", "application/problem+json"]
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 5
    COMPRESS_LEVEL = 6
    COMPRESS_MIN_SIZE = 1024
    SCORE_GK_RULES = False  # rules marked [GK] (unverified) in domain.md cost points only when True
    TRUSTED_PROXIES = 0  # reverse proxies in front of the app whose X-Forwarded-* headers are trusted


ENV_KEYS = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "ENV_NAME": str,
    "RATELIMIT_STORAGE_URI": str,
    "SESSION_COOKIE_SECURE": lambda v: v.lower() in ("1", "true", "yes"),
    "TOKEN_IDLE_DAYS": int,
    "COUNTY_TIMEZONE": str,
    "ZERO_REPORT_CADENCE": str,
    "SCORE_GK_RULES": lambda v: v.lower() in ("1", "true", "yes"),
    "TRUSTED_PROXIES": int,
    "RUBRICS_DIR": str,
    "SCORE_PHOTO_DIR": str,
    "STOCK_EXPIRY_WARN_DAYS": int,
    # AEFI time limits and surveillance settings (defaults in webapp/services/aefi/settings.py)
    **{key: float for key in (
        "AEFI_REPORT_HOURS", "AEFI_URGENT_REPORT_HOURS", "AEFI_INVESTIGATION_START_HOURS",
        "AEFI_INVESTIGATION_FORM_DAYS", "AEFI_PRELIMINARY_REPORT_DAYS", "AEFI_CONCLUSION_DAYS",
        "AEFI_DUE_SOON_FRACTION", "AEFI_REFERENCE_RATE", "AEFI_POISSON_THRESHOLD", "AEFI_ZERO_REPORT_GRACE_DAYS",
        "AEFI_LOT_WINDOW_DAYS", "AEFI_LOT_THRESHOLD", "DEVICE_SILENT_DAYS", "AEFI_CLUSTER_DAYS",
        "AEFI_CLUSTER_MIN")},
}


def load_config(app, overrides=None):
    """Fill app.config from defaults, instance/config.py, the environment and overrides, in that order."""
    if overrides is None:
        load_env_file()
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for key, cast in ENV_KEYS.items():
        if os.environ.get(key, "") != "":  # an empty line copied from .env.example keeps the default
            app.config[key] = cast(os.environ[key])
    if overrides:
        app.config.update(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI") or (overrides or {}).get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(app)
    _engine_options(app)
    _limiter_options(app)
    _require_env_name(app)
    _refuse_insecure(app)


def load_env_file() -> str | None:
    """Read `.env` (ENV_FILE, else the first .env from the working directory upwards) into the environment without
    overriding what is already set, as the `flask` command does; returns the file read."""
    from dotenv import find_dotenv, load_dotenv

    path = os.environ.get("ENV_FILE") or find_dotenv(usecwd=True)
    if path:
        load_dotenv(path, override=False, encoding="utf-8")
    return path or None


def database_uri(app) -> str:
    """DATABASE_URL, or the SQLite file in instance/."""
    url = app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'immuqc.sqlite'}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for postgres URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _engine_options(app):
    """SQLite gets a busy timeout; PostgreSQL gets pre-ping so a restarted server is survived."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    opts = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    opts.setdefault("hide_parameters", True)  # SQL errors in logs never carry the submitted (personal) values
    if uri.startswith("sqlite"):
        opts.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
    else:
        opts.setdefault("pool_pre_ping", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = opts


def _limiter_options(app):
    """Short Redis timeouts, so an unreachable rate-limit store costs a second, not a hung worker."""
    if str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis", "rediss")):
        opts = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        opts.setdefault("socket_connect_timeout", 1)
        opts.setdefault("socket_timeout", 1)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = opts


def _require_env_name(app):
    """ENV_NAME must be chosen: a server that silently comes up in development mode (public secret key, SQLite in
    instance/) is worse than one that does not start. Tests (TESTING) default to "testing"."""
    name = app.config.get("ENV_NAME")
    if not name and app.config.get("TESTING"):
        app.config["ENV_NAME"] = name = "testing"
    if name not in ENV_NAMES:
        raise RuntimeError(f"ENV_NAME must be one of {', '.join(ENV_NAMES)} (got {name!r}): set it in .env or the "
                           "environment (copy .env.example to .env); `make run` uses development")


def _refuse_insecure(app):
    """Outside development and testing, a real SECRET_KEY and an explicit DATABASE_URL are required."""
    if app.config.get("TESTING") or app.config["ENV_NAME"] in ("development", "testing"):
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == DEV_SECRET or len(key) < 32:
        raise RuntimeError("SECRET_KEY must be set to a random value of at least 32 characters in production")
    if not (app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")):
        raise RuntimeError("DATABASE_URL must be set in production (postgresql://user:password@host:5432/immuqc)")
