"""Fixtures: every database test runs on SQLite and on PostgreSQL (ids [sqlite] and [postgresql])."""

import contextvars

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade

from tests import dbsetup
from webapp import create_app
from webapp.extensions import db as _db
from webapp.extensions import limiter

DEMO_PASSWORD = "Demo-2026!"


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, so `g` and the db session are per request as in production."""

    def open(self, *args, **kwargs):
        """Send the request outside the test's own app context.

        The test's own session is committed first: its writes become visible to the request, and on SQLite its
        read snapshot ends, so what the request writes is visible to the test afterwards.
        """
        from flask import has_app_context

        if has_app_context():
            _db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)


def migrated_app(backend, tmp_dir, **overrides):
    """A migrated test app on a fresh database of the backend; yields it and drops the database afterwards."""
    url, pg_name = dbsetup.database_url(backend, tmp_dir)
    app = create_app({"TESTING": True, "DATABASE_URL": url,
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
                      "WTF_CSRF_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://", "ENV_NAME": "testing",
                      **overrides})
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()
    if pg_name:
        dbsetup.drop_pg_database(pg_name)


@pytest.fixture(scope="session", params=dbsetup.BACKENDS)
def _app(request, tmp_path_factory):
    """One migrated app per backend for the whole session."""
    yield from migrated_app(request.param, tmp_path_factory.mktemp(request.param))


@pytest.fixture
def app(_app):
    """The session app, emptied after each test, with rate limits reset."""
    saved = dict(_app.config)
    with _app.app_context():
        limiter.reset()
        yield _app
        _db.session.remove()
        dbsetup.truncate_all(_db)
    _app.config.clear()
    _app.config.update(saved)


@pytest.fixture
def db(app):
    """The SQLAlchemy handle, inside the app context."""
    return _db


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def demo_org(app):
    """The demo organisation and accounts, no records."""
    from webapp.demo.seed import seed_demo

    seed_demo(org_only=True)
    _db.session.commit()


@pytest.fixture
def token_for(client, demo_org):
    """Issue a device token for a demo user; returns the Authorization header dict."""
    def issue(username="demo-nurse", device_id="dev-1"):
        resp = client.post("/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD,
                                                       "device_id": device_id, "device_name": "test phone"})
        assert resp.status_code == 201, resp.get_json()
        return {"Authorization": f"Bearer {resp.get_json()['token']}"}
    return issue


class Auth:
    """Sign in and out through the HTML form, with the CSRF token read from the page."""

    def __init__(self, client):
        self.client = client

    def csrf(self, path="/login"):
        """Fetch a page and pull the CSRF token out of it."""
        import re
        html = self.client.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', html)
        return match.group(1) if match else None

    def login(self, username="demo-admin", password=DEMO_PASSWORD):
        """Sign in; returns the response."""
        return self.client.post("/login", data={"username": username, "password": password,
                                                "csrf_token": self.csrf()})


@pytest.fixture
def auth(client, demo_org):
    """The HTML sign-in helper."""
    return Auth(client)
