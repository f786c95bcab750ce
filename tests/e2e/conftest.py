"""Browser tests: a live Flask server (werkzeug, a thread, a free loopback port) and Debian's Chromium.

The e2e tests run on SQLite only: `_app` is overridden here with the sqlite backend (a browser session per
database would double a slow suite without testing anything the API tests do not already cover on PostgreSQL).
"""

import subprocess
import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from tests import dbsetup
from tests.conftest import IsolatedClient
from webapp import create_app
from webapp.extensions import db as _db

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PWA = Path(__file__).resolve().parents[2] / "pwa"


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    """One migrated SQLite app for the browser tests (overrides the two-backend session app)."""
    url, _ = dbsetup.database_url("sqlite", tmp_path_factory.mktemp("e2e"))
    app = create_app({"TESTING": True, "DATABASE_URL": url,
                      "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789", "WTF_CSRF_ENABLED": True,
                      "TOKEN_RATE_LIMIT": "1000/minute", "RATELIMIT_STORAGE_URI": "memory://", "ENV_NAME": "testing"})
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(scope="session")
def built_pwa():
    """The built app (make setup builds it; build here when a developer has not)."""
    if not (PWA / "dist" / "index.html").is_file():
        subprocess.run(["npm", "run", "build", "--silent"], cwd=PWA, check=True)
    return PWA / "dist"


@pytest.fixture
def live_server(app, demo_org, built_pwa):
    """The app served on a free loopback port in a thread; stopped after the test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright itself (skips when Chromium is not installed and CI is not set)."""
    if not Path(CHROMIUM).exists():
        if dbsetup.in_ci():
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Debian's Chromium, headless."""
    b = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield b
    b.close()


CONTEXT = {"viewport": {"width": 360, "height": 740}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def context(browser):
    """A fresh browser profile (its own IndexedDB and service worker) per test."""
    ctx = browser.new_context(**CONTEXT)
    ctx.set_default_timeout(20000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page whose JavaScript errors fail the test."""
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    assert not errors, errors
