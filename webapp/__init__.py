"""ImmuQC: the Flask app factory, read as a table of contents."""

import os

from flask import Flask, request, session
from flask_login import current_user
from sqlalchemy import event

from webapp.config import load_config
from webapp.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from webapp.proxy import trust_proxies


def create_app(config=None) -> Flask:
    """Build the app; `config` is a mapping that overrides every other setting (tests)."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    register_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    trust_proxies(app)
    register_commands(app)
    register_navigation(app)
    return app


def register_logging(app):
    """JSON lines with a request id on stderr; no personal data is ever formatted into messages."""
    from webapp.logging_setup import configure_logging

    configure_logging(app)


def register_extensions(app):
    """Bind the extension singletons to this app."""
    from webapp import models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    babel.init_app(app, locale_selector=select_locale)
    from flask_babel import get_locale

    app.jinja_env.globals["get_locale"] = get_locale
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)
            event.listen(db.engine, "begin", _sqlite_begin)


def _load_user(user_id):
    """The session's user, unless the session predates the user's last sign-out (a replayed cookie)."""
    from webapp.models import User

    user = db.session.get(User, int(user_id))
    if user is None or session.get("epoch") != user.session_epoch:
        return None
    return user


def _sqlite_pragmas(dbapi_conn, _record):
    """WAL for concurrent readers, a busy timeout for writers, and enforced foreign keys.

    The driver's own transaction handling is switched off (isolation_level=None) and _sqlite_begin emits
    BEGIN itself: pysqlite otherwise lets an outermost SAVEPOINT's RELEASE commit, which breaks per-item
    savepoints and all-or-nothing imports.
    """
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn):
    """Write requests take the write lock up front (BEGIN IMMEDIATE): a deferred transaction that upgrades to a
    write under WAL can fail with SQLITE_BUSY without waiting. Reads and work outside requests stay deferred."""
    from flask import has_request_context

    writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def select_locale():
    """zh_CN unless the user (or this session, or ?lang=) chose English; the CLI speaks Chinese."""
    from flask import has_request_context

    if not has_request_context():
        return "zh_CN"
    choice = request.args.get("lang") or session.get("lang")
    if choice is None and current_user and current_user.is_authenticated:
        choice = current_user.locale
    if choice is None and request.path.startswith("/api/"):
        choice = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    return "en" if choice == "en" else "zh_CN"


def register_blueprints(app):
    """Mount every user-facing area."""
    from webapp.admin import bp as admin_bp
    from webapp.api import bp as api_bp
    from webapp.auth import bp as auth_bp
    from webapp.health import bp as health_bp  # GET /healthz
    from webapp.privacy import bp as privacy_bp
    from webapp.pwa import bp as pwa_bp  # the offline phone app under /app/
    from webapp.registry import bp as registry_bp
    from webapp.review import bp as review_bp
    from webapp.schools import bp as schools_bp
    from webapp.scores import bp as scores_bp
    from webapp.stock import bp as stock_bp

    for bp in (auth_bp, admin_bp, api_bp, pwa_bp, registry_bp, review_bp, schools_bp, scores_bp, stock_bp,
               privacy_bp, health_bp):
        app.register_blueprint(bp)
    csrf.exempt(api_bp)


def register_error_handlers(app):
    """problem+json for the API, HTML pages elsewhere."""
    from webapp.errors import register_error_handlers as register

    register(app)


def register_security_headers(app):
    """CSP without inline script, no framing, no sniffing; cookies are configured HttpOnly + Lax."""
    from webapp.request_guard import BoundedJSONProvider, refuse_nul_characters
    from webapp.security import add_security_headers

    app.json = BoundedJSONProvider(app)

    app.after_request(add_security_headers)
    app.before_request(refuse_nul_characters)  # PostgreSQL cannot store U+0000: a 422 naming the field, not a 500


def register_navigation(app):
    """Start-page tiles per role."""
    from webapp.navigation import register_navigation as register

    register(app)


def register_commands(app):
    """flask users …, flask seed-demo."""
    from webapp.cli import register

    register(app)
